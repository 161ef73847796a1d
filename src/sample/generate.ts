/**
 * Seeded sample data for benchmarks, tests and demos: transaction logs and customer durations.
 *
 * Everything is driven by {@link mulberry32}, a small seeded PRNG, so the same seed gives the
 * same data on every machine (no `Math.random`). The shapes are chosen to look like real
 * retention data: customers arrive evenly over the span, buy most often soon after their first
 * purchase, and lifetimes are roughly exponential with a share still active (censored).
 */
import { dateToSerial } from "../core/dates";

/**
 * mulberry32: a 32-bit seeded PRNG by Tommy Ettinger (public domain), returning floats in [0, 1).
 * Fast and good enough for sample data (not for cryptography).
 * @example const random = mulberry32(42); random(); // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options for {@link generateTransactions}. */
export interface TransactionOptions {
  /** Number of transaction rows (the bench uses 1,048,576: all of Excel's rows). */
  rows: number;
  /** Number of distinct customers the rows are spread over. */
  customers: number;
  /** Length of the log in months, starting at `startSerial`. */
  months: number;
  /** The first day of the log as an Excel serial; 45292 (2024-01-01) by default. */
  startSerial?: number;
  /** PRNG seed; 1 by default. */
  seed?: number;
  /** "text" ids such as "C000123" (default) or "number" ids such as 123. */
  idStyle?: "text" | "number";
}

/** A transaction log as parallel columns. */
export interface Transactions {
  /** The customer id of each row. */
  ids: (string | number)[];
  /** The date of each row as a whole-day Excel serial. */
  serials: Float64Array;
  /** The amount of each row, in currency units with cents. */
  amounts: Float64Array;
}

/**
 * A seeded transaction log. Each customer gets a first-purchase day spread evenly over the
 * span; each row picks a customer at random and a day after that customer's first purchase,
 * skewed towards the start (day offset ∝ u², u uniform), so later cohort periods thin out
 * as in real retention data.
 * @example generateTransactions({ rows: 1_048_576, customers: 100_000, months: 36, seed: 7 })
 */
export function generateTransactions(options: TransactionOptions): Transactions {
  const random = mulberry32(options.seed ?? 1);
  const start = options.startSerial ?? dateToSerial(2024, 1, 1);
  const span = Math.max(1, Math.round(options.months * 30.4375));
  const customers = Math.max(1, options.customers);
  const firstDay = new Float64Array(customers);
  for (let c = 0; c < customers; c++) firstDay[c] = start + Math.floor(random() * span);
  const names: (string | number)[] = new Array(customers);
  for (let c = 0; c < customers; c++) {
    names[c] = options.idStyle === "number" ? c + 1 : `C${String(c + 1).padStart(6, "0")}`;
  }
  const ids: (string | number)[] = new Array(options.rows);
  const serials = new Float64Array(options.rows);
  const amounts = new Float64Array(options.rows);
  for (let r = 0; r < options.rows; r++) {
    // The first `customers` rows are each customer's first purchase, so every customer appears.
    const c = r < customers ? r : Math.floor(random() * customers);
    const u = random();
    const remaining = start + span - 1 - firstDay[c];
    ids[r] = names[c];
    serials[r] = r < customers ? firstDay[c] : firstDay[c] + Math.floor(u * u * (remaining + 1));
    amounts[r] = Math.round((5 + random() * 95) * 100) / 100;
  }
  return { ids, serials, amounts };
}

/** Options for {@link generateDurations}. */
export interface DurationOptions {
  /** Number of customers (rows). */
  rows: number;
  /** Mean lifetime in whole periods (e.g. months); 18 by default. */
  meanLifetime?: number;
  /** Length of observation in periods: lifetimes beyond it are censored at it; 60 by default. */
  followUp?: number;
  /** Share of customers censored early at a random time (still active when the data was pulled); 0.3 by default. */
  censoredShare?: number;
  /** PRNG seed; 1 by default. */
  seed?: number;
}

/** Customer lifetimes with censoring: `churned[i]` is 1 when customer i left at `durations[i]`, 0 when still active then. */
export interface Durations {
  durations: Float64Array;
  churned: Uint8Array;
}

/**
 * Seeded whole-period lifetimes (exponential with the given mean, rounded down), with random
 * early censoring and administrative censoring at `followUp`. Ties are frequent, as in real
 * monthly churn data, which exercises the tie handling of Kaplan–Meier.
 * @example generateDurations({ rows: 1_048_576, seed: 3 })
 */
export function generateDurations(options: DurationOptions): Durations {
  const random = mulberry32(options.seed ?? 1);
  const mean = options.meanLifetime ?? 18;
  const followUp = options.followUp ?? 60;
  const censoredShare = options.censoredShare ?? 0.3;
  const durations = new Float64Array(options.rows);
  const churned = new Uint8Array(options.rows);
  for (let i = 0; i < options.rows; i++) {
    const lifetime = Math.floor(-mean * Math.log(1 - random()));
    const censorAt = random() < censoredShare ? Math.floor(random() * followUp) : followUp;
    if (lifetime < censorAt) {
      durations[i] = lifetime;
      churned[i] = 1;
    } else {
      durations[i] = censorAt;
      churned[i] = 0;
    }
  }
  return { durations, churned };
}

/** Turn a column of values into the shape Excel passes to an `any[][]` parameter: one 1-element row per cell. */
export function asExcelColumn(values: ArrayLike<unknown>): unknown[][] {
  const rows = new Array<unknown[]>(values.length);
  for (let i = 0; i < values.length; i++) rows[i] = [values[i]];
  return rows;
}
