/**
 * The task pane's state: a pure reducer and the derived views the components render
 * (validation problems, the options handed to the service). No React, no Office, no DOM,
 * so every transition is unit-tested in test/taskpane-state.test.ts.
 */
import { isoToSerial } from "../core/dates";
import { Errors } from "../core/errors";
import {
  columnOf,
  coverageOf,
  firstOfKind,
  guessColumns,
  guessKind,
  isComplete,
  validateMapping,
} from "../scorecard/mapping";
import { presetTargets } from "../scorecard/targets";
import {
  KPI_IDS,
  SOURCE_KIND_ROLES,
  type BuildProgress,
  type ColumnRole,
  type Coverage,
  type FormulaMode,
  type Industry,
  type KpiId,
  type ReportingPeriod,
  type ScorecardOptions,
  type ScorecardSection,
  type SourceInfo,
  type SourceKind,
  type SourceMapping,
} from "../scorecard/types";

/** The pane's three steps, in order. */
export type Step = "data" | "options" | "build";
export const STEPS: readonly Step[] = ["data", "options", "build"];

export const SOURCE_KINDS: readonly SourceKind[] = [
  "transactions",
  "customers",
  "survey",
  "activity",
];

export const KIND_LABELS: Record<SourceKind, string> = {
  transactions: "Transactions (visits, orders)",
  customers: "Customers (one row each)",
  survey: "Survey (0–10 scores)",
  activity: "Activity (logins, usage)",
};

export const ROLE_LABELS: Record<ColumnRole, string> = {
  customerId: "Customer ID",
  date: "Date",
  amount: "Amount",
  startDate: "Start date",
  endDate: "End date",
  segment: "Segment",
  referredBy: "Referred by",
  score: "Score (0–10)",
  activityDate: "Activity date",
};

export const PERIOD_LABELS: Record<ReportingPeriod, string> = {
  month: "Month",
  quarter: "Quarter",
  year: "Year",
};

export const INDUSTRIES: readonly Industry[] = ["saas", "medical", "professional", "homeServices"];
export const INDUSTRY_LABELS: Record<Industry, string> = {
  saas: "SaaS / subscription software",
  medical: "Medical or dental practice",
  professional: "Professional services",
  homeServices: "Home services",
};

/** How a target is typed in the pane; the service takes rates as fractions (see ScorecardOptions.targets). */
export type TargetUnit = "percent" | "points" | "currency" | "periods";

export { KPI_IDS };

export const KPI_DISPLAY: Record<
  KpiId,
  { label: string; unit: TargetUnit; min: number; max?: number }
> = {
  crr: { label: "Customer retention rate", unit: "percent", min: 0, max: 100 },
  churn: { label: "Churn (per period)", unit: "percent", min: 0, max: 100 },
  churnAnnual: { label: "Churn (annualized)", unit: "percent", min: 0, max: 100 },
  repeatRate: { label: "Repeat purchase rate", unit: "percent", min: 0, max: 100 },
  nps: { label: "Net Promoter Score", unit: "points", min: -100, max: 100 },
  referralRate: { label: "Referral rate", unit: "percent", min: 0, max: 100 },
  activeRate: { label: "Active rate", unit: "percent", min: 0, max: 100 },
  stickiness: { label: "Stickiness", unit: "percent", min: 0, max: 100 },
  ltv: { label: "Lifetime value", unit: "currency", min: 0 },
  medianLifetime: { label: "Median lifetime (periods)", unit: "periods", min: 0 },
};

export const MODE_LABELS: Record<FormulaMode, string> = {
  live: "Live (RETAIN formulas)",
  portable: "Portable (native Excel formulas only)",
  values: "Values (numbers only)",
};

/** Money formats offered for LTV and revenue (Excel number formats; text other than $ must be quoted). */
export const CURRENCY_FORMATS: readonly { format: string; label: string }[] = [
  { format: "$#,##0", label: "$ (dollar)" },
  { format: '"€"#,##0', label: "€ (euro)" },
  { format: '"£"#,##0', label: "£ (pound)" },
  { format: "#,##0", label: "No currency sign" },
];

/** Formula modes the service implements today; Portable is a later issue. */
export const AVAILABLE_MODES: readonly FormulaMode[] = ["live", "values"];

export const TREND_PERIODS_DEFAULT = 12;
export const TREND_PERIODS_MIN = 1;
export const TREND_PERIODS_MAX = 60;

/** The options as the user is editing them: free text where the user types, parsed by {@link toScorecardOptions}. */
export interface OptionsDraft {
  period: ReportingPeriod;
  /** yyyy-mm-dd from the date input; "" means the latest date in the data. */
  asOfText: string;
  /** NaN while the spin button holds something that is not a number. */
  trendPeriods: number;
  segment?: { sourceId: string; column: number };
  /** False until the user picks a segment column; until then it follows the mapped segment role. */
  segmentChosenByUser: boolean;
  industry: Industry;
  /** Targets in display units (percent, points, currency, periods); "" = no target. */
  targetTexts: Partial<Record<KpiId, string>>;
  mode: FormulaMode;
  /** Excel number format for money; one of {@link CURRENCY_FORMATS}. */
  currencyFormat: string;
}

export type BuildState =
  | { status: "idle" }
  | { status: "running"; stage: string; fraction: number; cancelling: boolean }
  | { status: "succeeded"; sheetName: string; warnings: string[] }
  | { status: "failed"; message: string }
  | { status: "cancelled" };

/** A workbook call the Data step is waiting for (listing, reading the selection, inserting samples). */
export type DataTask = "list" | "selection" | "sample";

export interface PaneState {
  step: Step;
  /** Every source the pane knows: the workbook's tables and names, plus selections and samples added since. */
  sources: SourceInfo[];
  /** Chosen sources with their mappings, in the order they were chosen. */
  chosen: SourceMapping[];
  dataTask?: DataTask;
  /** The last Data-step failure (listing, selection, sample data), shown until the next task. */
  dataError?: string;
  options: OptionsDraft;
  build: BuildState;
}

export type PaneAction =
  | { type: "goTo"; step: Step }
  | { type: "dataTaskStarted"; task: DataTask }
  | { type: "dataTaskFailed"; message: string }
  | { type: "sourcesListed"; sources: SourceInfo[] }
  | { type: "sourcesAdded"; sources: SourceInfo[] }
  | { type: "toggleSource"; sourceId: string; chosen: boolean }
  | { type: "setKind"; sourceId: string; kind: SourceKind }
  | { type: "setColumn"; sourceId: string; role: ColumnRole; column: number | undefined }
  | { type: "setPeriod"; period: ReportingPeriod }
  | { type: "setAsOf"; text: string }
  | { type: "setTrendPeriods"; value: number }
  | { type: "setSegment"; segment: { sourceId: string; column: number } | undefined }
  | { type: "setIndustry"; industry: Industry }
  | { type: "setTarget"; kpi: KpiId; text: string }
  | { type: "setMode"; mode: FormulaMode }
  | { type: "setCurrencyFormat"; format: string }
  | { type: "buildStarted" }
  | { type: "buildProgress"; progress: BuildProgress }
  | { type: "cancelRequested" }
  | { type: "buildSucceeded"; sheetName: string; warnings?: string[] }
  | { type: "buildFailed"; message: string }
  | { type: "buildCancelled" };

/** A target as typed in the pane: percentages for rates (to 0.01 %), as-is otherwise. */
export function targetToText(kpi: KpiId, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "";
  const shown = KPI_DISPLAY[kpi].unit === "percent" ? value * 100 : value;
  // Two decimals: 0.874% a month is precise enough for a target, and this also rounds away
  // binary noise (0.07 * 100 = 7.000000000000001).
  return String(Number(shown.toFixed(2)));
}

/** The editable target texts of an industry preset for a reporting period (per-period churn depends on it). */
export function presetTargetTexts(
  industry: Industry,
  period: ReportingPeriod
): Partial<Record<KpiId, string>> {
  const targets = presetTargets(industry, period);
  const texts: Partial<Record<KpiId, string>> = {};
  for (const kpi of KPI_IDS) {
    if (targets[kpi] !== undefined) texts[kpi] = targetToText(kpi, targets[kpi]);
  }
  return texts;
}

/**
 * Targets after the period changes: a target still at its preset value follows the preset
 * into the new period (per-period churn changes with it); a target the user typed is kept.
 */
function retargetForPeriod(
  options: OptionsDraft,
  period: ReportingPeriod
): Partial<Record<KpiId, string>> {
  const before = presetTargetTexts(options.industry, options.period);
  const after = presetTargetTexts(options.industry, period);
  const texts = { ...options.targetTexts };
  for (const kpi of KPI_IDS) {
    if ((texts[kpi] ?? "") === (before[kpi] ?? "")) {
      if (after[kpi] === undefined) delete texts[kpi];
      else texts[kpi] = after[kpi];
    }
  }
  return texts;
}

export function initialState(industry: Industry = "medical"): PaneState {
  return {
    step: "data",
    sources: [],
    chosen: [],
    dataTask: "list",
    options: {
      period: "month",
      asOfText: "",
      trendPeriods: TREND_PERIODS_DEFAULT,
      segmentChosenByUser: false,
      industry,
      targetTexts: presetTargetTexts(industry, "month"),
      mode: "live",
      currencyFormat: CURRENCY_FORMATS[0].format,
    },
    build: { status: "idle" },
  };
}

/** A mapping guessed from the header row: the likeliest kind and a column per role of that kind. */
export function guessMapping(source: SourceInfo): SourceMapping {
  const kind = guessKind(source.headers);
  return { source, kind, columns: guessColumns(source.headers, kind) };
}

/** The first chosen column mapped as a segment, which the segment option follows until the user picks one. */
function mappedSegment(chosen: SourceMapping[]): OptionsDraft["segment"] {
  for (const mapping of chosen) {
    const column = columnOf(mapping, "segment");
    if (column !== undefined) {
      return { sourceId: mapping.source.id, column };
    }
  }
  return undefined;
}

/** Keep the segment option consistent with the chosen sources after any Data-step change. */
function withSegment(state: PaneState): PaneState {
  const { options, chosen } = state;
  let segment = options.segmentChosenByUser ? options.segment : mappedSegment(chosen);
  if (segment) {
    const source = chosen.find((m) => m.source.id === segment?.sourceId)?.source;
    if (!source || segment.column >= source.headers.length) segment = undefined;
  }
  if (segment === options.segment) return state;
  if (
    segment &&
    options.segment &&
    segment.sourceId === options.segment.sourceId &&
    segment.column === options.segment.column
  ) {
    return state;
  }
  return { ...state, options: { ...options, segment } };
}

/** Merge sources by id: newer information replaces older, order of first appearance is kept. */
function mergeSources(known: SourceInfo[], incoming: SourceInfo[]): SourceInfo[] {
  const byId = new Map(incoming.map((s) => [s.id, s]));
  const merged = known.map((s) => byId.get(s.id) ?? s);
  for (const s of incoming) if (!known.some((k) => k.id === s.id)) merged.push(s);
  return merged;
}

/** Re-point chosen mappings at refreshed source info; a changed header row invalidates the old mapping. */
function refreshChosen(chosen: SourceMapping[], sources: SourceInfo[]): SourceMapping[] {
  const result: SourceMapping[] = [];
  for (const mapping of chosen) {
    const source = sources.find((s) => s.id === mapping.source.id);
    if (!source) continue;
    const sameHeaders =
      source.headers.length === mapping.source.headers.length &&
      source.headers.every((h, i) => h === mapping.source.headers[i]);
    result.push(sameHeaders ? { ...mapping, source } : guessMapping(source));
  }
  return result;
}

function updateChosen(
  state: PaneState,
  sourceId: string,
  update: (m: SourceMapping) => SourceMapping
): PaneState {
  return withSegment({
    ...state,
    chosen: state.chosen.map((m) => (m.source.id === sourceId ? update(m) : m)),
  });
}

const isBuilding = (state: PaneState): boolean => state.build.status === "running";

export function reducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "goTo":
      // The pane stays on Build while a build runs: its Cancel button must stay reachable.
      if (isBuilding(state) || state.step === action.step) return state;
      // Coming back to Build after a finished build shows a fresh Build step.
      return {
        ...state,
        step: action.step,
        build: state.build.status === "idle" ? state.build : { status: "idle" },
      };

    case "dataTaskStarted":
      return { ...state, dataTask: action.task, dataError: undefined };

    case "dataTaskFailed":
      return { ...state, dataTask: undefined, dataError: action.message };

    case "sourcesListed": {
      // Selections are not in the workbook's list; keep the ones the user added.
      const selections = state.sources.filter((s) => s.origin === "selection");
      const sources = mergeSources(action.sources, selections);
      return withSegment({
        ...state,
        dataTask: undefined,
        sources,
        chosen: refreshChosen(state.chosen, sources),
      });
    }

    case "sourcesAdded": {
      // A selection or sample data was added on purpose: list it and choose it.
      const sources = mergeSources(state.sources, action.sources);
      let chosen = refreshChosen(state.chosen, sources);
      for (const source of action.sources) {
        if (!chosen.some((m) => m.source.id === source.id))
          chosen = [...chosen, guessMapping(source)];
      }
      return withSegment({ ...state, dataTask: undefined, sources, chosen });
    }

    case "toggleSource": {
      const isChosen = state.chosen.some((m) => m.source.id === action.sourceId);
      if (action.chosen === isChosen) return state;
      if (!action.chosen)
        return withSegment({
          ...state,
          chosen: state.chosen.filter((m) => m.source.id !== action.sourceId),
        });
      const source = state.sources.find((s) => s.id === action.sourceId);
      return source
        ? withSegment({ ...state, chosen: [...state.chosen, guessMapping(source)] })
        : state;
    }

    case "setKind":
      return updateChosen(state, action.sourceId, (m) =>
        m.kind === action.kind
          ? m
          : { ...m, kind: action.kind, columns: guessColumns(m.source.headers, action.kind) }
      );

    case "setColumn":
      return updateChosen(state, action.sourceId, (m) => {
        const columns = { ...m.columns };
        if (action.column === undefined) delete columns[action.role];
        else columns[action.role] = action.column;
        return { ...m, columns };
      });

    case "setPeriod":
      return {
        ...state,
        options: {
          ...state.options,
          period: action.period,
          targetTexts: retargetForPeriod(state.options, action.period),
        },
      };

    case "setAsOf":
      return { ...state, options: { ...state.options, asOfText: action.text } };

    case "setTrendPeriods":
      return { ...state, options: { ...state.options, trendPeriods: action.value } };

    case "setSegment":
      return {
        ...state,
        options: { ...state.options, segment: action.segment, segmentChosenByUser: true },
      };

    case "setIndustry":
      // A preset replaces the targets wholesale: that is what choosing a preset means.
      return {
        ...state,
        options: {
          ...state.options,
          industry: action.industry,
          targetTexts: presetTargetTexts(action.industry, state.options.period),
        },
      };

    case "setTarget":
      return {
        ...state,
        options: {
          ...state.options,
          targetTexts: { ...state.options.targetTexts, [action.kpi]: action.text },
        },
      };

    case "setMode":
      if (!AVAILABLE_MODES.includes(action.mode)) return state;
      return { ...state, options: { ...state.options, mode: action.mode } };

    case "setCurrencyFormat":
      if (!CURRENCY_FORMATS.some((c) => c.format === action.format)) return state;
      return { ...state, options: { ...state.options, currencyFormat: action.format } };

    case "buildStarted":
      if (isBuilding(state)) return state;
      return {
        ...state,
        step: "build",
        build: { status: "running", stage: "Starting", fraction: 0, cancelling: false },
      };

    case "buildProgress":
      if (state.build.status !== "running") return state;
      return {
        ...state,
        build: {
          ...state.build,
          stage: action.progress.stage,
          fraction: clampFraction(action.progress.fraction),
        },
      };

    case "cancelRequested":
      if (state.build.status !== "running") return state;
      return { ...state, build: { ...state.build, cancelling: true } };

    case "buildSucceeded":
      return {
        ...state,
        build: {
          status: "succeeded",
          sheetName: action.sheetName,
          warnings: action.warnings ?? [],
        },
      };

    case "buildFailed":
      return { ...state, build: { status: "failed", message: action.message } };

    case "buildCancelled":
      return { ...state, build: { status: "cancelled" } };
  }
}

function clampFraction(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.min(1, Math.max(0, fraction));
}

/** Roles a mapping's kind uses, required first. */
export function rolesOf(kind: SourceKind): { role: ColumnRole; required: boolean }[] {
  const { required, optional } = SOURCE_KIND_ROLES[kind];
  return [
    ...required.map((role) => ({ role, required: true })),
    ...optional.map((role) => ({ role, required: false })),
  ];
}

/** What keeps one mapping from being used (the scorecard's own checks, see validateMapping). */
export function mappingProblems(mapping: SourceMapping): string[] {
  return validateMapping(mapping);
}

/** What keeps the Data step from being complete. */
export function dataProblems(state: PaneState): string[] {
  if (state.chosen.length === 0)
    return ["Choose at least one source, use the current selection, or insert the sample data."];
  const problems = state.chosen.flatMap(mappingProblems);
  // A segment column alone gives a breakdown of nothing: the scorecard needs at least one KPI.
  if (problems.length === 0 && coverageOf(state.chosen).kpis.length === 0) {
    problems.push(Errors.scorecardNothingToBuild().message);
  }
  return problems;
}

/**
 * Complete mappings the scorecard will not use: it takes the first complete source of each
 * kind, so a second customer list (say) is ignored. The pane says so rather than surprise.
 */
export function unusedMappings(chosen: readonly SourceMapping[]): SourceMapping[] {
  return chosen.filter((m) => isComplete(m) && firstOfKind(chosen, m.kind) !== m);
}

/** Parse a target typed in display units; undefined for an empty box, NaN for something that is not a number. */
function parseTarget(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  // Accept a trailing % or currency sign and thousands separators the user may type out of habit.
  const cleaned = trimmed.replace(/[%$€£,\s]/g, "");
  return cleaned === "" ? Number.NaN : Number(cleaned);
}

/** What keeps the Options step from being complete, one message per field. */
export function optionsProblems(
  options: OptionsDraft
): Partial<Record<"asOf" | "trendPeriods" | KpiId, string>> {
  const problems: Partial<Record<"asOf" | "trendPeriods" | KpiId, string>> = {};
  if (options.asOfText.trim() !== "" && isoToSerial(options.asOfText) === undefined) {
    problems.asOf =
      "Enter a date as yyyy-mm-dd, or leave it empty for the latest date in the data.";
  }
  const n = options.trendPeriods;
  if (!Number.isInteger(n) || n < TREND_PERIODS_MIN || n > TREND_PERIODS_MAX) {
    problems.trendPeriods = `Enter a whole number from ${TREND_PERIODS_MIN} to ${TREND_PERIODS_MAX}.`;
  }
  for (const kpi of KPI_IDS) {
    const value = parseTarget(options.targetTexts[kpi] ?? "");
    if (value === undefined) continue;
    const { min, max, unit } = KPI_DISPLAY[kpi];
    const suffix = unit === "percent" ? " %" : "";
    if (!Number.isFinite(value)) problems[kpi] = "Enter a number, or leave it empty for no target.";
    else if (value < min || (max !== undefined && value > max)) {
      problems[kpi] =
        max === undefined
          ? `Enter ${min} or more.`
          : `Enter a number from ${min}${suffix} to ${max}${suffix}.`;
    }
  }
  return problems;
}

/** The options the service receives. Call only when {@link optionsProblems} is empty. */
export function toScorecardOptions(options: OptionsDraft): ScorecardOptions {
  const targets: ScorecardOptions["targets"] = {};
  for (const kpi of KPI_IDS) {
    const value = parseTarget(options.targetTexts[kpi] ?? "");
    if (value === undefined || !Number.isFinite(value)) continue;
    targets[kpi] = KPI_DISPLAY[kpi].unit === "percent" ? value / 100 : value;
  }
  const asOf = options.asOfText.trim() === "" ? undefined : isoToSerial(options.asOfText);
  return {
    period: options.period,
    ...(asOf === undefined ? {} : { asOf }),
    trendPeriods: options.trendPeriods,
    ...(options.segment ? { segment: options.segment } : {}),
    industry: options.industry,
    targets,
    mode: options.mode,
    currencyFormat: options.currencyFormat,
  };
}

/** True when every step is complete and no build is running. */
export function canBuild(state: PaneState): boolean {
  return (
    !isBuilding(state) &&
    dataProblems(state).length === 0 &&
    Object.keys(optionsProblems(state.options)).length === 0
  );
}

const KPI_SHORT_LABELS: Record<KpiId, string> = {
  crr: "CRR",
  churn: "churn",
  churnAnnual: "annualized churn",
  repeatRate: "repeat purchase rate",
  nps: "NPS",
  referralRate: "referral rate",
  activeRate: "active rate",
  stickiness: "stickiness",
  ltv: "LTV",
  medianLifetime: "median lifetime",
};

const SECTION_LABELS: Record<Exclude<ScorecardSection, "kpis">, string> = {
  trend: "trend",
  cohorts: "cohort heatmap",
  survival: "survival curve",
  segments: "segment breakdown",
  engagement: "engagement queue",
};

/**
 * What one chosen source adds to the scorecard given the others: the KPIs and sections that
 * would disappear without it. (LTV, say, needs both transactions with amounts and a customer
 * list with end dates, so it shows up on whichever of the two completes it.)
 */
export function addedBy(chosen: readonly SourceMapping[], mapping: SourceMapping): Coverage {
  const all = coverageOf(chosen);
  const without = coverageOf(chosen.filter((m) => m !== mapping));
  return {
    kpis: all.kpis.filter((k) => !without.kpis.includes(k)),
    sections: all.sections.filter((s) => !without.sections.includes(s)),
  };
}

/**
 * What a coverage feeds, as one line for the pane: the KPI tiles first, then the sections.
 * @example describeCoverage({ kpis: ["nps"], sections: ["kpis"] }) // "KPI tiles (NPS)"
 */
export function describeCoverage(coverage: Coverage): string {
  const parts: string[] = [];
  if (coverage.kpis.length > 0)
    parts.push(`KPI tiles (${coverage.kpis.map((k) => KPI_SHORT_LABELS[k]).join(", ")})`);
  for (const section of coverage.sections)
    if (section !== "kpis") parts.push(SECTION_LABELS[section]);
  return parts.join("; ");
}

/** A failure as the user should read it: the service's message, never a stack or "[object Object]". */
export function failureMessage(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== "") return error.message;
  if (typeof error === "string" && error.trim() !== "") return error;
  return "Excel reported an unexpected problem.";
}
