/**
 * Survival: the Kaplan–Meier table (RETAIN.SURVIVAL), the median lifetime
 * (RETAIN.MEDIANLIFETIME) and the curve as a scatter chart with its confidence band.
 *
 * Lifetimes are tenure in whole reporting periods, rounded up, for every customer who started
 * by the as-of date; a customer whose end date is after as-of (or blank) is still active
 * (censored). The Live formula builds the same columns with LET and FILTER (see
 * ./compute.ts `lifetimes` for the Values twin).
 */
import { cell, range } from "../a1";
import { PERIOD_DAYS } from "../../core/retention";
import type { PlanCell } from "../sheet-plan";
import { NOT_AVAILABLE, ref, type PlanContext } from "./context";
import { COLORS, FIRST_COLUMN, FORMATS } from "./styles";

/** Rows kept free under the table in Live mode, so the spill can grow as tenure grows. */
export const SURVIVAL_SLACK_ROWS = 6;
const SURVIVAL_COLUMNS = 7;
const CHART_ROWS = 16;

/**
 * The LET that builds the lifetime columns and evaluates `body` with them: k marks customers
 * counted (started by as-of, and in the segment when `segmentCondition` is given), g marks
 * those gone by as-of, d is tenure in whole periods.
 */
export function survivalLet(ctx: PlanContext, body: string, segmentCondition?: string): string {
  const customers = ctx.analysis.inputs.customers;
  const s = ref(customers, "startDate");
  const e = ref(customers, "endDate");
  const a = ctx.cells.asOf;
  const days = PERIOD_DAYS[ctx.options.period];
  const segment = segmentCondition === undefined ? "" : `*(${segmentCondition})`;
  return (
    `LET(s,${s},e,${e},a,${a},k,(s<>"")*(s<a+1)${segment},g,(e<>"")*(e<a+1),` +
    `d,ROUNDUP((INT(IF(g,e,a))-INT(s))/${days},0),${body})`
  );
}

/** Plan the survival section; returns the next free row. */
export function planSurvival(ctx: PlanContext, row: number): number {
  const { canvas, analysis, options, mode } = ctx;
  const first = row;
  const period = options.period;
  let r = canvas.title(
    row,
    "Survival",
    `Share of customers still with you after each number of ${period}s (Kaplan–Meier, 95% confidence band).`
  );
  const c = FIRST_COLUMN;
  const median: PlanCell =
    mode === "live"
      ? { formula: `=${survivalLet(ctx, "RETAIN.MEDIANLIFETIME(FILTER(d,k),FILTER(g,k))")}` }
      : analysis.median?.ok
        ? analysis.median.value
        : analysis.median?.code === "#N/A"
          ? "not reached"
          : NOT_AVAILABLE;
  const unit = typeof median === "string" ? null : `${period}s`;
  canvas.put(r, c, [["Median lifetime", null, median, unit]], "median");
  canvas.format(r, c, 1, 1, { font: { bold: true, color: COLORS.title } });
  canvas.format(r, c + 2, 1, 1, {
    numberFormat: FORMATS.wholePeriods,
    font: { bold: true, size: 14, color: COLORS.title },
    horizontalAlignment: "Right",
  });
  r += 2;

  const spill = analysis.survival;
  const dataRows = spill?.ok ? spill.value.length - 1 : 1;
  const rows = 1 + dataRows + (mode === "live" ? SURVIVAL_SLACK_ROWS : 0);
  const top = r;
  if (mode === "live") {
    canvas.reserve(r, c, rows, SURVIVAL_COLUMNS, "survival spill");
    canvas.anchor(
      r,
      c,
      { formula: `=${survivalLet(ctx, "RETAIN.SURVIVAL(FILTER(d,k),FILTER(g,k))")}` },
      "survival spill"
    );
  } else if (spill?.ok) {
    canvas.put(
      r,
      c,
      spill.value.map((line) => line.map((v) => (v === "" ? null : v))),
      "survival values"
    );
  } else {
    canvas.cell(
      r,
      c,
      `${NOT_AVAILABLE}: ${spill?.ok === false ? spill.message : "no survival data"}`,
      "survival error"
    );
  }
  canvas.format(top, c, 1, SURVIVAL_COLUMNS, {
    fill: COLORS.headerFill,
    font: { bold: true, color: COLORS.title },
    horizontalAlignment: "Center",
  });
  canvas.format(top + 1, c, rows - 1, 1, { numberFormat: FORMATS.wholePeriods });
  canvas.format(top + 1, c + 1, rows - 1, 3, { numberFormat: FORMATS.count });
  canvas.format(top + 1, c + 4, rows - 1, 3, { numberFormat: FORMATS.percent });
  r = top + rows + 1;

  // The curve: survival with its band, time on the x axis. The series cover the data rows
  // found now; in Live mode later rows still show in the table.
  const x = range(top + 1, c, dataRows, 1);
  canvas.chart({
    name: "Survival curve",
    kind: "scatterLines",
    title: "Kaplan–Meier survival",
    series: [
      { name: "Survival", values: range(top + 1, c + 4, dataRows, 1), xValues: x },
      { name: "Lower (95%)", values: range(top + 1, c + 5, dataRows, 1), xValues: x },
      { name: "Upper (95%)", values: range(top + 1, c + 6, dataRows, 1), xValues: x },
    ],
    topLeft: cell(r, c),
    bottomRight: cell(r + CHART_ROWS - 1, c + 8),
    valueAxisFormat: FORMATS.percentWhole,
    categoryAxisTitle: `${period}s as a customer`,
  });
  r += CHART_ROWS + 1;
  canvas.section("survival", "Survival", first, r - 1);
  return r;
}
