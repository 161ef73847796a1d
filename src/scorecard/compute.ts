/**
 * The numbers behind the scorecard, computed with the same core functions the RETAIN
 * wrappers call and read through the same coercion module, so that a Values-mode scorecard
 * shows exactly what the Live formulas would. Nothing here re-implements a metric: each
 * function reads raw columns (as Excel returns them: one single-cell row per cell), then hands
 * them to the core.
 *
 * Columns that belong together (ids with dates, starts with ends) are read by the coercion
 * module's column-set readers (customerList, activityLog, purchaseLog), the same ones the RETAIN
 * functions use.
 */
import { cohortMatrixFromIndices, cohortSpillRows } from "../core/cohort";
import type { Period } from "../core/dates";
import { activeCount, churnByDates, churnCounts, type ChurnCounts } from "../core/lifecycle";
import { activeUsers, disengaged, usageTrend, type CustomerLabel } from "../core/activity";
import { rfmTable, type RfmRow } from "../core/rfm";
import { topReferrers } from "../core/referrals";
import { kaplanMeier, kaplanMeierSpillRows, medianLifetime } from "../core/survival";
import { purchaseCounts, repeatPurchaseRate } from "../core/purchases";
import { classifyScores, npsFromCounts, npsMarginOfError, type NpsCounts } from "../core/nps";
import { customerRetentionRate } from "../core/retention";
import { referralRate, stickiness } from "../core/engagement";
import {
  activityLog,
  dateColumn,
  flatPosition,
  idDateSerials,
  idIndexColumn,
  idKey,
  isBlank,
  numberColumn,
  requireSameLength,
  type CellColumn,
  type CustomerList,
  type purchaseLog,
} from "../functions/coerce";

// The column sets are read by the coercion module, exactly as the RETAIN functions read them.
export { activityLog, customerList, purchaseLog } from "../functions/coerce";
export type { ActivityLog, CellColumn, CustomerList } from "../functions/coerce";

/** The latest whole day among the filled cells of some date columns; undefined when all are blank. */
export function latestDate(columns: readonly CellColumn[]): number | undefined {
  let latest = -Infinity;
  for (const column of columns) {
    const serials = dateColumn(column, "dates");
    for (let i = 0; i < serials.length; i++) if (serials[i] > latest) latest = serials[i];
  }
  return latest === -Infinity ? undefined : Math.floor(latest);
}

/** RETAIN.CHURNBYDATES's counts (S, N, L, E) for a period. */
export function periodCounts(
  list: CustomerList,
  periodStart: number,
  periodEnd: number
): ChurnCounts {
  return churnCounts(list.starts, list.ends, periodStart, periodEnd, list.position);
}

/** RETAIN.CHURNBYDATES(start, end, period_start, period_end). */
export function churnFromList(list: CustomerList, periodStart: number, periodEnd: number): number {
  return churnByDates(list.starts, list.ends, periodStart, periodEnd, "start", list.position);
}

/** RETAIN.ACTIVECOUNT(start, end, as_of). */
export function activeOn(list: CustomerList, asOf: number): number {
  return activeCount(list.starts, list.ends, asOf, list.position);
}

/** RETAIN.CRR(S, E, N) from a period's counts. */
export function retentionFromCounts(counts: ChurnCounts): number {
  return customerRetentionRate(counts.start, counts.end, counts.new);
}

/** An activity log's ids and dates, read as RETAIN.ACTIVEUSERS reads them. */
function activityDates(idColumn: CellColumn, dateCells: CellColumn) {
  return idDateSerials(idColumn, "customer_ids", dateCells, "activity_dates");
}

/** RETAIN.ACTIVEUSERS(ids, dates, as_of, window_days). */
export function activeUsersIn(
  idColumn: CellColumn,
  dateCells: CellColumn,
  asOf: number,
  windowDays: number
): number {
  const { serials, keyOfRow } = activityDates(idColumn, dateCells);
  return activeUsers(serials, keyOfRow, asOf, windowDays);
}

/**
 * Distinct (customer, day) pairs in the window, which is the sum of the daily active counts
 * over it: the Live formula computes it as RETAIN.ACTIVEUSERS over the ids joined with the
 * day (id & "|" & INT(date)), and so does this.
 */
export function customerDaysIn(
  idColumn: CellColumn,
  dateCells: CellColumn,
  asOf: number,
  windowDays: number
): number {
  const { serials, keyOfRow } = activityDates(idColumn, dateCells);
  return activeUsers(
    serials,
    (row) => idKey(`${keyOfRow(row)}|${Math.floor(serials[row])}`),
    asOf,
    windowDays
  );
}

/** RETAIN.REPEATRATE(ids). */
export function repeatRateOf(idColumn: CellColumn): number {
  const { indexOfRow, count } = idIndexColumn(idColumn, "customer_ids");
  return repeatPurchaseRate(purchaseCounts(indexOfRow, count));
}

/** Promoters, passives and detractors of a score column, as RETAIN.NPS counts them. */
export function scoreCounts(scoreColumn: CellColumn): NpsCounts {
  return classifyScores(numberColumn(scoreColumn, "scores"), (index) =>
    flatPosition(scoreColumn, "scores", index)
  );
}

/** RETAIN.NPS(scores). */
export function npsOf(counts: NpsCounts): number {
  return npsFromCounts(counts.promoters, counts.passives, counts.detractors);
}

/** RETAIN.NPSMOE(scores) at 95%. */
export function npsMarginOf(counts: NpsCounts): number {
  return npsMarginOfError(counts, 0.95);
}

/**
 * RETAIN.COHORT(ids, dates, period) on the rows dated before the end of `asOf`, as the spill
 * rows (header first). The Live formula filters the same rows with FILTER(…, dates < as_of + 1).
 */
export function cohortSpill(
  idColumn: CellColumn,
  dateCells: CellColumn,
  period: Period,
  asOf: number
): (number | string)[][] {
  const log = activityLog(idColumn, dateCells, "dates");
  const limit = Math.floor(asOf) + 1;
  let kept = 0;
  for (let i = 0; i < log.serials.length; i++)
    if (log.customerOfRow[i] >= 0 && log.serials[i] < limit) kept++;
  const customers = new Int32Array(kept);
  const serials = new Float64Array(kept);
  let next = 0;
  for (let i = 0; i < log.serials.length; i++) {
    if (log.customerOfRow[i] >= 0 && log.serials[i] < limit) {
      customers[next] = log.customerOfRow[i];
      serials[next++] = log.serials[i];
    }
  }
  return cohortSpillRows(
    cohortMatrixFromIndices(customers, log.customerCount, serials, { period })
  );
}

/**
 * Durations for survival, in whole reporting periods: for each customer who started on or
 * before as_of, ROUNDUP((end or as_of − start) / days per period), where an end after as_of
 * counts as still active. `churned` is 1 when the customer left on or before as_of.
 * This is the scorecard's own definition of lifetime (the Live formula computes the same
 * columns with LET/FILTER and passes them to RETAIN.SURVIVAL and RETAIN.MEDIANLIFETIME).
 */
export function lifetimes(
  list: CustomerList,
  asOf: number,
  daysPerPeriod: number
): { durations: Float64Array; churned: Uint8Array } {
  const day = Math.floor(asOf);
  const durations: number[] = [];
  const churned: number[] = [];
  for (let i = 0; i < list.starts.length; i++) {
    const start = list.starts[i];
    if (Number.isNaN(start) || Math.floor(start) > day) continue;
    const end = list.ends[i];
    const gone = !Number.isNaN(end) && Math.floor(end) <= day;
    const last = gone ? Math.floor(end) : day;
    durations.push(Math.ceil((last - Math.floor(start)) / daysPerPeriod));
    churned.push(gone ? 1 : 0);
  }
  return { durations: Float64Array.from(durations), churned: Uint8Array.from(churned) };
}

/** RETAIN.SURVIVAL(durations, churned) as spill rows. */
export function survivalSpill(durations: Float64Array, churned: Uint8Array): (number | string)[][] {
  return kaplanMeierSpillRows(kaplanMeier(durations, churned));
}

/** RETAIN.MEDIANLIFETIME(durations, churned). */
export function medianOf(durations: Float64Array, churned: Uint8Array): number {
  return medianLifetime(durations, churned);
}

/** RETAIN.RFM(ids, dates, amounts, as_of) rows, with the customers' labels. */
export function rfmRows(log: ReturnType<typeof purchaseLog>, asOf: number): RfmRow[] {
  return rfmTable(log, asOf);
}

export { usageTrend, disengaged, topReferrers };

/** The referrer column as RETAIN.TOPREFERRERS reads it. */
export function referrerIds(column: CellColumn): {
  indexOfRow: Int32Array;
  count: number;
  labels: CustomerLabel[];
} {
  const ids = idIndexColumn(column, "referrer_ids");
  return { indexOfRow: ids.indexOfRow, count: ids.count, labels: ids.labels };
}

/** True for a blank cell, by the coercion module's rule. */
export function blankCell(value: unknown): boolean {
  return isBlank(value);
}

/**
 * RETAIN.REFERRALRATE(referred, total) with referred = customers (rows with a start date) whose
 * "referred by" is filled and total = all customers; the Live formula counts the same rows with
 * COUNTIFS(start, "<>", referred_by, "<>") and COUNTIFS(start, "<>").
 */
export function referralRateOf(startCells: CellColumn, referredCells: CellColumn): number {
  requireSameLength("start_dates", startCells.length, "referred_by", referredCells.length);
  let customers = 0;
  let referred = 0;
  for (let i = 0; i < startCells.length; i++) {
    if (isBlank(startCells[i][0])) continue;
    customers++;
    if (!isBlank(referredCells[i][0])) referred++;
  }
  return referralRate(referred, customers);
}

/** RETAIN.STICKINESS(average DAU, MAU). */
export function stickinessOf(averageDailyActive: number, monthlyActive: number): number {
  return stickiness([averageDailyActive], monthlyActive);
}
