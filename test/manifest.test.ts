/**
 * manifest.xml, checked offline. Microsoft's validator (`npm run validate`) is an online service
 * that cannot be reached here (see ../shared/TOOLCHAIN.md), so this test parses the manifest and
 * checks the structure the add-in depends on, and that every URL points at a file the build emits.
 */
import * as fs from "fs";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { DIST } from "./support/bundle";

const ROOT = path.resolve(__dirname, "..");
const DEV_ORIGIN = "https://localhost:3000/";

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: () => false,
});
const manifestText = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const app = (parser.parse(manifestText) as Node).OfficeApp as Node;

function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const overrides = app.VersionOverrides as Node;
const host = (overrides.Hosts as Node).Host as Node;
const resources = overrides.Resources as Node;
const urls = new Map(
  asList((resources.Urls as Node).Url as Node[]).map((u) => [
    u["@id"] as string,
    u["@DefaultValue"] as string,
  ])
);
const images = new Map(
  asList((resources.Images as Node).Image as Node[]).map((u) => [
    u["@id"] as string,
    u["@DefaultValue"] as string,
  ])
);
const shortStrings = new Map(
  asList((resources.ShortStrings as Node).String as Node[]).map((u) => [
    u["@id"] as string,
    u["@DefaultValue"] as string,
  ])
);

describe("manifest.xml", () => {
  test("is a task pane add-in for Excel workbooks with ReadWriteDocument", () => {
    expect(app["@type"]).toBe("TaskPaneApp");
    expect((app.Hosts as Node).Host).toEqual({ "@Name": "Workbook" });
    expect(app.Permissions).toBe("ReadWriteDocument");
    expect(app.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test("declares the requirement sets the code uses: SharedRuntime 1.1, CustomFunctionsRuntime ≥ 1.3 (CustomFunctions.Error codes)", () => {
    const sets = new Map(
      asList(((app.Requirements as Node).Sets as Node).Set as Node[]).map((s) => [
        s["@Name"],
        s["@MinVersion"],
      ])
    );
    expect(sets.get("SharedRuntime")).toBe("1.1");
    expect(Number(sets.get("CustomFunctionsRuntime"))).toBeGreaterThanOrEqual(1.3);
    // The scorecard renderer's newest API is Worksheet.pageLayout (ExcelApi 1.9).
    expect(sets.get("ExcelApi")).toBe("1.9");
  });

  test("uses one shared, long-lived runtime for the task pane and the functions", () => {
    const runtime = (host.Runtimes as Node).Runtime as Node;
    expect(runtime["@lifetime"]).toBe("long");
    expect(urls.get(runtime["@resid"] as string)).toBe(`${DEV_ORIGIN}taskpane.html`);
    const functionsPoint = (host.AllFormFactors as Node).ExtensionPoint as Node;
    expect(((functionsPoint.Page as Node).SourceLocation as Node)["@resid"]).toBe(
      runtime["@resid"]
    );
  });

  test("has a CustomFunctions extension point in the RETAIN namespace with script and metadata", () => {
    const point = (host.AllFormFactors as Node).ExtensionPoint as Node;
    expect(point["@type"]).toBe("CustomFunctions");
    expect(shortStrings.get((point.Namespace as Node)["@resid"] as string)).toBe("RETAIN");
    expect(urls.get(((point.Script as Node).SourceLocation as Node)["@resid"] as string)).toBe(
      `${DEV_ORIGIN}functions.js`
    );
    expect(urls.get(((point.Metadata as Node).SourceLocation as Node)["@resid"] as string)).toBe(
      `${DEV_ORIGIN}functions.json`
    );
  });

  test("has a ribbon button that opens the task pane, with 16, 32 and 80 px icons", () => {
    const surface = (host.DesktopFormFactor as Node).ExtensionPoint as Node;
    expect(surface["@type"]).toBe("PrimaryCommandSurface");
    const control = ((surface.OfficeTab as Node).Group as Node).Control as Node;
    expect((control.Action as Node)["@type"]).toBe("ShowTaskpane");
    const sizes = asList((control.Icon as Node).Image as Node[]).map((i) => i["@size"]);
    expect(sizes).toEqual(["16", "32", "80"]);
  });

  test("every URL points at a file that the build emits into dist/", () => {
    const all = [...urls.values(), ...images.values()];
    for (const match of manifestText.matchAll(/DefaultValue="(https:\/\/[^"]+)"/g))
      all.push(match[1]);
    expect(all.length).toBeGreaterThan(8);
    for (const url of all) {
      expect(url.startsWith(DEV_ORIGIN)).toBe(true);
      const file = path.join(DIST, url.slice(DEV_ORIGIN.length));
      expect({ url, emitted: fs.existsSync(file) }).toEqual({ url, emitted: true });
    }
  });

  test("the build copies the manifest into dist/", () => {
    expect(fs.existsSync(path.join(DIST, "manifest.xml"))).toBe(true);
  });
});
