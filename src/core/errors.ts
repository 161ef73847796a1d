/**
 * The one catalogue of Retain's domain errors.
 *
 * The core throws {@link RetainError}s; `src/functions/excel-errors.ts` turns them into
 * `CustomFunctions.Error`s and the task pane shows their messages. Every message a user can
 * see is written here, so wording stays consistent and is easy to review.
 *
 * Why only three kinds: Excel shows a custom message only on `#VALUE!` and `#N/A`
 * (CustomFunctionsRuntime 1.3), so anything that needs explaining is `#VALUE!`; a true zero
 * denominator is `#DIV/0!`, as Excel's own AVERAGE of nothing is; a value that exists in
 * principle but is not reached by the data (a median lifetime the curve never reaches) is `#N/A`.
 */
export enum RetainErrorKind {
  /** A zero denominator or no data at all. Excel shows no message on `#DIV/0!`. */
  DivisionByZero = "#DIV/0!",
  /** Wrong or impossible input; always carries a message. */
  Value = "#VALUE!",
  /** The answer is not available from this data; carries a message. */
  NotAvailable = "#N/A",
  /** A numeric result that cannot be represented (overflow). */
  Number = "#NUM!",
}

/** A typed domain error: a kind (the Excel error it maps to) plus a human message. */
export class RetainError extends Error {
  readonly kind: RetainErrorKind;

  constructor(kind: RetainErrorKind, message: string) {
    super(message);
    this.name = "RetainError";
    this.kind = kind;
  }
}

/** Quote a user's value the way the messages show it: text in quotes, booleans as Excel shows them, the rest as is. */
export function quote(value: unknown): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `'${shown}'`;
  }
  return String(value);
}

/** Format a number for a message without floating-point noise (0.30000000000000004 → 0.3). */
export function shownNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

/**
 * The message catalogue. Each entry builds one error; the names say what went wrong.
 * `position` is always a 1-based position inside a range, phrased by the caller
 * ("row 7" for a column, "item 7" where orientation is unknown).
 */
export const Errors = {
  noData: (what: string): RetainError =>
    new RetainError(RetainErrorKind.DivisionByZero, `${what}: no data to compute from`),
  divisionByZero: (what: string): RetainError =>
    new RetainError(RetainErrorKind.DivisionByZero, `${what} is 0, so the ratio is undefined`),
  notANumber: (position: string, value: unknown): RetainError =>
    new RetainError(RetainErrorKind.Value, `${position}: ${quote(value)} is not a number`),
  notADate: (position: string, value: unknown): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${position}: ${quote(value)} is not a date (use a date cell, a serial number or ISO text such as 2024-01-15)`
    ),
  notABoolean: (position: string, value: unknown): RetainError =>
    new RetainError(RetainErrorKind.Value, `${position}: ${quote(value)} is not 1/0 or TRUE/FALSE`),
  negative: (name: string, value: number): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${name} cannot be negative (got ${shownNumber(value)})`
    ),
  notWhole: (name: string, value: number): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${name} must be a whole number (got ${shownNumber(value)})`
    ),
  outOfRange: (name: string, value: number, range: string): RetainError =>
    new RetainError(RetainErrorKind.Value, `${name} must be ${range} (got ${shownNumber(value)})`),
  rateOutOfRange: (name: string, value: number): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${name} must be a rate between 0 and 1, e.g. 0.05 for 5% (got ${shownNumber(value)})`
    ),
  exceeds: (part: string, whole: string, partValue: number, wholeValue: number): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${part} (${shownNumber(partValue)}) cannot exceed ${whole} (${shownNumber(wholeValue)})`
    ),
  impossible: (message: string): RetainError => new RetainError(RetainErrorKind.Value, message),
  unknownChoice: (name: string, value: unknown, valid: readonly string[]): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${name} ${quote(value)} is not one of: ${valid.join(", ")}`
    ),
  required: (name: string, because: string): RetainError =>
    new RetainError(RetainErrorKind.Value, `${name} is required ${because}`),
  lengthMismatch: (
    first: string,
    firstLength: number,
    second: string,
    secondLength: number
  ): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${first} has ${firstLength} cells but ${second} has ${secondLength}; they must be the same size`
    ),
  notAvailable: (message: string): RetainError =>
    new RetainError(RetainErrorKind.NotAvailable, message),
  notFinite: (what: string): RetainError =>
    new RetainError(RetainErrorKind.Number, `${what} is too large to represent`),
  // Cohorts and survival (issue 3).
  halfBlankRow: (position: string, blankName: string, filledName: string): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${position}: ${blankName} is blank but ${filledName} is not; fill both or leave both blank`
    ),
  tooManyPeriods: (columns: number, period: string, limit: number): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `the data spans ${columns} ${period} periods, more than the ${limit} columns Excel can spill; use a longer period`
    ),
  medianNotReached: (): RetainError =>
    new RetainError(RetainErrorKind.NotAvailable, "median not reached: survival stays above 50%"),
  // Churn from dates, activity, RFM and referrals (issue 3).
  dateBefore: (
    laterName: string,
    later: string,
    earlierName: string,
    earlier: string
  ): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${laterName} (${later}) is before ${earlierName} (${earlier})`
    ),
  // Scorecard builder (issue 4): messages the task pane shows.
  mappingMissingRoles: (source: string, kind: string, roles: readonly string[]): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${source}: a ${kind} source needs a column for ${roles.join(" and ")}`
    ),
  mappingColumnOutOfRange: (
    source: string,
    role: string,
    column: number,
    columns: number
  ): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${source}: ${role} points at column ${column + 1}, but the source has ${columns} column${columns === 1 ? "" : "s"}`
    ),
  mappingColumnTwice: (
    source: string,
    header: string,
    firstRole: string,
    secondRole: string
  ): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${source}: column ${quote(header)} is mapped as both ${firstRole} and ${secondRole}`
    ),
  sourceEmpty: (source: string): RetainError =>
    new RetainError(RetainErrorKind.Value, `${source} has a header row but no data rows`),
  scorecardNothingToBuild: (): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      "None of the chosen sources is complete enough for a scorecard: map at least a customer id and a date, a start date, or a score"
    ),
  scorecardModeUnavailable: (mode: string): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `The ${mode} formula mode is not available yet; choose Live or Values`
    ),
  scorecardCancelled: (): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      "The scorecard build was cancelled; the workbook is unchanged"
    ),
  scorecardFailed: (stage: string, detail: string): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `Building the scorecard failed while ${stage}: ${detail.replace(/\.+$/, "")}. The workbook is unchanged.`
    ),
  scorecardCleanupFailed: (sheet: string, detail: string): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `Building the scorecard failed, and the unfinished sheet "${sheet}" could not be removed (${detail}); please delete it by hand`
    ),
  sourceMissing: (source: string): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${source} is no longer in the workbook; refresh the list of sources`
    ),
  sourceChanged: (source: string, detail: string): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${source} has changed since it was mapped (${detail}); map it again`
    ),
  selectionEmpty: (): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      "The selection is empty: select a header row and the data below it"
    ),
  selectionTooSmall: (): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      "Select a header row and at least one row of data below it"
    ),
  requestTooLarge: (what: string, bytes: number, limit: number): RetainError =>
    new RetainError(
      RetainErrorKind.Value,
      `${what} would send about ${Math.ceil(bytes / 1024)} KB to Excel in one request, over the ${Math.floor(limit / 1024)} KB limit`
    ),
} as const;

/** True when `error` is one of Retain's domain errors. */
export function isRetainError(error: unknown): error is RetainError {
  return error instanceof RetainError;
}
