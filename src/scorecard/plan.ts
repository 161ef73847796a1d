/**
 * The planner: turns the analysis of the mapped data and the options into a {@link SheetPlan}
 * — pure data the Office.js renderer applies, and tests read directly. Sections appear when
 * their data is present (see coverageOf in ./mapping): header, KPI tiles, trend, cohort
 * heatmap, survival, segments, engagement queue, definitions.
 *
 * Live mode writes RETAIN formulas over the source columns (structured references for tables),
 * so the sheet recalculates when the data changes; Values mode writes the same numbers computed
 * now by the core. Portable mode (native Excel formulas only) is a later issue.
 */
import { Errors } from "../core/errors";
import type { Analysis } from "./analysis";
import { columnLetters } from "./a1";
import { Canvas } from "./plan/canvas";
import { planCohort } from "./plan/cohort";
import type { PlanContext } from "./plan/context";
import { planDefinitions } from "./plan/definitions";
import { planEngagement } from "./plan/engagement";
import { HEADER_ROWS, planHeader } from "./plan/header";
import { planKpis } from "./plan/kpis";
import { planSegments } from "./plan/segments";
import {
  COLUMN_WIDTH,
  COLORS,
  CONTENT_COLUMNS,
  FIRST_COLUMN,
  FORMATS,
  MARGIN_WIDTH,
} from "./plan/styles";
import { planSurvival } from "./plan/survival";
import { planTrend } from "./plan/trend";
import type { SheetPlan } from "./sheet-plan";
import type { ScorecardOptions } from "./types";

/** The scorecard sheet's base name. */
export const SCORECARD_SHEET_NAME = "Retention Scorecard";

/**
 * Build the sheet plan.
 * @throws {RetainError} for Portable mode (not available yet) and when the mappings feed nothing
 */
export function buildPlan(analysis: Analysis, options: ScorecardOptions): SheetPlan {
  if (options.mode === "portable") throw Errors.scorecardModeUnavailable("Portable");
  const coverage = analysis.coverage;
  if (coverage.kpis.length === 0 && coverage.sections.length === 0)
    throw Errors.scorecardNothingToBuild();
  const canvas = new Canvas();
  const ctx: PlanContext = {
    canvas,
    mode: options.mode,
    options,
    analysis,
    cells: { asOf: "", kpiStart: "", kpiEnd: "", yearStart: "" },
    currencyFormat: options.currencyFormat ?? FORMATS.currencyDefault,
  };
  const header = planHeader(ctx);
  ctx.cells = header.cells;
  let row = header.next;
  const sections = coverage.sections;
  const dated = analysis.periods !== undefined;
  const kpis = coverage.kpis.filter((kpi) => analysis.kpis[kpi] !== undefined);
  if (kpis.length > 0) row = planKpis(ctx, row, kpis) + 1;
  if (sections.includes("trend") && dated) row = planTrend(ctx, row) + 1;
  if (sections.includes("cohorts") && dated) row = planCohort(ctx, row) + 1;
  if (sections.includes("survival") && dated) row = planSurvival(ctx, row) + 1;
  if (analysis.segments !== undefined) row = planSegments(ctx, row) + 1;
  if (sections.includes("engagement") && dated) row = planEngagement(ctx, row) + 1;
  planDefinitions(ctx, row, kpis);

  const lastColumn = columnLetters(FIRST_COLUMN + CONTENT_COLUMNS - 1);
  return {
    sheetName: SCORECARD_SHEET_NAME,
    blocks: canvas.blocks,
    formats: canvas.formats,
    merges: canvas.merges,
    conditionalFormats: canvas.conditionalFormats,
    charts: canvas.charts,
    spills: canvas.spills,
    columnWidths: [
      { columns: "A:A", width: MARGIN_WIDTH },
      { columns: `${columnLetters(FIRST_COLUMN)}:${lastColumn}`, width: COLUMN_WIDTH },
    ],
    rowHeights: canvas.rowHeights,
    freeze: { rows: HEADER_ROWS, columns: 0 },
    print: { orientation: "Landscape", fitToPagesWide: 1, titleRows: `$1:$${HEADER_ROWS}` },
    tabColor: COLORS.tab,
    showGridlines: false,
    sections: canvas.sections,
    warnings: canvas.warnings,
  };
}
