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
import type { CustomerLabel, CustomerLog } from "../core/activity";
import type { CustomerListColumn } from "../core/lifecycle";

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
 * errors are `#VALUE!` naming the cell.
 */
export function numbers(range: ExcelRange, name: string): number[] {
  const rows = asRows(range);
  const out: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (typeof value === "number" && Number.isFinite(value)) out.push(value);
      else if (!isBlank(value))
        out.push(cellNumber(value, () => positionOf(name, rows.length, widthOf(rows), r, c)));
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
  const column = new Array<unknown>(count);
  for (let r = 0; r < count; r++) {
    const row: unknown = range[r];
    if (!Array.isArray(row) || row.length !== 1) return flatRows(range);
    column[r] = row[0];
  }
  return column;
}

/**
 * The one loop behind the typed column readers: `read` maps each cell (with its 0-based
 * position) to a number. A column of 1-cell rows, the shape Excel passes for a column argument,
 * is read in place, checking each row as it goes; at the first row of another shape the reader
 * falls back to {@link flatCells}. No copy and no separate shape scan of a million rows.
 */
function readColumn<T extends Float64Array | Int32Array | Uint8Array>(
  range: ExcelRange,
  allocate: (length: number) => T,
  read: (value: unknown, index: number) => number
): T {
  if (Array.isArray(range)) {
    const out = allocate(range.length);
    let i = 0;
    for (; i < range.length; i++) {
      const row: unknown = range[i];
      if (!Array.isArray(row) || row.length !== 1) break;
      out[i] = read(row[0], i);
    }
    if (i === range.length) return out;
  }
  const values = flatCells(range);
  const out = allocate(values.length);
  for (let i = 0; i < values.length; i++) out[i] = read(values[i], i);
  return out;
}

/** The general case of {@link flatCells}: a row, a block or a ragged array. */
function flatRows(range: ExcelRange): unknown[] {
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
  // Dates repeat (a million rows span a few thousand days), so each distinct text is parsed once.
  const serialOfText = new Map<string, number>();
  const read = (value: unknown, i: number): number => {
    if (typeof value === "number" && value >= 0 && value < Infinity) return value;
    if (isBlank(value)) return NaN;
    if (typeof value === "string") {
      let serial = serialOfText.get(value);
      if (serial === undefined) {
        serial = isoToSerial(value);
        if (serial === undefined) throw Errors.notADate(flatPosition(range, name, i), value);
        serialOfText.set(value, serial);
      }
      return serial;
    }
    // A negative or non-finite number, a boolean or an error cell: always an error here.
    return dateValue(value, flatPosition(range, name, i));
  };
  return readColumn(range, (length) => new Float64Array(length), read);
}

/**
 * A number column: every cell as a number, row by row, with `NaN` for a blank cell. Numeric
 * text counts as its number (as in {@link numbers}); other text, booleans and errors are
 * `#VALUE!` naming the position.
 * @example numberColumn([[3], [""], ["4.5"]], "durations") // Float64Array [3, NaN, 4.5]
 */
export function numberColumn(range: ExcelRange, name: string): Float64Array {
  const read = (value: unknown, i: number): number => {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (isBlank(value)) return NaN;
    return cellNumber(value, () => flatPosition(range, name, i));
  };
  return readColumn(range, (length) => new Float64Array(length), read);
}

/**
 * A flag column: 1 for 1/TRUE, 0 for 0/FALSE (text "1", "0", "TRUE", "FALSE" too), and
 * {@link BLANK_FLAG} for a blank cell; anything else is `#VALUE!` naming the position.
 * @example flagColumn([[1], [false], [null]], "churned") // Uint8Array [1, 0, 2]
 */
export function flagColumn(range: ExcelRange, name: string): Uint8Array {
  const read = (value: unknown, i: number): number => {
    if (value === 1 || value === true) return 1;
    if (value === 0 || value === false) return 0;
    if (isBlank(value)) return BLANK_FLAG;
    return flagText(value) ?? (flagValue(value, flatPosition(range, name, i)) ? 1 : 0);
  };
  return readColumn(range, (length) => new Uint8Array(length), read);
}

/** 1 or 0 for flag text ("1", "0", "TRUE", "FALSE", any case, trimmed); `undefined` for anything else. */
function flagText(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (text === "1" || text === "true") return 1;
  if (text === "0" || text === "false") return 0;
  return undefined;
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
  /** How many distinct ids there are. */
  count: number;
  /** The comparison key ({@link idKey}) of each id number; computed on first use. */
  readonly keys: string[];
  /**
   * The cell value first seen for each id number (text trimmed), for showing the id in a
   * result. Its comparison key is `idKey(labels[i])`, the same for every cell of that id.
   */
  labels: (string | number | boolean)[];
}

/** Text that is the canonical form of a whole number ≥ 0 (no sign, no leading zeros), as String(12) is "12". */
const CANONICAL_WHOLE = /^(?:0|[1-9]\d{0,8})$/;

/** What {@link IdInterner.indexOf} returns for an error cell, so that the caller can name its position. */
const ERROR_CELL = -2;

/** A typed array of id number + 1 (0 = unseen), grown on demand up to a limit. */
class SlotTable {
  slots = new Int32Array(1024);

  constructor(readonly limit: number) {}

  /** Make `at` addressable (at < limit). */
  reach(at: number): void {
    if (at < this.slots.length) return;
    let length = this.slots.length;
    while (length <= at) length *= 2;
    const grown = new Int32Array(Math.min(length, this.limit));
    grown.set(this.slots);
    this.slots = grown;
  }
}

/** Text of at most this many digits always fits a slot number exactly. */
const MAX_SHAPED_DIGITS = 9;

/**
 * Interns id cells into dense numbers for {@link idIndexColumn}. A class so that the per-row
 * path (`indexOf`) stays small and monomorphic, and the work done on an id's first sighting
 * (`firstSighting`) is out of line.
 *
 * Three lookups, all giving the same id for cells with the same {@link idKey}:
 * - whole numbers below `limit` (and text that is such a number): a typed array by value;
 * - "shaped" text: ids that look like the first text id seen, a non-digit ASCII prefix then
 *   digits ("C000123", "cust-42"). The prefix is compared case-insensitively and the digits read
 *   as a number, so a row costs a few character reads and one typed-array read instead of a
 *   Map lookup (about 2-4× faster on a million rows; the Map's table does not fit in cache).
 *   When the first id's digits start with 0 the digit count is fixed (so "C000123" and "C123"
 *   stay different ids); otherwise digits must have no leading zero. The same rule is applied
 *   to the key of every other text, so " c000123 " still meets "C000123".
 * - everything else: a Map by raw cell value, then by key on first sighting.
 */
class IdInterner {
  readonly labels: (string | number | boolean)[] = [];
  private readonly indexOfRaw = new Map<unknown, number>();
  private readonly indexOfKey = new Map<string, number>();
  private readonly whole: SlotTable;
  private readonly shaped: SlotTable;
  /** Whether the first text id has been seen, and whether it had a shape (then: its prefix in lower and upper case). */
  private shapeLearned = false;
  private hasShape = false;
  private prefixLower = "";
  private prefixUpper = "";
  /** The shape's fixed digit count, or 0 for "any count, no leading zero". */
  private shapeDigits = 0;

  constructor(limit: number) {
    this.whole = new SlotTable(limit);
    this.shaped = new SlotTable(limit);
  }

  /** The id number of a cell; −1 for a blank cell; {@link ERROR_CELL} for an error cell. */
  indexOf(value: unknown): number {
    if (typeof value === "number") {
      if ((value | 0) === value && value >= 0 && value < this.whole.limit) {
        const slots = this.whole.slots;
        if (value < slots.length && slots[value] !== 0) return slots[value] - 1;
        return this.slotIndex(this.whole, value, value === 0 ? 0 : value); // -0 shows as 0
      }
    } else if (typeof value === "string" && this.hasShape) {
      const number = this.shapedNumber(value);
      if (number >= 0) {
        const slots = this.shaped.slots;
        if (number < slots.length && slots[number] !== 0) return slots[number] - 1;
        return this.slotIndex(this.shaped, number, value);
      }
    }
    const index = this.indexOfRaw.get(value);
    return index !== undefined ? index : this.firstSighting(value);
  }

  /** The digits' value when `text` has the shape (prefix in any case, then digits), else −1. */
  private shapedNumber(text: string): number {
    const lower = this.prefixLower;
    const prefixLength = lower.length;
    const digitCount = text.length - prefixLength;
    if (
      this.shapeDigits > 0
        ? digitCount !== this.shapeDigits
        : digitCount < 1 || digitCount > MAX_SHAPED_DIGITS
    ) {
      return -1;
    }
    for (let k = 0; k < prefixLength; k++) {
      const code = text.charCodeAt(k);
      if (code !== lower.charCodeAt(k) && code !== this.prefixUpper.charCodeAt(k)) return -1;
    }
    if (this.shapeDigits === 0 && digitCount > 1 && text.charCodeAt(prefixLength) === 48) return -1;
    let number = 0;
    for (let k = prefixLength; k < text.length; k++) {
      const digit = text.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return -1;
      number = number * 10 + digit;
    }
    return number < this.shaped.limit ? number : -1;
  }

  /** Learn the shape from the first text key: a non-empty ASCII non-digit prefix, then 1–9 digits. */
  private learnShape(key: string): void {
    this.shapeLearned = true;
    const match = /^([^0-9]+)([0-9]{1,9})$/.exec(key);
    if (match === null || !/^[\x21-\x7e]+$/.test(match[1])) return;
    this.hasShape = true;
    this.prefixLower = match[1];
    this.prefixUpper = match[1].toUpperCase();
    this.shapeDigits = match[2].length > 1 && match[2].startsWith("0") ? match[2].length : 0;
  }

  /** The id number in a slot table, adding it (shown as `label`) when new. */
  private slotIndex(table: SlotTable, at: number, label: string | number | boolean): number {
    table.reach(at);
    const slot = table.slots[at];
    if (slot !== 0) return slot - 1;
    table.slots[at] = this.labels.length + 1;
    this.labels.push(label);
    return this.labels.length - 1;
  }

  /** A raw value not seen before: find (or add) its id by key, and remember the raw value. */
  private firstSighting(value: unknown): number {
    let key: string;
    let label: string | number | boolean;
    if (typeof value === "string") {
      // Trim once for the blank test, the key and the label (idKey's rule, inlined).
      label = value.trim();
      key = label.toLowerCase();
    } else if (isBlank(value)) {
      key = "";
      label = "";
    } else if (errorCodeOf(value) !== undefined) {
      return ERROR_CELL;
    } else {
      key = idKey(value);
      label = value as number | boolean;
    }
    let index: number;
    if (key === "") {
      index = -1;
    } else {
      const first = key.charCodeAt(0);
      const whole = first >= 48 && first <= 57 && CANONICAL_WHOLE.test(key) ? Number(key) : -1;
      if (whole >= 0 && whole < this.whole.limit) {
        index = this.slotIndex(this.whole, whole, label);
      } else {
        if (!this.shapeLearned && typeof value === "string") this.learnShape(key);
        const number = this.hasShape ? this.shapedNumber(key) : -1;
        if (number >= 0) {
          index = this.slotIndex(this.shaped, number, label);
        } else {
          const known = this.indexOfKey.get(key);
          if (known !== undefined) {
            index = known;
          } else {
            index = this.labels.length;
            this.indexOfKey.set(key, index);
            this.labels.push(label);
          }
        }
      }
    }
    this.indexOfRaw.set(value, index);
    return index;
  }
}

/**
 * An id column interned into dense id numbers in one pass: the fast form of {@link idColumn}
 * for analytics that group by customer. Ids match as {@link idKey} says (trimmed,
 * case-insensitive; 12 and "12" are one id). Each distinct raw cell value is keyed once, so a
 * million rows over 100,000 customers cost one Map lookup per row, and whole-number ids (the
 * common numeric customer id) one typed-array read. Error cells are passed on.
 * @example idIndexColumn([["Ann"], [" ann"], [null], [7], ["7"]], "customer_ids")
 * // { indexOfRow: Int32Array [0, 0, -1, 1, 1], count: 2, labels: ["Ann", 7], keys: ["ann", "7"] }
 */
export function idIndexColumn(range: ExcelRange, name: string): InternedIds {
  let interner: IdInterner;
  const read = (value: unknown, i: number): number => {
    const index = interner.indexOf(value);
    if (index === ERROR_CELL) {
      throw propagatedError(flatPosition(range, name, i), errorCodeOf(value) as string);
    }
    return index;
  };
  // A fresh interner with every allocation: readColumn allocates again (and reads from the
  // start) when a range turns out not to be a plain column.
  const indexOfRow = readColumn(
    range,
    (length) => {
      interner = new IdInterner(Math.max(1 << 16, 4 * length));
      return new Int32Array(length);
    },
    read
  );
  const labels = interner!.labels;
  let keys: string[] | undefined;
  return {
    indexOfRow,
    count: labels.length,
    labels,
    // Lazily: grouping functions (cohorts) never need the keys, and building 100,000 strings costs time.
    get keys(): string[] {
      keys ??= labels.map(idKey);
      return keys;
    },
  };
}

// --- RETAIN.ACTIVEUSERS (issue 3, activity functions): two sequential passes, no copies. ---

/**
 * The key under which a Set can count distinct ids exactly as {@link idKey} compares them, without
 * building a string for the usual numeric id: a number is its own key; text is trimmed and
 * lower-cased, and text that is a number's canonical form (String(Number(text)) === text, as
 * "12") becomes that number, so 12, "12" and " 12 " are one key while "12.0" stays text (as in
 * idKey). Two cells have the same key exactly when their idKeys are equal. Blank and error cells
 * are not ids; the caller checks them first.
 */
export function idSetKey(value: ExcelValue): string | number {
  if (typeof value === "number") return value;
  const key = idKey(value);
  const asNumber = Number(key);
  return String(asNumber) === key ? asNumber : key;
}

/** True when a non-number cell is blank; plain text that starts with a visible character is decided at once. */
function isBlankCell(value: unknown): boolean {
  if (typeof value === "string" && value.length > 0 && value.charCodeAt(0) > 32) return false;
  return isBlank(value);
}

/** An id column and a date column read for single-pass analytics; see {@link idDateSerials}. */
export interface IdDateSerials {
  /** The latest date serial in the date column; `-Infinity` when every date cell is blank. Reads the dates on first use. */
  readonly latest: number;
  /** The date of each row as an Excel serial; `NaN` for a blank date cell (built on first use). */
  readonly serials: Float64Array;
  /**
   * The comparison key ({@link idKey}) of one row's id, for a row whose date is not blank; a
   * blank or error id there is `#VALUE!` (or the error) naming it. Reads just that cell.
   */
  keyOfRow: (row: number) => string;
  /**
   * The number of distinct ids (as {@link idKey} compares them) among the rows whose date serial
   * is in [from, before). One sequential pass over both columns that applies the row rules to
   * every row on the way: a row blank in both columns is skipped; exactly one blank is `#VALUE!`
   * naming the row; an error cell is passed on. An id becomes a key only when its row counts.
   * Also returns how many rows are filled (not blank in both columns).
   */
  distinctIds: (from: number, before: number) => { distinct: number; filledRows: number };
}

/**
 * An id column and its date column for analytics that scan dates and key only some rows
 * (RETAIN.ACTIVEUSERS). Built for 1,048,576-row arguments: a column of one-cell rows is read in
 * place, sequentially, with no copy of either range and no per-row objects; `latest` and
 * `serials` read the dates only when asked for (a fresh 8 MB typed array costs more than
 * re-reading the dates), and `distinctIds` reads both columns in one pass. The rules are those of {@link dateColumn}, {@link idColumn} and
 * {@link skipBlankPair}; any other shape is read through {@link flatCells} with the same
 * results. The two columns must have the same number of cells (`#VALUE!` naming both lengths).
 * @example idDateSerials([["Ann"], [" ann"], [null]], "customer_ids", [[45292], ["2024-01-02"], [""]], "dates")
 * // latest 45293; serials Float64Array [45292, 45293, NaN]; distinctIds(45292, 45294) === 1
 */
export function idDateSerials(
  ids: ExcelRange,
  idName: string,
  dates: ExcelRange,
  dateName: string
): IdDateSerials {
  let idRows: unknown[] = Array.isArray(ids) ? ids : [];
  let dateRows: unknown[] = Array.isArray(dates) ? dates : [];
  let position: (name: string, index: number) => string = rowPosition;
  let inPlace = Array.isArray(ids) && Array.isArray(dates) && ids.length === dates.length;
  /** Leave the in-place reading for any other shape: one wrapper array per cell, positions by shape. */
  const readByCells = (): void => {
    const idCells = flatCells(ids);
    const dateCells = flatCells(dates);
    requireSameLength(idName, idCells.length, dateName, dateCells.length);
    idRows = idCells.map((value) => [value]);
    dateRows = dateCells.map((value) => [value]);
    position = (name, index) => flatPosition(name === idName ? ids : dates, name, index);
    inPlace = false;
  };
  if (!inPlace) readByCells();
  const dateAt = (row: number): number => {
    const date = (dateRows[row] as unknown[])[0];
    if (typeof date === "number" && date >= 0 && date < Infinity) return date;
    if (isBlank(date)) return NaN;
    return dateValue(date, position(dateName, row));
  };
  let latest: number | undefined;
  const findLatest = (): number => {
    let found = -Infinity;
    for (let row = 0; row < dateRows.length; row++) {
      const cells = dateRows[row];
      if (!Array.isArray(cells) || cells.length !== 1) {
        readByCells();
        found = -Infinity;
        row = -1;
        continue;
      }
      const date: unknown = cells[0];
      // The common case inline; blanks, text and errors through the shared rule.
      const serial = typeof date === "number" && date >= 0 && date < Infinity ? date : dateAt(row);
      if (serial > found) found = serial;
    }
    return found;
  };
  let serials: Float64Array | undefined;
  const idAt = (row: number): { id: unknown; blank: boolean } => {
    let cells = idRows[row];
    if (!Array.isArray(cells) || cells.length !== 1) {
      readByCells();
      cells = idRows[row];
    }
    const id = (cells as unknown[])[0];
    const blank = typeof id !== "number" && isBlankCell(id);
    if (!blank) {
      const code = errorCodeOf(id);
      if (code !== undefined) throw propagatedError(position(idName, row), code);
    }
    return { id, blank };
  };
  return {
    get latest(): number {
      if (latest === undefined) latest = findLatest();
      return latest;
    },
    get serials(): Float64Array {
      if (serials === undefined) {
        if (latest === undefined) latest = findLatest(); // checks every row's shape first
        serials = new Float64Array(dateRows.length);
        for (let row = 0; row < dateRows.length; row++) serials[row] = dateAt(row);
      }
      return serials;
    },
    keyOfRow: (row) => {
      const { id, blank } = idAt(row);
      skipBlankPair(row, idName, blank, dateName, Number.isNaN(dateAt(row)));
      return idKey(id);
    },
    distinctIds: (from, before) => {
      const seen = new Set<string | number>();
      let filledRows = 0;
      if (dateRows.length !== idRows.length) readByCells();
      for (let row = 0; row < dateRows.length; row++) {
        const idCells = idRows[row];
        if (!Array.isArray(idCells) || idCells.length !== 1) {
          // An id row of another shape: read both columns by cells and start over.
          readByCells();
          seen.clear();
          filledRows = 0;
          row = -1;
          continue;
        }
        const id: unknown = idCells[0];
        const dateCells = dateRows[row];
        if (!Array.isArray(dateCells) || dateCells.length !== 1) {
          readByCells();
          seen.clear();
          filledRows = 0;
          row = -1;
          continue;
        }
        const date: unknown = dateCells[0];
        const serial =
          typeof date === "number" && date >= 0 && date < Infinity ? date : dateAt(row);
        if (typeof id === "number" && serial === serial) {
          filledRows++;
          if (serial >= from && serial < before) seen.add(id);
          continue;
        }
        const idBlank = typeof id !== "number" && isBlankCell(id);
        if (!idBlank && typeof id === "object" && id !== null) idAt(row); // throws the error cell's error
        if (skipBlankPair(row, idName, idBlank, dateName, serial !== serial)) continue;
        filledRows++;
        if (serial >= from && serial < before) seen.add(idSetKey(id));
      }
      return { distinct: seen.size, filledRows };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Column sets that belong together, read the one way the RETAIN functions and the scorecard's
// Values mode both use: a customer list (start and end dates) and activity or purchase logs.
// ---------------------------------------------------------------------------------------------

/** A column as Excel returns it: one single-cell row per cell. */
export type CellColumn = readonly (readonly unknown[])[];

/** A customer list read for the core: aligned start and end serials (NaN = blank). */
export interface CustomerList {
  starts: Float64Array;
  ends: Float64Array;
  position: (column: CustomerListColumn, index: number) => string;
}

/** Read a customer list as RETAIN.CHURNBYDATES / ACTIVECOUNT do. A missing end column means nobody has left. */
export function customerList(
  startColumn: ExcelRange,
  endColumn: ExcelRange | undefined
): CustomerList {
  const starts = dateColumn(startColumn, "start_dates");
  const ends =
    endColumn === undefined
      ? new Float64Array(starts.length).fill(NaN)
      : dateColumn(endColumn, "end_dates");
  requireSameLength("start_dates", starts.length, "end_dates", ends.length);
  const position = (column: CustomerListColumn, index: number): string =>
    flatPosition(
      column === "start_dates" || endColumn === undefined ? startColumn : endColumn,
      column,
      index
    );
  return { starts, ends, position };
}

/** An activity (or transaction) log as RETAIN.USAGETREND / DISENGAGED / RFM read it: ids interned, rows blank in both columns marked −1. */
export interface ActivityLog extends CustomerLog {
  customerOfRow: Int32Array;
  serials: Float64Array;
  labels: CustomerLabel[];
}

/**
 * An id column and a date column that belong together: ids interned, dates aligned, rows blank
 * in both skipped (customer −1), a half-blank row is `#VALUE!` naming it.
 */
export function activityLog(
  idColumn: ExcelRange,
  dateColumnCells: ExcelRange,
  dateName = "activity_dates"
): ActivityLog {
  const ids = idIndexColumn(idColumn, "customer_ids");
  const serials = dateColumn(dateColumnCells, dateName);
  requireSameLength("customer_ids", ids.indexOfRow.length, dateName, serials.length);
  for (let i = 0; i < serials.length; i++)
    skipBlankPair(i, "customer_ids", ids.indexOfRow[i] < 0, dateName, Number.isNaN(serials[i]));
  return { customerOfRow: ids.indexOfRow, customerCount: ids.count, serials, labels: ids.labels };
}

/** A transaction log with amounts, as RETAIN.RFM reads it: an activity log whose filled rows all have an amount. */
export function purchaseLog(
  idColumn: ExcelRange,
  dateCells: ExcelRange,
  amountCells: ExcelRange
): ActivityLog & { amounts: Float64Array } {
  const log = activityLog(idColumn, dateCells, "dates");
  const amounts = numberColumn(amountCells, "amounts");
  requireSameLength("customer_ids", log.customerOfRow.length, "amounts", amounts.length);
  for (let i = 0; i < amounts.length; i++)
    skipBlankPair(i, "customer_ids", log.customerOfRow[i] < 0, "amounts", Number.isNaN(amounts[i]));
  return { ...log, amounts };
}
