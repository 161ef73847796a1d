/**
 * The scorecard benchmark runs (at a small size here; `npm run bench` runs it at 1,048,576 rows)
 * and keeps its promises at any size: five render syncs, and every request and response under
 * Excel's 5 MB limit. Timings are reported, never asserted.
 */
import { benchScorecard } from "../bench/scorecard";

describe("scorecard benchmark", () => {
  it("builds from a 50,000-row transactions table within the sync and size bounds", async () => {
    const result = await benchScorecard(50_000);
    expect(result.renderSyncs).toBe(5);
    // One locating sync plus one per ~4 MB of column data (50,000 rows are about 1.5 MB).
    expect(result.readSyncs).toBe(2);
    expect(result.largestRequestBytes).toBeLessThan(4 * 1024 * 1024);
    expect(result.largestResponseBytes).toBeLessThan(4 * 1024 * 1024);
    expect(result.syncs).toBe(result.readSyncs + result.renderSyncs);
  });
});
