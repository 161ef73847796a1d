/**
 * Referral leaderboards for loyalty and referral programmes: who referred the most customers.
 */
import { Errors } from "./errors";
import { CustomerLabel, shownLabel } from "./activity";
import { requireWholeAtLeast } from "./validate";

/** Default number of referrers RETAIN.TOPREFERRERS lists. */
export const DEFAULT_TOP_REFERRERS = 10;

/** One referrer of {@link topReferrers}. */
export interface ReferrerRow {
  /** The referrer's number (0, 1, 2, … in order of first appearance). */
  readonly referrer: number;
  /** How many rows name this referrer: the customers they referred. */
  readonly referrals: number;
}

/**
 * The `n` referrers who referred the most customers: one row per referred customer names its
 * referrer (the "referred by" column of a customer list); blank rows (customers who came on
 * their own) are ignored. Most referrals first; ties go to the referrer seen first, so exactly
 * `n` rows are returned when there are at least `n` referrers.
 *
 * Source: the referral leaderboard of referral-programme tools (ReferralCandy, Viral Loops:
 * "top referrers" ranked by successful referrals).
 *
 * @param referrerOfRow the referrer number of each row (negative for a blank row)
 * @param referrerCount the number of distinct referrers
 * @param n how many to list, a whole number ≥ 1
 * @throws {RetainError} `#VALUE!` for n below 1 or not whole; `#DIV/0!` when no row names a referrer
 * @example topReferrers([0, 1, 0, -1, 2, 1, 0], 3, 2) // [{ referrer: 0, referrals: 3 }, { referrer: 1, referrals: 2 }]
 */
export function topReferrers(
  referrerOfRow: ArrayLike<number>,
  referrerCount: number,
  n = DEFAULT_TOP_REFERRERS
): ReferrerRow[] {
  requireWholeAtLeast("n", n, 1);
  const counts = new Float64Array(referrerCount);
  let named = 0;
  for (let i = 0; i < referrerOfRow.length; i++) {
    const referrer = referrerOfRow[i];
    if (referrer < 0) continue;
    counts[referrer]++;
    named++;
  }
  if (named === 0) throw Errors.noData("referrer_ids");
  const rows: ReferrerRow[] = [];
  for (let referrer = 0; referrer < referrerCount; referrer++) {
    if (counts[referrer] > 0) rows.push({ referrer, referrals: counts[referrer] });
  }
  rows.sort((a, b) => b.referrals - a.referrals || a.referrer - b.referrer);
  return rows.slice(0, n);
}

/** The header of RETAIN.TOPREFERRERS's spill. */
export const TOP_REFERRERS_HEADER: readonly string[] = ["Referrer", "Referrals"];

/** The spill of RETAIN.TOPREFERRERS: header row, then one row per referrer. */
export function topReferrersSpill(
  rows: readonly ReferrerRow[],
  labels: readonly CustomerLabel[]
): (string | number)[][] {
  return [
    [...TOP_REFERRERS_HEADER],
    ...rows.map((row) => [shownLabel(labels[row.referrer]), row.referrals]),
  ];
}
