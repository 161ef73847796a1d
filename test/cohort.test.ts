/**
 * Cohort retention matrices (RETAIN.COHORT).
 *
 * Outside references:
 * - pandas (groupby + integer period arithmetic, scripts/reference/cohort.py) on the real CDNOW
 *   transactions (../shared/data/reference/CDNOW_master.txt) and on a seeded log: committed in
 *   test/reference/fixtures/cohort-*.json and re-run live when /usr/bin/python3 has pandas
 *   (required when CI=true). Every cell is compared.
 * - an independent brute-force oracle in this file (JavaScript Date and Sets, no Retain code)
 *   for property tests over every period.
 */
import fc from "fast-check";
import {
  COHORT_HEADER,
  cohortMatrix,
  cohortMatrixFromIndices,
  cohortSpillRows,
  CohortMode,
  internIds,
} from "../src/core/cohort";
import { Period, PERIODS } from "../src/core/dates";
import { cohort } from "../src/functions/cohorts";
import { asExcelColumn, generateTransactions } from "../src/sample/generate";
import {
  PandasCohort,
  PandasCohorts,
  runCohortsInPandas,
  runCohortsInPandasOnCdnow,
} from "../scripts/reference/runners";
import { fixture, liveTool, referenceFile } from "./reference/reference";
import { columnOf as column, excelError } from "./support/excel";

type Spill = (number | string)[][];

// ---- An independent oracle: JavaScript Date arithmetic and Sets, nothing from src/core/dates.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
function dateOf(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
}
function serialOf(date: Date): number {
  return Math.round((date.getTime() - EXCEL_EPOCH_MS) / DAY_MS);
}
/** [period number (consecutive periods consecutive), the period's first day as a serial]. */
function oraclePeriod(serial: number, period: Period): [number, number] {
  const date = dateOf(serial);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  switch (period) {
    case "day":
      return [Math.floor(serial), Math.floor(serial)];
    case "week": {
      const daysSinceMonday = (date.getUTCDay() + 6) % 7;
      const monday = serialOf(date) - daysSinceMonday;
      return [monday / 7, monday];
    }
    case "month":
      return [y * 12 + m, serialOf(new Date(Date.UTC(y, m, 1)))];
    case "quarter":
      return [y * 4 + Math.floor(m / 3), serialOf(new Date(Date.UTC(y, m - (m % 3), 1)))];
    case "year":
      return [y, serialOf(new Date(Date.UTC(y, 0, 1)))];
  }
}
/** The count spill the definitions of issue 3 give, by brute force. */
function oracleCounts(ids: string[], serials: number[], period: Period, mode: CohortMode): Spill {
  const periods = new Map<string, Set<number>>();
  const startOf = new Map<number, number>();
  ids.forEach((id, i) => {
    const [p, start] = oraclePeriod(serials[i], period);
    startOf.set(p, start);
    if (!periods.has(id)) periods.set(id, new Set());
    periods.get(id)!.add(p);
  });
  const all = [...startOf.keys()];
  const firstPeriod = Math.min(...all);
  const lastPeriod = Math.max(...all);
  const width = lastPeriod - firstPeriod + 1;
  const cohorts = new Map<number, Set<number>[]>();
  for (const set of periods.values()) {
    const first = Math.min(...set);
    if (!cohorts.has(first)) cohorts.set(first, []);
    cohorts.get(first)!.push(set);
  }
  const header: (number | string)[] = ["Cohort", "Customers"];
  for (let k = 0; k < width; k++) header.push(k);
  const rows: Spill = [header];
  for (const first of [...cohorts.keys()].sort((a, b) => a - b)) {
    const members = cohorts.get(first)!;
    const row: (number | string)[] = [startOf.get(first)!, members.length];
    for (let k = 0; k < width; k++) {
      if (first + k > lastPeriod) row.push("");
      else if (mode === "classic") row.push(members.filter((set) => set.has(first + k)).length);
      else row.push(members.filter((set) => Math.max(...set) >= first + k).length);
    }
    rows.push(row);
  }
  return rows;
}

describe("hand-worked example (month)", () => {
  // Worked by hand in this test's comment. 2024 transactions:
  //   a: Jan 5, Jan 20, Mar 2     b: Jan 31, Feb 1     c: Feb 14, Apr 30     d: Feb 29
  // Cohorts: Jan = {a, b} (first purchases in January), Feb = {c, d}. Periods Jan–Apr → offsets 0–3.
  // Classic counts: Jan: k0 {a,b}=2, k1 Feb {b}=1, k2 Mar {a}=1, k3 Apr {}=0.
  //                 Feb: k0 {c,d}=2, k1 Mar {}=0, k2 Apr {c}=1, k3 (May, after the data) blank.
  // Rates: Jan 1, 0.5, 0.5, 0; Feb 1, 0, 0.5, blank.
  // Unbounded (last period ≥ c+k): a's last is Mar (k2), b's Feb (k1): Jan 2, 2, 1, 0.
  //                                c's last is Apr (k2), d's Feb (k0): Feb 2, 1, 1, blank.
  // Cohort serials: 2024-01-01 = 45292, 2024-02-01 = 45323 (Excel: =DATE(2024,1,1) is 45292).
  const ids = ["a", "a", "a", "b", "b", "c", "c", "d"];
  const dates = [
    "2024-01-05",
    "2024-01-20",
    "2024-03-02",
    "2024-01-31",
    "2024-02-01",
    "2024-02-14",
    "2024-04-30",
    "2024-02-29",
  ];

  test("classic rates (the defaults)", () => {
    expect(cohort(column(ids), column(dates))).toEqual([
      ["Cohort", "Customers", 0, 1, 2, 3],
      [45292, 2, 1, 0.5, 0.5, 0],
      [45323, 2, 1, 0, 0.5, ""],
    ]);
  });

  test("classic counts", () => {
    expect(cohort(column(ids), column(dates), "month", "classic", "count")).toEqual([
      ["Cohort", "Customers", 0, 1, 2, 3],
      [45292, 2, 2, 1, 1, 0],
      [45323, 2, 2, 0, 1, ""],
    ]);
  });

  test("unbounded counts and rates", () => {
    expect(cohort(column(ids), column(dates), "month", "unbounded", "count")).toEqual([
      ["Cohort", "Customers", 0, 1, 2, 3],
      [45292, 2, 2, 2, 1, 0],
      [45323, 2, 2, 1, 1, ""],
    ]);
    expect(cohort(column(ids), column(dates), "MONTH", " Unbounded ", "Rate")).toEqual([
      ["Cohort", "Customers", 0, 1, 2, 3],
      [45292, 2, 1, 1, 0.5, 0],
      [45323, 2, 1, 0.5, 0.5, ""],
    ]);
  });

  test("serials, ISO text with a time, and case/space variants of ids give the same matrix", () => {
    // Serials worked by hand: Jan 5 = 45292 + 4 = 45296, etc.; the time of day is ignored.
    const serials = [45296.75, 45311, 45353, 45322, 45323, 45336, 45412, 45351];
    const variants = [" A", "a ", "A", "B", "b", "C", " c ", "D"];
    const expected = cohort(column(ids), column(dates));
    expect(cohort(column(variants), column(serials))).toEqual(expected);
    expect(cohort(column(ids), column(dates.map((d) => `${d}T23:59:00`)))).toEqual(expected);
    // A row range (1 × n) is read the same way as a column.
    expect(cohort([ids], [dates])).toEqual(expected);
  });

  test("rows where both cells are blank are skipped", () => {
    expect(cohort(column([...ids, null, ""]), column([...dates, "", null]))).toEqual(
      cohort(column(ids), column(dates))
    );
  });
});

describe("hand-worked example (other periods)", () => {
  test("weeks start on Monday", () => {
    // 2024-01-01 (serial 45292) is a Monday. x buys on Sunday 2024-01-07 (45298) and Monday
    // 2024-01-08 (45299): two different weeks. y buys on Monday 2024-01-01 only.
    // Week cohort 45292 = {x, y}; offset 1 (week of 45299) = {x} → counts 2, 1.
    expect(
      cohort(column(["x", "x", "y"]), column([45298, 45299, 45292]), "week", "classic", "count")
    ).toEqual([
      ["Cohort", "Customers", 0, 1],
      [45292, 2, 2, 1],
    ]);
  });

  test("days, quarters and years", () => {
    // p: 2024-03-31 and 2024-04-01 → quarters Q1 and Q2 (cohort 2024-01-01 = 45292), one day apart,
    // and the same year. q: 2025-01-01 (45658) → its own quarter (offset 4 from Q1 2024) and year.
    const who = ["p", "p", "q"];
    const when = [45382, 45383, 45658];
    expect(cohort(column(who), column(when), "quarter", "classic", "count")).toEqual([
      ["Cohort", "Customers", 0, 1, 2, 3, 4],
      [45292, 1, 1, 1, 0, 0, 0],
      [45658, 1, 1, "", "", "", ""],
    ]);
    expect(cohort(column(who), column(when), "year", "classic", "count")).toEqual([
      ["Cohort", "Customers", 0, 1],
      [45292, 1, 1, 0],
      [45658, 1, 1, ""],
    ]);
    const days = cohort(column(who), column(when), "day", "classic", "count") as Spill;
    expect(days[0]).toHaveLength(2 + 45658 - 45382 + 1);
    expect(days[1].slice(0, 5)).toEqual([45382, 1, 1, 1, 0]);
    expect(days[2].slice(0, 4)).toEqual([45658, 1, 1, ""]);
  });
});

describe("pandas reference: CDNOW (69,659 real transactions)", () => {
  const reference = fixture<{ pandas: PandasCohorts }>("cohort-cdnow.json").pandas;
  // CDNOW_master.txt: whitespace-separated id, yyyymmdd, CDs, dollars; dates passed as ISO text.
  const lines = referenceFile("CDNOW_master.txt")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.trim().split(/\s+/));
  const ids = lines.map((cells) => cells[0]);
  const dates = lines.map(([, ymd]) => `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`);

  function expectSpillMatches(spill: Spill, expected: PandasCohort, label: string): void {
    expect(spill[0].slice(0, 2)).toEqual([...COHORT_HEADER]);
    expect(spill[0].slice(2)).toEqual(expected.counts[0].map((_, k) => k));
    expect(spill.slice(1).map((row) => row[0])).toEqual(expected.cohortStarts);
    expect(spill.slice(1).map((row) => row[1])).toEqual(expected.sizes);
    spill.slice(1).forEach((row, i) => {
      const want = expected.counts[i].map((cell) => (cell === null ? "" : cell));
      if (JSON.stringify(row.slice(2)) !== JSON.stringify(want))
        throw new Error(`${label}: cohort row ${i + 1} differs`);
    });
  }

  const cases: [string, Period, CohortMode, keyof PandasCohorts][] = [
    ["month classic", "month", "classic", "month_classic"],
    ["month unbounded", "month", "unbounded", "month_unbounded"],
    ["week classic (Monday weeks)", "week", "classic", "week_classic"],
    ["quarter classic", "quarter", "classic", "quarter_classic"],
  ];

  test("the data and the fixture agree on size", () => {
    expect(ids).toHaveLength(69_659);
    expect(reference.rows).toBe(69_659);
    expect(reference.month_classic.sizes.reduce((a, b) => a + b, 0)).toBe(23_570);
  });

  test.each(cases)(
    "%s: every cell matches the committed pandas matrix",
    (label, period, mode, key) => {
      expectSpillMatches(
        cohort(column(ids), column(dates), period, mode, "count") as Spill,
        reference[key] as PandasCohort,
        label
      );
    }
  );

  test("rates are the pandas counts over the cohort sizes", () => {
    const rates = cohort(column(ids), column(dates)) as Spill;
    const { counts, sizes } = reference.month_classic;
    rates.slice(1).forEach((row, i) => {
      row.slice(2).forEach((cell, k) => {
        const count = counts[i][k];
        expect(cell).toBe(count === null ? "" : count / sizes[i]);
      });
    });
  });

  test("live pandas (when installed; required in CI): every cell matches, and the fixture is current", () => {
    if (!liveTool("pandas")) {
      // pandas is not installed here (and CI is not set): the fixture comparisons above still ran.
      expect(reference.rows).toBe(69_659);
      return;
    }
    const live = runCohortsInPandasOnCdnow();
    for (const [label, period, mode, key] of cases) {
      expectSpillMatches(
        cohort(column(ids), column(dates), period, mode, "count") as Spill,
        live[key] as PandasCohort,
        `${label} (live)`
      );
      expect(live[key]).toEqual(reference[key]);
    }
  });
});

describe("pandas reference: a seeded log (mixed-case ids, weeks and months not aligned)", () => {
  const seeded = fixture<{ input: { ids: string[]; serials: number[] }; pandas: PandasCohorts }>(
    "cohort-seeded.json"
  );
  const cases: [Period, CohortMode, keyof PandasCohorts][] = [
    ["month", "classic", "month_classic"],
    ["month", "unbounded", "month_unbounded"],
    ["week", "classic", "week_classic"],
    ["quarter", "classic", "quarter_classic"],
  ];

  function expected(reference: PandasCohort): Spill {
    const header: (number | string)[] = [
      "Cohort",
      "Customers",
      ...reference.counts[0].map((_, k) => k),
    ];
    return [
      header,
      ...reference.counts.map((row, i) => [
        reference.cohortStarts[i],
        reference.sizes[i],
        ...row.map((c) => (c === null ? "" : c)),
      ]),
    ];
  }

  test.each(cases)(
    "%s %s: every cell matches pandas (fixture, and live when installed)",
    (period, mode, key) => {
      const spill = cohort(
        column(seeded.input.ids),
        column(seeded.input.serials),
        period,
        mode,
        "count"
      );
      expect(spill).toEqual(expected(seeded.pandas[key] as PandasCohort));
    }
  );

  test("live pandas on the seeded log", () => {
    if (!liveTool("pandas")) {
      expect(seeded.input.ids.length).toBe(3000);
      return;
    }
    const live = runCohortsInPandas(seeded.input.ids, seeded.input.serials);
    for (const [period, mode, key] of cases) {
      expect(
        cohort(column(seeded.input.ids), column(seeded.input.serials), period, mode, "count")
      ).toEqual(expected(live[key] as PandasCohort));
    }
  });
});

describe("invariants (fast-check)", () => {
  const transactions = fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 45200, max: 45200 + 500 }),
        fc.double({ min: 0, max: 0.999, noNaN: true })
      ),
      {
        minLength: 1,
        maxLength: 80,
      }
    )
    .map((rows) => ({
      ids: rows.map(([c]) => `c${c}`),
      serials: rows.map(([, day, time]) => day + time),
    }));
  const period = fc.constantFrom(...PERIODS);

  test("counts equal the brute-force oracle (Date + Sets) for every period and mode", () => {
    fc.assert(
      fc.property(
        transactions,
        period,
        fc.constantFrom<CohortMode>("classic", "unbounded"),
        ({ ids, serials }, p, mode) => {
          expect(cohort(column(ids), column(serials), p, mode, "count")).toEqual(
            oracleCounts(ids, serials, p, mode)
          );
        }
      )
    );
  });

  test("classic offset 0 is 1 for every cohort; counts never exceed the cohort size; sizes add up to the customers", () => {
    fc.assert(
      fc.property(transactions, period, ({ ids, serials }, p) => {
        const rates = cohortMatrix(ids, serials, { period: p });
        const counts = cohortMatrix(ids, serials, { period: p, output: "count" });
        if (!rates.values.every((row) => row[0] === 1)) return false;
        if (counts.sizes.reduce((a, b) => a + b, 0) !== new Set(ids).size) return false;
        return counts.values.every((row, i) =>
          row.every((cell) => cell === undefined || (cell >= 0 && cell <= counts.sizes[i]))
        );
      })
    );
  });

  test("unbounded ≥ classic cellwise, and unbounded is non-increasing along a row", () => {
    fc.assert(
      fc.property(transactions, period, ({ ids, serials }, p) => {
        const classic = cohortMatrix(ids, serials, { period: p, output: "count" });
        const unbounded = cohortMatrix(ids, serials, {
          period: p,
          mode: "unbounded",
          output: "count",
        });
        return unbounded.values.every((row, i) =>
          row.every((cell, k) => {
            const before = k === 0 ? Infinity : row[k - 1];
            if (cell === undefined) return classic.values[i][k] === undefined;
            return (
              cell >= (classic.values[i][k] as number) && (before === undefined || cell <= before)
            );
          })
        );
      })
    );
  });

  test("blank cells are exactly those after the last period in the data", () => {
    fc.assert(
      fc.property(transactions, period, ({ ids, serials }, p) => {
        const m = cohortMatrix(ids, serials, { period: p });
        return (
          m.values.every((row) => {
            const firstBlank = row.indexOf(undefined);
            return firstBlank === -1
              ? row.length === m.offsets
              : row.slice(firstBlank).every((cell) => cell === undefined);
          }) && m.values[0][m.offsets - 1] !== undefined
        );
      })
    );
  });

  test("permuting the rows changes nothing", () => {
    fc.assert(
      fc.property(transactions, period, fc.integer(), ({ ids, serials }, p, seed) => {
        const order = ids.map((_, i) => i);
        let state = seed >>> 0;
        for (let i = order.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        expect(
          cohort(column(order.map((i) => ids[i])), column(order.map((i) => serials[i])), p)
        ).toEqual(cohort(column(ids), column(serials), p));
      })
    );
  });

  test("id case and surrounding spaces do not split a customer; numeric 7 and text '7' are one id", () => {
    fc.assert(
      fc.property(
        transactions,
        fc.array(fc.tuple(fc.boolean(), fc.nat(2), fc.nat(2)), { minLength: 80, maxLength: 80 }),
        ({ ids, serials }, styles) => {
          const variants = ids.map((id, i) => {
            const [upper, before, after] = styles[i];
            return " ".repeat(before) + (upper ? id.toUpperCase() : id) + " ".repeat(after);
          });
          expect(cohort(column(variants), column(serials))).toEqual(
            cohort(column(ids), column(serials))
          );
          const numeric = ids.map((id, i) => (styles[i][0] ? Number(id.slice(1)) : id.slice(1)));
          expect(cohort(column(numeric), column(serials))).toEqual(
            cohort(column(ids), column(serials))
          );
        }
      )
    );
  });

  test("the bitset and sort strategies agree", () => {
    fc.assert(
      fc.property(transactions, period, ({ ids, serials }, p) => {
        const { customerOfRow, customerCount } = internIds(ids);
        const bitset = cohortMatrixFromIndices(customerOfRow, customerCount, serials, {
          period: p,
          strategy: "bitset",
          output: "count",
        });
        const sort = cohortMatrixFromIndices(customerOfRow, customerCount, serials, {
          period: p,
          strategy: "sort",
          output: "count",
        });
        expect(bitset).toEqual(sort);
      })
    );
  });
});

describe("errors", () => {
  test("mismatched lengths name both", () => {
    expect(excelError(() => cohort(column(["a", "b", "c"]), column([45292, 45293])))).toMatchObject(
      {
        code: "#VALUE!",
        message: "customer_ids has 3 cells but dates has 2; they must be the same size",
      }
    );
  });

  test("bad dates name their position", () => {
    expect(excelError(() => cohort(column(["a", "b"]), column([45292, "soon"])))).toMatchObject({
      code: "#VALUE!",
      message:
        "dates, row 2: 'soon' is not a date (use a date cell, a serial number or ISO text such as 2024-01-15)",
    });
    expect(
      excelError(() => cohort(column(["a", "b", "c"]), column([45292, 45293, "2024-02-30"])))
        .message
    ).toMatch(/^dates, row 3: '2024-02-30' is not a date/);
    expect(excelError(() => cohort(column(["a"]), column([-1]))).message).toMatch(
      /^dates, row 1: -1 is not a date/
    );
    expect(
      excelError(() =>
        cohort(
          [
            ["a", "b"],
            ["c", "d"],
          ],
          [
            [45292, 45293],
            [45294, "x"],
          ]
        )
      ).message
    ).toMatch(/^dates, row 2, column 2: 'x' is not a date/);
  });

  test("unknown period, mode or output lists the valid names", () => {
    expect(excelError(() => cohort(column(["a"]), column([45292]), "fortnight"))).toMatchObject({
      code: "#VALUE!",
      message: "period 'fortnight' is not one of: day, week, month, quarter, year",
    });
    expect(
      excelError(() => cohort(column(["a"]), column([45292]), "month", "rolling")).message
    ).toBe("mode 'rolling' is not one of: classic, unbounded");
    expect(
      excelError(() => cohort(column(["a"]), column([45292]), "month", "classic", "percent"))
        .message
    ).toBe("output 'percent' is not one of: rate, count");
  });

  test("no data is #DIV/0!", () => {
    expect(excelError(() => cohort(column([null, ""]), column(["", null]))).code).toBe("#DIV/0!");
    expect(excelError(() => cohort([[]], [[]])).code).toBe("#DIV/0!");
  });

  test("one blank and one filled cell in a row names the row", () => {
    expect(excelError(() => cohort(column(["a", "b"]), column([45292, null])))).toMatchObject({
      code: "#VALUE!",
      message: "row 2: dates is blank but customer_ids is not; fill both or leave both blank",
    });
    expect(excelError(() => cohort(column([" ", "b"]), column([45292, 45292]))).message).toBe(
      "row 1: customer_ids is blank but dates is not; fill both or leave both blank"
    );
  });

  test("more periods than Excel has columns asks for a longer period", () => {
    // 2000-01-01 (36526) to 2050-01-01 (54789): 18,264 days > 16,382 offset columns.
    expect(
      excelError(() => cohort(column(["a", "b"]), column([36526, 54789]), "day"))
    ).toMatchObject({
      code: "#VALUE!",
      message:
        "the data spans 18264 day periods, more than the 16382 columns Excel can spill; use a longer period",
    });
  });

  test("error cells in the input are passed on", () => {
    expect(
      excelError(() => cohort(column(["a", { errorCode: "#N/A" }]), column([45292, 45292])))
    ).toMatchObject({ code: "#N/A" });
  });
});

describe("scale", () => {
  test("1,048,576 seeded transactions (100k customers, 36 months) through the registered function", () => {
    // Not a timed test (see `npm run bench`): the large path must agree with the sort strategy.
    const log = generateTransactions({ rows: 1_048_576, customers: 100_000, months: 36, seed: 7 });
    const spill = cohort(
      asExcelColumn(log.ids),
      asExcelColumn(log.serials),
      "month",
      "classic",
      "count"
    ) as Spill;
    expect(spill).toHaveLength(37);
    expect(spill.slice(1).reduce((sum, row) => sum + (row[1] as number), 0)).toBe(100_000);
    const { customerOfRow, customerCount } = internIds(log.ids.map(String));
    const sorted = cohortMatrixFromIndices(customerOfRow, customerCount, log.serials, {
      strategy: "sort",
      output: "count",
    });
    expect(spill).toEqual(cohortSpillRows(sorted));
  });
});
