/**
 * The KPI tiles: for each KPI the data supports, its value, a note (period, margin of error),
 * its target, a status (On target / Near target / Off target, coloured by conditional
 * formatting) and a one-line definition. Six tiles to a row, two columns each.
 */
import { cell, range } from "../a1";
import {
  INACTIVE_DAYS,
  WINDOW_DAYS,
  roleColumn,
  activityInput,
  type Analysis,
  type Outcome,
} from "../analysis";
import { KPI_DIRECTION } from "../targets";
import type { PlanCell } from "../sheet-plan";
import type { KpiId, ReportingPeriod } from "../types";
import { liveOr, ref, type PlanContext } from "./context";
import { kpiText } from "./definitions";
import { survivalLet } from "./survival";
import { COLORS, FIRST_COLUMN, FORMATS, TILE_COLUMNS, TILES_PER_ROW } from "./styles";

export type KpiStatus = "On target" | "Near target" | "Off target";

/** Rows of one tile band (label, value, note, target, status, definition) and the gap after it. */
const TILE_ROWS = 6;

/**
 * The "Near target" boundary for a target, as an Excel expression of the target cell `t` or as
 * a number: within 20% (higher is better), 10 points for NPS, 1.5 × the target for churn, and
 * half the target's churn-equivalent for CRR.
 */
function nearBoundary(kpi: KpiId, t: string): string {
  switch (kpi) {
    case "crr":
      return `${t}-(1-${t})/2`;
    case "churn":
    case "churnAnnual":
      return `${t}*1.5`;
    case "nps":
      return `${t}-10`;
    default:
      return `${t}*0.8`;
  }
}

function nearValue(kpi: KpiId, target: number): number {
  switch (kpi) {
    case "crr":
      return target - (1 - target) / 2;
    case "churn":
    case "churnAnnual":
      return target * 1.5;
    case "nps":
      return target - 10;
    default:
      return target * 0.8;
  }
}

/**
 * The status of a value against its target (the Values-mode twin of {@link statusFormula}).
 * @example kpiStatus("churn", 0.012, 0.01) // "Near target" (within 1.5 × target)
 */
export function kpiStatus(kpi: KpiId, value: number, target: number): KpiStatus {
  const near = nearValue(kpi, target);
  if (KPI_DIRECTION[kpi] === "lower")
    return value <= target ? "On target" : value <= near ? "Near target" : "Off target";
  return value >= target ? "On target" : value >= near ? "Near target" : "Off target";
}

/** The Live status formula: blank until both the value and the target are numbers. */
export function statusFormula(kpi: KpiId, value: string, target: string): string {
  const [better, worse] = KPI_DIRECTION[kpi] === "lower" ? ["<=", "<="] : [">=", ">="];
  return `=IF(AND(ISNUMBER(${value}),ISNUMBER(${target})),IF(${value}${better}${target},"On target",IF(${value}${worse}${nearBoundary(kpi, target)},"Near target","Off target")),"")`;
}

function numberFormatOf(kpi: KpiId, currency: string): string {
  switch (kpi) {
    case "nps":
      return FORMATS.points;
    case "ltv":
      return currency;
    case "medianLifetime":
      return FORMATS.wholePeriods;
    default:
      return FORMATS.percent;
  }
}

/** The Live formula of each KPI. `cells` are where other tiles' values sit (annualized churn and LTV reuse churn). */
export function kpiFormula(
  ctx: PlanContext,
  kpi: KpiId,
  valueCells: Partial<Record<KpiId, string>>
): string {
  const { inputs } = ctx.analysis;
  const { asOf, kpiStart, kpiEnd, yearStart } = ctx.cells;
  const period = ctx.options.period;
  const c = inputs.customers;
  switch (kpi) {
    case "crr": {
      const s = ref(c, "startDate");
      const e = ref(c, "endDate");
      return `=LET(s,${s},e,${e},st,RETAIN.ACTIVECOUNT(s,e,${yearStart}-1),en,RETAIN.ACTIVECOUNT(s,e,${kpiEnd}),nw,COUNTIFS(s,">="&${yearStart},s,"<"&${kpiEnd}+1),RETAIN.CRR(st,en,nw))`;
    }
    case "churn":
      return `=RETAIN.CHURNBYDATES(${ref(c, "startDate")},${ref(c, "endDate")},${kpiStart},${kpiEnd})`;
    case "churnAnnual":
      return `=RETAIN.RATECONVERT(${valueCells.churn},"${period}","year")`;
    case "repeatRate":
      return `=RETAIN.REPEATRATE(${ref(inputs.transactions, "customerId")})`;
    case "nps":
      return `=RETAIN.NPS(${ref(inputs.survey, "score")})`;
    case "referralRate": {
      const s = ref(c, "startDate");
      return `=RETAIN.REFERRALRATE(COUNTIFS(${s},"<>",${ref(c, "referredBy")},"<>"),COUNTIFS(${s},"<>"))`;
    }
    case "activeRate": {
      const activity = activityInput(inputs);
      const ids = ref(activity?.source, "customerId");
      const dates = ref(activity?.source, activity?.dateRole ?? "date");
      const total =
        c !== undefined && roleColumn(c, "endDate") !== undefined
          ? `RETAIN.ACTIVECOUNT(${ref(c, "startDate")},${ref(c, "endDate")},${asOf})`
          : `RETAIN.ACTIVEUSERS(${ids},${dates},${asOf},${asOf})`;
      return `=RETAIN.ACTIVERATE(RETAIN.ACTIVEUSERS(${ids},${dates},${asOf},${WINDOW_DAYS[period]}),${total})`;
    }
    case "stickiness": {
      const ids = ref(inputs.activity, "customerId");
      const dates = ref(inputs.activity, "activityDate");
      return `=RETAIN.STICKINESS(RETAIN.ACTIVEUSERS(IF(${ids}="","",TRIM(${ids})&"|"&INT(${dates})),${dates},${asOf},30)/30,RETAIN.ACTIVEUSERS(${ids},${dates},${asOf},30))`;
    }
    case "ltv": {
      const t = inputs.transactions;
      const dates = ref(t, "date");
      return `=RETAIN.LTV(SUMIFS(${ref(t, "amount")},${dates},">="&${kpiStart},${dates},"<"&${kpiEnd}+1)/RETAIN.ACTIVECOUNT(${ref(c, "startDate")},${ref(c, "endDate")},${kpiEnd}),${valueCells.churn})`;
    }
    case "medianLifetime":
      return `=${survivalLet(ctx, "RETAIN.MEDIANLIFETIME(FILTER(d,k),FILTER(g,k))")}`;
  }
}

/** The tile's note: a Live formula for NPS's margin of error, otherwise text. */
function kpiNote(ctx: PlanContext, kpi: KpiId, outcome: Outcome<number> | undefined): PlanCell {
  const period = ctx.options.period;
  // The value cell already says "not reached"; the core's message would not fit the tile.
  if (
    ctx.mode === "values" &&
    kpi === "medianLifetime" &&
    outcome?.ok === false &&
    outcome.code === "#N/A"
  )
    return "survival still above 50%";
  if (ctx.mode === "values" && outcome !== undefined && !outcome.ok) return outcome.message;
  switch (kpi) {
    case "crr":
      return "last 12 months";
    case "churn":
      return `last complete ${period}`;
    case "churnAnnual":
      return `per year, from the ${period}'s churn`;
    case "repeatRate":
      return "2+ purchases";
    case "nps": {
      if (ctx.mode === "live") {
        return {
          formula: `=IFERROR("± "&FIXED(RETAIN.NPSMOE(${ref(ctx.analysis.inputs.survey, "score")}),1)&" points (95%)","")`,
        };
      }
      const margin = ctx.analysis.npsMargin;
      return margin?.ok ? `± ${margin.value.toFixed(1)} points (95%)` : "";
    }
    case "referralRate":
      return "of customers were referred";
    case "activeRate":
      return `active in the last ${WINDOW_DAYS[period]} days`;
    case "stickiness":
      return "last 30 days";
    case "ltv":
      // Short enough for a two-column tile at 9 pt; the definition line gives the period.
      return "per customer (revenue ÷ churn)";
    case "medianLifetime":
      return `${period}s (half have left by then)`;
  }
}

/** Values-mode cell for a KPI: the number, "not reached" for a median survival never reaches, else n/a. */
function kpiValue(
  ctx: PlanContext,
  kpi: KpiId,
  outcome: Outcome<number> | undefined,
  cells: Partial<Record<KpiId, string>>
): PlanCell {
  if (
    ctx.mode === "values" &&
    kpi === "medianLifetime" &&
    outcome !== undefined &&
    !outcome.ok &&
    outcome.code === "#N/A"
  ) {
    return "not reached";
  }
  return liveOr(ctx, () => kpiFormula(ctx, kpi, cells), outcome);
}

/** Where each KPI's value cell will be, so tiles can refer to each other. */
function tileOrigin(firstRow: number, index: number): { row: number; column: number } {
  return {
    row: firstRow + Math.floor(index / TILES_PER_ROW) * (TILE_ROWS + 1),
    column: FIRST_COLUMN + (index % TILES_PER_ROW) * TILE_COLUMNS,
  };
}

/** Plan the KPI tiles; returns the next free row. */
export function planKpis(ctx: PlanContext, row: number, kpis: readonly KpiId[]): number {
  const { canvas, options, analysis } = ctx;
  const first = row;
  const top = canvas.title(row, "Key indicators", kpiSubtitle(analysis, options.period));
  const valueCells: Partial<Record<KpiId, string>> = {};
  kpis.forEach((kpi, index) => {
    const { row: r, column: c } = tileOrigin(top, index);
    valueCells[kpi] = cell(r + 1, c, true);
  });

  kpis.forEach((kpi, index) => {
    const { row: r, column: c } = tileOrigin(top, index);
    const outcome = analysis.kpis[kpi];
    const text = kpiText(kpi, options.period, analysis.inputs.customers !== undefined);
    const target = options.targets[kpi];
    const value = kpiValue(ctx, kpi, outcome, valueCells);
    const valueRef = cell(r + 1, c, true);
    const targetRef = cell(r + 3, c + 1, true);
    const status: PlanCell =
      ctx.mode === "live"
        ? { formula: statusFormula(kpi, valueRef, targetRef) }
        : outcome?.ok && target !== undefined
          ? kpiStatus(kpi, outcome.value, target)
          : "";
    canvas.put(
      r,
      c,
      [
        [text.label, null],
        [value, null],
        [kpiNote(ctx, kpi, outcome), null],
        ["Target", target ?? null],
        ["Status", status],
        [text.oneLine, null],
      ],
      `tile ${kpi}`
    );
    for (const line of [0, 1, 2, 5]) canvas.merge(r + line, c, 1, TILE_COLUMNS);
    const numberFormat = numberFormatOf(kpi, ctx.currencyFormat);
    canvas.format(r, c, TILE_ROWS, TILE_COLUMNS, {
      fill: COLORS.tileFill,
      borders: [
        {
          edges: ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"],
          color: COLORS.border,
          weight: "Thin",
        },
      ],
    });
    // 10 pt so the longest label ("Customer retention (12 months)") fits two columns.
    canvas.format(r, c, 1, TILE_COLUMNS, {
      fill: COLORS.title,
      font: { bold: true, size: 10, color: COLORS.white },
      horizontalAlignment: "Center",
    });
    canvas.format(r + 1, c, 1, TILE_COLUMNS, {
      numberFormat,
      font: { bold: true, size: 18, color: COLORS.title },
      horizontalAlignment: "Center",
    });
    canvas.format(r + 2, c, 1, TILE_COLUMNS, {
      font: { size: 9, color: COLORS.muted },
      horizontalAlignment: "Center",
    });
    canvas.format(r + 3, c + 1, 1, 1, { numberFormat, horizontalAlignment: "Right" });
    canvas.format(r + 4, c + 1, 1, 1, { horizontalAlignment: "Right", font: { bold: true } });
    canvas.format(r + 5, c, 1, TILE_COLUMNS, {
      wrapText: true,
      verticalAlignment: "Top",
      font: { italic: true, size: 9, color: COLORS.muted },
    });
    // Status colours on the value and the status cell, driven by the status text.
    const statusAbsolute = cell(r + 4, c + 1, true);
    for (const [status, fill, font] of [
      ["On target", COLORS.goodFill, COLORS.goodFont],
      ["Near target", COLORS.neutralFill, COLORS.neutralFont],
      ["Off target", COLORS.badFill, COLORS.badFont],
    ] as const) {
      for (const address of [range(r + 1, c, 1, TILE_COLUMNS), range(r + 4, c + 1, 1, 1)]) {
        canvas.conditional({
          kind: "expression",
          address,
          formula: `=${statusAbsolute}="${status}"`,
          fill,
          fontColor: font,
        });
      }
    }
  });

  const bands = Math.ceil(kpis.length / TILES_PER_ROW);
  for (let band = 0; band < bands; band++) {
    const r = top + band * (TILE_ROWS + 1);
    canvas.rowHeight(r + 1, 30);
    canvas.rowHeight(r + 5, 36);
  }
  const next = top + bands * (TILE_ROWS + 1);
  canvas.section("kpis", "Key indicators", first, next - 1);
  return next;
}

function kpiSubtitle(analysis: Analysis, period: ReportingPeriod): string | undefined {
  if (analysis.periods === undefined) return "All survey responses (no dates mapped).";
  return `Churn and LTV for the last complete ${period}, retention over the 12 months to its end; activity to the as-of date. Inactive means no activity for ${INACTIVE_DAYS}+ days.`;
}
