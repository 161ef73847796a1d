/**
 * RETAIN.REPEATRATE, PURCHASEFREQ, REFERRALRATE, ACTIVERATE and STICKINESS.
 */
import fc from "fast-check";
import { purchaseCounts, repeatPurchaseRate } from "../src/core/purchases";
import {
  activerate,
  purchasefreq,
  referralrate,
  repeatrate,
  stickinessRatio,
} from "../src/functions/calculators";
import { column, excelError } from "./support/excel";

describe("REPEATRATE and PURCHASEFREQ", () => {
  // Worked by hand: purchases by a, a, b, c, c, c → a has 2, b 1, c 3; 2 of 3 customers repeat; 6 purchases / 3 customers = 2.
  const log = column("a", "a", "b", "c", "c", "c");

  test("worked by hand: 2 of 3 customers bought twice or more; 2 purchases per customer", () => {
    expect(repeatrate(log)).toBeCloseTo(2 / 3, 15);
    expect(purchasefreq(log)).toBe(2);
    expect(repeatrate(log, 3)).toBeCloseTo(1 / 3, 15);
    expect(repeatrate(log, 1)).toBe(1);
  });

  test("ids compare as trimmed, case-insensitive text, as COUNTIF does: 12, '12', ' 12 ' are one customer", () => {
    expect(repeatrate(column(12, "12", " 12 ", "ABC", "abc ", "x"))).toBeCloseTo(2 / 3, 15);
    expect(purchasefreq(column(12, "12", null, "", "x"))).toBe(1.5);
  });

  test("errors", () => {
    expect(excelError(() => repeatrate(column())).code).toBe("#DIV/0!");
    expect(excelError(() => repeatrate(log, 0)).message).toBe(
      "min_purchases must be at least 1 (got 0)"
    );
    expect(excelError(() => repeatrate(log, 2.5)).message).toBe(
      "min_purchases must be a whole number (got 2.5)"
    );
    expect(excelError(() => purchasefreq([[null, ""]])).code).toBe("#DIV/0!");
  });

  test("property: the repeat rate is in [0, 1] and falls as min_purchases rises", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 1, max: 10 }),
        (customers, min) => {
          const counts = purchaseCounts(customers, 5);
          const low = repeatPurchaseRate(counts, min);
          const high = repeatPurchaseRate(counts, min + 1);
          return low >= 0 && low <= 1 && high <= low;
        }
      )
    );
  });
});

describe("REFERRALRATE and ACTIVERATE", () => {
  test("worked by hand: 30 referred of 400 = 7.5%; 640 active of 800 = 80%", () => {
    expect(referralrate(30, 400)).toBeCloseTo(0.075, 15);
    expect(activerate(640, 800)).toBeCloseTo(0.8, 15);
  });

  test("errors", () => {
    expect(excelError(() => referralrate(500, 400)).message).toBe(
      "referred (500) cannot exceed total (400)"
    );
    expect(excelError(() => activerate(900, 800)).message).toBe(
      "active (900) cannot exceed total (800)"
    );
    expect(excelError(() => activerate(0, 0)).code).toBe("#DIV/0!");
    expect(excelError(() => referralrate(-1, 4)).code).toBe("#VALUE!");
  });
});

describe("STICKINESS", () => {
  test("worked by hand: DAU 120, 80, 100 averages 100; 100 / 500 = 20%", () => {
    expect(stickinessRatio(column(120, 80, 100), 500)).toBeCloseTo(0.2, 15);
  });

  test("a single DAU figure (Excel passes a scalar to a range parameter as a 1×1 range)", () => {
    expect(stickinessRatio([[150]], 600)).toBeCloseTo(0.25, 15);
    expect(stickinessRatio(150 as unknown as unknown[][], 600)).toBeCloseTo(0.25, 15);
  });

  test("errors", () => {
    expect(excelError(() => stickinessRatio(column(700), 600)).message).toBe(
      "dau (700) cannot exceed mau (600)"
    );
    expect(excelError(() => stickinessRatio(column(), 600)).code).toBe("#DIV/0!");
    expect(excelError(() => stickinessRatio(column(10), 0)).code).toBe("#VALUE!");
    expect(excelError(() => stickinessRatio(column(0), 0)).code).toBe("#DIV/0!");
    expect(excelError(() => stickinessRatio(column(-1), 10)).code).toBe("#VALUE!");
  });
});
