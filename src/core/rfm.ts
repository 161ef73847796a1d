/**
 * RFM (recency, frequency, monetary) scores and segments from a transaction log, reproducing the
 * CRAN `rfm` package (Hebbali, rsquaredacademy; version 0.3.0): `rfm_table_order` for the
 * scores and `rfm_segment` for the segments. The method is re-implemented from its documented
 * behaviour and source, not copied.
 *
 * Per customer, as of `as_of` (default: the latest date in the data; later purchases are ignored):
 * - Recency = as_of − the day of the last purchase, in days;
 * - Frequency = the number of purchases (rows);
 * - Monetary = the total amount.
 *
 * Scores 1–5 (`rfm_table_order` with the default 5 bins), the same rule for each measure x:
 * 1. Cut points c_k = Q(x, p_k) + 1 for p_k = k · 0.2, k = 1 … 4, where Q is R's default
 *    (type 7) sample quantile, Q(p) = (1 − h) · x₍lo₎ + h · x₍hi₎ with index = 1 + (n − 1)p,
 *    lo = ⌊index⌋, hi = ⌈index⌉, h = index − lo over the sorted values. (R builds p_k as
 *    k · 0.2 in floating point, so p₃ = 0.6000000000000001; this does the same, so cut points
 *    match R to the last bit.)
 * 2. The bins are [min, c₁), [c₁, c₂), [c₂, c₃), [c₃, c₄), [c₄, max + 1); a value's bin number
 *    b (1–5) is 1 + the number of cut points ≤ the value.
 * 3. F = b and M = b; R = 6 − b, so the most recent customers score 5.
 * The "+ 1" is the package's: for whole-number measures (days, counts) a value equal to a
 * quintile stays in the lower bin. **Ties share a score** because the score depends only on the
 * value; when many customers tie (frequency is often 1 for most), bins can be empty and a score
 * may not occur at all, exactly as in the package.
 *
 * Segments: the first rule in {@link RFM_SEGMENT_RULES} whose R, F and M ranges (inclusive) all
 * contain the customer's scores; "Others" when none does. First match wins, as `rfm_segment`
 * does since rfm 0.2.1.9000 ("avoid overwriting of segments", rsquaredacademy/rfm#67).
 */
import { Errors } from "./errors";
import { CustomerLabel, CustomerLog, shownLabel } from "./activity";

/** A transaction log: an activity log with the amount of each purchase. */
export interface PurchaseLog extends CustomerLog {
  /** The amount of each row (aligned with `serials`). */
  readonly amounts: ArrayLike<number>;
}

/** An inclusive range of scores, [lower, upper]. */
export type ScoreRange = readonly [number, number];

/** One named segment of `rfm_segment`: R, F and M score ranges (inclusive). */
export interface SegmentRule {
  readonly name: string;
  readonly recency: ScoreRange;
  readonly frequency: ScoreRange;
  readonly monetary: ScoreRange;
}

/**
 * The segment rules documented for `rfm_segment` in rfm 0.3.0 (the current CRAN release): the
 * example of `?rfm_segment` and the "segments" table of the package's introduction vignette,
 * in that order (first match wins):
 *
 * | Segment            | R   | F   | M   |
 * |--------------------|-----|-----|-----|
 * | Champions          | 5–5 | 5–5 | 5–5 |
 * | Potential Loyalist | 3–5 | 3–5 | 2–5 |
 * | Loyal Customers    | 2–4 | 2–4 | 2–4 |
 * | Promising          | 3–4 | 1–3 | 3–5 |
 * | New Customers      | 4–5 | 1–3 | 1–5 |
 * | Can't Lose Them    | 1–2 | 3–4 | 4–5 |
 * | At Risk            | 1–2 | 2–5 | 4–5 |
 * | Need Attention     | 1–3 | 3–5 | 3–5 |
 * | About To Sleep     | 2–3 | 1–3 | 1–4 |
 * | Lost               | 1–1 | 1–5 | 1–5 |
 * | Others             | any customer no rule matches |
 *
 * (rfm 0.2.x documented an older table in another order — Champions 4–5/4–5/4–5, Loyal Customers
 * 2–5/3–5/3–5, … — which the package's own test still uses; under first-match it can never
 * produce New Customers, Promising or Can't Lose Them, so the current table is used here.
 * {@link RFM_SEGMENT_RULES_0_2} keeps the older table for comparison and for that test.)
 */
export const RFM_SEGMENT_RULES: readonly SegmentRule[] = [
  { name: "Champions", recency: [5, 5], frequency: [5, 5], monetary: [5, 5] },
  { name: "Potential Loyalist", recency: [3, 5], frequency: [3, 5], monetary: [2, 5] },
  { name: "Loyal Customers", recency: [2, 4], frequency: [2, 4], monetary: [2, 4] },
  { name: "Promising", recency: [3, 4], frequency: [1, 3], monetary: [3, 5] },
  { name: "New Customers", recency: [4, 5], frequency: [1, 3], monetary: [1, 5] },
  { name: "Can't Lose Them", recency: [1, 2], frequency: [3, 4], monetary: [4, 5] },
  { name: "At Risk", recency: [1, 2], frequency: [2, 5], monetary: [4, 5] },
  { name: "Need Attention", recency: [1, 3], frequency: [3, 5], monetary: [3, 5] },
  { name: "About To Sleep", recency: [2, 3], frequency: [1, 3], monetary: [1, 4] },
  { name: "Lost", recency: [1, 1], frequency: [1, 5], monetary: [1, 5] },
];

/**
 * The segment table of rfm 0.2.0–0.2.2's `?rfm_segment` example, still used by the package's
 * test `test-rfm-segment.R` (Champions 158 customers, 1,234 orders, 120,178 revenue on
 * `rfm_data_orders`). Kept to check this module against that published test.
 */
export const RFM_SEGMENT_RULES_0_2: readonly SegmentRule[] = [
  { name: "Champions", recency: [4, 5], frequency: [4, 5], monetary: [4, 5] },
  { name: "Loyal Customers", recency: [2, 5], frequency: [3, 5], monetary: [3, 5] },
  { name: "Potential Loyalist", recency: [3, 5], frequency: [1, 3], monetary: [1, 3] },
  { name: "New Customers", recency: [4, 5], frequency: [1, 1], monetary: [1, 1] },
  { name: "Promising", recency: [3, 4], frequency: [1, 1], monetary: [1, 1] },
  { name: "Need Attention", recency: [2, 3], frequency: [2, 3], monetary: [2, 3] },
  { name: "About To Sleep", recency: [2, 3], frequency: [1, 2], monetary: [1, 2] },
  { name: "At Risk", recency: [1, 2], frequency: [2, 5], monetary: [2, 5] },
  { name: "Can't Lose Them", recency: [1, 1], frequency: [4, 5], monetary: [4, 5] },
  { name: "Lost", recency: [1, 2], frequency: [1, 2], monetary: [1, 2] },
];

/** The segment of a customer no rule matches. */
export const OTHER_SEGMENT = "Others";

/**
 * R's default (type 7) sample quantile of sorted values, computed as R's `quantile.default`
 * does: index = 1 + (n − 1)p, and (1 − h) · x₍lo₎ + h · x₍hi₎ only when h > 0 and the two differ.
 * @example quantileType7(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw Errors.noData("quantile");
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1];
  const high = sorted[hi - 1];
  if (index > lo && high !== low) {
    const h = index - lo;
    return (1 - h) * low + h * high;
  }
  return low;
}

/** The four cut points of the five RFM bins: Q(x, k · 0.2) + 1 for k = 1 … 4 (see the module comment). */
export function rfmCutPoints(values: ArrayLike<number>): [number, number, number, number] {
  const sorted = Float64Array.from(values).sort();
  const step = 1 / 5; // R: seq(0, 1, length.out = 6) is k * ((1 - 0) / 5)
  return [1, 2, 3, 4].map((k) => quantileType7(sorted, k * step) + 1) as [
    number,
    number,
    number,
    number,
  ];
}

/**
 * The bin (1–5) of each value, by {@link rfmCutPoints}: 1 + the number of cut points ≤ the value.
 * Equal values always share a bin.
 * @example rfmBins([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // Uint8Array [1, 1, 1, 2, 2, 3, 3, 4, 4, 5] (cut points 3.8, 5.6, 7.4, 9.2)
 */
export function rfmBins(values: ArrayLike<number>): Uint8Array {
  const bins = new Uint8Array(values.length);
  if (values.length === 0) return bins;
  const cuts = rfmCutPoints(values);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let bin = 1;
    for (const cut of cuts) if (value >= cut) bin++;
    bins[i] = bin;
  }
  return bins;
}

/**
 * The segment of an R, F, M score triple: the first matching rule's name, else "Others".
 * @example rfmSegment(5, 5, 5) // "Champions"
 * @example rfmSegment(1, 1, 3) // "Lost"
 */
export function rfmSegment(
  r: number,
  f: number,
  m: number,
  rules: readonly SegmentRule[] = RFM_SEGMENT_RULES
): string {
  for (const rule of rules) {
    if (
      r >= rule.recency[0] &&
      r <= rule.recency[1] &&
      f >= rule.frequency[0] &&
      f <= rule.frequency[1] &&
      m >= rule.monetary[0] &&
      m <= rule.monetary[1]
    ) {
      return rule.name;
    }
  }
  return OTHER_SEGMENT;
}

/** One customer of the RFM table. */
export interface RfmRow {
  readonly customer: number;
  /** Days from the last purchase to as_of. */
  readonly recency: number;
  /** Number of purchases. */
  readonly frequency: number;
  /** Total amount. */
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: string;
}

/** Raw recency, frequency and monetary values per customer (the measures before scoring). */
export interface RfmMeasures {
  readonly recency: number[];
  readonly frequency: number[];
  readonly monetary: number[];
}

/**
 * Score customers from their raw measures (rfm's `rfm_table_customer`: recency in days,
 * frequency and monetary per customer) and segment them.
 * @param rules the segment table; {@link RFM_SEGMENT_RULES} by default
 * @returns one row per customer, in input order
 */
export function rfmScoreCustomers(
  measures: RfmMeasures,
  rules: readonly SegmentRule[] = RFM_SEGMENT_RULES
): RfmRow[] {
  const recencyBins = rfmBins(measures.recency);
  const frequencyBins = rfmBins(measures.frequency);
  const monetaryBins = rfmBins(measures.monetary);
  return measures.recency.map((recency, customer) => {
    const r = 6 - recencyBins[customer];
    const f = frequencyBins[customer];
    const m = monetaryBins[customer];
    return {
      customer,
      recency,
      frequency: measures.frequency[customer],
      monetary: measures.monetary[customer],
      r,
      f,
      m,
      segment: rfmSegment(r, f, m, rules),
    };
  });
}

/**
 * The RFM table of a transaction log: per customer with a purchase on or before as_of, its
 * measures, scores and segment, ordered by R + F + M, then Monetary, highest first (ties: the
 * customer seen first).
 *
 * Source: CRAN `rfm` 0.3.0, `rfm_table_order` and `rfm_segment` (see the module comment).
 *
 * @param asOf the analysis date; the latest date in the log by default
 * @throws {RetainError} `#DIV/0!` when no purchase is on or before as_of
 * @example rfmTable({ customerOfRow: [0, 1, 1], customerCount: 2, serials: [45000, 45010, 45020], amounts: [5, 10, 20] })
 * // [{ customer: 1, recency: 0, frequency: 2, monetary: 30, r: 5, f: 1, m: 5, segment: "New Customers" },
 * //  { customer: 0, recency: 20, frequency: 1, monetary: 5, r: 1, f: 1, m: 1, segment: "Lost" }]
 */
export function rfmTable(
  log: PurchaseLog,
  asOf?: number,
  rules: readonly SegmentRule[] = RFM_SEGMENT_RULES
): RfmRow[] {
  let last = -Infinity;
  for (let i = 0; i < log.serials.length; i++) {
    if (log.customerOfRow[i] >= 0 && log.serials[i] > last) last = log.serials[i];
  }
  if (last === -Infinity) throw Errors.noData("dates");
  const day = asOf === undefined ? Math.floor(last) : Math.floor(asOf);
  const lastPurchase = new Float64Array(log.customerCount).fill(-Infinity);
  const purchases = new Float64Array(log.customerCount);
  const total = new Float64Array(log.customerCount);
  for (let i = 0; i < log.serials.length; i++) {
    const customer = log.customerOfRow[i];
    if (customer < 0) continue;
    const purchaseDay = Math.floor(log.serials[i]);
    if (purchaseDay > day) continue;
    if (purchaseDay > lastPurchase[customer]) lastPurchase[customer] = purchaseDay;
    purchases[customer]++;
    total[customer] += log.amounts[i];
  }
  const customers: number[] = [];
  const measures: { recency: number[]; frequency: number[]; monetary: number[] } = {
    recency: [],
    frequency: [],
    monetary: [],
  };
  for (let customer = 0; customer < log.customerCount; customer++) {
    if (purchases[customer] === 0) continue;
    customers.push(customer);
    measures.recency.push(day - lastPurchase[customer]);
    measures.frequency.push(purchases[customer]);
    measures.monetary.push(total[customer]);
  }
  if (customers.length === 0) throw Errors.noData("dates");
  const rows = rfmScoreCustomers(measures, rules).map((row) => ({
    ...row,
    customer: customers[row.customer],
  }));
  rows.sort(
    (a, b) =>
      b.r + b.f + b.m - (a.r + a.f + a.m) || b.monetary - a.monetary || a.customer - b.customer
  );
  return rows;
}

/** The header of RETAIN.RFM's spill. */
export const RFM_HEADER: readonly string[] = [
  "Customer",
  "Recency",
  "Frequency",
  "Monetary",
  "R",
  "F",
  "M",
  "Segment",
];

/** The spill of RETAIN.RFM: header row, then one row per customer. */
export function rfmSpill(
  rows: readonly RfmRow[],
  labels: readonly CustomerLabel[]
): (string | number)[][] {
  const spill: (string | number)[][] = [[...RFM_HEADER]];
  for (const row of rows) {
    spill.push([
      shownLabel(labels[row.customer]),
      row.recency,
      row.frequency,
      row.monetary,
      row.r,
      row.f,
      row.m,
      row.segment,
    ]);
  }
  return spill;
}
