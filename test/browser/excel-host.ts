/**
 * The in-page Excel host for the browser test: the in-memory workbook double
 * (../support/excel-double.ts) installed as the page's `Excel` global before the add-in's
 * scripts run. Bundled with esbuild into one script for `page.addInitScript`.
 *
 * Outside Office, office.js never defines `Excel`, so the pane's service talks to this double
 * through the same `Excel.run` calls it makes in Excel. The test reads the workbook back
 * through `window.__retainHost`.
 */
import { ExcelDouble, OfficeDoubleError } from "../support/excel-double";

/** What a test asks of the host before the page loads. */
export interface HostSetup {
  /** Sheets that already exist (e.g. an earlier "Retention Scorecard"), each with a marker in A1. */
  existingSheets?: string[];
  /** Fail the first queued action whose description matches this regular expression. */
  failOn?: string;
  /** Delay every sync, so a test can press Cancel mid-build. */
  syncDelayMs?: number;
}

declare global {
  interface Window {
    __retainHost: ExcelDouble;
  }
}

export function installHost(setup: HostSetup): void {
  const host = new ExcelDouble();
  for (const name of setup.existingSheets ?? [])
    host.putRows(name, "A1", [`${name} (existing)`], []);
  if (setup.failOn !== undefined) {
    const pattern = new RegExp(setup.failOn);
    let failed = false;
    host.failWhen = (action) => {
      if (failed || !pattern.test(action.describe)) return undefined;
      failed = true;
      return new OfficeDoubleError(
        "GeneralException",
        "The host double refused this write (injected by the test)."
      );
    };
  }
  if (setup.syncDelayMs !== undefined) {
    const flush = host.flush.bind(host);
    const delay = setup.syncDelayMs;
    host.flush = async (context) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      return flush(context);
    };
  }
  const excel = {
    run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => host.run(batch),
  };
  // A non-writable global: if anything on the page tried to replace the host, the test would see it fail.
  Object.defineProperty(window, "Excel", { value: excel, writable: false, configurable: false });
  window.__retainHost = host;
}
