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
export function positionOf(
  name: string,
  rows: number,
  columns: number,
  row: number,
  column: number
): string {
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
  throw Errors.notANumber(position(), value);
}

/** Unwrap a range passed where one value is expected; a 1×1 range is its value. */
function singleValue(value: ExcelValue, name: string): ExcelValue {
  if (!Array.isArray(value)) return value;
  const rows = asRows(value);
  if (rows.length === 1 && rows[0].length === 1) return rows[0][0];
  throw Errors.impossible(
    `${name} must be a single value, not a range of ${rows.length}×${widthOf(rows)} cells`
  );
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
export function choice<T extends string>(
  value: ExcelValue,
  name: string,
  options: readonly T[],
  defaultValue?: T
): T {
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
export function numbers(
  range: ExcelRange,
  name: string,
  problem?: (value: number) => string | undefined
): number[] {
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
        if (why !== undefined)
          throw Errors.impossible(`${positionOf(name, rows.length, widthOf(rows), r, c)}: ${why}`);
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
        if (code !== undefined)
          throw propagatedError(positionOf(name, rows.length, widthOf(rows), r, c), code);
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
export function requireSameLength(
  first: string,
  firstLength: number,
  second: string,
  secondLength: number
): void {
  if (firstLength !== secondLength)
    throw Errors.lengthMismatch(first, firstLength, second, secondLength);
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
  throw Errors.notADate(position, value);
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

// ---------------------------------------------------------------------------------------------
// Aligned columns for the analytics functions (issue 3): ids, dates, numbers and flags read
// cell by cell with blanks KEPT in place, so that columns which belong together stay aligned.
// They are written for 1,048,576-row inputs: one pass, typed arrays, no per-cell objects.
// Pair them with requireSameLength, then skipBlankPair for each row.
// ---------------------------------------------------------------------------------------------

/** Marks a blank cell in the `Uint8Array` returned by {@link flagColumn} (flags are 0 or 1). */
export const BLANK_FLAG = 2;

/**
 * Every cell of a range row by row, as one flat array (blanks as they came). The usual shape,
 * a column of 1-element rows, is copied in a single tight loop without `asRows`.
 */
export function flatCells(range: ExcelRange): unknown[] {
  if (!Array.isArray(range)) return [range];
  const count = range.length;
  let column = true;
  for (let r = 0; r < count; r++) {
    const row: unknown = range[r];
    if (!Array.isArray(row) || row.length !== 1) {
      column = false;
      break;
    }
  }
  if (column) {
    const out = new Array<unknown>(count);
    for (let r = 0; r < count; r++) out[r] = (range[r] as unknown[])[0];
    return out;
  }
  const out: unknown[] = [];
  for (const row of asRows(range)) for (const value of row) out.push(value);
  return out;
}

/**
 * The position label of the `index`-th cell (0-based, row by row) of a range, phrased as
 * {@link positionOf} does ("dates, row 7" in a column). Only called to build a message.
 */
export function flatPosition(range: ExcelRange, name: string, index: number): string {
  const rows = asRows(range);
  const width = widthOf(rows);
  let remaining = index;
  for (let r = 0; r < rows.length; r++) {
    if (remaining < rows[r].length) return positionOf(name, rows.length, width, r, remaining);
    remaining -= rows[r].length;
  }
  return rowPosition(name, index);
}

/**
 * A date column: the Excel serial of every cell, row by row, with `NaN` for a blank cell.
 * Cells are serial numbers (≥ 0) or ISO text; anything else is `#VALUE!` naming its position
 * ("dates, row 7: 'soon' is not a date …"); an error cell is passed on.
 * @example dateColumn([[45292], [null], ["2024-01-15"]], "dates") // Float64Array [45292, NaN, 45306]
 */
export function dateColumn(range: ExcelRange, name: string): Float64Array {
  const values = flatCells(range);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === "number" && value >= 0 && value < Infinity) out[i] = value;
    else if (isBlank(value)) out[i] = NaN;
    else out[i] = dateValue(value, flatPosition(range, name, i));
  }
  return out;
}

/**
 * A number column: every cell as a number, row by row, with `NaN` for a blank cell. Numeric
 * text counts as its number (as in {@link numbers}); other text, booleans and errors are
 * `#VALUE!` naming the position.
 * @example numberColumn([[3], [""], ["4.5"]], "durations") // Float64Array [3, NaN, 4.5]
 */
export function numberColumn(range: ExcelRange, name: string): Float64Array {
  const values = flatCells(range);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === "number" && Number.isFinite(value)) out[i] = value;
    else if (isBlank(value)) out[i] = NaN;
    else out[i] = cellNumber(value, () => flatPosition(range, name, i));
  }
  return out;
}

/**
 * A flag column: 1 for 1/TRUE, 0 for 0/FALSE (text "1", "0", "TRUE", "FALSE" too), and
 * {@link BLANK_FLAG} for a blank cell; anything else is `#VALUE!` naming the position.
 * @example flagColumn([[1], [false], [null]], "churned") // Uint8Array [1, 0, 2]
 */
export function flagColumn(range: ExcelRange, name: string): Uint8Array {
  const values = flatCells(range);
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === 1 || value === true) out[i] = 1;
    else if (value === 0 || value === false) out[i] = 0;
    else if (isBlank(value)) out[i] = BLANK_FLAG;
    else out[i] = flagValue(value, flatPosition(range, name, i)) ? 1 : 0;
  }
  return out;
}

/**
 * An id column: the comparison key ({@link idKey}) of every cell, row by row, with
 * `undefined` for a blank cell, so it stays aligned with the columns beside it. Error cells
 * are passed on, naming their position.
 * @example idColumn([[" Ann "], [12], [null]], "customer_ids") // ["ann", "12", undefined]
 */
export function idColumn(range: ExcelRange, name: string): (string | undefined)[] {
  const values = flatCells(range);
  const out = new Array<string | undefined>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === "number") {
      out[i] = String(value);
    } else if (isBlank(value)) {
      out[i] = undefined;
    } else {
      const code = errorCodeOf(value);
      if (code !== undefined) throw propagatedError(flatPosition(range, name, i), code);
      out[i] = idKey(value);
    }
  }
  return out;
}

/**
 * The rule for one row of two aligned columns: both blank → `true` (skip the row); both
 * filled → `false` (use it); exactly one blank → `#VALUE!` naming the row and both columns
 * ("row 7: dates is blank but customer_ids is not; fill both or leave both blank").
 * @param index the row's 0-based position in the flattened columns
 */
export function skipBlankPair(
  index: number,
  firstName: string,
  firstBlank: boolean,
  secondName: string,
  secondBlank: boolean
): boolean {
  if (firstBlank === secondBlank) return firstBlank;
  const [blank, filled] = firstBlank ? [firstName, secondName] : [secondName, firstName];
  throw Errors.halfBlankRow(`row ${index + 1}`, blank, filled);
}

/** An id column interned into dense numbers; see {@link idIndexColumn}. */
export interface InternedIds {
  /** The id number of each cell, row by row (0, 1, 2, … in order of first appearance); −1 for a blank cell. */
  indexOfRow: Int32Array;
  /** The comparison key ({@link idKey}) of each id number. */
  keys: string[];
  /** The cell value first seen for each id number (text trimmed), for showing the id in a result. */
  labels: (string | number | boolean)[];
}

/**
 * An id column interned into dense id numbers in one pass: the fast form of {@link idColumn}
 * for analytics that group by customer. Ids match as {@link idKey} says (trimmed,
 * case-insensitive; 12 and "12" are one id). Each distinct raw cell value is keyed once, so a
 * million rows over 100,000 customers cost one Map lookup per row. Error cells are passed on.
 * @example idIndexColumn([["Ann"], [" ann"], [null], [7]], "customer_ids")
 * // { indexOfRow: Int32Array [0, 0, -1, 1], keys: ["ann", "7"], labels: ["Ann", 7] }
 */
export function idIndexColumn(range: ExcelRange, name: string): InternedIds {
  const values = flatCells(range);
  const indexOfRow = new Int32Array(values.length);
  const indexOfRaw = new Map<unknown, number>();
  const indexOfKey = new Map<string, number>();
  const keys: string[] = [];
  const labels: (string | number | boolean)[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let index = indexOfRaw.get(value);
    if (index === undefined) {
      if (isBlank(value)) {
        index = -1;
      } else {
        const code = errorCodeOf(value);
        if (code !== undefined) throw propagatedError(flatPosition(range, name, i), code);
        const key = idKey(value);
        index = indexOfKey.get(key);
        if (index === undefined) {
          index = keys.length;
          indexOfKey.set(key, index);
          keys.push(key);
          labels.push(typeof value === "string" ? value.trim() : (value as number | boolean));
        }
      }
      // Error cells are objects; caching them is harmless because they throw above first.
      indexOfRaw.set(value, index);
    }
    indexOfRow[i] = index;
  }
  return { indexOfRow, keys, labels };
}
