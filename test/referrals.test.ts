/**
 * RETAIN.TOPREFERRERS (src/core/referrals.ts, src/functions/activity.ts). Values worked by hand.
 */
import fc from "fast-check";
import { TOP_REFERRERS_HEADER, topReferrers } from "../src/core/referrals";
import { topreferrers } from "../src/functions/activity";
import { columnOf as column, excelError } from "./support/excel";

// One row per customer: who referred them. Worked by hand: ann 3 ("Ann", " ann", "ANN"), 12 3 (12, "12", " 12 "),
// bob 2, cy 1; the blanks are customers who came on their own.
const referredBy = column([
  "Ann",
  "bob",
  null,
  " ann",
  12,
  "",
  "Bob",
  "12",
  "cy",
  "ANN",
  " 12 ",
  "   ",
]);

describe("RETAIN.TOPREFERRERS, worked by hand", () => {
  test("most referrals first; ties go to the referrer seen first; ids shown as first written", () => {
    expect(topreferrers(referredBy)).toEqual([
      [...TOP_REFERRERS_HEADER],
      ["Ann", 3],
      [12, 3],
      ["bob", 2],
      ["cy", 1],
    ]);
  });

  test("n limits the list, cutting ties by first appearance", () => {
    expect(topreferrers(referredBy, 1)).toEqual([[...TOP_REFERRERS_HEADER], ["Ann", 3]]);
    expect(topreferrers(referredBy, 3)).toEqual([
      [...TOP_REFERRERS_HEADER],
      ["Ann", 3],
      [12, 3],
      ["bob", 2],
    ]);
    expect(topreferrers(referredBy, "2")).toEqual([[...TOP_REFERRERS_HEADER], ["Ann", 3], [12, 3]]);
  });

  test("any shape of range is read row by row", () => {
    expect(
      topreferrers([
        ["x", "y"],
        ["y", null],
      ])
    ).toEqual([[...TOP_REFERRERS_HEADER], ["y", 2], ["x", 1]]);
  });
});

describe("errors", () => {
  test("n must be a whole number ≥ 1", () => {
    expect(excelError(() => topreferrers(referredBy, 0)).message).toBe(
      "n must be at least 1 (got 0)"
    );
    expect(excelError(() => topreferrers(referredBy, -3)).message).toBe(
      "n must be at least 1 (got -3)"
    );
    expect(excelError(() => topreferrers(referredBy, 2.5)).message).toBe(
      "n must be a whole number (got 2.5)"
    );
    expect(excelError(() => topreferrers(referredBy, "top")).message).toBe(
      "n: 'top' is not a number"
    );
  });
  test("no referrer at all is #DIV/0!; an error cell is passed on", () => {
    expect(excelError(() => topreferrers(column([null, "", "  "]))).code).toBe("#DIV/0!");
    expect(excelError(() => topreferrers([])).code).toBe("#DIV/0!");
    expect(excelError(() => topreferrers(column(["a", { errorCode: "#N/A" }])))).toEqual({
      code: "#N/A",
      message: "referrer_ids, row 2 holds the error #N/A",
    });
  });
});

describe("invariants (fast-check)", () => {
  const rows = fc.array(fc.constantFrom("a", "A", " a", "b", 7, "7", "c", null, ""), {
    minLength: 1,
    maxLength: 60,
  });
  const key = (id: unknown) => String(id).trim().toLowerCase();

  test("counts equal a brute-force tally, sorted descending, min(n, distinct) rows", () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 6 }), (ids, n) => {
        const named = ids.filter((id) => id !== null && id !== "");
        if (named.length === 0) return;
        const tally = new Map<string, number>();
        for (const id of named) tally.set(key(id), (tally.get(key(id)) ?? 0) + 1);
        const body = topreferrers(column(ids), n).slice(1) as [string | number, number][];
        expect(body.length).toBe(Math.min(n, tally.size));
        for (const [id, count] of body) expect(count).toBe(tally.get(key(id)));
        for (let i = 1; i < body.length; i++)
          expect(body[i - 1][1]).toBeGreaterThanOrEqual(body[i][1]);
        // Nobody left out has more referrals than the last one listed.
        const listed = new Set(body.map(([id]) => key(id)));
        for (const [id, count] of tally)
          if (!listed.has(id)) expect(count).toBeLessThanOrEqual(body[body.length - 1][1]);
      })
    );
  });

  test("permutation invariance of the counts", () => {
    fc.assert(
      fc.property(rows, (ids) => {
        if (ids.every((id) => id === null || id === "")) return;
        const counts = (list: unknown[]) =>
          (topreferrers(column(list), 100).slice(1) as [unknown, number][])
            .map(([id, n]) => `${key(id)}:${n}`)
            .sort();
        expect(counts([...ids].reverse())).toEqual(counts(ids));
      })
    );
  });

  test("core: a referrer never listed twice", () => {
    expect(topReferrers([0, 1, 0, -1, 2, 1, 0], 3, 2)).toEqual([
      { referrer: 0, referrals: 3 },
      { referrer: 1, referrals: 2 },
    ]);
  });
});
