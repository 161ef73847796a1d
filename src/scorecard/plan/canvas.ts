/**
 * A small builder the section planners write into: cells, formats, merges, conditional
 * formats, charts and spill reservations, with 0-based row/column positions turned into A1
 * addresses. It also refuses overlapping writes and writes into a reserved spill area, so a
 * planner bug shows up in the tests rather than as #SPILL! in Excel.
 */
import { range } from "../a1";
import type {
  CellBlock,
  CellFormat,
  ChartPlan,
  ConditionalFormatPlan,
  PlanCell,
  PlannedSection,
  SectionId,
  SpillReservation,
} from "../sheet-plan";
import { COLUMN_WIDTH, CONTENT_COLUMNS, COLORS, FIRST_COLUMN } from "./styles";

/**
 * How many lines a wrapped label takes in one content column, by a greedy word wrap at about
 * one character less than the column's width (bold header text is a little wider than the
 * digits Excel's width unit counts).
 * @example wrappedLines("Median lifetime (months)") // 3
 */
export function wrappedLines(text: string, charsPerLine = COLUMN_WIDTH - 1): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (used > 0 && needed > charsPerLine) {
      lines++;
      used = word.length;
    } else used = needed;
  }
  return lines;
}

interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
  what: string;
}

function overlaps(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

export class Canvas {
  readonly blocks: CellBlock[] = [];
  readonly formats: CellFormat[] = [];
  readonly merges: string[] = [];
  readonly conditionalFormats: ConditionalFormatPlan[] = [];
  readonly charts: ChartPlan[] = [];
  readonly spills: SpillReservation[] = [];
  readonly rowHeights: { rows: string; height: number }[] = [];
  readonly sections: PlannedSection[] = [];
  readonly warnings: string[] = [];
  private readonly written: Area[] = [];
  private readonly reserved: Area[] = [];

  /** Write a rectangle of cells with its top-left at (row, column). */
  put(row: number, column: number, cells: PlanCell[][], what = "cells"): string {
    const rows = cells.length;
    const columns = rows === 0 ? 0 : cells[0].length;
    if (rows === 0 || columns === 0) return "";
    const area = { row, column, rows, columns, what };
    for (const other of [...this.written, ...this.reserved]) {
      if (overlaps(area, other))
        throw new Error(
          `plan overlap: ${what} at ${range(row, column, rows, columns)} and ${other.what}`
        );
    }
    this.written.push(area);
    const address = range(row, column, rows, columns);
    this.blocks.push({ address, cells });
    return address;
  }

  /** Write one cell. */
  cell(row: number, column: number, value: PlanCell, what = "cell"): string {
    return this.put(row, column, [[value]], what);
  }

  /** Keep an area empty for a spilling formula anchored at its top-left (the anchor is written separately). */
  reserve(row: number, column: number, rows: number, columns: number, what: string): void {
    const area = { row, column, rows, columns, what };
    const anchor = { row, column, rows: 1, columns: 1, what };
    for (const other of this.written) {
      if (overlaps(area, other) && !overlaps(anchor, other))
        throw new Error(`plan overlap: ${what} spill and ${other.what}`);
    }
    this.reserved.push(area);
    this.spills.push({ anchor: range(row, column, 1, 1), rows, columns, what });
  }

  /** Write a spill's anchor formula inside its own reservation. */
  anchor(row: number, column: number, cell: PlanCell, what: string): string {
    const address = range(row, column, 1, 1);
    this.blocks.push({ address, cells: [[cell]] });
    this.written.push({ row, column, rows: 1, columns: 1, what });
    return address;
  }

  format(
    row: number,
    column: number,
    rows: number,
    columns: number,
    format: Omit<CellFormat, "address">
  ): void {
    if (rows <= 0 || columns <= 0) return;
    this.formats.push({ address: range(row, column, rows, columns), ...format });
  }

  merge(row: number, column: number, rows: number, columns: number): void {
    this.merges.push(range(row, column, rows, columns));
  }

  conditional(format: ConditionalFormatPlan): void {
    this.conditionalFormats.push(format);
  }

  chart(chart: ChartPlan): void {
    this.charts.push(chart);
  }

  rowHeight(row: number, height: number): void {
    this.rowHeights.push({ rows: `${row + 1}:${row + 1}`, height });
  }

  section(id: SectionId, title: string, firstRow: number, lastRow: number): void {
    this.sections.push({
      id,
      title,
      address: range(firstRow, 0, lastRow - firstRow + 1, FIRST_COLUMN + CONTENT_COLUMNS),
    });
  }

  /** A section title with a rule under it; returns the next free row. */
  title(row: number, text: string, note?: string): number {
    this.cell(row, FIRST_COLUMN, text, `title ${text}`);
    this.format(row, FIRST_COLUMN, 1, 1, { font: { bold: true, size: 14, color: COLORS.title } });
    this.format(row, FIRST_COLUMN, 1, CONTENT_COLUMNS, {
      borders: [{ edges: ["EdgeBottom"], color: COLORS.accent, weight: "Medium" }],
    });
    this.rowHeight(row, 24);
    if (note === undefined) return row + 1;
    this.cell(row + 1, FIRST_COLUMN, note, `note ${text}`);
    this.format(row + 1, FIRST_COLUMN, 1, 1, {
      font: { italic: true, size: 9, color: COLORS.muted },
    });
    return row + 2;
  }

  /** A bold, light-blue table header row. */
  headerRow(row: number, column: number, labels: string[], what: string): void {
    this.put(row, column, [labels], what);
    this.format(row, column, 1, labels.length, {
      fill: COLORS.headerFill,
      font: { bold: true, color: COLORS.title },
      wrapText: true,
      verticalAlignment: "Center",
      borders: [{ edges: ["EdgeBottom"], color: COLORS.border, weight: "Thin" }],
    });
  }
}
