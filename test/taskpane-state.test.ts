/**
 * The task pane's pure state (src/taskpane/state.ts) and the header-name mapping guesses
 * (src/scorecard/mapping.ts). Expected values are worked by hand from the inputs shown.
 */
import fc from "fast-check";
import { coverageOf, guessColumns, guessKind, normalizeHeader } from "../src/scorecard/mapping";
import { presetTargets } from "../src/scorecard/targets";
import { SOURCE_KIND_ROLES, type SourceInfo, type SourceMapping } from "../src/scorecard/types";
import {
  INDUSTRIES,
  KPI_IDS,
  canBuild,
  addedBy,
  dataProblems,
  describeCoverage,
  failureMessage,
  initialState,
  mappingProblems,
  optionsProblems,
  reducer,
  targetToText,
  toScorecardOptions,
  unusedMappings,
  type PaneAction,
  type PaneState,
} from "../src/taskpane/state";

function source(id: string, headers: string[], origin: SourceInfo["origin"] = "table"): SourceInfo {
  const name = id.split(":")[1];
  return {
    id,
    label: name,
    origin,
    name,
    sheet: "Data",
    address: `Data!A1:${String.fromCharCode(64 + headers.length)}11`,
    headers,
    rowCount: 10,
  };
}

const visits = source("table:Visits", ["Visit ID", "Patient ID", "Visit Date", "Fee"]);
const patients = source("table:Patients", [
  "Patient ID",
  "First visit",
  "Last visit",
  "Clinic",
  "Referred by",
]);
const survey = source("table:Survey", [
  "Patient ID",
  "Response date",
  "How likely are you to recommend us? (0-10)",
  "Clinic",
]);
const logins = source("name:Logins", ["User", "Login date"], "name");

function mapping(
  s: SourceInfo,
  kind: SourceMapping["kind"],
  columns: SourceMapping["columns"]
): SourceMapping {
  return { source: s, kind, columns };
}

function run(actions: PaneAction[], state: PaneState = initialState()): PaneState {
  return actions.reduce(reducer, state);
}

describe("normalizeHeader", () => {
  it("splits camel case and punctuation into lower-case words", () => {
    expect(normalizeHeader("PatientID")).toBe("patient id");
    expect(normalizeHeader("  Visit_Date ")).toBe("visit date");
    expect(normalizeHeader("Score (0–10)")).toBe("score 0 10");
  });
});

describe("guessColumns", () => {
  it("maps a dental practice's visit log", () => {
    // "Visit ID" is an id but not a customer's: "Patient ID" matches the stronger "<entity> id" pattern.
    expect(guessColumns(visits.headers, "transactions")).toEqual({
      customerId: 1,
      date: 2,
      amount: 3,
    });
  });

  it("maps a customer list, keeping the referrer out of the customer id", () => {
    // "Last visit" is not an end date (a patient who visited last month has not left), so it stays unmapped.
    expect(guessColumns(patients.headers, "customers")).toEqual({
      customerId: 0,
      startDate: 1,
      segment: 3,
      referredBy: 4,
    });
    expect(
      guessColumns(["Referrer customer ID", "Customer ID", "Signup date"], "customers")
    ).toEqual({
      customerId: 1,
      startDate: 2,
      referredBy: 0,
    });
  });

  it("maps a survey export with a long question as the score header", () => {
    expect(guessColumns(survey.headers, "survey")).toEqual({ score: 2, date: 1, segment: 3 });
  });

  it("maps an activity log and a SaaS subscription list", () => {
    expect(guessColumns(logins.headers, "activity")).toEqual({ customerId: 0, activityDate: 1 });
    expect(
      guessColumns(["Account", "Plan", "Start date", "Cancelled on", "MRR"], "customers")
    ).toEqual({
      customerId: 0,
      startDate: 2,
      endDate: 3,
      segment: 1,
    });
  });

  it("leaves a role unmapped when no header fits", () => {
    expect(guessColumns(["Colour", "Size"], "transactions")).toEqual({});
  });

  it("never maps two roles to one column and only maps the kind's roles to real columns", () => {
    const header = fc.stringMatching(/^[A-Za-z _]{0,20}$/);
    const kind = fc.constantFrom(
      ...(Object.keys(SOURCE_KIND_ROLES) as (keyof typeof SOURCE_KIND_ROLES)[])
    );
    fc.assert(
      fc.property(fc.array(header, { maxLength: 8 }), kind, (headers, k) => {
        const columns = guessColumns(headers, k);
        const used = Object.values(columns);
        const allowed = [...SOURCE_KIND_ROLES[k].required, ...SOURCE_KIND_ROLES[k].optional];
        expect(new Set(used).size).toBe(used.length);
        for (const [role, index] of Object.entries(columns)) {
          expect(allowed).toContain(role);
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThan(headers.length);
        }
      })
    );
  });
});

describe("guessKind", () => {
  it("recognises each kind from its headers", () => {
    expect(guessKind(visits.headers)).toBe("transactions");
    expect(guessKind(patients.headers)).toBe("customers");
    expect(guessKind(survey.headers)).toBe("survey");
    expect(guessKind(logins.headers)).toBe("activity");
    expect(guessKind(["Colour", "Size"])).toBe("transactions");
  });
});

describe("coverageOf (the scorecard's rule for which sections appear)", () => {
  it("says what each kind feeds on its own", () => {
    // Transactions alone: repeat purchases, activity from purchase dates, cohorts; no churn
    // (nobody is known to have left) and so no LTV even with an amount.
    const alone = {
      kpis: ["repeatRate", "activeRate"],
      sections: ["kpis", "cohorts", "engagement"],
    };
    expect(coverageOf([mapping(visits, "transactions", { customerId: 1, date: 2 })])).toEqual(
      alone
    );
    expect(
      coverageOf([mapping(visits, "transactions", { customerId: 1, date: 2, amount: 3 })])
    ).toEqual(alone);
    expect(
      coverageOf([
        mapping(patients, "customers", {
          customerId: 0,
          startDate: 1,
          endDate: 2,
          segment: 3,
          referredBy: 4,
        }),
      ])
    ).toEqual({
      kpis: ["crr", "churn", "churnAnnual", "referralRate", "medianLifetime"],
      sections: ["kpis", "trend", "survival", "segments"],
    });
    expect(coverageOf([mapping(survey, "survey", { score: 2 })])).toEqual({
      kpis: ["nps"],
      sections: ["kpis"],
    });
    expect(coverageOf([mapping(logins, "activity", { customerId: 0, activityDate: 1 })])).toEqual({
      kpis: ["activeRate", "stickiness"],
      sections: ["kpis", "cohorts", "engagement"],
    });
    // A customer list without end dates measures no churn: it feeds nothing by itself.
    expect(coverageOf([mapping(patients, "customers", { customerId: 0, startDate: 1 })])).toEqual({
      kpis: [],
      sections: [],
    });
  });

  it("combines sources and ignores incomplete ones", () => {
    const combined = coverageOf([
      mapping(survey, "survey", { score: 2, segment: 3 }),
      mapping(visits, "transactions", { customerId: 1 }), // no date: feeds nothing
    ]);
    expect(combined).toEqual({ kpis: ["nps"], sections: ["kpis", "segments"] });
    expect(coverageOf([])).toEqual({ kpis: [], sections: [] });
  });

  it("ignores a column mapped to a role its kind does not use", () => {
    expect(
      coverageOf([mapping(logins, "activity", { customerId: 0, activityDate: 1, amount: 1 })]).kpis
    ).not.toContain("ltv");
  });

  it("says what each source adds to the others (LTV needs both amounts and churn)", () => {
    const customers = mapping(patients, "customers", { customerId: 0, startDate: 1, endDate: 2 });
    const transactions = mapping(visits, "transactions", { customerId: 1, date: 2, amount: 3 });
    const chosen = [customers, transactions];
    expect(coverageOf(chosen).kpis).toContain("ltv");
    expect(addedBy(chosen, customers)).toEqual({
      kpis: ["crr", "churn", "churnAnnual", "ltv", "medianLifetime"],
      sections: ["trend", "survival"],
    });
    expect(addedBy(chosen, transactions)).toEqual({
      kpis: ["repeatRate", "activeRate", "ltv"],
      sections: ["cohorts", "engagement"],
    });
  });

  it("uses only the first complete source of each kind, and the pane says which one is left out", () => {
    const first = mapping(visits, "transactions", { customerId: 1, date: 2 });
    const second = mapping({ ...visits, id: "table:Orders", label: "Orders" }, "transactions", {
      customerId: 1,
      date: 2,
    });
    const incomplete = mapping(logins, "activity", { customerId: 0 });
    expect(unusedMappings([first, second, incomplete])).toEqual([second]);
    expect(addedBy([first, second], second)).toEqual({ kpis: [], sections: [] });
  });

  it("is described in one line", () => {
    expect(describeCoverage({ kpis: ["nps"], sections: ["kpis", "segments"] })).toBe(
      "KPI tiles (NPS); segment breakdown"
    );
    expect(
      describeCoverage({ kpis: ["crr", "ltv"], sections: ["kpis", "trend", "survival"] })
    ).toBe("KPI tiles (CRR, LTV); trend; survival curve");
    expect(describeCoverage({ kpis: [], sections: [] })).toBe("");
  });
});

describe("reducer: Data step", () => {
  it("starts on Data, listing the workbook, with the medical preset and Live formulas", () => {
    const state = initialState();
    expect(state.step).toBe("data");
    expect(state.dataTask).toBe("list");
    expect(state.options).toMatchObject({
      period: "month",
      asOfText: "",
      trendPeriods: 12,
      mode: "live",
      industry: "medical",
    });
    expect(dataProblems(state)).toHaveLength(1);
  });

  it("lists sources without choosing them, and chooses a source with a guessed mapping", () => {
    let state = run([{ type: "sourcesListed", sources: [visits, patients] }]);
    expect(state.dataTask).toBeUndefined();
    expect(state.chosen).toEqual([]);
    state = reducer(state, { type: "toggleSource", sourceId: "table:Visits", chosen: true });
    expect(state.chosen).toEqual([
      { source: visits, kind: "transactions", columns: { customerId: 1, date: 2, amount: 3 } },
    ]);
    expect(dataProblems(state)).toEqual([]);
    state = reducer(state, { type: "toggleSource", sourceId: "table:Visits", chosen: false });
    expect(state.chosen).toEqual([]);
  });

  it("chooses every added source (sample data, selection) and keeps selections across a refresh", () => {
    const selection = source("selection:Sheet1!A1:B20", ["Customer", "Date"], "selection");
    let state = run([
      { type: "sourcesListed", sources: [visits] },
      { type: "dataTaskStarted", task: "sample" },
      { type: "sourcesAdded", sources: [patients, survey] },
      { type: "sourcesAdded", sources: [selection] },
    ]);
    expect(state.sources.map((s) => s.id)).toEqual([
      "table:Visits",
      "table:Patients",
      "table:Survey",
      selection.id,
    ]);
    expect(state.chosen.map((m) => [m.source.id, m.kind])).toEqual([
      ["table:Patients", "customers"],
      ["table:Survey", "survey"],
      [selection.id, "transactions"],
    ]);
    // A refresh that no longer lists Survey drops it from the choice; the selection survives.
    state = reducer(state, { type: "sourcesListed", sources: [visits, patients] });
    expect(state.sources.map((s) => s.id)).toEqual([
      "table:Visits",
      "table:Patients",
      selection.id,
    ]);
    expect(state.chosen.map((m) => m.source.id)).toEqual(["table:Patients", selection.id]);
  });

  it("keeps the user's mapping across a refresh unless the header row changed", () => {
    let state = run([
      { type: "sourcesListed", sources: [visits] },
      { type: "toggleSource", sourceId: "table:Visits", chosen: true },
      { type: "setColumn", sourceId: "table:Visits", role: "amount", column: undefined },
    ]);
    state = reducer(state, { type: "sourcesListed", sources: [{ ...visits, rowCount: 99 }] });
    expect(state.chosen[0].columns).toEqual({ customerId: 1, date: 2 });
    expect(state.chosen[0].source.rowCount).toBe(99);
    state = reducer(state, {
      type: "sourcesListed",
      sources: [{ ...visits, headers: ["Patient ID", "Visit Date", "Fee"] }],
    });
    expect(state.chosen[0].columns).toEqual({ customerId: 0, date: 1, amount: 2 });
  });

  it("re-guesses the columns when the kind changes, and reports missing required columns", () => {
    let state = run([
      { type: "sourcesListed", sources: [visits] },
      { type: "toggleSource", sourceId: "table:Visits", chosen: true },
      { type: "setKind", sourceId: "table:Visits", kind: "activity" },
    ]);
    expect(state.chosen[0]).toMatchObject({
      kind: "activity",
      columns: { customerId: 1, activityDate: 2 },
    });
    state = reducer(state, { type: "setKind", sourceId: "table:Visits", kind: "survey" });
    expect(state.chosen[0].columns).toEqual({ date: 2 });
    expect(mappingProblems(state.chosen[0])).toEqual([
      "Visits: a survey source needs a column for score",
    ]);
    expect(dataProblems(state)).toEqual(["Visits: a survey source needs a column for score"]);
    state = reducer(state, {
      type: "setColumn",
      sourceId: "table:Visits",
      role: "score",
      column: 3,
    });
    expect(dataProblems(state)).toEqual([]);
  });

  it("refuses sources that would build nothing, or map one column twice", () => {
    let state = run([
      { type: "sourcesAdded", sources: [patients] },
      { type: "setColumn", sourceId: "table:Patients", role: "referredBy", column: undefined },
    ]);
    // Patients without an end date: complete, but no section can be built from it.
    expect(state.chosen[0].columns).toEqual({ customerId: 0, startDate: 1, segment: 3 });
    expect(dataProblems(state)).toEqual([
      "None of the chosen sources is complete enough for a scorecard: map at least a customer id and a date, a start date, or a score",
    ]);
    state = reducer(state, {
      type: "setColumn",
      sourceId: "table:Patients",
      role: "endDate",
      column: 1,
    });
    expect(dataProblems(state)).toEqual([
      "Patients: column 'First visit' is mapped as both start date and end date",
    ]);
    state = reducer(state, {
      type: "setColumn",
      sourceId: "table:Patients",
      role: "endDate",
      column: 2,
    });
    expect(dataProblems(state)).toEqual([]);
    expect(
      dataProblems(run([{ type: "sourcesAdded", sources: [{ ...visits, rowCount: 0 }] }]))
    ).toEqual(["Visits has a header row but no data rows"]);
  });

  it("clears a failure when the next task starts", () => {
    let state = run([
      { type: "dataTaskStarted", task: "selection" },
      { type: "dataTaskFailed", message: "Select a range first." },
    ]);
    expect(state).toMatchObject({ dataTask: undefined, dataError: "Select a range first." });
    state = reducer(state, { type: "dataTaskStarted", task: "sample" });
    expect(state.dataError).toBeUndefined();
  });
});

describe("reducer: segment option", () => {
  it("follows the first mapped segment column until the user picks one", () => {
    let state = run([{ type: "sourcesAdded", sources: [visits, patients] }]);
    expect(state.options.segment).toEqual({ sourceId: "table:Patients", column: 3 });
    state = reducer(state, {
      type: "setColumn",
      sourceId: "table:Patients",
      role: "segment",
      column: undefined,
    });
    expect(state.options.segment).toBeUndefined();
    state = reducer(state, {
      type: "setSegment",
      segment: { sourceId: "table:Visits", column: 0 },
    });
    state = reducer(state, {
      type: "setColumn",
      sourceId: "table:Patients",
      role: "segment",
      column: 3,
    });
    expect(state.options.segment).toEqual({ sourceId: "table:Visits", column: 0 });
    // Unchoosing the source the segment lives in drops the segment.
    state = reducer(state, { type: "toggleSource", sourceId: "table:Visits", chosen: false });
    expect(state.options.segment).toBeUndefined();
  });
});

describe("reducer: Options step", () => {
  it("fills editable targets from the preset, in display units", () => {
    const medical = presetTargets("medical", "month");
    let state = run([{ type: "setIndustry", industry: "saas" }]);
    const saas = presetTargets("saas", "month");
    for (const kpi of KPI_IDS)
      expect(state.options.targetTexts[kpi] ?? "").toBe(targetToText(kpi, saas[kpi]));
    state = reducer(state, { type: "setTarget", kpi: "crr", text: "92.5" });
    expect(state.options.targetTexts.crr).toBe("92.5");
    state = reducer(state, { type: "setIndustry", industry: "medical" });
    expect(state.options.targetTexts.crr).toBe(targetToText("crr", medical.crr));
  });

  it("moves per-period churn with the period unless the user typed it", () => {
    // SaaS preset: 10% churn a year (KBCM 2016). At a constant rate that is 1 − 0.9^(1/12) =
    // 0.874% a month and 1 − 0.9^(1/4) = 2.600% a quarter (worked with ln 0.9 = −0.1053605).
    let state = run([{ type: "setIndustry", industry: "saas" }]);
    expect(state.options.targetTexts.churn).toBe("0.87");
    state = reducer(state, { type: "setPeriod", period: "quarter" });
    expect(state.options.targetTexts.churn).toBe("2.6");
    expect(state.options.targetTexts.churnAnnual).toBe("10");
    state = run(
      [
        { type: "setTarget", kpi: "churn", text: "1" },
        { type: "setTarget", kpi: "crr", text: "" },
        { type: "setPeriod", period: "year" },
      ],
      state
    );
    expect(state.options.targetTexts.churn).toBe("1");
    expect(state.options.targetTexts.crr).toBe("");
    expect(state.options.targetTexts.churnAnnual).toBe("10");
  });

  it("shows rates as percentages without binary noise", () => {
    expect(targetToText("churn", 0.07)).toBe("7"); // 0.07 * 100 is 7.000000000000001 in binary
    expect(targetToText("crr", 0.855)).toBe("85.5");
    expect(targetToText("nps", 40)).toBe("40");
    expect(targetToText("ltv", undefined)).toBe("");
  });

  it("has a preset for every industry, with rates between 0 and 1 and NPS between -100 and 100", () => {
    for (const industry of INDUSTRIES) {
      const targets = presetTargets(industry, "month");
      expect(Object.keys(targets).length).toBeGreaterThan(0);
      for (const [kpi, value] of Object.entries(targets)) {
        if (kpi === "nps") expect(Math.abs(value)).toBeLessThanOrEqual(100);
        else if (kpi !== "ltv" && kpi !== "medianLifetime")
          (expect(value).toBeGreaterThanOrEqual(0), expect(value).toBeLessThanOrEqual(1));
      }
    }
  });

  it("offers a fixed set of money formats", () => {
    expect(run([{ type: "setCurrencyFormat", format: '"€"#,##0' }]).options.currencyFormat).toBe(
      '"€"#,##0'
    );
    expect(run([{ type: "setCurrencyFormat", format: "0.00%" }]).options.currencyFormat).toBe(
      "$#,##0"
    );
  });

  it("refuses the Portable mode until it exists", () => {
    const state = run([{ type: "setMode", mode: "portable" }]);
    expect(state.options.mode).toBe("live");
    expect(run([{ type: "setMode", mode: "values" }]).options.mode).toBe("values");
  });

  it("turns the draft into the service's options: fractions, a serial as-of date, no empty targets", () => {
    const state = run([
      { type: "setPeriod", period: "quarter" },
      { type: "setAsOf", text: "2024-06-30" },
      { type: "setTrendPeriods", value: 8 },
      { type: "setIndustry", industry: "saas" },
      { type: "setTarget", kpi: "crr", text: "92.5 %" },
      { type: "setTarget", kpi: "nps", text: "-5" },
      { type: "setTarget", kpi: "ltv", text: "1,200" },
      { type: "setTarget", kpi: "churn", text: "" },
      { type: "setSegment", segment: undefined },
    ]);
    expect(optionsProblems(state.options)).toEqual({});
    const options = toScorecardOptions(state.options);
    // 2024-06-30 is serial 45473: 2024-01-01 is 45292 (Microsoft's DATE docs), plus 181 days (31+29+31+30+31+29).
    expect(options).toMatchObject({
      period: "quarter",
      asOf: 45473,
      trendPeriods: 8,
      industry: "saas",
      mode: "live",
      currencyFormat: "$#,##0",
    });
    expect(options.targets.crr).toBeCloseTo(0.925, 12);
    expect(options.targets.nps).toBe(-5);
    expect(options.targets.ltv).toBe(1200);
    expect("churn" in options.targets).toBe(false);
    expect("segment" in options).toBe(false);
  });

  it("leaves asOf out when the date box is empty (the latest date in the data)", () => {
    expect("asOf" in toScorecardOptions(initialState().options)).toBe(false);
  });

  it("names each bad field", () => {
    const state = run([
      { type: "setAsOf", text: "2024-02-30" },
      { type: "setTrendPeriods", value: 0 },
      { type: "setTarget", kpi: "crr", text: "lots" },
      { type: "setTarget", kpi: "churn", text: "120" },
      { type: "setTarget", kpi: "nps", text: "-101" },
      { type: "setTarget", kpi: "ltv", text: "-1" },
    ]);
    const problems = optionsProblems(state.options);
    expect(Object.keys(problems).sort()).toEqual([
      "asOf",
      "churn",
      "crr",
      "ltv",
      "nps",
      "trendPeriods",
    ]);
    expect(problems.churn).toBe("Enter a number from 0 % to 100 %.");
    expect(problems.ltv).toBe("Enter 0 or more.");
    expect(
      optionsProblems(run([{ type: "setTrendPeriods", value: Number.NaN }]).options).trendPeriods
    ).toBeDefined();
    expect(
      optionsProblems(run([{ type: "setTrendPeriods", value: 60 }]).options).trendPeriods
    ).toBeUndefined();
    expect(
      optionsProblems(run([{ type: "setTrendPeriods", value: 61 }]).options).trendPeriods
    ).toBeDefined();
  });
});

describe("reducer: steps and build", () => {
  const ready = () => run([{ type: "sourcesAdded", sources: [visits] }]);

  it("can build once the data is mapped and the options are valid", () => {
    expect(canBuild(initialState())).toBe(false);
    expect(canBuild(ready())).toBe(true);
    expect(canBuild(reducer(ready(), { type: "setAsOf", text: "soon" }))).toBe(false);
  });

  it("runs a build: progress, success, and a fresh Build step when the user comes back", () => {
    let state = run([{ type: "goTo", step: "options" }, { type: "buildStarted" }], ready());
    expect(state.step).toBe("build");
    expect(state.build).toEqual({
      status: "running",
      stage: "Starting",
      fraction: 0,
      cancelling: false,
    });
    expect(canBuild(state)).toBe(false);
    state = reducer(state, {
      type: "buildProgress",
      progress: { stage: "Writing formulas", fraction: 0.5 },
    });
    expect(state.build).toMatchObject({ stage: "Writing formulas", fraction: 0.5 });
    state = reducer(state, {
      type: "buildProgress",
      progress: { stage: "Formatting", fraction: 1.7 },
    });
    expect(state.build).toMatchObject({ fraction: 1 });
    // The steps are locked while a build runs: its Cancel button must stay on screen.
    expect(reducer(state, { type: "goTo", step: "data" }).step).toBe("build");
    expect(reducer(state, { type: "buildStarted" })).toBe(state);
    state = reducer(state, { type: "buildSucceeded", sheetName: "Retention Scorecard (2)" });
    expect(state.build).toEqual({
      status: "succeeded",
      sheetName: "Retention Scorecard (2)",
      warnings: [],
    });
    expect(
      reducer(state, { type: "buildProgress", progress: { stage: "late", fraction: 0.9 } })
    ).toBe(state);
    state = run(
      [
        { type: "goTo", step: "options" },
        { type: "goTo", step: "build" },
      ],
      state
    );
    expect(state.build).toEqual({ status: "idle" });
  });

  it("cancels and fails cleanly", () => {
    let state = run([{ type: "buildStarted" }, { type: "cancelRequested" }], ready());
    expect(state.build).toMatchObject({ status: "running", cancelling: true });
    state = reducer(state, { type: "buildCancelled" });
    expect(state.build).toEqual({ status: "cancelled" });
    expect(reducer(state, { type: "cancelRequested" })).toBe(state);
    state = run(
      [{ type: "buildStarted" }, { type: "buildFailed", message: "The source Visits is empty." }],
      state
    );
    expect(state.build).toEqual({ status: "failed", message: "The source Visits is empty." });
    expect(canBuild(state)).toBe(true);
  });
});

describe("failureMessage", () => {
  it("shows the service's message and never a stack or [object Object]", () => {
    expect(failureMessage(new Error("Visits has no rows."))).toBe("Visits has no rows.");
    expect(failureMessage("Sheet is protected.")).toBe("Sheet is protected.");
    expect(failureMessage({ code: 5 })).toBe("Excel reported an unexpected problem.");
    expect(failureMessage(new Error(""))).toBe("Excel reported an unexpected problem.");
  });
});
