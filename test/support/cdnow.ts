/**
 * The real CDNOW transactions and their pandas reference, shared by test/rfm.test.ts and
 * test/activity.test.ts. Needs ../shared/data/reference/CDNOW_master.txt (there in CI); the
 * pandas script is scripts/reference/cdnow_activity_rfm.py, committed as
 * test/reference/fixtures/cdnow-activity-rfm.json and re-run live when pandas is installed
 * (required when CI=true, see ../reference/reference.ts).
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { dateToSerial } from "../../src/core/dates";
import { fixture, liveTool, referenceFile } from "../reference/reference";

export interface CdnowReference {
  rows: number;
  asOf: number;
  customers: number;
  totals: { recency: number; frequency: number; monetary: number };
  cuts: { recency: number[]; frequency: number[]; monetary: number[] };
  scoreCounts: { r: number[]; f: number[]; m: number[] };
  sample: {
    id: string;
    recency: number;
    frequency: number;
    monetary: number;
    r: number;
    f: number;
    m: number;
  }[];
  activeUsers: Record<string, number>;
  disengaged: Record<string, { count: number; maxDaysInactive: number }>;
}

/** The CDNOW transactions as Excel would pass them: ids as text ("00001"), dates as serials, dollars. */
export function cdnowColumns(): { ids: unknown[][]; dates: unknown[][]; amounts: unknown[][] } {
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  for (const line of referenceFile("CDNOW_master.txt").split("\n").slice(1)) {
    if (line.trim() === "") continue;
    const [id, yyyymmdd, , dollars] = line.trim().split(/\s+/);
    ids.push([id]);
    dates.push([
      dateToSerial(
        Number(yyyymmdd.slice(0, 4)),
        Number(yyyymmdd.slice(4, 6)),
        Number(yyyymmdd.slice(6, 8))
      ),
    ]);
    amounts.push([Number(dollars)]);
  }
  return { ids, dates, amounts };
}

/** The committed pandas reference, re-run live when pandas is installed (required when CI=true). */
export function cdnowReference(): CdnowReference {
  const committed = fixture<CdnowReference>("cdnow-activity-rfm.json");
  if (liveTool("pandas")) {
    const script = path.resolve(__dirname, "../../scripts/reference/cdnow_activity_rfm.py");
    const data = path.resolve(__dirname, "../../../shared/data/reference/CDNOW_master.txt");
    const result = spawnSync("/usr/bin/python3", [script, data], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    if (result.status !== 0) throw new Error(`cdnow_activity_rfm.py failed: ${result.stderr}`);
    // The source line names the pandas version, which may differ between machines; the numbers may not.
    const withoutSource = (json: object) => ({ ...json, source: undefined });
    const liveNumbers = withoutSource(JSON.parse(result.stdout) as object);
    const committedNumbers = withoutSource(committed);
    expect(liveNumbers).toEqual(committedNumbers);
  }
  return committed;
}
