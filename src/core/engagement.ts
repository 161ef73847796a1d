/**
 * Engagement ratios: referrals, active share and stickiness (DAU/MAU).
 */
import { Errors } from "./errors";
import { divide, requireAtMost, requireNonNegative } from "./validate";

/**
 * Referral rate: the share of customers who came through a referral (or who referred someone,
 * depending on what `referred` counts). Source: Ahrefs/Referral Rock, "referral rate =
 * referred customers / total customers".
 * @throws {RetainError} `#VALUE!` for negative counts or referred > total; `#DIV/0!` when total = 0
 * @example referralRate(30, 400) // 0.075
 */
export function referralRate(referred: number, total: number): number {
  requireNonNegative("referred", referred);
  requireNonNegative("total", total);
  requireAtMost("referred", referred, "total", total);
  return divide(referred, total, "total");
}

/**
 * Active rate: the share of customers active in a period (visited, logged in, purchased).
 * @throws {RetainError} `#VALUE!` for negative counts or active > total; `#DIV/0!` when total = 0
 * @example activeRate(640, 800) // 0.8
 */
export function activeRate(active: number, total: number): number {
  requireNonNegative("active", active);
  requireNonNegative("total", total);
  requireAtMost("active", active, "total", total);
  return divide(active, total, "total");
}

/**
 * Stickiness: average daily active users over monthly active users (DAU / MAU).
 * `dailyActive` may hold one DAU figure or a series of daily counts, which is averaged.
 * Source: the DAU/MAU ratio as popularised by Facebook's 2009 investor reporting; Mixpanel,
 * "Stickiness" (average DAU / MAU).
 * @throws {RetainError} `#VALUE!` for negative counts or DAU > MAU; `#DIV/0!` with no DAU data or MAU = 0
 * @example stickiness([120, 80, 100], 500) // 0.2
 */
export function stickiness(dailyActive: readonly number[], monthlyActive: number): number {
  if (dailyActive.length === 0) throw Errors.noData("dau");
  let sum = 0;
  for (const dau of dailyActive) sum += requireNonNegative("dau", dau);
  requireNonNegative("mau", monthlyActive);
  const averageDau = sum / dailyActive.length;
  requireAtMost("dau", averageDau, "mau", monthlyActive);
  return divide(averageDau, monthlyActive, "mau");
}
