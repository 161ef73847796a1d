/**
 * The sheet plan, one describe per section, on the hand-workable practice of
 * test/support/scorecard-fixture.ts (as-of 2024-06-30, monthly periods, 6 trend periods).
 * Expected numbers are worked by hand below each test's comments and, where the RETAIN core
 * computes them, also checked against the core (src/core) directly.
 */
import fc from "fast-check";
import { dateToSerial } from "../src/core/dates";
import { churnCounts } from "../src/core/lifecycle";
import { kaplanMeier } from "../src/core/survival";
import { analyse, periodsFor, type Analysis } from "../src/scorecard/analysis";
import { parseAddress, cell as a1Cell, range as a1Range } from "../src/scorecard/a1";
import { buildPlan } from "../src/scorecard/plan";
import { validatePlan } from "../src/scorecard/office/renderer";
import { kpiStatus, statusFormula } from "../src/scorecard/plan/kpis";
import { isFormula, type PlanCell, type SheetPlan } from "../src/scorecard/sheet-plan";
import type { ScorecardOptions } from "../src/scorecard/types";
import { CUSTOMERS, d, fixtureSources, LOGINS, TRANSACTIONS } from "./support/scorecard-fixture";

const AS_OF = d("2024-06-30");

function options(mode: "live" | "values", extra: Partial<ScorecardOptions> = {}): ScorecardOptions {
  return {
    period: "month",
    trendPeriods: 6,
    industry: "saas",
    targets: { crr: 0.9, churn: 0.3, churnAnnual: 0.1, nps: 30, repeatRate: 0.5, activeRate: 0.9, stickiness: 0.2 },
    mode,
    segment: { sourceId: "table:Customers", column: 3 },
    ...extra,
  };
}

function build(mode: "live" | "values", extra: Partial<ScorecardOptions> = {}): { analysis: Analysis; plan: SheetPlan } {
  const opts = options(mode, extra);
  const analysis = analyse(fixtureSources(), opts, { builtAt: "2024-07-01 09:30" });
  return { analysis, plan: buildPlan(analysis, opts) };
}

/** Every written cell of a plan by A1 address. */
function cellsOf(plan: SheetPlan): Map<string, PlanCell> {
  const out = new Map<string, PlanCell>();
  for (const block of plan.blocks) {
    const rect = parseAddress(block.address);
    block.cells.forEach((row, r) => row.forEach((value, c) => out.set(a1Cell(rect.row + r, rect.column + c), value)));
  }
  return out;
}

/** The address of the first cell holding exactly `text`. */
function find(cells: Map<string, PlanCell>, text: string): string {
  for (const [address, value] of cells) if (value === text) return address;
  throw new Error(`no cell holds ${text}`);
}

/** The cell `down` rows and `right` columns from an address. */
function offset(address: string, down: number, right: number): string {
  const rect = parseAddress(address);
  return a1Cell(rect.row + down, rect.column + right);
}

function formulaAt(cells: Map<string, PlanCell>, address: string): string {
  const value = cells.get(address);
  if (value === undefined || !isFormula(value)) throw new Error(`${address} holds no formula: ${JSON.stringify(value)}`);
  return value.formula;
}

describe("plan: header", () => {
  it("derives as-of, the KPI month and the 12-month window from the data", () => {
    // Latest date in any mapped date column: C08's end date and C07's/C10's logins, 2024-06-30.
    // 2024-06-30 is a month end, so the KPI month is June itself: 2024-06-01 … 2024-06-30.
    const { analysis, plan } = build("values");
    expect(analysis.periods?.asOf).toBe(AS_OF);
    expect(analysis.periods?.kpi).toEqual({ start: d("2024-06-01"), end: AS_OF });
    expect(analysis.periods?.year).toEqual({ start: d("2023-07-01"), end: AS_OF });
    const cells = cellsOf(plan);
    expect(cells.get("B1")).toBe("Retention Scorecard");
    expect(cells.get("C3")).toBe(AS_OF);
    expect(cells.get("C4")).toBe(d("2024-06-01"));
    expect(cells.get("D4")).toBe(AS_OF);
    expect(cells.get("F4")).toBe(d("2023-07-01"));
    expect(cells.get("I3")).toBe("2024-07-01 09:30");
    expect(String(cells.get("B2"))).toContain("Customers (customer list, 10 rows)");
    expect(plan.freeze).toEqual({ rows: 4, columns: 0 });
  });

  it("takes a mid-month as-of back to the last complete month", () => {
    // 2024-06-15 is not a month end: the KPI period is May 2024; the 12 months run June 2023 – May 2024.
    const periods = periodsFor(d("2024-06-15"), "month", 3);
    expect(periods.kpi).toEqual({ start: d("2024-05-01"), end: d("2024-05-31") });
    expect(periods.year).toEqual({ start: d("2023-06-01"), end: d("2024-05-31") });
    expect(periods.trend.map((t) => t.start)).toEqual([d("2024-03-01"), d("2024-04-01"), d("2024-05-01")]);
    // Quarters: 2024-08-20 is inside Q3, so the last complete quarter is Q2 (April–June).
    expect(periodsFor(d("2024-08-20"), "quarter", 1).kpi).toEqual({ start: d("2024-04-01"), end: d("2024-06-30") });
    expect(periodsFor(d("2024-12-31"), "year", 1).kpi).toEqual({ start: d("2024-01-01"), end: d("2024-12-31") });
  });

  it("writes Live date formulas that follow the data", () => {
    const cells = cellsOf(build("live").plan);
    // Tables use structured references; the survey is a named range, so an absolute range
    // below its header on a quoted sheet name.
    expect(formulaAt(cells, "C3")).toBe(
      "=INT(MAX(Sales[Date],Logins[Login date],Customers[Start],Customers[End],'Survey sheet'!$B$2:$B$11))",
    );
    expect(formulaAt(cells, "D4")).toBe("=IF($C$3=EOMONTH($C$3,0),$C$3,EOMONTH($C$3,-1))");
    expect(formulaAt(cells, "C4")).toBe("=EOMONTH($D$4,-1)+1");
    expect(formulaAt(cells, "F4")).toBe("=EOMONTH($D$4,-12)+1");
  });

  it("keeps a chosen as-of as a constant in Live mode", () => {
    const cells = cellsOf(build("live", { asOf: d("2024-05-31") }).plan);
    expect(cells.get("C3")).toBe(d("2024-05-31"));
  });
});

describe("plan: KPI tiles", () => {
  it("computes every KPI of the fixture as worked by hand (Values mode)", () => {
    const { analysis, plan } = build("values");
    const k = analysis.kpis;
    // June 2024: S = C01 C02 C03 C04 C07 C08 C09 = 7, N = C10 = 1, L = C04 (Jun 15) + C08 (Jun 30) = 2.
    expect(k.churn).toEqual({ ok: true, value: 2 / 7 });
    // Annualized: 1 − (5/7)^12 = 1 − 0.017639 = 0.982361.
    expect(k.churnAnnual?.ok && k.churnAnnual.value).toBeCloseTo(0.982361, 6);
    // 12 months from 2023-07-01: S = C01 C02 C03 C04 C05 = 5, N = C06 C07 C08 C09 C10 = 5,
    // L = C04 C05 C06 C08 = 4, E = 6; CRR = (E − N) / S = 1/5.
    expect(k.crr).toEqual({ ok: true, value: 0.2 });
    // Referral: C02, C04, C07, C09 of 10 customers.
    expect(k.referralRate).toEqual({ ok: true, value: 0.4 });
    // Repeat: C01 (3), C02 (2), C04 (2), C07 (3) of 7 customers with transactions.
    expect(k.repeatRate).toEqual({ ok: true, value: 4 / 7 });
    // NPS: 10 9 9 8 7 6 3 10 5 9 → 5 promoters, 2 passives, 3 detractors → 100 · 2/10 = 20;
    // margin 1.959964 · 100 · √((0.5 + 0.3 − 0.2²)/10) = 54.032.
    expect(k.nps).toEqual({ ok: true, value: 20 });
    expect(analysis.npsMargin?.ok && analysis.npsMargin.value).toBeCloseTo(54.032, 3);
    // Active: logins in June from C01, C02, C07, C10 = 4, over 6 customers on the books on June 30.
    expect(k.activeRate).toEqual({ ok: true, value: 4 / 6 });
    // Stickiness: customer-days in June: C01 2, C02 1, C07 3, C10 1 = 7 → average DAU 7/30; MAU 4.
    expect(k.stickiness?.ok && k.stickiness.value).toBeCloseTo(7 / 30 / 4, 12);
    // LTV: June revenue 90 (C01) + 60 (C07) + 25 (C10) = 175 over E = 6 customers, ÷ churn 2/7.
    expect(k.ltv?.ok && k.ltv.value).toBeCloseTo(175 / 6 / (2 / 7), 10);
    // Median lifetime (months): see the survival test, 16.
    expect(k.medianLifetime).toEqual({ ok: true, value: 16 });

    const cells = cellsOf(plan);
    const churnLabel = find(cells, "Churn (per month)");
    expect(cells.get(offset(churnLabel, 1, 0))).toBe(2 / 7);
    expect(cells.get(offset(churnLabel, 3, 1))).toBe(0.3); // target
    expect(cells.get(offset(churnLabel, 4, 1))).toBe("On target"); // 0.2857 ≤ 0.3
    const npsLabel = find(cells, "Net Promoter Score");
    expect(cells.get(offset(npsLabel, 1, 0))).toBe(20);
    expect(cells.get(offset(npsLabel, 2, 0))).toBe("± 54.0 points (95%)");
    expect(cells.get(offset(npsLabel, 4, 1))).toBe("Near target"); // 20 ≥ 30 − 10
    const crrLabel = find(cells, "Customer retention (12 months)");
    expect(cells.get(offset(crrLabel, 4, 1))).toBe("Off target"); // 0.2 < 0.9 − 0.05
  });

  it("checks the churn counts against the core's churnCounts", () => {
    const starts = CUSTOMERS.rows.map((r) => r[1] as number);
    const ends = CUSTOMERS.rows.map((r) => (r[2] === null ? NaN : (r[2] as number)));
    expect(churnCounts(starts, ends, d("2024-06-01"), AS_OF)).toMatchObject({ start: 7, new: 1, lost: 2, end: 6 });
  });

  it("colours each tile by its status with three conditional formats", () => {
    const { plan } = build("values");
    const cells = cellsOf(plan);
    const status = offset(find(cells, "Churn (per month)"), 4, 1);
    const absolute = `$${status.replace(/(\d+)/, "$$$1")}`;
    const rules = plan.conditionalFormats.filter((cf) => cf.kind === "expression" && cf.formula.startsWith(`=${absolute}=`));
    expect(rules.map((r) => (r.kind === "expression" ? r.fill : ""))).toEqual(["#C6EFCE", "#C6EFCE", "#FFEB9C", "#FFEB9C", "#FFC7CE", "#FFC7CE"]);
  });

  it("writes RETAIN formulas over the source columns in Live mode", () => {
    const cells = cellsOf(build("live").plan);
    const value = (label: string) => formulaAt(cells, offset(find(cells, label), 1, 0));
    expect(value("Churn (per month)")).toBe("=RETAIN.CHURNBYDATES(Customers[Start],Customers[End],$C$4,$D$4)");
    expect(value("Repeat purchase rate")).toBe("=RETAIN.REPEATRATE(Sales[Customer ID])");
    expect(value("Net Promoter Score")).toBe("=RETAIN.NPS('Survey sheet'!$C$2:$C$11)");
    expect(value("Referral rate")).toBe('=RETAIN.REFERRALRATE(COUNTIFS(Customers[Start],"<>",Customers[Referred by],"<>"),COUNTIFS(Customers[Start],"<>"))');
    expect(value("Active rate")).toBe(
      "=RETAIN.ACTIVERATE(RETAIN.ACTIVEUSERS(Logins[User],Logins[Login date],$C$3,30),RETAIN.ACTIVECOUNT(Customers[Start],Customers[End],$C$3))",
    );
    const churnCell = offset(find(cells, "Churn (per month)"), 1, 0).replace(/([A-Z]+)(\d+)/, "$$$1$$$2");
    expect(value("Churn (annualized)")).toBe(`=RETAIN.RATECONVERT(${churnCell},"month","year")`);
    expect(value("Lifetime value")).toContain(`RETAIN.LTV(SUMIFS(Sales[Amount],Sales[Date],">="&$C$4,Sales[Date],"<"&$D$4+1)/RETAIN.ACTIVECOUNT(Customers[Start],Customers[End],$D$4),${churnCell})`);
    expect(value("Median lifetime")).toContain("RETAIN.MEDIANLIFETIME(FILTER(d,k),FILTER(g,k))");
  });

  it("gives the same status in Live and Values mode (property)", () => {
    // Evaluate the Live formula's text with IF/AND/ISNUMBER as JavaScript functions.
    const evaluate = (formula: string, v: number, t: number): unknown => {
      const expression = formula.slice(1).replace(/\bIF\(/g, "iff(").replace(/\bAND\(/g, "and(").replace(/\bISNUMBER\(/g, "isnum(");
      const run = new Function("iff", "and", "isnum", "v", "t", `return ${expression};`);
      return run(
        (c: boolean, a: unknown, b: unknown) => (c ? a : b),
        (...xs: boolean[]) => xs.every(Boolean),
        (x: unknown) => typeof x === "number",
        v,
        t,
      );
    };
    const kpis = ["crr", "churn", "churnAnnual", "nps", "repeatRate", "ltv", "medianLifetime"] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...kpis),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (kpi, value, target) => {
          expect(evaluate(statusFormula(kpi, "v", "t"), value, target)).toBe(kpiStatus(kpi, value, target));
        },
      ),
    );
    // Hand-checked bands: churn 0.012 against 0.01 is within 1.5× (near); NPS 19 against 30 is off.
    expect(kpiStatus("churn", 0.012, 0.01)).toBe("Near target");
    expect(kpiStatus("nps", 19, 30)).toBe("Off target");
    expect(kpiStatus("crr", 0.86, 0.9)).toBe("Near target"); // ≥ 0.9 − 0.05
  });
});

describe("plan: trend", () => {
  it("lists six months with start, new, lost, end, churn and CRR as worked by hand", () => {
    const { analysis, plan } = build("values");
    // Jan: S 6 (C01 C02 C03 C04 C06 C07), N 0, L 0. Feb: N C08, L C06 (Feb 10) → churn 1/6, CRR 5/6.
    // Mar, Apr: 6, 0, 0. May: N C09 → E 7. Jun: S 7, N 1, L 2, E 6, churn 2/7, CRR 5/7.
    expect(analysis.trend?.map((t) => [t.start, t.new, t.lost, t.end])).toEqual([
      [6, 0, 0, 6],
      [6, 1, 1, 6],
      [6, 0, 0, 6],
      [6, 0, 0, 6],
      [6, 1, 0, 7],
      [7, 1, 2, 6],
    ]);
    const cells = cellsOf(plan);
    const header = find(cells, "Period");
    const row = (i: number) => Array.from({ length: 9 }, (_, c) => cells.get(offset(header, 1 + i, c)));
    expect(row(0)).toEqual(["Jan 2024", d("2024-01-01"), d("2024-01-31"), 6, 0, 0, 6, 0, 1]);
    expect(row(1)).toEqual(["Feb 2024", d("2024-02-01"), d("2024-02-29"), 6, 1, 1, 6, 1 / 6, 5 / 6]);
    expect(row(5)).toEqual(["Jun 2024", d("2024-06-01"), d("2024-06-30"), 7, 1, 2, 6, 2 / 7, 5 / 7]);
    const chart = plan.charts.find((c) => c.name === "Retention trend");
    expect(chart?.kind).toBe("line");
    expect(chart?.series.map((s) => [s.name, s.axisGroup ?? "Primary"])).toEqual([
      ["Retention (CRR)", "Primary"],
      ["Churn", "Secondary"],
    ]);
    expect(chart?.series[0].values).toBe(a1Range(parseAddress(header).row + 1, parseAddress(header).column + 8, 6, 1));
  });

  it("writes per-row Live formulas stepping back from the KPI period", () => {
    const cells = cellsOf(build("live").plan);
    const header = find(cells, "Period");
    const last = (c: number) => formulaAt(cells, offset(header, 6, c));
    const r = parseAddress(header).row + 7; // 1-based row of June
    expect(last(2)).toBe("=$D$4");
    expect(formulaAt(cells, offset(header, 1, 2))).toBe("=EOMONTH($D$4,-5)");
    expect(last(1)).toBe(`=EOMONTH(D${r},-1)+1`);
    expect(last(3)).toBe(`=RETAIN.ACTIVECOUNT(Customers[Start],Customers[End],C${r}-1)`);
    expect(last(4)).toBe(`=COUNTIFS(Customers[Start],">="&C${r},Customers[Start],"<"&D${r}+1)`);
    expect(last(5)).toBe(`=E${r}+F${r}-H${r}`);
    expect(last(6)).toBe(`=RETAIN.ACTIVECOUNT(Customers[Start],Customers[End],D${r})`);
    expect(last(7)).toBe(`=RETAIN.CHURNBYDATES(Customers[Start],Customers[End],C${r},D${r})`);
    expect(last(8)).toBe(`=RETAIN.CRR(E${r},H${r},F${r})`);
  });
});

describe("plan: cohort heatmap", () => {
  it("shows the cohort matrix worked by hand, with a 3-colour scale", () => {
    // First purchases: Jan C01 C02 C04; Feb C03; Mar C07; May C09; Jun C10.
    // Jan cohort (3): Feb C02, Mar C01, Apr C04, May none, Jun C01 → 1, 1/3, 1/3, 1/3, 0, 1/3.
    const { plan } = build("values");
    const cells = cellsOf(plan);
    const top = find(cells, "Cohort");
    const row = (i: number) => Array.from({ length: 8 }, (_, c) => cells.get(offset(top, i, c)) ?? null);
    expect(row(0)).toEqual(["Cohort", "Customers", 0, 1, 2, 3, 4, 5]);
    expect(row(1)).toEqual([d("2024-01-01"), 3, 1, 1 / 3, 1 / 3, 1 / 3, 0, 1 / 3]);
    expect(row(3)).toEqual([d("2024-03-01"), 1, 1, 0, 1, 1, null, null]);
    expect(row(5)).toEqual([d("2024-06-01"), 1, 1, null, null, null, null, null]);
    const scale = plan.conditionalFormats.find((cf) => cf.kind === "colorScale");
    expect(scale).toEqual({
      kind: "colorScale",
      address: `${offset(top, 1, 2)}:${offset(top, 5, 7)}`,
      minimum: "#F8696B",
      midpoint: "#FFEB84",
      maximum: "#63BE7B",
    });
  });

  it("reserves the spill's space in Live mode and cuts it with TAKE", () => {
    const { plan } = build("live");
    const spill = plan.spills.find((s) => s.what === "cohort spill");
    // Room for the most TAKE can show: 6 cohorts + header, 6 offsets + Cohort and Customers
    // (the fixture has 5 cohorts today; a new month of data grows into the reserved row).
    expect(spill).toMatchObject({ rows: 7, columns: 8 });
    const formula = formulaAt(cellsOf(plan), spill?.anchor as string);
    expect(formula).toBe(
      '=LET(keep,Sales[Date]<$C$3+1,c,RETAIN.COHORT(FILTER(Sales[Customer ID],keep),FILTER(Sales[Date],keep),"month"),VSTACK(TAKE(c,1,8),TAKE(DROP(c,1),-6,8)))',
    );
    // Nothing else is written inside the reservation.
    const anchor = parseAddress(spill?.anchor as string);
    for (const block of plan.blocks) {
      const rect = parseAddress(block.address);
      const inside = rect.row < anchor.row + 7 && anchor.row < rect.row + rect.rows && rect.column < anchor.column + 8 && anchor.column < rect.column + rect.columns;
      if (inside) expect(block.address).toBe(spill?.anchor);
    }
    expect(anchor.rows).toBe(1);
  });
});

describe("plan: survival", () => {
  it("shows the Kaplan–Meier table worked by hand and the median", () => {
    // Tenure in months, rounded up (days ÷ 30.4375): C10 1+, C09 2+, C08 5, C06 6, C07 8+, C05 10,
    // C04 16, C03 18+, C02 22+, C01 26+ (+ = still a customer).
    // t=5: 8 at risk, S = 7/8; t=6: 7 at risk, S = 0.75; t=10: 5 at risk, S = 0.6; t=16: 4, S = 0.45.
    const { analysis, plan } = build("values");
    const cells = cellsOf(plan);
    const top = find(cells, "Time");
    const column = (c: number) => [1, 2, 3, 4].map((i) => cells.get(offset(top, i, c)));
    expect(column(0)).toEqual([5, 6, 10, 16]);
    expect(column(1)).toEqual([8, 7, 5, 4]);
    (column(4) as number[]).forEach((s, i) => expect(s).toBeCloseTo([0.875, 0.75, 0.6, 0.45][i], 12));
    // Lower bound at t=5, by hand: V = 1/(8·7); spread = 1.959964·√V / −ln 0.875 = 1.96143;
    // lower = 0.875^exp(1.96143) = 0.38700.
    expect(cells.get(offset(top, 1, 5))).toBeCloseTo(0.387, 4);
    const medianLabel = [...cells].find(([address, value]) => value === "Median lifetime" && cells.get(offset(address, 0, 3)) === "months");
    expect(cells.get(offset(medianLabel?.[0] as string, 0, 2))).toBe(16);
    // And against the core directly, cell by cell.
    const table = kaplanMeier([26, 22, 18, 16, 10, 6, 8, 5, 2, 1], [0, 0, 0, 1, 1, 1, 0, 1, 0, 0]);
    expect(analysis.survival?.ok && analysis.survival.value.slice(1).map((r) => r[6])).toEqual(Array.from(table.upper));
    const chart = plan.charts.find((c) => c.name === "Survival curve");
    expect(chart?.kind).toBe("scatterLines");
    expect(chart?.series.map((s) => s.name)).toEqual(["Survival", "Lower (95%)", "Upper (95%)"]);
  });

  it("builds the lifetimes with LET in Live mode, with room to grow", () => {
    const { plan } = build("live");
    const spill = plan.spills.find((s) => s.what === "survival spill");
    expect(spill).toMatchObject({ rows: 1 + 4 + 6, columns: 7 });
    expect(formulaAt(cellsOf(plan), spill?.anchor as string)).toBe(
      '=LET(s,Customers[Start],e,Customers[End],a,$C$3,k,(s<>"")*(s<a+1),g,(e<>"")*(e<a+1),d,ROUNDUP((INT(IF(g,e,a))-INT(s))/30.4375,0),RETAIN.SURVIVAL(FILTER(d,k),FILTER(g,k)))',
    );
  });
});

describe("plan: segments", () => {
  it("breaks the customer KPIs down by plan, as worked by hand", () => {
    // Plan A: C01 C03 C04 C08 C10; plan B: C02 C05 C06 C07 C09 (equal size: first seen first).
    // A: active on Jun 30 = C01 C03 C10 (3); June: S = C01 C03 C04 C08, L = C04 C08 → 0.5;
    //    12 months: S = C01 C03 C04 (3), N = C08 C10, L = C04 C08, E = 3 → CRR 1/3;
    //    tenure 26+ 18+ 16 5 1+ → S(5) = 3/4, S(16) = 1/2 → median 16; referred C04 → 0.2.
    // B: active C02 C07 C09 (3); June: S = 3, L = 0 → 0; 12 months: S = C02 C05, N = C06 C07 C09,
    //    L = C05 C06, E = 3 → CRR 0; tenure 22+ 10 6 8+ 2+ → S(6) = 3/4, S(10) = 3/8 → median 10;
    //    referred C02 C07 C09 → 0.6.
    const { plan } = build("values");
    const cells = cellsOf(plan);
    const header = find(cells, "Plan");
    const row = (i: number) => Array.from({ length: 7 }, (_, c) => cells.get(offset(header, i, c)));
    expect(row(0)).toEqual(["Plan", "Customers", "Active now", "Churn (month)", "Retention (12 months)", "Median lifetime (months)", "Referral rate"]);
    expect(row(1)).toEqual(["A", 5, 3, 0.5, 1 / 3, 16, 0.2]);
    expect(row(2)).toEqual(["B", 5, 3, 0, 0, 10, 0.6]);
  });

  it("restricts each Live formula to its segment with FILTER, and shows – on errors", () => {
    const cells = cellsOf(build("live").plan);
    const header = find(cells, "Plan");
    const r = parseAddress(header).row + 2;
    expect(cells.get(offset(header, 1, 0))).toBe("A");
    expect(formulaAt(cells, offset(header, 1, 3))).toBe(
      `=IFERROR(RETAIN.CHURNBYDATES(FILTER(Customers[Start],(Customers[Plan]=$B${r})),FILTER(Customers[End],(Customers[Plan]=$B${r})),$C$4,$D$4),"–")`,
    );
  });

  it("shows a survey segment's NPS when the segment column is on the survey", () => {
    const opts = options("values", { segment: { sourceId: "name:SurveyData", column: 0 } });
    const analysis = analyse(fixtureSources(), opts, { builtAt: "x" });
    const cells = cellsOf(buildPlan(analysis, opts));
    const header = find(cells, "Customer ID");
    // C01 answered twice (10 and 9, rows 1 and 10): 2 promoters of 2 → NPS 100.
    expect(cells.get(offset(header, 0, 2))).toBe("NPS");
    expect(cells.get(offset(header, 1, 0))).toBe("C01");
    expect(cells.get(offset(header, 1, 1))).toBe(2);
    expect(cells.get(offset(header, 1, 2))).toBe(100);
  });
});

describe("plan: engagement queue", () => {
  it("merges RFM, USAGETREND and DISENGAGED by urgency, as worked by hand", () => {
    // RFM as of 2024-06-30 (rfm package quintiles): C02 has R 1 (136 days), F 2, M 5 ($350) → "At Risk".
    // Logins: C03 had 2 in May and none in June → USAGETREND "inactive"; C02 4 → 1 → "declining"
    // (already listed as At Risk); C09's last login is 2024-01-10, 172 days ago → DISENGAGED.
    const { plan } = build("values");
    const cells = cellsOf(plan);
    const header = find(cells, "Why");
    const row = (i: number) => Array.from({ length: 4 }, (_, c) => cells.get(offset(header, i, c - 3)));
    expect(row(0)).toEqual(["Customer", "Last activity", "Days inactive", "Why"]);
    expect(row(1)).toEqual(["C02", d("2024-06-25"), 5, "At Risk (RFM)"]);
    expect(row(2)).toEqual(["C03", d("2024-05-16"), 45, "Stopped in the last 30 days"]);
    expect(row(3)).toEqual(["C09", d("2024-01-10"), 172, "No activity for 90+ days"]);
    expect(cells.get(offset(header, 4, -3))).toBeUndefined();
    // Top referrers: C01 referred C02 and C04; C02 and C07 one each (ties: first seen first).
    const referrers = find(cells, "Referrer");
    expect([1, 2, 3].map((i) => [cells.get(offset(referrers, i, 0)), cells.get(offset(referrers, i, 1))])).toEqual([
      ["C01", 2],
      ["C02", 1],
      ["C07", 1],
    ]);
  });

  it("leaves out customers who have already left", () => {
    // If C03 had left on 2024-06-01, its "stopped" signal would not put it in the queue.
    const sources = fixtureSources();
    const ends = sources[0].columns.get(2) as unknown[][];
    ends[2] = [d("2024-06-01")];
    const opts = options("values");
    const analysis = analyse(sources, opts, { builtAt: "x" });
    expect(analysis.queue?.ok && analysis.queue.value.map((q) => q.customer)).toEqual(["C02", "C09"]);
  });

  it("writes one spilling LET formula over RFM, USAGETREND and DISENGAGED in Live mode", () => {
    const { plan } = build("live");
    const spill = plan.spills.find((s) => s.what === "engagement queue spill");
    expect(spill).toMatchObject({ rows: 26, columns: 4 });
    const formula = formulaAt(cellsOf(plan), spill?.anchor as string);
    expect(formula).toContain("RETAIN.RFM(Sales[Customer ID],Sales[Date],Sales[Amount],a)");
    expect(formula).toContain("RETAIN.USAGETREND(Logins[User],Logins[Login date],a,30)");
    expect(formula).toContain("RETAIN.DISENGAGED(Logins[User],Logins[Login date],a,90)");
    expect(formula).toContain("top,TAKE(UNIQUE(sc),25)");
    expect(formula).toContain('gone,FILTER(Customers[Customer ID],(Customers[End]<>"")*(Customers[End]<a+1),"")');
    expect(formula).toContain("keep,(tier>0)*ISNA(XMATCH(cust,gone))");
    expect(formula).toContain('HSTACK(top,IF(l>0,l,""),IF(l>0,a-l,""),w)');
    // Last activity from the logins, falling back to the transactions for RFM-only customers.
    expect(formula).toContain(
      'l,IF(MAXIFS(Logins[Login date],Logins[User],top,Logins[Login date],"<"&a+1)>0,MAXIFS(Logins[Login date],Logins[User],top,Logins[Login date],"<"&a+1),MAXIFS(Sales[Date],Sales[Customer ID],top,Sales[Date],"<"&a+1))',
    );
    const parens = [...formula].reduce((depth, ch) => depth + (ch === "(" ? 1 : ch === ")" ? -1 : 0), 0);
    expect(parens).toBe(0);
    expect(plan.spills.find((s) => s.what === "top referrers spill")).toMatchObject({ rows: 11, columns: 2 });
  });
});

describe("plan: definitions", () => {
  it("defines every KPI shown and cites the preset's source for an unchanged target", () => {
    const { plan } = build("values", { industry: "saas", targets: { nps: 34 } });
    const cells = cellsOf(plan);
    const label = find(cells, "Net Promoter Score");
    const definitions = find(cells, "How it is calculated");
    const npsRow = [...cells].find(([address, value]) => value === "Net Promoter Score" && parseAddress(address).row > parseAddress(definitions).row);
    expect(label).toBeDefined();
    const text = cells.get(offset(npsRow?.[0] as string, 0, 3));
    expect(text).toContain("RETAIN.NPS");
    expect(text).toContain("QuestionPro");
    for (const name of ["Trend", "Cohort heatmap", "Survival", "Engagement queue", "Status colours"]) {
      expect([...cells.values()]).toContain(name);
    }
  });
});

describe("plan: the whole sheet", () => {
  it("stays on its own sheet, matches block sizes, and sets print and layout options", () => {
    for (const mode of ["live", "values"] as const) {
      const { plan } = build(mode);
      expect(() => validatePlan(plan)).not.toThrow();
      expect(plan.sections.map((s) => s.id)).toEqual(["header", "kpis", "trend", "cohorts", "survival", "segments", "engagement", "definitions"]);
      expect(plan.print).toEqual({ orientation: "Landscape", fitToPagesWide: 1, titleRows: "$1:$4" });
      expect(plan.tabColor).toMatch(/^#[0-9A-F]{6}$/);
      expect(plan.columnWidths[0]).toEqual({ columns: "A:A", width: 2 });
    }
  });

  it("plans any trend length and period without overlaps (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.constantFrom("month", "quarter", "year" as const), fc.constantFrom("live", "values" as const), (n, period, mode) => {
        const opts = options(mode, { trendPeriods: n, period });
        const analysis = analyse(fixtureSources(), opts, { builtAt: "x" });
        const plan = buildPlan(analysis, opts);
        validatePlan(plan);
        expect(analysis.trend).toHaveLength(n);
      }),
      { numRuns: 40 },
    );
  });

  it("shows only the sections the data feeds", () => {
    const [customers, , survey] = fixtureSources();
    const opts = options("values", { segment: undefined });
    const onlySurvey = buildPlan(analyse([survey], opts, { builtAt: "x" }), opts);
    expect(onlySurvey.sections.map((s) => s.id)).toEqual(["header", "kpis", "definitions"]);
    const customersOnly = buildPlan(analyse([customers], opts, { builtAt: "x" }), opts);
    expect(customersOnly.sections.map((s) => s.id)).toEqual(["header", "kpis", "trend", "survival", "definitions"]);
  });

  it("refuses Portable mode with a clear message", () => {
    expect(() => build("live", { mode: "portable" })).toThrow("The Portable formula mode is not available yet; choose Live or Values");
  });

  it("uses the fixture's own numbers (sanity check on the fixture's dates)", () => {
    expect(dateToSerial(2024, 6, 30)).toBe(45473);
    expect(TRANSACTIONS.rows).toHaveLength(13);
    expect(LOGINS.rows).toHaveLength(16);
  });
});
