/**
 * What every section planner receives: the canvas to write into, the mode, the options, the
 * analysis, and the header cells the formulas refer to. Plus the one rule of the two modes:
 * a cell is a formula in Live mode and the same number, computed by the core, in Values mode.
 */
import type { Analysis, Outcome, SourceData } from "../analysis";
import { roleReference } from "../refs";
import type { PlanCell } from "../sheet-plan";
import type { ColumnRole, ReportingPeriod, ScorecardOptions } from "../types";
import type { Canvas } from "./canvas";

/** Absolute references of the header cells every formula uses. */
export interface HeaderCells {
  asOf: string;
  kpiStart: string;
  kpiEnd: string;
  yearStart: string;
}

export interface PlanContext {
  canvas: Canvas;
  mode: "live" | "values";
  options: ScorecardOptions;
  analysis: Analysis;
  cells: HeaderCells;
  currencyFormat: string;
}

/** Shown in Values mode where a number could not be computed (the note or a comment says why). */
export const NOT_AVAILABLE = "n/a";
/** Shown in small tables (segments) where a group has too little data. */
export const DASH = "–";

/** A cell that is `formula` in Live mode and the outcome's number (or "n/a") in Values mode. */
export function liveOr(
  ctx: PlanContext,
  formula: () => string,
  outcome: Outcome<number> | undefined
): PlanCell {
  if (ctx.mode === "live") return { formula: formula() };
  return outcome?.ok ? outcome.value : NOT_AVAILABLE;
}

/** A formula reference to a role's column. */
export function ref(source: SourceData | undefined, role: ColumnRole): string {
  if (source === undefined) throw new Error(`no source for ${role}`);
  return roleReference(source, role);
}

/** A period's label: "May 2025", "Q2 2025" or "2025". */
export function periodLabel(
  start: number,
  period: ReportingPeriod,
  toDate: (serial: number) => { year: number; month: number }
): string {
  const { year, month } = toDate(start);
  if (period === "year") return String(year);
  if (period === "quarter") return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  return `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]} ${year}`;
}
