/**
 * Shared input rules for the core. Each metric states its rules with these helpers, so a rule
 * ("a rate is between 0 and 1") is written once and reads the same in every message.
 */
import { Errors } from "./errors";

/** A count or an amount of money: finite and ≥ 0. */
export function requireNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value)) throw Errors.notFinite(name);
  if (value < 0) throw Errors.negative(name, value);
  return value;
}

/** A whole count (customers, purchases): an integer ≥ 0. */
export function requireCount(name: string, value: number): number {
  requireNonNegative(name, value);
  if (!Number.isInteger(value)) throw Errors.notWhole(name, value);
  return value;
}

/** A whole number ≥ `min` (a window length, a minimum number of purchases). */
export function requireWholeAtLeast(name: string, value: number, min: number): number {
  if (!Number.isFinite(value)) throw Errors.notFinite(name);
  if (!Number.isInteger(value)) throw Errors.notWhole(name, value);
  if (value < min) throw Errors.outOfRange(name, value, `at least ${min}`);
  return value;
}

/** A rate or share: a fraction in [0, 1]. */
export function requireRate(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw Errors.rateOutOfRange(name, value);
  return value;
}

/** A part that cannot be larger than its whole (referred ≤ total, DAU ≤ MAU). */
export function requireAtMost(
  part: string,
  partValue: number,
  whole: string,
  wholeValue: number
): void {
  if (partValue > wholeValue) throw Errors.exceeds(part, whole, partValue, wholeValue);
}

/**
 * `numerator / denominator`, with a zero denominator reported as `#DIV/0!` naming what was 0.
 * The result is checked for overflow so that no Infinity ever reaches a cell.
 */
export function divide(numerator: number, denominator: number, denominatorName: string): number {
  if (denominator === 0) throw Errors.divisionByZero(denominatorName);
  const result = numerator / denominator;
  if (!Number.isFinite(result)) throw Errors.notFinite("the result");
  return result;
}

/** Guard a computed value: finite numbers pass, anything else is `#NUM!`. */
export function requireFiniteResult(value: number, what = "the result"): number {
  if (!Number.isFinite(value)) throw Errors.notFinite(what);
  return value;
}
