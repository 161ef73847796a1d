/**
 * Activity analytics on an activity log (one row per event: customer id + date): how many
 * customers are active, whose usage is falling, and who has gone quiet.
 *
 * Conventions, shared with ./rfm:
 * - Dates are calendar days: the time of day is dropped (the serial is floored).
 * - `as_of` defaults to the latest date in the data, never to today, so a result does not change
 *   on its own. Activity after `as_of` is ignored: as of that day it has not happened yet.
 * - A window of w days ending on `as_of` is (as_of − w, as_of]: `as_of` and the w − 1 days before
 *   it. ACTIVEUSERS(…, 1) is the daily active count and ACTIVEUSERS(…, 30) the monthly one, so
 *   STICKINESS(ACTIVEUSERS(…, 1), ACTIVEUSERS(…, 30)) composes.
 *
 * Customers arrive interned as dense numbers (0, 1, 2, … in order of first appearance, as
 * `idIndexColumn` in the coercion module makes them), so counting per customer is an array
 * index, not a map lookup; ties in a ranking go to the customer seen first.
 */
import { Errors } from "./errors";
import { requireRate, requireWholeAtLeast } from "./validate";

/** An activity log with customers interned into dense numbers. */
export interface CustomerLog {
  /** The customer number of each row (0 … customerCount − 1); a negative number marks a row to skip. */
  readonly customerOfRow: ArrayLike<number>;
  /** The number of distinct customers. */
  readonly customerCount: number;
  /** The date of each row as an Excel serial (NaN for a row to skip). */
  readonly serials: ArrayLike<number>;
}

/** How a customer is shown in a spill: the id as first seen (text trimmed, or the number). */
export type CustomerLabel = string | number | boolean;

/** Default window of ACTIVEUSERS and USAGETREND, in days. */
export const DEFAULT_WINDOW_DAYS = 30;
/** Default inactivity threshold of DISENGAGED, in days. */
export const DEFAULT_INACTIVE_DAYS = 90;
/** Default drop that flags a customer as declining in USAGETREND (0.5 = half the previous usage). */
export const DEFAULT_DROP = 0.5;

/** Show a label in a spill cell: a boolean id is shown as Excel shows it. */
export function shownLabel(label: CustomerLabel): string | number {
  if (typeof label === "boolean") return label ? "TRUE" : "FALSE";
  return label;
}

/**
 * The latest day (floored serial) among the rows that count; `#DIV/0!` when there is none.
 * @param counts whether row i counts (by default every row with a date)
 * @example latestDay([45292.75, NaN, 45300]) // 45300
 */
export function latestDay(
  serials: ArrayLike<number>,
  what = "activity_dates",
  counts?: (row: number) => boolean
): number {
  let latest = -Infinity;
  for (let i = 0; i < serials.length; i++) {
    const serial = serials[i];
    if (serial > latest && (counts === undefined || counts(i))) latest = serial;
  }
  if (latest === -Infinity) throw Errors.noData(what);
  return Math.floor(latest);
}

/** The analysis day: `as_of` floored, or the latest day in the log; `#DIV/0!` for an empty log. */
function analysisDay(log: CustomerLog, asOf: number | undefined, what: string): number {
  const latest = latestDay(log.serials, what, (row) => log.customerOfRow[row] >= 0);
  return asOf === undefined ? latest : Math.floor(asOf);
}

/** The serial range [from, before) of the days in a window; see {@link activeWindow}. */
export interface SerialWindow {
  /** The first serial in the window: the first day, as_of − window_days + 1. */
  readonly from: number;
  /** The first serial after the window: the day after as_of. */
  readonly before: number;
}

/**
 * The window (as_of − window_days, as_of] of ACTIVEUSERS as a range of serials [from, before),
 * so a row is in it when from ≤ serial < before (comparing serials directly is the same as
 * comparing floored days, and needs no floor per row).
 *
 * @param latestSerial the latest date serial in the data (−Infinity when there is none); it is
 *   as_of by default, and with none the answer is `#DIV/0!` (no data)
 * @param asOf the last day of the window
 * @param windowDays the window length in days, a whole number ≥ 1
 * @throws {RetainError} `#VALUE!` for a window below 1 day or not whole; `#DIV/0!` for no data
 * @example activeWindow(45301.5, undefined, 30) // { from: 45272, before: 45302 }
 */
export function activeWindow(
  latestSerial: number,
  asOf?: number,
  windowDays = DEFAULT_WINDOW_DAYS
): SerialWindow {
  requireWholeAtLeast("window_days", windowDays, 1);
  if (latestSerial === -Infinity) throw Errors.noData("activity_dates");
  const last = Math.floor(asOf === undefined ? latestSerial : asOf);
  return { from: last - windowDays + 1, before: last + 1 };
}

/** An activity log that can count distinct customers in a window in one pass (coerce.idDateSerials). */
export interface WindowCounter {
  /** The latest date serial (−Infinity when there is no date); asked for only when as_of is omitted. */
  readonly latest: number;
  /** Distinct customers among rows whose serial is in [from, before), and the number of filled rows. */
  distinctIds(from: number, before: number): { distinct: number; filledRows: number };
}

/**
 * RETAIN.ACTIVEUSERS over a one-pass counter: the window of {@link activeWindow}, counted by the
 * log itself (which reads the ids in order, the fast way on 1,048,576 rows). Reads the dates
 * once more only when as_of is omitted (to find the latest date).
 * @throws {RetainError} as {@link activeWindow}; `#DIV/0!` when the log has no filled row
 * @example countActiveUsers({ latest: 45301, distinctIds: () => ({ distinct: 2, filledRows: 4 }) }) // 2
 */
export function countActiveUsers(
  log: WindowCounter,
  asOf?: number,
  windowDays = DEFAULT_WINDOW_DAYS
): number {
  const { from, before } = activeWindow(asOf === undefined ? log.latest : asOf, asOf, windowDays);
  const { distinct, filledRows } = log.distinctIds(from, before);
  if (filledRows === 0) throw Errors.noData("activity_dates");
  return distinct;
}

/**
 * Distinct customers active in the window (as_of − window_days, as_of] (see {@link activeWindow}).
 * The key of a row is asked for (`keyOfRow`) only when its day is in the window.
 * RETAIN.ACTIVEUSERS counts the same window with {@link countActiveUsers} instead.
 *
 * Source: the DAU/MAU definitions of Mixpanel and Amplitude ("unique users with at least one
 * event in the last N days").
 *
 * @param serials the date of each row (NaN for a blank row)
 * @param keyOfRow the customer key of a row (asked only for rows in the window)
 * @throws {RetainError} as {@link activeWindow}
 * @example activeUsers([45300, 45301, 45301, 45270], (r) => ["a", "b", "a", "c"][r], undefined, 30) // 2
 */
export function activeUsers(
  serials: ArrayLike<number>,
  keyOfRow: (row: number) => string,
  asOf?: number,
  windowDays = DEFAULT_WINDOW_DAYS
): number {
  let latest = -Infinity;
  for (let i = 0; i < serials.length; i++) if (serials[i] > latest) latest = serials[i];
  const { from, before } = activeWindow(latest, asOf, windowDays);
  const seen = new Set<string>();
  for (let i = 0; i < serials.length; i++) {
    const serial = serials[i];
    if (serial >= from && serial < before) seen.add(keyOfRow(i));
  }
  return seen.size;
}

/** How USAGETREND flags a customer. */
export type UsageFlag = "inactive" | "declining";

/** One flagged customer of {@link usageTrend}. */
export interface UsageTrendRow {
  readonly customer: number;
  /** Events in (as_of − w, as_of]. */
  readonly recent: number;
  /** Events in (as_of − 2w, as_of − w]. */
  readonly previous: number;
  /** Recent / Previous − 1; `undefined` when Previous is 0 (never for a flagged customer). */
  readonly change: number | undefined;
  readonly flag: UsageFlag;
}

/** Options of {@link usageTrend}; each defaults as RETAIN.USAGETREND does. */
export interface UsageTrendOptions {
  asOf?: number;
  windowDays?: number;
  drop?: number;
}

/**
 * Early warning for disengagement: events per customer in the last window and in the window
 * before it, flagging customers whose usage collapsed.
 *
 * - Flag `inactive` when Recent = 0 and Previous > 0; `declining` when Recent ≤ (1 − drop) ·
 *   Previous (and Recent > 0); otherwise none. A customer with Previous = 0 is never flagged,
 *   so Change = Recent / Previous − 1 is always finite on a flagged row (it is `undefined`,
 *   shown blank, only where Previous = 0).
 * - Only flagged customers are returned, worst first: Change ascending, then the larger
 *   Previous (more usage lost), then the customer seen first.
 *
 * Source: the "usage drop" churn signal of customer-success tools (Gainsight, ChurnZero:
 * compare usage in the latest period with the period before and alert on a fall past a threshold).
 *
 * @throws {RetainError} `#VALUE!` for a window below 1 or not whole, or drop outside [0, 1];
 *   `#DIV/0!` for an empty log
 * @example usageTrend({ customerOfRow: [0, 0, 1], customerCount: 2, serials: [45285, 45286, 45300] }, { asOf: 45300, windowDays: 10 })
 * // [{ customer: 0, recent: 0, previous: 2, change: -1, flag: "inactive" }]
 */
export function usageTrend(log: CustomerLog, options: UsageTrendOptions = {}): UsageTrendRow[] {
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const drop = options.drop ?? DEFAULT_DROP;
  requireWholeAtLeast("window_days", windowDays, 1);
  requireRate("drop", drop);
  const last = analysisDay(log, options.asOf, "activity_dates");
  const recent = new Float64Array(log.customerCount);
  const previous = new Float64Array(log.customerCount);
  const recentFrom = last - windowDays + 1;
  const previousFrom = recentFrom - windowDays;
  for (let i = 0; i < log.serials.length; i++) {
    const customer = log.customerOfRow[i];
    if (customer < 0) continue;
    const day = Math.floor(log.serials[i]);
    if (day > last || day < previousFrom) continue;
    if (day >= recentFrom) recent[customer]++;
    else previous[customer]++;
  }
  const rows: UsageTrendRow[] = [];
  for (let customer = 0; customer < log.customerCount; customer++) {
    const was = previous[customer];
    if (was === 0) continue;
    const now = recent[customer];
    const flag: UsageFlag | undefined =
      now === 0 ? "inactive" : now <= (1 - drop) * was ? "declining" : undefined;
    if (flag !== undefined)
      rows.push({ customer, recent: now, previous: was, change: now / was - 1, flag });
  }
  rows.sort(
    (a, b) =>
      (a.change as number) - (b.change as number) ||
      b.previous - a.previous ||
      a.customer - b.customer
  );
  return rows;
}

/** The header of RETAIN.USAGETREND's spill. */
export const USAGE_TREND_HEADER: readonly string[] = [
  "Customer",
  "Recent",
  "Previous",
  "Change",
  "Flag",
];

/** The spill of RETAIN.USAGETREND: header row, then one row per flagged customer. */
export function usageTrendSpill(
  rows: readonly UsageTrendRow[],
  labels: readonly CustomerLabel[]
): (string | number)[][] {
  const spill: (string | number)[][] = [[...USAGE_TREND_HEADER]];
  for (const row of rows) {
    spill.push([
      shownLabel(labels[row.customer]),
      row.recent,
      row.previous,
      row.change ?? "",
      row.flag,
    ]);
  }
  return spill;
}

/** One customer of {@link disengaged}. */
export interface DisengagedRow {
  readonly customer: number;
  /** The day of the customer's last activity on or before as_of (an Excel serial). */
  readonly lastDay: number;
  /** as_of − last activity, in days. */
  readonly daysInactive: number;
}

/** Options of {@link disengaged}; each defaults as RETAIN.DISENGAGED does. */
export interface DisengagedOptions {
  asOf?: number;
  inactiveDays?: number;
}

/**
 * Customers whose last activity is more than `inactive_days` before `as_of` (strictly more),
 * longest inactive first (ties: the customer seen first). Only activity on or before `as_of`
 * counts, so a customer whose first activity is after `as_of` is not listed.
 *
 * Source: the "days since last seen" dormancy rule of Mixpanel/Amplitude cohorts and of
 * customer-success tools (a customer is dormant after N days without activity).
 *
 * @throws {RetainError} `#VALUE!` for inactive_days negative or not whole; `#DIV/0!` for an empty log
 * @example disengaged({ customerOfRow: [0, 1, 0], customerCount: 2, serials: [45000, 45100, 45010] }, { inactiveDays: 60 })
 * // [{ customer: 0, lastDay: 45010, daysInactive: 90 }]
 */
export function disengaged(log: CustomerLog, options: DisengagedOptions = {}): DisengagedRow[] {
  const inactiveDays = options.inactiveDays ?? DEFAULT_INACTIVE_DAYS;
  requireWholeAtLeast("inactive_days", inactiveDays, 0);
  const last = analysisDay(log, options.asOf, "activity_dates");
  const lastSeen = new Float64Array(log.customerCount).fill(-Infinity);
  for (let i = 0; i < log.serials.length; i++) {
    const customer = log.customerOfRow[i];
    if (customer < 0) continue;
    const day = Math.floor(log.serials[i]);
    if (day <= last && day > lastSeen[customer]) lastSeen[customer] = day;
  }
  const rows: DisengagedRow[] = [];
  for (let customer = 0; customer < log.customerCount; customer++) {
    const lastDay = lastSeen[customer];
    if (lastDay === -Infinity) continue;
    const daysInactive = last - lastDay;
    if (daysInactive > inactiveDays) rows.push({ customer, lastDay, daysInactive });
  }
  rows.sort((a, b) => b.daysInactive - a.daysInactive || a.customer - b.customer);
  return rows;
}

/** The header of RETAIN.DISENGAGED's spill. */
export const DISENGAGED_HEADER: readonly string[] = ["Customer", "Last activity", "Days inactive"];

/** The spill of RETAIN.DISENGAGED: header row, then one row per disengaged customer. */
export function disengagedSpill(
  rows: readonly DisengagedRow[],
  labels: readonly CustomerLabel[]
): (string | number)[][] {
  const spill: (string | number)[][] = [[...DISENGAGED_HEADER]];
  for (const row of rows)
    spill.push([shownLabel(labels[row.customer]), row.lastDay, row.daysInactive]);
  return spill;
}
