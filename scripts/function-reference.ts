/**
 * Generates the README's function reference from dist/functions.json, so the reference is
 * written once (in each function's JSDoc) and cannot drift: `npm run docs` rewrites the block
 * between the markers, and test/bundle.test.ts fails if the README is stale.
 */
import * as fs from "fs";
import * as path from "path";

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

if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  const { functions } = JSON.parse(
    fs.readFileSync(path.join(root, "dist/functions.json"), "utf8")
  ) as { functions: Metadata[] };
  const readmePath = path.join(root, "README.md");
  const readme = fs.readFileSync(readmePath, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md needs the markers ${START} and ${END}`);
  fs.writeFileSync(
    readmePath,
    readme.slice(0, start) + renderFunctionReference(functions) + readme.slice(end + END.length)
  );
  process.stdout.write(`README.md: function reference for ${functions.length} functions\n`);
}
