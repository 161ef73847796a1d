/**
 * Revenue retention: how much of the recurring revenue you started a period with you keep.
 *
 * Notation: S = recurring revenue at the start of the period from the customers you had then,
 * X = expansion from those customers, C = contraction (downgrades), L = revenue lost to churn.
 */
import { Errors } from "./errors";
import { divide, requireNonNegative } from "./validate";

function requireRevenueParts(
  startRevenue: number,
  contraction: number,
  churnedRevenue: number
): void {
  requireNonNegative("start_revenue", startRevenue);
  requireNonNegative("contraction", contraction);
  requireNonNegative("churned_revenue", churnedRevenue);
  const lost = contraction + churnedRevenue;
  if (lost > startRevenue)
    throw Errors.exceeds("contraction + churned_revenue", "start_revenue", lost, startRevenue);
}

/**
 * Gross revenue retention: (S − C − L) / S. It ignores expansion, so it is at most 100%.
 * Source: KeyBanc Capital Markets SaaS Survey definitions; ChartMogul "Gross MRR churn".
 *
 * @throws {RetainError} `#VALUE!` for negative amounts or C + L > S; `#DIV/0!` when S = 0
 * @example grossRevenueRetention(100000, 3000, 5000) // 0.92
 */
export function grossRevenueRetention(
  startRevenue: number,
  contraction: number,
  churnedRevenue: number
): number {
  requireRevenueParts(startRevenue, contraction, churnedRevenue);
  return divide(startRevenue - contraction - churnedRevenue, startRevenue, "start_revenue");
}

/**
 * Net revenue retention: (S + X − C − L) / S; above 100% when expansion outgrows losses.
 * Source: KeyBanc Capital Markets SaaS Survey definitions; ChartMogul "Net MRR retention".
 *
 * @throws {RetainError} `#VALUE!` for negative amounts or C + L > S; `#DIV/0!` when S = 0
 * @example netRevenueRetention(100000, 12000, 3000, 5000) // 1.04
 */
export function netRevenueRetention(
  startRevenue: number,
  expansion: number,
  contraction: number,
  churnedRevenue: number
): number {
  requireNonNegative("expansion", expansion);
  requireRevenueParts(startRevenue, contraction, churnedRevenue);
  return divide(
    startRevenue + expansion - contraction - churnedRevenue,
    startRevenue,
    "start_revenue"
  );
}
