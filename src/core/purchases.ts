/**
 * Repeat purchasing from a purchase log: one id per purchase (the id column of a
 * transactions table). Ids arrive as comparison keys (see `idKey` in the coercion module).
 */
import { Errors } from "./errors";
import { divide, requireWholeAtLeast } from "./validate";

/** Purchases per customer: a count for each distinct id. */
export function purchaseCounts(customerIds: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of customerIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * Repeat purchase rate: the share of distinct customers with at least `minPurchases` purchases.
 * Source: Shopify, "Repeat customer rate" = returning customers / total customers, where a
 * returning customer has two or more orders (the default `minPurchases` of 2).
 *
 * @param customerIds one id per purchase
 * @param minPurchases purchases that make a customer "repeat" (whole number ≥ 1)
 * @throws {RetainError} `#DIV/0!` when there are no purchases; `#VALUE!` for minPurchases < 1
 * @example repeatPurchaseRate(["a", "a", "b", "c", "c", "c"]) // 2/3
 */
export function repeatPurchaseRate(customerIds: readonly string[], minPurchases = 2): number {
  requireWholeAtLeast("min_purchases", minPurchases, 1);
  if (customerIds.length === 0) throw Errors.noData("customer_ids");
  const counts = purchaseCounts(customerIds);
  let repeat = 0;
  for (const count of counts.values()) if (count >= minPurchases) repeat++;
  return divide(repeat, counts.size, "the number of customers");
}

/**
 * Purchase frequency: purchases per distinct customer over the log's span.
 * Source: Shopify and Kumar & Reinartz (2018), "average purchase frequency" = orders / unique customers.
 *
 * @throws {RetainError} `#DIV/0!` when there are no purchases
 * @example purchaseFrequency(["a", "a", "b", "c", "c", "c"]) // 2
 */
export function purchaseFrequency(customerIds: readonly string[]): number {
  if (customerIds.length === 0) throw Errors.noData("customer_ids");
  return divide(customerIds.length, purchaseCounts(customerIds).size, "the number of customers");
}
