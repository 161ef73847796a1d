/**
 * The trend: the last N periods, each with customers at its start, new, lost, at its end,
 * churn and retention (CRR), and a line chart of retention and churn.
 *
 * Live formulas per period row: start = RETAIN.ACTIVECOUNT(…, period start − 1), end =
 * RETAIN.ACTIVECOUNT(…, period end), new = COUNTIFS of start dates within the period,
 * lost = start + new − end (E = S + N − L, as the core defines the counts), churn =
 * RETAIN.CHURNBYDATES and CRR = RETAIN.CRR(start, end, new).
 */
import { cell, range } from "../a1";
import { serialToDate } from "../../core/dates";
import { MONTHS_PER_PERIOD } from "../analysis";
import type { PlanCell } from "../sheet-plan";
import { NOT_AVAILABLE, periodLabel, ref, type PlanContext } from "./context";
import { COLORS, FIRST_COLUMN, FORMATS } from "./styles";

export const TREND_HEADER = [
  "Period",
  "From",
  "To",
  "Customers at start",
  "New",
  "Lost",
  "Customers at end",
  "Churn",
  "Retention (CRR)",
];

/** Rows the trend chart spans under the table. */
const CHART_ROWS = 16;

/** The Live period label of a row whose start date is in `startCell`. */
function labelFormula(startCell: string, period: string): string {
  if (period === "quarter") return `="Q"&ROUNDUP(MONTH(${startCell})/3,0)&" "&YEAR(${startCell})`;
  if (period === "year") return `=YEAR(${startCell})`;
  return `=${startCell}`;
}

/** Plan the trend table and chart; returns the next free row. */
export function planTrend(ctx: PlanContext, row: number): number {
  const { canvas, analysis, options, mode } = ctx;
  const trend = analysis.trend ?? [];
  const first = row;
  let r = canvas.title(
    row,
    "Trend",
    `The last ${trend.length} complete ${options.period}s, oldest first.`
  );
  const c = FIRST_COLUMN;
  canvas.headerRow(r, c, TREND_HEADER, "trend header");
  // Headers of date and number columns sit over their right-aligned values.
  canvas.format(r, c + 1, 1, TREND_HEADER.length - 1, { horizontalAlignment: "Right" });
  canvas.rowHeight(r, 30);
  r++;
  const top = r;
  const customers = analysis.inputs.customers;
  const months = MONTHS_PER_PERIOD[options.period];
  const n = trend.length;
  const rows: PlanCell[][] = trend.map((t, i) => {
    const rowIndex = top + i;
    const from = cell(rowIndex, c + 1);
    const to = cell(rowIndex, c + 2);
    const startCount = cell(rowIndex, c + 3);
    const newCount = cell(rowIndex, c + 4);
    const endCount = cell(rowIndex, c + 6);
    if (mode === "live") {
      const s = ref(customers, "startDate");
      const e = ref(customers, "endDate");
      const back = months * (n - 1 - i);
      return [
        { formula: labelFormula(from, options.period) },
        { formula: `=EOMONTH(${to},-${months})+1` },
        { formula: back === 0 ? `=${ctx.cells.kpiEnd}` : `=EOMONTH(${ctx.cells.kpiEnd},-${back})` },
        { formula: `=RETAIN.ACTIVECOUNT(${s},${e},${from}-1)` },
        { formula: `=COUNTIFS(${s},">="&${from},${s},"<"&${to}+1)` },
        { formula: `=${startCount}+${newCount}-${endCount}` },
        { formula: `=RETAIN.ACTIVECOUNT(${s},${e},${to})` },
        { formula: `=RETAIN.CHURNBYDATES(${s},${e},${from},${to})` },
        { formula: `=RETAIN.CRR(${startCount},${endCount},${newCount})` },
      ];
    }
    const counts = Number.isNaN(t.start)
      ? [NOT_AVAILABLE, NOT_AVAILABLE, NOT_AVAILABLE, NOT_AVAILABLE]
      : [t.start, t.new, t.lost, t.end];
    return [
      periodLabel(t.span.start, options.period, serialToDate),
      t.span.start,
      t.span.end,
      ...counts,
      t.churn.ok ? t.churn.value : NOT_AVAILABLE,
      t.crr.ok ? t.crr.value : NOT_AVAILABLE,
    ];
  });
  canvas.put(top, c, rows, "trend rows");
  const labelFormat =
    options.period === "month" && mode === "live"
      ? FORMATS.month
      : options.period === "year" && mode === "live"
        ? "0"
        : "@";
  canvas.format(top, c, n, 1, {
    numberFormat: labelFormat,
    horizontalAlignment: "Left",
    font: { bold: true },
  });
  canvas.format(top, c + 1, n, 2, { numberFormat: FORMATS.date });
  canvas.format(top, c + 3, n, 4, { numberFormat: FORMATS.count });
  canvas.format(top, c + 7, n, 2, { numberFormat: FORMATS.percent });
  canvas.format(top, c, n, TREND_HEADER.length, {
    borders: [
      { edges: ["InsideHorizontal", "EdgeBottom"], color: COLORS.headerFill, weight: "Thin" },
    ],
  });
  r = top + n;

  // The chart under the table: retention on the left axis, churn on the right.
  const categories = range(top, c, n, 1);
  canvas.chart({
    name: "Retention trend",
    kind: "line",
    title: `Retention and churn per ${options.period}`,
    series: [
      { name: "Retention (CRR)", values: range(top, c + 8, n, 1), xValues: categories },
      {
        name: "Churn",
        values: range(top, c + 7, n, 1),
        xValues: categories,
        axisGroup: "Secondary",
      },
    ],
    topLeft: cell(r + 1, c),
    bottomRight: cell(r + CHART_ROWS, c + 8),
    // Retention moves within a few points, so whole percents would repeat on the axis.
    valueAxisFormat: FORMATS.percent,
    secondaryValueAxisFormat: FORMATS.percent,
  });
  r += CHART_ROWS + 1;
  canvas.section("trend", "Trend", first, r - 1);
  return r;
}
