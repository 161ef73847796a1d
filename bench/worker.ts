/**
 * One benchmark measurement in a fresh process, so that memory figures are not polluted by
 * earlier cases: `node --expose-gc --import tsx bench/worker.ts <FUNCTION> <ROWS> <OUTDIR>`.
 *
 * Memory: the arguments are built first (they are the "input arrays"); after a full GC the
 * resident set size is the baseline. The peak above input is the process's maximum RSS after
 * the call minus that baseline (building the inputs is the largest allocation before the call,
 * so the maximum RSS before the call is the baseline itself).
 */
import * as fs from "fs";
import * as path from "path";
import { CASES } from "./cases";

interface CustomFunctionsError {
  code: string;
  message: string;
}

function loadRegistered(): Map<string, (...args: unknown[]) => unknown> {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  class ExcelError extends Error implements CustomFunctionsError {
    constructor(
      readonly code: string,
      message?: string
    ) {
      super(message);
    }
  }
  const host = {
    Error: ExcelError,
    associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
  };
  const code = fs.readFileSync(path.resolve(__dirname, "../dist/functions.js"), "utf8");
  // Same realm as the inputs, as in Excel's runtime; a vm context would add cross-realm access
  // costs that Excel does not have (measured: about 10× on NPS).
  new Function("CustomFunctions", code)(host);
  return registered;
}

function gc(): void {
  (globalThis as unknown as { gc?: () => void }).gc?.();
}

function time(fn: () => unknown, repeats: number): { ms: number; result: unknown } {
  let best = Infinity;
  let result: unknown;
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms < best) best = ms;
  }
  return { ms: best, result };
}

const [id, rowsText, outDir] = process.argv.slice(2);
const rows = Number(rowsText);
const benchCase = CASES.find((c) => c.id === id);
if (!benchCase) throw new Error(`unknown case ${id}`);
const fn = loadRegistered().get(id);
if (!fn) {
  process.stdout.write(JSON.stringify({ id, rows, missing: true }) + "\n");
  process.exit(0);
}
const prepared = benchCase.prepare(rows);
if (prepared.external && outDir) {
  const e = prepared.external;
  fs.mkdirSync(outDir, { recursive: true });
  if (e.kind === "pandas-cohort") {
    // The same text ids Retain gets, one per line: pandas must match them as Retain does.
    fs.writeFileSync(path.join(outDir, "ids.txt"), e.ids.join("\n") + "\n");
    fs.writeFileSync(path.join(outDir, "serial.f64"), Buffer.from(e.serial.buffer));
  } else {
    fs.writeFileSync(path.join(outDir, "durations.f64"), Buffer.from(e.durations.buffer));
    fs.writeFileSync(path.join(outDir, "churned.u8"), Buffer.from(e.churned.buffer));
  }
}
delete prepared.external;
gc();
const baselineRss = process.memoryUsage().rss;
// Best of several runs: small inputs need more runs for the JIT to finish optimising both sides.
const repeats = rows > 200_000 ? 3 : rows > 20_000 ? 10 : 25;
let error: string | undefined;
let measured = { ms: NaN, result: undefined as unknown };
try {
  measured = time(() => fn(...prepared.args), repeats);
} catch (e) {
  error = `${(e as CustomFunctionsError).code ?? ""} ${(e as Error).message}`;
}
const peakAboveInputMb = (process.resourceUsage().maxRSS * 1024 - baselineRss) / 2 ** 20;
const bare = prepared.bareLoop ? time(prepared.bareLoop, repeats).ms : undefined;
const shape = Array.isArray(measured.result)
  ? `${measured.result.length}×${(measured.result[0] as unknown[]).length}`
  : typeof measured.result;
process.stdout.write(
  JSON.stringify({ id, rows, ms: measured.ms, peakAboveInputMb, bareMs: bare, shape, error }) + "\n"
);
