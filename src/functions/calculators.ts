/* eslint-disable @typescript-eslint/no-explicit-any --
 * Excel passes untyped cell values; `any` is how custom-functions-metadata declares "any value"
 * (and `any[][]` a range that keeps blanks as blanks). The coercion module types them at once. */
/**
 * RETAIN calculators: the metrics an analyst types into a cell from counts and amounts
 * they already have. Each function is a thin wrapper: coerce the arguments (./coerce),
 * call the core (../core), and let ./excel-errors turn problems into Excel errors.
 *
 * The JSDoc here is the function's Excel documentation: custom-functions-metadata-plugin turns
 * it into functions.json (names, argument tooltips), and `npm run docs` into the README reference.
 * The argument order is a public contract: test/golden/functions.json pins it.
 */
import {
  churnRate,
  CHURN_METHODS,
  convertRate,
  customerRetentionRate,
  averageLifetime,
  RATE_PERIODS,
} from "../core/retention";
import { grossRevenueRetention, netRevenueRetention } from "../core/revenue";
import { purchaseCounts, purchaseFrequency, repeatPurchaseRate } from "../core/purchases";
import {
  classifyScores,
  npsBreakdown,
  npsFromCounts,
  npsMarginOfError,
  NpsCounts,
} from "../core/nps";
import { activeRate, referralRate, stickiness } from "../core/engagement";
import { customerLifetimeValue } from "../core/ltv";
import {
  choice,
  flatPosition,
  idIndexColumn,
  maybeNumber,
  numberColumn,
  numbers,
  optionalNumber,
  requiredNumber,
} from "./coerce";
import { scalarResult, spillResult } from "./excel-errors";

/**
 * Customer retention rate: (end − new) / start, the share of the customers you started the period with that you kept.
 * @customfunction CRR
 * @param start_customers Customers at the start of the period.
 * @param end_customers Customers at the end of the period.
 * @param new_customers Customers acquired during the period.
 * @returns The retention rate as a fraction (0.9 = 90%).
 */
export function crr(start_customers: any, end_customers: any, new_customers: any): number {
  return scalarResult(() =>
    customerRetentionRate(
      requiredNumber(start_customers, "start_customers"),
      requiredNumber(end_customers, "end_customers"),
      requiredNumber(new_customers, "new_customers")
    )
  );
}

/**
 * Customer churn rate for a period: lost / start by default, or the "average" or "exposure" method.
 * @customfunction CHURN
 * @param lost_customers Customers lost during the period.
 * @param start_customers Customers at the start of the period.
 * @param [new_customers] Customers acquired during the period; needed by "average" and "exposure".
 * @param [method] "start" (lost/start, default), "average" (lost/average of start and end) or "exposure" (lost/(start+new)).
 * @returns The churn rate as a fraction (0.05 = 5%).
 */
export function churn(
  lost_customers: any,
  start_customers: any,
  new_customers?: any,
  method?: any
): number {
  return scalarResult(() =>
    churnRate(
      requiredNumber(lost_customers, "lost_customers"),
      requiredNumber(start_customers, "start_customers"),
      maybeNumber(new_customers, "new_customers"),
      choice(method, "method", CHURN_METHODS, "start")
    )
  );
}

/**
 * Converts a churn rate between periods with compounding: 1 − (1 − rate)^(length of to / length of from).
 * @customfunction RATECONVERT
 * @param rate The rate over from_period, as a fraction (0.05 = 5%).
 * @param from_period The period the rate is measured over: "day", "week", "month", "quarter" or "year".
 * @param to_period The period to convert to: "day", "week", "month", "quarter" or "year".
 * @returns The equivalent rate over to_period.
 */
export function rateconvert(rate: any, from_period: any, to_period: any): number {
  return scalarResult(() =>
    convertRate(
      requiredNumber(rate, "rate"),
      choice(from_period, "from_period", RATE_PERIODS),
      choice(to_period, "to_period", RATE_PERIODS)
    )
  );
}

/**
 * Gross revenue retention: (start − contraction − churned) / start; ignores expansion, so at most 100%.
 * @customfunction GRR
 * @param start_revenue Recurring revenue at the start of the period.
 * @param contraction Revenue lost to downgrades during the period.
 * @param churned_revenue Revenue lost to customers who left.
 * @returns Gross revenue retention as a fraction.
 */
export function grr(start_revenue: any, contraction: any, churned_revenue: any): number {
  return scalarResult(() =>
    grossRevenueRetention(
      requiredNumber(start_revenue, "start_revenue"),
      requiredNumber(contraction, "contraction"),
      requiredNumber(churned_revenue, "churned_revenue")
    )
  );
}

/**
 * Net revenue retention: (start + expansion − contraction − churned) / start; above 100% when expansion outgrows losses.
 * @customfunction NRR
 * @param start_revenue Recurring revenue at the start of the period.
 * @param expansion Revenue added by upgrades from existing customers.
 * @param contraction Revenue lost to downgrades during the period.
 * @param churned_revenue Revenue lost to customers who left.
 * @returns Net revenue retention as a fraction.
 */
export function nrr(
  start_revenue: any,
  expansion: any,
  contraction: any,
  churned_revenue: any
): number {
  return scalarResult(() =>
    netRevenueRetention(
      requiredNumber(start_revenue, "start_revenue"),
      requiredNumber(expansion, "expansion"),
      requiredNumber(contraction, "contraction"),
      requiredNumber(churned_revenue, "churned_revenue")
    )
  );
}

/** Purchases per customer from a purchase log's id column (blank rows skipped). */
function customerPurchaseCounts(customer_ids: unknown): Int32Array {
  const { indexOfRow, count } = idIndexColumn(customer_ids, "customer_ids");
  return purchaseCounts(indexOfRow, count);
}

/**
 * Repeat purchase rate: the share of distinct customers with at least min_purchases purchases.
 * @customfunction REPEATRATE
 * @param customer_ids The customer id of each purchase (one row per purchase).
 * @param [min_purchases] Purchases that make a repeat customer; 2 by default.
 * @returns The repeat rate as a fraction.
 */
export function repeatrate(customer_ids: any[][], min_purchases?: any): number {
  return scalarResult(() =>
    repeatPurchaseRate(
      customerPurchaseCounts(customer_ids),
      optionalNumber(min_purchases, "min_purchases", 2)
    )
  );
}

/**
 * Purchase frequency: purchases per distinct customer.
 * @customfunction PURCHASEFREQ
 * @param customer_ids The customer id of each purchase (one row per purchase).
 * @returns The average number of purchases per customer.
 */
export function purchasefreq(customer_ids: any[][]): number {
  return scalarResult(() => purchaseFrequency(customerPurchaseCounts(customer_ids)));
}

/** Count the 0–10 scores in a range, naming any cell that is not a score by its position. */
function countScores(scores: unknown): NpsCounts {
  return classifyScores(numberColumn(scores, "scores"), (index) =>
    flatPosition(scores, "scores", index)
  );
}

/**
 * Net Promoter Score from 0–10 survey scores: 100 × (promoters − detractors) / responses, from −100 to 100.
 * @customfunction NPS
 * @param scores Survey scores, whole numbers 0 to 10; blanks are skipped.
 * @returns The NPS in points.
 */
export function nps(scores: any[][]): number {
  return scalarResult(() => {
    const counts = countScores(scores);
    return npsFromCounts(counts.promoters, counts.passives, counts.detractors);
  });
}

/**
 * Net Promoter Score from category counts: 100 × (promoters − detractors) / (promoters + passives + detractors).
 * @customfunction NPSCOUNTS
 * @param promoters Number of responses scoring 9 or 10.
 * @param passives Number of responses scoring 7 or 8.
 * @param detractors Number of responses scoring 0 to 6.
 * @returns The NPS in points.
 */
export function npscounts(promoters: any, passives: any, detractors: any): number {
  return scalarResult(() =>
    npsFromCounts(
      requiredNumber(promoters, "promoters"),
      requiredNumber(passives, "passives"),
      requiredNumber(detractors, "detractors")
    )
  );
}

/**
 * Margin of error of the NPS at a confidence level, in points (NPS ± this value).
 * @customfunction NPSMOE
 * @param scores Survey scores, whole numbers 0 to 10; blanks are skipped.
 * @param [confidence] Two-sided confidence level between 0 and 1; 0.95 by default.
 * @returns The margin of error in NPS points.
 */
export function npsmoe(scores: any[][], confidence?: any): number {
  return scalarResult(() =>
    npsMarginOfError(countScores(scores), optionalNumber(confidence, "confidence", 0.95))
  );
}

/**
 * NPS breakdown: spills Promoters, Passives and Detractors with their count and share, then NPS with the response count.
 * @customfunction NPSBREAKDOWN
 * @param scores Survey scores, whole numbers 0 to 10; blanks are skipped.
 * @returns A 4×3 table of label, count and share; the last row is NPS, responses and the score.
 */
export function npsbreakdown(scores: any[][]): any[][] {
  return spillResult(() => npsBreakdown(countScores(scores)));
}

/**
 * Referral rate: referred customers / total customers.
 * @customfunction REFERRALRATE
 * @param referred Customers who came through (or made) a referral.
 * @param total All customers in the same period.
 * @returns The referral rate as a fraction.
 */
export function referralrate(referred: any, total: any): number {
  return scalarResult(() =>
    referralRate(requiredNumber(referred, "referred"), requiredNumber(total, "total"))
  );
}

/**
 * Active rate: active customers / total customers.
 * @customfunction ACTIVERATE
 * @param active Customers active in the period.
 * @param total All customers.
 * @returns The active rate as a fraction.
 */
export function activerate(active: any, total: any): number {
  return scalarResult(() =>
    activeRate(requiredNumber(active, "active"), requiredNumber(total, "total"))
  );
}

/**
 * Stickiness: daily active users / monthly active users; a range of daily counts is averaged first.
 * @customfunction STICKINESS
 * @param dau Daily active users: one number, or a range of daily counts to average.
 * @param mau Monthly active users.
 * @returns DAU/MAU as a fraction.
 */
export function stickinessRatio(dau: any[][], mau: any): number {
  return scalarResult(() => stickiness(numbers(dau, "dau"), requiredNumber(mau, "mau")));
}

/**
 * Customer lifetime value: margin × (1 + discount) / (churn + discount), where margin = revenue × gross margin.
 * @customfunction LTV
 * @param revenue_per_period Average revenue per customer per period.
 * @param churn_rate Churn rate per period, as a fraction.
 * @param [gross_margin] Gross margin as a fraction; 1 (revenue LTV) by default.
 * @param [discount_rate] Discount rate per period, as a fraction; 0 by default.
 * @returns The lifetime value, in the currency of revenue_per_period.
 */
export function ltv(
  revenue_per_period: any,
  churn_rate: any,
  gross_margin?: any,
  discount_rate?: any
): number {
  return scalarResult(() =>
    customerLifetimeValue(
      requiredNumber(revenue_per_period, "revenue_per_period"),
      requiredNumber(churn_rate, "churn_rate"),
      optionalNumber(gross_margin, "gross_margin", 1),
      optionalNumber(discount_rate, "discount_rate", 0)
    )
  );
}

/**
 * Expected customer lifetime in periods: 1 / churn rate.
 * @customfunction LIFETIME
 * @param churn_rate Churn rate per period, as a fraction.
 * @returns The expected number of periods a customer stays.
 */
export function lifetime(churn_rate: any): number {
  return scalarResult(() => averageLifetime(requiredNumber(churn_rate, "churn_rate")));
}
