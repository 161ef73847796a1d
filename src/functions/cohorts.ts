/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes untyped cell values (see calculators.ts). */
/**
 * RETAIN analytics on dated data: cohort retention matrices and customer survival (issue 3).
 * Thin wrappers, as in calculators.ts: coerce the columns (./coerce), call the core
 * (../core/cohort, ../core/survival), and let ./excel-errors turn problems into Excel errors.
 *
 * Shared rules for the column arguments: columns that belong together must have the same
 * number of cells (`#VALUE!` naming both lengths); a row where both cells are blank is skipped;
 * a row with one blank and one filled cell is `#VALUE!` naming the row.
 */
import {
  COHORT_MODES,
  COHORT_OUTPUTS,
  cohortMatrixFromIndices,
  cohortSpillRows,
} from "../core/cohort";
import { PERIODS } from "../core/dates";
import { Errors } from "../core/errors";
import { kaplanMeier, kaplanMeierSpillRows, medianLifetime } from "../core/survival";
import {
  activityLog,
  BLANK_FLAG,
  choice,
  flagColumn,
  flatPosition,
  numberColumn,
  optionalNumber,
  requireSameLength,
  skipBlankPair,
} from "./coerce";
import { scalarResult, spillResult } from "./excel-errors";

/** The filled rows of an id column and a date column (ids interned), blanks-both rows dropped. */
function transactionColumns(
  customerIds: unknown,
  dates: unknown
): { customerOfRow: Int32Array; customerCount: number; serials: Float64Array } {
  const log = activityLog(customerIds, dates, "dates");
  let kept = 0;
  for (let i = 0; i < log.customerOfRow.length; i++) if (log.customerOfRow[i] >= 0) kept++;
  if (kept === log.customerOfRow.length) return log;
  const customerOfRow = new Int32Array(kept);
  const serials = new Float64Array(kept);
  let next = 0;
  for (let i = 0; i < log.customerOfRow.length; i++) {
    if (log.customerOfRow[i] >= 0) {
      customerOfRow[next] = log.customerOfRow[i];
      serials[next++] = log.serials[i];
    }
  }
  return { customerOfRow, customerCount: log.customerCount, serials };
}

/** The filled rows of a durations column and a churned column, blanks-both rows dropped. */
function survivalColumns(
  durations: unknown,
  churned: unknown
): { times: Float64Array; events: Uint8Array } {
  const times = numberColumn(durations, "durations");
  const events = flagColumn(churned, "churned");
  requireSameLength("durations", times.length, "churned", events.length);
  let kept = 0;
  for (let i = 0; i < times.length; i++) {
    if (skipBlankPair(i, "durations", Number.isNaN(times[i]), "churned", events[i] === BLANK_FLAG))
      continue;
    if (times[i] < 0) throw Errors.negative(flatPosition(durations, "durations", i), times[i]);
    kept++;
  }
  if (kept === times.length) return { times, events };
  const keptTimes = new Float64Array(kept);
  const keptEvents = new Uint8Array(kept);
  let next = 0;
  for (let i = 0; i < times.length; i++) {
    if (events[i] !== BLANK_FLAG) {
      keptTimes[next] = times[i];
      keptEvents[next++] = events[i];
    }
  }
  return { times: keptTimes, events: keptEvents };
}

/**
 * Cohort retention matrix from a transaction log: one row per cohort (customers grouped by the period of their first purchase), one column per period since.
 * @customfunction COHORT
 * @param customer_ids The customer id of each transaction (one row per transaction); ids match as trimmed, case-insensitive text.
 * @param dates The date of each transaction: a date cell, serial number or ISO text such as 2024-01-15. Same number of cells as customer_ids.
 * @param [period] "month" (default), "day", "week" (weeks start on Monday), "quarter" or "year".
 * @param [mode] "classic" (default): share active in period c + k; "unbounded": share active in period c + k or any later period.
 * @param [output] "rate" (default): share of the cohort; "count": number of distinct customers.
 * @returns A header row (Cohort, Customers, 0, 1, 2, …), then per cohort its first day, its size and one value per period offset; blank after the last period in the data.
 */
export function cohort(
  customer_ids: any[][],
  dates: any[][],
  period?: any,
  mode?: any,
  output?: any
): any[][] {
  return spillResult(() => {
    const options = {
      period: choice(period, "period", PERIODS, "month"),
      mode: choice(mode, "mode", COHORT_MODES, "classic"),
      output: choice(output, "output", COHORT_OUTPUTS, "rate"),
    };
    const { customerOfRow, customerCount, serials } = transactionColumns(customer_ids, dates);
    return cohortSpillRows(cohortMatrixFromIndices(customerOfRow, customerCount, serials, options));
  });
}

/**
 * Kaplan–Meier customer survival with censoring, and its log-log confidence interval (as R's survfit and lifelines).
 * @customfunction SURVIVAL
 * @param durations How long each customer has been (or was) a customer, in any time unit; numbers ≥ 0.
 * @param churned For each customer: 1 or TRUE if they left at that duration, 0 or FALSE if still a customer (censored). Same number of cells as durations.
 * @param [confidence] Two-sided confidence level of Lower and Upper, between 0 and 1; 0.95 by default.
 * @returns A header row (Time, At risk, Churned, Censored, Survival, Lower, Upper), then one row per time at which someone churned; Lower and Upper are blank where survival is 0.
 */
export function survival(durations: any[][], churned: any[][], confidence?: any): any[][] {
  return spillResult(() => {
    const level = optionalNumber(confidence, "confidence", 0.95);
    const { times, events } = survivalColumns(durations, churned);
    return kaplanMeierSpillRows(kaplanMeier(times, events, level));
  });
}

/**
 * Median customer lifetime: the smallest duration at which Kaplan–Meier survival falls to 50% or below.
 * @customfunction MEDIANLIFETIME
 * @param durations How long each customer has been (or was) a customer, in any time unit; numbers ≥ 0.
 * @param churned For each customer: 1 or TRUE if they left at that duration, 0 or FALSE if still a customer (censored). Same number of cells as durations.
 * @returns The median lifetime, in the unit of durations; #N/A if survival never falls to 50%.
 */
export function medianlifetime(durations: any[][], churned: any[][]): number {
  return scalarResult(() => {
    const { times, events } = survivalColumns(durations, churned);
    return medianLifetime(times, events);
  });
}
