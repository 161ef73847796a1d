/**
 * The docs' picture of a built scorecard: `npx tsx scripts/screenshots.ts`.
 *
 * 1. Builds the dental sample practice ("Insert sample data") in the in-memory Excel double
 *    (test/support/excel-double.ts) through the real Office.js service, with the pane's default
 *    column guesses.
 * 2. Builds a scorecard in Values mode (the double stores formulas but cannot calculate RETAIN
 *    functions, so Values mode is what shows real numbers): monthly, 12 trend periods, the
 *    medical/dental preset targets, segmented by insurance plan.
 * 3. Renders the scorecard sheet to docs/scorecard.html (test/support/sheet-html.ts) and
 *    screenshots it with playwright-core and Debian's chromium to docs/scorecard.png.
 *
 * Reproducible: the sample is seeded and the "built" clock is fixed, so the same code draws
 * the same picture. The page is self-contained and every request it might make is aborted
 * (and reported): nothing leaves the machine. Fonts: Calibri when installed, else Carlito
 * (Debian's fonts-crosextra-carlito, metrically compatible), else the system's sans-serif.
 */
import * as fs from "fs";
import * as path from "path";
import { launchChromium } from "../test/browser/harness";
import { guessColumns, guessKind } from "../src/scorecard/mapping";
import { createOfficeScorecardService } from "../src/scorecard/office/service";
import { presetTargets } from "../src/scorecard/targets";
import type { ScorecardOptions, SourceMapping } from "../src/scorecard/types";
import { ExcelDouble } from "../test/support/excel-double";
import { sheetToHtml } from "../test/support/sheet-html";

const ROOT = path.resolve(__dirname, "..");
const DOCS = path.join(ROOT, "docs");
const PAGE_WIDTH = 1400;
/** The "Built" stamp in the header: fixed, so that the picture only changes when the code does. */
const BUILT_AT = new Date(2025, 6, 1, 9, 0);

/** Build the sample scorecard in a fresh double; returns the double and the scorecard's sheet name. */
export async function buildSampleScorecard(): Promise<{
  double: ExcelDouble;
  sheetName: string;
  warnings: string[];
}> {
  const double = new ExcelDouble();
  double.addSheet("Sheet1");
  const service = createOfficeScorecardService({
    run: (batch) => double.run(batch),
    now: () => BUILT_AT,
  });
  const sources = await service.insertSampleData();
  const mappings: SourceMapping[] = sources.map((source) => {
    const kind = guessKind(source.headers);
    return { source, kind, columns: guessColumns(source.headers, kind) };
  });
  const patients = mappings.find((m) => m.kind === "customers");
  const plan = patients?.columns.segment;
  if (patients === undefined || plan === undefined)
    throw new Error("the sample's patient list has no segment column");
  const options: ScorecardOptions = {
    period: "month",
    trendPeriods: 12,
    industry: "medical",
    targets: presetTargets("medical"),
    mode: "values",
    segment: { sourceId: patients.source.id, column: plan },
  };
  const result = await service.build(
    mappings,
    options,
    () => undefined,
    new AbortController().signal
  );
  return { double, sheetName: result.sheetName, warnings: result.warnings ?? [] };
}

async function main(): Promise<void> {
  const started = Date.now();
  const { double, sheetName, warnings } = await buildSampleScorecard();
  const html = sheetToHtml(double.sheet(sheetName), {
    headings: true,
    minWidth: PAGE_WIDTH,
    sheetTabs: double.workbook.sheets.map((s) => s.name),
    title: "Retain: a built retention scorecard (dental sample, Values mode)",
  });
  fs.mkdirSync(DOCS, { recursive: true });
  const htmlPath = path.join(DOCS, "scorecard.html");
  fs.writeFileSync(htmlPath, html);

  const browser = await launchChromium();
  const blocked: string[] = [];
  try {
    const page = await browser.newPage({
      viewport: { width: PAGE_WIDTH, height: 900 },
      deviceScaleFactor: 1,
    });
    await page.route("**/*", (route) => {
      blocked.push(route.request().url());
      return route.abort("blockedbyclient");
    });
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const pngPath = path.join(DOCS, "scorecard.png");
    await page.screenshot({ path: pngPath, fullPage: true });
    const size = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    }));
    process.stdout.write(
      `wrote ${path.relative(ROOT, htmlPath)} and ${path.relative(ROOT, pngPath)} (${size.width}×${size.height} px) in ${Date.now() - started} ms\n`
    );
  } finally {
    await browser.close();
  }
  for (const warning of warnings) process.stdout.write(`scorecard warning: ${warning}\n`);
  if (blocked.length > 0)
    throw new Error(`the page tried to load ${blocked.length} resource(s): ${blocked.join(", ")}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exit(1);
  });
}
