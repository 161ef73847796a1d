/**
 * The in-memory Excel double (test/support/excel-double.ts) behaves as Office.js does in the
 * ways the scorecard relies on: queued writes, loads readable only after sync, null objects,
 * the 5 MB request and response limits, and a failing action stopping its batch.
 */
import { ExcelDouble, OfficeDoubleError } from "./support/excel-double";

describe("excel double", () => {
  it("applies writes at sync, and reads loaded values only after it", async () => {
    const double = new ExcelDouble();
    double.addSheet("S");
    await double.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B1");
      range.values = [[1, "'007"]];
      range.load("values,address");
      expect(() => range.values).toThrow("The property 'values' is not available");
      expect(double.sheet("S").value(0, 0)).toBe(""); // not applied yet
      await context.sync();
      expect(range.values).toEqual([[1, "007"]]);
      expect(range.address).toBe("S!A1:B1");
    });
    // Text typed like a number or a date is read as one; an apostrophe keeps it text.
    await double.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A2:C2").formulas = [["12", "2024-01-01", "=A1+1"]];
      await context.sync();
    });
    const sheet = double.sheet("S");
    expect([sheet.value(1, 0), sheet.value(1, 1), sheet.formula(1, 2)]).toEqual([12, 45292, "=A1+1"]);
    expect(sheet.isQuoted(0, 1)).toBe(true);
  });

  it("resolves objects added in the same batch, and reports null objects after sync", async () => {
    const double = new ExcelDouble();
    double.addSheet("S");
    await double.run(async (context) => {
      const added = context.workbook.worksheets.add("New");
      added.getRange("B2").values = [["x"]];
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("S");
      await context.sync();
      expect([missing.isNullObject, present.isNullObject]).toEqual([true, false]);
    });
    expect(double.sheet("New").value(1, 1)).toBe("x");
    expect(double.syncCount).toBe(1);
  });

  it("refuses requests and responses over 5 MB", async () => {
    const double = new ExcelDouble();
    double.addSheet("S");
    const big = Array.from({ length: 70_000 }, () => ["0123456789012345678901234567890123456789012345678901234567890123456789012345678901"]);
    await expect(
      double.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A70000").values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    const small = new ExcelDouble({ responseLimitBytes: 1000 });
    small.putColumns("S", "A1", ["x"], [Array.from({ length: 500 }, (_, i) => i)]);
    await expect(
      small.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A501").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("stops a batch at a failing action, keeping the actions before it", async () => {
    const double = new ExcelDouble();
    double.addSheet("S");
    double.failWhen = (action) => (action.describe.endsWith("B1).values") ? new OfficeDoubleError("InvalidArgument", "nope") : undefined);
    await expect(
      double.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("S");
        sheet.getRange("A1").values = [[1]];
        sheet.getRange("B1").values = [[2]];
        sheet.getRange("C1").values = [[3]];
        await context.sync();
      }),
    ).rejects.toThrow("nope");
    const sheet = double.sheet("S");
    expect([sheet.value(0, 0), sheet.value(0, 1), sheet.value(0, 2)]).toEqual([1, "", ""]);
  });
});
