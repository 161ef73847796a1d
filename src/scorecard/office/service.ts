/**
 * The Office.js implementation of the pane's {@link ScorecardService}: list sources, read the
 * selection, insert the sample practice, and build a scorecard — read the mapped columns
 * (./reader), analyse them (../analysis), plan the sheet (../plan) and apply the plan in one
 * Excel.run (./renderer). `run` is injectable so tests and the browser test can drive an
 * in-memory workbook instead of Excel.
 *
 * Requirement sets (see ./renderer.ts and ./reader.ts): ExcelApi 1.9 overall; the sample data
 * also uses tables.add (1.1), format.autofitColumns (1.2).
 */
import { Errors, isRetainError } from "../../core/errors";
import { generateDentalPractice, type SampleTable } from "../../sample/dental";
import { analyse } from "../analysis";
import { isComplete } from "../mapping";
import { buildPlan } from "../plan";
import type {
  BuildProgress,
  BuildResult,
  ScorecardOptions,
  ScorecardService,
  SourceInfo,
  SourceMapping,
} from "../types";
import { listSources, readSources, selectionSource } from "./reader";
import {
  actionBytes,
  REQUEST_LIMIT_BYTES,
  renderPlan,
  RENDER_STAGES,
  toExcelInput,
  uniqueSheetName,
} from "./renderer";

/** Excel.run's shape, so a test double can stand in for it. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ServiceDependencies {
  run?: ExcelRun;
  /** The clock for the "built at" stamp (tests fix it). */
  now?: () => Date;
  requestLimitBytes?: number;
  readBudgetBytes?: number;
}

/** Progress fractions: reading takes most of a large build, the five render stages the rest. */
const READ_START = 0.05;
const READ_END = 0.55;
const RENDER_FRACTIONS = [0.7, 0.78, 0.86, 0.93, 0.97];

/** "2025-07-01 14:05", local time: when the sheet was built. */
export function formatBuiltAt(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function detailOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

/** A table name not used by another table or a defined name: Patients, Patients2, Patients3… */
function uniqueTableName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Add the sample practice: three new sheets (unique names), each holding one table. Two syncs;
 * on failure the sheets added are removed again.
 */
async function insertSample(context: Excel.RequestContext, limit: number): Promise<SourceInfo[]> {
  const practice = generateDentalPractice();
  const tables: SampleTable[] = [practice.patients, practice.visits, practice.survey];
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const existingTables = context.workbook.tables;
  existingTables.load("items/name");
  const names = context.workbook.names;
  names.load("items/name");
  await context.sync();

  const sheetNames = worksheets.items.map((s) => s.name);
  const takenTables = new Set(
    [...existingTables.items.map((t) => t.name), ...names.items.map((n) => n.name)].map((n) =>
      n.toLowerCase()
    )
  );
  const planned = tables.map((table) => {
    const sheetName = uniqueSheetName(table.name, sheetNames);
    sheetNames.push(sheetName);
    return { table, sheetName, tableName: uniqueTableName(table.name, takenTables) };
  });
  const bytes = planned.reduce(
    (sum, p) => sum + actionBytes([p.table.headers, ...p.table.rows]),
    0
  );
  if (bytes > limit) throw Errors.requestTooLarge("The sample data", bytes, limit);

  const added: string[] = [];
  try {
    const results = planned.map(({ table, sheetName, tableName }) => {
      const sheet = worksheets.add(sheetName);
      added.push(sheetName);
      const rows = table.rows.length + 1;
      const columns = table.headers.length;
      const area = sheet.getRangeByIndexes(0, 0, rows, columns);
      area.values = [
        table.headers.map(toExcelInput),
        ...table.rows.map((row) => row.map(toExcelInput)),
      ];
      table.formats.forEach((format, c) => {
        if (format !== "" && table.rows.length > 0) {
          sheet.getRangeByIndexes(1, c, table.rows.length, 1).numberFormat = table.rows.map(() => [
            format,
          ]);
        }
      });
      const created = sheet.tables.add(area, true);
      created.name = tableName;
      area.format.autofitColumns();
      const whole = created.getRange();
      whole.load("address");
      return { table, sheetName, tableName, whole };
    });
    const firstSheet = worksheets.getItem(planned[0].sheetName);
    firstSheet.activate();
    await context.sync();
    return results.map(({ table, sheetName, tableName, whole }) => ({
      id: `table:${tableName}`,
      label: tableName,
      origin: "table" as const,
      name: tableName,
      sheet: sheetName,
      address: whole.address,
      headers: [...table.headers],
      rowCount: table.rows.length,
    }));
  } catch (error) {
    await removeSheets(context, added);
    if (isRetainError(error)) throw error;
    throw Object.assign(Errors.scorecardFailed("adding the sample data", detailOf(error)), {
      cause: error,
    });
  }
}

/** Delete sheets this call added (those that exist). */
async function removeSheets(
  context: Excel.RequestContext,
  names: readonly string[]
): Promise<void> {
  if (names.length === 0) return;
  const sheets = names.map((name) => context.workbook.worksheets.getItemOrNullObject(name));
  await context.sync();
  for (const sheet of sheets) if (!sheet.isNullObject) sheet.delete();
  await context.sync();
}

/** Build a scorecard: read, analyse, plan, render. */
async function buildScorecard(
  run: ExcelRun,
  deps: ServiceDependencies,
  mappings: SourceMapping[],
  options: ScorecardOptions,
  onProgress: (progress: BuildProgress) => void,
  signal: AbortSignal
): Promise<BuildResult> {
  if (options.mode === "portable") throw Errors.scorecardModeUnavailable("Portable");
  const usable = mappings.filter(isComplete);
  if (usable.length === 0) throw Errors.scorecardNothingToBuild();
  const checkAbort = (): void => {
    if (signal.aborted) throw Errors.scorecardCancelled();
  };
  checkAbort();

  onProgress({ stage: "Reading the data", fraction: READ_START });
  const extraColumns = new Map<string, number[]>();
  if (options.segment && usable.some((m) => m.source.id === options.segment?.sourceId)) {
    extraColumns.set(options.segment.sourceId, [options.segment.column]);
  }
  let read;
  try {
    read = await run((context) =>
      readSources(context, usable, {
        extraColumns,
        signal,
        budgetBytes: deps.readBudgetBytes,
        onProgress: (fraction) =>
          onProgress({
            stage: "Reading the data",
            fraction: READ_START + (READ_END - READ_START) * fraction,
          }),
      })
    );
  } catch (error) {
    if (isRetainError(error)) throw error;
    throw Object.assign(Errors.scorecardFailed("reading the data", detailOf(error)), {
      cause: error,
    });
  }
  checkAbort();

  onProgress({ stage: "Computing the metrics", fraction: 0.6 });
  const analysis = analyse(read.sources, options, {
    builtAt: formatBuiltAt((deps.now ?? (() => new Date()))()),
  });
  checkAbort();
  onProgress({ stage: "Planning the sheet", fraction: 0.66 });
  const plan = buildPlan(analysis, options);
  checkAbort();

  const rendered = await run((context) =>
    renderPlan(context, plan, {
      signal,
      requestLimitBytes: deps.requestLimitBytes,
      onStage: (stage, index) => onProgress({ stage, fraction: RENDER_FRACTIONS[index] }),
    })
  );
  onProgress({ stage: "Done", fraction: 1 });
  return { sheetName: rendered.sheetName, warnings: plan.warnings };
}

/**
 * The service the task pane uses in Excel.
 * @param deps an Excel.run stand-in and a clock, for tests; Excel.run and the system clock by default
 */
export function createOfficeScorecardService(deps: ServiceDependencies = {}): ScorecardService {
  const run: ExcelRun = deps.run ?? ((batch) => Excel.run(batch));
  const limit = deps.requestLimitBytes ?? REQUEST_LIMIT_BYTES;
  return {
    listSources: () => run((context) => listSources(context)),
    selectionSource: () => run((context) => selectionSource(context)),
    insertSampleData: () => run((context) => insertSample(context, limit)),
    build: (mappings, options, onProgress, signal) =>
      buildScorecard(run, deps, mappings, options, onProgress, signal),
  };
}

export { RENDER_STAGES };
