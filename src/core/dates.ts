/**
 * Dates as Excel serial numbers (the 1900 date system), and the calendar periods that
 * retention is counted in.
 *
 * Excel stores a date as the number of days since 1899-12-30 (so serial 45292 is 2024-01-01),
 * with the time of day as the fraction. The arithmetic here is integer civil-calendar
 * arithmetic (Howard Hinnant's `days_from_civil`, http://howardhinnant.github.io/date_algorithms.html),
 * not `Date` objects, because bucketing 1,048,576 rows through `Date` is several times slower.
 *
 * Serials below 61 (January and February 1900) are off by one day in Excel because of its
 * deliberate 1900 leap-year bug; retention data does not reach back that far, so no
 * correction is made.
 */

/** Days between 1970-01-01 (Unix epoch) and 1899-12-30 (Excel's day 0). */
const UNIX_EPOCH_SERIAL = 25569;

/** The calendar periods that cohorts and trends are counted in. */
export type Period = "day" | "week" | "month" | "quarter" | "year";

/** All period names, in increasing length; used for argument validation and messages. */
export const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** A calendar date. `month` is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date of a day count since 1970-01-01 (Hinnant's civil_from_days). */
function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The Excel serial of a calendar date.
 * @example dateToSerial(2024, 1, 1) // 45292
 */
export function dateToSerial(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
}

/**
 * The calendar date of an Excel serial (the time of day is dropped).
 * @example serialToDate(45292) // { year: 2024, month: 1, day: 1 }
 */
export function serialToDate(serial: number): CivilDate {
  return civilFromDays(Math.floor(serial) - UNIX_EPOCH_SERIAL);
}

/** ISO 8601 date, optionally with a time: 2024-01-15, 2024-01-15T08:30, 2024-01-15 08:30:00.5Z. */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parse ISO 8601 text into an Excel serial; `undefined` when the text is not a valid ISO date.
 * A time of day becomes the fraction; a zone suffix is accepted and ignored, because a
 * spreadsheet date has no zone and the analyst wrote the local date they meant.
 * @example isoToSerial("2024-01-15") // 45306
 * @example isoToSerial("2024-01-15T12:00") // 45306.5
 */
export function isoToSerial(text: string): number | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let serial = dateToSerial(year, month, day);
  if (match[4] !== undefined) {
    const hours = Number(match[4]);
    const minutes = Number(match[5]);
    const seconds = match[6] === undefined ? 0 : Number(match[6]);
    if (hours > 23 || minutes > 59 || seconds >= 60) return undefined;
    serial += (hours * 3600 + minutes * 60 + seconds) / 86400;
  }
  return serial;
}

/** Number of days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The serial of a Monday, used to align weeks (45292 = Monday 2024-01-01, and 2 ≡ 45292 mod 7). */
const MONDAY_SERIAL = 2;

/**
 * The index of the period that contains a date: consecutive periods have consecutive
 * indices, so `periodIndex(b) - periodIndex(a)` is the number of periods between them.
 * Weeks start on Monday (ISO 8601).
 * @example periodIndex(45292, "month") - periodIndex(45261, "month") // 1 (Dec 2023 → Jan 2024)
 */
export function periodIndex(serial: number, period: Period): number {
  const day = Math.floor(serial);
  switch (period) {
    case "day":
      return day;
    case "week":
      return Math.floor((day - MONDAY_SERIAL) / 7);
    default: {
      const { year, month } = serialToDate(day);
      if (period === "month") return year * 12 + (month - 1);
      if (period === "quarter") return year * 4 + Math.floor((month - 1) / 3);
      return year;
    }
  }
}

/**
 * The serial of the first day of the period with this index (the inverse of
 * {@link periodIndex} on period starts).
 * @example periodStartSerial(2024 * 12, "month") // 45292 (2024-01-01)
 */
export function periodStartSerial(index: number, period: Period): number {
  switch (period) {
    case "day":
      return index;
    case "week":
      return index * 7 + MONDAY_SERIAL;
    case "month":
      return dateToSerial(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1, 1);
    case "quarter":
      return dateToSerial(Math.floor(index / 4), (((index % 4) + 4) % 4) * 3 + 1, 1);
    case "year":
      return dateToSerial(index, 1, 1);
  }
}

/** Format a serial as ISO text (yyyy-mm-dd), for messages and labels. */
export function serialToIso(serial: number): string {
  const { year, month, day } = serialToDate(serial);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
