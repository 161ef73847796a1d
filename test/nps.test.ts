/**
 * RETAIN.NPS, NPSCOUNTS, NPSMOE, NPSBREAKDOWN and the normal quantile behind the margin of error.
 */
import fc from "fast-check";
import { netPromoterScore, npsFromCounts } from "../src/core/nps";
import { normalQuantile } from "../src/core/normal";
import { nps, npsbreakdown, npscounts, npsmoe } from "../src/functions/calculators";
import { column, excelError } from "./support/excel";

const zeroToTen = column(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

describe("NPS", () => {
  test("the scores 0–10 once each: 2 promoters, 7 detractors of 11 → 100 × (2 − 7) / 11 = −45.45", () => {
    expect(nps(zeroToTen)).toBeCloseTo(-45.4545454545, 9);
  });

  test("Bain's definition example: 50% promoters, 20% detractors → 30", () => {
    expect(npscounts(50, 30, 20)).toBeCloseTo(30, 12);
    expect(npsFromCounts(5, 3, 2)).toBeCloseTo(30, 12);
  });

  test("blanks are skipped, numeric text counts, rows and blocks are accepted", () => {
    expect(
      nps([
        [10, null],
        ["", " 9 "],
        [undefined, 3],
      ])
    ).toBeCloseTo(100 / 3, 12);
    expect(nps([[10, 9, 3]])).toBeCloseTo(100 / 3, 12);
  });

  test("errors name the position of the bad score", () => {
    expect(excelError(() => nps(column(9, 10, "ten")))).toEqual({
      code: "#VALUE!",
      message: "scores, row 3: 'ten' is not a number",
    });
    expect(excelError(() => nps(column(9, 11))).message).toBe(
      "scores, row 2: 11 is not an NPS score (a whole number 0 to 10)"
    );
    expect(excelError(() => nps([[9, 8.5]])).message).toBe(
      "scores, column 2: 8.5 is not an NPS score (a whole number 0 to 10)"
    );
    expect(excelError(() => nps(column(9, true))).message).toBe(
      "scores, row 2: TRUE is not a number"
    );
    expect(excelError(() => nps(column(null, ""))).code).toBe("#DIV/0!");
    expect(excelError(() => npscounts(0, 0, 0)).code).toBe("#DIV/0!");
    expect(excelError(() => npscounts(1.5, 0, 0)).message).toBe(
      "promoters must be a whole number (got 1.5)"
    );
  });

  test("property: NPS is within [−100, 100] and equals the count form", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 300 }),
        (scores) => {
          const value = netPromoterScore(scores);
          const p = scores.filter((s) => s >= 9).length;
          const d = scores.filter((s) => s <= 6).length;
          return (
            value >= -100 &&
            value <= 100 &&
            Math.abs(value - (100 * (p - d)) / scores.length) < 1e-9
          );
        }
      )
    );
  });
});

describe("NPSMOE", () => {
  // Worked by hand: p = 0.5, d = 0.2, n = 100; variance p + d − (p − d)² = 0.61; z(0.975) = 1.959964;
  // MOE = 1.959964 × 100 × √(0.61 / 100) = 1.959964 × 100 × 0.0781025 = 15.3078.
  test("worked by hand: 50 promoters, 30 passives, 20 detractors at 95% → 15.3078", () => {
    const scores = column(...Array(50).fill(10), ...Array(30).fill(8), ...Array(20).fill(0));
    expect(npsmoe(scores)).toBeCloseTo(15.30781, 4);
    expect(npsmoe(scores, 0.95)).toBeCloseTo(15.30781, 4);
    // 90%: z = 1.644854 → 12.8468
    expect(npsmoe(scores, 0.9)).toBeCloseTo(1.6448536269514722 * 100 * Math.sqrt(0.0061), 10);
  });

  test("all promoters: no variance, margin 0", () => {
    expect(npsmoe(column(9, 10, 10))).toBe(0);
  });

  test("errors: confidence outside (0, 1), no scores", () => {
    expect(excelError(() => npsmoe(zeroToTen, 1)).message).toBe(
      "confidence must be strictly between 0 and 1, e.g. 0.95 (got 1)"
    );
    expect(excelError(() => npsmoe(zeroToTen, 0)).code).toBe("#VALUE!");
    expect(excelError(() => npsmoe([[null]])).code).toBe("#DIV/0!");
  });
});

describe("normalQuantile (AS 241)", () => {
  // Reference values: Excel NORM.S.INV and R qnorm, to 12+ digits.
  test.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.5, 0],
    [0.025, -1.959963984540054],
    [1e-10, -6.361340902404056],
  ])("Φ⁻¹(%p) = %p", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });
});

describe("NPSBREAKDOWN", () => {
  test("spills 4×3: three categories with count and share, then NPS with responses", () => {
    expect(npsbreakdown(zeroToTen)).toEqual([
      ["Promoters", 2, 2 / 11],
      ["Passives", 2, 2 / 11],
      ["Detractors", 7, 7 / 11],
      ["NPS", 11, (100 * (2 - 7)) / 11],
    ]);
  });

  test("errors", () => {
    expect(excelError(() => npsbreakdown(column())).code).toBe("#DIV/0!");
    expect(excelError(() => npsbreakdown(column(-1))).code).toBe("#VALUE!");
  });
});
