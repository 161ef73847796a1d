/**
 * RETAIN.GRR, RETAIN.NRR, RETAIN.LTV and their core functions.
 */
import fc from "fast-check";
import { grossRevenueRetention, netRevenueRetention } from "../src/core/revenue";
import { customerLifetimeValue } from "../src/core/ltv";
import { grr, ltv, nrr } from "../src/functions/calculators";
import { excelError } from "./support/excel";

describe("GRR and NRR", () => {
  // Worked by hand: $100,000 starting MRR, $12,000 expansion, $3,000 contraction, $5,000 churned.
  test("worked by hand: GRR = (100,000 − 3,000 − 5,000) / 100,000 = 92%; NRR = (… + 12,000) / 100,000 = 104%", () => {
    expect(grr(100000, 3000, 5000)).toBeCloseTo(0.92, 15);
    expect(nrr(100000, 12000, 3000, 5000)).toBeCloseTo(1.04, 15);
  });

  // ChartMogul's NRR glossary example: $10,000 start, $2,000 expansion, $500 contraction, $1,000 churn → 105%.
  test("ChartMogul NRR example: 10,000 + 2,000 − 500 − 1,000 over 10,000 = 105%", () => {
    expect(nrr(10000, 2000, 500, 1000)).toBeCloseTo(1.05, 15);
    expect(grr(10000, 500, 1000)).toBeCloseTo(0.85, 15);
  });

  test("errors: negative amounts, losses above the start, zero start", () => {
    expect(excelError(() => grr(100, 60, 50)).message).toBe(
      "contraction + churned_revenue (110) cannot exceed start_revenue (100)"
    );
    expect(excelError(() => nrr(100, -1, 0, 0)).message).toBe(
      "expansion cannot be negative (got -1)"
    );
    expect(excelError(() => grr(0, 0, 0)).code).toBe("#DIV/0!");
  });

  test("property: GRR ≤ NRR, GRR in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (start, expansion, a, b) => {
          const contraction = (start * a) / 2;
          const churned = (start * b) / 2;
          const gross = grossRevenueRetention(start, contraction, churned);
          const net = netRevenueRetention(start, expansion, contraction, churned);
          return gross >= 0 && gross <= 1 && gross <= net + 1e-12;
        }
      )
    );
  });
});

describe("LTV", () => {
  test("ChartMogul: $100 a month at 5% churn → $2,000", () => {
    expect(ltv(100, 0.05)).toBeCloseTo(2000, 9);
  });

  test("with a 70% gross margin: 100 × 0.7 / 0.05 = 1,400", () => {
    expect(ltv(100, 0.05, 0.7)).toBeCloseTo(1400, 9);
  });

  test("discounted: equals the Gupta–Lehmann series Σ m(1−c)^t/(1+d)^t summed numerically", () => {
    const m = 100 * 0.8;
    const c = 0.05;
    const d = 0.01;
    let series = 0;
    for (let t = 0; t < 5000; t++) series += (m * Math.pow(1 - c, t)) / Math.pow(1 + d, t);
    expect(ltv(100, c, 0.8, d)).toBeCloseTo(series, 6);
    // Worked by hand: 80 × 1.01 / 0.06 = 1,346.67
    expect(ltv(100, c, 0.8, d)).toBeCloseTo(1346.6666667, 6);
  });

  test("blank optional arguments mean the defaults", () => {
    expect(ltv(100, 0.05, null, "")).toBeCloseTo(2000, 9);
  });

  test("errors", () => {
    expect(excelError(() => ltv(100, 0)).code).toBe("#DIV/0!");
    expect(excelError(() => ltv(100, 1.2)).message).toBe(
      "churn_rate must be a rate between 0 and 1, e.g. 0.05 for 5% (got 1.2)"
    );
    expect(excelError(() => ltv(-5, 0.1)).message).toBe(
      "revenue_per_period cannot be negative (got -5)"
    );
    expect(excelError(() => ltv(100, 0.1, 1.5)).code).toBe("#VALUE!");
    expect(excelError(() => ltv(100, 0.1, 1, -0.1)).code).toBe("#VALUE!");
  });

  test("property: LTV falls as churn rises and as the discount rate rises", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (c, d) =>
          customerLifetimeValue(100, c + 0.1, 1, d) <= customerLifetimeValue(100, c, 1, d) + 1e-9
      )
    );
  });
});
