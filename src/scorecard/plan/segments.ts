/**
 * The segment breakdown: the KPIs of the segment column's source, one row per segment value
 * (the largest groups first, at most MAX_SEGMENTS). Live formulas restrict each RETAIN call to
 * the segment with FILTER(column, segment = value); a group whose data gives no value (too few
 * customers, or a median lifetime not yet reached) shows "–".
 */
import { cell } from "../a1";
import { PERIOD_DAYS } from "../../core/retention";
import {
  attempt,
  MAX_SEGMENTS,
  roleColumn,
  segmentSubset,
  WINDOW_DAYS,
  type SourceData,
} from "../analysis";
import {
  activeOn,
  activeUsersIn,
  churnFromList,
  customerList,
  lifetimes,
  medianOf,
  npsMarginOf,
  npsOf,
  periodCounts,
  referralRateOf,
  repeatRateOf,
  retentionFromCounts,
  scoreCounts,
  blankCell,
  type CellColumn,
} from "../compute";
import { columnReference } from "../refs";
import type { PlanCell } from "../sheet-plan";
import type { ColumnRole } from "../types";
import { DASH, ref, type PlanContext } from "./context";
import { wrappedLines } from "./canvas";
import { survivalLet } from "./survival";
import { COLORS, FIRST_COLUMN, FORMATS } from "./styles";

interface SegmentMetric {
  label: string;
  format: string;
  /** The Live formula for the segment whose value is in cell `x`; `inSegment` is the row condition. */
  live: (x: string, inSegment: string) => string;
  /** The same number from the segment's rows. */
  value: (subset: SourceData) => number;
}

function column(subset: SourceData, role: ColumnRole): CellColumn {
  return roleColumn(subset, role) ?? [];
}

function countFilled(cells: CellColumn): number {
  let count = 0;
  for (const row of cells) if (!blankCell(row[0])) count++;
  return count;
}

/** The metrics of a segment, by the kind of the source holding the segment column. */
function metricsFor(ctx: PlanContext, source: SourceData): SegmentMetric[] {
  const periods = ctx.analysis.periods;
  const { asOf, kpiStart, kpiEnd, yearStart } = ctx.cells;
  const has = (role: ColumnRole): boolean => roleColumn(source, role) !== undefined;
  const r = (role: ColumnRole): string => ref(source, role);
  const metrics: SegmentMetric[] = [];
  switch (source.mapping.kind) {
    case "customers": {
      metrics.push({
        label: "Customers",
        format: FORMATS.count,
        live: (_x, seg) => `=SUM(${seg}*(${r("startDate")}<>""))`,
        value: (sub) => countFilled(column(sub, "startDate")),
      });
      if (has("endDate") && periods) {
        const list = (sub: SourceData) =>
          customerList(column(sub, "startDate"), column(sub, "endDate"));
        const filtered = (seg: string, role: ColumnRole) => `FILTER(${r(role)},${seg})`;
        metrics.push(
          {
            label: "Active now",
            format: FORMATS.count,
            live: (_x, seg) =>
              `=RETAIN.ACTIVECOUNT(${filtered(seg, "startDate")},${filtered(seg, "endDate")},${asOf})`,
            value: (sub) => activeOn(list(sub), periods.asOf),
          },
          {
            label: `Churn (${ctx.options.period})`,
            format: FORMATS.percent,
            live: (_x, seg) =>
              `=RETAIN.CHURNBYDATES(${filtered(seg, "startDate")},${filtered(seg, "endDate")},${kpiStart},${kpiEnd})`,
            value: (sub) => churnFromList(list(sub), periods.kpi.start, periods.kpi.end),
          },
          {
            label: "Retention (12 months)",
            format: FORMATS.percent,
            live: (_x, seg) =>
              `=LET(s,${filtered(seg, "startDate")},e,${filtered(seg, "endDate")},st,RETAIN.ACTIVECOUNT(s,e,${yearStart}-1),en,RETAIN.ACTIVECOUNT(s,e,${kpiEnd}),nw,COUNTIFS(s,">="&${yearStart},s,"<"&${kpiEnd}+1),RETAIN.CRR(st,en,nw))`,
            value: (sub) =>
              retentionFromCounts(periodCounts(list(sub), periods.year.start, periods.year.end)),
          },
          {
            label: `Median lifetime (${ctx.options.period}s)`,
            format: FORMATS.wholePeriods,
            live: (_x, seg) =>
              `=${survivalLet(ctx, "RETAIN.MEDIANLIFETIME(FILTER(d,k),FILTER(g,k))", seg)}`,
            value: (sub) => {
              const l = lifetimes(list(sub), periods.asOf, PERIOD_DAYS[ctx.options.period]);
              return medianOf(l.durations, l.churned);
            },
          }
        );
      }
      if (has("referredBy")) {
        metrics.push({
          label: "Referral rate",
          format: FORMATS.percent,
          live: (_x, seg) =>
            `=RETAIN.REFERRALRATE(SUM(${seg}*(${r("startDate")}<>"")*(${r("referredBy")}<>"")),SUM(${seg}*(${r("startDate")}<>"")))`,
          value: (sub) => referralRateOf(column(sub, "startDate"), column(sub, "referredBy")),
        });
      }
      break;
    }
    case "survey":
      metrics.push(
        {
          label: "Responses",
          format: FORMATS.count,
          live: (_x, seg) => `=SUM(${seg}*(${r("score")}<>""))`,
          value: (sub) => countFilled(column(sub, "score")),
        },
        {
          label: "NPS",
          format: FORMATS.points,
          live: (_x, seg) => `=RETAIN.NPS(FILTER(${r("score")},${seg}))`,
          value: (sub) => npsOf(scoreCounts(column(sub, "score"))),
        },
        {
          label: "± margin (95%)",
          format: FORMATS.margin,
          live: (_x, seg) => `=RETAIN.NPSMOE(FILTER(${r("score")},${seg}))`,
          value: (sub) => npsMarginOf(scoreCounts(column(sub, "score"))),
        }
      );
      break;
    case "transactions":
      metrics.push(
        {
          label: "Transactions",
          format: FORMATS.count,
          live: (_x, seg) => `=SUM(${seg}*(${r("customerId")}<>""))`,
          value: (sub) => countFilled(column(sub, "customerId")),
        },
        {
          label: "Repeat purchase rate",
          format: FORMATS.percent,
          live: (_x, seg) => `=RETAIN.REPEATRATE(FILTER(${r("customerId")},${seg}))`,
          value: (sub) => repeatRateOf(column(sub, "customerId")),
        }
      );
      if (has("amount")) {
        metrics.push({
          label: "Revenue",
          format: ctx.currencyFormat,
          live: (_x, seg) => `=SUMPRODUCT(--${seg},${r("amount")})`,
          value: (sub) =>
            column(sub, "amount").reduce(
              (sum, row) => sum + (typeof row[0] === "number" ? row[0] : 0),
              0
            ),
        });
      }
      break;
    case "activity":
      metrics.push(
        {
          label: "Events",
          format: FORMATS.count,
          live: (_x, seg) => `=SUM(${seg}*(${r("customerId")}<>""))`,
          value: (sub) => countFilled(column(sub, "customerId")),
        },
        {
          label: `Active (last ${WINDOW_DAYS[ctx.options.period]} days)`,
          format: FORMATS.count,
          live: (_x, seg) =>
            `=RETAIN.ACTIVEUSERS(FILTER(${r("customerId")},${seg}),FILTER(${r("activityDate")},${seg}),${asOf},${WINDOW_DAYS[ctx.options.period]})`,
          value: (sub) =>
            periods === undefined
              ? NaN
              : activeUsersIn(
                  column(sub, "customerId"),
                  column(sub, "activityDate"),
                  periods.asOf,
                  WINDOW_DAYS[ctx.options.period]
                ),
        }
      );
      break;
  }
  return metrics;
}

/** Plan the segment breakdown; returns the next free row. */
export function planSegments(ctx: PlanContext, row: number): number {
  const { canvas, analysis, mode } = ctx;
  const facts = analysis.segments;
  if (facts === undefined) return row;
  const first = row;
  const note =
    facts.distinct > facts.values.length
      ? `By ${facts.header}: the ${facts.values.length} largest of ${facts.distinct} groups. "–": the group's data gives no value (too few customers, or a median not yet reached).`
      : `By ${facts.header}. "–": the group's data gives no value (too few customers, or a median not yet reached).`;
  if (facts.distinct > MAX_SEGMENTS) {
    canvas.warnings.push(
      `The segment breakdown shows the ${MAX_SEGMENTS} largest of ${facts.distinct} values of ${facts.header}.`
    );
  }
  let r = canvas.title(row, "Segments", note);
  const c = FIRST_COLUMN;
  const metrics = metricsFor(ctx, facts.source);
  const labels = [facts.header, ...metrics.map((m) => m.label)];
  canvas.headerRow(r, c, labels, "segments header");
  canvas.format(r, c + 1, 1, metrics.length, { horizontalAlignment: "Right" });
  // Tall enough for the longest wrapped label ("Median lifetime (months)" takes three lines).
  canvas.rowHeight(r, 15 * Math.max(2, ...labels.map((label) => wrappedLines(label))));
  r++;
  const segmentRef = columnReference(facts.source, facts.column);
  const rows: PlanCell[][] = facts.values.map((value, i) => {
    const x = cell(r + i, c, false).replace(/^([A-Z]+)/, "$$$1");
    const inSegment = `(${segmentRef}=${x})`;
    const subset = mode === "values" ? segmentSubset(facts, value) : undefined;
    return [
      value,
      ...metrics.map((metric): PlanCell => {
        if (mode === "live")
          return { formula: `=IFERROR(${metric.live(x, inSegment).slice(1)},"${DASH}")` };
        const outcome = attempt(() => metric.value(subset as SourceData));
        return outcome.ok && Number.isFinite(outcome.value) ? outcome.value : DASH;
      }),
    ];
  });
  canvas.put(r, c, rows, "segment rows");
  canvas.format(r, c, rows.length, 1, { font: { bold: true }, horizontalAlignment: "Left" });
  metrics.forEach((metric, m) =>
    canvas.format(r, c + 1 + m, rows.length, 1, {
      numberFormat: metric.format,
      horizontalAlignment: "Right",
    })
  );
  canvas.format(r, c, rows.length, metrics.length + 1, {
    borders: [
      { edges: ["InsideHorizontal", "EdgeBottom"], color: COLORS.headerFill, weight: "Thin" },
    ],
  });
  r += rows.length + 1;
  canvas.section("segments", "Segments", first, r - 1);
  return r;
}
