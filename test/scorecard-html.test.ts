/**
 * The HTML rendering of a worksheet of the Excel double (test/support/sheet-html.ts), which
 * draws the docs' scorecard screenshot: the number formatter, conditional-format colouring,
 * chart axis scales, and a small scorecard rendered through the double.
 *
 * Expected texts are Excel's: each was worked by hand from Excel's documented rules ("Review
 * guidelines for customizing a number format", support.microsoft.com), and the colour-scale
 * colours from the three colours and linear blending, channel by channel, as worked in the
 * comments. Serial dates: 45473 is 2024-06-30 (test/support/scorecard-fixture.ts), and Excel
 * counts the phantom 1900-02-29 as serial 60.
 */
import { analyse } from "../src/scorecard/analysis";
import { renderPlan } from "../src/scorecard/office/renderer";
import { buildPlan } from "../src/scorecard/plan";
import type { ScorecardOptions } from "../src/scorecard/types";
import { ExcelDouble, parseA1, type SheetModel } from "./support/excel-double";
import { fixtureSources } from "./support/scorecard-fixture";
import {
  colorScaleFill,
  conditionalStyles,
  formatGeneral,
  formatValue,
  layoutSheet,
  mixColors,
  niceScale,
  percentileInc,
  ruleHolds,
  serialToParts,
  sheetToHtml,
  type LaidOutCell,
} from "./support/sheet-html";

const text = (value: number | string | boolean, code: string): string => formatValue(value, code).text;

describe("sheet-html: number formats", () => {
  it("formats the percentages the scorecard uses, rounding half away from zero", () => {
    expect(text(2 / 7, "0.0%")).toBe("28.6%"); // 28.571…%
    expect(text(5 / 7, "0.0%")).toBe("71.4%"); // 71.428…%
    expect(text(0.125, "0%")).toBe("13%"); // 12.5 → 13 (half away from zero)
    expect(text(0.005, "0.0%")).toBe("0.5%");
    expect(text(-0.0125, "0.0%")).toBe("-1.3%");
    expect(text(0.9875, "0.0%")).toBe("98.8%"); // 98.75 → 98.8
  });

  it("formats counts, points and currency", () => {
    expect(text(1234567.891, "#,##0")).toBe("1,234,568");
    expect(text(999.5, "#,##0")).toBe("1,000");
    expect(text(0, "#,##0")).toBe("0");
    expect(text(24.4, "0")).toBe("24");
    expect(text(12.35, "0.0")).toBe("12.4");
    expect(text(1.005, "0.00")).toBe("1.01"); // Excel's 15-digit view: 1.005 is 1.005, not 1.00499…
    expect(text(2466.6, "$#,##0")).toBe("$2,467");
    expect(text(-1234.5, "$#,##0")).toBe("-$1,235"); // one section: the minus goes first
    expect(text(2466.6, "$#,##0.00")).toBe("$2,466.60");
    expect(text(1234.5, "[$€-407] #,##0.00")).toBe("€ 1,234.50");
    expect(text(1234567, '#,##0,"k"')).toBe("1,235k"); // a trailing comma divides by 1,000
  });

  it("uses sections, colours, optional digits and text sections as Excel does", () => {
    expect(text(-5, "0;(0)")).toBe("(5)");
    expect(text(0, '0;-0;"zero"')).toBe("zero");
    expect(formatValue(-5, "0;[Red]-0")).toEqual({ text: "-5", color: "#FF0000" });
    expect(text(2.5, "0.##")).toBe("2.5");
    expect(text(2, "0.##")).toBe("2."); // Excel keeps the point
    expect(text(0.5, "#.00")).toBe(".50");
    expect(text(7, "000")).toBe("007");
    expect(text("n/a", "0.0%")).toBe("n/a"); // text without a text section shows as it is
    expect(text("abc", "@")).toBe("abc");
    expect(text("x", '0;0;0;"<"@">"')).toBe("<x>");
    expect(text(true, "0.0%")).toBe("TRUE");
    expect(text(12345.678, "0.00E+00")).toBe("1.23E+04");
  });

  it("formats General like Excel: integers as they are, about ten significant digits, E notation when huge", () => {
    expect(formatGeneral(0.1 + 0.2)).toBe("0.3");
    expect(formatGeneral(1234567)).toBe("1234567");
    expect(formatGeneral(-2.5)).toBe("-2.5");
    expect(formatGeneral(123456789012)).toBe("1.23457E+11");
    expect(text(45473, "General")).toBe("45473");
    expect(text(-3, "")).toBe("-3");
  });

  it("formats dates and times from Excel serials, with the 1900 leap-year bug", () => {
    expect(text(45473, "yyyy-mm-dd")).toBe("2024-06-30");
    expect(text(45474, "mmm yyyy")).toBe("Jul 2024");
    expect(text(45474, "dddd, d mmmm yy")).toBe("Monday, 1 July 24"); // 2024-07-01 was a Monday
    expect(text(45474.75, "yyyy-mm-dd hh:mm")).toBe("2024-07-01 18:00"); // mm after hh is minutes
    expect(text(45474.75, "h:mm AM/PM")).toBe("6:00 PM");
    expect(text(1, "yyyy-mm-dd")).toBe("1900-01-01");
    expect(text(59, "yyyy-mm-dd")).toBe("1900-02-28");
    expect(text(60, "yyyy-mm-dd")).toBe("1900-02-29"); // Excel's phantom day
    expect(text(61, "yyyy-mm-dd")).toBe("1900-03-01");
    expect(serialToParts(45474).weekday).toBe(1);
  });
});

describe("sheet-html: conditional formats", () => {
  const grid = (cells: Record<string, string | number>) => (row: number, column: number) => {
    const key = Object.keys(cells).find((a) => {
      const r = parseA1(a);
      return r.row === row && r.column === column;
    });
    return key === undefined ? null : cells[key];
  };

  it("evaluates the tiles' status rules: an absolute reference compared with text, case-insensitively", () => {
    const formula = '=$C$12="On target"';
    expect(ruleHolds(formula, grid({ C12: "On target" }), 8, 1, 8, 1)).toBe(true);
    expect(ruleHolds(formula, grid({ C12: "on TARGET" }), 8, 1, 8, 2)).toBe(true);
    expect(ruleHolds(formula, grid({ C12: "Near target" }), 8, 1, 8, 1)).toBe(false);
    expect(ruleHolds(formula, grid({}), 8, 1, 8, 1)).toBe(false); // an empty cell is "", not "On target"
  });

  it("moves relative references with the cell tested, and treats errors as false", () => {
    // =B2>10 written for B2, applied to B2:B4 holding 5, 15, 20.
    const read = grid({ B2: 5, B3: 15, B4: 20 });
    expect([1, 2, 3].map((row) => ruleHolds("=B2>10", read, 1, 1, row, 1))).toEqual([false, true, true]);
    expect(ruleHolds('=AND(ISNUMBER(B2),B2*2>=30)', read, 1, 1, 2, 1)).toBe(true); // 15 × 2 ≥ 30
    expect(ruleHolds('=B2+1>0', grid({ B2: "text" }), 1, 1, 1, 1)).toBe(false); // #VALUE! → no format
  });

  it("blends a 3-colour scale linearly between lowest, 50th percentile and highest", () => {
    const excelDefault = {
      minimum: { type: "LowestValue", color: "#F8696B" },
      midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
      maximum: { type: "HighestValue", color: "#63BE7B" },
    };
    const values = [0, 0.5, 1];
    expect(colorScaleFill(0, values, excelDefault)).toBe("#F8696B");
    expect(colorScaleFill(0.5, values, excelDefault)).toBe("#FFEB84");
    expect(colorScaleFill(1, values, excelDefault)).toBe("#63BE7B");
    // 0.25, halfway from F8696B to FFEB84: (248+255)/2 = 251.5 → FC, (105+235)/2 = 170 → AA, (107+132)/2 = 119.5 → 78.
    expect(colorScaleFill(0.25, values, excelDefault)).toBe("#FCAA78");
    // 0.75, halfway from FFEB84 to 63BE7B: (255+99)/2 = 177 → B1, (235+190)/2 = 212.5 → D5, (132+123)/2 = 127.5 → 80.
    expect(colorScaleFill(0.75, values, excelDefault)).toBe("#B1D580");
    // Skewed data: the midpoint is the median (0.1), so 0.2 is 1/9 of the way from it to the top (1):
    // 255 − 156/9 = 237.67 → EE, 235 − 45/9 = 230 → E6, 132 − 9/9 = 131 → 83.
    expect(colorScaleFill(0.2, [0, 0, 0.1, 0.2, 1], excelDefault)).toBe("#EEE683");
    expect(mixColors("#000000", "#FFFFFF", 0.5)).toBe("#808080"); // 127.5 → 128
  });

  it("computes percentiles as Excel's PERCENTILE.INC", () => {
    expect(percentileInc([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileInc([10, 20, 30, 40, 50], 0.9)).toBeCloseTo(46, 12); // position 3.6 → 40 + 0.6 × 10
    expect(percentileInc([50, 10, 30], 0.5)).toBe(30);
  });

  it("applies a sheet's formats in priority order: the format added last wins where two clash", () => {
    const double = new ExcelDouble();
    const sheet = double.addSheet("S");
    sheet.setRaw(0, 0, 1);
    sheet.setRaw(1, 0, 3);
    sheet.setRaw(2, 0, "x");
    sheet.conditionalFormats.push(
      { type: "ColorScale", address: "A1:A3", criteria: { minimum: { type: "LowestValue", color: "#000000" }, maximum: { type: "HighestValue", color: "#FFFFFF" } } },
      { type: "Custom", address: "A1:A3", formula: "=A1>2", fill: "#FF0000", fontColor: "#00FF00" },
    );
    const styles = conditionalStyles(sheet);
    expect(styles.get("0,0")).toEqual({ fill: "#000000" }); // the lowest number
    expect(styles.get("1,0")).toEqual({ fill: "#FF0000", fontColor: "#00FF00" }); // 3 > 2: the rule added later wins
    // Text takes no colour-scale fill, but Excel ranks any text above any number, so "x" > 2 holds.
    expect(styles.get("2,0")).toEqual({ fill: "#FF0000", fontColor: "#00FF00" });
  });
});

describe("sheet-html: chart scales", () => {
  it("starts a non-negative axis at zero unless the data sit in its top sixth, with a 1-2-5 step", () => {
    // 0.62 < 5/6 × 0.97: from zero; (0.97 − 0) / 5 = 0.194 → step 0.2, top 1.0.
    expect(niceScale(0.62, 0.97)).toEqual({ min: 0, max: 1, step: 0.2 });
    // 0.978 ≥ 5/6 × 0.994: not from zero; 0.016 / 5 = 0.0032 → step 0.005, 0.975 … 0.995.
    expect(niceScale(0.978, 0.994)).toEqual({ min: 0.975, max: 0.995, step: 0.005 });
    expect(niceScale(0, 0)).toEqual({ min: -1, max: 1, step: 0.5 });
  });
});

describe("sheet-html: the double keeps Excel's borders", () => {
  it("puts a range's edge borders on the cells along the edge, and inside borders between cells", async () => {
    const double = new ExcelDouble();
    double.addSheet("S");
    await double.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("B2:C4");
      range.format.borders.getItem("EdgeBottom").color = "#111111";
      range.format.borders.getItem("InsideHorizontal").color = "#222222";
      range.format.borders.getItem("EdgeLeft").color = "#333333";
      await context.sync();
    });
    const sheet = double.sheet("S");
    const sides = (address: string) => {
      const { row, column } = parseA1(address);
      return Object.fromEntries(Object.entries(sheet.formats.get(`${row},${column}`)?.borders ?? {}).map(([edge, b]) => [edge, b.color]));
    };
    expect(sides("B2")).toEqual({ EdgeBottom: "#222222", EdgeLeft: "#333333" });
    expect(sides("C3")).toEqual({ EdgeTop: "#222222", EdgeBottom: "#222222" });
    expect(sides("C4")).toEqual({ EdgeTop: "#222222", EdgeBottom: "#111111" });
    expect(sides("B4")).toEqual({ EdgeTop: "#222222", EdgeBottom: "#111111", EdgeLeft: "#333333" });
  });
});

describe("sheet-html: a scorecard rendered through the double", () => {
  let sheet: SheetModel;
  let cells: Map<string, LaidOutCell>;
  let html: string;

  beforeAll(async () => {
    const options: ScorecardOptions = {
      period: "month",
      trendPeriods: 6,
      industry: "medical",
      targets: { churn: 0.3, nps: 30 },
      mode: "values",
      segment: { sourceId: "table:Customers", column: 3 },
    };
    const plan = buildPlan(analyse(fixtureSources(), options, { builtAt: "2024-07-01 09:30" }), options);
    const double = new ExcelDouble();
    double.addSheet("Data");
    const { sheetName } = await double.run((context) => renderPlan(context, plan));
    sheet = double.sheet(sheetName);
    cells = layoutSheet(sheet).cells;
    html = sheetToHtml(sheet, { headings: true });
  });

  const find = (shown: string): LaidOutCell => {
    const found = [...cells.values()].find((c) => c.text === shown);
    if (!found) throw new Error(`no cell shows ${shown}`);
    return found;
  };
  const at = (from: LaidOutCell, rows: number, columns: number): LaidOutCell => {
    const address = `${String.fromCharCode(65 + from.column + columns)}${from.row + rows + 1}`;
    const cell = cells.get(address);
    if (!cell) throw new Error(`nothing at ${address}`);
    return cell;
  };

  it("shows the churn tile as worked by hand: 2 of 7 left in June = 28.6%, on target (≤ 30.0%), green", () => {
    const label = find("Churn (per month)");
    const value = at(label, 1, 0);
    expect(value.text).toBe("28.6%");
    expect(value.columnSpan).toBe(2); // the tile's value is merged over its two columns
    expect(at(label, 3, 1).text).toBe("30.0%");
    const status = at(label, 4, 1);
    expect(status.text).toBe("On target");
    // Excel's "Good" style, from the conditional format on the status text.
    for (const cell of [value, status]) expect([cell.fill, cell.fontColor]).toEqual(["#C6EFCE", "#006100"]);
  });

  it("shows NPS 20 (5 promoters − 3 detractors of 10) as near its target of 30, amber", () => {
    const value = at(find("Net Promoter Score"), 1, 0);
    expect(value.text).toBe("20");
    const status = at(find("Net Promoter Score"), 4, 1);
    expect(status.text).toBe("Near target");
    expect([status.fill, status.fontColor]).toEqual(["#FFEB9C", "#9C5700"]);
  });

  it("formats the trend's June row: label, dates, counts and rates", () => {
    const june = find("Jun 2024");
    const row = Array.from({ length: 9 }, (_, k) => at(june, 0, k).text);
    // S 7, N 1 (C10), L 2 (C04, C08), E 6; churn 2/7, CRR (6 − 1)/7 = 5/7.
    expect(row).toEqual(["Jun 2024", "2024-06-01", "2024-06-30", "7", "1", "2", "6", "28.6%", "71.4%"]);
    expect(at(june, 0, 3).horizontal).toBe("right");
  });

  it("writes a self-contained page: the cells' text, the charts as SVG, no gridlines, no external resources", () => {
    const churn = at(find("Churn (per month)"), 1, 0);
    expect(html).toMatch(new RegExp(`<td colspan="2" data-cell="${churn.address}"[^>]*><div[^>]*><span>28\\.6%</span>`));
    expect(html).toContain('aria-label="Retention and churn per month"');
    expect(html).toContain('aria-label="Kaplan–Meier survival"');
    expect(html).toContain("<polyline");
    expect(sheet.showGridlines).toBe(false);
    expect(html).not.toContain("#D4D4D4"); // the gridline colour
    expect(html).not.toMatch(/(src|href)=|url\(|@import/);
    // The sources line runs on into the empty cells to its right, as text does in Excel.
    const sources = cells.get("B2");
    expect(sources?.text).toMatch(/^Sources: Customers \(customer list, 10 rows\)/);
    expect(sources?.overflowRight).toBeGreaterThan(0);
  });
});
