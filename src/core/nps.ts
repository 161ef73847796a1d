/**
 * Net Promoter Score. Scores are whole numbers 0–10: promoters answer 9–10, passives 7–8 and
 * detractors 0–6. NPS = 100 · (promoters − detractors) / responses, from −100 to 100.
 * Source: Reichheld, "The One Number You Need to Grow", Harvard Business Review, Dec 2003;
 * Bain & Company, "Measuring your Net Promoter Score".
 */
import { normalQuantile } from "./normal";
import { divide, requireCount } from "./validate";
import { Errors } from "./errors";

/** Response counts by NPS category. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** The category of each score 0–10: 0 promoter (9–10), 1 passive (7–8), 2 detractor (0–6). */
const CATEGORY_OF_SCORE = Int8Array.from([2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0]);

/** Why a value is not an NPS score (called only for values that are not). */
function npsScoreProblem(score: number): string {
  return `${score} is not an NPS score (a whole number 0 to 10)`;
}

/**
 * Count promoters, passives and detractors in one pass. `NaN` marks a blank response and is
 * skipped (the coercion module's column readers produce it for blank cells).
 * @param describe names the i-th response in a message; the RETAIN functions pass the cell's
 *   position ("scores, row 7"), so the core stays free of Excel's shapes
 * @throws {RetainError} `#VALUE!` for a score that is not a whole number 0–10
 * @example classifyScores([10, 9, 7, 3, NaN]) // { promoters: 2, passives: 1, detractors: 1 }
 */
export function classifyScores(
  scores: ArrayLike<number>,
  describe: (index: number) => string = (index) => `response ${index + 1}`
): NpsCounts {
  // tally[0] promoters, [1] passives, [2] detractors; a table lookup keeps the loop branch-light.
  const tally = [0, 0, 0];
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    const whole = score | 0;
    if (whole === score && whole >= 0 && whole <= 10) tally[CATEGORY_OF_SCORE[whole]]++;
    else if (!Number.isNaN(score))
      throw Errors.impossible(`${describe(i)}: ${npsScoreProblem(score)}`);
  }
  return { promoters: tally[0], passives: tally[1], detractors: tally[2] };
}

/**
 * NPS from category counts: 100 · (P − D) / (P + A + D).
 * @throws {RetainError} `#VALUE!` for negative or fractional counts; `#DIV/0!` when there are no responses
 * @example npsFromCounts(50, 30, 20) // 30
 */
export function npsFromCounts(promoters: number, passives: number, detractors: number): number {
  requireCount("promoters", promoters);
  requireCount("passives", passives);
  requireCount("detractors", detractors);
  return divide(
    100 * (promoters - detractors),
    promoters + passives + detractors,
    "the number of responses"
  );
}

/**
 * NPS from raw 0–10 scores.
 * @example netPromoterScore([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // -45.45… (2 promoters, 7 detractors, 11 responses)
 */
export function netPromoterScore(scores: ArrayLike<number>): number {
  const { promoters, passives, detractors } = classifyScores(scores);
  return npsFromCounts(promoters, passives, detractors);
}

/**
 * Margin of error of NPS at a confidence level, from the variance of the −1/0/+1 scoring:
 * z · 100 · √((p + d − (p − d)²) / n), with p and d the promoter and detractor shares.
 * Source: the multinomial variance of NPS as derived by Rocks, "The Margin of Error of NPS"
 * (2016), and MeasuringU, "Confidence intervals for Net Promoter Scores" (Sauro, 2015).
 *
 * @param confidence the two-sided confidence level, in (0, 1); 0.95 by default
 * @throws {RetainError} `#VALUE!` for confidence outside (0, 1); `#DIV/0!` with no responses
 * @example npsMarginOfError({ promoters: 50, passives: 30, detractors: 20 }) // 1.95996 · 100 · √(0.61 / 100) ≈ 15.31
 */
export function npsMarginOfError(counts: NpsCounts, confidence = 0.95): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw Errors.outOfRange("confidence", confidence, "strictly between 0 and 1, e.g. 0.95");
  }
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) throw Errors.noData("scores");
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  // p + d − (p − d)² ≥ 0 always; Math.max guards the last bit of rounding when p or d is 1.
  const variance = Math.max(0, p + d - (p - d) * (p - d));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return z * 100 * Math.sqrt(variance / n);
}

/** One row of the NPS breakdown: [label, count, share]. */
export type NpsBreakdownRow = [string, number, number];

/**
 * The NPS breakdown table: Promoters, Passives, Detractors as [label, count, share of responses],
 * then ["NPS", responses, nps].
 * @throws {RetainError} `#DIV/0!` when there are no responses
 */
export function npsBreakdown(counts: NpsCounts): NpsBreakdownRow[] {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) throw Errors.noData("scores");
  return [
    ["Promoters", counts.promoters, counts.promoters / n],
    ["Passives", counts.passives, counts.passives / n],
    ["Detractors", counts.detractors, counts.detractors / n],
    ["NPS", n, npsFromCounts(counts.promoters, counts.passives, counts.detractors)],
  ];
}
