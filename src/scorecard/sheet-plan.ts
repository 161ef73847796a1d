/**
 * The sheet plan: everything the scorecard sheet will contain, as plain data. The planner
 * (./plan.ts) builds it without touching Excel; the Office.js renderer (./office/renderer.ts)
 * applies it; tests read it directly. Every address is an A1 address on the scorecard sheet
 * itself, never sheet-qualified: the renderer refuses anything else, which is how the build
 * never writes outside its own sheet.
 */

/** A constant cell value; `null` leaves the cell empty. Text is always written as text. */
export type PlanValue = number | boolean | string | null;

/** A formula cell, in English with comma separators, as Range.formulas takes it. */
export interface PlanFormula {
  formula: string;
}

export type PlanCell = PlanValue | PlanFormula;

/** True when a plan cell is a formula. */
export function isFormula(cell: PlanCell): cell is PlanFormula {
  return typeof cell === "object" && cell !== null;
}

/** A rectangle of cells written in one go; `cells` has exactly the rows and columns of `address`. */
export interface CellBlock {
  address: string;
  cells: PlanCell[][];
}

export type BorderEdge =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

/** Formatting applied to a range. Colours are #RRGGBB. */
export interface CellFormat {
  address: string;
  numberFormat?: string;
  fill?: string;
  font?: { bold?: boolean; italic?: boolean; color?: string; size?: number; name?: string };
  horizontalAlignment?: "Left" | "Center" | "Right";
  verticalAlignment?: "Top" | "Center" | "Bottom";
  wrapText?: boolean;
  indentLevel?: number;
  borders?: {
    edges: BorderEdge[];
    color: string;
    weight: "Hairline" | "Thin" | "Medium" | "Thick";
  }[];
}

/** Conditional formats the scorecard uses. */
export type ConditionalFormatPlan =
  /** Fill and font when a formula (relative to the range's top-left cell) is TRUE. */
  | { kind: "expression"; address: string; formula: string; fill: string; fontColor: string }
  /** A 3-colour scale: lowest value, 50th percentile, highest value. */
  | { kind: "colorScale"; address: string; minimum: string; midpoint: string; maximum: string };

export interface ChartSeriesPlan {
  name: string;
  /** The series values (one column). */
  values: string;
  /** Categories (line chart) or X values (scatter); one column of the same length. */
  xValues: string;
  axisGroup?: "Primary" | "Secondary";
}

export interface ChartPlan {
  name: string;
  kind: "line" | "scatterLines";
  title: string;
  series: ChartSeriesPlan[];
  /** Where the chart sits: the cells under its top-left and bottom-right corners. */
  topLeft: string;
  bottomRight: string;
  valueAxisFormat?: string;
  secondaryValueAxisFormat?: string;
  categoryAxisTitle?: string;
  valueAxisTitle?: string;
}

/** A spilling formula's anchor and the space kept empty for its result (header row included). */
export interface SpillReservation {
  anchor: string;
  rows: number;
  columns: number;
  /** What spills there, for messages and tests. */
  what: string;
}

export type SectionId =
  "header" | "kpis" | "trend" | "cohorts" | "survival" | "segments" | "engagement" | "definitions";

export interface PlannedSection {
  id: SectionId;
  title: string;
  /** The rows the section occupies, e.g. "A7:N20". */
  address: string;
}

/** The whole sheet. */
export interface SheetPlan {
  /** The sheet's base name; the renderer adds " (2)", " (3)"… when it is taken. */
  sheetName: string;
  blocks: CellBlock[];
  formats: CellFormat[];
  merges: string[];
  conditionalFormats: ConditionalFormatPlan[];
  charts: ChartPlan[];
  spills: SpillReservation[];
  /** Column widths in Excel's character units (the renderer converts to points). */
  columnWidths: { columns: string; width: number }[];
  /** Row heights in points, e.g. { rows: "5:5", height: 30 }. */
  rowHeights: { rows: string; height: number }[];
  freeze: { rows: number; columns: number };
  print: { orientation: "Landscape" | "Portrait"; fitToPagesWide: number; titleRows?: string };
  tabColor: string;
  showGridlines: boolean;
  sections: PlannedSection[];
  warnings: string[];
}
