/**
 * The shipped artefacts: dist/functions.js runs on its own and registers every function in
 * dist/functions.json; functions.json matches the committed golden copy (so an edit cannot
 * silently rename RETAIN.CHURN or re-order its arguments); the README's function reference is
 * generated from it; the core imports nothing from Office or the DOM.
 */
import * as fs from "fs";
import * as path from "path";
import { functionsMetadata, loadFunctionsBundle, readDist } from "./support/bundle";
import { renderFunctionReference, renderTargetPresets } from "../scripts/function-reference";

const ROOT = path.resolve(__dirname, "..");

describe("dist/functions.js", () => {
  test("loads in a bare vm context with only CustomFunctions and registers every function in functions.json", () => {
    const { registered } = loadFunctionsBundle();
    const ids = functionsMetadata().map((f) => f.id);
    expect([...registered.keys()].sort()).toEqual([...ids].sort());
    for (const fn of registered.values()) expect(typeof fn).toBe("function");
  });

  test("a registered function computes in the bare context (Recurly churn example: 62 / 1,000)", () => {
    const { registered } = loadFunctionsBundle();
    expect(registered.get("CHURN")!(62, 1000, null, null)).toBeCloseTo(0.062, 15);
  });

  test("errors thrown in the bare context are the host's CustomFunctions.Error", () => {
    const { registered, ErrorClass } = loadFunctionsBundle();
    try {
      registered.get("CHURN")!(62, 1000, null, "weekly");
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(ErrorClass);
      expect((error as InstanceType<typeof ErrorClass>).code).toBe("#VALUE!");
    }
  });
});

describe("functions.json", () => {
  test("matches the golden copy in test/golden/functions.json (run `npm run golden` after an intended change)", () => {
    const golden = JSON.parse(
      fs.readFileSync(path.join(ROOT, "test/golden/functions.json"), "utf8")
    );
    expect(JSON.parse(readDist("functions.json"))).toEqual(golden);
  });

  test("every function and every parameter has a description (Excel shows them as tooltips)", () => {
    for (const fn of functionsMetadata()) {
      expect(fn.description?.length ?? 0).toBeGreaterThan(10);
      for (const parameter of fn.parameters) {
        expect({
          fn: fn.id,
          parameter: parameter.name,
          ok: (parameter.description?.length ?? 0) > 5,
        }).toEqual({
          fn: fn.id,
          parameter: parameter.name,
          ok: true,
        });
      }
    }
  });

  test("the issue-2 calculators are all registered, with their argument order", () => {
    const byId = new Map(functionsMetadata().map((f) => [f.id, f.parameters.map((p) => p.name)]));
    expect(byId.get("CRR")).toEqual(["start_customers", "end_customers", "new_customers"]);
    expect(byId.get("CHURN")).toEqual([
      "lost_customers",
      "start_customers",
      "new_customers",
      "method",
    ]);
    expect(byId.get("RATECONVERT")).toEqual(["rate", "from_period", "to_period"]);
    expect(byId.get("GRR")).toEqual(["start_revenue", "contraction", "churned_revenue"]);
    expect(byId.get("NRR")).toEqual([
      "start_revenue",
      "expansion",
      "contraction",
      "churned_revenue",
    ]);
    expect(byId.get("REPEATRATE")).toEqual(["customer_ids", "min_purchases"]);
    expect(byId.get("PURCHASEFREQ")).toEqual(["customer_ids"]);
    expect(byId.get("NPS")).toEqual(["scores"]);
    expect(byId.get("NPSCOUNTS")).toEqual(["promoters", "passives", "detractors"]);
    expect(byId.get("NPSMOE")).toEqual(["scores", "confidence"]);
    expect(byId.get("NPSBREAKDOWN")).toEqual(["scores"]);
    expect(byId.get("REFERRALRATE")).toEqual(["referred", "total"]);
    expect(byId.get("ACTIVERATE")).toEqual(["active", "total"]);
    expect(byId.get("STICKINESS")).toEqual(["dau", "mau"]);
    expect(byId.get("LTV")).toEqual([
      "revenue_per_period",
      "churn_rate",
      "gross_margin",
      "discount_rate",
    ]);
    expect(byId.get("LIFETIME")).toEqual(["churn_rate"]);
  });
});

describe("README function reference", () => {
  test("is the one generated from functions.json (run `npm run docs` after changing a function's JSDoc)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("<!-- functions:start -->");
    const end = readme.indexOf("<!-- functions:end -->");
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start, end + "<!-- functions:end -->".length)).toBe(
      renderFunctionReference(functionsMetadata())
    );
  });
});

describe("README target presets", () => {
  test("are the ones generated from src/scorecard/targets.ts (run `npm run docs`)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("<!-- targets:start -->");
    const end = readme.indexOf("<!-- targets:end -->");
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start, end + "<!-- targets:end -->".length)).toBe(renderTargetPresets());
  });
});

describe("the metrics core stays pure", () => {
  test("src/core imports nothing but src/core and uses no Office or DOM globals", () => {
    const dir = path.join(ROOT, "src/core");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      for (const match of source.matchAll(/from\s+"([^"]+)"/g))
        expect({ file, import: match[1] }).toEqual({
          file,
          import: expect.stringMatching(/^\.\/[\w-]+$/),
        });
      const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect({
        file,
        usesHost: /\b(Office|Excel|CustomFunctions|window|document)\./.test(code),
      }).toEqual({ file, usesHost: false });
    }
  });
});
