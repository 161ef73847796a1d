/**
 * The Office.js renderer against the in-memory workbook (test/support/excel-double.ts): the
 * number of syncs, what lands where, the request sizes, and the clean-up on failure and cancel.
 * The double applies queued actions at sync as Office.js does, so a write that the renderer
 * forgot to sync, or a read it forgot to load, fails here.
 */
import { analyse } from "../src/scorecard/analysis";
import { buildPlan } from "../src/scorecard/plan";
import {
  REQUEST_LIMIT_BYTES,
  RENDER_STAGES,
  renderPlan,
  toExcelInput,
  uniqueSheetName,
  validatePlan,
  estimateStageBytes,
} from "../src/scorecard/office/renderer";
import type { SheetPlan } from "../src/scorecard/sheet-plan";
import type { ScorecardOptions } from "../src/scorecard/types";
import { ExcelDouble, OfficeDoubleError, type SheetModel } from "./support/excel-double";
import { fixtureSources } from "./support/scorecard-fixture";

function plan(mode: "live" | "values" = "live"): SheetPlan {
  const options: ScorecardOptions = {
    period: "month",
    trendPeriods: 6,
    industry: "medical",
    targets: { churn: 0.3, nps: 30 },
    mode,
    segment: { sourceId: "table:Customers", column: 3 },
  };
  return buildPlan(analyse(fixtureSources(), options, { builtAt: "2024-07-01 09:30" }), options);
}

/** A workbook with a data sheet whose cells must never change. */
function workbook(): { double: ExcelDouble; data: SheetModel; snapshot: () => string } {
  const double = new ExcelDouble();
  double.putRows("Data", "A1", ["Customer ID", "Start"], [["C01", 45000], ["C02", 45100]]);
  const data = double.sheet("Data");
  const snapshot = (): string => JSON.stringify([...data.cells()]) + JSON.stringify([...data.formats]);
  return { double, data, snapshot };
}

describe("renderer: a successful build", () => {
  it("writes the whole plan to a new sheet in five syncs, activates it and touches nothing else", async () => {
    const { double, snapshot } = workbook();
    const before = snapshot();
    const p = plan("live");
    const stages: string[] = [];
    const result = await double.run((context) => renderPlan(context, p, { onStage: (stage) => stages.push(stage) }));

    expect(result.sheetName).toBe("Retention Scorecard");
    expect(result.syncs).toBe(5);
    expect(double.syncCount).toBe(5);
    expect(stages).toEqual([...RENDER_STAGES]);
    expect(snapshot()).toBe(before);
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(["Data", "Retention Scorecard"]);
    expect(double.workbook.activeSheet?.name).toBe("Retention Scorecard");

    const sheet = double.sheet("Retention Scorecard");
    // Values and formulas: the title as text, the as-of formula, a RETAIN formula.
    expect(sheet.value(0, 1)).toBe("Retention Scorecard");
    expect(sheet.isQuoted(0, 1)).toBe(true);
    expect(sheet.formula(2, 2)).toBe(
      "=INT(MAX(Sales[Date],Logins[Login date],Customers[Start],Customers[End],'Survey sheet'!$B$2:$B$11))",
    );
    // The built-at stamp stays text (unquoted, Excel would read "2024-07-01 09:30" as a date).
    expect(sheet.value(2, 8)).toBe("2024-07-01 09:30");
    // Every block of the plan is where the plan says.
    const written = sheet.cells();
    for (const block of p.blocks) {
      const [first] = block.address.split(":");
      const cell = block.cells[0][0];
      if (cell !== null && cell !== "") expect(written.has(first)).toBe(true);
    }
    // Formats second: the header date format, a merge, the colour scale, the charts.
    expect(sheet.formats.get("2,2")?.numberFormat).toBe("yyyy-mm-dd");
    expect(sheet.merges.length).toBe(p.merges.length);
    expect(sheet.conditionalFormats.map((c) => c.type)).toEqual(p.conditionalFormats.map((c) => (c.kind === "colorScale" ? "ColorScale" : "Custom")));
    expect(sheet.charts.map((c) => [c.name, c.type, c.series.length])).toEqual([
      ["Retention trend", "Line", 2],
      ["Survival curve", "XYScatterLinesNoMarkers", 3],
    ]);
    expect(sheet.charts[0].series[1]).toMatchObject({ name: "Churn", axisGroup: "Secondary" });
    expect(sheet.charts[0].secondaryValueAxisFormat).toBe("0.0%");
    // Layout: widths in points (13 characters → (13·7 + 5)·0.75 = 72 pt), frozen header, print setup.
    expect(sheet.columnWidths.get(1)).toBe(72);
    expect(sheet.columnWidths.get(0)).toBe(14.25);
    expect(sheet.freeze).toEqual({ rows: 4, columns: 0 });
    expect(sheet.pageLayout).toEqual({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$1:$4" });
    expect(sheet.tabColor).toBe("#2F5597");
    expect(sheet.showGridlines).toBe(false);
    // Calculation suspended while writing, recalculated at the end.
    expect(double.calculationEvents).toEqual(["suspend", "calculate:Recalculate"]);
  });

  it("writes Values mode as numbers, with text quoted and nothing to calculate", async () => {
    const { double } = workbook();
    await double.run((context) => renderPlan(context, plan("values")));
    const sheet = double.sheet("Retention Scorecard");
    expect(sheet.value(2, 2)).toBe(45473);
    expect([...sheet.cells().values()].filter((v) => typeof v === "string" && v.startsWith("=RETAIN"))).toEqual([]);
  });

  it("never overwrites: the next builds get (2) and (3), whatever the case of existing names", async () => {
    const { double } = workbook();
    double.addSheet("retention scorecard");
    const p = plan("values");
    const second = await double.run((context) => renderPlan(context, p));
    const third = await double.run((context) => renderPlan(context, p));
    expect([second.sheetName, third.sheetName]).toEqual(["Retention Scorecard (2)", "Retention Scorecard (3)"]);
    expect(uniqueSheetName("Retention Scorecard", ["Retention Scorecard", "Retention Scorecard (2)"])).toBe("Retention Scorecard (3)");
  });

  it("keeps every request under 4 MB and estimates each stage at least as large as it is", async () => {
    const { double } = workbook();
    const result = await double.run((context) => renderPlan(context, plan("live")));
    const measured = double.syncs.map((s) => s.requestBytes);
    expect(Math.max(...measured)).toBeLessThan(REQUEST_LIMIT_BYTES);
    measured.forEach((bytes, stage) => expect(result.stageBytes[stage]).toBeGreaterThanOrEqual(bytes));
  });
});

describe("renderer: failures leave the workbook as it was", () => {
  it("deletes the half-built sheet when a stage fails, and says which stage", async () => {
    const { double, snapshot } = workbook();
    const before = snapshot();
    double.failWhen = (action) => (action.describe.includes("ConditionalFormats.add") ? new OfficeDoubleError("GeneralException", "An internal error has occurred.") : undefined);
    await expect(double.run((context) => renderPlan(context, plan("live")))).rejects.toThrow(
      "Building the scorecard failed while adding conditional formats and charts: An internal error has occurred. The workbook is unchanged.",
    );
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(["Data"]);
    expect(snapshot()).toBe(before);
    // Four stage syncs (the fourth failed), then the clean-up: check, delete.
    expect(double.syncCount).toBe(6);
  });

  it("deletes the sheet when the sheet's own batch fails half-way", async () => {
    const { double } = workbook();
    let writes = 0;
    double.failWhen = (action) => action.describe.endsWith(".formulas") && ++writes === 3;
    await expect(double.run((context) => renderPlan(context, plan("values")))).rejects.toThrow("while writing values and formulas");
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(["Data"]);
  });

  it("stops between stages when cancelled, and removes the sheet", async () => {
    const { double } = workbook();
    const controller = new AbortController();
    const promise = double.run((context) =>
      renderPlan(context, plan("live"), {
        signal: controller.signal,
        onStage: (_stage, index) => {
          if (index === 2) controller.abort();
        },
      }),
    );
    // Aborting inside stage 2's callback takes effect at the next check, before stage 3.
    await expect(promise).rejects.toThrow("The scorecard build was cancelled; the workbook is unchanged");
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(["Data"]);
  });

  it("refuses a stage over the request budget before sending it", async () => {
    const { double } = workbook();
    await expect(double.run((context) => renderPlan(context, plan("values"), { requestLimitBytes: 20_000 }))).rejects.toThrow(
      /^Writing values and formulas would send about \d+ KB to Excel in one request, over the 19 KB limit$/,
    );
    // Refused before the sheet was added: only the name lookup was sent.
    expect(double.syncCount).toBe(1);
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(["Data"]);
  });

  it("names the sheet to delete by hand when even the clean-up fails", async () => {
    const { double } = workbook();
    double.failWhen = (action) => action.describe.includes(".Charts.add") || action.describe.endsWith(".delete");
    await expect(double.run((context) => renderPlan(context, plan("live")))).rejects.toThrow(
      'the unfinished sheet "Retention Scorecard" could not be removed',
    );
  });

  it("never addresses another sheet", () => {
    const bad = plan("values");
    bad.blocks.push({ address: "Data!A1", cells: [["x"]] });
    expect(() => validatePlan(bad)).toThrow("the scorecard plan addresses another sheet: Data!A1");
    const misfit = plan("values");
    misfit.blocks.push({ address: "A1:B1", cells: [["x"]] });
    expect(() => validatePlan(misfit)).toThrow("does not match its size");
  });
});

describe("renderer: helpers", () => {
  it("writes text with an apostrophe so Excel keeps it as text", () => {
    expect(toExcelInput("1-3")).toBe("'1-3");
    expect(toExcelInput("TRUE")).toBe("'TRUE");
    expect(toExcelInput("")).toBe("");
    expect(toExcelInput(null)).toBe("");
    expect(toExcelInput(0.25)).toBe(0.25);
    expect(toExcelInput({ formula: "=A1" })).toBe("=A1");
  });

  it("estimates a stage from what it queues", () => {
    // One set of a 1×1 grid: 160 bytes of overhead + {"formulas":[["x"]]} (20 bytes), plus the getRange("A1") call: 160 + ["A1"] (6).
    const bytes = estimateStageBytes((_context, sheet) => {
      sheet.getRange("A1").formulas = [["x"]];
    });
    expect(bytes).toBe(160 + 6 + 160 + 20);
  });
});
