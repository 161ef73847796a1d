/**
 * Applies a sheet plan to the workbook with Office.js, inside ONE Excel.run (the caller's
 * context). The shape of the work is fixed, whatever the size of the data behind the plan:
 *
 * 1. read the sheet names (to pick "Retention Scorecard", "Retention Scorecard (2)", …);
 * 2. add the sheet and write every value and formula (calculation suspended meanwhile);
 * 3. number formats, fills, fonts, borders, merges, column widths and row heights;
 * 4. conditional formats and charts;
 * 5. freeze panes, page setup, tab colour, recalculation, activation.
 *
 * That is five `context.sync()` calls, none in a loop. The plan is bounded by construction
 * (the planner caps every section), and each stage's request is estimated from the JSON of
 * what it queues (see {@link estimateStageBytes}) before anything is queued: a stage over the
 * limit is refused up front, so an oversized request is never sent and never left pending.
 *
 * On any error, and on cancellation (the AbortSignal is checked between stages), the
 * half-built sheet is deleted and a clear error is thrown: the workbook is left as it was.
 * Only the new sheet is ever written: the planner's addresses are local to it, and
 * {@link validatePlan} refuses any that are not.
 *
 * Requirement sets: ExcelApi 1.9 overall — 1.1 (ranges, formats, worksheets, charts), 1.2
 * (merge, column width, row height), 1.4 (getItemOrNullObject), 1.6 (conditional formats,
 * suspendApiCalculationUntilNextSync), 1.7 (tab colour, freeze panes, chart series add,
 * setValues/setXAxisValues, axes.getItem), 1.8 (showGridlines, series axisGroup, axis
 * numberFormat), 1.9 (pageLayout).
 */
import { Errors, isRetainError } from "../../core/errors";
import { columnIndex, parseAddress } from "../a1";
import { isFormula, type CellBlock, type PlanCell, type SheetPlan } from "../sheet-plan";

/** Excel on the web refuses requests over 5 MB; stay under 4 MB for the framing the JSON estimate does not see. */
export const REQUEST_LIMIT_BYTES = 4 * 1024 * 1024;

/** Bytes Office.js adds per queued action (object path, ids, action type); a generous estimate. */
const ACTION_OVERHEAD_BYTES = 160;

/** The renderer's stages, in order, as the pane's progress bar names them. */
export const RENDER_STAGES = [
  "Creating the scorecard sheet",
  "Writing values and formulas",
  "Formatting",
  "Adding conditional formats and charts",
  "Page setup",
] as const;
export type RenderStage = (typeof RENDER_STAGES)[number];

export interface RenderOptions {
  /** Called as each stage starts (index into {@link RENDER_STAGES}). */
  onStage?: (stage: RenderStage, index: number) => void;
  signal?: AbortSignal;
  /** Per-request byte budget; {@link REQUEST_LIMIT_BYTES} by default (tests lower it). */
  requestLimitBytes?: number;
}

export interface RenderResult {
  sheetName: string;
  syncs: number;
  /** The estimated request bytes of each stage, and the largest of them. */
  stageBytes: number[];
  largestRequestBytes: number;
}

/** UTF-8 length of a string, without Node's Buffer (this code also runs in the browser). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The estimated request bytes of one queued action carrying `payload`. */
export function actionBytes(payload: unknown): number {
  return ACTION_OVERHEAD_BYTES + utf8Length(JSON.stringify(payload) ?? "");
}

/**
 * A plan cell as Range.formulas takes it. Text is prefixed with an apostrophe, as when typing,
 * so that Excel keeps it as text: "1-3", "2024-01" or "TRUE" would otherwise become a number,
 * a date or a boolean. Empty text and null are an empty cell.
 */
export function toExcelInput(cell: PlanCell): string | number | boolean {
  if (cell === null) return "";
  if (isFormula(cell)) return cell.formula;
  if (typeof cell === "string") return cell === "" ? "" : `'${cell}`;
  return cell;
}

/** The next free name: base, then "base (2)", "base (3)"…; sheet names compare case-insensitively. */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Rows of a "5:7" row address, 0-based. */
function parseRows(rows: string): { first: number; last: number } {
  const [a, b] = rows.split(":");
  return { first: Number(a) - 1, last: Number(b ?? a) - 1 };
}

/** Columns of a "B:D" column address, 0-based. */
function parseColumns(columns: string): { first: number; last: number } {
  const [a, b] = columns.split(":");
  return { first: columnIndex(a), last: columnIndex(b ?? a) };
}

/**
 * Check that a plan only addresses its own sheet and that every block is as large as its
 * address. Throws a plain Error: a failure here is a bug in the planner, not in the data.
 */
export function validatePlan(plan: SheetPlan): void {
  const addresses: string[] = [
    ...plan.blocks.map((b) => b.address),
    ...plan.formats.map((f) => f.address),
    ...plan.merges,
    ...plan.conditionalFormats.map((c) => c.address),
    ...plan.charts.flatMap((c) => [
      c.topLeft,
      c.bottomRight,
      ...c.series.flatMap((s) => [s.values, s.xValues]),
    ]),
  ];
  for (const address of addresses) {
    if (address.includes("!"))
      throw new Error(`the scorecard plan addresses another sheet: ${address}`);
    parseAddress(address);
  }
  for (const block of plan.blocks) {
    const rect = parseAddress(block.address);
    if (
      block.cells.length !== rect.rows ||
      block.cells.some((row) => row.length !== rect.columns)
    ) {
      throw new Error(`the scorecard plan's block at ${block.address} does not match its size`);
    }
  }
}

/** Convert a character width to points (Excel: 7 px per character + 5 px padding at 96 dpi; 0.75 pt per px). */
export function characterWidthToPoints(width: number): number {
  return Math.round((width * 7 + 5) * 0.75 * 100) / 100;
}

/**
 * The estimated request bytes of a stage: the stage's own queueing code is run against a
 * recorder that stands in for the worksheet and the context, and every property set and
 * method call it makes (navigation included, since each adds to the request's object paths)
 * is counted as one action carrying its JSON. So the estimate follows the code, not a model
 * of it, and errs high: navigation that Office.js folds into paths is counted as actions.
 */
export function estimateStageBytes(
  queue: (context: Excel.RequestContext, sheet: Excel.Worksheet) => void
): number {
  let bytes = 0;
  const recorder = (): unknown =>
    new Proxy(function recorded() {}, {
      get: (_target, property) => (property === "then" ? undefined : recorder()),
      set: (_target, property, value) => {
        bytes += actionBytes({ [String(property)]: value });
        return true;
      },
      apply: (_target, _self, args) => {
        bytes += actionBytes(args);
        return recorder();
      },
    });
  queue(recorder() as Excel.RequestContext, recorder() as Excel.Worksheet);
  return bytes;
}

function queueBlock(sheet: Excel.Worksheet, block: CellBlock): void {
  sheet.getRange(block.address).formulas = block.cells.map((row) => row.map(toExcelInput));
}

function queueFormats(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const format of plan.formats) {
    const target = sheet.getRange(format.address);
    if (format.numberFormat !== undefined) {
      const rect = parseAddress(format.address);
      const code = format.numberFormat;
      target.numberFormat = Array.from({ length: rect.rows }, () =>
        new Array<string>(rect.columns).fill(code)
      );
    }
    if (format.fill !== undefined) target.format.fill.color = format.fill;
    if (format.font?.bold !== undefined) target.format.font.bold = format.font.bold;
    if (format.font?.italic !== undefined) target.format.font.italic = format.font.italic;
    if (format.font?.color !== undefined) target.format.font.color = format.font.color;
    if (format.font?.size !== undefined) target.format.font.size = format.font.size;
    if (format.font?.name !== undefined) target.format.font.name = format.font.name;
    if (format.horizontalAlignment !== undefined)
      target.format.horizontalAlignment = format.horizontalAlignment;
    if (format.verticalAlignment !== undefined)
      target.format.verticalAlignment = format.verticalAlignment;
    if (format.wrapText !== undefined) target.format.wrapText = format.wrapText;
    if (format.indentLevel !== undefined) target.format.indentLevel = format.indentLevel;
    for (const border of format.borders ?? []) {
      for (const edge of border.edges) {
        const line = target.format.borders.getItem(edge);
        line.style = "Continuous";
        line.color = border.color;
        line.weight = border.weight;
      }
    }
  }
  for (const merge of plan.merges) sheet.getRange(merge).merge(false);
  for (const { columns, width } of plan.columnWidths) {
    const { first, last } = parseColumns(columns);
    sheet.getRangeByIndexes(0, first, 1, last - first + 1).format.columnWidth =
      characterWidthToPoints(width);
  }
  for (const { rows, height } of plan.rowHeights) {
    const { first, last } = parseRows(rows);
    sheet.getRangeByIndexes(first, 0, last - first + 1, 1).format.rowHeight = height;
  }
}

function queueConditionalFormatsAndCharts(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const conditional of plan.conditionalFormats) {
    const target = sheet.getRange(conditional.address);
    if (conditional.kind === "expression") {
      const format = target.conditionalFormats.add("Custom");
      format.custom.rule.formula = conditional.formula;
      format.custom.format.fill.color = conditional.fill;
      format.custom.format.font.color = conditional.fontColor;
    } else {
      const format = target.conditionalFormats.add("ColorScale");
      format.colorScale.criteria = {
        minimum: { type: "LowestValue", color: conditional.minimum },
        midpoint: { type: "Percentile", formula: "50", color: conditional.midpoint },
        maximum: { type: "HighestValue", color: conditional.maximum },
      };
    }
  }
  for (const plannedChart of plan.charts) {
    const [first, ...rest] = plannedChart.series;
    const chart = sheet.charts.add(
      plannedChart.kind === "line" ? "Line" : "XYScatterLinesNoMarkers",
      sheet.getRange(first.values),
      "Columns"
    );
    chart.name = plannedChart.name;
    chart.title.text = plannedChart.title;
    chart.legend.position = "Bottom";
    const firstSeries = chart.series.getItemAt(0);
    firstSeries.name = first.name;
    firstSeries.setXAxisValues(sheet.getRange(first.xValues));
    if (first.axisGroup === "Secondary") firstSeries.axisGroup = "Secondary";
    for (const planned of rest) {
      const series = chart.series.add(planned.name);
      series.setValues(sheet.getRange(planned.values));
      series.setXAxisValues(sheet.getRange(planned.xValues));
      if (planned.axisGroup === "Secondary") series.axisGroup = "Secondary";
    }
    if (plannedChart.valueAxisFormat !== undefined)
      chart.axes.valueAxis.numberFormat = plannedChart.valueAxisFormat;
    if (plannedChart.secondaryValueAxisFormat !== undefined) {
      chart.axes.getItem("Value", "Secondary").numberFormat = plannedChart.secondaryValueAxisFormat;
    }
    if (plannedChart.categoryAxisTitle !== undefined)
      chart.axes.categoryAxis.title.text = plannedChart.categoryAxisTitle;
    if (plannedChart.valueAxisTitle !== undefined)
      chart.axes.valueAxis.title.text = plannedChart.valueAxisTitle;
    chart.setPosition(plannedChart.topLeft, plannedChart.bottomRight);
  }
}

function queueLayout(context: Excel.RequestContext, sheet: Excel.Worksheet, plan: SheetPlan): void {
  if (plan.freeze.rows > 0 && plan.freeze.columns > 0)
    sheet.freezePanes.freezeAt(
      sheet.getRangeByIndexes(0, 0, plan.freeze.rows, plan.freeze.columns)
    );
  else if (plan.freeze.rows > 0) sheet.freezePanes.freezeRows(plan.freeze.rows);
  else if (plan.freeze.columns > 0) sheet.freezePanes.freezeColumns(plan.freeze.columns);
  sheet.pageLayout.orientation = plan.print.orientation;
  // 0 pages tall = "automatic": as many pages down as the content needs.
  sheet.pageLayout.zoom = {
    horizontalFitToPages: plan.print.fitToPagesWide,
    verticalFitToPages: 0,
  };
  if (plan.print.titleRows !== undefined) sheet.pageLayout.setPrintTitleRows(plan.print.titleRows);
  sheet.tabColor = plan.tabColor;
  sheet.showGridlines = plan.showGridlines;
  // Calculation was suspended while the formulas were written; make sure they are all computed.
  context.application.calculate("Recalculate");
  sheet.activate();
  sheet.getRange("A1").select();
}

/** The message of anything thrown (Office errors carry `message` and `code`). */
function detailOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "object" && error !== null && "message" in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/**
 * Apply a plan in the given context (one Excel.run): see the module comment for the stages.
 * @returns the sheet's name, the number of syncs and the largest estimated request
 * @throws {RetainError} Errors.scorecardCancelled when the signal aborts; Errors.scorecardFailed (naming the stage) for anything else — in both cases after deleting the partial sheet
 */
export async function renderPlan(
  context: Excel.RequestContext,
  plan: SheetPlan,
  options: RenderOptions = {}
): Promise<RenderResult> {
  validatePlan(plan);
  const limit = options.requestLimitBytes ?? REQUEST_LIMIT_BYTES;
  const stages: ((context: Excel.RequestContext, sheet: Excel.Worksheet) => void)[] = [
    () => undefined,
    (context, sheet) => {
      context.application.suspendApiCalculationUntilNextSync();
      for (const block of plan.blocks) queueBlock(sheet, block);
    },
    (_context, sheet) => queueFormats(sheet, plan),
    (_context, sheet) => queueConditionalFormatsAndCharts(sheet, plan),
    (context, sheet) => queueLayout(context, sheet, plan),
  ];
  const stageBytes = stages.map((stage) => estimateStageBytes(stage));
  stageBytes[0] = actionBytes(["items/name"]);
  stageBytes[1] += actionBytes([plan.sheetName]);
  let syncs = 0;
  let stageIndex = 0;
  let sheetName: string | undefined;
  let sheetAdded = false;

  const sync = async (): Promise<void> => {
    syncs++;
    await context.sync();
  };
  const enter = (index: number): void => {
    if (options.signal?.aborted) throw Errors.scorecardCancelled();
    stageIndex = index;
    if (stageBytes[index] > limit)
      throw Errors.requestTooLarge(RENDER_STAGES[index], stageBytes[index], limit);
    options.onStage?.(RENDER_STAGES[index], index);
  };

  try {
    enter(0);
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await sync();
    sheetName = uniqueSheetName(
      plan.sheetName,
      worksheets.items.map((sheet) => sheet.name)
    );

    enter(1);
    const sheet = worksheets.add(sheetName);
    sheetAdded = true;
    stages[1](context, sheet);
    await sync();

    enter(2);
    stages[2](context, sheet);
    await sync();

    enter(3);
    stages[3](context, sheet);
    await sync();

    enter(4);
    stages[4](context, sheet);
    await sync();
  } catch (error) {
    if (sheetAdded && sheetName !== undefined) await deletePartialSheet(context, sheetName);
    if (isRetainError(error)) throw error;
    throw Object.assign(
      Errors.scorecardFailed(RENDER_STAGES[stageIndex].toLowerCase(), detailOf(error)),
      { cause: error }
    );
  }
  return {
    sheetName: sheetName as string,
    syncs,
    stageBytes,
    largestRequestBytes: Math.max(...stageBytes),
  };
}

/**
 * Delete the sheet this build added, if it exists (the failed batch may or may not have
 * created it). Two syncs, only on the failure path. A failure to clean up is reported
 * together with the name of the sheet to delete by hand.
 */
async function deletePartialSheet(context: Excel.RequestContext, sheetName: string): Promise<void> {
  try {
    // isNullObject is known after the sync without a load (Office.js null-object pattern).
    const leftover = context.workbook.worksheets.getItemOrNullObject(sheetName);
    await context.sync();
    if (!leftover.isNullObject) {
      leftover.delete();
      await context.sync();
    }
  } catch (cleanupError) {
    throw Object.assign(Errors.scorecardCleanupFailed(sheetName, detailOf(cleanupError)), {
      cause: cleanupError,
    });
  }
}
