/**
 * Column-role guessing, mapping validation and coverage (src/scorecard/mapping.ts), the
 * industry presets (src/scorecard/targets.ts) and A1 references (src/scorecard/a1.ts).
 * Expected values are read off the inputs by hand; preset numbers are the cited figures.
 */
import fc from "fast-check";
import {
  columnOf,
  coverageOf,
  guessColumns,
  guessKind,
  normalizeHeader,
  validateMapping,
} from "../src/scorecard/mapping";
import { INDUSTRY_PRESETS, KPI_DIRECTION, presetSources, presetTargets } from "../src/scorecard/targets";
import { columnIndex, columnLetters, parseAddress, quoteSheet, sheetRange, structuredColumn } from "../src/scorecard/a1";
import type { Industry, KpiId, SourceInfo, SourceMapping } from "../src/scorecard/types";

function source(headers: string[], label = "Data"): SourceInfo {
  return { id: `table:${label}`, label, origin: "table", name: label, sheet: label, address: `${label}!A1:E9`, headers, rowCount: 8 };
}

describe("mapping: guessing roles from headers", () => {
  it("recognises the synonyms of the brief, case-insensitively", () => {
    expect(guessColumns(["Client", "Visit date", "Amount"], "transactions")).toEqual({ customerId: 0, date: 1, amount: 2 });
    expect(guessColumns(["CUSTOMER ID", "visit DATE", "fee"], "transactions")).toEqual({ customerId: 0, date: 1, amount: 2 });
    expect(guessColumns(["Patient ID", "Joined", "Cancelled", "Segment", "Referred by"], "customers")).toEqual({
      customerId: 0,
      startDate: 1,
      endDate: 2,
      segment: 3,
      referredBy: 4,
    });
    expect(guessColumns(["Customer", "Start", "End", "Plan"], "customers")).toEqual({ customerId: 0, startDate: 1, endDate: 2, segment: 3 });
    expect(guessColumns(["Date", "NPS", "Plan"], "survey")).toEqual({ date: 0, score: 1, segment: 2 });
    expect(guessColumns(["User ID", "Last login"], "activity")).toEqual({ customerId: 0, activityDate: 1 });
    // An activity log's date is often just "Date".
    expect(guessColumns(["Member", "Date"], "activity")).toEqual({ customerId: 0, activityDate: 1 });
  });

  it("prefers an exact header over one that merely contains a synonym", () => {
    // "Date of order" only contains the synonym "date"; the exact "Date" wins.
    expect(guessColumns(["Customer ID", "Date of order", "Date"], "transactions")).toEqual({ customerId: 0, date: 2 });
  });

  it("guesses the kind of a source", () => {
    expect(guessKind(["Patient ID", "First visit", "Left practice", "Insurance plan", "Referred by"])).toBe("customers");
    expect(guessKind(["Patient ID", "Visit date", "Fee"])).toBe("transactions");
    expect(guessKind(["Patient ID", "Response date", "Score"])).toBe("survey");
    expect(guessKind(["Account", "NPS (0-10)"])).toBe("survey");
    expect(guessKind(["User", "Last login"])).toBe("activity");
    // "Created at" holds the single generic word "created", which does not make a customer list.
    expect(guessKind(["Customer", "Created at", "Total"])).toBe("transactions");
  });

  it("normalises headers into words", () => {
    expect(normalizeHeader("PatientID")).toBe("patient id");
    expect(normalizeHeader("  Visit_Date ")).toBe("visit date");
    expect(normalizeHeader("NPS (0–10)")).toBe("nps 0 10");
  });

  it("never gives one column two roles (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("Customer", "Date", "Start", "End", "Plan", "Score", "Amount", "Login", "Referred by", "x"), { maxLength: 8 }), (headers) => {
        for (const kind of ["transactions", "customers", "survey", "activity"] as const) {
          const used = Object.values(guessColumns(headers, kind));
          expect(new Set(used).size).toBe(used.length);
        }
      }),
    );
  });
});

describe("mapping: validation", () => {
  it("names what is missing, out of range, doubled or empty", () => {
    const s = source(["Customer", "Date", "Fee"], "Visits");
    expect(validateMapping({ source: s, kind: "transactions", columns: { customerId: 0, date: 1 } })).toEqual([]);
    expect(validateMapping({ source: s, kind: "transactions", columns: { customerId: 0 } })).toEqual([
      "Visits: a transactions source needs a column for date",
    ]);
    expect(validateMapping({ source: s, kind: "transactions", columns: { customerId: 0, date: 7 } })).toEqual([
      "Visits: date points at column 8, but the source has 3 columns",
    ]);
    expect(validateMapping({ source: s, kind: "transactions", columns: { customerId: 0, date: 0 } })).toEqual([
      "Visits: column 'Customer' is mapped as both customer id and date",
    ]);
    expect(validateMapping({ source: { ...s, rowCount: 0 }, kind: "transactions", columns: { customerId: 0, date: 1 } })).toEqual([
      "Visits has a header row but no data rows",
    ]);
  });

  it("ignores a column mapped to a role the kind does not use", () => {
    const m: SourceMapping = { source: source(["User", "Login"]), kind: "activity", columns: { customerId: 0, activityDate: 1, amount: 1 } };
    expect(columnOf(m, "amount")).toBeUndefined();
    expect(validateMapping(m)).toEqual([]);
  });
});

describe("mapping: what the sources feed", () => {
  const customers = (columns: SourceMapping["columns"]): SourceMapping => ({ source: source(["Id", "Start", "End", "Plan", "Ref"], "Customers"), kind: "customers", columns });
  const transactions = (columns: SourceMapping["columns"]): SourceMapping => ({ source: source(["Id", "Date", "Amount"], "Sales"), kind: "transactions", columns });

  it("follows the scorecard's rules, source kind by source kind", () => {
    expect(coverageOf([customers({ customerId: 0, startDate: 1, endDate: 2, segment: 3, referredBy: 4 })])).toEqual({
      kpis: ["crr", "churn", "churnAnnual", "referralRate", "medianLifetime"],
      sections: ["kpis", "trend", "survival", "segments"],
    });
    // Without an end date nobody has left: no churn.
    expect(coverageOf([customers({ customerId: 0, startDate: 1 })])).toEqual({ kpis: [], sections: [] });
    expect(coverageOf([transactions({ customerId: 0, date: 1 })])).toEqual({
      kpis: ["repeatRate", "activeRate"],
      sections: ["kpis", "cohorts", "engagement"],
    });
    // LTV needs churn (a customer list with end dates) and amounts.
    expect(coverageOf([transactions({ customerId: 0, date: 1, amount: 2 }), customers({ customerId: 0, startDate: 1, endDate: 2 })]).kpis).toEqual([
      "crr",
      "churn",
      "churnAnnual",
      "repeatRate",
      "activeRate",
      "ltv",
      "medianLifetime",
    ]);
    expect(coverageOf([{ source: source(["Score"]), kind: "survey", columns: { score: 0 } }])).toEqual({ kpis: ["nps"], sections: ["kpis"] });
    expect(coverageOf([{ source: source(["User", "Login"]), kind: "activity", columns: { customerId: 0, activityDate: 1 } }])).toEqual({
      kpis: ["activeRate", "stickiness"],
      sections: ["kpis", "cohorts", "engagement"],
    });
    expect(coverageOf([])).toEqual({ kpis: [], sections: [] });
  });
});

describe("targets: industry presets", () => {
  it("carries the cited figures, each with its source", () => {
    expect(INDUSTRY_PRESETS.saas.churnAnnual?.value).toBe(0.1); // KBCM 2016: median annual unit churn 10%
    expect(INDUSTRY_PRESETS.saas.nps?.value).toBe(34); // QuestionPro: software +34
    expect(INDUSTRY_PRESETS.saas.stickiness?.value).toBe(0.2); // June: SaaS DAU/MAU good 20%
    expect(INDUSTRY_PRESETS.medical.crr?.value).toBe(0.85); // HPA: 85%+ good retention
    expect(INDUSTRY_PRESETS.medical.repeatRate?.value).toBe(0.6); // HPA: 60%+ new patients return
    expect(INDUSTRY_PRESETS.medical.nps?.value).toBe(27); // Centaur: health industry 27
    expect(INDUSTRY_PRESETS.professional.crr?.value).toBe(0.85); // First Page Sage: consulting 85%
    expect(INDUSTRY_PRESETS.professional.nps?.value).toBe(51); // QuestionPro: consulting 51
    expect(INDUSTRY_PRESETS.homeServices.crr?.value).toBe(0.66); // First Page Sage: HVAC 66%
    expect(INDUSTRY_PRESETS.homeServices.repeatRate?.value).toBe(0.27); // SumAll: 27%
    expect(INDUSTRY_PRESETS.homeServices.nps?.value).toBe(43); // QuestionPro: construction 43
    for (const industry of Object.keys(INDUSTRY_PRESETS) as Industry[]) {
      for (const entry of Object.values(INDUSTRY_PRESETS[industry])) {
        expect(entry?.source.length).toBeGreaterThan(10);
        expect(entry?.url).toMatch(/^https:\/\//);
      }
      // A retention target and its churn complement agree.
      const preset = presetTargets(industry);
      if (preset.crr !== undefined && preset.churnAnnual !== undefined) expect(preset.crr + preset.churnAnnual).toBeCloseTo(1, 12);
    }
  });

  it("converts the yearly churn to the reporting period", () => {
    // 10% a year: 1 − 0.9^(1/12) = 1 − e^(ln 0.9 / 12) = 1 − e^(−0.0087800) = 0.0087416 a month;
    // 1 − 0.9^(1/4) = 1 − e^(−0.0263401) = 0.0259963 a quarter.
    expect(presetTargets("saas").churn).toBeCloseTo(0.0087416, 7);
    expect(presetTargets("saas", "quarter").churn).toBeCloseTo(0.0259963, 6);
    expect(presetTargets("saas", "year").churn).toBeCloseTo(0.1, 12);
    expect(presetSources("medical").churn?.source).toContain("converted to one month");
    expect(presetTargets("medical").ltv).toBeUndefined();
  });

  it("knows which way each KPI is better", () => {
    const lower = (Object.keys(KPI_DIRECTION) as KpiId[]).filter((k) => KPI_DIRECTION[k] === "lower");
    expect(lower).toEqual(["churn", "churnAnnual"]);
  });
});

describe("a1: addresses and references", () => {
  it("converts columns and parses addresses", () => {
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(16383)).toBe("XFD");
    expect(columnIndex("XFD")).toBe(16383);
    expect(parseAddress("'My data'!$B$2:$D$40")).toEqual({ sheet: "My data", row: 1, column: 1, rows: 39, columns: 3 });
    expect(parseAddress("C7")).toEqual({ sheet: undefined, row: 6, column: 2, rows: 1, columns: 1 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (n) => expect(columnIndex(columnLetters(n))).toBe(n)));
  });

  it("quotes sheet names and escapes structured references as Excel requires", () => {
    expect(quoteSheet("Data")).toBe("Data");
    expect(quoteSheet("My data")).toBe("'My data'");
    expect(quoteSheet("O'Brien")).toBe("'O''Brien'");
    expect(quoteSheet("AB12")).toBe("'AB12'"); // would read as a cell
    expect(sheetRange("Raw data", { row: 1, column: 0, rows: 499, columns: 1 })).toBe("'Raw data'!$A$2:$A$500");
    expect(structuredColumn("Visits", "Patient ID")).toBe("Visits[Patient ID]");
    expect(structuredColumn("Visits", "Fee ($)")).toBe("Visits[[Fee ($)]]");
    expect(structuredColumn("Visits", "Item #")).toBe("Visits[[Item '#]]");
    expect(structuredColumn("Visits", "Amount [net]")).toBe("Visits[[Amount '[net']]]");
  });
});
