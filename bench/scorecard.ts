/**
 * The scorecard benchmark: build a scorecard from a 1,048,576-row transactions table (the
 * issue's shape: 100k customers over 36 months, seeded) against the in-memory Excel double
 * (test/support/excel-double.ts), through the same service the task pane uses. It reports the
 * Excel round trips (syncs), the largest request and response the double saw, and the time.
 * `npm run bench` calls {@link benchScorecard}; `npx tsx bench/scorecard.ts [rows]` runs it alone.
 */
import { generateTransactions } from "../src/sample/generate";
import { createOfficeScorecardService } from "../src/scorecard/office/service";
import type { FormulaMode, SourceInfo } from "../src/scorecard/types";
import { ExcelDouble } from "../test/support/excel-double";

export interface ScorecardBenchResult {
  rows: number;
  mode: FormulaMode;
  /** All context.sync() calls of the build: reading the columns, then rendering. */
  syncs: number;
  readSyncs: number;
  renderSyncs: number;
  /** The largest request (queued actions, as JSON) and response (loaded values) of the build. */
  largestRequestBytes: number;
  largestResponseBytes: number;
  /** Wall time of service.build (read, analyse, plan, render), in milliseconds. */
  ms: number;
}

/**
 * Build a scorecard from `rows` transactions against the double.
 * @param rows transaction rows; 1,048,576 (all of Excel's rows) by default
 * @param mode "live" (default, RETAIN formulas) or "values" (numbers computed by the core)
 */
export async function benchScorecard(rows = 1_048_576, mode: FormulaMode = "live"): Promise<ScorecardBenchResult> {
  const data = generateTransactions({ rows, customers: Math.max(100, Math.round(rows / 10.48576)), months: 36, seed: 7 });
  const double = new ExcelDouble({ keepLog: false });
  const rect = double.putColumns("Data", "A1", ["Customer ID", "Date", "Amount"], [data.ids, data.serials, data.amounts]);
  double.addTable("Transactions", "Data", rect);
  const source: SourceInfo = {
    id: "table:Transactions",
    label: "Transactions",
    origin: "table",
    name: "Transactions",
    sheet: "Data",
    address: `Data!A1:C${rows + 1}`,
    headers: ["Customer ID", "Date", "Amount"],
    rowCount: rows,
  };
  const service = createOfficeScorecardService({ run: (batch) => double.run(batch), now: () => new Date(2026, 0, 1) });
  let renderStart = -1;
  const started = performance.now();
  await service.build(
    [{ source, kind: "transactions", columns: { customerId: 0, date: 1, amount: 2 } }],
    { period: "month", trendPeriods: 12, industry: "saas", targets: {}, mode },
    (progress) => {
      if (progress.stage === "Creating the scorecard sheet") renderStart = double.syncCount;
    },
    new AbortController().signal,
  );
  const ms = performance.now() - started;
  const syncs = double.syncCount;
  return {
    rows,
    mode,
    syncs,
    readSyncs: renderStart,
    renderSyncs: syncs - renderStart,
    largestRequestBytes: double.largestRequestBytes,
    largestResponseBytes: double.largestResponseBytes,
    ms: Math.round(ms),
  };
}

// Run alone: npx tsx bench/scorecard.ts [rows]
if (typeof process !== "undefined" && process.argv[1]?.endsWith("scorecard.ts")) {
  const rows = Number(process.argv[2] ?? 1_048_576);
  void (async () => {
    for (const mode of ["live", "values"] as const) {
      const result = await benchScorecard(rows, mode);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
  })();
}
