/**
 * The cohort heatmap: RETAIN.COHORT's spill, cut to the most recent cohorts and the first
 * offsets (TAKE), with a 3-colour scale on the rates. In Live mode the area the spill needs
 * is kept empty; its size comes from the data (the analysis computed the same matrix).
 */
import { range } from "../a1";
import { cohortInput } from "../analysis";
import type { PlanCell } from "../sheet-plan";
import { NOT_AVAILABLE, ref, type PlanContext } from "./context";
import { COLORS, CONTENT_COLUMNS, FIRST_COLUMN, FORMATS } from "./styles";

/** The Live formula: the as-of filter, COHORT, then the last `cohorts` rows and first `offsets` offsets. */
export function cohortFormula(ctx: PlanContext, cohorts: number, offsets: number): string {
  const source = cohortInput(ctx.analysis.inputs);
  const ids = ref(source?.source, "customerId");
  const dates = ref(source?.source, source?.dateRole ?? "date");
  const a = ctx.cells.asOf;
  return (
    `=LET(keep,${dates}<${a}+1,c,RETAIN.COHORT(FILTER(${ids},keep),FILTER(${dates},keep),"${ctx.options.period}"),` +
    `VSTACK(TAKE(c,1,${offsets + 2}),TAKE(DROP(c,1),-${cohorts},${offsets + 2})))`
  );
}

/** Plan the cohort heatmap; returns the next free row. */
export function planCohort(ctx: PlanContext, row: number): number {
  const { canvas, analysis, options, mode } = ctx;
  const first = row;
  // Live mode keeps room for the most the TAKE can show (the data may grow into it); Values
  // mode writes exactly what there is now.
  const cap = analysis.cohortCap ?? 1;
  const available =
    mode === "live"
      ? { cohorts: cap, offsets: cap }
      : (analysis.cohortShown ?? { cohorts: 1, offsets: 1 });
  // The heatmap stays within the sheet's content columns (Cohort and Customers, then the
  // offsets), like every other section, so it prints one page wide without shrinking the rest.
  const shown = {
    cohorts: available.cohorts,
    offsets: Math.min(available.offsets, CONTENT_COLUMNS - 2),
  };
  const period = options.period;
  let r = canvas.title(
    row,
    "Cohort retention",
    `Customers by the ${period} of their first transaction; each cell is the share active again that many ${period}s later.`
  );
  const c = FIRST_COLUMN;
  const rows = shown.cohorts + 1;
  const columns = shown.offsets + 2;
  const spill = analysis.cohort;
  if (mode === "live") {
    canvas.reserve(r, c, rows, columns, "cohort spill");
    canvas.anchor(
      r,
      c,
      { formula: cohortFormula(ctx, shown.cohorts, shown.offsets) },
      "cohort spill"
    );
  } else if (spill?.ok) {
    const cells: PlanCell[][] = spill.value.map((line) =>
      line.slice(0, columns).map((value) => (value === "" ? null : value))
    );
    canvas.put(r, c, cells, "cohort values");
  } else {
    canvas.cell(
      r,
      c,
      `${NOT_AVAILABLE}: ${spill?.ok === false ? spill.message : "no cohort data"}`,
      "cohort error"
    );
  }
  // Formats over the (reserved or written) area: header, cohort dates, sizes, rates, colour scale.
  canvas.format(r, c, 1, columns, {
    fill: COLORS.headerFill,
    font: { bold: true, color: COLORS.title },
    horizontalAlignment: "Center",
  });
  canvas.format(r + 1, c, rows - 1, 1, {
    numberFormat: period === "month" ? FORMATS.month : FORMATS.date,
    font: { bold: true },
    horizontalAlignment: "Left",
  });
  canvas.format(r + 1, c + 1, rows - 1, 1, { numberFormat: FORMATS.count });
  if (columns > 2 && rows > 1) {
    canvas.format(r + 1, c + 2, rows - 1, columns - 2, {
      numberFormat: FORMATS.percentWhole,
      horizontalAlignment: "Center",
    });
    canvas.conditional({
      kind: "colorScale",
      address: range(r + 1, c + 2, rows - 1, columns - 2),
      minimum: COLORS.scaleLow,
      midpoint: COLORS.scaleMid,
      maximum: COLORS.scaleHigh,
    });
  }
  r += rows + 1;
  canvas.section("cohorts", "Cohort retention", first, r - 1);
  return r;
}
