/**
 * Reading the workbook with Office.js: the sources the pane lists (tables and named ranges,
 * header rows only), the current selection as a source, and — for a build — only the mapped
 * columns of each source, in chunks that keep every response under Excel's 5 MB limit.
 *
 * Sync budget:
 * - listSources: 2 syncs (the tables and names, then every header row and size in one batch;
 *   a per-item range needs the item list first, so one sync cannot do it);
 * - selectionSource: 1 sync;
 * - readSources: 1 sync to locate every source, check its header and read a sample of the first
 *   rows (which measures how many bytes a row costs), then one sync per ~4 MB of column data.
 *   A 1,048,576-row column of dates is about 8 MB of JSON, so it is read in row chunks; the
 *   number of syncs is bounded by the data size over the budget, never by the row count.
 *
 * Requirement sets: ExcelApi 1.4 (getItemOrNullObject, getRangeOrNullObject,
 * getIntersectionOrNullObject, getUsedRangeOrNullObject), 1.1 otherwise.
 */
import { Errors } from "../../core/errors";
import { parseAddress, type Rect } from "../a1";
import type { SourceData } from "../analysis";
import type { CellColumn } from "../compute";
import { columnOf } from "../mapping";
import { SOURCE_KIND_ROLES, type SourceInfo, type SourceMapping } from "../types";
import { utf8Length } from "./renderer";

/** Target bytes of one read response (Excel on the web refuses more than 5 MB). */
export const READ_BUDGET_BYTES = 4 * 1024 * 1024;
/** Rows read first to measure the bytes per row. */
export const SAMPLE_ROWS = 1000;

/** A range's sheet name and local address from Office's sheet-qualified address. */
function splitAddress(address: string): { sheet: string; local: string } {
  const bang = address.lastIndexOf("!");
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

function headerTexts(row: unknown[] | undefined): string[] {
  return (row ?? []).map((value) => (value === null || value === undefined ? "" : String(value)));
}

/**
 * The workbook's tables and named ranges, with their header rows and sizes.
 * Names that do not refer to a single range (formulas, constants, several areas) are left out.
 */
export async function listSources(context: Excel.RequestContext): Promise<SourceInfo[]> {
  const tables = context.workbook.tables;
  tables.load("items/name,items/worksheet/name");
  const names = context.workbook.names;
  names.load("items/name,items/type,items/visible");
  await context.sync();

  const tableReads = tables.items.map((table) => {
    const whole = table.getRange();
    whole.load("address,rowCount,columnCount");
    const header = table.getHeaderRowRange();
    header.load("values");
    return { table, whole, header };
  });
  const nameReads = names.items
    .filter((item) => item.type === "Range" && item.visible)
    .map((item) => {
      const whole = item.getRangeOrNullObject();
      whole.load("address,rowCount,columnCount");
      const header = whole.getRow(0);
      header.load("values");
      return { item, whole, header };
    });
  await context.sync();

  const sources: SourceInfo[] = [];
  for (const { table, whole, header } of tableReads) {
    sources.push({
      id: `table:${table.name}`,
      label: table.name,
      origin: "table",
      name: table.name,
      sheet: table.worksheet.name,
      address: whole.address,
      headers: headerTexts(header.values[0]),
      rowCount: Math.max(0, whole.rowCount - 1),
    });
  }
  for (const { item, whole, header } of nameReads) {
    if (whole.isNullObject || whole.rowCount < 1) continue;
    sources.push({
      id: `name:${item.name}`,
      label: item.name,
      origin: "name",
      name: item.name,
      sheet: splitAddress(whole.address).sheet,
      address: whole.address,
      headers: headerTexts(header.values[0]),
      rowCount: Math.max(0, whole.rowCount - 1),
    });
  }
  return sources;
}

/**
 * The current selection as a source: its first row is the header. A selection of whole
 * columns is cut to the sheet's used range. One sync.
 * @throws {RetainError} when the selection is empty or has no data row under its header
 */
export async function selectionSource(context: Excel.RequestContext): Promise<SourceInfo> {
  const selected = context.workbook.getSelectedRange();
  const used = selected.worksheet.getUsedRangeOrNullObject(true);
  const area = selected.getIntersectionOrNullObject(used);
  area.load("address,rowCount,columnCount");
  const header = area.getRow(0);
  header.load("values");
  await context.sync();
  if (area.isNullObject) throw Errors.selectionEmpty();
  if (area.rowCount < 2) throw Errors.selectionTooSmall();
  const { sheet } = splitAddress(area.address);
  return {
    id: `selection:${area.address}`,
    label: area.address,
    origin: "selection",
    sheet,
    address: area.address,
    headers: headerTexts(header.values[0]),
    rowCount: area.rowCount - 1,
  };
}

/**
 * The range a source covers now (header row included), and the null-object handle that says
 * whether the source still exists (its table, name or sheet).
 */
function sourceArea(
  context: Excel.RequestContext,
  info: SourceInfo
): { exists: { isNullObject: boolean }; area: Excel.Range } {
  const workbook = context.workbook;
  if (info.origin === "table") {
    const table = workbook.tables.getItemOrNullObject(info.name ?? info.label);
    return { exists: table, area: table.getRange() };
  }
  if (info.origin === "name") {
    const item = workbook.names.getItemOrNullObject(info.name ?? info.label);
    return { exists: item, area: item.getRangeOrNullObject() };
  }
  const { sheet, local } = splitAddress(info.address);
  const worksheet = workbook.worksheets.getItemOrNullObject(sheet);
  return { exists: worksheet, area: worksheet.getRange(local) };
}

/** The 0-based source columns a build reads from a mapping: its kind's mapped roles, plus extra columns (the segment). */
export function columnsToRead(mapping: SourceMapping, extra: readonly number[] = []): number[] {
  const { required, optional } = SOURCE_KIND_ROLES[mapping.kind];
  const columns = new Set<number>(extra);
  for (const role of [...required, ...optional]) {
    const column = columnOf(mapping, role);
    if (column !== undefined) columns.add(column);
  }
  return [...columns].sort((a, b) => a - b);
}

export interface ReadOptions {
  /** Extra columns to read per source id (the segment column). */
  extraColumns?: Map<string, number[]>;
  signal?: AbortSignal;
  /** Called after each sync with the share of rows read. */
  onProgress?: (fraction: number) => void;
  budgetBytes?: number;
}

export interface ReadResult {
  sources: SourceData[];
  syncs: number;
}

interface Located {
  mapping: SourceMapping;
  columns: number[];
  sheet: string;
  rect: Rect;
  address: string;
  rowCount: number;
  /** Raw cells per column, filled as chunks arrive. */
  cells: Map<number, unknown[][]>;
  bytesPerRow: number;
  /** Rows already read with the sample. */
  sampled: number;
}

/** JSON bytes of a loaded values array, as the response carries it. */
function valuesBytes(values: unknown[][]): number {
  return utf8Length(JSON.stringify(values));
}

/**
 * Read the mapped columns of every source (and any extra columns), in chunks.
 * @throws {RetainError} Errors.sourceMissing / sourceChanged when a source is gone or its
 *   header row differs from the mapping; Errors.scorecardCancelled when the signal aborts
 */
export async function readSources(
  context: Excel.RequestContext,
  mappings: readonly SourceMapping[],
  options: ReadOptions = {}
): Promise<ReadResult> {
  const budget = options.budgetBytes ?? READ_BUDGET_BYTES;
  let syncs = 0;
  const checkAbort = (): void => {
    if (options.signal?.aborted) throw Errors.scorecardCancelled();
  };

  // 1. Locate every source, read its header and a sample of its first rows.
  checkAbort();
  const probes = mappings.map((mapping) => {
    const { exists, area } = sourceArea(context, mapping.source);
    area.load("address,rowCount,columnCount");
    const header = area.getRow(0);
    header.load("values");
    const columns = columnsToRead(mapping, options.extraColumns?.get(mapping.source.id));
    const sampleRows = Math.max(1, Math.min(SAMPLE_ROWS, mapping.source.rowCount));
    const samples = columns.map((column) => {
      const sample = area.getCell(1, column).getResizedRange(sampleRows - 1, 0);
      sample.load("values");
      return sample;
    });
    return { mapping, exists, area, header, columns, samples, sampleRows };
  });
  await context.sync();
  syncs++;

  const located: Located[] = probes.map(
    ({ mapping, exists, area, header, columns, samples, sampleRows }) => {
      if (exists.isNullObject || area.isNullObject)
        throw Errors.sourceMissing(mapping.source.label);
      const headers = headerTexts(header.values[0]).map((h) => h.trim());
      const expected = mapping.source.headers.map((h) => h.trim());
      for (const column of columns) {
        if (headers[column] !== expected[column]) {
          throw Errors.sourceChanged(
            mapping.source.label,
            `column ${column + 1} is now "${headers[column] ?? ""}"`
          );
        }
      }
      const rowCount = Math.max(0, area.rowCount - 1);
      const { sheet } = splitAddress(area.address);
      const rect = parseAddress(area.address);
      const cells = new Map<number, unknown[][]>();
      const kept = Math.min(sampleRows, rowCount);
      let sampleBytes = 0;
      columns.forEach((column, i) => {
        const values = samples[i].values;
        const all = new Array<unknown[]>(rowCount);
        for (let r = 0; r < kept; r++) all[r] = values[r];
        cells.set(column, all);
        sampleBytes += valuesBytes(values.slice(0, Math.max(1, kept)));
      });
      // Bytes per row from the sample, with headroom for longer values further down: a quarter
      // more than the sample's average, at least 8 bytes a cell. With the 4 MB budget under
      // Excel's 5 MB limit, that leaves half as much again before a response is refused.
      const bytesPerRow = Math.max(
        8 * columns.length,
        Math.ceil((sampleBytes / Math.max(1, kept)) * 1.25)
      );
      return {
        mapping,
        columns,
        sheet,
        rect,
        address: area.address,
        rowCount,
        cells,
        bytesPerRow,
        sampled: kept,
      };
    }
  );

  // 2. Plan the remaining rows as pieces, packed into requests of at most `budget` bytes.
  interface Piece {
    source: Located;
    first: number;
    rows: number;
  }
  const requests: Piece[][] = [];
  let current: Piece[] = [];
  let currentBytes = 0;
  let totalRows = 0;
  let doneRows = 0;
  for (const source of located) {
    totalRows += source.rowCount;
    doneRows += source.sampled;
    let next = source.sampled;
    while (next < source.rowCount) {
      const room = Math.floor((budget - currentBytes) / source.bytesPerRow);
      if (room < 1) {
        requests.push(current);
        current = [];
        currentBytes = 0;
        continue;
      }
      const rows = Math.min(room, source.rowCount - next);
      current.push({ source, first: next, rows });
      currentBytes += rows * source.bytesPerRow;
      next += rows;
    }
  }
  if (current.length > 0) requests.push(current);
  options.onProgress?.(totalRows === 0 ? 1 : doneRows / totalRows);

  // 3. One sync per request.
  for (const request of requests) {
    checkAbort();
    const loads = request.map((piece) => {
      const sheet = context.workbook.worksheets.getItem(piece.source.sheet);
      return {
        piece,
        ranges: piece.source.columns.map((column) => {
          const range = sheet.getRangeByIndexes(
            piece.source.rect.row + 1 + piece.first,
            piece.source.rect.column + column,
            piece.rows,
            1
          );
          range.load("values");
          return { column, range };
        }),
      };
    });
    // One sync per ~4 MB chunk of column data: bounded by the data size over the budget (a
    // full sheet of three columns is about ten), never one per row or per column.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
    for (const { piece, ranges } of loads) {
      for (const { column, range } of ranges) {
        const target = piece.source.cells.get(column) as unknown[][];
        const values = range.values;
        for (let r = 0; r < piece.rows; r++) target[piece.first + r] = values[r];
      }
      doneRows += piece.rows;
    }
    options.onProgress?.(totalRows === 0 ? 1 : doneRows / totalRows);
  }

  return {
    syncs,
    sources: located.map((source) => ({
      mapping: source.mapping,
      sheet: source.sheet,
      address: source.address,
      rowCount: source.rowCount,
      columns: new Map<number, CellColumn>(
        [...source.cells].map(([column, cells]) => [column, cells])
      ),
    })),
  };
}
