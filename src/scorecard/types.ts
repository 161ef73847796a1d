/**
 * The contract between the task pane (src/taskpane) and the scorecard builder (src/scorecard).
 * Pure types: no Office, no DOM. The pane only ever talks to a {@link ScorecardService};
 * the Office.js implementation lives in src/scorecard/office/, and tests use doubles.
 */
import type { Period } from "../core/dates";

/** What a data source holds; decides which scorecard sections it feeds. */
export type SourceKind = "transactions" | "customers" | "survey" | "activity";

/** A column's meaning. Each source kind needs some of these (see {@link SOURCE_KIND_ROLES}). */
export type ColumnRole =
  | "customerId"
  | "date"
  | "amount"
  | "startDate"
  | "endDate"
  | "segment"
  | "referredBy"
  | "score"
  | "activityDate";

/** Required and optional roles per source kind (issue 4, "Source kinds"). */
export const SOURCE_KIND_ROLES: Record<
  SourceKind,
  { required: ColumnRole[]; optional: ColumnRole[] }
> = {
  transactions: { required: ["customerId", "date"], optional: ["amount"] },
  customers: {
    required: ["customerId", "startDate"],
    optional: ["endDate", "segment", "referredBy"],
  },
  survey: { required: ["score"], optional: ["date", "segment"] },
  activity: { required: ["customerId", "activityDate"], optional: [] },
};

/** A table, a named range or the current selection, as listed in the pane (header row only). */
export interface SourceInfo {
  /** Stable id within one pane session, e.g. "table:Visits", "name:Patients", "selection:Sheet1!A1:D40". */
  id: string;
  /** What the user sees: the table or name, or the address of the selection. */
  label: string;
  origin: "table" | "name" | "selection";
  /** The table's name (for structured references like Visits[Patient ID]) or the defined name. */
  name?: string;
  /** Worksheet name and the A1 address of the whole source including its header row. */
  sheet: string;
  address: string;
  /** Header texts, left to right. */
  headers: string[];
  /** Data rows below the header. */
  rowCount: number;
}

/** A source with the user's (or the guessed) meaning of its columns. */
export interface SourceMapping {
  source: SourceInfo;
  kind: SourceKind;
  /** Column index (0-based, into `source.headers`) for each mapped role. */
  columns: Partial<Record<ColumnRole, number>>;
}

/** The scorecard's reporting period. */
export type ReportingPeriod = Extract<Period, "month" | "quarter" | "year">;

/** Live: RETAIN formulas. Portable: native Excel formulas only (a later issue). Values: numbers only. */
export type FormulaMode = "live" | "portable" | "values";

/** The KPIs that get a tile. */
export type KpiId =
  | "crr"
  | "churn"
  | "churnAnnual"
  | "repeatRate"
  | "nps"
  | "referralRate"
  | "activeRate"
  | "stickiness"
  | "ltv"
  | "medianLifetime";

/** Every KPI, in the order the tiles, the targets and the pane list them. */
export const KPI_IDS: readonly KpiId[] = [
  "crr",
  "churn",
  "churnAnnual",
  "repeatRate",
  "nps",
  "referralRate",
  "activeRate",
  "stickiness",
  "ltv",
  "medianLifetime",
];

/** Whether a KPI is better high (retention) or low (churn). */
export type KpiDirection = "higher" | "lower";

/** Industries with default targets (see src/scorecard/targets.ts and the README for sources). */
export type Industry = "saas" | "medical" | "professional" | "homeServices";

export interface ScorecardOptions {
  period: ReportingPeriod;
  /** Excel serial; undefined = the latest date in the data. */
  asOf?: number;
  /** Periods in the trend table; 12 by default. */
  trendPeriods: number;
  /** Optional segment column: a source id and the column index in it. */
  segment?: { sourceId: string; column: number };
  industry: Industry;
  /** Target per KPI (rates as fractions, NPS in points, LTV in currency, lifetime in periods). */
  targets: Partial<Record<KpiId, number>>;
  mode: FormulaMode;
  /**
   * Excel number format for money (LTV, revenue, fees); `"$#,##0"` when omitted. Added for the
   * scorecard (additive): the data has no currency, so the pane may let the user pick one.
   */
  currencyFormat?: string;
}

/** A named stage of the build, with overall progress in [0, 1]. */
export interface BuildProgress {
  stage: string;
  fraction: number;
}

export interface BuildResult {
  sheetName: string;
  /**
   * Things the user should know about the built sheet, e.g. "Segment breakdown shows the 12
   * largest of 40 segments". Optional (additive); the pane may show them under the result.
   */
  warnings?: string[];
}

/** The scorecard's sections that depend on the data (the header and definitions always appear). */
export type ScorecardSection =
  "kpis" | "trend" | "cohorts" | "survival" | "segments" | "engagement";

/** What a set of mappings feeds (see coverageOf in ./mapping): KPI tiles and sections, in sheet order. */
export interface Coverage {
  kpis: KpiId[];
  sections: ScorecardSection[];
}

/** Everything the pane needs from Excel. */
export interface ScorecardService {
  /** Tables and named ranges in the workbook, with their header rows. */
  listSources(): Promise<SourceInfo[]>;
  /** The current selection as a source (its first row is the header). */
  selectionSource(): Promise<SourceInfo>;
  /** Add seeded sample tables (e.g. a dental practice) on new sheets; returns them as sources. */
  insertSampleData(): Promise<SourceInfo[]>;
  /** Build a new "Retention Scorecard" sheet. Never overwrites; on failure or cancel, leaves the workbook as it was. */
  build(
    mappings: SourceMapping[],
    options: ScorecardOptions,
    onProgress: (progress: BuildProgress) => void,
    signal: AbortSignal
  ): Promise<BuildResult>;
}
