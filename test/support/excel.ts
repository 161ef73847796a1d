/**
 * Helpers for calling RETAIN functions the way Excel does and reading back what Excel would show.
 */
import { FakeCustomFunctionsError } from "./custom-functions-global";

/** A column range as Excel passes it to an `any[][]` parameter. */
export function column(...values: unknown[]): unknown[][] {
  return values.map((value) => [value]);
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
