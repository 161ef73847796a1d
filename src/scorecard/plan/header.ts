/**
 * The header: title, the sources used, the as-of date, the reporting period, when the sheet
 * was built and in which mode, and the KPI period and 12-month window every formula refers to.
 *
 * In Live mode the dates are formulas: as-of is the latest date in the mapped date columns
 * (unless the user chose one), and the periods follow from it with EOMONTH, so next month's
 * data moves the whole scorecard forward when Excel recalculates.
 */
import { cell } from "../a1";
import { MONTHS_PER_PERIOD, roleColumn, type SourceData } from "../analysis";
import type { PlanCell } from "../sheet-plan";
import type { ColumnRole, ReportingPeriod, SourceKind } from "../types";
import { ref, type HeaderCells, type PlanContext } from "./context";
import { COLORS, CONTENT_COLUMNS, FIRST_COLUMN, FORMATS } from "./styles";

export const HEADER_ROWS = 4;

const KIND_WORDS: Record<SourceKind, string> = {
  transactions: "transactions",
  customers: "customer list",
  survey: "survey",
  activity: "activity log",
};

/** The Live formula of the KPI period's last day: as-of when it ends a period, else the previous period's end. */
export function kpiEndFormula(asOf: string, period: ReportingPeriod): string {
  switch (period) {
    case "month":
      return `=IF(${asOf}=EOMONTH(${asOf},0),${asOf},EOMONTH(${asOf},-1))`;
    case "quarter": {
      const quarterEnd = `EOMONTH(DATE(YEAR(${asOf}),CEILING(MONTH(${asOf}),3),1),0)`;
      return `=IF(${asOf}=${quarterEnd},${asOf},EOMONTH(${quarterEnd},-3))`;
    }
    case "year":
      return `=IF(${asOf}=DATE(YEAR(${asOf}),12,31),${asOf},DATE(YEAR(${asOf})-1,12,31))`;
  }
}

/** The date columns as-of is the latest of (events only: starts, ends, transactions, activity, survey dates). */
function dateReferences(ctx: PlanContext): string[] {
  const { inputs } = ctx.analysis;
  const pairs: [SourceData | undefined, ColumnRole][] = [
    [inputs.transactions, "date"],
    [inputs.activity, "activityDate"],
    [inputs.customers, "startDate"],
    [inputs.customers, "endDate"],
    [inputs.survey, "date"],
  ];
  return pairs
    .filter(([source, role]) => roleColumn(source, role) !== undefined)
    .map(([source, role]) => ref(source, role));
}

/** Plan the header; returns the header cells' references and the next free row. */
export function planHeader(ctx: PlanContext): { cells: HeaderCells; next: number } {
  const { canvas, options, analysis, mode } = ctx;
  const periods = analysis.periods;
  const c = FIRST_COLUMN;
  const cells: HeaderCells = {
    asOf: cell(2, c + 1, true),
    kpiStart: cell(3, c + 1, true),
    kpiEnd: cell(3, c + 2, true),
    yearStart: cell(3, c + 4, true),
  };

  canvas.cell(0, c, "Retention Scorecard", "title");
  canvas.format(0, c, 1, 1, { font: { bold: true, size: 20, color: COLORS.title } });
  canvas.rowHeight(0, 30);

  const used = [
    analysis.inputs.customers,
    analysis.inputs.transactions,
    analysis.inputs.survey,
    analysis.inputs.activity,
  ]
    .filter((s): s is SourceData => s !== undefined)
    .map(
      (s) =>
        `${s.mapping.source.label} (${KIND_WORDS[s.mapping.kind]}, ${s.rowCount.toLocaleString("en-US")} rows)`
    );
  canvas.cell(1, c, `Sources: ${used.join("; ")}`, "sources");
  canvas.format(1, c, 1, 1, { font: { italic: true, color: COLORS.muted } });

  const dates = dateReferences(ctx);
  const live = mode === "live";
  const asOfCell: PlanCell =
    periods === undefined
      ? "no dates mapped"
      : options.asOf !== undefined || !live || dates.length === 0
        ? periods.asOf
        : { formula: `=INT(MAX(${dates.join(",")}))` };
  const months = MONTHS_PER_PERIOD[options.period];
  const kpiEnd: PlanCell =
    periods === undefined
      ? null
      : live
        ? { formula: kpiEndFormula(cells.asOf, options.period) }
        : periods.kpi.end;
  const kpiStart: PlanCell =
    periods === undefined
      ? null
      : live
        ? { formula: `=EOMONTH(${cells.kpiEnd},-${months})+1` }
        : periods.kpi.start;
  const yearStart: PlanCell =
    periods === undefined
      ? null
      : live
        ? { formula: `=EOMONTH(${cells.kpiEnd},-12)+1` }
        : periods.year.start;
  const yearEnd: PlanCell =
    periods === undefined ? null : live ? { formula: `=${cells.kpiEnd}` } : periods.year.end;

  canvas.put(
    2,
    c,
    [
      [
        "As of",
        asOfCell,
        null,
        "Reporting period",
        options.period,
        null,
        "Built",
        analysis.builtAt,
        null,
        "Formulas",
        live ? "Live (RETAIN)" : "Values",
      ],
    ],
    "header facts"
  );
  canvas.put(
    3,
    c,
    [[`KPI ${options.period}`, kpiStart, kpiEnd, "12 months", yearStart, yearEnd]],
    "header periods"
  );
  canvas.format(2, c, 2, CONTENT_COLUMNS, { font: { color: COLORS.muted } });
  // Labels hug their values: right-aligned, so a long one ("Reporting period") runs left
  // into the empty cell before it instead of being cut off by its value.
  for (const column of [c, c + 3, c + 6, c + 9])
    canvas.format(2, column, 1, 1, {
      font: { bold: true, color: COLORS.title },
      horizontalAlignment: "Right",
    });
  for (const column of [c, c + 3])
    canvas.format(3, column, 1, 1, {
      font: { bold: true, color: COLORS.title },
      horizontalAlignment: "Right",
    });
  canvas.format(2, c + 1, 1, 1, {
    numberFormat: FORMATS.date,
    horizontalAlignment: "Left",
    font: { bold: true, color: COLORS.title },
  });
  canvas.format(3, c + 1, 1, 2, { numberFormat: FORMATS.date, horizontalAlignment: "Left" });
  canvas.format(3, c + 4, 1, 2, { numberFormat: FORMATS.date, horizontalAlignment: "Left" });
  canvas.format(3, c, 1, CONTENT_COLUMNS, {
    borders: [{ edges: ["EdgeBottom"], color: COLORS.border, weight: "Thin" }],
  });
  canvas.section("header", "Retention Scorecard", 0, HEADER_ROWS - 1);
  return { cells, next: HEADER_ROWS + 1 };
}
