/**
 * RETAIN.CHURNBYDATES and RETAIN.ACTIVECOUNT (src/core/lifecycle.ts, src/functions/activity.ts).
 *
 * The boundary conventions under test (documented in src/core/lifecycle.ts): dates are whole
 * days; the period is period_start … period_end inclusive; S = started before period_start and
 * not ended before it (end ≥ period_start); N = started within the period; L = S or N with an end
 * date within the period; active on d = start ≤ d and (no end or end > d).
 */
import fc from "fast-check";
import { activeCount, churnCounts } from "../src/core/lifecycle";
import { activecount, churnbydates } from "../src/functions/activity";
import { columnOf as column, excelError } from "./support/excel";

// January 2024: period_start 2024-01-01 = serial 45292, period_end 2024-01-31 = 45322.
const PERIOD_START = 45292;
const PERIOD_END = 45322;
// Worked by hand, one line per customer: start, end → what it counts as.
const starts = column([
  45200, // 1: active since before → S
  45200, // 2: ended 2023-12-31 (45291), before period_start → nothing
  45200, // 3: ended ON period_start → S and L
  45250, // 4: ended on period_end (with a time of day) → S and L
  45250, // 5: ended the day after period_end → S
  "2024-01-01", // 6: started ON period_start (ISO text) → N
  45322, // 7: started and ended on period_end → N and L
  45300, // 8: started and ended within the period → N and L
  45323, // 9: starts after the period → nothing
  45100, // 10: came and went long before → nothing
  45000, // 11: active → S
  45000.5, // 12: active (a time of day) → S
]);
const ends = column([
  null,
  45291,
  45292,
  "2024-01-31T18:00",
  45323,
  "",
  45322,
  45310,
  null,
  45150,
  null,
  null,
]);
// S = {1, 3, 4, 5, 11, 12} = 6; N = {6, 7, 8} = 3; L = {3, 4, 7, 8} = 4; E = 6 + 3 − 4 = 5 = {1, 5, 6, 11, 12}.

describe("counts, worked by hand", () => {
  test("S, N, L and E", () => {
    const toSerials = (range: unknown[][]) =>
      range.map(([v]) =>
        v === null || v === ""
          ? NaN
          : typeof v === "number"
            ? v
            : v === "2024-01-01"
              ? 45292
              : 45322.75
      );
    expect(churnCounts(toSerials(starts), toSerials(ends), PERIOD_START, PERIOD_END)).toEqual({
      start: 6,
      new: 3,
      lost: 4,
      end: 5,
      customers: 12,
    });
  });

  test("RETAIN.CHURNBYDATES for each method", () => {
    // start: L / S = 4 / 6.
    expect(churnbydates(starts, ends, PERIOD_START, PERIOD_END)).toBeCloseTo(4 / 6, 15);
    // average: L / ((S + E) / 2) = 4 / 5.5.
    expect(churnbydates(starts, ends, PERIOD_START, PERIOD_END, "average")).toBeCloseTo(
      4 / 5.5,
      15
    );
    // exposure: L / (S + N) = 4 / 9; choice names are case-insensitive.
    expect(churnbydates(starts, ends, "2024-01-01", "2024-01-31", " EXPOSURE ")).toBeCloseTo(
      4 / 9,
      15
    );
  });

  test("RETAIN.ACTIVECOUNT at the boundaries", () => {
    // Close of period_end (45322): {1, 5, 6, 11, 12} = 5 = E. Customer 4 ended that day, 7 too: not counted.
    expect(activecount(starts, ends, PERIOD_END)).toBe(5);
    // Close of the day before period_start (45291): {1, 3, 4, 5, 11, 12} = 6 = S; customer 2 ended that day.
    expect(activecount(starts, ends, PERIOD_START - 1)).toBe(6);
    // On 45300: 1, 4, 5, 6, 8 (started that day), 11, 12 → 7.
    expect(activecount(starts, ends, "2024-01-09")).toBe(7);
    // Before anyone: 0 (a real count, not an error).
    expect(activecount(starts, ends, 40000)).toBe(0);
  });

  test("outside reference: Recurly's worked example (1,000 at start, 500 new, 62 lost → 6.2%)", () => {
    // Recurly Research, "What is a good churn rate?": 62 / 1,000 = 6.2%; exposure: 62 / 1,500.
    const list: [number, number | null][] = [];
    for (let i = 0; i < 1000; i++) list.push([45000, i < 62 ? 45300 : null]);
    for (let i = 0; i < 500; i++) list.push([45300, null]);
    const s = column(list.map((c) => c[0]));
    const e = column(list.map((c) => c[1]));
    expect(churnbydates(s, e, PERIOD_START, PERIOD_END)).toBeCloseTo(0.062, 15);
    expect(churnbydates(s, e, PERIOD_START, PERIOD_END, "exposure")).toBeCloseTo(62 / 1500, 15);
    expect(activecount(s, e, PERIOD_END)).toBe(1438); // E = 1,000 + 500 − 62
  });
});

describe("errors", () => {
  test("columns of different lengths name both lengths", () => {
    expect(
      excelError(() =>
        churnbydates(column([45000, 45001]), column([null]), PERIOD_START, PERIOD_END)
      )
    ).toEqual({
      code: "#VALUE!",
      message: "start_dates has 2 cells but end_dates has 1; they must be the same size",
    });
    expect(
      excelError(() => activecount(column([45000]), column([null, null]), PERIOD_START)).message
    ).toBe("start_dates has 1 cells but end_dates has 2; they must be the same size");
  });

  test("bad dates name their position", () => {
    expect(
      excelError(() =>
        churnbydates(column([45000, 45001]), column([null, "soon"]), PERIOD_START, PERIOD_END)
      ).message
    ).toMatch(/^end_dates, row 2: 'soon' is not a date/);
    expect(
      excelError(() => activecount([[45000, "2024-02-30"]], [[null, null]], PERIOD_START)).message
    ).toMatch(/^start_dates, column 2: '2024-02-30' is not a date/);
    expect(
      excelError(() =>
        churnbydates(column([{ errorCode: "#REF!" }]), column([null]), PERIOD_START, PERIOD_END)
      ).message
    ).toBe("start_dates, row 1 holds the error #REF!");
  });

  test("an end before its start is #VALUE! naming the row", () => {
    expect(
      excelError(() =>
        churnbydates(column([45300, 45200]), column([null, "2023-06-23"]), PERIOD_START, PERIOD_END)
      )
    ).toEqual({
      code: "#VALUE!",
      message: "end_dates, row 2 (2023-06-23) is before start_dates, row 2 (2023-10-01)", // 45200 = 2024-01-01 − 92 days (Oct 31 + Nov 30 + Dec 31)
    });
    // In a row-shaped range the position is a column.
    expect(
      excelError(() => activecount([[45300, 45200]], [[45299, null]], PERIOD_START)).message
    ).toBe("end_dates, column 1 (2024-01-08) is before start_dates, column 1 (2024-01-09)");
    // The same day is fine: a customer may come and go on one day.
    expect(activecount(column([45300]), column([45300.9]), 45300)).toBe(0);
  });

  test("a blank start with a filled end is #VALUE! naming the row", () => {
    expect(
      excelError(() => activecount(column([45000, null]), column([null, 45100]), PERIOD_START))
        .message
    ).toBe("start_dates, row 2 is required because end_dates, row 2 has a date");
  });

  test("period_end before period_start, missing period dates, unknown method", () => {
    expect(excelError(() => churnbydates(starts, ends, PERIOD_END, PERIOD_START)).message).toBe(
      "period_end (2024-01-01) is before period_start (2024-01-31)"
    );
    expect(excelError(() => churnbydates(starts, ends, null, PERIOD_END)).message).toBe(
      "period_start is required (a date)"
    );
    expect(excelError(() => activecount(starts, ends, "")).message).toBe(
      "as_of is required (a date)"
    );
    expect(
      excelError(() => churnbydates(starts, ends, PERIOD_START, PERIOD_END, "weekly")).message
    ).toBe("method 'weekly' is not one of: start, average, exposure");
  });

  test("no data, or nobody at the start, is #DIV/0!", () => {
    expect(
      excelError(() =>
        churnbydates(column([null, ""]), column([null, ""]), PERIOD_START, PERIOD_END)
      ).code
    ).toBe("#DIV/0!");
    expect(excelError(() => activecount([], [], PERIOD_START)).code).toBe("#DIV/0!");
    // Everyone started within the period: S = 0 → L / S undefined; exposure still works (1 / 2).
    const s = column([45300, 45301]);
    const e = column([45305, null]);
    expect(excelError(() => churnbydates(s, e, PERIOD_START, PERIOD_END)).code).toBe("#DIV/0!");
    expect(churnbydates(s, e, PERIOD_START, PERIOD_END, "exposure")).toBe(0.5);
  });
});

describe("invariants (fast-check)", () => {
  const customer = fc.tuple(
    fc.integer({ min: 0, max: 100 }),
    fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined })
  );
  const list = fc.array(customer, { minLength: 1, maxLength: 40 }).map((rows) => ({
    starts: rows.map(([start]) => 45000 + start),
    ends: rows.map(([start, length]) => (length === undefined ? NaN : 45000 + start + length)),
  }));
  const period = fc
    .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 40 }))
    .map(([from, length]) => [45000 + from, 45000 + from + length]);

  test("S = ACTIVECOUNT(period_start − 1), E = ACTIVECOUNT(period_end) = S + N − L, and L ≤ S + N", () => {
    fc.assert(
      fc.property(list, period, ({ starts: s, ends: e }, [first, last]) => {
        const counts = churnCounts(s, e, first, last);
        expect(counts.start).toBe(activeCount(s, e, first - 1));
        expect(counts.end).toBe(activeCount(s, e, last));
        expect(counts.lost).toBeLessThanOrEqual(counts.start + counts.new);
      })
    );
  });

  test("the order of customers and the time of day do not matter", () => {
    fc.assert(
      fc.property(
        list,
        period,
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        ({ starts: s, ends: e }, [first, last], time) => {
          const counts = churnCounts(s, e, first, last);
          expect(churnCounts([...s].reverse(), [...e].reverse(), first, last)).toEqual(counts);
          expect(
            churnCounts(
              s.map((v) => v + time),
              e.map((v) => v + time),
              first + time,
              last + time
            )
          ).toEqual(counts);
        }
      )
    );
  });

  test("through the wrapper, CHURNBYDATES always equals L / S from the counts (or #DIV/0! when S = 0)", () => {
    fc.assert(
      fc.property(list, period, ({ starts: s, ends: e }, [first, last]) => {
        const counts = churnCounts(s, e, first, last);
        const call = () =>
          churnbydates(column(s), column(e.map((v) => (Number.isNaN(v) ? null : v))), first, last);
        if (counts.start === 0) expect(excelError(call).code).toBe("#DIV/0!");
        else expect(call()).toBe(counts.lost / counts.start);
      })
    );
  });
});
