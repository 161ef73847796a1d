/**
 * The benchmark cases: each RETAIN function called through the registered function in the
 * shipped bundle, with its arguments shaped exactly as Excel passes them (`any[][]` columns of
 * 1-element rows). Data comes from the project's seeded generator (src/sample/generate.ts).
 */
import {
  asExcelColumn,
  generateDurations,
  generateTransactions,
  mulberry32,
} from "../src/sample/generate";

/** What a case hands the worker: the arguments, and optionally a bare loop doing the same counting over the same arrays. */
export interface PreparedCase {
  args: unknown[];
  /** The least work any implementation must do over the same input, for the "≤ 3× a bare loop" target. */
  bareLoop?: () => unknown;
  /** Data to export for an outside reference (pandas or R), written by the worker as binary files. */
  external?:
    | { kind: "pandas-cohort"; ids: (string | number)[]; serial: Float64Array }
    | { kind: "r-survfit"; durations: Float64Array; churned: Uint8Array };
}

export interface BenchCase {
  id: string;
  /** Row counts to run at. */
  sizes: number[];
  prepare(rows: number): PreparedCase;
}

const SIZES = [10_000, 100_000, 1_048_576];
/** COHORT at 1M rows uses the shape: 100k customers over 36 months; smaller sizes scale customers down. */
function transactions(rows: number) {
  return generateTransactions({
    rows,
    customers: Math.max(100, Math.round(rows / 10.48576)),
    months: 36,
    seed: 7,
  });
}

export const CASES: BenchCase[] = [
  {
    id: "COHORT",
    sizes: SIZES,
    prepare(rows) {
      const t = transactions(rows);
      return {
        args: [asExcelColumn(t.ids), asExcelColumn(t.serials), "month", "classic", "rate"],
        external: { kind: "pandas-cohort", ids: t.ids, serial: t.serials },
      };
    },
  },
  {
    id: "SURVIVAL",
    sizes: SIZES,
    prepare(rows) {
      const d = generateDurations({ rows, seed: 3 });
      return {
        args: [asExcelColumn(d.durations), asExcelColumn(d.churned), 0.95],
        external: { kind: "r-survfit", durations: d.durations, churned: d.churned },
      };
    },
  },
  {
    id: "MEDIANLIFETIME",
    sizes: SIZES,
    prepare(rows) {
      const d = generateDurations({ rows, seed: 3 });
      return { args: [asExcelColumn(d.durations), asExcelColumn(d.churned)] };
    },
  },
  {
    id: "NPS",
    sizes: SIZES,
    prepare(rows) {
      const random = mulberry32(11);
      const scores = asExcelColumn(Array.from({ length: rows }, () => Math.floor(random() * 11)));
      return {
        args: [scores],
        bareLoop: () => {
          let promoters = 0;
          let detractors = 0;
          for (let i = 0; i < scores.length; i++) {
            const v = scores[i][0] as number;
            if (v >= 9) promoters++;
            else if (v <= 6) detractors++;
          }
          return (100 * (promoters - detractors)) / scores.length;
        },
      };
    },
  },
  {
    id: "REPEATRATE",
    sizes: SIZES,
    prepare(rows) {
      const ids = asExcelColumn(transactions(rows).ids);
      return {
        args: [ids, 2],
        bareLoop: () => {
          const counts = new Map<unknown, number>();
          for (let i = 0; i < ids.length; i++)
            counts.set(ids[i][0], (counts.get(ids[i][0]) ?? 0) + 1);
          let repeat = 0;
          for (const c of counts.values()) if (c >= 2) repeat++;
          return repeat / counts.size;
        },
      };
    },
  },
  {
    id: "ACTIVEUSERS",
    sizes: SIZES,
    prepare(rows) {
      const t = transactions(rows);
      const ids = asExcelColumn(t.ids);
      const dates = asExcelColumn(t.serials);
      // as_of omitted, as analysts usually leave it: it defaults to the latest date in the data,
      // so the bare loop must find that too before counting.
      return {
        args: [ids, dates, null, 30],
        bareLoop: () => {
          let asOf = -Infinity;
          for (let i = 0; i < dates.length; i++)
            if ((dates[i][0] as number) > asOf) asOf = dates[i][0] as number;
          const active = new Set<unknown>();
          for (let i = 0; i < ids.length; i++) {
            const d = dates[i][0] as number;
            if (d > asOf - 30 && d <= asOf) active.add(ids[i][0]);
          }
          return active.size;
        },
      };
    },
  },
  ...["USAGETREND", "DISENGAGED"].map((id): BenchCase => ({
    id,
    sizes: SIZES,
    prepare(rows) {
      const t = transactions(rows);
      return { args: [asExcelColumn(t.ids), asExcelColumn(t.serials)] };
    },
  })),
  {
    id: "RFM",
    sizes: SIZES,
    prepare(rows) {
      const t = transactions(rows);
      return { args: [asExcelColumn(t.ids), asExcelColumn(t.serials), asExcelColumn(t.amounts)] };
    },
  },
  {
    id: "TOPREFERRERS",
    sizes: SIZES,
    prepare(rows) {
      const random = mulberry32(5);
      // One row per customer; about a third were referred by one of 2,000 referrers.
      const referrers = asExcelColumn(
        Array.from({ length: rows }, () =>
          random() < 0.33 ? `C${Math.floor(random() * 2000)}` : null
        )
      );
      return { args: [referrers, 10] };
    },
  },
];
