/**
 * Helpers for tests that check Retain against outside references (R, pandas, lifelines data).
 *
 * The committed fixtures in ./fixtures (made by scripts/reference/make-fixtures.ts) are always
 * compared. When R or pandas is installed the tests ALSO re-run them live; with CI=true a
 * missing tool is a failure, so CI can never pass on fixtures alone.
 */
import { readFileSync } from "fs";
import path from "path";
import { pandasAvailable, rAvailable, REFERENCE_DATA_DIR } from "../../scripts/reference/runners";

export { REFERENCE_DATA_DIR };

/** Read a committed fixture. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(__dirname, "fixtures", name), "utf8")) as T;
}

/** Read a file of ../shared/data/reference (these tests need it; it is there in CI). */
export function referenceFile(name: string): string {
  return readFileSync(path.join(REFERENCE_DATA_DIR, name), "utf8");
}

/**
 * Whether a live reference tool can run here. With CI=true a missing tool throws, so the test
 * fails instead of quietly comparing against the fixture only.
 */
export function liveTool(tool: "R" | "pandas"): boolean {
  const available = tool === "R" ? rAvailable() : pandasAvailable();
  if (!available && process.env.CI === "true") {
    throw new Error(`${tool} is required when CI=true (apt-get install r-cran-survival python3-pandas), but it is not installed`);
  }
  return available;
}

/** |actual − expected| ≤ tolerance · max(1, |expected|), with a message naming the cell. */
export function expectClose(actual: number, expected: number, tolerance: number, where: string): void {
  const allowed = tolerance * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= allowed)) {
    throw new Error(`${where}: expected ${expected}, got ${actual} (tolerance ${allowed})`);
  }
}
