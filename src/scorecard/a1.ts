/**
 * A1 addresses and references, without Office types: column letters, cell and range
 * addresses from 0-based indices, parsing a source's address, quoting sheet names and
 * building the references Live formulas use (structured references for tables, absolute
 * ranges otherwise).
 */

/** Excel's sheet size: the largest valid row and column counts. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * The letters of a 0-based column index.
 * @example columnLetters(0) // "A"
 * @example columnLetters(27) // "AB"
 */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The 0-based index of column letters.
 * @example columnIndex("AB") // 27
 */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

/** A cell address from 0-based row and column, e.g. cell(4, 1) = "B5"; absolute with `$` when asked. */
export function cell(row: number, column: number, absolute = false): string {
  return absolute ? `$${columnLetters(column)}$${row + 1}` : `${columnLetters(column)}${row + 1}`;
}

/** A range address from a 0-based top-left and a size, e.g. range(0, 0, 2, 3) = "A1:C2"; one cell is "A1". */
export function range(
  row: number,
  column: number,
  rows: number,
  columns: number,
  absolute = false
): string {
  const topLeft = cell(row, column, absolute);
  if (rows === 1 && columns === 1) return topLeft;
  return `${topLeft}:${cell(row + rows - 1, column + columns - 1, absolute)}`;
}

/** A rectangle of cells, 0-based. */
export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/**
 * Parse an A1 address (optionally sheet-qualified, optionally absolute) into a rectangle.
 * @example parseAddress("'My data'!$B$2:$D$40") // { sheet: "My data", row: 1, column: 1, rows: 39, columns: 3 }
 * @throws {Error} for text that is not a cell or range address
 */
export function parseAddress(address: string): Rect & { sheet?: string } {
  let sheet: string | undefined;
  let local = address.trim();
  const bang = local.lastIndexOf("!");
  if (bang >= 0) {
    sheet = local.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'"))
      sheet = sheet.slice(1, -1).replace(/''/g, "'");
    local = local.slice(bang + 1);
  }
  const [first, second] = local.split(":");
  const a = CELL.exec(first);
  const b = CELL.exec(second ?? first);
  if (!a || !b) throw new Error(`not an A1 address: ${address}`);
  const r1 = Number(a[2]) - 1;
  const r2 = Number(b[2]) - 1;
  const c1 = columnIndex(a[1]);
  const c2 = columnIndex(b[1]);
  return {
    sheet,
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    columns: Math.abs(c2 - c1) + 1,
  };
}

/** A sheet name as formulas need it: bare when it is a plain identifier, otherwise quoted with '' escapes. */
export function quoteSheet(sheet: string): string {
  if (
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) &&
    !/^[A-Za-z]{1,3}\d+$/.test(sheet) &&
    !/^[RrCc]\d*$/.test(sheet)
  )
    return sheet;
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** An absolute, sheet-qualified range such as Data!$A$2:$A$500. */
export function sheetRange(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${range(rect.row, rect.column, rect.rows, rect.columns, true)}`;
}

/** Characters that force the bracketed form of a structured-reference column specifier. */
const SPECIAL_IN_COLUMN = /[\t\n\r,:.[\]#'"{}$^&*+=\-<>/]/;

/**
 * A structured reference to a table column's data, e.g. Visits[Patient ID]; column names with
 * special characters use the bracketed form Visits[[Fee ($)]] and escape [ ] # ' with '
 * (Microsoft, "Using structured references with Excel tables").
 */
export function structuredColumn(table: string, column: string): string {
  const escaped = column.replace(/['#[\]]/g, "'$&");
  return SPECIAL_IN_COLUMN.test(column) ? `${table}[[${escaped}]]` : `${table}[${escaped}]`;
}
