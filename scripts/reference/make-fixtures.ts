/**
 * Regenerate the outside-reference fixtures in test/reference/fixtures/ (committed, so that
 * `npm test` compares against R and pandas even where they are not installed; the tests also
 * re-run R and pandas live when they are).
 *
 * Usage: npx tsx scripts/reference/make-fixtures.ts
 * Needs: Rscript with the survival package, /usr/bin/python3 with pandas, ../shared/data/reference.
 *
 * - km.json: R's survfit(conf.type = "log-log") on the lifelines waltons data and on two seeded
 *   censored samples (inputs stored alongside, so each case is self-contained).
 * - cohort-cdnow.json: pandas' cohort count matrices of CDNOW_master.txt.
 * - cohort-seeded.json: pandas' matrices of a seeded transaction log (input stored alongside).
 */
import { readFileSync, writeFileSync } from "fs";
import path from "path";
import { generateDurations, generateTransactions, mulberry32 } from "../../src/sample/generate";
import {
  FIXTURE_DIR,
  REFERENCE_DATA_DIR,
  runCohortsInPandas,
  runCohortsInPandasOnCdnow,
  runKaplanMeierInR,
} from "./runners";

/** The waltons data set (lifelines): T, E, group. */
export function readWaltons(): { durations: number[]; events: number[] } {
  const lines = readFileSync(path.join(REFERENCE_DATA_DIR, "waltons_dataset.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  return {
    durations: lines.map((line) => Number(line.split(",")[0])),
    events: lines.map((line) => Number(line.split(",")[1])),
  };
}

function survivalCases(): { name: string; source: string; confidence: number; durations: number[]; events: number[] }[] {
  const waltons = readWaltons();
  // Whole months with many ties, 30% censored early, administrative censoring at 36.
  const monthly = generateDurations({ rows: 400, seed: 11, meanLifetime: 12, followUp: 36 });
  // Durations in tenths with a long follow-up, so the longest time is a churn with no one
  // left: S reaches 0 and R's interval is NA there. Confidence 0.9 exercises the z value.
  const random = mulberry32(5);
  const durations: number[] = [];
  const events: number[] = [];
  for (let i = 0; i < 80; i++) {
    durations.push(Math.round(-60 * Math.log(1 - random())) / 10);
    events.push(random() < 0.8 ? 1 : 0);
  }
  const longest = durations.indexOf(Math.max(...durations));
  events[longest] = 1;
  return [
    { name: "waltons", source: "lifelines waltons_dataset.csv (all 163 subjects, T and E)", confidence: 0.95, ...waltons },
    {
      name: "seeded-monthly",
      source: "generateDurations({ rows: 400, seed: 11, meanLifetime: 12, followUp: 36 })",
      confidence: 0.95,
      durations: Array.from(monthly.durations),
      events: Array.from(monthly.churned),
    },
    {
      name: "seeded-tenths-to-zero",
      source: "mulberry32(5): 80 exponential durations in tenths, 80% churned, the longest churned",
      confidence: 0.9,
      durations,
      events,
    },
  ];
}

function main(): void {
  const cases = survivalCases().map((c) => ({ ...c, r: runKaplanMeierInR(c.durations, c.events, c.confidence) }));
  writeFileSync(path.join(FIXTURE_DIR, "km.json"), JSON.stringify({ generatedBy: "scripts/reference/make-fixtures.ts", cases }) + "\n");

  const cdnow = runCohortsInPandasOnCdnow();
  writeFileSync(path.join(FIXTURE_DIR, "cohort-cdnow.json"), JSON.stringify({ generatedBy: "scripts/reference/make-fixtures.ts", pandas: cdnow }) + "\n");

  // 3,000 rows, 400 customers over 8 months from a Wednesday (so weeks and months do not align);
  // every third id is upper-cased to check that ids match case-insensitively.
  const log = generateTransactions({ rows: 3000, customers: 400, months: 8, seed: 21, startSerial: 45294 });
  const ids = log.ids.map((id, i) => (i % 3 === 0 ? String(id).toUpperCase() : String(id).toLowerCase()));
  const serials = Array.from(log.serials);
  const pandas = runCohortsInPandas(ids, serials);
  writeFileSync(
    path.join(FIXTURE_DIR, "cohort-seeded.json"),
    JSON.stringify({
      generatedBy: "scripts/reference/make-fixtures.ts",
      source: "generateTransactions({ rows: 3000, customers: 400, months: 8, seed: 21, startSerial: 45294 }), every third id upper-cased",
      input: { ids, serials },
      pandas,
    }) + "\n",
  );
}

main();
