/**
 * The facts a scorecard is planned from, derived from the columns read out of the workbook:
 * the as-of date and the periods, which sources feed which sections, the segment values, the
 * sizes of the spilling results (so the plan can keep room for them), and every number the
 * scorecard shows — computed with the core (./compute), used as-is in Values mode and for the
 * sizes in Live mode. Pure: no Office, no DOM, no clock (the build time is passed in).
 *
 * A computation that fails (no data in a period, a median never reached…) is kept as an
 * {@link Outcome} with the message the RETAIN function would show, never thrown: one bad
 * section must not stop the others.
 */
import { periodIndex, periodStartSerial } from "../core/dates";
import { isRetainError, RetainErrorKind } from "../core/errors";
import { PERIOD_DAYS, convertRate } from "../core/retention";
import { activeRate } from "../core/engagement";
import { customerLifetimeValue } from "../core/ltv";
import {
  activeOn,
  activeUsersIn,
  activityLog,
  blankCell,
  churnFromList,
  cohortSpill,
  customerDaysIn,
  customerList,
  disengaged,
  latestDate,
  lifetimes,
  medianOf,
  npsMarginOf,
  npsOf,
  periodCounts,
  referralRateOf,
  stickinessOf,
  purchaseLog,
  referrerIds,
  repeatRateOf,
  retentionFromCounts,
  rfmRows,
  scoreCounts,
  survivalSpill,
  topReferrers,
  usageTrend,
  type ActivityLog,
  type CellColumn,
  type CustomerList,
} from "./compute";
import { columnOf, coverageOf, firstOfKind } from "./mapping";
import type {
  ColumnRole,
  Coverage,
  KpiId,
  ReportingPeriod,
  ScorecardOptions,
  SourceKind,
  SourceMapping,
} from "./types";
import { dateColumn, idKey } from "../functions/coerce";

/** One source as read from the workbook: its mapping, its current place, and the raw cells of the columns read. */
export interface SourceData {
  mapping: SourceMapping;
  /** The source's current sheet and A1 address (header row included), as read at build time. */
  sheet: string;
  address: string;
  /** Data rows below the header, as read at build time. */
  rowCount: number;
  /** Raw cells of each column read, by 0-based column index in the source. */
  columns: Map<number, CellColumn>;
}

/** A computed value, or why it could not be computed (the message the RETAIN function would show). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; code: string };

export function attempt<T>(compute: () => T): Outcome<T> {
  try {
    return { ok: true, value: compute() };
  } catch (error) {
    if (isRetainError(error)) return { ok: false, message: error.message, code: error.kind };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message, code: RetainErrorKind.Value };
  }
}

/** Months per reporting period (every period ends on a month end, so EOMONTH steps work for all three). */
export const MONTHS_PER_PERIOD: Record<ReportingPeriod, number> = {
  month: 1,
  quarter: 3,
  year: 12,
};

/** The activity window matching a reporting period, in whole days (ACTIVEUSERS takes whole days). */
export const WINDOW_DAYS: Record<ReportingPeriod, number> = { month: 30, quarter: 91, year: 365 };

/** Most periods the trend shows, most cohorts and offsets the heatmap shows, most segments listed. */
export const MAX_TREND_PERIODS = 60;
export const MAX_COHORTS = 24;
export const MAX_SEGMENTS = 12;
/** The engagement queue's length, and the referrers listed. */
export const QUEUE_SIZE = 25;
export const TOP_REFERRERS = 10;
/** USAGETREND's window and DISENGAGED's threshold as the queue uses them (the functions' defaults). */
export const USAGE_WINDOW_DAYS = 30;
export const INACTIVE_DAYS = 90;

export interface DateSpan {
  start: number;
  end: number;
}

export interface Periods {
  asOf: number;
  period: ReportingPeriod;
  /** The last complete period on or before as-of: the KPI tiles' period. */
  kpi: DateSpan;
  /** The 12 months ending with the KPI period: the retention (CRR) window. */
  year: DateSpan;
  /** The trend's periods, oldest first, ending with the KPI period. */
  trend: DateSpan[];
}

/**
 * The periods of a scorecard. The KPI period is the last COMPLETE period on or before as-of
 * (as-of itself when it is a period's last day), so a mid-month as-of does not report a
 * half month.
 * @example periodsFor(45473, "month", 3).kpi // June 2024 (45473 = 2024-06-30 is a month end)
 */
export function periodsFor(asOf: number, period: ReportingPeriod, trendPeriods: number): Periods {
  const day = Math.floor(asOf);
  const current = periodIndex(day, period);
  const lastDayOfCurrent = periodStartSerial(current + 1, period) - 1;
  const kpiIndex = day === lastDayOfCurrent ? current : current - 1;
  const span = (index: number): DateSpan => ({
    start: periodStartSerial(index, period),
    end: periodStartSerial(index + 1, period) - 1,
  });
  const kpi = span(kpiIndex);
  const endMonth = periodIndex(kpi.end, "month");
  const year = { start: periodStartSerial(endMonth - 11, "month"), end: kpi.end };
  const count = Math.max(1, Math.min(MAX_TREND_PERIODS, Math.floor(trendPeriods)));
  const trend: DateSpan[] = [];
  for (let i = count - 1; i >= 0; i--) trend.push(span(kpiIndex - i));
  return { asOf: day, period, kpi, year, trend };
}

/** The sources a scorecard uses: the first complete mapping of each kind. */
export interface ScorecardInputs {
  customers?: SourceData;
  transactions?: SourceData;
  survey?: SourceData;
  activity?: SourceData;
}

export function pickInputs(sources: readonly SourceData[]): ScorecardInputs {
  const mappings = sources.map((s) => s.mapping);
  const find = (kind: SourceKind): SourceData | undefined => {
    const mapping = firstOfKind(mappings, kind);
    return mapping === undefined ? undefined : sources.find((s) => s.mapping === mapping);
  };
  return {
    customers: find("customers"),
    transactions: find("transactions"),
    survey: find("survey"),
    activity: find("activity"),
  };
}

/** The raw cells of a role's column, when the role is mapped and was read. */
export function roleColumn(
  source: SourceData | undefined,
  role: ColumnRole
): CellColumn | undefined {
  if (source === undefined) return undefined;
  const index = columnOf(source.mapping, role);
  return index === undefined ? undefined : source.columns.get(index);
}

/** The log the activity signals come from: the activity source, else the transactions. */
export function activityInput(
  inputs: ScorecardInputs
): { source: SourceData; idRole: ColumnRole; dateRole: ColumnRole } | undefined {
  if (inputs.activity)
    return { source: inputs.activity, idRole: "customerId", dateRole: "activityDate" };
  if (inputs.transactions)
    return { source: inputs.transactions, idRole: "customerId", dateRole: "date" };
  return undefined;
}

/** The log the cohort heatmap comes from: the transactions, else the activity source. */
export function cohortInput(
  inputs: ScorecardInputs
): { source: SourceData; idRole: ColumnRole; dateRole: ColumnRole } | undefined {
  if (inputs.transactions)
    return { source: inputs.transactions, idRole: "customerId", dateRole: "date" };
  if (inputs.activity)
    return { source: inputs.activity, idRole: "customerId", dateRole: "activityDate" };
  return undefined;
}

/** One row of the trend table. */
export interface TrendRow {
  span: DateSpan;
  start: number;
  new: number;
  lost: number;
  end: number;
  churn: Outcome<number>;
  crr: Outcome<number>;
}

/** One customer of the engagement queue. */
export interface QueueRow {
  customer: string | number;
  reason: string;
  /** Last activity on or before as-of (an Excel serial), when known. */
  lastActivity?: number;
  daysInactive?: number;
}

/** Why a customer is in the queue, most urgent first (the queue's sort order). */
export const QUEUE_REASONS = [
  "Can't Lose Them (RFM)",
  "At Risk (RFM)",
  `Stopped in the last ${USAGE_WINDOW_DAYS} days`,
  "Activity halved or worse",
  `No activity for ${INACTIVE_DAYS}+ days`,
] as const;

/** The segment breakdown's facts: which column, which values (largest first), how many in all. */
export interface SegmentFacts {
  source: SourceData;
  column: number;
  header: string;
  /** The values listed, as first written in the data, largest group first. */
  values: (string | number | boolean)[];
  /** Rows of each listed value. */
  sizes: number[];
  distinct: number;
}

export interface Analysis {
  inputs: ScorecardInputs;
  coverage: Coverage;
  /** Undefined when no mapped column has a date (a survey with scores only). */
  periods?: Periods;
  kpis: Partial<Record<KpiId, Outcome<number>>>;
  npsMargin?: Outcome<number>;
  trend?: TrendRow[];
  /** The cohort spill as the scorecard shows it (last cohorts, first offsets), header first. */
  cohort?: Outcome<(number | string)[][]>;
  /** Cohorts and offsets in the data now, after the cut (what Values mode shows). */
  cohortShown?: { cohorts: number; offsets: number };
  /** The most cohorts (and offsets) the heatmap shows: the TAKE sizes of the Live formula. */
  cohortCap?: number;
  survival?: Outcome<(number | string)[][]>;
  median?: Outcome<number>;
  queue?: Outcome<QueueRow[]>;
  referrers?: Outcome<(number | string)[][]>;
  segments?: SegmentFacts;
  builtAt: string;
}

/** Compare segment values as Excel's "=" does: numbers by value, text without case. */
export function segmentKey(value: unknown): string | undefined {
  if (blankCell(value)) return undefined;
  if (typeof value === "number") return `n${value}`;
  if (typeof value === "boolean") return `b${value}`;
  return `t${String(value).toLowerCase()}`;
}

/** The rows of a source whose segment cell equals a value (Excel "=" semantics), as a sub-source. */
export function segmentSubset(facts: SegmentFacts, value: unknown): SourceData {
  const key = segmentKey(value);
  const segmentCells = facts.source.columns.get(facts.column) ?? [];
  const keep: number[] = [];
  for (let i = 0; i < segmentCells.length; i++)
    if (segmentKey(segmentCells[i][0]) === key) keep.push(i);
  const columns = new Map<number, CellColumn>();
  for (const [index, cells] of facts.source.columns)
    columns.set(
      index,
      keep.map((i) => cells[i])
    );
  return { ...facts.source, rowCount: keep.length, columns };
}

function segmentFacts(
  sources: readonly SourceData[],
  options: ScorecardOptions
): SegmentFacts | undefined {
  if (options.segment === undefined) return undefined;
  const { sourceId, column } = options.segment;
  const source = sources.find((s) => s.mapping.source.id === sourceId);
  const cells = source?.columns.get(column);
  if (source === undefined || cells === undefined) return undefined;
  const groups = new Map<
    string,
    { label: string | number | boolean; size: number; first: number }
  >();
  cells.forEach((row, i) => {
    const key = segmentKey(row[0]);
    if (key === undefined) return;
    const group = groups.get(key);
    if (group) group.size++;
    else
      groups.set(key, {
        label: typeof row[0] === "string" ? row[0] : (row[0] as number | boolean),
        size: 1,
        first: i,
      });
  });
  const ordered = [...groups.values()]
    .sort((a, b) => b.size - a.size || a.first - b.first)
    .slice(0, MAX_SEGMENTS);
  return {
    source,
    column,
    header: source.mapping.source.headers[column] ?? `Column ${column + 1}`,
    values: ordered.map((g) => g.label),
    sizes: ordered.map((g) => g.size),
    distinct: groups.size,
  };
}

/** The last activity on or before as-of of each customer key in a log. */
function lastActivityByKey(log: ActivityLog, asOf: number): Map<string, number> {
  const last = new Float64Array(log.customerCount).fill(-Infinity);
  for (let i = 0; i < log.serials.length; i++) {
    const customer = log.customerOfRow[i];
    if (customer < 0) continue;
    const day = Math.floor(log.serials[i]);
    if (day <= asOf && day > last[customer]) last[customer] = day;
  }
  const byKey = new Map<string, number>();
  for (let c = 0; c < log.customerCount; c++)
    if (last[c] > -Infinity) byKey.set(idKey(log.labels[c]), last[c]);
  return byKey;
}

/** The id keys of customers whose end date is on or before as-of (the Live formula's `gone`). */
export function endedCustomers(inputs: ScorecardInputs, asOf: number): Set<string> {
  const ended = new Set<string>();
  const ids = roleColumn(inputs.customers, "customerId");
  const ends = roleColumn(inputs.customers, "endDate");
  if (ids === undefined || ends === undefined) return ended;
  const serials = dateColumn(ends, "end_dates");
  for (let i = 0; i < serials.length; i++) {
    if (serials[i] < asOf + 1 && !blankCell(ids[i][0])) ended.add(idKey(ids[i][0]));
  }
  return ended;
}

/**
 * The engagement queue: customers to check in with, most urgent first. Candidates come from
 * RFM ("Can't Lose Them", then "At Risk"), USAGETREND ("inactive", then "declining") and
 * DISENGAGED, in the order of {@link QUEUE_REASONS}; within a reason, in the order the RETAIN
 * function lists them. A customer listed for several reasons appears once, for the most urgent;
 * a customer who has already left (see {@link endedCustomers}) is not listed.
 * The first {@link QUEUE_SIZE} are kept, with their last activity (from the activity log,
 * else the transactions).
 */
export function engagementQueue(inputs: ScorecardInputs, asOf: number): QueueRow[] {
  const candidates: { label: string | number | boolean; reason: number }[] = [];
  let purchases: ReturnType<typeof purchaseLog> | undefined;
  const amounts = roleColumn(inputs.transactions, "amount");
  if (inputs.transactions && amounts) {
    purchases = purchaseLog(
      roleColumn(inputs.transactions, "customerId") as CellColumn,
      roleColumn(inputs.transactions, "date") as CellColumn,
      amounts
    );
    const rows = rfmRows(purchases, asOf);
    for (const [segment, reason] of [
      ["Can't Lose Them", 0],
      ["At Risk", 1],
    ] as const) {
      for (const row of rows)
        if (row.segment === segment)
          candidates.push({ label: purchases.labels[row.customer], reason });
    }
  }
  const activity = activityInput(inputs);
  let log: ActivityLog | undefined;
  if (activity) {
    log = activityLog(
      roleColumn(activity.source, activity.idRole) as CellColumn,
      roleColumn(activity.source, activity.dateRole) as CellColumn
    );
    const trend = usageTrend(log, { asOf, windowDays: USAGE_WINDOW_DAYS });
    for (const flag of ["inactive", "declining"] as const) {
      for (const row of trend)
        if (row.flag === flag)
          candidates.push({ label: log.labels[row.customer], reason: flag === "inactive" ? 2 : 3 });
    }
    for (const row of disengaged(log, { asOf, inactiveDays: INACTIVE_DAYS }))
      candidates.push({ label: log.labels[row.customer], reason: 4 });
  }
  const fromActivity = log ? lastActivityByKey(log, asOf) : new Map<string, number>();
  const fromPurchases = purchases ? lastActivityByKey(purchases, asOf) : new Map<string, number>();
  // Customers who have already left (an end date on or before as-of) are past checking in with.
  const seen = endedCustomers(inputs, asOf);
  const queue: QueueRow[] = [];
  for (const candidate of candidates) {
    const key = idKey(candidate.label);
    if (seen.has(key)) continue;
    seen.add(key);
    const lastActivity = fromActivity.get(key) ?? fromPurchases.get(key);
    queue.push({
      customer:
        typeof candidate.label === "boolean"
          ? candidate.label
            ? "TRUE"
            : "FALSE"
          : candidate.label,
      reason: QUEUE_REASONS[candidate.reason],
      lastActivity,
      daysInactive: lastActivity === undefined ? undefined : asOf - lastActivity,
    });
    if (queue.length === QUEUE_SIZE) break;
  }
  return queue;
}

/** The cohort spill cut to the last `cohorts` cohorts and the first `offsets` offsets (the Live formula's TAKE). */
export function cutCohortSpill(
  spill: (number | string)[][],
  cohorts: number,
  offsets: number
): (number | string)[][] {
  const header = spill[0].slice(0, 2 + offsets);
  const body = spill
    .slice(1)
    .slice(-cohorts)
    .map((row) => row.slice(0, 2 + offsets));
  return [header, ...body];
}

export interface AnalysisOptions {
  /** When the sheet is built, as text for the header (the caller owns the clock). */
  builtAt: string;
}

/**
 * Derive everything the planner needs. Sources must be complete mappings with their mapped
 * columns (and the segment column, if any) read.
 */
export function analyse(
  sources: readonly SourceData[],
  options: ScorecardOptions,
  context: AnalysisOptions
): Analysis {
  const inputs = pickInputs(sources);
  const coverage = coverageOf(sources.map((s) => s.mapping));
  const analysis: Analysis = { inputs, coverage, kpis: {}, builtAt: context.builtAt };
  const kpis = analysis.kpis;
  const period = options.period;

  const dateColumns = [
    roleColumn(inputs.transactions, "date"),
    roleColumn(inputs.activity, "activityDate"),
    roleColumn(inputs.customers, "startDate"),
    roleColumn(inputs.customers, "endDate"),
    roleColumn(inputs.survey, "date"),
  ].filter((c): c is CellColumn => c !== undefined);
  const latest = attempt(() => latestDate(dateColumns));
  const asOf = options.asOf ?? (latest.ok ? latest.value : undefined);
  const periods = asOf === undefined ? undefined : periodsFor(asOf, period, options.trendPeriods);
  analysis.periods = periods;
  analysis.segments = segmentFacts(sources, options);

  // Customers: churn, CRR, trend, survival, referral rate.
  const start = roleColumn(inputs.customers, "startDate");
  const end = roleColumn(inputs.customers, "endDate");
  const list: Outcome<CustomerList> | undefined = start
    ? attempt(() => customerList(start, end))
    : undefined;
  const withList = <T>(compute: (l: CustomerList) => T): Outcome<T> =>
    list === undefined
      ? { ok: false, message: "no customer list", code: RetainErrorKind.Value }
      : list.ok
        ? attempt(() => compute(list.value))
        : list;

  if (coverage.kpis.includes("churn") && periods) {
    kpis.churn = withList((l) => churnFromList(l, periods.kpi.start, periods.kpi.end));
    const churn = kpis.churn;
    kpis.churnAnnual = churn.ok ? attempt(() => convertRate(churn.value, period, "year")) : churn;
    kpis.crr = withList((l) =>
      retentionFromCounts(periodCounts(l, periods.year.start, periods.year.end))
    );
    analysis.trend = periods.trend.map((span) => {
      const counts = withList((l) => periodCounts(l, span.start, span.end));
      const c = counts.ok ? counts.value : { start: NaN, new: NaN, lost: NaN, end: NaN };
      return {
        span,
        start: c.start,
        new: c.new,
        lost: c.lost,
        end: c.end,
        churn: withList((l) => churnFromList(l, span.start, span.end)),
        crr: counts.ok ? attempt(() => retentionFromCounts(counts.value)) : counts,
      };
    });
    const survival = withList((l) => lifetimes(l, periods.asOf, PERIOD_DAYS[period]));
    analysis.survival = survival.ok
      ? attempt(() => survivalSpill(survival.value.durations, survival.value.churned))
      : survival;
    analysis.median = survival.ok
      ? attempt(() => medianOf(survival.value.durations, survival.value.churned))
      : survival;
    kpis.medianLifetime = analysis.median;
  }
  if (coverage.kpis.includes("referralRate")) {
    const referred = roleColumn(inputs.customers, "referredBy") as CellColumn;
    kpis.referralRate = attempt(() => referralRateOf(start as CellColumn, referred));
    analysis.referrers = attempt(() => {
      const ids = referrerIds(referred);
      const rows = topReferrers(ids.indexOfRow, ids.count, TOP_REFERRERS);
      return [
        ["Referrer", "Referrals"],
        ...rows.map((r) => [shownId(ids.labels[r.referrer]), r.referrals]),
      ];
    });
  }

  // Transactions: repeat rate, cohorts, LTV.
  const transactionIds = roleColumn(inputs.transactions, "customerId");
  if (transactionIds) kpis.repeatRate = attempt(() => repeatRateOf(transactionIds));
  const cohortSource = cohortInput(inputs);
  if (cohortSource && periods) {
    const ids = roleColumn(cohortSource.source, cohortSource.idRole) as CellColumn;
    const dates = roleColumn(cohortSource.source, cohortSource.dateRole) as CellColumn;
    const shownMax = Math.min(MAX_COHORTS, Math.max(1, Math.floor(options.trendPeriods)));
    analysis.cohortCap = shownMax;
    const full = attempt(() => cohortSpill(ids, dates, period, periods.asOf));
    analysis.cohort = full.ok
      ? { ok: true, value: cutCohortSpill(full.value, shownMax, shownMax) }
      : full;
    analysis.cohortShown = full.ok
      ? {
          cohorts: Math.min(shownMax, full.value.length - 1),
          offsets: Math.min(shownMax, full.value[0].length - 2),
        }
      : { cohorts: shownMax, offsets: shownMax };
  }
  if (coverage.kpis.includes("ltv") && periods) {
    const amounts = roleColumn(inputs.transactions, "amount") as CellColumn;
    const dates = roleColumn(inputs.transactions, "date") as CellColumn;
    const churn = kpis.churn;
    kpis.ltv = churn?.ok
      ? withList((l) => {
          const revenue = revenueIn(dates, amounts, periods.kpi.start, periods.kpi.end);
          const customers = activeOn(l, periods.kpi.end);
          return customerLifetimeValue(revenue / customers, churn.value);
        })
      : (churn ?? { ok: false, message: "no churn", code: RetainErrorKind.Value });
  }

  // Survey: NPS ± margin.
  const scores = roleColumn(inputs.survey, "score");
  if (scores) {
    const counts = attempt(() => scoreCounts(scores));
    kpis.nps = counts.ok ? attempt(() => npsOf(counts.value)) : counts;
    analysis.npsMargin = counts.ok ? attempt(() => npsMarginOf(counts.value)) : counts;
  }

  // Activity: active rate, stickiness, engagement queue.
  const activity = activityInput(inputs);
  if (activity && periods) {
    const ids = roleColumn(activity.source, activity.idRole) as CellColumn;
    const dates = roleColumn(activity.source, activity.dateRole) as CellColumn;
    const window = WINDOW_DAYS[period];
    kpis.activeRate = attempt(() => {
      const active = activeUsersIn(ids, dates, periods.asOf, window);
      const total =
        list?.ok && end !== undefined
          ? activeOn(list.value, periods.asOf)
          : activeUsersIn(ids, dates, periods.asOf, periods.asOf);
      return activeRate(active, total);
    });
    if (inputs.activity) {
      kpis.stickiness = attempt(() =>
        stickinessOf(
          customerDaysIn(ids, dates, periods.asOf, 30) / 30,
          activeUsersIn(ids, dates, periods.asOf, 30)
        )
      );
    }
    analysis.queue = attempt(() => engagementQueue(inputs, periods.asOf));
  }
  return analysis;
}

/** An id as a spill shows it (booleans as TRUE/FALSE). */
function shownId(label: string | number | boolean): string | number {
  return typeof label === "boolean" ? (label ? "TRUE" : "FALSE") : label;
}

/** Revenue dated within a period (SUMIFS(amounts, dates, ">="&start, dates, "<"&end+1) in the Live formula). */
export function revenueIn(
  dateCells: CellColumn,
  amountCells: CellColumn,
  start: number,
  end: number
): number {
  let total = 0;
  for (let i = 0; i < dateCells.length; i++) {
    const date = dateCells[i][0];
    const amount = amountCells[i]?.[0];
    if (typeof date === "number" && date >= start && date < end + 1 && typeof amount === "number")
      total += amount;
  }
  return total;
}
