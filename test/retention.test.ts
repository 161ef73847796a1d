/**
 * RETAIN.CRR, RETAIN.CHURN, RETAIN.RATECONVERT, RETAIN.LIFETIME and their core functions.
 */
import {
  churnRate,
  convertRate,
  customerRetentionRate,
  averageLifetime,
} from "../src/core/retention";
import { churn, crr, lifetime, rateconvert } from "../src/functions/calculators";
import { excelError } from "./support/excel";
import fc from "fast-check";

describe("CRR", () => {
  test("worked by hand: 200 at start, 180 at end, 20 new → (180 − 20) / 200 = 0.8", () => {
    expect(crr(200, 180, 20)).toBeCloseTo(0.8, 15);
    expect(customerRetentionRate(200, 180, 20)).toBeCloseTo(0.8, 15);
  });

  test("HubSpot's example (blog.hubspot.com/service/customer-retention-rate): S=100, E=110, N=20 → 90%", () => {
    expect(crr(100, 110, 20)).toBeCloseTo(0.9, 15);
  });

  test("numeric text and blanks are read as Excel reads them", () => {
    expect(crr(" 200 ", "180", 20)).toBeCloseTo(0.8, 15);
    expect(crr(10, 10, null)).toBe(1);
  });

  test("errors: negative counts, N > E, retained > S, S = 0, text", () => {
    expect(excelError(() => crr(-1, 10, 0))).toEqual({
      code: "#VALUE!",
      message: "start_customers cannot be negative (got -1)",
    });
    expect(excelError(() => crr(100, 10, 20)).message).toBe(
      "new_customers (20) cannot exceed end_customers (10)"
    );
    expect(excelError(() => crr(100, 150, 20)).code).toBe("#VALUE!");
    expect(excelError(() => crr(0, 0, 0)).code).toBe("#DIV/0!");
    expect(excelError(() => crr("ten", 1, 1))).toEqual({
      code: "#VALUE!",
      message: "start_customers: 'ten' is not a number",
    });
  });

  test("property: CRR is in [0, 1] whenever the counts are consistent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        (s, lost, n) => {
          const kept = Math.min(s, lost);
          const e = s - kept + n;
          const rate = crr(s, e, n);
          return rate >= 0 && rate <= 1;
        }
      )
    );
  });
});

describe("CHURN", () => {
  // Recurly Research's worked example: 1,000 customers at the start, 500 new, 62 lost.
  test("Recurly example, start method: 62 / 1,000 = 6.2%", () => {
    expect(churn(62, 1000)).toBeCloseTo(0.062, 15);
    expect(churn(62, 1000, 500, "start")).toBeCloseTo(0.062, 15);
  });

  test("Recurly example, exposure method (Stripe): 62 / (1,000 + 500) = 4.1333%", () => {
    expect(churn(62, 1000, 500, "exposure")).toBeCloseTo(62 / 1500, 15);
    expect(churn(62, 1000, 500, "exposure")).toBeCloseTo(0.0413333, 6);
  });

  test("Recurly example, average method: E = 1,000 + 500 − 62 = 1,438; 62 / 1,219 = 5.0861%", () => {
    expect(churn(62, 1000, 500, "average")).toBeCloseTo(0.0508614, 6);
  });

  test("method names are case-insensitive and trimmed; omitted method means start", () => {
    expect(churn(62, 1000, 500, " Exposure ")).toBeCloseTo(62 / 1500, 15);
    expect(churn(62, 1000, 500, null)).toBeCloseTo(0.062, 15);
    expect(churn(62, 1000, undefined, undefined)).toBeCloseTo(0.062, 15);
  });

  test("errors", () => {
    expect(excelError(() => churn(62, 1000, 500, "monthly"))).toEqual({
      code: "#VALUE!",
      message: "method 'monthly' is not one of: start, average, exposure",
    });
    expect(excelError(() => churn(62, 1000, null, "average"))).toEqual({
      code: "#VALUE!",
      message: "new_customers is required for method 'average'",
    });
    expect(excelError(() => churn(1600, 1000, 500)).message).toBe(
      "lost_customers (1600) cannot exceed start_customers + new_customers (1500)"
    );
    expect(excelError(() => churn(5, 0)).code).toBe("#VALUE!");
    expect(excelError(() => churn(0, 0)).code).toBe("#DIV/0!");
    expect(excelError(() => churn(-1, 10)).code).toBe("#VALUE!");
  });

  // The average method is not bounded by 1: S=4, N=0, L=3 gives 3 / ((4 + 1) / 2) = 1.2.
  test("property: exposure ≤ start method, start and exposure are in [0, 1] when L ≤ S, average ≥ start·S/avg", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, n, share) => {
          const lost = Math.floor(share * s);
          const start = churnRate(lost, s, n, "start");
          const exposure = churnRate(lost, s, n, "exposure");
          const average = churnRate(lost, s, n, "average");
          const averageCount = (s + (s + n - lost)) / 2;
          return (
            exposure <= start + 1e-15 &&
            [start, exposure].every((r) => r >= 0 && r <= 1) &&
            Math.abs(average - lost / averageCount) < 1e-12
          );
        }
      )
    );
  });
});

describe("RATECONVERT", () => {
  // Annualised churn figures quoted by Recurly and ChartMogul: 1% monthly ≈ 11.36% a year, 5% ≈ 45.96%.
  test("monthly to annual: 1% → 11.36%, 5% → 45.96% (1 − 0.99¹² and 1 − 0.95¹²)", () => {
    expect(rateconvert(0.01, "month", "year")).toBeCloseTo(0.11361512828387, 12);
    expect(rateconvert(0.05, "month", "year")).toBeCloseTo(0.45963991233736, 12);
    expect(rateconvert(0.01, "MONTH", " Year ")).toBeCloseTo(1 - Math.pow(0.99, 12), 15);
  });

  test("annual to monthly inverts monthly to annual", () => {
    expect(rateconvert(rateconvert(0.05, "month", "year"), "year", "month")).toBeCloseTo(0.05, 14);
  });

  test("a quarter is exactly three months and a week is 7 days", () => {
    expect(convertRate(0.02, "month", "quarter")).toBeCloseTo(1 - Math.pow(0.98, 3), 15);
    expect(convertRate(0.001, "day", "week")).toBeCloseTo(1 - Math.pow(0.999, 7), 15);
  });

  test("errors: rate outside [0, 1], unknown or missing period", () => {
    expect(excelError(() => rateconvert(1.5, "month", "year"))).toEqual({
      code: "#VALUE!",
      message: "rate must be a rate between 0 and 1, e.g. 0.05 for 5% (got 1.5)",
    });
    expect(excelError(() => rateconvert(0.1, "fortnight", "year")).message).toBe(
      "from_period 'fortnight' is not one of: day, week, month, quarter, year"
    );
    expect(excelError(() => rateconvert(0.1, null, "year")).message).toBe(
      "from_period is required (one of: day, week, month, quarter, year)"
    );
  });

  // Round trips are exact only while (1 − r)^12 is well above machine epsilon, so r ≤ 0.9.
  test("property: the conversion is monotone in the rate and round-trips", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.9, noNaN: true }), (rate) => {
        const yearly = convertRate(rate, "month", "year");
        return (
          yearly >= rate - 1e-15 && Math.abs(convertRate(yearly, "year", "month") - rate) < 1e-6
        );
      })
    );
  });
});

describe("LIFETIME", () => {
  test("worked by hand: 5% churn per month → 1 / 0.05 = 20 months", () => {
    expect(lifetime(0.05)).toBeCloseTo(20, 12);
    expect(averageLifetime(0.25)).toBe(4);
  });

  test("errors: 0 → #DIV/0!, outside [0, 1] → #VALUE!", () => {
    expect(excelError(() => lifetime(0)).code).toBe("#DIV/0!");
    expect(excelError(() => lifetime(2)).code).toBe("#VALUE!");
    expect(lifetime("5%")).toBeCloseTo(20, 12);
  });
});
