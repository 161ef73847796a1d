/**
 * The one mapping from Retain's domain errors to Excel errors, and the guard every RETAIN
 * function runs its body through.
 *
 * `CustomFunctions.Error` shows its message in the cell's error tooltip only for `#VALUE!`
 * and `#N/A` (CustomFunctionsRuntime 1.3), so the catalogue in `src/core/errors.ts` uses those
 * for everything that needs explaining; `#DIV/0!` and `#NUM!` are passed without a message.
 */
import { RetainError, RetainErrorKind } from "../core/errors";

/** A cell value a RETAIN function may return: a finite number, text, or a 2-D spill of them. */
export type ExcelScalarResult = number | string;
export type ExcelSpill = ExcelScalarResult[][];

/** The Excel error for a domain error (or for an unexpected one, which must never crash a cell). */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof RetainError) {
    // The enum values are Excel's error strings, so the kind is the error code itself. The string
    // literal is used (not CustomFunctions.ErrorCode.x) so the bundle needs no runtime enum object.
    const code = error.kind as string as CustomFunctions.ErrorCode;
    const takesMessage =
      error.kind === RetainErrorKind.Value || error.kind === RetainErrorKind.NotAvailable;
    return takesMessage
      ? new CustomFunctions.Error(code, error.message)
      : new CustomFunctions.Error(code);
  }
  if (error instanceof CustomFunctions.Error) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(
    "#VALUE!" as CustomFunctions.ErrorCode,
    `Retain could not compute this: ${detail}`
  );
}

/** A non-finite value reached the edge: report it as `#NUM!` rather than show NaN or Infinity. */
function notFinite(): CustomFunctions.Error {
  return new CustomFunctions.Error("#NUM!" as CustomFunctions.ErrorCode);
}

/** Run a scalar RETAIN function body: domain errors become Excel errors; NaN and ±Infinity never escape. */
export function scalarResult(compute: () => number): number {
  let result: number;
  try {
    result = compute();
  } catch (error) {
    throw toExcelError(error);
  }
  if (typeof result !== "number" || !Number.isFinite(result)) throw notFinite();
  return result;
}

/** Run a spilling RETAIN function body; every cell is checked to be a finite number or text. */
export function spillResult(compute: () => ExcelSpill): ExcelSpill {
  let result: ExcelSpill;
  try {
    result = compute();
  } catch (error) {
    throw toExcelError(error);
  }
  for (const row of result) {
    for (const cell of row) {
      if (typeof cell === "number" ? !Number.isFinite(cell) : typeof cell !== "string")
        throw notFinite();
    }
  }
  return result;
}
