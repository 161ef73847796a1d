/**
 * Customer lifetime value under a constant churn (retention) rate.
 */
import { divide, requireNonNegative, requireRate } from "./validate";

/**
 * Customer lifetime value: m · (1 + d) / (c + d), with m = revenue per period · gross margin.
 *
 * This is the Gupta–Lehmann infinite-horizon formula that counts the first period's margin as
 * received at once: Σ_{t≥0} m · (1 − c)^t / (1 + d)^t = m · (1 + d) / (c + d). With no
 * discounting it is m / c, ChartMogul's "LTV = ARPA / churn": $100 a month at 5% churn is $2,000.
 * Source: Gupta & Lehmann, "Customers as Assets", J. Interactive Marketing 17(1), 2003.
 *
 * @param revenuePerPeriod average revenue per customer per period (≥ 0)
 * @param churn churn rate per period, in [0, 1]
 * @param grossMargin gross margin as a fraction, in [0, 1]; 1 by default (revenue LTV)
 * @param discountRate discount rate per period, in [0, 1]; 0 by default
 * @throws {RetainError} `#VALUE!` for a negative revenue or a rate outside [0, 1]; `#DIV/0!` when c + d = 0
 * @example customerLifetimeValue(100, 0.05) // 2000
 */
export function customerLifetimeValue(
  revenuePerPeriod: number,
  churn: number,
  grossMargin = 1,
  discountRate = 0
): number {
  requireNonNegative("revenue_per_period", revenuePerPeriod);
  requireRate("churn_rate", churn);
  requireRate("gross_margin", grossMargin);
  requireRate("discount_rate", discountRate);
  const margin = revenuePerPeriod * grossMargin;
  return divide(margin * (1 + discountRate), churn + discountRate, "churn_rate + discount_rate");
}
