/**
 * Reading the workbook (src/scorecard/office/reader.ts) against the in-memory workbook:
 * listing sources, the selection, and reading only the mapped columns in chunks that keep
 * every response under the 5 MB limit, with a bounded number of syncs.
 */
import { listSources, readSources, READ_BUDGET_BYTES, selectionSource } from "../src/scorecard/office/reader";
import type { SourceInfo, SourceMapping } from "../src/scorecard/types";
import { ExcelDouble } from "./support/excel-double";

function practice(): ExcelDouble {
  const double = new ExcelDouble();
  const customers = double.putRows("Data", "B2", ["Customer ID", "Start", "End", "Plan"], [
    ["C01", 45000, "", "A"],
    ["C02", 45010, 45100, "B"],
    ["C03", 45020, "", "A"],
  ]);
  double.addTable("Customers", "Data", customers);
  const visits = double.putRows("Visits", "A1", ["Customer ID", "Visit date", "Fee"], [
    ["C01", 45001, 90],
    ["C02", 45011, 120],
  ]);
  double.addTable("Visits", "Visits", visits);
  double.putRows("Survey sheet", "A1", ["Customer", "Score"], [["C01", 9], ["C03", 6]]);
  double.addName("SurveyData", "='Survey sheet'!$A$1:$B$3");
  double.addName("TaxRate", "=0.2", "Double");
  return double;
}

describe("reader: listing sources", () => {
  it("lists tables and named ranges with their headers and sizes, in two syncs", async () => {
    const double = practice();
    const sources = await double.run((context) => listSources(context));
    expect(sources).toEqual<SourceInfo[]>([
      {
        id: "table:Customers",
        label: "Customers",
        origin: "table",
        name: "Customers",
        sheet: "Data",
        address: "Data!B2:E5",
        headers: ["Customer ID", "Start", "End", "Plan"],
        rowCount: 3,
      },
      {
        id: "table:Visits",
        label: "Visits",
        origin: "table",
        name: "Visits",
        sheet: "Visits",
        address: "Visits!A1:C3",
        headers: ["Customer ID", "Visit date", "Fee"],
        rowCount: 2,
      },
      {
        id: "name:SurveyData",
        label: "SurveyData",
        origin: "name",
        name: "SurveyData",
        sheet: "Survey sheet",
        address: "'Survey sheet'!A1:B3",
        headers: ["Customer", "Score"],
        rowCount: 2,
      },
    ]);
    expect(double.syncCount).toBe(2);
  });
});

describe("reader: the selection", () => {
  it("cuts a whole-column selection to the used range, in one sync", async () => {
    const double = practice();
    double.select("Visits", "A:C");
    const source = await double.run((context) => selectionSource(context));
    expect(source).toEqual({
      id: "selection:Visits!A1:C3",
      label: "Visits!A1:C3",
      origin: "selection",
      sheet: "Visits",
      address: "Visits!A1:C3",
      headers: ["Customer ID", "Visit date", "Fee"],
      rowCount: 2,
    });
    expect(double.syncCount).toBe(1);
  });

  it("explains an empty selection and a header-only selection", async () => {
    const double = practice();
    double.addSheet("Empty");
    double.select("Empty", "A1:C10");
    await expect(double.run((context) => selectionSource(context))).rejects.toThrow(
      "The selection is empty: select a header row and the data below it",
    );
    double.select("Visits", "A1:C1");
    await expect(double.run((context) => selectionSource(context))).rejects.toThrow(
      "Select a header row and at least one row of data below it",
    );
  });
});

function mapping(source: SourceInfo, kind: SourceMapping["kind"], columns: SourceMapping["columns"]): SourceMapping {
  return { source, kind, columns };
}

describe("reader: reading the mapped columns", () => {
  it("reads only the mapped columns (and the segment column), with the rows aligned", async () => {
    const double = practice();
    const [customers, visits] = await double.run((context) => listSources(context));
    const syncsBefore = double.syncCount;
    const result = await double.run((context) =>
      readSources(context, [mapping(customers, "customers", { customerId: 0, startDate: 1, endDate: 2 }), mapping(visits, "transactions", { customerId: 0, date: 1 })], {
        extraColumns: new Map([["table:Customers", [3]]]),
      }),
    );
    const [c, v] = result.sources;
    expect([...c.columns.keys()]).toEqual([0, 1, 2, 3]);
    expect([...v.columns.keys()]).toEqual([0, 1]); // the fee is not mapped, so not read
    expect(c.columns.get(2)).toEqual([[""], [45100], [""]]);
    expect(c.columns.get(3)).toEqual([["A"], ["B"], ["A"]]);
    expect(v.columns.get(1)).toEqual([[45001], [45011]]);
    expect(c.rowCount).toBe(3);
    expect(c.address).toBe("Data!B2:E5");
    // Small sources are read with the first (locating) sync alone.
    expect(result.syncs).toBe(1);
    expect(double.syncCount - syncsBefore).toBe(1);
  });

  it("reads a 200,000-row log in chunks, every response under the budget", async () => {
    const double = new ExcelDouble({ keepLog: false });
    const rows = 200_000;
    const ids = Array.from({ length: rows }, (_, i) => `C${String(i % 20_000).padStart(6, "0")}`);
    const dates = Array.from({ length: rows }, (_, i) => 45000 + (i % 900));
    const amounts = Array.from({ length: rows }, (_, i) => Math.round((5 + (i % 97)) * 100) / 100);
    const rect = double.putColumns("Log", "A1", ["Customer ID", "Date", "Amount"], [ids, dates, amounts]);
    double.addTable("Log", "Log", rect);
    const [log] = await double.run((context) => listSources(context));
    const before = double.syncCount;
    const budget = 512 * 1024;
    const result = await double.run((context) =>
      readSources(context, [mapping(log, "transactions", { customerId: 0, date: 1, amount: 2 })], { budgetBytes: budget }),
    );
    const responses = double.syncs.slice(before).map((s) => s.responseBytes);
    expect(Math.max(...responses)).toBeLessThanOrEqual(budget);
    // A row is about 30 bytes of JSON (["C000123"], [45123], [12.5]), 6 MB in all, so at least
    // 12 chunks of 512 KB. The row estimate errs high (1.5× the sample, at least 16 bytes a
    // cell, so 48 here), which costs at most twice the minimum number of chunks.
    const total = responses.reduce((a, b) => a + b, 0);
    expect(result.syncs).toBeGreaterThanOrEqual(Math.ceil(total / budget));
    expect(result.syncs).toBeLessThanOrEqual(2 + Math.ceil((2 * total) / budget));
    const [source] = result.sources;
    expect(source.columns.get(0)?.length).toBe(rows);
    expect(source.columns.get(0)?.[rows - 1]).toEqual([ids[rows - 1]]);
    expect(source.columns.get(1)?.[123_457]).toEqual([dates[123_457]]);
    expect(source.columns.get(2)?.[199_998]).toEqual([amounts[199_998]]);
  });

  it("uses a 4 MB default budget, under Excel's 5 MB limit", () => {
    expect(READ_BUDGET_BYTES).toBe(4 * 1024 * 1024);
  });

  it("reports a source that has gone, and one whose header changed", async () => {
    const double = practice();
    const [customers] = await double.run((context) => listSources(context));
    const m = mapping(customers, "customers", { customerId: 0, startDate: 1 });
    double.workbook.tables.splice(0, 1);
    await expect(double.run((context) => readSources(context, [m]))).rejects.toThrow(
      "Customers is no longer in the workbook; refresh the list of sources",
    );
    const fresh = practice();
    fresh.sheet("Data").setRaw(1, 2, "Joined");
    await expect(fresh.run((context) => readSources(context, [m]))).rejects.toThrow(
      'Customers has changed since it was mapped (column 2 is now "Joined"); map it again',
    );
  });

  it("stops between chunks when cancelled", async () => {
    const double = new ExcelDouble();
    const rect = double.putColumns("Log", "A1", ["Customer ID", "Date"], [Array.from({ length: 5000 }, (_, i) => `C${i}`), Array.from({ length: 5000 }, () => 45000)]);
    double.addTable("Log", "Log", rect);
    const [log] = await double.run((context) => listSources(context));
    const controller = new AbortController();
    let calls = 0;
    await expect(
      double.run((context) =>
        readSources(context, [mapping(log, "transactions", { customerId: 0, date: 1 })], {
          budgetBytes: 16 * 1024,
          signal: controller.signal,
          onProgress: () => {
            if (++calls === 2) controller.abort();
          },
        }),
      ),
    ).rejects.toThrow("The scorecard build was cancelled");
  });
});
