/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes untyped cell values (see calculators.ts). */
/**
 * RETAIN analytics on dated data: churn and active counts from a customer list, activity
 * (active users, usage trend, disengaged customers), RFM segments and top referrers (issue 3).
 * Thin wrappers, as in calculators.ts: coerce the columns (./coerce), call the core
 * (../core/lifecycle, ../core/activity, ../core/rfm, ../core/referrals), and let
 * ./excel-errors turn problems into Excel errors.
 *
 * Shared rules for the column arguments (the same as RETAIN.COHORT's): columns that belong
 * together must have the same number of cells (`#VALUE!` naming both lengths); a row blank in
 * every column is skipped; a row with some cells blank and others filled is `#VALUE!` naming the
 * row — except end_dates, where a blank means the customer is still active. Dates are date
 * cells, serial numbers or ISO text; times of day are ignored. as_of defaults to the latest date
 * in the data, never today. Spills start with a header row; customers are shown as first written.
 */
import { CHURN_METHODS } from "../core/retention";
import { activeCount, churnByDates } from "../core/lifecycle";
import {
  countActiveUsers,
  DEFAULT_DROP,
  DEFAULT_INACTIVE_DAYS,
  DEFAULT_WINDOW_DAYS,
  disengaged,
  disengagedSpill,
  usageTrend,
  usageTrendSpill,
} from "../core/activity";
import { rfmSpill, rfmTable } from "../core/rfm";
import { DEFAULT_TOP_REFERRERS, topReferrers, topReferrersSpill } from "../core/referrals";
import {
  activityLog,
  choice,
  customerList,
  idDateSerials,
  idIndexColumn,
  maybeDate,
  optionalNumber,
  purchaseLog,
  requiredDate,
} from "./coerce";
import { scalarResult, spillResult } from "./excel-errors";

/**
 * Customer churn rate for a period computed from a customer list of start and end dates (blank end = still active).
 * @customfunction CHURNBYDATES
 * @param start_dates The date each customer started (one row per customer).
 * @param end_dates The date each customer left, blank if still a customer. Same number of cells as start_dates.
 * @param period_start The first day of the period (counted in the period).
 * @param period_end The last day of the period (counted in the period).
 * @param [method] "start" (lost / customers at the start, default), "average" or "exposure" (lost / (start + new)), as RETAIN.CHURN.
 * @returns The churn rate as a fraction: lost = customers at the start or new in the period whose end date is in the period.
 */
export function churnbydates(
  start_dates: any[][],
  end_dates: any[][],
  period_start: any,
  period_end: any,
  method?: any
): number {
  return scalarResult(() => {
    const first = requiredDate(period_start, "period_start");
    const last = requiredDate(period_end, "period_end");
    const how = choice(method, "method", CHURN_METHODS, "start");
    const { starts, ends, position } = customerList(start_dates, end_dates);
    return churnByDates(starts, ends, first, last, how, position);
  });
}

/**
 * Number of customers active on a date: started on or before it and not yet ended (a customer is not counted on their end date).
 * @customfunction ACTIVECOUNT
 * @param start_dates The date each customer started (one row per customer).
 * @param end_dates The date each customer left, blank if still a customer. Same number of cells as start_dates.
 * @param as_of The date to count on.
 * @returns The number of customers on the books at the end of as_of.
 */
export function activecount(start_dates: any[][], end_dates: any[][], as_of: any): number {
  return scalarResult(() => {
    const day = requiredDate(as_of, "as_of");
    const { starts, ends, position } = customerList(start_dates, end_dates);
    return activeCount(starts, ends, day, position);
  });
}

/**
 * Distinct customers with activity in the window_days days ending on as_of; use 1 for daily and 30 for monthly active users.
 * @customfunction ACTIVEUSERS
 * @param customer_ids The customer id of each activity row (one row per event); ids match as trimmed, case-insensitive text.
 * @param activity_dates The date of each event. Same number of cells as customer_ids.
 * @param [as_of] The last day of the window; the latest date in activity_dates by default.
 * @param [window_days] Length of the window in days, a whole number ≥ 1; 30 by default.
 * @returns The number of distinct customers active in (as_of − window_days, as_of].
 */
export function activeusers(
  customer_ids: any[][],
  activity_dates: any[][],
  as_of?: any,
  window_days?: any
): number {
  return scalarResult(() => {
    const day = maybeDate(as_of, "as_of");
    const windowDays = optionalNumber(window_days, "window_days", DEFAULT_WINDOW_DAYS);
    return countActiveUsers(
      idDateSerials(customer_ids, "customer_ids", activity_dates, "activity_dates"),
      day,
      windowDays
    );
  });
}

/**
 * Early warning for disengagement: customers whose activity in the last window fell by drop or more against the window before.
 * @customfunction USAGETREND
 * @param customer_ids The customer id of each activity row (one row per event); ids match as trimmed, case-insensitive text.
 * @param activity_dates The date of each event. Same number of cells as customer_ids.
 * @param [as_of] The last day of the recent window; the latest date in activity_dates by default.
 * @param [window_days] Length of each window in days, a whole number ≥ 1; 30 by default.
 * @param [drop] The fall that flags a customer as declining, between 0 and 1; 0.5 (half) by default.
 * @returns A header row (Customer, Recent, Previous, Change, Flag), then the flagged customers, worst change first; Flag is "inactive" or "declining".
 */
export function usagetrend(
  customer_ids: any[][],
  activity_dates: any[][],
  as_of?: any,
  window_days?: any,
  drop?: any
): any[][] {
  return spillResult(() => {
    const options = {
      asOf: maybeDate(as_of, "as_of"),
      windowDays: optionalNumber(window_days, "window_days", DEFAULT_WINDOW_DAYS),
      drop: optionalNumber(drop, "drop", DEFAULT_DROP),
    };
    const log = activityLog(customer_ids, activity_dates, "activity_dates");
    return usageTrendSpill(usageTrend(log, options), log.labels);
  });
}

/**
 * Customers whose last activity is more than inactive_days before as_of, longest inactive first.
 * @customfunction DISENGAGED
 * @param customer_ids The customer id of each activity row (one row per event); ids match as trimmed, case-insensitive text.
 * @param activity_dates The date of each event. Same number of cells as customer_ids.
 * @param [as_of] The date to measure inactivity at; the latest date in activity_dates by default.
 * @param [inactive_days] Days without activity after which a customer is disengaged, a whole number ≥ 0; 90 by default.
 * @returns A header row (Customer, Last activity, Days inactive), then one row per disengaged customer; Last activity is a date serial.
 */
export function disengagedCustomers(
  customer_ids: any[][],
  activity_dates: any[][],
  as_of?: any,
  inactive_days?: any
): any[][] {
  return spillResult(() => {
    const options = {
      asOf: maybeDate(as_of, "as_of"),
      inactiveDays: optionalNumber(inactive_days, "inactive_days", DEFAULT_INACTIVE_DAYS),
    };
    const log = activityLog(customer_ids, activity_dates, "activity_dates");
    return disengagedSpill(disengaged(log, options), log.labels);
  });
}

/**
 * RFM analysis: recency, frequency and monetary value per customer, 1–5 quintile scores and the segment of R's rfm package (Champions, Loyal Customers, At Risk, Lost, …).
 * @customfunction RFM
 * @param customer_ids The customer id of each purchase (one row per purchase); ids match as trimmed, case-insensitive text.
 * @param dates The date of each purchase. Same number of cells as customer_ids.
 * @param amounts The amount of each purchase. Same number of cells as customer_ids.
 * @param [as_of] The analysis date recency is counted to; the latest date in dates by default. Later purchases are ignored.
 * @returns A header row (Customer, Recency, Frequency, Monetary, R, F, M, Segment), then one row per customer, highest R+F+M (then Monetary) first.
 */
export function rfm(customer_ids: any[][], dates: any[][], amounts: any[][], as_of?: any): any[][] {
  return spillResult(() => {
    const day = maybeDate(as_of, "as_of");
    const log = purchaseLog(customer_ids, dates, amounts);
    return rfmSpill(rfmTable(log, day), log.labels);
  });
}

/**
 * The customers who referred the most others, for loyalty and referral programmes.
 * @customfunction TOPREFERRERS
 * @param referrer_ids For each customer, the id of the customer who referred them; blanks (no referrer) are ignored.
 * @param [n] How many referrers to list, a whole number ≥ 1; 10 by default.
 * @returns A header row (Referrer, Referrals), then the top n referrers, most referrals first (ties: first seen first).
 */
export function topreferrers(referrer_ids: any[][], n?: any): any[][] {
  return spillResult(() => {
    const count = optionalNumber(n, "n", DEFAULT_TOP_REFERRERS);
    const referrers = idIndexColumn(referrer_ids, "referrer_ids");
    return topReferrersSpill(
      topReferrers(referrers.indexOfRow, referrers.count, count),
      referrers.labels
    );
  });
}
