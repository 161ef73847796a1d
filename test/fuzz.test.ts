/**
 * Fuzz every registered RETAIN function through the shipped bundle, exactly as Excel calls it.
 *
 * Contract: every call returns a finite number, or a 2-D array of finite numbers and strings,
 * or throws a CustomFunctions.Error with a known Excel error code (and a message where Excel
 * shows one). Never anything else: no crash, no NaN, no Infinity, no undefined.
 */
import fc from "fast-check";
import { functionsMetadata, loadFunctionsBundle, FunctionMetadata } from "./support/bundle";

const RUNS_PER_FUNCTION = 10_000;
const EXCEL_CODES = new Set(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!"]);

const { registered, ErrorClass } = loadFunctionsBundle();
const metadata = functionsMetadata();

/** What a single cell or a scalar argument may hold. */
const cellValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 12 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 2, arbitrary: fc.double() }, // negatives, 0, huge, tiny, ±Infinity, NaN
  { weight: 1, arbitrary: fc.integer({ min: 30000, max: 50000 }) }, // date serials
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 5e-324, -0, Number.MAX_SAFE_INTEGER) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      " 9 ",
      "5%",
      "0.05",
      "10",
      "-1",
      "2024-01-15",
      "2023-02-29",
      "1e400"
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "month",
      "YEAR",
      "week",
      "day",
      "quarter",
      "start",
      "average",
      "exposure",
      "classic",
      "unbounded",
      "count",
      "rate",
      "bogus"
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, "", undefined, "   ") },
  { weight: 1, arbitrary: fc.constantFrom({ errorCode: "#N/A" }, { errorCode: "#REF!" }) }
);

/** A range: ragged, empty, a row, a column or a block. */
const range: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.tuple(cellValue), { maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(fc.array(cellValue, { maxLength: 6 }), { maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom([], [[]], [[], []]) },
  { weight: 1, arbitrary: cellValue }
);

/** Columns that belong together often share a length in real use, so give most ranges length 10. */
const alignedColumn: fc.Arbitrary<unknown> = fc.array(fc.tuple(cellValue), {
  minLength: 10,
  maxLength: 10,
});

function argumentsFor(fn: FunctionMetadata): fc.Arbitrary<unknown[]> {
  return fc.tuple(
    ...fn.parameters.map((p) =>
      p.dimensionality === "matrix"
        ? fc.oneof({ weight: 2, arbitrary: alignedColumn }, { weight: 1, arbitrary: range })
        : fc.oneof(cellValue, fc.constant(undefined))
    )
  );
}

/** Check the contract; returns a description of the violation, or undefined. */
function violation(call: () => unknown): string | undefined {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    if (!(error instanceof ErrorClass)) return `threw a non-Excel error: ${String(error)}`;
    if (!EXCEL_CODES.has(error.code)) return `unknown error code ${error.code}`;
    if ((error.code === "#VALUE!" || error.code === "#N/A") && error.message.length === 0)
      return `${error.code} without a message`;
    return undefined;
  }
  if (typeof result === "number") return Number.isFinite(result) ? undefined : `returned ${result}`;
  if (!Array.isArray(result) || result.length === 0) return `returned ${JSON.stringify(result)}`;
  const width = (result[0] as unknown[]).length;
  for (const row of result as unknown[][]) {
    if (!Array.isArray(row) || row.length !== width) return "returned a ragged spill";
    for (const cell of row) {
      if (typeof cell === "number" ? !Number.isFinite(cell) : typeof cell !== "string")
        return `spilled ${String(cell)}`;
    }
  }
  return undefined;
}

describe("fuzz: every registered RETAIN function", () => {
  test("the bundle registers the functions the metadata lists", () => {
    expect(metadata.length).toBeGreaterThanOrEqual(16);
    for (const fn of metadata) expect(registered.has(fn.id)).toBe(true);
  });

  test.each(metadata.map((fn) => [fn.id, fn] as const))(
    `%s: ${RUNS_PER_FUNCTION} random calls keep the contract`,
    (_id, fn) => {
      const implementation = registered.get(fn.id)!;
      fc.assert(
        fc.property(argumentsFor(fn), (args) => {
          const problem = violation(() => implementation(...args));
          if (problem !== undefined)
            throw new Error(`${fn.id}(${JSON.stringify(args)}) ${problem}`);
        }),
        { numRuns: RUNS_PER_FUNCTION, seed: 20261204 }
      );
    }
  );

  test.each(
    metadata
      .filter((fn) => fn.parameters.some((p) => p.dimensionality === "matrix"))
      .map((fn) => [fn.id, fn] as const)
  )("%s: 1,048,576-cell ranges keep the contract", (_id, fn) => {
    const rows = 1_048_576;
    const implementation = registered.get(fn.id)!;
    // One realistic column (small integers double as ids, scores, flags and durations) and one of dates.
    const small = Array.from({ length: rows }, (_, i) => [(i * 7919) % 11]);
    const dates = Array.from({ length: rows }, (_, i) => [45000 + ((i * 104729) % 1000)]);
    let matrixIndex = 0;
    const args = fn.parameters.map((p) =>
      p.dimensionality === "matrix" ? (matrixIndex++ === 0 ? small : dates) : undefined
    );
    expect(violation(() => implementation(...args))).toBeUndefined();
  });
});
