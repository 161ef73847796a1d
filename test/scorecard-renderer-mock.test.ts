/**
 * The renderer against office-addin-mock, Microsoft's Office.js mock: it counts the syncs
 * (jest.spyOn(context, "sync")), records what is written where, and checks that a failure
 * mid-build deletes the partial sheet. office-addin-mock models neither collections nor
 * history, so the worksheet collection's `items` and the objects the renderer navigates into
 * are supplied here as plain recording objects; everything it can model (context, sync,
 * methods in the mock data) is the mock's own.
 */
import { OfficeMockObject } from "office-addin-mock";
import { analyse } from "../src/scorecard/analysis";
import { buildPlan } from "../src/scorecard/plan";
import { renderPlan } from "../src/scorecard/office/renderer";
import type { ScorecardOptions } from "../src/scorecard/types";
import { fixtureSources } from "./support/scorecard-fixture";

/** A stand-in that records every property set and method call made through it, by path. */
function recorder(path: string, log: string[]): unknown {
  return new Proxy(function recorded() {}, {
    get: (_target, property) => (property === "then" ? undefined : recorder(`${path}.${String(property)}`, log)),
    set: (_target, property, value) => {
      log.push(`${path}.${String(property)} = ${JSON.stringify(value)}`);
      return true;
    },
    apply: (_target, _self, args) => {
      const call = `${path}(${args.map((a) => JSON.stringify(a) ?? "range").join(",")})`;
      log.push(call);
      return recorder(call, log);
    },
  });
}

function scorecardPlan() {
  const options: ScorecardOptions = { period: "month", trendPeriods: 3, industry: "saas", targets: {}, mode: "values" };
  return buildPlan(analyse(fixtureSources(), options, { builtAt: "2024-07-01 09:30" }), options);
}

function mockContext() {
  const log: string[] = [];
  const deleted: string[] = [];
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          load: function () {
            log.push("worksheets.load");
          },
          add: function (name: string) {
            log.push(`worksheets.add(${name})`);
            return recorder(`Worksheet(${name})`, log);
          },
          getItemOrNullObject: function (name: string) {
            return { isNullObject: false, delete: () => deleted.push(name) };
          },
        },
      },
      application: {
        suspendApiCalculationUntilNextSync: function () {
          log.push("suspendApiCalculationUntilNextSync");
        },
        calculate: function (type: string) {
          log.push(`calculate(${type})`);
        },
      },
    },
  }) as unknown as { context: Excel.RequestContext };
  // office-addin-mock has no collections: the loaded items are set as the sync would have left them.
  (mock.context.workbook.worksheets as unknown as { items: { name: string }[] }).items = [{ name: "Sheet1" }, { name: "Retention Scorecard" }];
  return { context: mock.context, log, deleted };
}

describe("renderer with office-addin-mock", () => {
  it("syncs five times and writes the plan's cells to the new sheet only", async () => {
    const { context, log, deleted } = mockContext();
    const sync = jest.spyOn(context, "sync");
    const result = await renderPlan(context, scorecardPlan());
    expect(sync).toHaveBeenCalledTimes(5);
    expect(result.sheetName).toBe("Retention Scorecard (2)");
    expect(log).toContain("worksheets.add(Retention Scorecard (2))");
    expect(log).toContain('Worksheet(Retention Scorecard (2)).getRange("B1").formulas = [["\'Retention Scorecard"]]');
    expect(log).toContain(
      'Worksheet(Retention Scorecard (2)).getRange("B3:L3").formulas = [["\'As of",45473,"","\'Reporting period","\'month","","\'Built","\'2024-07-01 09:30","","\'Formulas","\'Values"]]',
    );
    expect(log.some((line) => line.startsWith("Worksheet(") && !line.startsWith("Worksheet(Retention Scorecard (2))"))).toBe(false);
    // Values and formulas are queued before the first format.
    const lastWrite = log.map((l) => l.includes(".formulas =")).lastIndexOf(true);
    const firstFormat = log.findIndex((l) => l.includes(".format.") || l.includes(".numberFormat ="));
    expect(lastWrite).toBeLessThan(firstFormat);
    expect(log).toContain("suspendApiCalculationUntilNextSync");
    expect(log).toContain('Worksheet(Retention Scorecard (2)).activate()');
    expect(deleted).toEqual([]);
  });

  it("deletes the partial sheet when a sync fails mid-build", async () => {
    const { context, deleted } = mockContext();
    const sync = jest
      .spyOn(context, "sync")
      .mockResolvedValueOnce(undefined as never)
      .mockResolvedValueOnce(undefined as never)
      .mockRejectedValueOnce(new Error("Excel is busy"));
    await expect(renderPlan(context, scorecardPlan())).rejects.toThrow(
      "Building the scorecard failed while formatting: Excel is busy. The workbook is unchanged.",
    );
    expect(deleted).toEqual(["Retention Scorecard (2)"]);
    // Three build syncs (the third failed), then the clean-up's two.
    expect(sync).toHaveBeenCalledTimes(5);
  });
});
