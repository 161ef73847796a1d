/**
 * `npm run bench`: times every RETAIN analytics function on seeded data at 10k, 100k and
 * 1,048,576 rows, each measurement in a fresh process (see worker.ts), through the registered
 * function in dist/functions.js with `any[][]` arguments, exactly as Excel calls it. Where
 * installed, the same work is timed in pandas (cohort matrix) and R (survfit) and the ratios
 * are printed against the targets in issue 3. Results: stdout and bench/results/latest.md.
 *
 * Options: `npm run bench -- --quick` (10k and 100k only), `npm run bench -- COHORT SURVIVAL` (some functions).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CASES } from "./cases";
import { benchScorecard } from "./scorecard";

interface Measurement {
  id: string;
  rows: number;
  ms: number;
  peakAboveInputMb: number;
  bareMs?: number;
  shape?: string;
  error?: string;
  missing?: boolean;
}

const ROOT = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.filter((a) => !a.startsWith("--"));

function have(command: string, probe: string[]): boolean {
  return spawnSync(command, probe, { stdio: "ignore" }).status === 0;
}

if (!fs.existsSync(path.join(ROOT, "dist/functions.js"))) {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
}
const hasPandas = have("/usr/bin/python3", ["-c", "import pandas"]);
const hasR = have("Rscript", ["-e", "suppressMessages(library(survival))"]);

const rows: string[] = [];
/** Milliseconds with enough digits to compare sub-millisecond runs. */
const ms = (value: number): string => value.toFixed(value < 1 ? 2 : 1);
const header = "| Function | Rows | Retain ms | Peak MB above input | Reference | Ratio | Target |";
rows.push(header, "|---|---:|---:|---:|---|---:|---|");
process.stdout.write(`${header}\n|---|---:|---:|---:|---|---:|---|\n`);

for (const benchCase of CASES.filter((c) => only.length === 0 || only.includes(c.id))) {
  for (const size of benchCase.sizes.filter((s) => !quick || s < 1_000_000)) {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-bench-"));
    const result = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--max-old-space-size=8192",
        "--import",
        "tsx",
        path.join(__dirname, "worker.ts"),
        benchCase.id,
        String(size),
        outDir,
      ],
      { cwd: ROOT, encoding: "utf8" }
    );
    if (result.status !== 0) throw new Error(`${benchCase.id} ${size}: ${result.stderr}`);
    const m = JSON.parse(result.stdout.trim().split("\n").pop()!) as Measurement;
    let reference = "";
    let ratio = "";
    let target = "";
    if (m.bareMs !== undefined) {
      reference = `bare loop ${ms(m.bareMs)} ms`;
      ratio = `${(m.ms / m.bareMs).toFixed(2)}×`;
      target = "≤ 3× bare loop";
    } else if (benchCase.id === "COHORT" && hasPandas) {
      const [referenceMs] = execFileSync(
        "/usr/bin/python3",
        [path.join(__dirname, "reference/cohort_pandas.py"), outDir],
        { encoding: "utf8" }
      )
        .trim()
        .split(" ");
      reference = `pandas ${Number(referenceMs).toFixed(1)} ms`;
      ratio = `${(m.ms / Number(referenceMs)).toFixed(2)}×`;
      target = "≤ 0.5× pandas";
    } else if (benchCase.id === "SURVIVAL" && hasR) {
      const [referenceMs] = execFileSync("Rscript", [path.join(__dirname, "reference/survfit.R"), outDir], {
        encoding: "utf8",
      })
        .trim()
        .split(" ");
      reference = `R survfit ${Number(referenceMs).toFixed(1)} ms`;
      ratio = `${(m.ms / Number(referenceMs)).toFixed(2)}×`;
      target = "≤ 0.3× R";
    }
    fs.rmSync(outDir, { recursive: true, force: true });
    const retain = m.missing ? "not registered" : m.error ? `error: ${m.error}` : ms(m.ms);
    const line = `| ${m.id} | ${size.toLocaleString("en-US")} | ${retain} | ${m.peakAboveInputMb.toFixed(0)} | ${reference} | ${ratio} | ${target} |`;
    rows.push(line);
    process.stdout.write(line + "\n");
  }
}

// The scorecard (issue 4): a build from a transactions table against the in-memory Excel double.
async function scorecardRows(): Promise<void> {
  if (only.length > 0 && !only.includes("SCORECARD")) return;
  const size = quick ? 100_000 : 1_048_576;
  const header2 =
    "\n| Scorecard build | Rows | ms | Syncs (read + render) | Largest request | Largest response |";
  const rule = "|---|---:|---:|---:|---:|---:|";
  rows.push(header2, rule);
  process.stdout.write(`${header2}\n${rule}\n`);
  for (const mode of ["live", "values"] as const) {
    const r = await benchScorecard(size, mode);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    const line = `| ${mode} mode | ${size.toLocaleString("en-US")} | ${r.ms} | ${r.syncs} (${r.readSyncs} + ${r.renderSyncs}) | ${kb(r.largestRequestBytes)} | ${kb(r.largestResponseBytes)} |`;
    rows.push(line);
    process.stdout.write(line + "\n");
  }
}

void scorecardRows().then(() => {
  const note = `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}. Peak memory target: ≤ 300 MB above the input arrays.\n`;
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results/latest.md"), rows.join("\n") + "\n" + note);
  process.stdout.write(note);
});
