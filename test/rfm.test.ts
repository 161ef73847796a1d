/**
 * RETAIN.RFM and src/core/rfm.ts.
 *
 * Outside references:
 * - the CRAN rfm package's own published output (README: 995 customers' measures and scores,
 *   transcribed in test/reference/fixtures/rfm-package-readme.txt) and its own segment test
 *   (tests/testthat/test-rfm-segment.R: Champions = 158 customers, 1,234 orders, 120,178 revenue;
 *   the segments of the first 10 customers);
 * - R 4.x `quantile()` output for the floating-point quirk of p = 0.6;
 * - pandas on the real CDNOW transactions (scripts/reference/cdnow_activity_rfm.py; committed as
 *   test/reference/fixtures/cdnow-activity-rfm.json and re-run live when pandas is installed).
 * This test needs ../shared/data/reference/CDNOW_master.txt (it is there in CI).
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import {
  OTHER_SEGMENT,
  quantileType7,
  RFM_HEADER,
  RFM_SEGMENT_RULES,
  RFM_SEGMENT_RULES_0_2,
  rfmBins,
  rfmCutPoints,
  rfmScoreCustomers,
  rfmSegment,
  rfmTable,
} from "../src/core/rfm";
import { rfm } from "../src/functions/activity";
import { cdnowColumns, cdnowReference } from "./support/cdnow";
import { columnOf as column, excelError, shuffledBy } from "./support/excel";

/** Call RETAIN.RFM and return the Excel error it throws (code and message). */
function rfmError(...args: Parameters<typeof rfm>): { code: string; message: string } {
  return excelError(() => rfm(...args));
}

describe("R's type-7 quantile and the rfm package's cut points", () => {
  test("quantileType7 on small vectors, worked by hand", () => {
    // index = 1 + (n − 1)p: [1,2,3,4] at 0.5 → index 2.5 → (2 + 3)/2.
    expect(quantileType7([1, 2, 3, 4], 0.5)).toBe(2.5);
    // [10, 20, 40] at 0.25 → index 1.5 → 15; at 1 → 40; at 0 → 10.
    expect(quantileType7([10, 20, 40], 0.25)).toBe(15);
    expect(quantileType7([10, 20, 40], 1)).toBe(40);
    expect(quantileType7([10, 20, 40], 0)).toBe(10);
  });

  test("reproduces R's floating-point result at p = 0.6 (R 4.x: quantile(1:11, seq(0, 1, length.out = 6)))", () => {
    // Rscript -e 'sprintf("%.20f", quantile(1:11, seq(0,1,length.out=6), names=FALSE))' prints
    // 1, 3, 5, 7.00000000000000088818, 9, 11: R's p4 is 3 * 0.2 = 0.6000000000000001.
    const sorted = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(quantileType7(sorted, 3 * 0.2)).toBe(7.000000000000001);
    // R's add(1) then rounds 7.000000000000001 + 1 to exactly 8 (Rscript: q[3] + 1 == 8 is TRUE),
    // so 8 is in bin 4 in R as here; 4 values (8..11) are ≥ that cut point.
    expect(rfmCutPoints(sorted)).toEqual([4, 6, 8, 10]);
    expect(rfmBins(sorted)[7]).toBe(4);
  });

  test("bins of 1..10, worked by hand: cut points 3.8, 5.6, 7.4, 9.2", () => {
    // Q(0.2) = 2.8, Q(0.4) = 4.6, Q(0.6) = 6.4, Q(0.8) = 8.2, each + 1.
    expect(Array.from(rfmBins([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toEqual([
      1, 1, 1, 2, 2, 3, 3, 4, 4, 5,
    ]);
  });
});

describe("outside reference: the rfm package's published README output (995 customers)", () => {
  const lines = fs
    .readFileSync(path.join(__dirname, "reference/fixtures/rfm-package-readme.txt"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => line.trim().split(/\s+/).map(Number));
  const measures = {
    recency: lines.map((line) => line[0]),
    frequency: lines.map((line) => line[1]),
    monetary: lines.map((line) => line[2]),
  };

  test("the fixture has the 995 customers and the README's thresholds", () => {
    expect(lines.length).toBe(995);
    // README $threshold: recency 115, 181, 297.4, 482; frequency 4, 5, 6, 8; monetary 255.8, 382, 506.4, 666.
    expect(rfmCutPoints(measures.recency).map((c) => Number(c.toFixed(10)))).toEqual([
      115, 181, 297.4, 482,
    ]);
    expect(rfmCutPoints(measures.frequency)).toEqual([4, 5, 6, 8]);
    expect(rfmCutPoints(measures.monetary).map((c) => Number(c.toFixed(10)))).toEqual([
      255.8, 382, 506.4, 666,
    ]);
  });

  test("every customer's R, F and M score equals the package's", () => {
    const rows = rfmScoreCustomers(measures);
    const mismatches = rows
      .filter((row, i) => row.r * 100 + row.f * 10 + row.m !== lines[i][3])
      .map((row) => row.customer + 1);
    expect(mismatches).toEqual([]);
  });

  test("with the rfm 0.2 segment table: the package's test-rfm-segment.R (158 Champions, 1,234 orders, 120,178 revenue)", () => {
    const rows = rfmScoreCustomers(measures, RFM_SEGMENT_RULES_0_2);
    const champions = rows.filter((row) => row.segment === "Champions");
    expect(champions.length).toBe(158);
    expect(champions.reduce((sum, row) => sum + row.frequency, 0)).toBe(1234);
    expect(champions.reduce((sum, row) => sum + row.monetary, 0)).toBe(120178);
    // The test's first 10 customers (alphabetical), at their README rows.
    const expected: [number, string][] = [
      [281, "Loyal Customers"], // Abbey O'Reilly DVM
      [348, "Potential Loyalist"], // Add Senger
      [901, "Potential Loyalist"], // Aden Lesch Sr.
      [16, "Loyal Customers"], // Admiral Senger
      [219, "Champions"], // Agness O'Keefe
      [60, "Champions"], // Aileen Barton
      [287, "Loyal Customers"], // Ailene Hermann
      [932, "Potential Loyalist"], // Aiyanna Bruen PhD
      [545, "About To Sleep"], // Ala Schmidt DDS
      [349, "Lost"], // Alannah Borer
    ];
    for (const [row, segment] of expected)
      expect([row, rows[row - 1].segment]).toEqual([row, segment]);
  });

  test("first match wins: the 0.2 table never yields New Customers, Promising or Can't Lose Them (each is inside an earlier rule)", () => {
    const segments = new Set(
      rfmScoreCustomers(measures, RFM_SEGMENT_RULES_0_2).map((row) => row.segment)
    );
    for (const never of ["New Customers", "Promising", "Can't Lose Them"])
      expect(segments.has(never)).toBe(false);
    // Exhaustively over all 125 score triples, too.
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++)
          expect(["New Customers", "Promising", "Can't Lose Them"]).not.toContain(
            rfmSegment(r, f, m, RFM_SEGMENT_RULES_0_2)
          );
  });
});

describe("segments (rfm 0.3.0 table, first match wins)", () => {
  test("each named segment is reachable, worked by hand from the table", () => {
    const cases: [number, number, number, string][] = [
      [5, 5, 5, "Champions"],
      [3, 3, 2, "Potential Loyalist"], // R 3–5, F 3–5, M 2–5
      [2, 2, 2, "Loyal Customers"], // R 2 is outside Potential Loyalist
      [4, 2, 5, "Promising"], // F 2 < 3 skips Potential Loyalist; R 4 skips Loyal (M 5 > 4)
      [5, 1, 1, "New Customers"],
      [2, 3, 5, "Can't Lose Them"], // R 2, F 3: Potential Loyalist needs R ≥ 3; Loyal needs M ≤ 4
      [1, 5, 5, "At Risk"], // F 5 is outside Can't Lose Them (3–4)
      [1, 5, 3, "Need Attention"], // M 3 is outside At Risk (4–5)
      [2, 1, 1, "About To Sleep"],
      [1, 1, 1, "Lost"],
      [2, 1, 5, OTHER_SEGMENT], // About To Sleep needs M ≤ 4; Lost needs R = 1
    ];
    for (const [r, f, m, segment] of cases)
      expect([r, f, m, rfmSegment(r, f, m)]).toEqual([r, f, m, segment]);
  });

  test("every triple gets exactly the first matching rule, or Others", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (r, f, m) => {
          const inside = (range: readonly [number, number], score: number) =>
            score >= range[0] && score <= range[1];
          const first = RFM_SEGMENT_RULES.find(
            (rule) =>
              inside(rule.recency, r) && inside(rule.frequency, f) && inside(rule.monetary, m)
          );
          expect(rfmSegment(r, f, m)).toBe(first?.name ?? OTHER_SEGMENT);
        }
      )
    );
  });
});

describe("RETAIN.RFM, worked by hand", () => {
  test("two customers: measures, scores, segment and order", () => {
    // as_of = latest date 45020. b: purchases 45010 (10) and 45020 (20) → recency 0, F 2, M 30.
    // a: one purchase 45000 (5) → recency 20, F 1, M 5.
    // Recency [20, 0]: cut points 5, 9, 13.000000000000002, 17 → 0 is bin 1 (R 5), 20 bin 5 (R 1).
    // Frequency [1, 2]: cut points 2.2, 2.4, 2.6, 2.8 → both bin 1 (the package's "+ 1": F = 1 for both).
    // Monetary [5, 30]: cut points 11, 16, 21, 26 → 5 bin 1, 30 bin 5.
    // b = (5, 1, 5): not Champions, F < 3 so not Potential Loyalist, R 5 not Loyal/Promising → New Customers.
    // a = (1, 1, 1) → Lost. Order: R+F+M 11 before 3.
    const spill = rfm(
      column(["a", "b", " B "]),
      column([45000, 45010, 45020]),
      column([5, 10, 20])
    );
    expect(spill).toEqual([
      [...RFM_HEADER],
      ["b", 0, 2, 30, 5, 1, 5, "New Customers"],
      ["a", 20, 1, 5, 1, 1, 1, "Lost"],
    ]);
  });

  test("as_of counts recency to that day, ignores later purchases, and ISO text works", () => {
    // as_of 2023-04-30 = 45046; the 45050 purchase is after it and does not count.
    const spill = rfm(
      column(["a", "a", "b"]),
      column(["2023-04-01", "2023-05-04", 45040]),
      column([1, 100, 2]),
      "2023-04-30"
    );
    // a: last purchase 45017 (2023-04-01) → recency 29, F 1, M 1; b: recency 6, F 1, M 2.
    expect(spill.slice(1).map((row) => row.slice(0, 4))).toEqual([
      ["b", 6, 1, 2],
      ["a", 29, 1, 1],
    ]);
  });

  test("ids are shown as first written (trimmed); 12 and '12' are one customer", () => {
    const spill = rfm(
      column([12, "12", " Ann ", "ann"]),
      column([45000, 45001, 45000, 45001]),
      column([1, 1, 1, 1])
    );
    expect(spill.slice(1).map((row) => [row[0], row[2]])).toEqual([
      [12, 2],
      ["Ann", 2],
    ]);
  });

  test("a boolean id is shown as TRUE, never as a boolean cell", () => {
    const spill = rfm(column([true]), column([45000]), column([3]));
    expect(spill[1][0]).toBe("TRUE");
  });

  test("rows blank in every column are skipped (a whole-column selection)", () => {
    const spill = rfm(column(["a", null, ""]), column([45000, null, ""]), column([5, null, "  "]));
    expect(spill.length).toBe(2);
  });
});

describe("RETAIN.RFM errors", () => {
  test("columns of different lengths name both lengths", () => {
    expect(rfmError(column(["a", "b"]), column([45000]), column([1, 2]))).toEqual({
      code: "#VALUE!",
      message: "customer_ids has 2 cells but dates has 1; they must be the same size",
    });
    expect(rfmError(column(["a"]), column([45000]), column([1, 2])).message).toBe(
      "customer_ids has 1 cells but amounts has 2; they must be the same size"
    );
  });

  test("bad dates and amounts name their position", () => {
    expect(rfmError(column(["a", "b"]), column([45000, "soon"]), column([1, 2])).message).toMatch(
      /^dates, row 2: 'soon' is not a date/
    );
    expect(rfmError(column(["a", "b"]), column([45000, 45001]), column([1, "ten"])).message).toBe(
      "amounts, row 2: 'ten' is not a number"
    );
    expect(rfmError(column(["a"]), column([-5]), column([1])).message).toMatch(
      /^dates, row 1: -5 is not a date/
    );
  });

  test("a half-blank row names the row and the blank column", () => {
    expect(rfmError(column(["a", "b"]), column([45000, 45001]), column([1, null])).message).toBe(
      "row 2: amounts is blank but customer_ids is not; fill both or leave both blank"
    );
    expect(rfmError(column(["a", null]), column([45000, 45001]), column([1, 2])).message).toBe(
      "row 2: customer_ids is blank but dates is not; fill both or leave both blank"
    );
  });

  test("error cells are passed on with their position", () => {
    expect(rfmError(column([{ errorCode: "#REF!" }]), column([45000]), column([1])).message).toBe(
      "customer_ids, row 1 holds the error #REF!"
    );
  });

  test("no data, or no purchase on or before as_of, is #DIV/0!", () => {
    expect(rfmError(column([null]), column([null]), column([null])).code).toBe("#DIV/0!");
    expect(rfmError(column(["a"]), column([45000]), column([1]), 44000).code).toBe("#DIV/0!");
  });

  test("a bad as_of is #VALUE!", () => {
    expect(rfmError(column(["a"]), column([45000]), column([1]), "yesterday").message).toMatch(
      /^as_of: 'yesterday' is not a date/
    );
  });
});

describe("RFM invariants (fast-check)", () => {
  const log = fc.array(
    fc.record({
      id: fc.constantFrom("a", "B", " b", "c", "D", 7, "7", "e"),
      day: fc.integer({ min: 45000, max: 45400 }),
      amount: fc.integer({ min: -50, max: 500 }),
    }),
    { minLength: 1, maxLength: 60 }
  );
  const call = (rows: { id: unknown; day: number; amount: number }[]) =>
    rfm(
      column(rows.map((r) => r.id)),
      column(rows.map((r) => r.day)),
      column(rows.map((r) => r.amount))
    );

  test("scores are whole numbers 1..5, ties share a score, and higher values never score lower", () => {
    fc.assert(
      fc.property(log, (rows) => {
        const body = call(rows).slice(1) as (string | number)[][];
        for (const row of body)
          for (const score of row.slice(4, 7)) expect([1, 2, 3, 4, 5]).toContain(score);
        for (const a of body)
          for (const b of body) {
            // Recency: fewer days → R at least as high; frequency and monetary: more → at least as high.
            if ((a[1] as number) <= (b[1] as number))
              expect(a[4] as number).toBeGreaterThanOrEqual(b[4] as number);
            if ((a[2] as number) >= (b[2] as number))
              expect(a[5] as number).toBeGreaterThanOrEqual(b[5] as number);
            if ((a[3] as number) >= (b[3] as number))
              expect(a[6] as number).toBeGreaterThanOrEqual(b[6] as number);
          }
      })
    );
  });

  test("rows are ordered by R+F+M, then Monetary, highest first; one row per distinct id; segment is the rule's", () => {
    fc.assert(
      fc.property(log, (rows) => {
        const body = call(rows).slice(1) as (string | number)[][];
        const keys = new Set(rows.map((r) => String(r.id).trim().toLowerCase()));
        expect(body.length).toBe(keys.size);
        for (let i = 1; i < body.length; i++) {
          const [prev, next] = [body[i - 1], body[i]];
          const sum = (row: (string | number)[]) =>
            (row[4] as number) + (row[5] as number) + (row[6] as number);
          expect(
            sum(prev) > sum(next) ||
              (sum(prev) === sum(next) && (prev[3] as number) >= (next[3] as number))
          ).toBe(true);
        }
        for (const row of body)
          expect(row[7]).toBe(rfmSegment(row[4] as number, row[5] as number, row[6] as number));
      })
    );
  });

  test("permutation invariance: shuffling the rows gives the same table (up to the order of exact ties)", () => {
    fc.assert(
      fc.property(log, fc.infiniteStream(fc.nat()), (rows, stream) => {
        const shuffled = shuffledBy(rows, stream);
        // Labels are "as first written", so compare by key; sums in another order may differ in the last bit.
        const canonical = (spill: unknown[][]) =>
          spill
            .slice(1)
            .map((row) =>
              [
                String(row[0]).trim().toLowerCase(),
                row[1],
                row[2],
                Math.round((row[3] as number) * 1e6) / 1e6,
                row[4],
                row[5],
                row[6],
                row[7],
              ].join("|")
            )
            .sort();
        expect(canonical(call(shuffled))).toEqual(canonical(call(rows)));
      })
    );
  });

  test("rfmTable agrees with rfmScoreCustomers on per-customer measures", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 4 }),
            fc.integer({ min: 0, max: 30 }),
            fc.integer({ min: 0, max: 99 })
          ),
          { minLength: 1, maxLength: 40 }
        ),
        (rows) => {
          const table = rfmTable({
            customerOfRow: rows.map((r) => r[0]),
            customerCount: 5,
            serials: rows.map((r) => 45000 + r[1]),
            amounts: rows.map((r) => r[2]),
          });
          const latest = 45000 + Math.max(...rows.map((r) => r[1]));
          for (const row of table) {
            const mine = rows.filter((r) => r[0] === row.customer);
            expect(row.frequency).toBe(mine.length);
            expect(row.monetary).toBe(mine.reduce((sum, r) => sum + r[2], 0));
            expect(row.recency).toBe(latest - (45000 + Math.max(...mine.map((r) => r[1]))));
          }
        }
      )
    );
  });
});

describe("outside reference: pandas on the real CDNOW transactions (needs ../shared)", () => {
  test("RETAIN.RFM's measures, cut points and scores equal pandas' for all 23,570 customers", () => {
    const reference = cdnowReference();
    const { ids, dates, amounts } = cdnowColumns();
    expect(ids.length).toBe(reference.rows);
    const spill = rfm(ids, dates, amounts) as (string | number)[][];
    const body = spill.slice(1);
    expect(body.length).toBe(reference.customers);
    const total = (index: number) => body.reduce((sum, row) => sum + (row[index] as number), 0);
    expect(total(1)).toBe(reference.totals.recency);
    expect(total(2)).toBe(reference.totals.frequency);
    expect(total(3)).toBeCloseTo(reference.totals.monetary, 4);
    const counts = { r: [0, 0, 0, 0, 0], f: [0, 0, 0, 0, 0], m: [0, 0, 0, 0, 0] };
    for (const row of body) {
      counts.r[(row[4] as number) - 1]++;
      counts.f[(row[5] as number) - 1]++;
      counts.m[(row[6] as number) - 1]++;
    }
    expect(counts).toEqual(reference.scoreCounts);
    const byId = new Map(body.map((row) => [row[0], row]));
    for (const expected of reference.sample) {
      const row = byId.get(expected.id)!;
      expect({
        id: row[0],
        recency: row[1],
        frequency: row[2],
        r: row[4],
        f: row[5],
        m: row[6],
      }).toEqual({
        id: expected.id,
        recency: expected.recency,
        frequency: expected.frequency,
        r: expected.r,
        f: expected.f,
        m: expected.m,
      });
      expect(row[3] as number).toBeCloseTo(expected.monetary, 6);
    }
    const cuts = {
      recency: rfmCutPoints(body.map((row) => row[1] as number)),
      frequency: rfmCutPoints(body.map((row) => row[2] as number)),
      monetary: rfmCutPoints(body.map((row) => row[3] as number)),
    };
    for (const name of ["recency", "frequency", "monetary"] as const) {
      cuts[name].forEach((cut, k) => expect(cut).toBeCloseTo(reference.cuts[name][k], 9));
    }
  });
});
