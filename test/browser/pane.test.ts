/**
 * The task pane in a real browser (Debian's chromium through playwright-core): the built
 * taskpane.html served from localhost, office.js served from node_modules in place of
 * Microsoft's CDN, and an in-memory Excel workbook (test/support/excel-double.ts) as the host.
 *
 * It clicks (and, in one test, types) through Data → Options → Build and checks the sheet the
 * real scorecard service wrote into the double, and it checks that the page never reaches the
 * network: client and patient data must not leave the machine.
 *
 * Build: RETAIN_PANE_DIST=<dir> reuses a built add-in; under `npm test` the pretest build in
 * ./dist is used; otherwise webpack builds (unminified) into a temporary folder first.
 */
import { build as esbuild } from "esbuild";
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import type { HostSetup } from "./excel-host";
import {
  RESULTS_DIR,
  ROOT,
  builtAddin,
  guardNetwork,
  launchChromium,
  serve,
  unnamedControls,
  type NetworkLog,
} from "./harness";

const SCORECARD = "Retention Scorecard";
/** Generous for a slow CI machine; every wait is on a role, a label or a text, never a sleep. */
const UI_TIMEOUT_MS = 20_000;

let browser: Browser;
let server: { origin: string; close(): Promise<void> };
let hostBundle: string;
let temporaryBuild: string | undefined;
const telemetrySeen: string[] = [];

beforeAll(async () => {
  const [addin, bundle] = await Promise.all([
    builtAddin(),
    esbuild({
      stdin: {
        contents:
          'import { installHost } from "./excel-host"; (globalThis as any).__installRetainHost = installHost;',
        resolveDir: __dirname,
        sourcefile: "host-entry.ts",
        loader: "ts",
      },
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2020",
      write: false,
      logLevel: "silent",
    }),
  ]);
  hostBundle = bundle.outputFiles[0].text;
  if (addin.built) temporaryBuild = addin.dir;
  expect(fs.existsSync(path.join(addin.dir, "taskpane.html"))).toBe(true);
  server = await serve(addin.dir);
  browser = await launchChromium();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (temporaryBuild) fs.rmSync(temporaryBuild, { recursive: true, force: true });
  if (telemetrySeen.length > 0) {
    // Reported, not failed: office.js (the Office platform) asks for this, not Retain.
    // eslint-disable-next-line no-console
    console.info(
      `office.js asked for its telemetry frame ${telemetrySeen.length} time(s); aborted: ${telemetrySeen[0]}`
    );
  }
});

interface PaneSession {
  page: Page;
  network: NetworkLog;
  pageErrors: string[];
}

/** Open the pane on a fresh workbook double. */
async function openPane(setup: HostSetup = {}): Promise<PaneSession> {
  const page = await browser.newPage({ viewport: { width: 380, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const network = await guardNetwork(page, server.origin);
  await page.addInitScript({
    content: `${hostBundle}\n__installRetainHost(${JSON.stringify(setup)});`,
  });
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole("heading", { name: "1. Data" }).waitFor();
  return { page, network, pageErrors };
}

/** Everything a test needs to know about the double's workbook, read inside the page. */
interface WorkbookView {
  sheets: string[];
  active?: string;
  tables: { name: string; sheet: string }[];
  sheet?: {
    cells: [string, string | number | boolean][];
    freeze: { rows: number; columns: number };
    tabColor: string;
    charts: number;
    conditionalFormats: number;
    orientation: string;
  };
}

function readWorkbook(page: Page, sheetName: string): Promise<WorkbookView> {
  return page.evaluate((name) => {
    const host = window.__retainHost;
    const sheet = host.workbook.sheet(name);
    return {
      sheets: host.workbook.sheets.map((s) => s.name),
      active: host.workbook.activeSheet?.name,
      tables: host.workbook.tables.map((t) => ({ name: t.name, sheet: t.sheet.name })),
      sheet: sheet && {
        cells: [...sheet.cells()],
        freeze: sheet.freeze,
        tabColor: sheet.tabColor,
        charts: sheet.charts.length,
        conditionalFormats: sheet.conditionalFormats.length,
        orientation: sheet.pageLayout.orientation,
      },
    };
  }, sheetName);
}

function expectNoEgress(session: PaneSession): void {
  telemetrySeen.push(...session.network.officeTelemetry);
  // Nothing but the local server and the locally served office.js: any other request fails.
  expect(session.network.blocked).toEqual([]);
  // Every request the page made went through the guard (none bypassed the routing).
  const { local, officeJs, officeTelemetry, blocked, seen } = session.network;
  const handled = new Set([...local, ...officeJs, ...officeTelemetry, ...blocked]);
  expect(seen.filter((url) => !url.startsWith("data:") && !handled.has(url))).toEqual([]);
  const officeFiles = session.network.officeJs.map((url) => url.split("/").pop());
  expect(officeFiles).toEqual(expect.arrayContaining(["office.js", "o15apptofilemappingtable.js"]));
  expect(session.network.local.some((url) => url.endsWith("/taskpane.js"))).toBe(true);
  expect(session.pageErrors).toEqual([]);
}

/** Insert the sample data and wait until the pane has chosen and mapped it. */
async function insertSampleData(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Insert sample data" }).click();
  await page.getByText(/^The scorecard will include:/).waitFor();
}

describe("task pane in chromium", () => {
  it("builds a live scorecard from the sample data by mouse, without touching the network", async () => {
    const session = await openPane();
    const { page } = session;

    // An empty workbook: the pane says what to do instead of showing an empty list.
    await page.getByText(/This workbook has no tables or named ranges yet/).waitFor();

    // Data: one click adds seeded tables, chosen and mapped from their headers.
    await insertSampleData(page);
    const sampleTables = (await readWorkbook(page, SCORECARD)).tables;
    expect(sampleTables.length).toBeGreaterThanOrEqual(2);
    for (const table of sampleTables) {
      await expect(page.getByRole("checkbox", { name: table.name }).isChecked()).resolves.toBe(
        true
      );
      await page.getByRole("group", { name: table.name }).waitFor();
    }
    await expect(page.getByText("Before you continue").count()).resolves.toBe(0);
    expect(unnamedControls(await page.locator("body").ariaSnapshot())).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS_DIR, "pane-data.png"), fullPage: true });

    // Options: defaults are Month, 12 periods, Live; Portable is offered but disabled.
    await page.getByRole("button", { name: "Next: Options" }).click();
    await expect(
      page
        .getByRole("heading", { name: "2. Options" })
        .evaluate((h) => h === document.activeElement)
    ).resolves.toBe(true);
    await expect(page.getByRole("radio", { name: "Month" }).isChecked()).resolves.toBe(true);
    await expect(
      page.getByRole("spinbutton", { name: "Periods in the trend" }).inputValue()
    ).resolves.toBe("12");
    await expect(page.getByRole("radio", { name: /^Live/ }).isChecked()).resolves.toBe(true);
    await expect(
      page.getByRole("radio", { name: /^Portable.*coming in a later release/ }).isDisabled()
    ).resolves.toBe(true);
    await page
      .getByRole("combobox", { name: "Industry preset" })
      .selectOption({ label: "SaaS / subscription software" });
    await expect(
      page.getByRole("textbox", { name: "Churn (annualized) target" }).inputValue()
    ).resolves.toBe("10");
    await page.getByRole("spinbutton", { name: "Periods in the trend" }).fill("6");
    await page.getByRole("spinbutton", { name: "Periods in the trend" }).press("Tab");
    expect(unnamedControls(await page.locator("body").ariaSnapshot())).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS_DIR, "pane-options.png"), fullPage: true });

    // Build.
    await page.getByRole("button", { name: "Next: Build" }).click();
    await page.getByText("Reporting period: month, 6 in the trend").waitFor();
    await page.getByRole("button", { name: "Build scorecard" }).click();
    await page.getByText("Scorecard built").waitFor();
    await page.getByText(`The sheet “${SCORECARD}” is ready and now active.`).waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, "pane.png"), fullPage: true });

    // The sheet in the workbook: new, active, formatted, and live (RETAIN formulas over the tables).
    const workbook = await readWorkbook(page, SCORECARD);
    expect(workbook.sheets).toContain(SCORECARD);
    expect(workbook.active).toBe(SCORECARD);
    const sheet = workbook.sheet!;
    const formulas = sheet.cells
      .map(([, value]) => value)
      .filter((v): v is string => typeof v === "string" && v.startsWith("="));
    expect(formulas.some((f) => /RETAIN\./i.test(f))).toBe(true);
    // Live mode refers to the source tables by structured reference, e.g. Visits[Patient ID].
    const tableRef = new RegExp(`\\b(?:${sampleTables.map((t) => t.name).join("|")})\\[`);
    expect(formulas.some((f) => tableRef.test(f))).toBe(true);
    expect(sheet.cells.some(([, value]) => /retention scorecard/i.test(String(value)))).toBe(true);
    expect(sheet.freeze.rows + sheet.freeze.columns).toBeGreaterThan(0);
    expect(sheet.tabColor).not.toBe("");
    expect(sheet.charts).toBeGreaterThan(0);
    expect(sheet.conditionalFormats).toBeGreaterThan(0);
    expect(sheet.orientation).toBe("Landscape");

    expectNoEgress(session);
    await page.close();

    // The README shows the pane before and after a build: copy this passing run's screenshots.
    const docs = path.join(ROOT, "docs");
    fs.mkdirSync(docs, { recursive: true });
    fs.copyFileSync(path.join(RESULTS_DIR, "pane-data.png"), path.join(docs, "pane-data.png"));
    fs.copyFileSync(path.join(RESULTS_DIR, "pane.png"), path.join(docs, "pane-build.png"));
  });

  it("is usable by keyboard alone, and a second scorecard never overwrites the first", async () => {
    const session = await openPane({ existingSheets: [SCORECARD] });
    const { page } = session;

    /** Press Tab until the focused element has this accessible text; fail if it is never reached. */
    const tabTo = async (name: string | RegExp) => {
      for (let presses = 0; presses < 80; presses++) {
        await page.keyboard.press("Tab");
        const label = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return "";
          const labelled =
            el.getAttribute("aria-label") ?? (el as HTMLInputElement).labels?.[0]?.textContent;
          return (labelled ?? el.textContent ?? "").trim();
        });
        if (typeof name === "string" ? label === name : name.test(label)) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };

    await page.getByText(/This workbook has no tables or named ranges yet/).waitFor();
    await tabTo("Insert sample data");
    await page.keyboard.press("Enter");
    await page.getByText(/^The scorecard will include:/).waitFor();
    await tabTo("Next: Options");
    await page.keyboard.press("Space");
    await page.getByRole("heading", { name: "2. Options" }).waitFor();
    // Radios move with the arrow keys, as in Office: Month → Quarter.
    await tabTo("Month");
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "Quarter" }).isChecked()).resolves.toBe(true);
    await tabTo("Next: Build");
    await page.keyboard.press("Enter");
    await page.getByText("Reporting period: quarter, 12 in the trend").waitFor();
    await tabTo("Build scorecard");
    await page.keyboard.press("Enter");
    await page.getByText(`The sheet “${SCORECARD} (2)” is ready and now active.`).waitFor();

    const workbook = await readWorkbook(page, SCORECARD);
    // The existing sheet is untouched: still only its marker.
    expect(workbook.sheet?.cells).toEqual([["A1", `${SCORECARD} (existing)`]]);
    expect(workbook.sheets).toContain(`${SCORECARD} (2)`);
    expect(workbook.active).toBe(`${SCORECARD} (2)`);
    expectNoEgress(session);
    await page.close();
  });

  it("shows a clear error and leaves the workbook as it was when the build fails", async () => {
    // Fail the first formatting write on the new sheet: after values and formulas went in.
    const session = await openPane({ failOn: `${SCORECARD}.*\\.format\\b` });
    const { page } = session;
    await insertSampleData(page);
    const before = (await readWorkbook(page, SCORECARD)).sheets;
    await page.getByRole("button", { name: "3 Build" }).click();
    await page.getByRole("button", { name: "Build scorecard" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("The scorecard was not built").waitFor();
    await expect(alert.textContent()).resolves.toMatch(/injected by the test/);
    await expect(alert.textContent()).resolves.toMatch(
      /workbook (?:is unchanged|was left as it was)/i
    );
    expect((await readWorkbook(page, SCORECARD)).sheets).toEqual(before);
    // The pane is ready to try again.
    await expect(page.getByRole("button", { name: "Build scorecard" }).isEnabled()).resolves.toBe(
      true
    );
    expectNoEgress(session);
    await page.close();
  });

  it("cancels a running build and shows its named stages", async () => {
    const session = await openPane({ syncDelayMs: 400 });
    const { page } = session;
    await insertSampleData(page);
    const before = (await readWorkbook(page, SCORECARD)).sheets;
    await page.getByRole("button", { name: "3 Build" }).click();
    await page.getByRole("button", { name: "Build scorecard" }).click();
    const progress = page.getByRole("progressbar", { name: "Build progress" });
    await progress.waitFor();
    // A named stage from the service (not the pane's own "Starting") is on screen while the build runs.
    await page.waitForFunction(() => {
      const stage = document.querySelector("[role=status]")?.textContent ?? "";
      return stage !== "" && stage !== "Starting";
    });
    await page.screenshot({ path: path.join(RESULTS_DIR, "pane-progress.png"), fullPage: true });
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("Build cancelled").waitFor();
    expect((await readWorkbook(page, SCORECARD)).sheets).toEqual(before);
    expectNoEgress(session);
    await page.close();
  });
});
