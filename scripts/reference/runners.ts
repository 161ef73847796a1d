/**
 * Run the outside references (R's survival package, pandas) from Node, for the fixture script
 * (make-fixtures.ts) and for the live checks in test/cohort.test.ts and test/survival.test.ts.
 * Uses Debian's `Rscript` and `/usr/bin/python3` (see ../shared/TOOLCHAIN.md).
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";

/** The shared reference data sets (../shared/data/reference next to the checkout). */
export const REFERENCE_DATA_DIR = path.resolve(__dirname, "../../../shared/data/reference");

/** Where the committed fixtures live. */
export const FIXTURE_DIR = path.resolve(__dirname, "../../test/reference/fixtures");

const PYTHON = "/usr/bin/python3";

/** True when `Rscript` runs and has the survival package. */
export function rAvailable(): boolean {
  const result = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(survival))"], { encoding: "utf8" });
  return result.status === 0;
}

/** True when Debian's python3 runs and imports pandas. */
export function pandasAvailable(): boolean {
  const result = spawnSync(PYTHON, ["-c", "import pandas"], { encoding: "utf8" });
  return result.status === 0;
}

/** R's survfit table, restricted to times with at least one event; `null` where R gives NA. */
export interface RKaplanMeier {
  time: number[];
  n_risk: number[];
  n_event: number[];
  n_censor: number[];
  surv: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  r_version: string;
  survival_version: string;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** Run scripts/reference/km.R on these durations and events. */
export function runKaplanMeierInR(durations: ArrayLike<number>, events: ArrayLike<number>, confidence = 0.95): RKaplanMeier {
  const dir = mkdtempSync(path.join(tmpdir(), "retain-km-"));
  try {
    const file = path.join(dir, "input.csv");
    const lines = ["duration,event"];
    for (let i = 0; i < durations.length; i++) lines.push(`${durations[i]},${events[i] ? 1 : 0}`);
    writeFileSync(file, lines.join("\n") + "\n");
    return JSON.parse(run("Rscript", [path.join(__dirname, "km.R"), file, String(confidence)])) as RKaplanMeier;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One cohort count matrix from pandas; `null` after the last period in the data. */
export interface PandasCohort {
  cohortStarts: number[];
  sizes: number[];
  counts: (number | null)[][];
}

/** What scripts/reference/cohort.py prints. */
export interface PandasCohorts {
  rows: number;
  pandas_version: string;
  month_classic: PandasCohort;
  month_unbounded: PandasCohort;
  week_classic: PandasCohort;
  quarter_classic: PandasCohort;
}

/** Run scripts/reference/cohort.py on CDNOW_master.txt. */
export function runCohortsInPandasOnCdnow(file = path.join(REFERENCE_DATA_DIR, "CDNOW_master.txt")): PandasCohorts {
  return JSON.parse(run(PYTHON, [path.join(__dirname, "cohort.py"), "cdnow", file])) as PandasCohorts;
}

/** Run scripts/reference/cohort.py on a transaction log given as ids and whole-day serials. */
export function runCohortsInPandas(ids: readonly string[], serials: ArrayLike<number>): PandasCohorts {
  const dir = mkdtempSync(path.join(tmpdir(), "retain-cohort-"));
  try {
    const file = path.join(dir, "input.csv");
    const lines = ["id,serial"];
    for (let i = 0; i < ids.length; i++) lines.push(`${ids[i]},${serials[i]}`);
    writeFileSync(file, lines.join("\n") + "\n");
    return JSON.parse(run(PYTHON, [path.join(__dirname, "cohort.py"), "csv", file])) as PandasCohorts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
