/**
 * The words of the scorecard: each KPI's label, its one-line definition for the tile, and
 * its definition and calculation in plain words for the Definitions section; plus that section.
 */
import { INACTIVE_DAYS, QUEUE_SIZE, USAGE_WINDOW_DAYS, WINDOW_DAYS } from "../analysis";
import { presetSources } from "../targets";
import type { KpiId, ReportingPeriod } from "../types";
import type { PlanContext } from "./context";
import { COLORS, CONTENT_COLUMNS, FIRST_COLUMN } from "./styles";

export interface KpiText {
  label: string;
  /** The tile's one-line definition. */
  oneLine: string;
  /** How it is calculated, for the Definitions section. */
  calculation: string;
}

/** The texts of a KPI for a reporting period. */
export function kpiText(kpi: KpiId, period: ReportingPeriod, hasCustomerList = true): KpiText {
  const window = WINDOW_DAYS[period];
  switch (kpi) {
    case "crr":
      return {
        label: "Customer retention (12 months)",
        oneLine:
          "Customers at the start of the last 12 months who are still customers (new ones left out).",
        calculation:
          "CRR = (E − N) ÷ S over the 12 months ending with the KPI period: S customers at the start (RETAIN.ACTIVECOUNT the day before), N new, E at the end (RETAIN.ACTIVECOUNT), then RETAIN.CRR.",
      };
    case "churn":
      return {
        label: `Churn (per ${period})`,
        oneLine: `Customers at the start of the last complete ${period} who left during it.`,
        calculation:
          "Churn = L ÷ S: customers lost in the period over customers at its start, counted from start and end dates (RETAIN.CHURNBYDATES).",
      };
    case "churnAnnual":
      return {
        label: "Churn (annualized)",
        oneLine: `The ${period}'s churn compounded over a year.`,
        calculation: `1 − (1 − churn per ${period}) ^ (${period}s per year), assuming a constant churn rate (RETAIN.RATECONVERT).`,
      };
    case "repeatRate":
      return {
        label: "Repeat purchase rate",
        oneLine: "Customers who bought or visited twice or more.",
        calculation:
          "Customers with 2 or more transactions ÷ all customers in the transactions (RETAIN.REPEATRATE).",
      };
    case "nps":
      return {
        label: "Net Promoter Score",
        oneLine: "% promoters (9–10) minus % detractors (0–6); ± is the 95% margin of error.",
        calculation:
          "100 × (promoters − detractors) ÷ responses over all survey scores (RETAIN.NPS), with its 95% margin of error (RETAIN.NPSMOE).",
      };
    case "referralRate":
      return {
        label: "Referral rate",
        oneLine: "Customers who came through a referral.",
        calculation:
          'Customers with a "referred by" ÷ all customers in the customer list (RETAIN.REFERRALRATE).',
      };
    case "activeRate":
      return {
        label: "Active rate",
        oneLine: `Customers with activity in the last ${window} days.`,
        calculation: hasCustomerList
          ? `Distinct customers active in the ${window} days to the as-of date (RETAIN.ACTIVEUSERS) ÷ customers on the books that day (RETAIN.ACTIVECOUNT), then RETAIN.ACTIVERATE.`
          : `Distinct customers active in the ${window} days to the as-of date ÷ all customers in the log up to that day (both RETAIN.ACTIVEUSERS), then RETAIN.ACTIVERATE.`,
      };
    case "stickiness":
      return {
        label: "Stickiness (DAU/MAU)",
        oneLine: "Average daily active users ÷ monthly active users, last 30 days.",
        calculation:
          "Average DAU = distinct customer-days in the 30 days to the as-of date ÷ 30; MAU = distinct customers in those 30 days (RETAIN.ACTIVEUSERS); then RETAIN.STICKINESS.",
      };
    case "ltv":
      return {
        label: "Lifetime value",
        oneLine: `Revenue per customer per ${period} ÷ churn per ${period}.`,
        calculation: `Revenue in the KPI period ÷ customers at its end (RETAIN.ACTIVECOUNT) is the revenue per customer; RETAIN.LTV divides it by the ${period}'s churn (no discounting, margin 100%).`,
      };
    case "medianLifetime":
      return {
        label: "Median lifetime",
        oneLine: `${capitalised(period)}s until half the customers have left (Kaplan–Meier).`,
        calculation: `Tenure in whole ${period}s, rounded up, for every customer who started by the as-of date; customers still active count as censored. RETAIN.MEDIANLIFETIME is the first tenure at which Kaplan–Meier survival is 50% or less.`,
      };
  }
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The status bands, in words, for the Definitions section. */
export const STATUS_RULE =
  "Status: On target when the value meets the target; Near target within 20% of it (within 10 points for NPS; churn up to 1.5 × the target; CRR down to half the target's churn equivalent below it); otherwise Off target.";

/** Plain-words definitions of the sections that are not KPIs. */
function sectionTexts(period: ReportingPeriod): [string, string][] {
  return [
    [
      "Trend",
      `For each ${period}: customers at its start (on the books the day before), new customers (start date in the ${period}), lost customers (end date in the ${period}), customers at its end, churn (lost ÷ start) and retention (RETAIN.CRR).`,
    ],
    [
      "Cohort heatmap",
      `Customers grouped by the ${period} of their first transaction; each cell is the share of the group active again k ${period}s later (RETAIN.COHORT, classic). Transactions after the as-of date are left out.`,
    ],
    [
      "Survival",
      `Kaplan–Meier survival by tenure in whole ${period}s (rounded up), with its 95% log-log confidence band (RETAIN.SURVIVAL); customers still active are censored at the as-of date.`,
    ],
    [
      "Engagement queue",
      `The ${QUEUE_SIZE} most urgent customers to check in with, in this order: RFM "Can't Lose Them", RFM "At Risk" (RETAIN.RFM), stopped in the last ${USAGE_WINDOW_DAYS} days, activity down by half or more (RETAIN.USAGETREND), no activity for ${INACTIVE_DAYS}+ days (RETAIN.DISENGAGED). Each customer is listed once, for the most urgent reason; customers who have already left are not listed.`,
    ],
  ];
}

/** The Definitions section; returns the next free row. */
export function planDefinitions(ctx: PlanContext, row: number, kpis: readonly KpiId[]): number {
  const { canvas, options } = ctx;
  const first = row;
  let r = canvas.title(row, "Definitions");
  const labelColumns = 3;
  const textColumns = CONTENT_COLUMNS - labelColumns;
  canvas.headerRow(
    r,
    FIRST_COLUMN,
    ["Measure", "", "", "How it is calculated", ...new Array<string>(textColumns - 1).fill("")],
    "definitions header"
  );
  canvas.merge(r, FIRST_COLUMN, 1, labelColumns);
  canvas.merge(r, FIRST_COLUMN + labelColumns, 1, textColumns);
  r++;
  const sources = presetSources(options.industry, options.period);
  const hasCustomerList = ctx.analysis.inputs.customers !== undefined;
  const lines: [string, string][] = kpis.map((kpi) => {
    const text = kpiText(kpi, options.period, hasCustomerList);
    const target = options.targets[kpi];
    const source = sources[kpi];
    const citation =
      target !== undefined && source !== undefined && Math.abs(source.value - target) < 1e-12
        ? ` Target: ${source.source}.`
        : "";
    return [text.label, `${text.calculation}${citation}`];
  });
  lines.push(...sectionTexts(options.period).filter(([name]) => sectionShown(ctx, name)));
  lines.push(["Status colours", STATUS_RULE]);
  for (const [label, text] of lines) {
    canvas.put(
      r,
      FIRST_COLUMN,
      [[label, null, null, text, ...new Array<null>(textColumns - 1).fill(null)]],
      `definition ${label}`
    );
    canvas.merge(r, FIRST_COLUMN, 1, labelColumns);
    canvas.merge(r, FIRST_COLUMN + labelColumns, 1, textColumns);
    canvas.format(r, FIRST_COLUMN, 1, CONTENT_COLUMNS, {
      wrapText: true,
      verticalAlignment: "Top",
      borders: [{ edges: ["EdgeBottom"], color: COLORS.headerFill, weight: "Thin" }],
    });
    canvas.format(r, FIRST_COLUMN, 1, 1, { font: { bold: true } });
    canvas.rowHeight(r, text.length > 150 ? 45 : 30);
    r++;
  }
  canvas.section("definitions", "Definitions", first, r - 1);
  return r;
}

function sectionShown(ctx: PlanContext, name: string): boolean {
  const sections = ctx.analysis.coverage.sections;
  if (name === "Trend") return sections.includes("trend");
  if (name === "Cohort heatmap") return sections.includes("cohorts");
  if (name === "Survival") return sections.includes("survival");
  if (name === "Engagement queue") return sections.includes("engagement");
  return false;
}
