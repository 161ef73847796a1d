/**
 * Generates the README's generated blocks, so each fact is written once and cannot drift:
 * - the function reference, from dist/functions.json (itself generated from each function's JSDoc);
 * - the industry target presets with their sources, from src/scorecard/targets.ts.
 * `npm run docs` rewrites the blocks between the markers; test/bundle.test.ts fails if the README is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { INDUSTRY_PRESETS } from "../src/scorecard/targets";
import { INDUSTRY_LABELS, KPI_DISPLAY } from "../src/taskpane/state";
import type { Industry, KpiId } from "../src/scorecard/types";

interface Metadata {
  id: string;
  description?: string;
  parameters: { name: string; description?: string; dimensionality?: string; optional?: boolean }[];
  result: { dimensionality?: string };
}

const START = "<!-- functions:start -->";
const END = "<!-- functions:end -->";

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderFunctionReference(functions: Metadata[]): string {
  const lines = [START, "", "| Function | What it returns | Arguments |", "|---|---|---|"];
  for (const fn of functions) {
    const signature = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    const args = fn.parameters
      .map(
        (p) =>
          `\`${p.name}\`${p.dimensionality === "matrix" ? " (range)" : ""}${p.optional ? " (optional)" : ""}: ${p.description ?? ""}`
      )
      .join("<br>");
    const spills = fn.result.dimensionality === "matrix" ? " *Spills.*" : "";
    lines.push(
      `| \`RETAIN.${fn.id}(${signature})\` | ${escapeCell((fn.description ?? "") + spills)} | ${escapeCell(args)} |`
    );
  }
  lines.push(
    "",
    "_Generated from `dist/functions.json` by `npm run docs`; do not edit by hand._",
    "",
    END
  );
  return lines.join("\n");
}

const TARGETS_START = "<!-- targets:start -->";
const TARGETS_END = "<!-- targets:end -->";

/** The preset targets table: one row per industry and KPI, with the published source. */
export function renderTargetPresets(): string {
  const lines = [TARGETS_START, "", "| Preset | KPI | Target | Source |", "|---|---|---:|---|"];
  for (const [industry, presets] of Object.entries(INDUSTRY_PRESETS) as [
    Industry,
    Partial<Record<KpiId, { value: number; source: string; url?: string }>>,
  ][]) {
    for (const [kpi, preset] of Object.entries(presets) as [
      KpiId,
      { value: number; source: string; url?: string },
    ][]) {
      const display = KPI_DISPLAY[kpi];
      const shown =
        display.unit === "percent"
          ? `${Number((preset.value * 100).toFixed(2))}%`
          : String(preset.value);
      const source = preset.url
        ? `[${escapeCell(preset.source)}](${preset.url})`
        : escapeCell(preset.source);
      lines.push(`| ${INDUSTRY_LABELS[industry]} | ${display.label} | ${shown} | ${source} |`);
    }
  }
  lines.push(
    "",
    "_Generated from `src/scorecard/targets.ts` by `npm run docs`; do not edit by hand._",
    "",
    TARGETS_END
  );
  return lines.join("\n");
}

/** Replace the block between `start` and `end` in `text`. */
function replaceBlock(text: string, start: string, end: string, block: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`README.md needs the markers ${start} and ${end}`);
  return text.slice(0, from) + block + text.slice(to + end.length);
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  const { functions } = JSON.parse(
    fs.readFileSync(path.join(root, "dist/functions.json"), "utf8")
  ) as { functions: Metadata[] };
  const readmePath = path.join(root, "README.md");
  let readme = fs.readFileSync(readmePath, "utf8");
  readme = replaceBlock(readme, START, END, renderFunctionReference(functions));
  readme = replaceBlock(readme, TARGETS_START, TARGETS_END, renderTargetPresets());
  fs.writeFileSync(readmePath, readme);
  process.stdout.write(
    `README.md: function reference for ${functions.length} functions, target presets\n`
  );
}
