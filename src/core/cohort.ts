/**
 * Cohort retention matrices from a transaction log (customer id + date per row).
 *
 * A customer's cohort is the period of their first transaction. Cell (cohort c, offset k)
 * counts the cohort's customers who were active:
 * - `classic`: in period c + k exactly (the "N-day/N-month retention" of most dashboards);
 * - `unbounded`: in any period ≥ c + k ("on or after", as Mixpanel and Amplitude define it),
 *   i.e. whose last transaction is in period c + k or later.
 * `output "rate"` divides each count by the cohort size, so classic offset 0 is always 1.
 *
 * Why the code looks the way it does: this runs on up to 1,048,576 rows inside Excel, so it
 * works on integer indices in typed arrays. Ids are interned once into customer numbers, each
 * date's period comes from a per-day lookup table, and one pass over the rows fills a
 * per-customer record of first period, last period and a bitset of active periods (for very
 * many periods, a counting sort by customer replaces the bitset). No per-row objects are
 * allocated. pandas (groupby + drop_duplicates) is the reference: test/cohort.test.ts.
 */
import { Errors } from "./errors";
import { Period, periodIndex, periodStartSerial } from "./dates";

/** How a cell counts activity: in period c + k exactly, or in any period on or after it. */
export type CohortMode = "classic" | "unbounded";
/** All cohort modes, for argument validation and messages. */
export const COHORT_MODES: readonly CohortMode[] = ["classic", "unbounded"];

/** Whether cells are shares of the cohort or distinct-customer counts. */
export type CohortOutput = "rate" | "count";
/** All cohort outputs, for argument validation and messages. */
export const COHORT_OUTPUTS: readonly CohortOutput[] = ["rate", "count"];

/** The most columns an Excel spill can have (Excel's sheet width). */
export const MAX_SPILL_COLUMNS = 16384;

/** The two label columns before the offsets in the spill: `Cohort`, `Customers`. */
export const COHORT_HEADER: readonly string[] = ["Cohort", "Customers"];

/** Options of {@link cohortMatrix}; each defaults as RETAIN.COHORT does. */
export interface CohortOptions {
  /** The period cohorts and offsets are counted in; "month" by default. Weeks start on Monday. */
  period?: Period;
  /** "classic" (default) or "unbounded". */
  mode?: CohortMode;
  /** "rate" (default) or "count". */
  output?: CohortOutput;
  /**
   * How classic mode finds distinct (customer, period) pairs; the result is the same.
   * "auto" (default) picks "bitset" (one bit per customer and period: one pass, used when that
   * is at most ~8 bytes per row) or else "sort" (rows grouped by customer with a counting sort).
   * Set only by tests and benchmarks, to check and time both.
   */
  strategy?: "auto" | "bitset" | "sort";
}

/** A cohort retention matrix: one row per cohort that has customers, oldest first. */
export interface CohortMatrix {
  readonly period: Period;
  readonly mode: CohortMode;
  readonly output: CohortOutput;
  /** The first day of each cohort's period, as an Excel serial. */
  readonly cohortStarts: number[];
  /** The number of customers in each cohort. */
  readonly sizes: number[];
  /** The number of offset columns: periods from the oldest cohort to the last period in the data. */
  readonly offsets: number;
  /**
   * `values[row][k]`: the count or share at offset k; `undefined` for offsets after the last
   * period in the data (the cohort has not lived that long yet). Every row has `offsets` cells.
   */
  readonly values: (number | undefined)[][];
}

/**
 * Intern id keys into dense customer numbers (0, 1, 2, … in order of first appearance).
 * @example internIds(["a", "b", "a"]) // { customerOfRow: Int32Array [0, 1, 0], customerCount: 2 }
 */
export function internIds(keys: ArrayLike<string>): {
  customerOfRow: Int32Array;
  customerCount: number;
} {
  const numbers = new Map<string, number>();
  const customerOfRow = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    let customer = numbers.get(key);
    if (customer === undefined) {
      customer = numbers.size;
      numbers.set(key, customer);
    }
    customerOfRow[i] = customer;
  }
  return { customerOfRow, customerCount: numbers.size };
}

/**
 * How rows map to periods: the earliest and latest period index in the data, and, when the
 * days are dense (the normal case: a 3-year log has ~1,100 distinct days for a million rows),
 * a per-day lookup table so that a row's period is one array read. Dates with a time of day
 * count on their day.
 */
interface PeriodMap {
  first: number;
  last: number;
  minDay: number;
  /** Period index − first, for each day from minDay; undefined when the days are too sparse for a table. */
  periodOfDay: Int32Array | undefined;
}

function periodMap(serials: ArrayLike<number>, period: Period): PeriodMap {
  const n = serials.length;
  let minSerial = Infinity;
  let maxSerial = -Infinity;
  for (let i = 0; i < n; i++) {
    const serial = serials[i];
    if (!(serial >= 0) || serial === Infinity)
      throw Errors.notADate(`dates, item ${i + 1}`, serial);
    if (serial < minSerial) minSerial = serial;
    if (serial > maxSerial) maxSerial = serial;
  }
  const minDay = Math.floor(minSerial);
  const maxDay = Math.floor(maxSerial);
  const first = periodIndex(minDay, period);
  const last = periodIndex(maxDay, period);
  const daySpan = maxDay - minDay + 1;
  let periodOfDay: Int32Array | undefined;
  if (daySpan <= 4 * n + 4096) {
    periodOfDay = new Int32Array(daySpan);
    for (let d = 0; d < daySpan; d++) periodOfDay[d] = periodIndex(minDay + d, period) - first;
  }
  return { first, last, minDay, periodOfDay };
}

/** The period of every row, relative to the earliest period in the data. */
function relativePeriods(serials: ArrayLike<number>, period: Period, map: PeriodMap): Int32Array {
  const relative = new Int32Array(serials.length);
  const { periodOfDay, minDay, first } = map;
  for (let i = 0; i < serials.length; i++) {
    relative[i] =
      periodOfDay !== undefined
        ? periodOfDay[Math.floor(serials[i]) - minDay]
        : periodIndex(serials[i], period) - first;
  }
  return relative;
}

/**
 * Classic counts by grouping the rows' periods by customer (counting sort), then counting each
 * distinct (customer, period) once: `seenBy[p]` remembers the last customer counted in period
 * p. O(rows + customers + periods) memory, for when a bitset would be too large (daily periods).
 */
function countClassicWithSort(
  customerOfRow: ArrayLike<number>,
  relative: Int32Array,
  customerCount: number,
  width: number,
  firstOf: Int32Array,
  rowOfPeriod: Int32Array,
  counts: Float64Array
): void {
  const n = relative.length;
  const startOf = new Int32Array(customerCount + 1);
  for (let i = 0; i < n; i++) startOf[customerOfRow[i] + 1]++;
  for (let c = 0; c < customerCount; c++) startOf[c + 1] += startOf[c];
  const fill = startOf.slice(0, customerCount);
  const periodsByCustomer = new Int32Array(n);
  for (let i = 0; i < n; i++) periodsByCustomer[fill[customerOfRow[i]]++] = relative[i];
  const seenBy = new Int32Array(width).fill(-1);
  for (let c = 0; c < customerCount; c++) {
    if (firstOf[c] >= width) continue; // a number with no rows
    const base = rowOfPeriod[firstOf[c]] * width - firstOf[c];
    for (let j = startOf[c], end = startOf[c + 1]; j < end; j++) {
      const p = periodsByCustomer[j];
      if (seenBy[p] !== c) {
        seenBy[p] = c;
        counts[base + p]++;
      }
    }
  }
}

/**
 * The cohort retention matrix of a transaction log given as interned customer numbers.
 * This is the engine behind {@link cohortMatrix}; call it directly when the ids are already
 * numbered (e.g. by the coercion layer), to skip a second interning pass.
 *
 * One pass over the rows fills a per-customer record [first period, last period, activity
 * bits…] (one record per customer, so each row touches one cache line); classic mode walks
 * the bits, unbounded mode needs only first and last. When the bits would take more than
 * ~8 bytes per row (daily periods over years), classic mode groups rows with a counting sort
 * instead.
 *
 * @param customerOfRow the customer number (0 ≤ c < customerCount) of each row
 * @param customerCount how many customer numbers there are (numbers with no rows are ignored)
 * @param serials the date of each row as an Excel serial (≥ 0; a time of day is ignored)
 * @throws {RetainError} `#DIV/0!` with no rows; `#VALUE!` for a bad date or more periods than Excel's columns
 * @example cohortMatrixFromIndices(Int32Array.of(0, 0, 1), 2, [45292, 45323, 45323]).sizes // [1, 1]
 */
export function cohortMatrixFromIndices(
  customerOfRow: ArrayLike<number>,
  customerCount: number,
  serials: ArrayLike<number>,
  options: CohortOptions = {}
): CohortMatrix {
  const period = options.period ?? "month";
  const mode = options.mode ?? "classic";
  const output = options.output ?? "rate";
  const n = serials.length;
  if (customerOfRow.length !== n) {
    throw Errors.lengthMismatch("customer_ids", customerOfRow.length, "dates", n);
  }
  if (n === 0 || customerCount === 0) throw Errors.noData("customer_ids and dates");

  const map = periodMap(serials, period);
  const { first, last, minDay, periodOfDay } = map;
  const width = last - first + 1;
  if (width + COHORT_HEADER.length > MAX_SPILL_COLUMNS) {
    throw Errors.tooManyPeriods(width, period, MAX_SPILL_COLUMNS - COHORT_HEADER.length);
  }

  const words = (width + 31) >>> 5;
  const strategy = options.strategy ?? "auto";
  const bitsetFits = customerCount * words <= 2 * Math.max(n, 1 << 16);
  const useBitset =
    mode === "classic" && (strategy === "bitset" || (strategy === "auto" && bitsetFits));

  // Per-customer records: [first period, last period, then `words` activity bits when useBitset].
  const stride = useBitset ? 2 + words : 2;
  const record = new Int32Array(customerCount * stride);
  for (let c = 0; c < customerCount; c++) {
    record[c * stride] = width;
    record[c * stride + 1] = -1;
  }
  for (let i = 0; i < n; i++) {
    const p =
      periodOfDay !== undefined
        ? periodOfDay[Math.floor(serials[i]) - minDay]
        : periodIndex(serials[i], period) - first;
    const base = customerOfRow[i] * stride;
    if (p < record[base]) record[base] = p;
    if (p > record[base + 1]) record[base + 1] = p;
    if (useBitset) record[base + 2 + (p >>> 5)] |= 1 << (p & 31);
  }
  const firstOf = new Int32Array(customerCount);
  for (let c = 0; c < customerCount; c++) firstOf[c] = record[c * stride];

  // Cohort rows: the periods that are someone's first, oldest first.
  const rowOfPeriod = new Int32Array(width).fill(-1);
  const sizeOfPeriod = new Int32Array(width);
  for (let c = 0; c < customerCount; c++) if (firstOf[c] < width) sizeOfPeriod[firstOf[c]]++;
  const cohortPeriods: number[] = [];
  for (let p = 0; p < width; p++) {
    if (sizeOfPeriod[p] > 0) {
      rowOfPeriod[p] = cohortPeriods.length;
      cohortPeriods.push(p);
    }
  }
  const cohortCount = cohortPeriods.length;
  // counts[row * width + k]: customers of cohort `row` counted at offset k.
  const counts = new Float64Array(cohortCount * width);

  if (useBitset) {
    for (let c = 0; c < customerCount; c++) {
      const firstPeriod = firstOf[c];
      if (firstPeriod >= width) continue; // a number with no rows
      const base = rowOfPeriod[firstPeriod] * width - firstPeriod;
      for (let w = 0; w < words; w++) {
        let word = record[c * stride + 2 + w];
        while (word !== 0) {
          const lowest = word & -word;
          counts[base + (w << 5) + (31 - Math.clz32(lowest))]++;
          word ^= lowest;
        }
      }
    }
  } else if (mode === "classic") {
    const relative = relativePeriods(serials, period, map);
    countClassicWithSort(
      customerOfRow,
      relative,
      customerCount,
      width,
      firstOf,
      rowOfPeriod,
      counts
    );
  } else {
    // A customer counts at every offset up to their last active period: histogram of
    // last offsets per cohort, then a suffix sum along each row.
    for (let c = 0; c < customerCount; c++) {
      const firstPeriod = firstOf[c];
      if (firstPeriod >= width) continue;
      counts[rowOfPeriod[firstPeriod] * width + (record[c * stride + 1] - firstPeriod)]++;
    }
    for (let row = 0; row < cohortCount; row++) {
      for (let k = width - 2; k >= 0; k--) counts[row * width + k] += counts[row * width + k + 1];
    }
  }

  const cohortStarts: number[] = new Array(cohortCount);
  const sizes: number[] = new Array(cohortCount);
  const values: (number | undefined)[][] = new Array(cohortCount);
  for (let row = 0; row < cohortCount; row++) {
    const p = cohortPeriods[row];
    const size = sizeOfPeriod[p];
    cohortStarts[row] = periodStartSerial(first + p, period);
    sizes[row] = size;
    const available = width - p; // offsets 0 … (last period − cohort period)
    const cells: (number | undefined)[] = new Array(width);
    for (let k = 0; k < width; k++) {
      if (k >= available) cells[k] = undefined;
      else cells[k] = output === "count" ? counts[row * width + k] : counts[row * width + k] / size;
    }
    values[row] = cells;
  }
  return { period, mode, output, cohortStarts, sizes, offsets: width, values };
}

/**
 * The cohort retention matrix of a transaction log.
 * Definitions as in ChartMogul/Mixpanel cohort reports: the cohort is the period of a
 * customer's first transaction; classic counts activity in period c + k, unbounded in any
 * period ≥ c + k. Checked against pandas (test/reference/fixtures, scripts/reference/cohort.py).
 *
 * @param customerIds one id key per row (already trimmed and lower-cased, see coerce.idKey)
 * @param serials the date of each row as an Excel serial (≥ 0; a time of day is ignored)
 * @throws {RetainError} `#DIV/0!` with no rows; `#VALUE!` for mismatched lengths, a bad date, or more periods than Excel's columns
 * @example
 * // a: Jan, Feb; b: Jan; c: Feb (2024). Month cohorts Jan (a, b) and Feb (c):
 * cohortMatrix(["a", "a", "b", "c"], [45292, 45323, 45300, 45330], { output: "count" }).values
 * // [[2, 1], [1, undefined]]
 */
export function cohortMatrix(
  customerIds: ArrayLike<string>,
  serials: ArrayLike<number>,
  options: CohortOptions = {}
): CohortMatrix {
  if (customerIds.length !== serials.length) {
    throw Errors.lengthMismatch("customer_ids", customerIds.length, "dates", serials.length);
  }
  const { customerOfRow, customerCount } = internIds(customerIds);
  return cohortMatrixFromIndices(customerOfRow, customerCount, serials, options);
}

/**
 * The matrix as spill rows: a header row `Cohort`, `Customers`, 0, 1, 2, … (offsets as
 * numbers), then one row per cohort: its first day as a serial, its size, its cells, with
 * `""` (a blank cell) for offsets after the last period in the data.
 * @example cohortSpillRows(m) // [["Cohort", "Customers", 0, 1], [45292, 2, 1, 0.5], [45323, 1, 1, ""]]
 */
export function cohortSpillRows(matrix: CohortMatrix): (number | string)[][] {
  const header: (number | string)[] = [...COHORT_HEADER];
  for (let k = 0; k < matrix.offsets; k++) header.push(k);
  const rows: (number | string)[][] = [header];
  for (let row = 0; row < matrix.values.length; row++) {
    const line: (number | string)[] = [matrix.cohortStarts[row], matrix.sizes[row]];
    for (const cell of matrix.values[row]) line.push(cell === undefined ? "" : cell);
    rows.push(line);
  }
  return rows;
}
