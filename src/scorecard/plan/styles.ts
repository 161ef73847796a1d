/**
 * The scorecard's look: Office-like colours (the Office theme's dark blue and the "Good",
 * "Neutral" and "Bad" cell styles), number formats and the sheet grid.
 */

export const COLORS = {
  /** Office theme "Dark Blue, Text 2": titles and tile headers. */
  title: "#1F4E79",
  accent: "#2F5597",
  /** Light blue (Office "Blue, Accent 1, Lighter 80%"): table headers. */
  headerFill: "#D9E1F2",
  tileFill: "#F3F6FA",
  muted: "#595959",
  border: "#8EA9DB",
  white: "#FFFFFF",
  /** Excel's Good / Neutral / Bad cell styles. */
  goodFill: "#C6EFCE",
  goodFont: "#006100",
  neutralFill: "#FFEB9C",
  neutralFont: "#9C5700",
  badFill: "#FFC7CE",
  badFont: "#9C0006",
  /** Excel's default red–yellow–green 3-colour scale. */
  scaleLow: "#F8696B",
  scaleMid: "#FFEB84",
  scaleHigh: "#63BE7B",
  tab: "#2F5597",
} as const;

export const FORMATS = {
  date: "yyyy-mm-dd",
  month: "mmm yyyy",
  percent: "0.0%",
  percentWhole: "0%",
  count: "#,##0",
  points: "0",
  margin: "0.0",
  periods: "0.0",
  wholePeriods: "0",
  currencyDefault: "$#,##0",
} as const;

/** The grid: column A is a margin, content runs from B over {@link CONTENT_COLUMNS} columns. */
export const FIRST_COLUMN = 1;
export const CONTENT_COLUMNS = 12;
export const COLUMN_WIDTH = 13;
export const MARGIN_WIDTH = 2;
/** KPI tiles: two columns wide, six to a row. */
export const TILE_COLUMNS = 2;
export const TILES_PER_ROW = 6;
