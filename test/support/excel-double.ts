/**
 * An in-memory Excel workbook with Office.js's request semantics, for tests, the benchmark
 * and the browser test (the UI engineer bundles it into the page with esbuild, so it uses no
 * Node API and imports nothing from src/).
 *
 * It implements exactly the API subset Retain's reader, renderer and service use:
 * workbook.worksheets (add, getItem, getItemOrNullObject, getActiveWorksheet, items), tables,
 * names, getSelectedRange; ranges (values, formulas, numberFormat, address, sizes, format,
 * conditionalFormats, merge, getRow/getCell/getResizedRange/getOffsetRange/getIntersection…);
 * worksheets' charts, freezePanes, pageLayout, tabColor, showGridlines, activate, delete;
 * application.suspendApiCalculationUntilNextSync and calculate.
 *
 * Semantics, as in Office.js:
 * - property sets and method calls are QUEUED and applied in order at `context.sync()`;
 * - objects returned by methods are proxies resolved when the queue is applied, so a sheet
 *   added in a batch can be written in the same batch;
 * - loaded properties are readable only after the sync that loaded them (otherwise
 *   PropertyNotLoaded); `…OrNullObject` proxies report `isNullObject`;
 * - a sync whose queued request (the JSON of the queued actions) or whose response (the JSON
 *   of the loaded data) exceeds 5 MB fails, as Excel on the web does
 *   (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded);
 * - a failing action stops the batch: the actions before it stay applied.
 * Formulas are stored, not calculated: reading `values` of a formula cell gives "".
 */

// ---------------------------------------------------------------------------------------------
// Errors and addresses
// ---------------------------------------------------------------------------------------------

/** An Office.js-like error: `code` as OfficeExtension.Error has it (ItemNotFound, InvalidArgument…). */
export class OfficeDoubleError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "OfficeDoubleError";
    this.code = code;
  }
}

export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** The column letters of a 0-based column index (0 → A, 26 → AA). */
export function letters(column: number): string {
  let n = column + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnNumber(text: string): number {
  let n = 0;
  for (const char of text.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;

/** Parse "B2", "B2:D9", "$B$2:$D$9", "B:D" or "5:7" (the sheet part, if any, is ignored). */
export function parseA1(address: string): Rect {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const parts = local.replace(/\$/g, "").split(":");
  const parse = (part: string): { row?: number; column?: number } => {
    const match = /^([A-Za-z]*)(\d*)$/.exec(part);
    if (!match || (match[1] === "" && match[2] === ""))
      throw new OfficeDoubleError("InvalidArgument", `bad address ${address}`);
    return {
      column: match[1] === "" ? undefined : columnNumber(match[1]),
      row: match[2] === "" ? undefined : Number(match[2]) - 1,
    };
  };
  const a = parse(parts[0]);
  const b = parse(parts[1] ?? parts[0]);
  const row = a.row ?? 0;
  const column = a.column ?? 0;
  const lastRow = b.row ?? SHEET_ROWS - 1;
  const lastColumn = b.column ?? SHEET_COLUMNS - 1;
  if (lastRow < row || lastColumn < column)
    throw new OfficeDoubleError("InvalidArgument", `bad address ${address}`);
  return { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
}

export function a1(rect: Rect): string {
  const first = `${letters(rect.column)}${rect.row + 1}`;
  if (rect.rows === 1 && rect.columns === 1) return first;
  return `${first}:${letters(rect.column + rect.columns - 1)}${rect.row + rect.rows}`;
}

function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const lastRow = Math.min(a.row + a.rows, b.row + b.rows) - 1;
  const lastColumn = Math.min(a.column + a.columns, b.column + b.columns) - 1;
  if (lastRow < row || lastColumn < column) return null;
  return { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
}

const encoder = new TextEncoder();

/**
 * UTF-8 byte length, measured with TextEncoder (in Node and in browsers alike): deliberately not
 * the renderer's own estimator, so the double checks that estimate rather than repeating it.
 */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? "null");
}

// ---------------------------------------------------------------------------------------------
// The model: sheets, cells, tables, names, charts
// ---------------------------------------------------------------------------------------------

export type CellScalar = string | number | boolean;

export interface CellFormatModel {
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  indentLevel?: number;
  /**
   * The cell's own sides ("EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"; diagonals as set):
   * a range's Edge and Inside borders are resolved to the cells they touch, as in Excel.
   */
  borders?: Record<string, { style?: string; color?: string; weight?: string }>;
}

export interface ConditionalFormatModel {
  type: string;
  address: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  criteria?: unknown;
}

export interface ChartSeriesModel {
  name: string;
  values?: string;
  xValues?: string;
  axisGroup: string;
}

export interface ChartModel {
  name: string;
  type: string;
  source: string;
  title: string;
  legendPosition?: string;
  series: ChartSeriesModel[];
  valueAxisFormat?: string;
  secondaryValueAxisFormat?: string;
  valueAxisTitle?: string;
  categoryAxisTitle?: string;
  position?: { topLeft: string; bottomRight: string };
}

interface ColumnStore {
  values: (CellScalar | undefined)[];
  formulas: Map<number, string>;
  /** Cells entered with a leading apostrophe (Excel's quote prefix). */
  quoted: Set<number>;
}

let nextId = 1;

export class SheetModel {
  readonly id = `sheet-${nextId++}`;
  name: string;
  private readonly store = new Map<number, ColumnStore>();
  readonly formats = new Map<string, CellFormatModel>();
  readonly merges: string[] = [];
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly charts: ChartModel[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  freeze: { rows: number; columns: number } = { rows: 0, columns: 0 };
  pageLayout: {
    orientation: string;
    zoom: Record<string, number | undefined>;
    printTitleRows?: string;
  } = {
    orientation: "Portrait",
    zoom: {},
  };
  tabColor = "";
  showGridlines = true;

  constructor(name: string) {
    this.name = name;
  }

  private column(column: number, create: boolean): ColumnStore | undefined {
    let store = this.store.get(column);
    if (!store && create) {
      store = { values: [], formulas: new Map(), quoted: new Set() };
      this.store.set(column, store);
    }
    return store;
  }

  /** The value of a cell ("" when empty or a formula: formulas are not calculated). */
  value(row: number, column: number): CellScalar {
    return this.store.get(column)?.values[row] ?? "";
  }

  formula(row: number, column: number): string | undefined {
    return this.store.get(column)?.formulas.get(row);
  }

  /** The cell as Range.formulas reads it: the formula, or the value. */
  formulaOrValue(row: number, column: number): CellScalar {
    return this.formula(row, column) ?? this.value(row, column);
  }

  isQuoted(row: number, column: number): boolean {
    return this.store.get(column)?.quoted.has(row) ?? false;
  }

  /** Put a raw value (no parsing); used to load test data quickly. */
  setRaw(row: number, column: number, value: CellScalar | undefined): void {
    const store = this.column(column, true) as ColumnStore;
    store.values[row] = value === "" ? undefined : value;
    store.formulas.delete(row);
    store.quoted.delete(row);
  }

  /** Enter a value as Excel does when it is written through values/formulas (see {@link parseInput}). */
  enter(row: number, column: number, input: unknown): void {
    if (input === null || input === undefined) return; // null leaves the cell unchanged
    const store = this.column(column, true) as ColumnStore;
    store.formulas.delete(row);
    store.quoted.delete(row);
    const parsed = parseInput(input);
    if (parsed.kind === "formula") {
      store.formulas.set(row, parsed.formula);
      store.values[row] = undefined;
    } else {
      store.values[row] = parsed.value === "" ? undefined : parsed.value;
      if (parsed.quoted) store.quoted.add(row);
    }
  }

  /** Bulk-load a column of raw values starting at `row` (fast path for large fixtures). */
  loadColumn(column: number, row: number, values: ArrayLike<CellScalar | undefined>): void {
    const store = this.column(column, true) as ColumnStore;
    for (let i = 0; i < values.length; i++)
      store.values[row + i] = values[i] === "" ? undefined : values[i];
  }

  format(row: number, column: number): CellFormatModel {
    const key = `${row},${column}`;
    let format = this.formats.get(key);
    if (!format) {
      format = {};
      this.formats.set(key, format);
    }
    return format;
  }

  /** The bounding box of non-empty cells (formulas count), or null for an empty sheet. */
  usedRect(): Rect | null {
    let minRow = Infinity;
    let maxRow = -1;
    let minColumn = Infinity;
    let maxColumn = -1;
    for (const [column, store] of this.store) {
      let any = false;
      for (let r = 0; r < store.values.length; r++) {
        if (store.values[r] !== undefined) {
          any = true;
          if (r < minRow) minRow = r;
          break;
        }
      }
      for (let r = store.values.length - 1; r >= 0; r--) {
        if (store.values[r] !== undefined) {
          any = true;
          if (r > maxRow) maxRow = r;
          break;
        }
      }
      for (const r of store.formulas.keys()) {
        any = true;
        if (r < minRow) minRow = r;
        if (r > maxRow) maxRow = r;
      }
      if (any) {
        if (column < minColumn) minColumn = column;
        if (column > maxColumn) maxColumn = column;
      }
    }
    if (maxRow < 0) return null;
    return {
      row: minRow,
      column: minColumn,
      rows: maxRow - minRow + 1,
      columns: maxColumn - minColumn + 1,
    };
  }

  /** Every non-empty cell as [address, value-or-formula], for snapshots in tests. */
  cells(): Map<string, CellScalar> {
    const out = new Map<string, CellScalar>();
    for (const [column, store] of this.store) {
      store.values.forEach((value, row) => {
        if (value !== undefined) out.set(`${letters(column)}${row + 1}`, value);
      });
      for (const [row, formula] of store.formulas) out.set(`${letters(column)}${row + 1}`, formula);
    }
    return out;
  }
}

export class TableModel {
  name: string;
  sheet: SheetModel;
  /** The whole table, header row included. */
  rect: Rect;
  constructor(name: string, sheet: SheetModel, rect: Rect) {
    this.name = name;
    this.sheet = sheet;
    this.rect = rect;
  }
  headers(): string[] {
    return Array.from({ length: this.rect.columns }, (_, c) =>
      String(this.sheet.value(this.rect.row, this.rect.column + c))
    );
  }
}

export interface NamedItemModel {
  name: string;
  /** "Range" for a named range; other types are listed but have no range. */
  type: string;
  /** The reference, e.g. "=Data!$A$1:$C$40". */
  formula: string;
  visible: boolean;
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NamedItemModel[] = [];
  activeSheet?: SheetModel;
  selection?: { sheet: SheetModel; rect: Rect };

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
}

/** How Excel reads a value entered through Range.values or Range.formulas. */
function parseInput(
  input: unknown
): { kind: "formula"; formula: string } | { kind: "value"; value: CellScalar; quoted: boolean } {
  if (typeof input === "number" || typeof input === "boolean")
    return { kind: "value", value: input, quoted: false };
  const text = String(input);
  if (text.startsWith("'")) return { kind: "value", value: text.slice(1), quoted: true };
  if (text.startsWith("=") && text.length > 1) return { kind: "formula", formula: text };
  if (/^(true|false)$/i.test(text))
    return { kind: "value", value: text.toLowerCase() === "true", quoted: false };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()))
    return { kind: "value", value: Number(text), quoted: false };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (iso) {
    const serial = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) / 86400000 + 25569;
    return { kind: "value", value: serial, quoted: false };
  }
  return { kind: "value", value: text, quoted: false };
}

// ---------------------------------------------------------------------------------------------
// Requests: queued actions applied at sync
// ---------------------------------------------------------------------------------------------

/** One queued action, as the failure hook and the sync log see it. */
export interface ActionInfo {
  kind: "set" | "call" | "load";
  /** e.g. "Range(Retention Scorecard!B5:C6).formulas", "Worksheets.add", "Chart.setPosition". */
  describe: string;
}

interface Action extends ActionInfo {
  requestBytes: number;
  apply: () => number; // returns response bytes
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: string[];
}

export interface DoubleOptions {
  /** Request and response limits in bytes; 5 MB each by default, as Excel on the web. */
  requestLimitBytes?: number;
  responseLimitBytes?: number;
  /** Keep the action descriptions of every sync (tests); off for the benchmark's large runs if unwanted. */
  keepLog?: boolean;
}

/** Bytes Office.js spends per action on the object path and framing (not the payload). */
const ACTION_FRAMING_BYTES = 100;

class DoubleContext {
  readonly host: ExcelDouble;
  pending: Action[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;

  constructor(host: ExcelDouble) {
    this.host = host;
    this.workbook = new WorkbookProxy(this);
    this.application = new ApplicationProxy(this);
  }

  queue(
    kind: ActionInfo["kind"],
    describe: string,
    payload: unknown,
    apply: () => number | void
  ): void {
    this.pending.push({
      kind,
      describe,
      requestBytes:
        ACTION_FRAMING_BYTES +
        utf8Bytes(describe) +
        (payload === undefined ? 0 : jsonBytes(payload)),
      apply: () => apply() ?? 0,
    });
  }

  sync(): Promise<void> {
    return this.host.flush(this);
  }
}

export class ExcelDouble {
  readonly workbook = new WorkbookModel();
  readonly syncs: SyncRecord[] = [];
  /** Calls of suspendApiCalculationUntilNextSync and calculate, in order. */
  readonly calculationEvents: string[] = [];
  /** Return an Error (or true) to make that action fail; actions before it stay applied. */
  failWhen?: (action: ActionInfo) => Error | boolean | undefined;
  readonly options: Required<DoubleOptions>;

  constructor(options: DoubleOptions = {}) {
    this.options = {
      requestLimitBytes: options.requestLimitBytes ?? 5 * 1024 * 1024,
      responseLimitBytes: options.responseLimitBytes ?? 5 * 1024 * 1024,
      keepLog: options.keepLog ?? true,
    };
  }

  get syncCount(): number {
    return this.syncs.length;
  }
  get largestRequestBytes(): number {
    return this.syncs.reduce((max, s) => Math.max(max, s.requestBytes), 0);
  }
  get largestResponseBytes(): number {
    return this.syncs.reduce((max, s) => Math.max(max, s.responseBytes), 0);
  }

  /** Excel.run: a fresh context; pending actions left at the end are synced, as the runtime does. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const context = new DoubleContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending.length > 0) await context.sync();
    return result;
  }

  /** Apply a context's queue: the heart of the request semantics. */
  async flush(context: DoubleContext): Promise<void> {
    const actions = context.pending;
    context.pending = [];
    const requestBytes = actions.reduce((sum, action) => sum + action.requestBytes, 0);
    const record: SyncRecord = {
      requestBytes,
      responseBytes: 0,
      actions: this.options.keepLog ? actions.map((a) => a.describe) : [],
    };
    this.syncs.push(record);
    await Promise.resolve();
    if (requestBytes > this.options.requestLimitBytes) {
      throw new OfficeDoubleError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${requestBytes} bytes) has exceeded the limit.`
      );
    }
    for (const action of actions) {
      const failure = this.failWhen?.(action);
      if (failure)
        throw failure instanceof Error
          ? failure
          : new OfficeDoubleError("GeneralException", `${action.describe} failed (injected)`);
      record.responseBytes += action.apply();
    }
    if (record.responseBytes > this.options.responseLimitBytes) {
      throw new OfficeDoubleError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${record.responseBytes} bytes) has exceeded the limit.`
      );
    }
  }

  // --- fixtures -------------------------------------------------------------------------------

  addSheet(name: string): SheetModel {
    if (this.workbook.sheet(name)) throw new Error(`sheet ${name} exists`);
    const sheet = new SheetModel(name);
    this.workbook.sheets.push(sheet);
    this.workbook.activeSheet ??= sheet;
    return sheet;
  }

  sheet(name: string): SheetModel {
    const sheet = this.workbook.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  /** Put a header and rows (row-major) at a top-left cell; returns the rectangle. */
  putRows(
    sheetName: string,
    topLeft: string,
    headers: readonly string[],
    rows: readonly (readonly unknown[])[]
  ): Rect {
    const sheet = this.workbook.sheet(sheetName) ?? this.addSheet(sheetName);
    const origin = parseA1(topLeft);
    headers.forEach((header, c) => sheet.setRaw(origin.row, origin.column + c, header));
    rows.forEach((row, r) =>
      row.forEach((value, c) =>
        sheet.setRaw(origin.row + 1 + r, origin.column + c, value as CellScalar | undefined)
      )
    );
    return {
      row: origin.row,
      column: origin.column,
      rows: rows.length + 1,
      columns: headers.length,
    };
  }

  /** Put columns (column-major, fast for a million rows) under a header row. */
  putColumns(
    sheetName: string,
    topLeft: string,
    headers: readonly string[],
    columns: readonly ArrayLike<CellScalar | undefined>[]
  ): Rect {
    const sheet = this.workbook.sheet(sheetName) ?? this.addSheet(sheetName);
    const origin = parseA1(topLeft);
    headers.forEach((header, c) => sheet.setRaw(origin.row, origin.column + c, header));
    columns.forEach((values, c) => sheet.loadColumn(origin.column + c, origin.row + 1, values));
    const rows = columns.reduce((max, values) => Math.max(max, values.length), 0);
    return { row: origin.row, column: origin.column, rows: rows + 1, columns: headers.length };
  }

  addTable(name: string, sheetName: string, rect: Rect): TableModel {
    const table = new TableModel(name, this.sheet(sheetName), rect);
    this.workbook.tables.push(table);
    return table;
  }

  addName(name: string, formula: string, type = "Range"): void {
    this.workbook.names.push({ name, type, formula, visible: true });
  }

  select(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    this.workbook.selection = { sheet, rect: parseA1(address) };
    this.workbook.activeSheet = sheet;
  }
}

// ---------------------------------------------------------------------------------------------
// Proxies
// ---------------------------------------------------------------------------------------------

type Resolver<M> = () => M | null;

function notLoaded(property: string): OfficeDoubleError {
  return new OfficeDoubleError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );
}

/** Split load arguments ("a, b/c", ["a"], { select: "a" } or { a: true, b: { c: true } }) into paths. */
function loadPaths(argument: unknown): string[] {
  if (argument === undefined) return [];
  if (typeof argument === "string")
    return argument
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
  if (Array.isArray(argument)) return argument.flatMap((p) => loadPaths(p));
  if (typeof argument === "object" && argument !== null) {
    const object = argument as Record<string, unknown>;
    if (typeof object.select === "string") return loadPaths(object.select);
    const out: string[] = [];
    for (const [key, value] of Object.entries(object)) {
      if (value === true) out.push(key);
      else if (typeof value === "object" && value !== null)
        for (const sub of loadPaths(value)) out.push(`${key}/${sub}`);
    }
    return out;
  }
  return [];
}

abstract class ObjectProxy<M> {
  protected readonly ctx: DoubleContext;
  protected readonly resolver: Resolver<M>;
  readonly path: string;
  protected readonly loaded = new Map<string, unknown>();
  private readonly children = new Map<string, ObjectProxy<unknown>>();

  constructor(ctx: DoubleContext, resolver: Resolver<M>, path: string) {
    this.ctx = ctx;
    this.resolver = resolver;
    this.path = path;
  }

  protected model(): M {
    const model = this.resolver();
    if (model === null) throw new OfficeDoubleError("ItemNotFound", `${this.path} does not exist`);
    return model;
  }

  protected read<T>(property: string): T {
    if (!this.loaded.has(property)) throw notLoaded(property);
    return this.loaded.get(property) as T;
  }

  protected child<P extends ObjectProxy<unknown>>(key: string, make: () => P): P {
    let existing = this.children.get(key);
    if (!existing) {
      existing = make();
      this.children.set(key, existing);
    }
    return existing as P;
  }

  protected set(property: string, value: unknown, apply: (model: M) => void): void {
    this.ctx.queue("set", `${this.path}.${property}`, value, () => {
      apply(this.model());
    });
  }

  protected call(method: string, args: unknown, apply: (model: M) => void): void {
    this.ctx.queue("call", `${this.path}.${method}`, args, () => {
      apply(this.model());
    });
  }

  /** The model this proxy points at now (null for a null object); used by other proxies while applying. */
  resolved(): M | null {
    return this.resolver();
  }

  get isNullObject(): boolean {
    return this.read<boolean>("isNullObject");
  }

  /**
   * An …OrNullObject call: Office.js reports `isNullObject` after the next sync without a load,
   * so the double queues the (payload-free) check with the call.
   */
  orNull(): this {
    this.ctx.queue("call", `${this.path}.isNullObject`, undefined, () => {
      this.loaded.set("isNullObject", this.resolver() === null);
    });
    return this;
  }

  /** A scalar property's current value in the model (for loads). */
  protected abstract property(model: M, name: string): unknown;

  /** A navigation property's proxy (for nested load paths such as "worksheet/name"). */
  protected navigate(name: string): ObjectProxy<unknown> | undefined {
    void name;
    return undefined;
  }

  /** Fill loaded values from the model; returns the JSON bytes of what was loaded. */
  applyLoad(paths: readonly string[]): number {
    const model = this.resolver();
    this.loaded.set("isNullObject", model === null);
    if (model === null) return 20;
    const snapshot: Record<string, unknown> = {};
    let bytes = 0;
    const nested = new Map<string, string[]>();
    for (const path of paths) {
      const slash = path.indexOf("/");
      if (slash >= 0) {
        const head = path.slice(0, slash);
        nested.set(head, [...(nested.get(head) ?? []), path.slice(slash + 1)]);
      } else if (path !== "isNullObject") {
        const value = this.property(model, path);
        this.loaded.set(path, value);
        snapshot[path] = value;
      }
    }
    bytes += jsonBytes(snapshot);
    for (const [head, rest] of nested) {
      const target = this.navigate(head);
      if (!target)
        throw new OfficeDoubleError(
          "InvalidArgument",
          `cannot load ${head}/${rest.join(",")} on ${this.path}`
        );
      bytes += target.applyLoad(rest);
    }
    return bytes;
  }

  load(argument?: unknown): this {
    const paths = loadPaths(argument);
    this.ctx.queue("load", `${this.path}.load(${paths.join(",")})`, paths, () =>
      this.applyLoad(paths)
    );
    return this;
  }
}

/** A collection of proxies: `items` after load("items/…"). */
abstract class CollectionProxy<M, P extends ObjectProxy<unknown>> extends ObjectProxy<M[]> {
  private items_: P[] | undefined;

  protected abstract itemProxy(model: M, index: number): P;

  get items(): P[] {
    if (this.items_ === undefined) throw notLoaded("items");
    return this.items_;
  }

  protected property(): unknown {
    return undefined;
  }

  override applyLoad(paths: readonly string[]): number {
    const models = this.model();
    const itemPaths = paths
      .filter((p) => p.startsWith("items/"))
      .map((p) => p.slice("items/".length));
    this.items_ = models.map((model, index) => this.itemProxy(model, index));
    let bytes = 2;
    for (const item of this.items_) bytes += item.applyLoad(itemPaths) + 1;
    return bytes;
  }
}

class ApplicationProxy {
  private readonly ctx: DoubleContext;
  constructor(ctx: DoubleContext) {
    this.ctx = ctx;
  }
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue("call", "Application.suspendApiCalculationUntilNextSync", undefined, () => {
      this.ctx.host.calculationEvents.push("suspend");
    });
  }
  calculate(type: string): void {
    this.ctx.queue("call", "Application.calculate", type, () => {
      this.ctx.host.calculationEvents.push(`calculate:${type}`);
    });
  }
}

class WorkbookProxy {
  private readonly ctx: DoubleContext;
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;

  constructor(ctx: DoubleContext) {
    this.ctx = ctx;
    const model = ctx.host.workbook;
    this.worksheets = new WorksheetCollectionProxy(ctx, () => model.sheets, "Worksheets");
    this.tables = new TableCollectionProxy(ctx, () => model.tables, "Tables", undefined);
    this.names = new NamedItemCollectionProxy(ctx, () => model.names, "Names");
  }

  getSelectedRange(): RangeProxy {
    const model = this.ctx.host.workbook;
    return new RangeProxy(
      this.ctx,
      () => (model.selection ? { sheet: model.selection.sheet, rect: model.selection.rect } : null),
      "SelectedRange"
    );
  }
}

// --- worksheets ---------------------------------------------------------------------------------

class WorksheetCollectionProxy extends CollectionProxy<SheetModel, WorksheetProxy> {
  protected itemProxy(model: SheetModel): WorksheetProxy {
    return new WorksheetProxy(
      this.ctx,
      () => (this.ctx.host.workbook.sheets.includes(model) ? model : null),
      `Worksheet(${model.name})`
    );
  }

  add(name?: string): WorksheetProxy {
    let created: SheetModel | null = null;
    const workbook = this.ctx.host.workbook;
    this.ctx.queue("call", "Worksheets.add", name, () => {
      const sheetName = name ?? `Sheet${workbook.sheets.length + 1}`;
      if (workbook.sheet(sheetName))
        throw new OfficeDoubleError(
          "ItemAlreadyExists",
          `A sheet named ${sheetName} already exists.`
        );
      if (/[\\/?*[\]:]/.test(sheetName) || sheetName.length > 31)
        throw new OfficeDoubleError("InvalidArgument", `Bad sheet name ${sheetName}`);
      created = new SheetModel(sheetName);
      workbook.sheets.push(created);
    });
    return new WorksheetProxy(this.ctx, () => created, `Worksheet(${name ?? "new"})`);
  }

  getItem(name: string): WorksheetProxy {
    const workbook = this.ctx.host.workbook;
    return new WorksheetProxy(this.ctx, () => workbook.sheet(name) ?? null, `Worksheet(${name})`);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return this.getItem(name).orNull();
  }

  getActiveWorksheet(): WorksheetProxy {
    const workbook = this.ctx.host.workbook;
    return new WorksheetProxy(this.ctx, () => workbook.activeSheet ?? null, "ActiveWorksheet");
  }
}

class WorksheetProxy extends ObjectProxy<SheetModel> {
  protected property(model: SheetModel, name: string): unknown {
    switch (name) {
      case "name":
        return model.name;
      case "id":
        return model.id;
      case "position":
        return this.ctx.host.workbook.sheets.indexOf(model);
      case "tabColor":
        return model.tabColor;
      case "showGridlines":
        return model.showGridlines;
      default:
        throw new OfficeDoubleError(
          "InvalidArgument",
          `Worksheet has no property ${name} in the double`
        );
    }
  }

  get name(): string {
    return this.read("name");
  }
  get position(): number {
    return this.read("position");
  }

  set tabColor(color: string) {
    this.set("tabColor", color, (m) => (m.tabColor = color));
  }
  set showGridlines(show: boolean) {
    this.set("showGridlines", show, (m) => (m.showGridlines = show));
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const sheet = this.resolver();
        return sheet
          ? {
              sheet,
              rect:
                address === undefined
                  ? { row: 0, column: 0, rows: SHEET_ROWS, columns: SHEET_COLUMNS }
                  : parseA1(address),
            }
          : null;
      },
      `Range(${this.path}!${address ?? "*"})`
    );
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    if (rows < 1 || columns < 1)
      throw new OfficeDoubleError(
        "InvalidArgument",
        "getRangeByIndexes needs at least one row and column"
      );
    return new RangeProxy(
      this.ctx,
      () => {
        const sheet = this.resolver();
        return sheet ? { sheet, rect: { row, column, rows, columns } } : null;
      },
      `Range(${this.path}!R${row}C${column}:${rows}x${columns})`
    );
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(
      this.ctx,
      () => {
        const sheet = this.model();
        return { sheet, rect: sheet.usedRect() ?? { row: 0, column: 0, rows: 1, columns: 1 } };
      },
      `UsedRange(${this.path})`
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(
      this.ctx,
      () => {
        const sheet = this.resolver();
        const rect = sheet?.usedRect() ?? null;
        return sheet && rect ? { sheet, rect } : null;
      },
      `UsedRangeOrNull(${this.path})`
    ).orNull();
  }

  get tables(): TableCollectionProxy {
    return this.child(
      "tables",
      () =>
        new TableCollectionProxy(
          this.ctx,
          () => {
            const sheet = this.resolver();
            return sheet ? this.ctx.host.workbook.tables.filter((t) => t.sheet === sheet) : null;
          },
          `${this.path}.Tables`,
          this
        )
    );
  }

  get charts(): ChartCollectionProxy {
    return this.child(
      "charts",
      () =>
        new ChartCollectionProxy(
          this.ctx,
          () => this.resolver()?.charts ?? null,
          `${this.path}.Charts`,
          this
        )
    );
  }

  get freezePanes(): FreezePanesProxy {
    return this.child(
      "freezePanes",
      () => new FreezePanesProxy(this.ctx, this.resolver, `${this.path}.FreezePanes`)
    );
  }

  get pageLayout(): PageLayoutProxy {
    return this.child(
      "pageLayout",
      () => new PageLayoutProxy(this.ctx, this.resolver, `${this.path}.PageLayout`)
    );
  }

  activate(): void {
    this.call("activate", undefined, (m) => {
      this.ctx.host.workbook.activeSheet = m;
    });
  }

  delete(): void {
    this.call("delete", undefined, (m) => {
      const workbook = this.ctx.host.workbook;
      if (workbook.sheets.length === 1)
        throw new OfficeDoubleError("InvalidOperation", "A workbook must keep at least one sheet.");
      workbook.sheets.splice(workbook.sheets.indexOf(m), 1);
      for (let i = workbook.tables.length - 1; i >= 0; i--)
        if (workbook.tables[i].sheet === m) workbook.tables.splice(i, 1);
      if (workbook.activeSheet === m) workbook.activeSheet = workbook.sheets[0];
    });
  }
}

class FreezePanesProxy extends ObjectProxy<SheetModel> {
  protected property(): unknown {
    return undefined;
  }
  freezeRows(count = 1): void {
    this.call("freezeRows", count, (m) => (m.freeze = { rows: count, columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this.call("freezeColumns", count, (m) => (m.freeze = { rows: 0, columns: count }));
  }
  freezeAt(range: RangeProxy): void {
    this.call("freezeAt", range.path, (m) => {
      const { rect } = range.target();
      m.freeze = { rows: rect.row + rect.rows, columns: rect.column + rect.columns };
    });
  }
}

class PageLayoutProxy extends ObjectProxy<SheetModel> {
  protected property(model: SheetModel, name: string): unknown {
    if (name === "orientation") return model.pageLayout.orientation;
    if (name === "zoom") return model.pageLayout.zoom;
    throw new OfficeDoubleError(
      "InvalidArgument",
      `PageLayout has no property ${name} in the double`
    );
  }
  set orientation(value: string) {
    this.set("orientation", value, (m) => {
      if (value !== "Landscape" && value !== "Portrait")
        throw new OfficeDoubleError("InvalidArgument", `orientation ${value}`);
      m.pageLayout.orientation = value;
    });
  }
  set zoom(value: Record<string, number | undefined>) {
    this.set("zoom", value, (m) => (m.pageLayout.zoom = { ...value }));
  }
  setPrintTitleRows(rows: string): void {
    this.call("setPrintTitleRows", rows, (m) => (m.pageLayout.printTitleRows = rows));
  }
}

// --- ranges -----------------------------------------------------------------------------------

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function grid<T>(rect: Rect, cell: (row: number, column: number) => T): T[][] {
  const out: T[][] = new Array(rect.rows);
  for (let r = 0; r < rect.rows; r++) {
    const row: T[] = new Array(rect.columns);
    for (let c = 0; c < rect.columns; c++) row[c] = cell(rect.row + r, rect.column + c);
    out[r] = row;
  }
  return out;
}

/** Check a written 2-D array against the range's size, as Office.js does. */
function requireShape(rect: Rect, data: unknown, property: string): unknown[][] | undefined {
  if (!Array.isArray(data)) return undefined; // a single value applies to every cell
  if (
    data.length !== rect.rows ||
    data.some((row) => !Array.isArray(row) || row.length !== rect.columns)
  ) {
    throw new OfficeDoubleError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${property}: ${rect.rows}x${rect.columns}).`
    );
  }
  return data as unknown[][];
}

class RangeProxy extends ObjectProxy<RangeTarget> {
  target(): RangeTarget {
    return this.model();
  }

  protected property(model: RangeTarget, name: string): unknown {
    const { sheet, rect } = model;
    switch (name) {
      case "address":
        return `${quoteSheetName(sheet.name)}!${a1(rect)}`;
      case "addressLocal":
        return `${quoteSheetName(sheet.name)}!${a1(rect)}`;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.columns;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "cellCount":
        return rect.rows * rect.columns;
      case "values":
        return grid(rect, (r, c) => sheet.value(r, c));
      case "formulas":
        return grid(rect, (r, c) => sheet.formulaOrValue(r, c));
      case "numberFormat":
        return grid(rect, (r, c) => sheet.formats.get(`${r},${c}`)?.numberFormat ?? "General");
      default:
        throw new OfficeDoubleError(
          "InvalidArgument",
          `Range has no property ${name} in the double`
        );
    }
  }

  protected override navigate(name: string): ObjectProxy<unknown> | undefined {
    return name === "worksheet" ? this.worksheet : undefined;
  }

  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(data: unknown[][]) {
    this.write("values", data);
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(data: unknown[][]) {
    this.write("formulas", data);
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(data: unknown[][]) {
    this.set("numberFormat", data, ({ sheet, rect }) => {
      const shaped = requireShape(rect, data, "numberFormat");
      for (let r = 0; r < rect.rows; r++) {
        for (let c = 0; c < rect.columns; c++) {
          sheet.format(rect.row + r, rect.column + c).numberFormat = String(
            shaped ? shaped[r][c] : data
          );
        }
      }
    });
  }

  private write(property: string, data: unknown): void {
    this.set(property, data, ({ sheet, rect }) => {
      const shaped = requireShape(rect, data, property);
      for (let r = 0; r < rect.rows; r++) {
        for (let c = 0; c < rect.columns; c++)
          sheet.enter(rect.row + r, rect.column + c, shaped ? shaped[r][c] : data);
      }
    });
  }

  get worksheet(): WorksheetProxy {
    return this.child(
      "worksheet",
      () =>
        new WorksheetProxy(this.ctx, () => this.resolver()?.sheet ?? null, `${this.path}.Worksheet`)
    );
  }

  get format(): RangeFormatProxy {
    return this.child(
      "format",
      () => new RangeFormatProxy(this.ctx, this.resolver, `${this.path}.Format`)
    );
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return this.child(
      "cf",
      () =>
        new ConditionalFormatCollectionProxy(
          this.ctx,
          this.resolver,
          `${this.path}.ConditionalFormats`
        )
    );
  }

  private derived(path: string, make: (rect: Rect) => Rect | null): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const target = this.resolver();
        if (!target) return null;
        const rect = make(target.rect);
        return rect ? { sheet: target.sheet, rect } : null;
      },
      `${this.path}.${path}`
    );
  }

  getRow(index: number): RangeProxy {
    return this.derived(`getRow(${index})`, (r) => ({
      row: r.row + index,
      column: r.column,
      rows: 1,
      columns: r.columns,
    }));
  }
  getColumn(index: number): RangeProxy {
    return this.derived(`getColumn(${index})`, (r) => ({
      row: r.row,
      column: r.column + index,
      rows: r.rows,
      columns: 1,
    }));
  }
  getCell(row: number, column: number): RangeProxy {
    return this.derived(`getCell(${row},${column})`, (r) => ({
      row: r.row + row,
      column: r.column + column,
      rows: 1,
      columns: 1,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (r) => ({
      row: r.row,
      column: r.column,
      rows: r.rows + deltaRows,
      columns: r.columns + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, (r) => ({
      ...r,
      row: r.row + rowOffset,
      column: r.column + columnOffset,
    }));
  }
  getIntersection(other: RangeProxy): RangeProxy {
    return this.derived("getIntersection", (r) => {
      const result = intersect(r, other.target().rect);
      if (!result) throw new OfficeDoubleError("ItemNotFound", "The ranges do not intersect.");
      return result;
    });
  }
  getIntersectionOrNullObject(other: RangeProxy): RangeProxy {
    return this.derived("getIntersectionOrNullObject", (r) => {
      const target = other.resolver();
      return target ? intersect(r, target.rect) : null;
    }).orNull();
  }

  merge(across = false): void {
    this.call("merge", across, ({ sheet, rect }) => sheet.merges.push(a1(rect)));
  }

  select(): void {
    this.call("select", undefined, ({ sheet, rect }) => {
      this.ctx.host.workbook.selection = { sheet, rect };
    });
  }
}

class RangeFormatProxy extends ObjectProxy<RangeTarget> {
  protected property(): unknown {
    throw new OfficeDoubleError("InvalidArgument", "RangeFormat loads are not modelled");
  }

  private each(property: string, value: unknown, apply: (format: CellFormatModel) => void): void {
    this.set(property, value, ({ sheet, rect }) => {
      for (let r = 0; r < rect.rows; r++)
        for (let c = 0; c < rect.columns; c++) apply(sheet.format(rect.row + r, rect.column + c));
    });
  }

  get fill(): { color: string } {
    const each = this.each.bind(this);
    return {
      set color(color: string) {
        each("fill.color", color, (f) => (f.fill = color));
      },
      get color(): string {
        throw notLoaded("fill.color");
      },
    };
  }

  get font(): { bold: boolean; italic: boolean; color: string; size: number; name: string } {
    const each = this.each.bind(this);
    const fail = (p: string): never => {
      throw notLoaded(`font.${p}`);
    };
    return {
      set bold(v: boolean) {
        each("font.bold", v, (f) => (f.bold = v));
      },
      get bold(): boolean {
        return fail("bold");
      },
      set italic(v: boolean) {
        each("font.italic", v, (f) => (f.italic = v));
      },
      get italic(): boolean {
        return fail("italic");
      },
      set color(v: string) {
        each("font.color", v, (f) => (f.fontColor = v));
      },
      get color(): string {
        return fail("color");
      },
      set size(v: number) {
        each("font.size", v, (f) => (f.fontSize = v));
      },
      get size(): number {
        return fail("size");
      },
      set name(v: string) {
        each("font.name", v, (f) => (f.fontName = v));
      },
      get name(): string {
        return fail("name");
      },
    };
  }

  set horizontalAlignment(value: string) {
    this.each("horizontalAlignment", value, (f) => (f.horizontalAlignment = value));
  }
  set verticalAlignment(value: string) {
    this.each("verticalAlignment", value, (f) => (f.verticalAlignment = value));
  }
  set wrapText(value: boolean) {
    this.each("wrapText", value, (f) => (f.wrapText = value));
  }
  set indentLevel(value: number) {
    this.each("indentLevel", value, (f) => (f.indentLevel = value));
  }
  autofitColumns(): void {
    this.call("autofitColumns", undefined, ({ sheet, rect }) => {
      for (let c = 0; c < rect.columns; c++) sheet.columnWidths.set(rect.column + c, -1);
    });
  }
  set columnWidth(points: number) {
    this.set("columnWidth", points, ({ sheet, rect }) => {
      for (let c = 0; c < rect.columns; c++) sheet.columnWidths.set(rect.column + c, points);
    });
  }
  set rowHeight(points: number) {
    this.set("rowHeight", points, ({ sheet, rect }) => {
      for (let r = 0; r < rect.rows; r++) sheet.rowHeights.set(rect.row + r, points);
    });
  }

  get borders(): { getItem(edge: string): { style: string; color: string; weight: string } } {
    const set = this.set.bind(this);
    return {
      getItem(edge: string) {
        // As Excel does, a range's edge lands on the cells along that edge only, and an inside
        // edge on the cell sides between the range's cells: each cell keeps its own four sides.
        const update = (key: "style" | "color" | "weight", value: string): void =>
          set(`borders.${edge}.${key}`, value, ({ sheet, rect }) => {
            for (let r = 0; r < rect.rows; r++) {
              for (let c = 0; c < rect.columns; c++) {
                const sides = cellSidesOf(edge, r, c, rect);
                if (sides.length === 0) continue;
                const f = sheet.format(rect.row + r, rect.column + c);
                f.borders ??= {};
                for (const side of sides) f.borders[side] = { ...f.borders[side], [key]: value };
              }
            }
          });
        return {
          set style(v: string) {
            update("style", v);
          },
          get style(): string {
            throw notLoaded("style");
          },
          set color(v: string) {
            update("color", v);
          },
          get color(): string {
            throw notLoaded("color");
          },
          set weight(v: string) {
            update("weight", v);
          },
          get weight(): string {
            throw notLoaded("weight");
          },
        };
      },
    };
  }
}

/** The sides of the cell at (r, c) of `rect` (0-based within it) that a range border edge sets. */
function cellSidesOf(edge: string, r: number, c: number, rect: Rect): string[] {
  switch (edge) {
    case "EdgeTop":
      return r === 0 ? ["EdgeTop"] : [];
    case "EdgeBottom":
      return r === rect.rows - 1 ? ["EdgeBottom"] : [];
    case "EdgeLeft":
      return c === 0 ? ["EdgeLeft"] : [];
    case "EdgeRight":
      return c === rect.columns - 1 ? ["EdgeRight"] : [];
    case "InsideHorizontal":
      return [...(r > 0 ? ["EdgeTop"] : []), ...(r < rect.rows - 1 ? ["EdgeBottom"] : [])];
    case "InsideVertical":
      return [...(c > 0 ? ["EdgeLeft"] : []), ...(c < rect.columns - 1 ? ["EdgeRight"] : [])];
    default:
      return [edge]; // diagonals belong to every cell
  }
}

class ConditionalFormatCollectionProxy extends ObjectProxy<RangeTarget> {
  protected property(): unknown {
    return undefined;
  }

  add(type: string): ConditionalFormatProxy {
    let created: ConditionalFormatModel | null = null;
    this.call("add", type, ({ sheet, rect }) => {
      if (type !== "Custom" && type !== "ColorScale")
        throw new OfficeDoubleError(
          "InvalidArgument",
          `conditional format type ${type} is not modelled`
        );
      created = { type, address: a1(rect) };
      sheet.conditionalFormats.push(created);
    });
    return new ConditionalFormatProxy(this.ctx, () => created, `${this.path}.add(${type})`);
  }
}

class ConditionalFormatProxy extends ObjectProxy<ConditionalFormatModel> {
  protected property(): unknown {
    return undefined;
  }

  get custom(): {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string } };
  } {
    const set = this.set.bind(this);
    return {
      rule: {
        set formula(v: string) {
          set("custom.rule.formula", v, (m) => (m.formula = v));
        },
        get formula(): string {
          throw notLoaded("formula");
        },
      },
      format: {
        fill: {
          set color(v: string) {
            set("custom.format.fill.color", v, (m) => (m.fill = v));
          },
          get color(): string {
            throw notLoaded("color");
          },
        },
        font: {
          set color(v: string) {
            set("custom.format.font.color", v, (m) => (m.fontColor = v));
          },
          get color(): string {
            throw notLoaded("color");
          },
        },
      },
    };
  }

  get colorScale(): { criteria: unknown } {
    const set = this.set.bind(this);
    return {
      set criteria(v: unknown) {
        set("colorScale.criteria", v, (m) => (m.criteria = v));
      },
      get criteria(): unknown {
        throw notLoaded("criteria");
      },
    };
  }
}

// --- charts -----------------------------------------------------------------------------------

const CHART_TYPES = new Set([
  "Line",
  "XYScatterLinesNoMarkers",
  "XYScatterLines",
  "ColumnClustered",
]);

class ChartCollectionProxy extends ObjectProxy<ChartModel[]> {
  private readonly sheetProxy: WorksheetProxy;
  constructor(
    ctx: DoubleContext,
    resolver: Resolver<ChartModel[]>,
    path: string,
    sheet: WorksheetProxy
  ) {
    super(ctx, resolver, path);
    this.sheetProxy = sheet;
  }
  protected property(): unknown {
    return undefined;
  }

  add(type: string, source: RangeProxy, seriesBy?: string): ChartProxy {
    let created: ChartModel | null = null;
    this.call("add", { type, source: source.path, seriesBy }, (charts) => {
      if (!CHART_TYPES.has(type))
        throw new OfficeDoubleError("InvalidArgument", `chart type ${type} is not modelled`);
      const { sheet, rect } = source.target();
      if (!this.ctx.host.workbook.sheets.includes(sheet))
        throw new OfficeDoubleError("ItemNotFound", "source sheet missing");
      created = {
        name: `Chart ${charts.length + 1}`,
        type,
        source: a1(rect),
        title: "",
        series: [{ name: `Series1`, values: a1(rect), axisGroup: "Primary" }],
      };
      charts.push(created);
    });
    void this.sheetProxy;
    return new ChartProxy(this.ctx, () => created, `${this.path}.add(${type})`);
  }
}

class ChartProxy extends ObjectProxy<ChartModel> {
  protected property(model: ChartModel, name: string): unknown {
    if (name === "name") return model.name;
    throw new OfficeDoubleError("InvalidArgument", `Chart has no property ${name} in the double`);
  }
  set name(value: string) {
    this.set("name", value, (m) => (m.name = value));
  }
  get title(): { text: string } {
    const set = this.set.bind(this);
    return {
      set text(v: string) {
        set("title.text", v, (m) => (m.title = v));
      },
      get text(): string {
        throw notLoaded("text");
      },
    };
  }
  get legend(): { position: string } {
    const set = this.set.bind(this);
    return {
      set position(v: string) {
        set("legend.position", v, (m) => (m.legendPosition = v));
      },
      get position(): string {
        throw notLoaded("position");
      },
    };
  }
  get series(): {
    getItemAt(index: number): ChartSeriesProxy;
    add(name?: string): ChartSeriesProxy;
  } {
    return {
      getItemAt: (index: number) =>
        new ChartSeriesProxy(
          this.ctx,
          () => this.resolver()?.series[index] ?? null,
          `${this.path}.Series(${index})`
        ),
      add: (name?: string) => {
        let created: ChartSeriesModel | null = null;
        this.call("series.add", name, (m) => {
          created = { name: name ?? `Series${m.series.length + 1}`, axisGroup: "Primary" };
          m.series.push(created);
        });
        return new ChartSeriesProxy(this.ctx, () => created, `${this.path}.Series(${name})`);
      },
    };
  }
  get axes(): {
    valueAxis: { numberFormat: string; title: { text: string } };
    categoryAxis: { title: { text: string } };
    getItem(type: string, group?: string): { numberFormat: string };
  } {
    const set = this.set.bind(this);
    const title = (key: "valueAxisTitle" | "categoryAxisTitle") => ({
      set text(v: string) {
        set(`axes.${key}`, v, (m) => (m[key] = v));
      },
      get text(): string {
        throw notLoaded("text");
      },
    });
    return {
      valueAxis: {
        set numberFormat(v: string) {
          set("axes.valueAxis.numberFormat", v, (m) => (m.valueAxisFormat = v));
        },
        get numberFormat(): string {
          throw notLoaded("numberFormat");
        },
        title: title("valueAxisTitle"),
      },
      categoryAxis: { title: title("categoryAxisTitle") },
      getItem(type: string, group?: string) {
        return {
          set numberFormat(v: string) {
            set(`axes.getItem(${type},${group}).numberFormat`, v, (m) => {
              if (type !== "Value")
                throw new OfficeDoubleError(
                  "InvalidArgument",
                  "only value axes have a number format here"
                );
              if (group === "Secondary") {
                if (!m.series.some((s) => s.axisGroup === "Secondary")) {
                  throw new OfficeDoubleError(
                    "ItemNotFound",
                    "The chart has no secondary value axis."
                  );
                }
                m.secondaryValueAxisFormat = v;
              } else m.valueAxisFormat = v;
            });
          },
          get numberFormat(): string {
            throw notLoaded("numberFormat");
          },
        };
      },
    };
  }
  setPosition(topLeft: string, bottomRight: string): void {
    this.call("setPosition", [topLeft, bottomRight], (m) => {
      parseA1(topLeft);
      parseA1(bottomRight);
      m.position = { topLeft, bottomRight };
    });
  }
}

class ChartSeriesProxy extends ObjectProxy<ChartSeriesModel> {
  protected property(model: ChartSeriesModel, name: string): unknown {
    if (name === "name") return model.name;
    throw new OfficeDoubleError(
      "InvalidArgument",
      `ChartSeries has no property ${name} in the double`
    );
  }
  set name(value: string) {
    this.set("name", value, (m) => (m.name = value));
  }
  set axisGroup(value: string) {
    this.set("axisGroup", value, (m) => (m.axisGroup = value));
  }
  setValues(range: RangeProxy): void {
    this.call("setValues", range.path, (m) => (m.values = a1(range.target().rect)));
  }
  setXAxisValues(range: RangeProxy): void {
    this.call("setXAxisValues", range.path, (m) => (m.xValues = a1(range.target().rect)));
  }
}

// --- tables and names -------------------------------------------------------------------------

class TableCollectionProxy extends CollectionProxy<TableModel, TableProxy> {
  private readonly sheetProxy: WorksheetProxy | undefined;
  constructor(
    ctx: DoubleContext,
    resolver: Resolver<TableModel[]>,
    path: string,
    sheet: WorksheetProxy | undefined
  ) {
    super(ctx, resolver, path);
    this.sheetProxy = sheet;
  }

  protected itemProxy(model: TableModel): TableProxy {
    return new TableProxy(
      this.ctx,
      () => (this.ctx.host.workbook.tables.includes(model) ? model : null),
      `Table(${model.name})`
    );
  }

  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    let created: TableModel | null = null;
    const workbook = this.ctx.host.workbook;
    const described = typeof address === "string" ? address : address.path;
    this.ctx.queue("call", `${this.path}.add`, [described, hasHeaders], () => {
      if (!hasHeaders)
        throw new OfficeDoubleError(
          "InvalidArgument",
          "the double models tables with headers only"
        );
      let target: SheetModel | undefined;
      let rect: Rect;
      if (typeof address === "string") {
        target = this.sheetProxy ? (this.sheetProxy.resolved() ?? undefined) : undefined;
        let local = address;
        if (!target) {
          const bang = address.lastIndexOf("!");
          target = workbook.sheet(address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'"));
          local = address.slice(bang + 1);
        }
        if (!target) throw new OfficeDoubleError("ItemNotFound", `no sheet for ${address}`);
        rect = parseA1(local);
      } else {
        const resolved = address.target();
        target = resolved.sheet;
        rect = resolved.rect;
      }
      for (const other of workbook.tables) {
        if (other.sheet === target && intersect(other.rect, rect))
          throw new OfficeDoubleError("InvalidOperation", "A table can't overlap another table.");
      }
      let n = workbook.tables.length + 1;
      while (workbook.table(`Table${n}`)) n++;
      created = new TableModel(`Table${n}`, target, rect);
      workbook.tables.push(created);
    });
    return new TableProxy(this.ctx, () => created, `${this.path}.add(${address})`);
  }

  getItem(name: string): TableProxy {
    const workbook = this.ctx.host.workbook;
    return new TableProxy(this.ctx, () => workbook.table(name) ?? null, `Table(${name})`);
  }

  getItemOrNullObject(name: string): TableProxy {
    return this.getItem(name).orNull();
  }
}

class TableProxy extends ObjectProxy<TableModel> {
  protected property(model: TableModel, name: string): unknown {
    switch (name) {
      case "name":
        return model.name;
      case "showHeaders":
        return true;
      case "id":
        return `table-${model.name}`;
      default:
        throw new OfficeDoubleError(
          "InvalidArgument",
          `Table has no property ${name} in the double`
        );
    }
  }

  protected override navigate(name: string): ObjectProxy<unknown> | undefined {
    if (name === "worksheet") return this.worksheet;
    if (name === "columns") return this.columns;
    return undefined;
  }

  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.set("name", value, (m) => {
      const workbook = this.ctx.host.workbook;
      const other = workbook.table(value);
      if (other && other !== m)
        throw new OfficeDoubleError("InvalidArgument", `A table named ${value} already exists.`);
      if (workbook.names.some((n) => n.name.toLowerCase() === value.toLowerCase())) {
        throw new OfficeDoubleError("InvalidArgument", `The name ${value} is already used.`);
      }
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(value))
        throw new OfficeDoubleError("InvalidArgument", `Bad table name ${value}`);
      m.name = value;
    });
  }

  get worksheet(): WorksheetProxy {
    return this.child(
      "worksheet",
      () =>
        new WorksheetProxy(this.ctx, () => this.resolver()?.sheet ?? null, `${this.path}.Worksheet`)
    );
  }

  get columns(): TableColumnCollectionProxy {
    return this.child(
      "columns",
      () =>
        new TableColumnCollectionProxy(
          this.ctx,
          () => {
            const table = this.resolver();
            return table ? table.headers().map((name, index) => ({ table, name, index })) : null;
          },
          `${this.path}.Columns`
        )
    );
  }

  private area(path: string, part: (t: TableModel) => Rect): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const table = this.resolver();
        return table ? { sheet: table.sheet, rect: part(table) } : null;
      },
      `${this.path}.${path}`
    );
  }

  getRange(): RangeProxy {
    return this.area("getRange", (t) => t.rect);
  }
  getHeaderRowRange(): RangeProxy {
    return this.area("getHeaderRowRange", (t) => ({ ...t.rect, rows: 1 }));
  }
  getDataBodyRange(): RangeProxy {
    // Excel keeps one (empty) body row in a table with no data.
    return this.area("getDataBodyRange", (t) => ({
      ...t.rect,
      row: t.rect.row + 1,
      rows: Math.max(1, t.rect.rows - 1),
    }));
  }
}

interface TableColumnModel {
  table: TableModel;
  name: string;
  index: number;
}

class TableColumnCollectionProxy extends CollectionProxy<TableColumnModel, TableColumnProxy> {
  protected itemProxy(model: TableColumnModel): TableColumnProxy {
    return new TableColumnProxy(this.ctx, () => model, `${this.path}(${model.index})`);
  }
  getItemAt(index: number): TableColumnProxy {
    return new TableColumnProxy(
      this.ctx,
      () => this.resolver()?.[index] ?? null,
      `${this.path}.getItemAt(${index})`
    );
  }
  getItem(name: string): TableColumnProxy {
    return new TableColumnProxy(
      this.ctx,
      () => this.resolver()?.find((c) => c.name.toLowerCase() === name.toLowerCase()) ?? null,
      `${this.path}.getItem(${name})`
    );
  }
}

class TableColumnProxy extends ObjectProxy<TableColumnModel> {
  protected property(model: TableColumnModel, name: string): unknown {
    if (name === "name") return model.name;
    if (name === "index") return model.index;
    throw new OfficeDoubleError(
      "InvalidArgument",
      `TableColumn has no property ${name} in the double`
    );
  }
  get name(): string {
    return this.read("name");
  }
  get index(): number {
    return this.read("index");
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const column = this.resolver();
        if (!column) return null;
        const rect = column.table.rect;
        return {
          sheet: column.table.sheet,
          rect: {
            row: rect.row + 1,
            column: rect.column + column.index,
            rows: Math.max(1, rect.rows - 1),
            columns: 1,
          },
        };
      },
      `${this.path}.getDataBodyRange`
    );
  }
}

class NamedItemCollectionProxy extends CollectionProxy<NamedItemModel, NamedItemProxy> {
  protected itemProxy(model: NamedItemModel): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => model, `Name(${model.name})`);
  }
  getItem(name: string): NamedItemProxy {
    const workbook = this.ctx.host.workbook;
    return new NamedItemProxy(
      this.ctx,
      () => workbook.names.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null,
      `Name(${name})`
    );
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return this.getItem(name).orNull();
  }
}

class NamedItemProxy extends ObjectProxy<NamedItemModel> {
  protected property(model: NamedItemModel, name: string): unknown {
    switch (name) {
      case "name":
        return model.name;
      case "type":
        return model.type;
      case "formula":
        return model.formula;
      case "value":
        return model.formula.replace(/^=/, "");
      case "visible":
        return model.visible;
      default:
        throw new OfficeDoubleError(
          "InvalidArgument",
          `NamedItem has no property ${name} in the double`
        );
    }
  }
  get name(): string {
    return this.read("name");
  }
  get type(): string {
    return this.read("type");
  }
  get formula(): string {
    return this.read("formula");
  }
  get value(): string {
    return this.read("value");
  }
  get visible(): boolean {
    return this.read("visible");
  }

  private rangeOf(orNull: boolean): RangeProxy {
    const workbook = this.ctx.host.workbook;
    return new RangeProxy(
      this.ctx,
      () => {
        const item = this.resolver();
        const reference =
          item?.type === "Range"
            ? /^=?(.+)!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/i.exec(item.formula)
            : null;
        const sheet = reference
          ? workbook.sheet(reference[1].replace(/^'|'$/g, "").replace(/''/g, "'"))
          : undefined;
        if (!reference || !sheet) {
          if (orNull) return null;
          throw new OfficeDoubleError(
            "InvalidOperation",
            `${item?.name ?? "The name"} does not refer to a range.`
          );
        }
        return { sheet, rect: parseA1(reference[2]) };
      },
      `${this.path}.getRange`
    );
  }
  getRange(): RangeProxy {
    return this.rangeOf(false);
  }
  getRangeOrNullObject(): RangeProxy {
    return this.rangeOf(true).orNull();
  }
}
