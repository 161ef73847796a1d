/**
 * A small practice, small enough to work every scorecard number by hand (the expected values
 * are worked in test/scorecard-plan.test.ts): ten customers, fourteen transactions, ten survey
 * answers and a login log, as-of 2024-06-30 (serial 45473, a month end).
 */
import { dateToSerial } from "../../src/core/dates";
import type { SourceData } from "../../src/scorecard/analysis";
import type { ColumnRole, SourceInfo, SourceKind, SourceMapping } from "../../src/scorecard/types";

export const d = (iso: string): number => {
  const [y, m, day] = iso.split("-").map(Number);
  return dateToSerial(y, m, day);
};

export type Row = (string | number | null)[];

export const CUSTOMERS = {
  headers: ["Customer ID", "Start", "End", "Plan", "Referred by"],
  rows: [
    ["C01", d("2022-05-01"), null, "A", null],
    ["C02", d("2022-09-12"), null, "B", "C01"],
    ["C03", d("2023-01-10"), null, "A", null],
    ["C04", d("2023-03-05"), d("2024-06-15"), "A", "C01"],
    ["C05", d("2022-12-15"), d("2023-09-30"), "B", null],
    ["C06", d("2023-08-20"), d("2024-02-10"), "B", null],
    ["C07", d("2023-11-01"), null, "B", "C02"],
    ["C08", d("2024-02-14"), d("2024-06-30"), "A", null],
    ["C09", d("2024-05-03"), null, "B", "C07"],
    ["C10", d("2024-06-10"), null, "A", null],
  ] as Row[],
};

export const TRANSACTIONS = {
  headers: ["Customer ID", "Date", "Amount"],
  rows: [
    ["C01", d("2024-01-05"), 100],
    ["C01", d("2024-03-10"), 120],
    ["C01", d("2024-06-20"), 90],
    ["C02", d("2024-01-20"), 200],
    ["C02", d("2024-02-15"), 150],
    ["C03", d("2024-02-02"), 80],
    ["C04", d("2024-01-25"), 60],
    ["C04", d("2024-04-18"), 70],
    ["C07", d("2024-03-03"), 150],
    ["C07", d("2024-05-22"), 40],
    ["C07", d("2024-06-28"), 60],
    ["C09", d("2024-05-10"), 300],
    ["C10", d("2024-06-12"), 25],
  ] as Row[],
};

export const SURVEY = {
  headers: ["Customer ID", "Answered", "Score"],
  rows: [10, 9, 9, 8, 7, 6, 3, 10, 5, 9].map((score, i) => [`C0${(i % 9) + 1}`, d("2024-06-01") + i, score]) as Row[],
};

export const LOGINS = {
  headers: ["User", "Login date"],
  rows: [
    ["C01", d("2024-05-05")],
    ["C01", d("2024-05-12")],
    ["C01", d("2024-06-03")],
    ["C01", d("2024-06-20")],
    ["C02", d("2024-05-03")],
    ["C02", d("2024-05-10")],
    ["C02", d("2024-05-20")],
    ["C02", d("2024-05-28")],
    ["C02", d("2024-06-25")],
    ["C03", d("2024-05-15")],
    ["C03", d("2024-05-16")],
    ["C07", d("2024-06-01")],
    ["C07", d("2024-06-02")],
    ["C07", d("2024-06-30")],
    ["C09", d("2024-01-10")],
    ["C10", d("2024-06-30")],
  ] as Row[],
};

/** A SourceInfo for a table (or a named range) on sheet `sheet` starting at A1. */
export function sourceInfo(origin: "table" | "name", name: string, sheet: string, headers: string[], rows: number): SourceInfo {
  const lastColumn = String.fromCharCode(64 + headers.length);
  return {
    id: `${origin}:${name}`,
    label: name,
    origin,
    name,
    sheet,
    address: `${sheet}!A1:${lastColumn}${rows + 1}`,
    headers,
    rowCount: rows,
  };
}

/** A source as the reader would return it: every column read, as one-cell rows. */
export function sourceData(info: SourceInfo, kind: SourceKind, columns: Partial<Record<ColumnRole, number>>, rows: Row[]): SourceData {
  const mapping: SourceMapping = { source: info, kind, columns };
  const read = new Map<number, unknown[][]>();
  info.headers.forEach((_, c) => read.set(c, rows.map((row) => [row[c] ?? ""])));
  return { mapping, sheet: info.sheet, address: info.address, rowCount: rows.length, columns: read };
}

/** The four fixture sources: customers, transactions and logins as tables, the survey as a named range. */
export function fixtureSources(): SourceData[] {
  return [
    sourceData(
      sourceInfo("table", "Customers", "Data", CUSTOMERS.headers, CUSTOMERS.rows.length),
      "customers",
      { customerId: 0, startDate: 1, endDate: 2, segment: 3, referredBy: 4 },
      CUSTOMERS.rows,
    ),
    sourceData(
      sourceInfo("table", "Sales", "Sales", TRANSACTIONS.headers, TRANSACTIONS.rows.length),
      "transactions",
      { customerId: 0, date: 1, amount: 2 },
      TRANSACTIONS.rows,
    ),
    sourceData(sourceInfo("name", "SurveyData", "Survey sheet", SURVEY.headers, SURVEY.rows.length), "survey", { score: 2, date: 1 }, SURVEY.rows),
    sourceData(
      sourceInfo("table", "Logins", "Logins", LOGINS.headers, LOGINS.rows.length),
      "activity",
      { customerId: 0, activityDate: 1 },
      LOGINS.rows,
    ),
  ];
}
