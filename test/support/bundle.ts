/**
 * Loads the built dist/functions.js the way Excel's JavaScript-only custom-functions runtime
 * does: in a bare context whose only host global is `CustomFunctions` (no window, document or
 * Office). Returns what the bundle registered with `CustomFunctions.associate`.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { FakeCustomFunctionsError, makeCustomFunctionsHost } from "./custom-functions-global";

export const DIST = path.resolve(__dirname, "../../dist");

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: {
    name: string;
    description?: string;
    type?: string;
    dimensionality?: string;
    optional?: boolean;
  }[];
  result: { type?: string; dimensionality?: string };
}

export function readDist(file: string): string {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full))
    throw new Error(`${full} is missing: run \`npm run build\` first (npm test does it for you)`);
  return fs.readFileSync(full, "utf8");
}

export function functionsMetadata(): FunctionMetadata[] {
  return (JSON.parse(readDist("functions.json")) as { functions: FunctionMetadata[] }).functions;
}

export interface LoadedBundle {
  registered: Map<string, (...args: unknown[]) => unknown>;
  ErrorClass: typeof FakeCustomFunctionsError;
}

export function loadFunctionsBundle(): LoadedBundle {
  const host = makeCustomFunctionsHost();
  // Only the language's own globals plus CustomFunctions: touching window/self/document/Office throws.
  const context = vm.createContext({ CustomFunctions: host });
  vm.runInContext(readDist("functions.js"), context, { filename: "functions.js" });
  return {
    registered: host.registered as Map<string, (...args: unknown[]) => unknown>,
    ErrorClass: host.Error,
  };
}
