/**
 * Plumbing for the task pane's real-browser test: build the add-in, serve it on localhost,
 * launch Debian's chromium with playwright-core, serve office.js from node_modules in place of
 * Microsoft's CDN, and record every request the page makes (see ../../../shared/TOOLCHAIN.md,
 * "Browser tests").
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type Page, type Route } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
const OFFICE_DIST = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** office.js, loaded outside Office, frames this page itself: the platform's telemetry, not ours. */
const OFFICE_TELEMETRY_HOST = "telemetryservice.firstpartyapps.oaspapps.com";

/**
 * The built add-in to test. RETAIN_PANE_DIST names a built dist; under `npm test` the pretest
 * build has just written ./dist, so that is used; otherwise webpack builds (production mode,
 * unminified) into a temporary folder, so a stale ./dist can never make the test pass.
 */
export async function builtAddin(): Promise<{ dir: string; built: boolean }> {
  const fromEnv = process.env.RETAIN_PANE_DIST;
  if (fromEnv) return { dir: path.resolve(fromEnv), built: false };
  const dist = path.join(ROOT, "dist");
  if (
    process.env.npm_lifecycle_event === "test" &&
    fs.existsSync(path.join(dist, "taskpane.html"))
  ) {
    return { dir: dist, built: false };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-pane-"));

  const webpack = require("webpack") as typeof import("webpack");

  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (
    env: object,
    argv: object
  ) => Promise<import("webpack").Configuration>;
  const config = await makeConfig({}, { mode: "production" });
  config.mode = "production";
  config.context = ROOT;
  config.output = { ...config.output, path: dir };
  // Production code paths, without the minifier: terser is most of the build time, and the
  // minified bundle itself is what `npm test` tests (its pretest build in ./dist).
  config.optimization = { ...config.optimization, minimize: false };
  await new Promise<void>((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (!stats || stats.hasErrors())
        return reject(new Error(`webpack failed:\n${stats?.toString("errors-only")}`));
      resolve();
    });
  });
  return { dir, built: true };
}

/** A static file server for the built add-in, on an ephemeral localhost port. */
export async function serve(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const types: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".xml": "application/xml",
  };
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = path.join(dir, pathname);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "content-type": types[path.extname(file)] ?? "application/octet-stream",
    });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Launch Debian's chromium headless, with background networking off (see ../shared/TOOLCHAIN.md).
 * CHROMIUM_PATH points elsewhere; a missing browser fails with the command that installs it.
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `No chromium at ${executablePath}: install it (sudo apt-get install -y --no-install-recommends chromium fonts-liberation) or set CHROMIUM_PATH`
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Every request the page made, sorted by what happened to it. */
export interface NetworkLog {
  /** Requests to the local test server. */
  local: string[];
  /** office.js requests for Microsoft's CDN, answered from node_modules: they never left the machine. */
  officeJs: string[];
  /** office.js's own telemetry frame (the Office platform's, not the add-in's): aborted. */
  officeTelemetry: string[];
  /** Anything else that tried to leave localhost: aborted, and the test fails on it. */
  blocked: string[];
  /** Every request the page reported, routed or not (a cross-check on the routing). */
  seen: string[];
}

/**
 * Route every request of the page: the local origin passes, office.js is served from
 * node_modules, and nothing else reaches the network. Routes see page and frame requests
 * alike, so an iframe or a fetch cannot slip past.
 */
export async function guardNetwork(page: Page, origin: string): Promise<NetworkLog> {
  const log: NetworkLog = { local: [], officeJs: [], officeTelemetry: [], blocked: [], seen: [] };
  page.on("request", (request) => log.seen.push(request.url()));
  // Routes do not see WebSockets; none is expected, so any is a leak.
  page.on("websocket", (socket) => log.blocked.push(socket.url()));
  await page.route("**/*", async (route: Route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) {
      log.local.push(url);
      return route.continue();
    }
    if (url.startsWith(OFFICE_CDN)) {
      const file = path.join(
        OFFICE_DIST,
        new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length)
      );
      if (file.startsWith(OFFICE_DIST + path.sep) && fs.existsSync(file)) {
        log.officeJs.push(url);
        return route.fulfill({ path: file, contentType: "text/javascript; charset=utf-8" });
      }
    }
    if (new URL(url).hostname === OFFICE_TELEMETRY_HOST) log.officeTelemetry.push(url);
    else log.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return log;
}

/** Roles that need an accessible name, as they appear in a Playwright ARIA snapshot. */
const NAMED_ROLES = [
  "button",
  "checkbox",
  "combobox",
  "radio",
  "spinbutton",
  "textbox",
  "slider",
  "link",
  "progressbar",
];

/** Lines of an ARIA snapshot for controls with no accessible name. */
export function unnamedControls(ariaSnapshot: string): string[] {
  // A named control reads `- combobox "Customer ID": …`; an unnamed one `- combobox: …` or `- button [disabled]`.
  const unnamed = new RegExp(
    `^\\s*- (?:${NAMED_ROLES.join("|")})(?:\\s*\\[[^\\]]*\\])*\\s*(?::.*)?$`
  );
  return ariaSnapshot.split("\n").filter((line) => unnamed.test(line));
}

export const RESULTS_DIR = path.join(ROOT, "test-results");
