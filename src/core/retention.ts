/**
 * Customer retention and churn from period counts, churn-rate period conversion, and
 * expected customer lifetime.
 *
 * Notation used throughout: S = customers at the start of the period, E = at the end,
 * N = new customers acquired during it, L = customers lost during it (so E = S + N − L).
 */
import { Errors } from "./errors";
import { divide, requireNonNegative, requireRate } from "./validate";

/**
 * Customer retention rate: the share of the customers you started with that you still have.
 *
 * CRR = (E − N) / S. New customers are taken out of the end count so that acquisition cannot
 * hide churn. Source: Kumar & Reinartz, "Customer Relationship Management" (2018), ch. 6;
 * the same definition is used by HubSpot and Baremetrics.
 *
 * @param startCustomers S, customers at the start of the period (≥ 0)
 * @param endCustomers E, customers at the end of the period (≥ 0)
 * @param newCustomers N, customers acquired during the period (≥ 0, ≤ E)
 * @returns the retention rate as a fraction (0.9 = 90%)
 * @throws {RetainError} `#VALUE!` for negative counts, N > E, or E − N > S; `#DIV/0!` when S = 0
 * @example customerRetentionRate(200, 180, 20) // 0.8
 */
export function customerRetentionRate(
  startCustomers: number,
  endCustomers: number,
  newCustomers: number
): number {
  requireNonNegative("start_customers", startCustomers);
  requireNonNegative("end_customers", endCustomers);
  requireNonNegative("new_customers", newCustomers);
  if (newCustomers > endCustomers)
    throw Errors.exceeds("new_customers", "end_customers", newCustomers, endCustomers);
  const retained = endCustomers - newCustomers;
  if (retained > startCustomers) {
    throw Errors.impossible(
      `end_customers − new_customers (${retained}) cannot exceed start_customers (${startCustomers}): more customers were retained than existed`
    );
  }
  return divide(retained, startCustomers, "start_customers");
}

/** How churn is normalised: by the start count, the average count, or everyone exposed. */
export type ChurnMethod = "start" | "average" | "exposure";
export const CHURN_METHODS: readonly ChurnMethod[] = ["start", "average", "exposure"];

/**
 * Customer churn rate for one period.
 *
 * - `"start"` (default): L / S, the classic definition (Recurly, ChartMogul "customer churn rate").
 * - `"average"`: L / ((S + E) / 2) with E = S + N − L, which damps the effect of fast growth
 *   (Baremetrics, Shopify's "average customers" form).
 * - `"exposure"`: L / (S + N), everyone who could have churned in the period (Stripe's
 *   "churn rate" counts subscribers active at any point in the period).
 *
 * Source: Recurly Research, "What is a good churn rate?" uses the worked example
 * 1,000 at start, 500 new, 62 lost → 6.2% on the start method.
 *
 * @param lostCustomers L, customers lost in the period (≥ 0, ≤ S + N)
 * @param startCustomers S, customers at the start (≥ 0)
 * @param newCustomers N, customers acquired in the period; required by "average" and "exposure"
 * @param method "start", "average" or "exposure"
 * @returns the churn rate as a fraction
 * @throws {RetainError} `#VALUE!` for negative counts, L > S + N or a missing N; `#DIV/0!` for a zero denominator
 * @example churnRate(62, 1000) // 0.062
 * @example churnRate(62, 1000, 500, "exposure") // 0.04133…
 */
export function churnRate(
  lostCustomers: number,
  startCustomers: number,
  newCustomers: number | undefined,
  method: ChurnMethod = "start"
): number {
  requireNonNegative("lost_customers", lostCustomers);
  requireNonNegative("start_customers", startCustomers);
  if (newCustomers !== undefined) requireNonNegative("new_customers", newCustomers);
  const exposed = startCustomers + (newCustomers ?? 0);
  if (lostCustomers > exposed) {
    throw Errors.impossible(
      newCustomers === undefined
        ? `lost_customers (${lostCustomers}) cannot exceed start_customers (${startCustomers}) when new_customers is omitted`
        : `lost_customers (${lostCustomers}) cannot exceed start_customers + new_customers (${exposed})`
    );
  }
  if (method !== "start" && newCustomers === undefined) {
    throw Errors.required("new_customers", `for method '${method}'`);
  }
  switch (method) {
    case "start":
      return divide(lostCustomers, startCustomers, "start_customers");
    case "average": {
      const endCustomers = exposed - lostCustomers;
      return divide(
        lostCustomers,
        (startCustomers + endCustomers) / 2,
        "the average customer count"
      );
    }
    case "exposure":
      return divide(lostCustomers, exposed, "start_customers + new_customers");
  }
}

/** Rate periods and their lengths in days (the Julian year of 365.25 days, so 12 months = 1 year exactly). */
export const PERIOD_DAYS = {
  day: 1,
  week: 7,
  month: 30.4375,
  quarter: 91.3125,
  year: 365.25,
} as const;
export type RatePeriod = keyof typeof PERIOD_DAYS;
export const RATE_PERIODS = Object.keys(PERIOD_DAYS) as RatePeriod[];

/**
 * Convert a churn (or any compounding loss) rate between periods, assuming a constant hazard:
 * 1 − (1 − rate)^(len(to) / len(from)).
 *
 * Source: the compounding identity used by ChartMogul and Recurly to annualise churn; for
 * example 1% monthly churn is 1 − 0.99¹² = 11.36% a year, and 5% monthly is 45.96%.
 *
 * @param rate the rate over `fromPeriod`, a fraction in [0, 1]
 * @param fromPeriod the period `rate` is measured over
 * @param toPeriod the period to express it over
 * @throws {RetainError} `#VALUE!` for a rate outside [0, 1]
 * @example convertRate(0.01, "month", "year") // 0.11361…
 */
export function convertRate(rate: number, fromPeriod: RatePeriod, toPeriod: RatePeriod): number {
  requireRate("rate", rate);
  const exponent = PERIOD_DAYS[toPeriod] / PERIOD_DAYS[fromPeriod];
  return 1 - Math.pow(1 - rate, exponent);
}

/**
 * Expected customer lifetime in periods under a constant churn rate c: 1 / c, the mean of
 * the geometric distribution of periods until churn.
 *
 * Source: Fader & Hardie, "How to project customer retention" (J. Interactive Marketing, 2007),
 * whose constant-churn baseline gives an expected lifetime of 1/c periods.
 *
 * @param churn the churn rate per period, in [0, 1]
 * @throws {RetainError} `#VALUE!` for a rate outside [0, 1]; `#DIV/0!` when c = 0
 * @example averageLifetime(0.05) // 20
 */
export function averageLifetime(churn: number): number {
  requireRate("churn_rate", churn);
  return divide(1, churn, "churn_rate");
}
