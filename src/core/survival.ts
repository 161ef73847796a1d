/**
 * Kaplan–Meier survival of customers, with censoring (customers still active when the data
 * was pulled), and the median lifetime read from it.
 *
 * Definitions follow Kaplan & Meier (1958) and, for the interval, R's
 * `survival::survfit(Surv(t, e) ~ 1, conf.type = "log-log")` and lifelines'
 * KaplanMeierFitter (both: Greenwood's variance, log-log transform). The tests compare every
 * cell with R on the waltons data and a seeded sample, and with lifelines' published g3 values.
 *
 * Speed: durations are split into churned and censored `Float64Array`s and each is sorted
 * once with the native numeric sort; one merge walk then yields every row. No per-row
 * objects, so a million durations take a fraction of R's time.
 */
import { Errors } from "./errors";
import { normalQuantile } from "./normal";

/** The spill header of RETAIN.SURVIVAL. */
export const SURVIVAL_HEADER: readonly string[] = [
  "Time",
  "At risk",
  "Churned",
  "Censored",
  "Survival",
  "Lower",
  "Upper",
];

/**
 * A Kaplan–Meier table, column by column: one entry per distinct time at which at least one
 * customer churned, ascending.
 */
export interface KaplanMeierTable {
  /** The two-sided confidence level of `lower`/`upper`. */
  readonly confidence: number;
  /** Customers observed in total (churned + censored). */
  readonly observations: number;
  /** The distinct churn times t. */
  readonly time: Float64Array;
  /** At risk at t: customers with duration ≥ t. */
  readonly atRisk: Float64Array;
  /** Customers who churned at exactly t (d). */
  readonly churned: Float64Array;
  /** Customers censored at exactly t. */
  readonly censored: Float64Array;
  /** S(t) = Π over churn times u ≤ t of (1 − d/n). */
  readonly survival: Float64Array;
  /**
   * Lower and upper log-log bounds. `NaN` marks a bound that is undefined: where S(t) = 0
   * (everyone left), R's survfit gives NA, and the spill shows a blank cell.
   */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

function requireConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw Errors.outOfRange("confidence", confidence, "strictly between 0 and 1, e.g. 0.95");
  }
}

/**
 * Split durations into sorted churned and censored arrays, checking every duration.
 * `events[i]` is truthy (1/true) when customer i churned at `durations[i]`, falsy when censored.
 */
function sortedByOutcome(
  durations: ArrayLike<number>,
  events: ArrayLike<number | boolean>
): { churnTimes: Float64Array; censorTimes: Float64Array } {
  const n = durations.length;
  if (events.length !== n) throw Errors.lengthMismatch("durations", n, "churned", events.length);
  let churnCount = 0;
  for (let i = 0; i < n; i++) {
    const duration = durations[i];
    if (!Number.isFinite(duration)) throw Errors.notANumber(`durations, item ${i + 1}`, duration);
    if (duration < 0) throw Errors.negative(`durations, item ${i + 1}`, duration);
    if (events[i]) churnCount++;
  }
  const churnTimes = new Float64Array(churnCount);
  const censorTimes = new Float64Array(n - churnCount);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (events[i]) churnTimes[a++] = durations[i];
    else censorTimes[b++] = durations[i];
  }
  churnTimes.sort();
  censorTimes.sort();
  return { churnTimes, censorTimes };
}

/**
 * Kaplan–Meier estimate with a log-log (exponential Greenwood) confidence interval.
 *
 * At each distinct churn time t with n at risk and d churned:
 * - S(t) = Π (1 − d/n);
 * - V(t) = Σ d / (n (n − d)) (Greenwood; the variance of log S, R's `std.err`²);
 * - with z = Φ⁻¹(1 − (1 − confidence)/2), the interval for log(−log S) is ± z √V / |log S|, so
 *   lower = S^exp(z √V / |log S|) and upper = S^exp(−z √V / |log S|) (lower ≤ S ≤ upper).
 *   This is R's `survfit(conf.type = "log-log")` and lifelines' default interval.
 * - Where S = 0 the interval is undefined (R: NA): `lower` and `upper` are NaN there.
 *   S = 1 cannot happen at a churn time, since d ≥ 1.
 * Sources: Kaplan & Meier, JASA 53 (1958); Kalbfleisch & Prentice (2002) §1.3; R survival's
 * `survfit_confint`.
 *
 * @param durations time each customer was observed (≥ 0), in any unit
 * @param events 1/true when the customer churned at that time, 0/false when still active (censored)
 * @param confidence two-sided confidence level in (0, 1); 0.95 by default
 * @throws {RetainError} `#DIV/0!` with no durations; `#VALUE!` for negative or non-finite durations, mismatched lengths or a bad confidence
 * @example
 * // durations 1, 2+, 3, 3 (2+ censored): t=1: n=4, d=1, S=0.75; t=3: n=2, d=2, S=0
 * kaplanMeier([1, 2, 3, 3], [1, 0, 1, 1]).survival // Float64Array [0.75, 0]
 */
export function kaplanMeier(
  durations: ArrayLike<number>,
  events: ArrayLike<number | boolean>,
  confidence = 0.95
): KaplanMeierTable {
  requireConfidence(confidence);
  const n = durations.length;
  if (n === 0) throw Errors.noData("durations");
  const { churnTimes, censorTimes } = sortedByOutcome(durations, events);
  const z = normalQuantile(1 - (1 - confidence) / 2);

  // Count distinct churn times first so the columns are allocated once.
  let distinct = 0;
  for (let i = 0; i < churnTimes.length; i++)
    if (i === 0 || churnTimes[i] !== churnTimes[i - 1]) distinct++;
  const time = new Float64Array(distinct);
  const atRisk = new Float64Array(distinct);
  const churned = new Float64Array(distinct);
  const censored = new Float64Array(distinct);
  const survival = new Float64Array(distinct);
  const lower = new Float64Array(distinct);
  const upper = new Float64Array(distinct);

  let survivalSoFar = 1;
  let greenwood = 0;
  let i = 0; // next churn time
  let j = 0; // next censor time
  for (let row = 0; row < distinct; row++) {
    const t = churnTimes[i];
    let iEnd = i;
    while (iEnd < churnTimes.length && churnTimes[iEnd] === t) iEnd++;
    while (j < censorTimes.length && censorTimes[j] < t) j++;
    let jEnd = j;
    while (jEnd < censorTimes.length && censorTimes[jEnd] === t) jEnd++;
    // Everyone not yet gone: all churn times ≥ t and all censor times ≥ t.
    const risk = churnTimes.length - i + (censorTimes.length - j);
    const d = iEnd - i;
    survivalSoFar *= 1 - d / risk;
    greenwood += risk > d ? d / (risk * (risk - d)) : Infinity;
    time[row] = t;
    atRisk[row] = risk;
    churned[row] = d;
    censored[row] = jEnd - j;
    survival[row] = survivalSoFar;
    if (survivalSoFar > 0 && survivalSoFar < 1) {
      const logS = Math.log(survivalSoFar);
      const spread = (z * Math.sqrt(greenwood)) / -logS; // z · se(log(−log S))
      lower[row] = Math.exp(logS * Math.exp(spread));
      upper[row] = Math.exp(logS * Math.exp(-spread));
    } else {
      lower[row] = NaN;
      upper[row] = NaN;
    }
    i = iEnd;
    j = jEnd;
  }
  return { confidence, observations: n, time, atRisk, churned, censored, survival, lower, upper };
}

/**
 * The table as spill rows: the header `Time`, `At risk`, `Churned`, `Censored`, `Survival`,
 * `Lower`, `Upper`, then one row per churn time; an undefined bound (S = 0) is `""`, a blank cell.
 * @example kaplanMeierSpillRows(kaplanMeier([1, 2], [1, 1]))
 * // [[…header], [1, 2, 1, 0, 0.5, 0.00598…, 0.91041…], [2, 1, 1, 0, 0, "", ""]]
 */
export function kaplanMeierSpillRows(table: KaplanMeierTable): (number | string)[][] {
  const rows: (number | string)[][] = new Array(table.time.length + 1);
  rows[0] = [...SURVIVAL_HEADER];
  for (let r = 0; r < table.time.length; r++) {
    const lower = table.lower[r];
    const upper = table.upper[r];
    rows[r + 1] = [
      table.time[r],
      table.atRisk[r],
      table.churned[r],
      table.censored[r],
      table.survival[r],
      Number.isNaN(lower) ? "" : lower,
      Number.isNaN(upper) ? "" : upper,
    ];
  }
  return rows;
}

/**
 * Survival within this distance of 0.5 counts as 0.5: a product such as 5/6 · 4/5 · 3/4 can
 * land a rounding error above 0.5 (R's quantile.survfit uses a tolerance for the same reason).
 */
const MEDIAN_TOLERANCE = 1e-12;

/**
 * The median lifetime of a Kaplan–Meier table: the smallest churn time t with S(t) ≤ 0.5.
 * This is lifelines' `median_survival_time_`. (R's print.survfit differs only when S is
 * exactly 0.5 over an interval: it then reports the interval's midpoint.)
 * @throws {RetainError} `#N/A` "median not reached: survival stays above 50%"
 * @example medianFromTable(kaplanMeier([9, 19, 32, 34, 48, 50], [1, 1, 1, 1, 0, 0])) // 32
 */
export function medianFromTable(table: KaplanMeierTable): number {
  for (let r = 0; r < table.time.length; r++) {
    if (table.survival[r] <= 0.5 + MEDIAN_TOLERANCE) return table.time[r];
  }
  throw Errors.medianNotReached();
}

/**
 * The median customer lifetime: the smallest time t at which Kaplan–Meier survival S(t) ≤ 0.5
 * (see {@link medianFromTable}).
 * @param durations time each customer was observed (≥ 0)
 * @param events 1/true when the customer churned at that time, 0/false when censored
 * @throws {RetainError} `#N/A` when survival never falls to 50%; `#DIV/0!` with no durations; `#VALUE!` for bad durations
 * @example medianLifetime([9, 19, 32, 34, 48, 50], [1, 1, 1, 1, 0, 0]) // 32 (g3 Control group, lifelines)
 */
export function medianLifetime(
  durations: ArrayLike<number>,
  events: ArrayLike<number | boolean>
): number {
  return medianFromTable(kaplanMeier(durations, events));
}
