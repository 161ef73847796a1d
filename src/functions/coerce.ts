/**
 * The one place where Excel's argument values become core inputs.
 *
 * What Excel hands a custom function (see "Custom functions parameter options", learn.microsoft.com):
 * - a range parameter declared `any[][]` arrives as a 2-D array, row-major, one inner array per row;
 *   a single value passed to it arrives as a 1×1 array;
 * - a blank cell arrives as `null` (Excel desktop) or `""` (Excel on the web); an omitted optional
 *   argument as `null` or `undefined`;
 * - numbers arrive as numbers, dates as serial numbers, booleans as booleans, text as text;
 * - an error cell arrives as a `CustomFunctions.Error`-like object with an `errorCode`
 *   (when the function captures calculation errors), so it is passed on, never read as data.
 *
 * The rules, in the order Excel users expect them:
 * - blanks (`""`, `null`, `undefined`, or text of spaces) are skipped in ranges and mean
 *   "use the default" for optional scalars (a blank required scalar is 0, as in `=A1+1`);
 * - numeric text (`" 9 "`, `"5%"`) is the number; other text where a number is needed is
 *   `#VALUE!` naming its 1-based position ("scores, row 7: 'ten' is not a number");
 * - a row, a column or a block of any size is accepted and read row by row;
 * - choice names (methods, periods) are case-insensitive and trimmed;
 * - ids compare as trimmed, case-insensitive text, as COUNTIF matches them: 12, "12" and " 12 "
 *   are one customer.
 */
import { Errors, RetainError, RetainErrorKind } from "../core/errors";
import { isoToSerial } from "../core/dates";

/** A value as Excel passes it to an `any` parameter. */
export type ExcelValue = unknown;

/** A range as Excel passes it to an `any[][]` parameter (tolerating a bare scalar or a ragged array). */
export type ExcelRange = unknown;

/** True for the three ways Excel sends a blank cell, and for text that is only spaces. */
export function isBlank(value: ExcelValue): boolean {
  if (value === null || value === undefined || value === "") return true;
  return typeof value === "string" && value.trim() === "";
}

/** The Excel error code carried by an error-cell value, if it is one. */
function errorCodeOf(value: ExcelValue): string | undefined {
  if (typeof value === "object" && value !== null && "errorCode" in value) {
    const code = (value as { errorCode: unknown }).errorCode;
    return typeof code === "string" ? code : "#VALUE!";
  }
  return undefined;
}

/** An error cell in the input: pass its error on, keeping Excel's kind where Retain has it. */
function propagatedError(position: string, code: string): RetainError {
  switch (code) {
    case RetainErrorKind.DivisionByZero:
    case RetainErrorKind.NotAvailable:
    case RetainErrorKind.Number:
      return new RetainError(code, `${position} holds the error ${code}`);
    default:
      return new RetainError(RetainErrorKind.Value, `${position} holds the error ${code}`);
  }
}

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?%?$/i;

/** Parse numeric text as Excel's VALUE does for plain numbers and percentages; `undefined` if not numeric. */
export function parseNumericText(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMERIC_TEXT.test(trimmed)) return undefined;
  if (trimmed.endsWith("%")) return Number(trimmed.slice(0, -1)) / 100;
  return Number(trimmed);
}

/**
 * The 1-based position of a cell, phrased for the shape it came from:
 * "row 7" in a column, "column 3" in a row, "row 2, column 3" in a block.
 */
export function positionOf(name: string, rows: number, columns: number, row: number, column: number): string {
  if (columns <= 1) return `${name}, row ${row + 1}`;
  if (rows <= 1) return `${name}, column ${column + 1}`;
  return `${name}, row ${row + 1}, column ${column + 1}`;
}

/** Normalise anything Excel may send for a range into rows; a scalar becomes a 1×1 range. */
export function asRows(range: ExcelRange): readonly unknown[][] {
  if (!Array.isArray(range)) return [[range]];
  if (range.length > 0 && !Array.isArray(range[0])) {
    // A 1-D array (e.g. from a test or a scripted call): treat it as a column.
    return (range as unknown[]).map((value) => (Array.isArray(value) ? value : [value]));
  }
  return range.map((row) => (Array.isArray(row) ? row : [row])) as unknown[][];
}

/** The widest row of a (possibly ragged) range, for position messages. */
function widthOf(rows: readonly unknown[][]): number {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  return width;
}

/** Read one cell that must be a number (blank handled by the caller). */
function cellNumber(value: ExcelValue, position: () => string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw Errors.notANumber(position(), value);
    return value;
  }
  if (typeof value === "string") {
    const parsed = parseNumericText(value);
    if (parsed === undefined) throw Errors.notANumber(position(), value);
    return parsed;
  }
  const code = errorCodeOf(value);
  if (code !== undefined) throw propagatedError(position(), code);
  throw Errors.notANumber(position(), typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value);
}

/** Unwrap a range passed where one value is expected; a 1×1 range is its value. */
function singleValue(value: ExcelValue, name: string): ExcelValue {
  if (!Array.isArray(value)) return value;
  const rows = asRows(value);
  if (rows.length === 1 && rows[0].length === 1) return rows[0][0];
  throw Errors.impossible(`${name} must be a single value, not a range of ${rows.length}×${widthOf(rows)} cells`);
}

/**
 * A required number. Blank is 0 (as `=A1+1` treats a blank A1); TRUE/FALSE are 1/0, as Excel's
 * arithmetic treats a boolean typed directly into an argument.
 */
export function requiredNumber(value: ExcelValue, name: string): number {
  const single = singleValue(value, name);
  if (isBlank(single)) return 0;
  if (typeof single === "boolean") return single ? 1 : 0;
  return cellNumber(single, () => name);
}

/** An optional number: omitted or blank means `defaultValue`. */
export function optionalNumber(value: ExcelValue, name: string, defaultValue: number): number {
  const single = singleValue(value, name);
  if (isBlank(single)) return defaultValue;
  return requiredNumber(single, name);
}

/** An optional number with no default: `undefined` when omitted or blank. */
export function maybeNumber(value: ExcelValue, name: string): number | undefined {
  const single = singleValue(value, name);
  return isBlank(single) ? undefined : requiredNumber(single, name);
}

/**
 * One of a fixed set of names (a method, a period), case-insensitive and trimmed.
 * Omitted or blank means `defaultValue` (or `#VALUE!` when the argument is required and has
 * none); anything else not in `options` is `#VALUE!` listing the valid names.
 */
export function choice<T extends string>(value: ExcelValue, name: string, options: readonly T[], defaultValue?: T): T {
  const single = singleValue(value, name);
  if (isBlank(single)) {
    if (defaultValue === undefined) throw Errors.required(name, `(one of: ${options.join(", ")})`);
    return defaultValue;
  }
  const code = errorCodeOf(single);
  if (code !== undefined) throw propagatedError(name, code);
  const wanted = String(single).trim().toLowerCase();
  const found = options.find((option) => option.toLowerCase() === wanted);
  if (found === undefined) throw Errors.unknownChoice(name, single, options);
  return found;
}

/**
 * The numbers in a range, row by row, skipping blanks. Text that is not numeric, booleans and
 * errors are `#VALUE!` naming the cell. `problem`, when given, is a core rule that returns why a
 * number is not acceptable (e.g. not an NPS score), so the message can name the cell too.
 */
export function numbers(range: ExcelRange, name: string, problem?: (value: number) => string | undefined): number[] {
  const rows = asRows(range);
  const out: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      let number: number;
      if (typeof value === "number" && Number.isFinite(value)) {
        number = value;
      } else if (isBlank(value)) {
        continue;
      } else {
        number = cellNumber(value, () => positionOf(name, rows.length, widthOf(rows), r, c));
      }
      if (problem !== undefined) {
        const why = problem(number);
        if (why !== undefined) throw Errors.impossible(`${positionOf(name, rows.length, widthOf(rows), r, c)}: ${why}`);
      }
      out.push(number);
    }
  }
  return out;
}

/** The comparison key of an id: trimmed, lower-case text; numbers as Excel shows them (12, not 12.0). */
export function idKey(value: ExcelValue): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value).trim().toLowerCase();
}

/** The id keys in a range, row by row, skipping blanks. Error cells are passed on. */
export function ids(range: ExcelRange, name: string): string[] {
  const rows = asRows(range);
  const out: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value === "number") {
        out.push(String(value));
      } else if (!isBlank(value)) {
        const code = errorCodeOf(value);
        if (code !== undefined) throw propagatedError(positionOf(name, rows.length, widthOf(rows), r, c), code);
        out.push(idKey(value));
      }
    }
  }
  return out;
}

/**
 * Every cell of a range, row by row, blanks included (as `undefined`), so that columns that
 * belong together (ids and dates) stay aligned. Use {@link requireSameLength} to pair them.
 */
export function cells(range: ExcelRange): unknown[] {
  const rows = asRows(range);
  if (rows.length > 0 && rows.every((row) => row.length === 1)) {
    const out = new Array<unknown>(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = isBlank(rows[r][0]) ? undefined : rows[r][0];
    return out;
  }
  const out: unknown[] = [];
  for (const row of rows) for (const value of row) out.push(isBlank(value) ? undefined : value);
  return out;
}

/** Columns that belong together must have the same number of cells. */
export function requireSameLength(first: string, firstLength: number, second: string, secondLength: number): void {
  if (firstLength !== secondLength) throw Errors.lengthMismatch(first, firstLength, second, secondLength);
}

/** A date cell: an Excel serial number (≥ 0) or ISO text; `position` names it in the message. */
export function dateValue(value: ExcelValue, position: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) throw Errors.notADate(position, value);
    return value;
  }
  if (typeof value === "string") {
    const serial = isoToSerial(value);
    if (serial === undefined) throw Errors.notADate(position, value);
    return serial;
  }
  const code = errorCodeOf(value);
  if (code !== undefined) throw propagatedError(position, code);
  throw Errors.notADate(position, typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value);
}

/** An optional date argument: `undefined` when omitted or blank. */
export function maybeDate(value: ExcelValue, name: string): number | undefined {
  const single = singleValue(value, name);
  return isBlank(single) ? undefined : dateValue(single, name);
}

/** A required date argument. */
export function requiredDate(value: ExcelValue, name: string): number {
  const single = singleValue(value, name);
  if (isBlank(single)) throw Errors.required(name, "(a date)");
  return dateValue(single, name);
}

/** A 1/0 or TRUE/FALSE flag cell (also "1"/"0", "TRUE"/"FALSE" text); `position` names it. */
export function flagValue(value: ExcelValue, position: string): boolean {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "1" || text === "true") return true;
    if (text === "0" || text === "false") return false;
  }
  const code = errorCodeOf(value);
  if (code !== undefined) throw propagatedError(position, code);
  throw Errors.notABoolean(position, value);
}

/** The position label of the i-th cell (0-based) in a flattened column argument. */
export function rowPosition(name: string, index: number): string {
  return `${name}, row ${index + 1}`;
}
