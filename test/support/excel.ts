/**
 * Helpers for calling RETAIN functions the way Excel does and reading back what Excel would show.
 */
import { FakeCustomFunctionsError } from "./custom-functions-global";

/** A column range as Excel passes it to an `any[][]` parameter. */
export function column(...values: unknown[]): unknown[][] {
  return values.map((value) => [value]);
}

/** A column range from an array of values (the same shape as {@link column}). */
export function columnOf(values: readonly unknown[]): unknown[][] {
  return values.map((value) => [value]);
}

/** A copy of `rows` shuffled by Fisher–Yates with numbers drawn from a fast-check stream. */
export function shuffledBy<T>(rows: readonly T[], stream: Iterable<number>): T[] {
  const shuffled = [...rows];
  const random = stream[Symbol.iterator]();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = (random.next().value as number) % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}

/** Call `fn` and return the Excel error it throws ({code, message}), failing the test if it returns instead. */
export function excelError(fn: () => unknown): { code: string; message: string } {
  try {
    const result = fn();
    throw new Error(`expected an Excel error, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof FakeCustomFunctionsError)
      return { code: error.code, message: error.message };
    throw error;
  }
}
