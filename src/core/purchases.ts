/**
 * Repeat purchasing from a purchase log (one row per purchase, identified by customer).
 *
 * The functions take the log as dense customer numbers, one per purchase (as the coercion
 * module's `idIndexColumn` produces them; −1 marks a blank row), so a million purchases are
 * counted in one pass over an Int32Array rather than through a Map of strings.
 */
import { Errors } from "./errors";
import { divide, requireWholeAtLeast } from "./validate";

/**
 * Purchases per customer: `counts[c]` is the number of rows whose customer number is c.
 * Rows marked −1 (blank) are skipped.
 * @param customerOfRow the customer number of each purchase, 0 … customers − 1, or −1
 * @param customers the number of distinct customers
 * @example purchaseCounts(Int32Array.from([0, 0, 1, 2, 2, 2]), 3) // Int32Array [2, 1, 3]
 */
export function purchaseCounts(customerOfRow: ArrayLike<number>, customers: number): Int32Array {
  const counts = new Int32Array(customers);
  for (let i = 0; i < customerOfRow.length; i++) {
    const customer = customerOfRow[i];
    if (customer >= 0) counts[customer]++;
  }
  return counts;
}

/**
 * Repeat purchase rate: the share of distinct customers with at least `minPurchases` purchases.
 * Source: Shopify, "Repeat customer rate" = returning customers / total customers, where a
 * returning customer has two or more orders (the default `minPurchases` of 2).
 *
 * @param counts purchases per customer (see {@link purchaseCounts}); customers with 0 are not counted
 * @param minPurchases purchases that make a customer "repeat" (whole number ≥ 1)
 * @throws {RetainError} `#DIV/0!` when there are no purchases; `#VALUE!` for minPurchases < 1
 * @example repeatPurchaseRate([2, 1, 3]) // 2/3: a and c bought twice or more
 */
export function repeatPurchaseRate(counts: ArrayLike<number>, minPurchases = 2): number {
  requireWholeAtLeast("min_purchases", minPurchases, 1);
  let customers = 0;
  let repeat = 0;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] > 0) customers++;
    if (counts[c] >= minPurchases) repeat++;
  }
  if (customers === 0) throw Errors.noData("customer_ids");
  return divide(repeat, customers, "the number of customers");
}

/**
 * Purchase frequency: purchases per distinct customer over the log's span.
 * Source: Shopify and Kumar & Reinartz (2018), "average purchase frequency" = orders / unique customers.
 *
 * @param counts purchases per customer (see {@link purchaseCounts})
 * @throws {RetainError} `#DIV/0!` when there are no purchases
 * @example purchaseFrequency([2, 1, 3]) // 2
 */
export function purchaseFrequency(counts: ArrayLike<number>): number {
  let customers = 0;
  let purchases = 0;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] > 0) customers++;
    purchases += counts[c];
  }
  if (customers === 0) throw Errors.noData("customer_ids");
  return divide(purchases, customers, "the number of customers");
}
