/**
 * Churn and active counts from a customer list: one row per customer with a start date and an
 * end date, where a blank end date means the customer is still active.
 *
 * Boundary conventions (chosen to read the way a spreadsheet user counts days):
 * - Dates are calendar days: the time of day is dropped (the serial is floored), so two
 *   timestamps on the same day are the same day.
 * - `period_start` and `period_end` are both inclusive: the period is the days
 *   period_start … period_end.
 * - A customer is **active on day d** when start ≤ d and (no end, or end > d). The end date is the
 *   day the customer left, so they are not counted on it: ACTIVECOUNT(as_of) is the number on the
 *   books at the close of day as_of.
 * - **S** (at the start) = customers with start < period_start and (no end, or end ≥ period_start):
 *   those on the books when the period opens, i.e. ACTIVECOUNT(period_start − 1). "Ended before
 *   period_start" means end < period_start, so a customer ending on period_start is in S (and lost).
 * - **N** (new) = customers with period_start ≤ start ≤ period_end.
 * - **L** (lost) = customers in S or N whose end date is within [period_start, period_end].
 * - Then E = S + N − L is ACTIVECOUNT(period_end), so the counts tie out with the CHURN notation
 *   in ./retention (E = S + N − L).
 * - A customer who starts and ends on the same day is new and lost in that period and never active.
 * - An end date before its start date is `#VALUE!` naming the row.
 *
 * Inputs are columns of serials aligned by row; `NaN` marks a blank cell. A row with a blank start
 * date is not a customer (and must then have a blank end date too).
 */
import { Errors } from "./errors";
import { serialToIso } from "./dates";
import { ChurnMethod, churnRate } from "./retention";

/** The columns of a customer list, as the error messages name them. */
export type CustomerListColumn = "start_dates" | "end_dates";

/** How a cell of the customer list is named in a message; by default "end_dates, row 5" (1-based). */
export type CustomerListPosition = (column: CustomerListColumn, index: number) => string;

const defaultPosition: CustomerListPosition = (column, index) => `${column}, row ${index + 1}`;

/** The period counts of {@link churnCounts}, in the notation of ./retention. */
export interface ChurnCounts {
  /** S: customers on the books when the period opens. */
  readonly start: number;
  /** N: customers who started within the period. */
  readonly new: number;
  /** L: customers in S or N whose end date falls within the period. */
  readonly lost: number;
  /** E = S + N − L: customers on the books at the close of period_end. */
  readonly end: number;
  /** Customers (rows with a start date) in the list. */
  readonly customers: number;
}

/**
 * Visit every customer of the list as whole days, after checking the row: a blank start with a
 * filled end is `#VALUE!`, and so is an end before its start. `end` is NaN for an active customer.
 */
function forEachCustomer(
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  position: CustomerListPosition,
  visit: (startDay: number, endDay: number) => void
): number {
  if (starts.length !== ends.length)
    throw Errors.lengthMismatch("start_dates", starts.length, "end_dates", ends.length);
  let customers = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = ends[i];
    if (Number.isNaN(start)) {
      if (!Number.isNaN(end))
        throw Errors.required(
          position("start_dates", i),
          `because ${position("end_dates", i)} has a date`
        );
      continue;
    }
    const startDay = Math.floor(start);
    const endDay = Math.floor(end); // NaN stays NaN: still active
    if (endDay < startDay) {
      throw Errors.dateBefore(
        position("end_dates", i),
        serialToIso(end),
        position("start_dates", i),
        serialToIso(start)
      );
    }
    customers++;
    visit(startDay, endDay);
  }
  return customers;
}

/**
 * S, N and L for a period from a customer list (see the module comment for the exact boundaries).
 *
 * Source: the counting definitions behind the customer churn rate (Recurly, ChartMogul):
 * customers at the start of the period, new customers acquired in it, and customers lost in it.
 *
 * @param starts the start date of each customer (Excel serials; NaN for a blank row)
 * @param ends the end date of each customer, aligned with `starts` (NaN = still active)
 * @param periodStart the first day of the period (inclusive)
 * @param periodEnd the last day of the period (inclusive)
 * @param position how to name a cell in an error message
 * @throws {RetainError} `#VALUE!` for period_end before period_start, an end before its start
 *   (naming the row), a blank start with a filled end, or columns of different lengths
 * @example churnCounts([45200, 45300, 45320], [45310, NaN, 45400], 45292, 45322)
 * // { start: 1, new: 2, lost: 1, end: 2, customers: 3 }
 */
export function churnCounts(
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  periodStart: number,
  periodEnd: number,
  position: CustomerListPosition = defaultPosition
): ChurnCounts {
  const first = Math.floor(periodStart);
  const last = Math.floor(periodEnd);
  if (last < first)
    throw Errors.dateBefore(
      "period_end",
      serialToIso(periodEnd),
      "period_start",
      serialToIso(periodStart)
    );
  let start = 0;
  let added = 0;
  let lost = 0;
  const customers = forEachCustomer(starts, ends, position, (startDay, endDay) => {
    let exposed = false;
    if (startDay < first) {
      // Not "ended before period_start": still active (NaN) or ended on or after it.
      if (!(endDay < first)) {
        start++;
        exposed = true;
      }
    } else if (startDay <= last) {
      added++;
      exposed = true;
    }
    if (exposed && endDay >= first && endDay <= last) lost++;
  });
  return { start, new: added, lost, end: start + added - lost, customers };
}

/**
 * Customer churn rate for a period, straight from a customer list: the counts of
 * {@link churnCounts} passed to {@link churnRate} (the formula is not repeated here).
 *
 * @param method "start" (L / S, default), "average" or "exposure" (L / (S + N)), as RETAIN.CHURN
 * @throws {RetainError} as {@link churnCounts}; `#DIV/0!` for an empty list or a zero denominator
 * @example churnByDates([45200, 45250, 45300], [45310, NaN, NaN], 45292, 45322) // 0.5 (S = 2, L = 1)
 */
export function churnByDates(
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  periodStart: number,
  periodEnd: number,
  method: ChurnMethod = "start",
  position: CustomerListPosition = defaultPosition
): number {
  const counts = churnCounts(starts, ends, periodStart, periodEnd, position);
  if (counts.customers === 0) throw Errors.noData("start_dates");
  return churnRate(counts.lost, counts.start, counts.new, method);
}

/**
 * The number of customers active on a day: start ≤ as_of and (no end, or end > as_of), i.e. on the
 * books at the close of day as_of (a customer is not counted on the day they leave).
 *
 * @throws {RetainError} `#VALUE!` for an end before its start (naming the row) or a blank start
 *   with a filled end; `#DIV/0!` for an empty list
 * @example activeCount([45200, 45300, 45320], [45310, NaN, 45400], 45310) // 1 (the first left that day)
 */
export function activeCount(
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  asOf: number,
  position: CustomerListPosition = defaultPosition
): number {
  const day = Math.floor(asOf);
  let active = 0;
  const customers = forEachCustomer(starts, ends, position, (startDay, endDay) => {
    if (startDay <= day && !(endDay <= day)) active++;
  });
  if (customers === 0) throw Errors.noData("start_dates");
  return active;
}
