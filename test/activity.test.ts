/**
 * RETAIN.ACTIVEUSERS, RETAIN.USAGETREND and RETAIN.DISENGAGED (src/core/activity.ts,
 * src/functions/activity.ts, and coerce.idDateSerials).
 *
 * Values are worked by hand (the working is in the comments) and checked against pandas on the
 * real CDNOW transactions (scripts/reference/cdnow_activity_rfm.py; needs ../shared, there in CI).
 */
import fc from "fast-check";
import {
  activeUsers,
  DISENGAGED_HEADER,
  disengaged,
  USAGE_TREND_HEADER,
  usageTrend,
} from "../src/core/activity";
import { activeusers, disengagedCustomers, usagetrend } from "../src/functions/activity";
import { stickinessRatio } from "../src/functions/calculators";
import { idDateSerials } from "../src/functions/coerce";
import { cdnowColumns, cdnowReference } from "./support/cdnow";
import { columnOf as column, excelError, shuffledBy } from "./support/excel";

// A small log, worked by hand. Serial 45292 = 2024-01-01 (Excel), so 45321 = 2024-01-30, 45322 = 2024-01-31.
const ids = column(["ann", "Bob", " ANN ", "cy", "bob", "dee", "ann", 12, "12"]);
const dates = column([45322, 45322, 45321.75, 45300, 45293, 45292, 45200, 45310, "2024-01-05"]);

describe("RETAIN.ACTIVEUSERS, worked by hand", () => {
  test("as_of defaults to the latest date; windows are (as_of − w, as_of]", () => {
    // Latest date 45322. w = 1: day 45322 only → ann, bob → 2.
    expect(activeusers(ids, dates, null, 1)).toBe(2);
    // The default window is 30 days (worked below: 4).
    expect(activeusers(ids, dates)).toBe(4);
    // w = 2: days 45321..45322 → ann (" ANN " at 45321.75 is day 45321), bob → still 2.
    expect(activeusers(ids, dates, null, 2)).toBe(2);
    // w = 30: days 45293..45322 → ann, bob, cy (45300), 12 (45310 and "2024-01-05" = 45296) → 4;
    // dee (45292) is 30 days before as_of, just outside.
    expect(activeusers(ids, dates, null, 30)).toBe(4);
    // w = 31 brings dee in → 5; w = 200 brings nothing new (ann at 45200 is already counted).
    expect(activeusers(ids, dates, null, 31)).toBe(5);
    expect(activeusers(ids, dates, null, 200)).toBe(5);
  });

  test("an explicit as_of ignores later activity; ISO text and date serials both work", () => {
    // as_of 2024-01-10 = 45301, w = 10: days 45292..45301 → cy (45300), 12 ("2024-01-05"), bob (45293), dee (45292) → 4.
    expect(activeusers(ids, dates, "2024-01-10", 10)).toBe(4);
    expect(activeusers(ids, dates, 45301, 10)).toBe(4);
    // A time of day on as_of does not matter.
    expect(activeusers(ids, dates, 45301.9, 10)).toBe(4);
  });

  test("DAU/MAU composes with RETAIN.STICKINESS", () => {
    // DAU = 2, MAU (30 days) = 4 → 0.5.
    expect(
      stickinessRatio([[activeusers(ids, dates, null, 1)]], activeusers(ids, dates, null, 30))
    ).toBe(0.5);
  });

  test("a whole-column selection (trailing blank rows) and other shapes read the same", () => {
    const longIds = [...ids, ...column(Array(20).fill(null))];
    const longDates = [...dates, ...column(Array(20).fill(""))];
    expect(activeusers(longIds, longDates, null, 30)).toBe(4);
    // The same data as one row each (1 × 9 ranges) and as blocks.
    const row = (range: unknown[][]) => [range.map((cell) => cell[0])];
    expect(activeusers(row(ids), row(dates), null, 30)).toBe(4);
  });
});

describe("RETAIN.ACTIVEUSERS errors", () => {
  test("mismatched lengths name both lengths", () => {
    expect(excelError(() => activeusers(column(["a", "b"]), column([45000])))).toEqual({
      code: "#VALUE!",
      message: "customer_ids has 2 cells but activity_dates has 1; they must be the same size",
    });
  });
  test("bad dates name their position, in a column and in a row", () => {
    expect(
      excelError(() => activeusers(column(["a", "b"]), column([45000, "next week"]))).message
    ).toMatch(/^activity_dates, row 2: 'next week' is not a date/);
    expect(excelError(() => activeusers([["a", "b"]], [[45000, true]])).message).toMatch(
      /^activity_dates, column 2: TRUE is not a date/
    );
  });
  test("half-blank rows and error cells", () => {
    expect(excelError(() => activeusers(column(["a", "b"]), column([45000, null]))).message).toBe(
      "row 2: activity_dates is blank but customer_ids is not; fill both or leave both blank"
    );
    expect(excelError(() => activeusers(column([{ errorCode: "#N/A" }]), column([45000])))).toEqual(
      { code: "#N/A", message: "customer_ids, row 1 holds the error #N/A" }
    );
  });
  test("window_days must be a whole number ≥ 1", () => {
    expect(excelError(() => activeusers(ids, dates, null, 0)).message).toBe(
      "window_days must be at least 1 (got 0)"
    );
    expect(excelError(() => activeusers(ids, dates, null, -7)).message).toBe(
      "window_days must be at least 1 (got -7)"
    );
    expect(excelError(() => activeusers(ids, dates, null, 1.5)).message).toBe(
      "window_days must be a whole number (got 1.5)"
    );
    expect(excelError(() => activeusers(ids, dates, null, "weekly")).message).toBe(
      "window_days: 'weekly' is not a number"
    );
  });
  test("no data is #DIV/0!", () => {
    expect(excelError(() => activeusers(column([null, ""]), column([null, ""]))).code).toBe(
      "#DIV/0!"
    );
    // Also with as_of given (then the dates are read only once, together with the ids).
    expect(excelError(() => activeusers(column([null]), column(["  "]), 45000)).code).toBe(
      "#DIV/0!"
    );
    expect(excelError(() => activeusers([], [])).code).toBe("#DIV/0!");
  });
});

describe("RETAIN.USAGETREND, worked by hand", () => {
  // as_of 45330, w = 10: Recent = days 45321..45330, Previous = days 45311..45320.
  const trendIds = column([
    "a",
    "a",
    "a",
    "a",
    "b",
    "b",
    "b",
    "b",
    "b",
    "b",
    "c",
    "c",
    "d",
    "d",
    "d",
    "e",
    "e",
  ]);
  const trendDates = column([
    45311,
    45315,
    45320,
    45325, // a: Previous 3, Recent 1 → 1 ≤ 0.5·3 → declining, Change 1/3 − 1
    45311,
    45312,
    45313,
    45314,
    45330,
    45330, // b: Previous 4, Recent 2 → 2 ≤ 2 → declining (boundary), Change −0.5
    45312,
    45313, // c: Previous 2, Recent 0 → inactive, Change −1
    45329,
    45330,
    45330, // d: Previous 0, Recent 3 → not flagged (would be Infinity)
    45300,
    45330, // e: 45300 is before both windows; Previous 0 → not flagged
  ]);

  test("flags, changes and order (worst change first)", () => {
    expect(usagetrend(trendIds, trendDates, null, 10)).toEqual([
      [...USAGE_TREND_HEADER],
      ["c", 0, 2, -1, "inactive"],
      ["a", 1, 3, 1 / 3 - 1, "declining"],
      ["b", 2, 4, -0.5, "declining"],
    ]);
  });

  test("drop = 0.7 keeps only falls of 70% or more; drop = 0 flags any non-increase", () => {
    // a: 1 ≤ 0.3·3 = 0.9? no. b: 2 ≤ 1.2? no. c: inactive.
    expect(
      usagetrend(trendIds, trendDates, null, 10, 0.7)
        .slice(1)
        .map((row) => row[0])
    ).toEqual(["c"]);
    // drop 0: Recent ≤ Previous → a, b, c.
    expect(
      usagetrend(trendIds, trendDates, null, 10, 0)
        .slice(1)
        .map((row) => row[0])
    ).toEqual(["c", "a", "b"]);
  });

  test("ties on Change go to the larger Previous, then the customer seen first", () => {
    const spill = usagetrend(column(["x", "y", "y", "z", "z"]), column([1, 1, 2, 1, 2]), 20, 10);
    // Everyone's activity is in Previous (days −8..10 → days 1, 2) and Recent is 0: all inactive, Change −1.
    expect(spill.slice(1).map((row) => [row[0], row[2]])).toEqual([
      ["y", 2],
      ["z", 2],
      ["x", 1],
    ]);
  });

  test("no flagged customer gives just the header", () => {
    expect(usagetrend(column(["a"]), column([45000]))).toEqual([[...USAGE_TREND_HEADER]]);
  });

  test("core: Change is finite on every flagged row", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 60 })), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.integer({ min: 1, max: 20 }),
        (rows, w) => {
          const result = usageTrend(
            {
              customerOfRow: rows.map((r) => r[0]),
              customerCount: 6,
              serials: rows.map((r) => 45000 + r[1]),
            },
            { windowDays: w }
          );
          for (const row of result) {
            expect(Number.isFinite(row.change)).toBe(true);
            expect(row.previous).toBeGreaterThan(0);
            expect(
              row.flag === "inactive"
                ? row.recent === 0
                : row.recent > 0 && row.recent <= 0.5 * row.previous
            ).toBe(true);
          }
          for (let i = 1; i < result.length; i++)
            expect(result[i - 1].change! <= result[i].change!).toBe(true);
        }
      )
    );
  });

  test("errors: drop outside [0, 1], bad window, lengths, no data", () => {
    expect(excelError(() => usagetrend(trendIds, trendDates, null, 10, 1.5)).message).toBe(
      "drop must be a rate between 0 and 1, e.g. 0.05 for 5% (got 1.5)"
    );
    expect(excelError(() => usagetrend(trendIds, trendDates, null, -1)).message).toBe(
      "window_days must be at least 1 (got -1)"
    );
    expect(excelError(() => usagetrend(column(["a"]), column([1, 2]))).message).toBe(
      "customer_ids has 1 cells but activity_dates has 2; they must be the same size"
    );
    expect(excelError(() => usagetrend(column([null]), column([null]))).code).toBe("#DIV/0!");
  });
});

describe("RETAIN.DISENGAGED, worked by hand", () => {
  test("last activity more than inactive_days before as_of, longest first", () => {
    // as_of = latest = 45322. Last activity: ann 45322 (0 days), Bob 45322 (0), cy 45300 (22), dee 45292 (30), 12 45310 (12).
    expect(disengagedCustomers(ids, dates, null, 12)).toEqual([
      [...DISENGAGED_HEADER],
      ["dee", 45292, 30],
      ["cy", 45300, 22],
    ]);
    // Strictly more: with 30, dee (exactly 30) is not listed.
    expect(disengagedCustomers(ids, dates, null, 30)).toEqual([[...DISENGAGED_HEADER]]);
    // Default 90: nobody.
    expect(disengagedCustomers(ids, dates)).toEqual([[...DISENGAGED_HEADER]]);
  });

  test("an earlier as_of ignores later activity and drops customers not yet seen", () => {
    // as_of 45305: ann's activity on or before it is 45200 (105 days); bob 45293 (12); dee 45292 (13);
    // cy 45300 (5); 12: "2024-01-05" = 45296 (9). inactive_days 10 → ann, dee, bob.
    expect(disengagedCustomers(ids, dates, 45305, 10)).toEqual([
      [...DISENGAGED_HEADER],
      ["ann", 45200, 105],
      ["dee", 45292, 13],
      ["Bob", 45293, 12],
    ]);
    // as_of before everyone but ann: only ann exists.
    expect(disengagedCustomers(ids, dates, 45250, 0)).toEqual([
      [...DISENGAGED_HEADER],
      ["ann", 45200, 50],
    ]);
  });

  test("inactive_days must be a whole number ≥ 0; no data is #DIV/0!", () => {
    expect(excelError(() => disengagedCustomers(ids, dates, null, -1)).message).toBe(
      "inactive_days must be at least 0 (got -1)"
    );
    expect(excelError(() => disengagedCustomers(ids, dates, null, 2.5)).message).toBe(
      "inactive_days must be a whole number (got 2.5)"
    );
    expect(excelError(() => disengagedCustomers(column([null]), column([null]))).code).toBe(
      "#DIV/0!"
    );
    expect(excelError(() => disengagedCustomers(ids, column([1, 2]))).message).toBe(
      "customer_ids has 9 cells but activity_dates has 2; they must be the same size"
    );
  });
});

describe("activity invariants (fast-check)", () => {
  const logRows = fc.array(
    fc.record({
      id: fc.constantFrom("a", "A", " a ", "b", "B ", 3, "3", "c", "d"),
      day: fc.integer({ min: 45000, max: 45120 }),
    }),
    {
      minLength: 1,
      maxLength: 80,
    }
  );
  const key = (id: unknown) => String(id).trim().toLowerCase();

  test("ACTIVEUSERS equals a brute-force count and is monotone in the window", () => {
    fc.assert(
      fc.property(logRows, fc.integer({ min: 1, max: 150 }), (rows, w) => {
        const idRange = column(rows.map((r) => r.id));
        const dateRange = column(rows.map((r) => r.day));
        const latest = Math.max(...rows.map((r) => r.day));
        const brute = new Set(
          rows.filter((r) => r.day > latest - w && r.day <= latest).map((r) => key(r.id))
        ).size;
        const count = activeusers(idRange, dateRange, null, w);
        expect(count).toBe(brute);
        expect(activeusers(idRange, dateRange, null, w + 1)).toBeGreaterThanOrEqual(count);
      })
    );
  });

  test("id case and space variants merge: upper-casing and padding ids changes nothing", () => {
    fc.assert(
      fc.property(logRows, (rows) => {
        const dateRange = column(rows.map((r) => r.day));
        const variant = column(
          rows.map((r) => (typeof r.id === "string" ? `  ${r.id.toUpperCase()} ` : r.id))
        );
        expect(activeusers(variant, dateRange, null, 30)).toBe(
          activeusers(column(rows.map((r) => r.id)), dateRange, null, 30)
        );
        const keysOf = (spill: unknown[][]) =>
          spill.slice(1).map((row) => [key(row[0]), row[1], row[2]].join("|"));
        expect(keysOf(disengagedCustomers(variant, dateRange, null, 10))).toEqual(
          keysOf(disengagedCustomers(column(rows.map((r) => r.id)), dateRange, null, 10))
        );
      })
    );
  });

  test("DISENGAGED rows all exceed the threshold, are sorted longest first, and Last activity + Days inactive = as_of", () => {
    fc.assert(
      fc.property(logRows, fc.integer({ min: 0, max: 100 }), (rows, threshold) => {
        const spill = disengagedCustomers(
          column(rows.map((r) => r.id)),
          column(rows.map((r) => r.day)),
          null,
          threshold
        );
        const latest = Math.max(...rows.map((r) => r.day));
        const body = spill.slice(1) as [string | number, number, number][];
        for (const [, last, days] of body) {
          expect(days).toBeGreaterThan(threshold);
          expect(last + days).toBe(latest);
        }
        for (let i = 1; i < body.length; i++)
          expect(body[i - 1][2]).toBeGreaterThanOrEqual(body[i][2]);
        // Everyone not listed was active within the threshold.
        const listed = new Set(body.map((row) => key(row[0])));
        for (const r of rows)
          if (!listed.has(key(r.id)))
            expect(rows.some((s) => key(s.id) === key(r.id) && latest - s.day <= threshold)).toBe(
              true
            );
      })
    );
  });

  test("permutation invariance of DISENGAGED and USAGETREND (compared by key)", () => {
    fc.assert(
      fc.property(logRows, fc.infiniteStream(fc.nat()), (rows, stream) => {
        const shuffled = shuffledBy(rows, stream);
        const canonical = (spill: unknown[][]) =>
          spill
            .slice(1)
            .map((row) => [key(row[0]), ...row.slice(1)].join("|"))
            .sort();
        const run = (list: typeof rows, f: typeof usagetrend | typeof disengagedCustomers) =>
          canonical(f(column(list.map((r) => r.id)), column(list.map((r) => r.day)), null, 20));
        expect(run(shuffled, usagetrend)).toEqual(run(rows, usagetrend));
        expect(run(shuffled, disengagedCustomers)).toEqual(run(rows, disengagedCustomers));
      })
    );
  });

  test("idDateSerials: the in-place column path and the general path agree (as a row, and as a 2-column block)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("a", 7, null, " B"),
            fc.constantFrom(45000, 45001.5, "2024-01-15", null)
          ),
          { maxLength: 12 }
        ),
        (rows) => {
          const filled = rows.filter(([id, date]) => (id === null) === (date === null));
          const idsColumn = column(filled.map((r) => r[0]));
          const datesColumn = column(filled.map((r) => r[1]));
          const inPlace = idDateSerials(idsColumn, "customer_ids", datesColumn, "dates");
          const asRow = idDateSerials(
            [filled.map((r) => r[0])],
            "customer_ids",
            [filled.map((r) => r[1])],
            "dates"
          );
          expect(Array.from(asRow.serials)).toEqual(Array.from(inPlace.serials));
          inPlace.serials.forEach((serial, i) => {
            if (!Number.isNaN(serial)) expect(asRow.keyOfRow(i)).toBe(inPlace.keyOfRow(i));
          });
          // distinctIds: the same count both ways, and equal to a brute-force count by idKey.
          const brute = new Set(
            filled.filter(([id]) => id !== null).map(([id]) => String(id).trim().toLowerCase())
          ).size;
          expect(
            idDateSerials(idsColumn, "customer_ids", datesColumn, "dates").distinctIds(0, 1e6)
          ).toEqual({
            distinct: brute,
            filledRows: brute === 0 ? 0 : filled.filter(([id]) => id !== null).length,
          });
          expect(
            idDateSerials(
              [filled.map((r) => r[0])],
              "customer_ids",
              [filled.map((r) => r[1])],
              "dates"
            ).distinctIds(0, 1e6).distinct
          ).toBe(brute);
        }
      )
    );
  });

  test("core activeUsers asks for keys only of rows in the window", () => {
    const asked: number[] = [];
    activeUsers(
      [45000, 45100, 45099, 45050],
      (row) => (asked.push(row), String(row)),
      undefined,
      2
    );
    expect(asked).toEqual([1, 2]);
    expect(
      disengaged({ customerOfRow: [0], customerCount: 1, serials: [45000] }, { inactiveDays: 0 })
    ).toEqual([]);
  });
});

describe("outside reference: pandas on the real CDNOW transactions (needs ../shared)", () => {
  test("ACTIVEUSERS for 1, 7, 30, 90 and 365 days and DISENGAGED for 90 and 365 days equal pandas'", () => {
    const reference = cdnowReference();
    const { ids: cdIds, dates: cdDates } = cdnowColumns();
    for (const [window, expected] of Object.entries(reference.activeUsers)) {
      expect([window, activeusers(cdIds, cdDates, null, Number(window))]).toEqual([
        window,
        expected,
      ]);
    }
    for (const [days, expected] of Object.entries(reference.disengaged)) {
      const spill = disengagedCustomers(cdIds, cdDates, null, Number(days));
      expect([days, spill.length - 1, spill[1][2]]).toEqual([
        days,
        expected.count,
        expected.maxDaysInactive,
      ]);
    }
    // as_of is the latest date in the data: 1998-06-30.
    expect(reference.asOf).toBe(35976);
  });
});
