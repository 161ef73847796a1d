/**
 * Kaplan–Meier (RETAIN.SURVIVAL) and the median lifetime (RETAIN.MEDIANLIFETIME).
 *
 * Outside references:
 * - lifelines' published g3 Control-group values (../shared/data/reference/g3.csv);
 * - R's survival::survfit(Surv(t, e) ~ 1, conf.type = "log-log") on the waltons data and two
 *   seeded censored samples: committed in test/reference/fixtures/km.json (made by
 *   scripts/reference/make-fixtures.ts) and re-run live when Rscript is installed (required
 *   when CI=true). Every cell is compared to 1e-9.
 */
import fc from "fast-check";
import {
  kaplanMeier,
  kaplanMeierSpillRows,
  medianFromTable,
  medianLifetime,
  SURVIVAL_HEADER,
} from "../src/core/survival";
import { RetainError } from "../src/core/errors";
import { medianlifetime, survival } from "../src/functions/cohorts";
import { asExcelColumn, generateDurations } from "../src/sample/generate";
import { runKaplanMeierInR, RKaplanMeier } from "../scripts/reference/runners";
import { expectClose, fixture, liveTool, referenceFile } from "./reference/reference";
import { columnOf as column, excelError } from "./support/excel";

type Spill = (number | string)[][];

describe("Kaplan–Meier: hand-worked example", () => {
  // Worked by hand (a case fast-check found): at t=0, 2 of 10 churn → S = 0.8; at t=1, 2 of 8 →
  // 0.6; at t=2, 1 of 6 → 0.5 exactly, which floating point computes as 0.5000000000000001.
  test("a survival of exactly 50% reached through rounding still gives the median", () => {
    const durations = [1, 1, 2, 2, 2, 2, 2, 0, 2, 0];
    const churned = [1, 1, 0, 0, 0, 1, 0, 1, 0, 1];
    expect(medianlifetime(column(durations), column(churned))).toBe(2);
  });

  // Worked by hand in this test's comment. Durations 1, 2, 2+, 3, 4+, 5 (+ = censored):
  //   t=1: at risk 6 (all), 1 churned, 0 censored at 1 → S = 5/6.
  //   t=2: at risk 5, 1 churned, 1 censored at exactly 2 → S = 5/6 · 4/5 = 2/3.
  //   t=3: at risk 3 (3, 4+, 5), 1 churned → S = 2/3 · 2/3 = 4/9.
  //   t=5: at risk 1, 1 churned → S = 0; the log-log interval is undefined (R: NA) → blank.
  // Greenwood V = Σ d/(n(n−d)): 1/30, 1/30 + 1/20 = 1/12, 1/12 + 1/6 = 1/4.
  // Bounds S^exp(±z√V/|ln S|), z = 1.959963984540054 (Φ⁻¹(0.975)), e.g. at t=1:
  //   √(1/30)/|ln(5/6)| = 0.182574/0.182322 = 1.001385; z· = 1.962679; e^1.962679 = 7.1171;
  //   lower = (5/6)^7.1171 = 0.273123, upper = (5/6)^(1/7.1171) = 0.974712.
  // (Python's math module, the same arithmetic: 0.27312284992835584, 0.9747124266908935;
  //  t=2: 0.19461663680623476, 0.9044341643225164; t=3: 0.06618675314641242, 0.7849083671479586.)
  const durations = [1, 2, 2, 3, 4, 5];
  const events = [1, 1, 0, 1, 0, 1];

  test("table columns", () => {
    const table = kaplanMeier(durations, events);
    expect(Array.from(table.time)).toEqual([1, 2, 3, 5]);
    expect(Array.from(table.atRisk)).toEqual([6, 5, 3, 1]);
    expect(Array.from(table.churned)).toEqual([1, 1, 1, 1]);
    expect(Array.from(table.censored)).toEqual([0, 1, 0, 0]);
    const expectedS = [5 / 6, 2 / 3, 4 / 9, 0];
    table.survival.forEach((s, i) => expectClose(s, expectedS[i], 1e-15, `S row ${i}`));
    const lower = [0.27312284992835584, 0.19461663680623476, 0.06618675314641242];
    const upper = [0.9747124266908935, 0.9044341643225164, 0.7849083671479586];
    for (let i = 0; i < 3; i++) {
      expectClose(table.lower[i], lower[i], 1e-12, `lower row ${i}`);
      expectClose(table.upper[i], upper[i], 1e-12, `upper row ${i}`);
    }
    expect(Number.isNaN(table.lower[3]) && Number.isNaN(table.upper[3])).toBe(true);
  });

  test("the spill: header, then rows; undefined bounds are blank cells", () => {
    const spill = survival(column(durations), column(events)) as Spill;
    expect(spill[0]).toEqual([
      "Time",
      "At risk",
      "Churned",
      "Censored",
      "Survival",
      "Lower",
      "Upper",
    ]);
    expect(spill).toHaveLength(5);
    expect(spill[2].slice(0, 4)).toEqual([2, 5, 1, 1]);
    expect(spill[4]).toEqual([5, 1, 1, 0, 0, "", ""]);
  });

  test("median: the first time with S ≤ 0.5 is t=3 (S = 4/9)", () => {
    expect(medianLifetime(durations, events)).toBe(3);
    expect(medianlifetime(column(durations), column(events))).toBe(3);
  });

  test("TRUE/FALSE, text flags and numeric text are read as 1/0 and numbers", () => {
    const spill = survival(
      column(["1", 2, " 2 ", 3, 4, 5]),
      column([true, "TRUE", false, 1, "0", "true"])
    ) as Spill;
    expect(spill).toEqual(survival(column(durations), column(events)));
  });

  test("rows where both cells are blank are skipped", () => {
    const spill = survival(
      column([1, null, 2, 2, "", 3, 4, 5]),
      column([1, null, 1, 0, "", 1, 0, 1])
    );
    expect(spill).toEqual(survival(column(durations), column(events)));
  });

  test("confidence changes only the bounds: z = Φ⁻¹(0.95) = 1.6448536269514729 at 90%", () => {
    // t=1 by hand: 1.6448536269514729 · 1.0013856 = 1.6471328; e^1.6471328 = 5.192072;
    // (5/6)^5.192072 = e^(−0.1823216 · 5.192072) = e^(−0.946627) = 0.388048.
    const table = kaplanMeier(durations, events, 0.9);
    expectClose(
      table.lower[0],
      Math.pow(5 / 6, Math.exp((1.6448536269514729 * Math.sqrt(1 / 30)) / -Math.log(5 / 6))),
      1e-12,
      "lower"
    );
    expect(table.lower[0]).toBeCloseTo(0.388048, 5);
  });

  test("no churn at all: a header-only table, and the median is not reached", () => {
    expect(survival(column([3, 4]), column([0, 0]))).toEqual([SURVIVAL_HEADER]);
    const error = excelError(() => medianlifetime(column([3, 4]), column([0, 0])));
    expect(error).toMatchObject({
      code: "#N/A",
      message: "median not reached: survival stays above 50%",
    });
  });

  test("survival that stops above 50% is #N/A with the catalogue message", () => {
    // 1 of 4 churns: S = 3/4 > 0.5.
    expect(() => medianLifetime([1, 2, 3, 4], [1, 0, 0, 0])).toThrow(
      new RetainError("#N/A" as never, "median not reached: survival stays above 50%")
    );
  });
});

describe("lifelines g3 data set (published values)", () => {
  // Source: lifelines documentation, "Survival analysis with lifelines" (g3 data set, Control
  // group): S(9, 19, 32, 34) = 0.833, 0.667, 0.5, 0.333; log-log lower bounds 0.2731, 0.1946,
  // 0.1109, 0.0461. The data is read from ../shared/data/reference/g3.csv.
  function control(): { durations: number[]; events: boolean[] } {
    const lines = referenceFile("g3.csv")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(","));
    const rows = lines.filter((cells) => cells[4] === "Control");
    return {
      durations: rows.map((cells) => Number(cells[6])),
      events: rows.map((cells) => cells[5] === "True"),
    };
  }

  test("survival and lower bounds at 9, 19, 32, 34", () => {
    const { durations, events } = control();
    expect(durations).toHaveLength(6);
    const spill = survival(column(durations), column(events)) as Spill;
    const rows = spill.slice(1);
    expect(rows.map((row) => row[0])).toEqual([9, 19, 32, 34]);
    [0.833, 0.667, 0.5, 0.333].forEach((s, i) => expect(rows[i][4] as number).toBeCloseTo(s, 3));
    [0.2731, 0.1946, 0.1109, 0.0461].forEach((lower, i) =>
      expect(rows[i][5] as number).toBeCloseTo(lower, 4)
    );
  });

  test("median lifetime is 32, where S is exactly 0.5 (lifelines' median_survival_time_)", () => {
    const { durations, events } = control();
    expect(medianlifetime(column(durations), column(events))).toBe(32);
  });
});

interface KmCase {
  name: string;
  source: string;
  confidence: number;
  durations: number[];
  events: number[];
  r: RKaplanMeier;
}

/** Compare Retain's spill with R's survfit output, every cell to 1e-9; R's NA must be a blank. */
function expectMatchesR(spill: Spill, r: RKaplanMeier, label: string): void {
  const rows = spill.slice(1);
  expect(rows.length).toBe(r.time.length);
  rows.forEach((row, i) => {
    const where = `${label}, row ${i + 1}`;
    expectClose(row[0] as number, r.time[i], 1e-9, `${where} time`);
    expect([row[1], row[2], row[3]]).toEqual([r.n_risk[i], r.n_event[i], r.n_censor[i]]);
    expectClose(row[4] as number, r.surv[i], 1e-9, `${where} survival`);
    const bounds: [number | string, number | null, string][] = [
      [row[5], r.lower[i], "lower"],
      [row[6], r.upper[i], "upper"],
    ];
    for (const [ours, theirs, name] of bounds) {
      if (theirs === null) expect(ours).toBe("");
      else expectClose(ours as number, theirs, 1e-9, `${where} ${name}`);
    }
  });
}

describe("R survfit(conf.type = 'log-log')", () => {
  const cases = fixture<{ cases: KmCase[] }>("km.json").cases;

  test("the fixture covers waltons, ties, censoring at event times and S = 0", () => {
    expect(cases.map((c) => c.name)).toEqual([
      "waltons",
      "seeded-monthly",
      "seeded-tenths-to-zero",
    ]);
    expect(cases[0].durations).toHaveLength(163);
    expect(cases.some((c) => c.r.n_censor.some((n) => n > 0))).toBe(true);
    expect(cases.some((c) => c.r.lower.includes(null))).toBe(true);
  });

  test.each(cases.map((c) => [c.name, c] as const))(
    "%s: every cell matches the committed R output",
    (_name, c) => {
      const spill = survival(column(c.durations), column(c.events), c.confidence) as Spill;
      expectMatchesR(spill, c.r, c.name);
    }
  );

  test("waltons input in the fixture is the shared data set", () => {
    const lines = referenceFile("waltons_dataset.csv").trim().split(/\r?\n/).slice(1);
    expect(lines.map((line) => Number(line.split(",")[0]))).toEqual(cases[0].durations);
    expect(lines.map((line) => Number(line.split(",")[1]))).toEqual(cases[0].events);
  });

  test("live R (when installed; required in CI): every cell matches, and the fixture is current", () => {
    if (!liveTool("R")) {
      // R is not installed here (and CI is not set): the fixture comparisons above still ran.
      expect(cases.length).toBeGreaterThan(0);
      return;
    }
    for (const c of cases) {
      const live = runKaplanMeierInR(c.durations, c.events, c.confidence);
      expectMatchesR(
        survival(column(c.durations), column(c.events), c.confidence) as Spill,
        live,
        `${c.name} (live R)`
      );
      expect({ ...live, r_version: "", survival_version: "" }).toEqual({
        ...c.r,
        r_version: "",
        survival_version: "",
      });
    }
  });
});

describe("invariants (fast-check)", () => {
  const sample = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), { minLength: 1, maxLength: 60 })
    .map((rows) => ({ durations: rows.map((row) => row[0]), events: rows.map((row) => row[1]) }));

  test("survival is non-increasing, within [0, 1], and lower ≤ S ≤ upper where defined", () => {
    fc.assert(
      fc.property(
        sample,
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        ({ durations, events }, confidence) => {
          const table = kaplanMeier(durations, events, confidence);
          let previous = 1;
          for (let i = 0; i < table.time.length; i++) {
            const s = table.survival[i];
            if (!(s >= 0 && s <= previous)) return false;
            previous = s;
            if (s > 0) {
              if (!(table.lower[i] <= s + 1e-15 && s <= table.upper[i] + 1e-15)) return false;
              if (!(table.lower[i] >= 0 && table.upper[i] <= 1)) return false;
            } else if (!Number.isNaN(table.lower[i])) {
              return false;
            }
          }
          return true;
        }
      )
    );
  });

  test("at risk drops by the churned and censored in between; every churn is counted once", () => {
    fc.assert(
      fc.property(sample, ({ durations, events }) => {
        const table = kaplanMeier(durations, events);
        const churnedTotal = table.churned.reduce((a, b) => a + b, 0);
        if (churnedTotal !== events.filter(Boolean).length) return false;
        for (let i = 0; i < table.time.length; i++) {
          const t = table.time[i];
          if (table.atRisk[i] !== durations.filter((d) => d >= t).length) return false;
          if (table.censored[i] !== durations.filter((d, j) => d === t && !events[j]).length)
            return false;
        }
        return true;
      })
    );
  });

  test("permuting the rows changes nothing", () => {
    fc.assert(
      fc.property(sample, fc.integer(), ({ durations, events }, seed) => {
        const order = durations.map((_, i) => i);
        let state = seed >>> 0;
        for (let i = order.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        const a = kaplanMeierSpillRows(kaplanMeier(durations, events));
        const b = kaplanMeierSpillRows(
          kaplanMeier(
            order.map((i) => durations[i]),
            order.map((i) => events[i])
          )
        );
        expect(b).toEqual(a);
      })
    );
  });

  test("the spill never holds NaN or Infinity, and the median is the first S ≤ 0.5", () => {
    fc.assert(
      fc.property(sample, ({ durations, events }) => {
        const spill = survival(column(durations), column(events)) as Spill;
        for (const row of spill)
          for (const cell of row)
            if (typeof cell === "number" && !Number.isFinite(cell)) return false;
        const table = kaplanMeier(durations, events);
        // The same 1e-12 allowance as medianFromTable: 0.8 × 0.75 × 5/6 is 0.5000000000000001 in
        // floating point, but exactly 0.5 in fact (a counterexample fast-check found).
        const firstHalf = Array.from(table.survival).findIndex((s) => s <= 0.5 + 1e-12);
        if (firstHalf < 0) expect(() => medianFromTable(table)).toThrow("median not reached");
        else expect(medianFromTable(table)).toBe(table.time[firstHalf]);
        return true;
      })
    );
  });
});

describe("errors", () => {
  test("mismatched lengths name both", () => {
    expect(excelError(() => survival(column([1, 2, 3]), column([1, 0])))).toMatchObject({
      code: "#VALUE!",
      message: "durations has 3 cells but churned has 2; they must be the same size",
    });
  });

  test("churned must be 1/0 or TRUE/FALSE, naming the row", () => {
    expect(excelError(() => survival(column([1, 2]), column([1, "maybe"])))).toMatchObject({
      code: "#VALUE!",
      message: "churned, row 2: 'maybe' is not 1/0 or TRUE/FALSE",
    });
    expect(excelError(() => medianlifetime(column([1, 2]), column([2, 1])))).toMatchObject({
      code: "#VALUE!",
      message: "churned, row 1: 2 is not 1/0 or TRUE/FALSE",
    });
  });

  test("durations must be numbers ≥ 0, naming the row", () => {
    expect(excelError(() => survival(column([1, 2, -1]), column([1, 0, 1])))).toMatchObject({
      code: "#VALUE!",
      message: "durations, row 3 cannot be negative (got -1)",
    });
    expect(excelError(() => survival(column([1, "long"]), column([1, 0])))).toMatchObject({
      code: "#VALUE!",
      message: "durations, row 2: 'long' is not a number",
    });
  });

  test("one blank and one filled cell in a row names the row", () => {
    expect(excelError(() => survival(column([1, null]), column([1, 0])))).toMatchObject({
      code: "#VALUE!",
      message: "row 2: durations is blank but churned is not; fill both or leave both blank",
    });
  });

  test("no data is #DIV/0!", () => {
    expect(excelError(() => survival(column([null]), column([null]))).code).toBe("#DIV/0!");
    expect(excelError(() => medianlifetime([[]], [[]])).code).toBe("#DIV/0!");
  });

  test("confidence must be strictly between 0 and 1", () => {
    expect(excelError(() => survival(column([1]), column([1]), 1))).toMatchObject({
      code: "#VALUE!",
      message: "confidence must be strictly between 0 and 1, e.g. 0.95 (got 1)",
    });
  });

  test("error cells in the input are passed on", () => {
    expect(
      excelError(() => survival(column([1, { errorCode: "#N/A" }]), column([1, 1])))
    ).toMatchObject({ code: "#N/A" });
  });
});

describe("scale", () => {
  test("1,048,576 seeded durations through the registered function", () => {
    // Not a timed test (see `npm run bench`): it checks the large path gives a sane table.
    const data = generateDurations({ rows: 1_048_576, seed: 3 });
    const spill = survival(asExcelColumn(data.durations), asExcelColumn(data.churned)) as Spill;
    expect(spill[1][1]).toBe(1_048_576);
    const churned = spill.slice(1).reduce((sum, row) => sum + (row[2] as number), 0);
    expect(churned).toBe(data.churned.reduce((a, b) => a + b, 0));
  });
});
