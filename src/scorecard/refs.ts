/**
 * How Live formulas refer to a source column: a structured reference such as
 * `Visits[Patient ID]` when the source is a table (it grows with the table, so next month's
 * rows are counted), and an absolute range such as `Data!$A$2:$A$500` otherwise.
 */
import { parseAddress, sheetRange, structuredColumn } from "./a1";
import type { SourceData } from "./analysis";
import { columnOf } from "./mapping";
import type { ColumnRole } from "./types";

/** The formula reference to the data cells (header excluded) of a source's column. */
export function columnReference(source: SourceData, column: number): string {
  const info = source.mapping.source;
  if (info.origin === "table" && info.name) {
    return structuredColumn(
      info.name,
      info.headers[column] ?? source.mapping.source.headers[column]
    );
  }
  const whole = parseAddress(source.address);
  const sheet = whole.sheet ?? source.sheet;
  return sheetRange(sheet, {
    row: whole.row + 1,
    column: whole.column + column,
    rows: Math.max(1, source.rowCount),
    columns: 1,
  });
}

/** The reference of a role's column; throws if the role is not mapped (the planner checks coverage first). */
export function roleReference(source: SourceData, role: ColumnRole): string {
  const column = columnOf(source.mapping, role);
  if (column === undefined) throw new Error(`${source.mapping.source.label} has no ${role} column`);
  return columnReference(source, column);
}
