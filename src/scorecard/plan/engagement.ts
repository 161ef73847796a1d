/**
 * The engagement queue: the customers to check in with, most urgent first, with their last
 * activity — merged from RETAIN.RFM ("Can't Lose Them", "At Risk"), RETAIN.USAGETREND
 * ("inactive", "declining") and RETAIN.DISENGAGED, in the order of QUEUE_REASONS (see
 * analysis.ts `engagementQueue`, the Values twin of the Live formula below), leaving out customers
 * who have already left (an end date on or before as-of in the customer list). Next to it, when
 * the customer list has a "referred by" column, the top referrers (RETAIN.TOPREFERRERS).
 */
import {
  activityInput,
  INACTIVE_DAYS,
  QUEUE_REASONS,
  QUEUE_SIZE,
  roleColumn,
  TOP_REFERRERS,
  USAGE_WINDOW_DAYS,
} from "../analysis";
import type { PlanCell } from "../sheet-plan";
import { NOT_AVAILABLE, ref, type PlanContext } from "./context";
import { COLORS, FIRST_COLUMN, FORMATS } from "./styles";

/** Why comes last so its text can run on into the empty cells to its right. */
export const QUEUE_HEADER = ["Customer", "Last activity", "Days inactive", "Why"];
const EMPTY_QUEUE = "No customers to check in with";

/** The Live formula of the queue (see the module comment for the order). */
export function queueFormula(ctx: PlanContext): string {
  const { inputs } = ctx.analysis;
  const a = ctx.cells.asOf;
  const parts: { cust: string; why: string; tier: string }[] = [];
  const lets: string[] = [`a,${a}`];
  const t = inputs.transactions;
  const hasRfm = t !== undefined && roleColumn(t, "amount") !== undefined;
  if (hasRfm) {
    lets.push(
      `r,RETAIN.RFM(${ref(t, "customerId")},${ref(t, "date")},${ref(t, "amount")},a)`,
      "rs,INDEX(r,0,8)",
      `rt,IF(rs="Can't Lose Them",1,IF(rs="At Risk",2,0))`
    );
    parts.push({
      cust: "INDEX(r,0,1)",
      why: `IF(rt=1,"${QUEUE_REASONS[0]}","${QUEUE_REASONS[1]}")`,
      tier: "rt",
    });
  }
  const activity = activityInput(inputs);
  let lastActivity = "";
  if (activity) {
    const ids = ref(activity.source, "customerId");
    const dates = ref(activity.source, activity.dateRole);
    lets.push(
      `u,RETAIN.USAGETREND(${ids},${dates},a,${USAGE_WINDOW_DAYS})`,
      "uf,INDEX(u,0,5)",
      `ut,IF(SEQUENCE(ROWS(u))=1,0,IF(uf="inactive",3,4))`,
      `g,RETAIN.DISENGAGED(${ids},${dates},a,${INACTIVE_DAYS})`,
      "gt,IF(SEQUENCE(ROWS(g))=1,0,5)"
    );
    parts.push(
      {
        cust: "INDEX(u,0,1)",
        why: `IF(uf="inactive","${QUEUE_REASONS[2]}","${QUEUE_REASONS[3]}")`,
        tier: "ut",
      },
      { cust: "INDEX(g,0,1)", why: `IF(gt=5,"${QUEUE_REASONS[4]}","")`, tier: "gt" }
    );
    lastActivity = `MAXIFS(${dates},${ids},top,${dates},"<"&a+1)`;
  }
  if (hasRfm && t !== undefined && (activity === undefined || activity.source !== t)) {
    const fallback = `MAXIFS(${ref(t, "date")},${ref(t, "customerId")},top,${ref(t, "date")},"<"&a+1)`;
    lastActivity =
      lastActivity === "" ? fallback : `IF(${lastActivity}>0,${lastActivity},${fallback})`;
  }
  const c = inputs.customers;
  const excludeGone = c !== undefined && roleColumn(c, "endDate") !== undefined;
  if (excludeGone) {
    lets.push(
      `gone,FILTER(${ref(c, "customerId")},(${ref(c, "endDate")}<>"")*(${ref(c, "endDate")}<a+1),"")`
    );
  }
  const stack = (key: "cust" | "why" | "tier") =>
    parts.length === 1 ? parts[0][key] : `VSTACK(${parts.map((p) => p[key]).join(",")})`;
  lets.push(
    `cust,${stack("cust")}`,
    `why,${stack("why")}`,
    `tier,${stack("tier")}`,
    "pos,SEQUENCE(ROWS(tier))",
    excludeGone ? "keep,(tier>0)*ISNA(XMATCH(cust,gone))" : "keep,tier>0",
    "ft,FILTER(tier,keep,9)",
    "fp,FILTER(pos,keep,0)",
    `sc,SORTBY(FILTER(cust,keep,""),ft,1,fp,1)`,
    `sw,SORTBY(FILTER(why,keep,""),ft,1,fp,1)`,
    `top,TAKE(UNIQUE(sc),${QUEUE_SIZE})`
  );
  const header = `{${QUEUE_HEADER.map((h) => `"${h}"`).join(",")}}`;
  const body = `LET(w,XLOOKUP(top,sc,sw),l,${lastActivity},VSTACK(${header},HSTACK(top,IF(l>0,l,""),IF(l>0,a-l,""),w)))`;
  return `=LET(${lets.join(",")},IF(INDEX(top,1,1)="","${EMPTY_QUEUE}",${body}))`;
}

/** Plan the engagement queue (and the top referrers); returns the next free row. */
export function planEngagement(ctx: PlanContext, row: number): number {
  const { canvas, analysis, mode } = ctx;
  const first = row;
  let r = canvas.title(
    row,
    "Engagement queue",
    `The ${QUEUE_SIZE} customers to check in with first, most urgent at the top (the order is explained under Definitions).`
  );
  const c = FIRST_COLUMN;
  const rows = QUEUE_SIZE + 1;
  const columns = QUEUE_HEADER.length;
  if (mode === "live") {
    canvas.reserve(r, c, rows, columns, "engagement queue spill");
    canvas.anchor(r, c, { formula: queueFormula(ctx) }, "engagement queue spill");
  } else {
    const queue = analysis.queue;
    const cells: PlanCell[][] = [QUEUE_HEADER];
    if (queue?.ok) {
      for (const q of queue.value)
        cells.push([q.customer, q.lastActivity ?? null, q.daysInactive ?? null, q.reason]);
      if (queue.value.length === 0) cells.splice(0, 1, [EMPTY_QUEUE, null, null, null]);
    } else {
      cells.push([
        `${NOT_AVAILABLE}: ${queue?.ok === false ? queue.message : "no activity data"}`,
        null,
        null,
        null,
      ]);
    }
    canvas.put(r, c, cells, "engagement queue values");
  }
  canvas.format(r, c, 1, columns, {
    fill: COLORS.headerFill,
    font: { bold: true, color: COLORS.title },
  });
  canvas.format(r + 1, c + 1, rows - 1, 1, {
    numberFormat: FORMATS.date,
    horizontalAlignment: "Right",
  });
  canvas.format(r + 1, c + 2, rows - 1, 1, { numberFormat: FORMATS.count });
  canvas.format(r + 1, c, rows - 1, 1, { horizontalAlignment: "Left" });

  if (analysis.coverage.kpis.includes("referralRate")) {
    const rc = c + columns + 2;
    const referrerRows = TOP_REFERRERS + 1;
    canvas.cell(r - 1, rc, "Top referrers", "referrers title");
    canvas.format(r - 1, rc, 1, 1, { font: { bold: true, color: COLORS.title } });
    if (mode === "live") {
      canvas.reserve(r, rc, referrerRows, 2, "top referrers spill");
      canvas.anchor(
        r,
        rc,
        {
          formula: `=RETAIN.TOPREFERRERS(${ref(analysis.inputs.customers, "referredBy")},${TOP_REFERRERS})`,
        },
        "top referrers spill"
      );
    } else {
      const referrers = analysis.referrers;
      canvas.put(
        r,
        rc,
        referrers?.ok
          ? referrers.value
          : [
              ["Referrer", "Referrals"],
              [`${NOT_AVAILABLE}: ${referrers?.ok === false ? referrers.message : ""}`, null],
            ],
        "top referrers values"
      );
    }
    canvas.format(r, rc, 1, 2, {
      fill: COLORS.headerFill,
      font: { bold: true, color: COLORS.title },
    });
    canvas.format(r + 1, rc, referrerRows - 1, 1, { horizontalAlignment: "Left" });
    canvas.format(r + 1, rc + 1, referrerRows - 1, 1, { numberFormat: FORMATS.count });
  }
  r += rows + 1;
  canvas.section("engagement", "Engagement queue", first, r - 1);
  return r;
}
