/**
 * The Office.js ScorecardService end to end against the in-memory workbook: sample data,
 * listing, mapping guesses, Live and Values builds, and the failures the pane must explain.
 */
import { classifyScores, npsFromCounts } from "../src/core/nps";
import { generateDentalPractice } from "../src/sample/dental";
import { guessColumns, guessKind } from "../src/scorecard/mapping";
import { createOfficeScorecardService, formatBuiltAt } from "../src/scorecard/office/service";
import { presetTargets } from "../src/scorecard/targets";
import type { BuildProgress, ScorecardOptions, SourceInfo, SourceMapping } from "../src/scorecard/types";
import { ExcelDouble } from "./support/excel-double";

function setup() {
  const double = new ExcelDouble();
  double.addSheet("Sheet1");
  const service = createOfficeScorecardService({ run: (batch) => double.run(batch), now: () => new Date(2025, 6, 1, 9, 5) });
  return { double, service };
}

function guessed(sources: SourceInfo[]): SourceMapping[] {
  return sources.map((source) => {
    const kind = guessKind(source.headers);
    return { source, kind, columns: guessColumns(source.headers, kind) };
  });
}

function options(mode: ScorecardOptions["mode"]): ScorecardOptions {
  return {
    period: "month",
    trendPeriods: 12,
    industry: "medical",
    targets: presetTargets("medical"),
    mode,
    segment: { sourceId: "table:Patients", column: 3 },
  };
}

describe("service: sample data", () => {
  it("adds the dental practice as three tables on new sheets, in two syncs", async () => {
    const { double, service } = setup();
    const sources = await service.insertSampleData();
    const practice = generateDentalPractice();
    expect(double.syncCount).toBe(2);
    expect(sources.map((s) => [s.id, s.sheet, s.rowCount])).toEqual([
      ["table:Patients", "Patients", practice.patients.rows.length],
      ["table:Visits", "Visits", practice.visits.rows.length],
      ["table:Survey", "Survey", practice.survey.rows.length],
    ]);
    expect(sources[0].headers).toEqual(["Patient ID", "First visit", "Left practice", "Insurance plan", "Referred by"]);
    expect(sources[0].address).toBe(`Patients!A1:E${practice.patients.rows.length + 1}`);
    const patients = double.sheet("Patients");
    expect(patients.value(1, 0)).toBe(practice.patients.rows[0][0]);
    expect(patients.value(1, 1)).toBe(practice.patients.rows[0][1]);
    expect(patients.formats.get("1,1")?.numberFormat).toBe("yyyy-mm-dd");
    expect(double.workbook.activeSheet?.name).toBe("Patients");
    // The guesses map every role of the sample without help.
    expect(guessed(sources).map((m) => [m.kind, m.columns])).toEqual([
      ["customers", { customerId: 0, startDate: 1, endDate: 2, segment: 3, referredBy: 4 }],
      ["transactions", { customerId: 0, date: 1, amount: 2 }],
      ["survey", { score: 2, date: 1 }],
    ]);
  });

  it("never overwrites: a second sample gets new sheet and table names", async () => {
    const { double, service } = setup();
    await service.insertSampleData();
    const again = await service.insertSampleData();
    expect(again.map((s) => [s.name, s.sheet])).toEqual([
      ["Patients2", "Patients (2)"],
      ["Visits2", "Visits (2)"],
      ["Survey2", "Survey (2)"],
    ]);
    expect(double.workbook.tables.map((t) => t.name)).toEqual(["Patients", "Visits", "Survey", "Patients2", "Visits2", "Survey2"]);
  });
});

describe("service: building", () => {
  it("builds a Live scorecard from the sample with named progress and at most 8 render syncs", async () => {
    const { double, service } = setup();
    const sources = await service.insertSampleData();
    const progress: BuildProgress[] = [];
    const before = double.syncCount;
    const result = await service.build(guessed(sources), options("live"), (p) => progress.push(p), new AbortController().signal);
    expect(result).toEqual({ sheetName: "Retention Scorecard", warnings: [] });
    // Two read syncs (locate + sample, then the visits past the first 1,000 rows) and the renderer's five.
    expect(generateDentalPractice().visits.rows.length).toBeGreaterThan(1000);
    expect(double.syncCount - before).toBe(7);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress[0].stage).toBe("Reading the data");
    expect(progress.map((p) => p.stage)).toContain("Writing values and formulas");
    expect(progress[progress.length - 1]).toEqual({ stage: "Done", fraction: 1 });
    const sheet = double.sheet("Retention Scorecard");
    expect(sheet.value(2, 8)).toBe(formatBuiltAt(new Date(2025, 6, 1, 9, 5)));
    expect([...sheet.cells().values()].some((v) => typeof v === "string" && v.startsWith("=RETAIN.CHURNBYDATES(Patients[First visit],Patients[Left practice]"))).toBe(true);
  });

  it("builds a Values scorecard whose NPS is the core's NPS of the survey", async () => {
    const { double, service } = setup();
    const sources = await service.insertSampleData();
    await service.build(guessed(sources), options("values"), () => undefined, new AbortController().signal);
    const sheet = double.sheet("Retention Scorecard");
    const scores = generateDentalPractice().survey.rows.map((row) => row[2] as number);
    const counts = classifyScores(scores);
    const expected = npsFromCounts(counts.promoters, counts.passives, counts.detractors);
    const cells = sheet.cells();
    // The tile's label has its value under it (the Definitions row has text beside it instead).
    const below = (address: string) => address.replace(/\d+$/, (n) => String(Number(n) + 1));
    const tile = [...cells].find(([address, v]) => v === "Net Promoter Score" && typeof cells.get(below(address)) === "number");
    expect(cells.get(below(tile?.[0] as string))).toBe(expected);
  });

  it("refuses Portable mode and mappings that feed nothing, adding no sheet", async () => {
    const { double, service } = setup();
    const sources = await service.insertSampleData();
    const sheets = double.workbook.sheets.length;
    await expect(service.build(guessed(sources), options("portable"), () => undefined, new AbortController().signal)).rejects.toThrow(
      "The Portable formula mode is not available yet; choose Live or Values",
    );
    const incomplete = guessed(sources).map((m) => ({ ...m, columns: {} }));
    await expect(service.build(incomplete, options("live"), () => undefined, new AbortController().signal)).rejects.toThrow(
      "None of the chosen sources is complete enough for a scorecard",
    );
    expect(double.workbook.sheets.length).toBe(sheets);
  });

  it("stops when cancelled, leaving no scorecard sheet", async () => {
    const { double, service } = setup();
    const sources = await service.insertSampleData();
    const controller = new AbortController();
    const build = service.build(guessed(sources), options("live"), (p) => {
      if (p.stage === "Formatting") controller.abort();
    }, controller.signal);
    await expect(build).rejects.toThrow("The scorecard build was cancelled; the workbook is unchanged");
    expect(double.workbook.sheets.map((s) => s.name)).toEqual(["Sheet1", "Patients", "Visits", "Survey"]);
  });

  it("explains a source deleted since it was listed", async () => {
    const { double, service } = setup();
    const sources = await service.insertSampleData();
    double.workbook.tables.splice(1, 1);
    await expect(service.build(guessed(sources), options("live"), () => undefined, new AbortController().signal)).rejects.toThrow(
      "Visits is no longer in the workbook; refresh the list of sources",
    );
  });

  it("lists the sample and the selection through the service", async () => {
    const { double, service } = setup();
    await service.insertSampleData();
    expect((await service.listSources()).map((s) => s.id)).toEqual(["table:Patients", "table:Visits", "table:Survey"]);
    double.select("Visits", "A1:C5");
    expect(await service.selectionSource()).toMatchObject({ id: "selection:Visits!A1:C5", rowCount: 4, headers: ["Patient ID", "Visit date", "Fee"] });
  });
});
