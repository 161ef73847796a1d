/**
 * Renders one worksheet of the in-memory Excel double (./excel-double.ts) as a self-contained
 * HTML page that looks like Excel: column widths and row heights, number formats, fills,
 * fonts, borders, alignment, merged cells, text running on into empty neighbours, conditional
 * formats (custom formula rules and 3-colour scales, evaluated here), charts as inline SVG,
 * the freeze-pane line, optional row/column headings and the sheet tabs with the tab colour.
 *
 * It is how the docs get "a screenshot of a built scorecard" (scripts/screenshots.ts) without
 * Excel. Pure: no Node API and no DOM, so it runs in Jest, in tsx and could run in a page.
 *
 * Limits, on purpose: formulas are not calculated (a formula cell shows its formula, as
 * Excel's "Show Formulas" does; build in Values mode for numbers); number formats cover what
 * the scorecard uses (General, 0, 0.0, #,##0, 0%, 0.0%, currency with a prefix symbol,
 * dates and times, sections, colours, literals) but not fractions or literals between digits;
 * a number too wide for its column is not turned into "####".
 */
import {
  parseA1,
  type CellFormatModel,
  type CellScalar,
  type ChartModel,
  type ConditionalFormatModel,
  type SheetModel,
  letters,
} from "./excel-double";

// =============================================================================================
// Number formats
// =============================================================================================

/** A value as Excel shows it: the text and, when the format names one ([Red]…), its colour. */
export interface FormattedValue {
  text: string;
  color?: string;
}

const FORMAT_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  magenta: "#FF00FF",
  cyan: "#00FFFF",
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Token =
  | { kind: "literal"; text: string }
  | { kind: "digit"; char: "0" | "#" | "?" }
  | { kind: "dot" }
  | { kind: "comma" }
  | { kind: "percent" }
  | { kind: "exponent"; sign: "+" | "-" }
  | { kind: "text" }
  | { kind: "general" }
  | { kind: "date"; code: string };

interface Section {
  tokens: Token[];
  color?: string;
}

/** Split a format code into its sections at the semicolons outside quotes, brackets and escapes. */
function splitSections(code: string): string[] {
  const sections: string[] = [];
  let current = "";
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === "\\" && !quoted && i + 1 < code.length) {
      current += ch + code[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "[") bracket = true;
    else if (!quoted && ch === "]") bracket = false;
    if (ch === ";" && !quoted && !bracket) {
      sections.push(current);
      current = "";
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

function parseSection(code: string): Section {
  const tokens: Token[] = [];
  let color: string | undefined;
  const literal = (text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === "literal") last.text += text;
    else tokens.push({ kind: "literal", text });
  };
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      literal(code.slice(i + 1, end < 0 ? code.length : end));
      i = end < 0 ? code.length : end + 1;
    } else if (ch === "\\") {
      literal(code[i + 1] ?? "");
      i += 2;
    } else if (ch === "_") {
      literal(" "); // a space as wide as the next character
      i += 2;
    } else if (ch === "*") {
      i += 2; // repeat-to-fill: nothing to fill in a fixed rendering
    } else if (ch === "[") {
      const end = code.indexOf("]", i);
      const inner = code.slice(i + 1, end < 0 ? code.length : end);
      i = end < 0 ? code.length : end + 1;
      if (FORMAT_COLORS[inner.toLowerCase()]) color = FORMAT_COLORS[inner.toLowerCase()];
      else if (inner.startsWith("$"))
        literal(inner.slice(1).split("-")[0]); // [$€-407] → €
      else if (/^(h+|m+|s+)$/i.test(inner))
        tokens.push({ kind: "date", code: `[${inner.toLowerCase()}]` });
      // conditions ([>100]) and locale tags are not modelled
    } else if (code.slice(i, i + 7).toLowerCase() === "general") {
      tokens.push({ kind: "general" });
      i += 7;
    } else if (ch === "0" || ch === "#" || ch === "?") {
      tokens.push({ kind: "digit", char: ch });
      i++;
    } else if (ch === ".") {
      tokens.push({ kind: "dot" });
      i++;
    } else if (ch === ",") {
      tokens.push({ kind: "comma" });
      i++;
    } else if (ch === "%") {
      tokens.push({ kind: "percent" });
      i++;
    } else if (lower === "e" && (code[i + 1] === "+" || code[i + 1] === "-")) {
      tokens.push({ kind: "exponent", sign: code[i + 1] as "+" | "-" });
      i += 2;
    } else if (ch === "@") {
      tokens.push({ kind: "text" });
      i++;
    } else if (code.slice(i, i + 5).toUpperCase() === "AM/PM") {
      tokens.push({ kind: "date", code: "am/pm" });
      i += 5;
    } else if (code.slice(i, i + 3).toUpperCase() === "A/P") {
      tokens.push({ kind: "date", code: "a/p" });
      i += 3;
    } else if ("ymdhs".includes(lower)) {
      let j = i;
      while (j < code.length && code[j].toLowerCase() === lower) j++;
      tokens.push({ kind: "date", code: code.slice(i, j).toLowerCase() });
      i = j;
    } else {
      literal(ch);
      i++;
    }
  }
  return { tokens, color };
}

/** Round half away from zero at `decimals`, after Excel's 15-significant-digit view of the number. */
function roundTo(abs: number, decimals: number): string {
  const scale = 10 ** decimals;
  const scaled = Number((abs * scale).toPrecision(15));
  return (Math.round(scaled) / scale).toFixed(decimals);
}

/** Excel's General format for a number (about 10 significant digits, E notation when huge or tiny). */
export function formatGeneral(value: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mantissa, exponent] = value.toExponential(5).split("e");
    const trimmed = mantissa.replace(/\.?0+$/, "");
    const power = Number(exponent);
    return `${trimmed}E${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
  }
  if (Number.isInteger(value)) return String(value);
  const text = String(Number(value.toPrecision(10)));
  return text.includes("e") ? value.toFixed(10).replace(/\.?0+$/, "") : text;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Format a non-negative number with a numeric section (the caller adds any minus sign). */
function formatDigits(abs: number, tokens: Token[]): string {
  const firstDot = tokens.findIndex((t) => t.kind === "dot");
  const exponentAt = tokens.findIndex((t) => t.kind === "exponent");
  const mantissaEnd = exponentAt < 0 ? tokens.length : exponentAt;
  const integerEnd = firstDot < 0 ? mantissaEnd : firstDot;
  const digitIndexes = tokens.map((t, i) => (t.kind === "digit" ? i : -1)).filter((i) => i >= 0);
  const integerDigits = digitIndexes.filter((i) => i < integerEnd);
  const fractionDigits = digitIndexes.filter((i) => i > integerEnd && i < mantissaEnd);
  const exponentDigits = digitIndexes.filter((i) => i > mantissaEnd);

  let value = abs * 100 ** tokens.filter((t) => t.kind === "percent").length;
  // Commas right after the last integer placeholder scale by 1,000; commas between placeholders group.
  let grouping = false;
  const lastInteger = integerDigits[integerDigits.length - 1] ?? -1;
  for (let i = 0; i < integerEnd; i++) {
    if (tokens[i].kind !== "comma") continue;
    if (i > (integerDigits[0] ?? Infinity) && i < lastInteger) grouping = true;
    else if (i > lastInteger) value /= 1000;
  }

  let exponentText = "";
  if (exponentAt >= 0 && value !== 0) {
    const power = Math.floor(Math.log10(value));
    value /= 10 ** power;
    if (Number(roundTo(value, fractionDigits.length)) >= 10) {
      value /= 10;
      const next = power + 1;
      exponentText = String(Math.abs(next)).padStart(exponentDigits.length, "0");
      exponentText =
        (next < 0 ? "-" : (tokens[exponentAt] as { sign: string }).sign === "+" ? "+" : "") +
        exponentText;
    } else {
      exponentText = String(Math.abs(power)).padStart(exponentDigits.length, "0");
      exponentText =
        (power < 0 ? "-" : (tokens[exponentAt] as { sign: string }).sign === "+" ? "+" : "") +
        exponentText;
    }
  } else if (exponentAt >= 0) {
    exponentText =
      ((tokens[exponentAt] as { sign: string }).sign === "+" ? "+" : "") +
      "0".padStart(exponentDigits.length, "0");
  }

  const fixed = roundTo(value, fractionDigits.length);
  let [integerText, fractionText = ""] = fixed.split(".");
  const required = integerDigits.filter((i) => (tokens[i] as { char: string }).char === "0").length;
  const padded = integerDigits.filter((i) => (tokens[i] as { char: string }).char === "?").length;
  if (integerText === "0" && required === 0) integerText = "";
  integerText = integerText.padStart(required, "0");
  if (grouping) integerText = groupThousands(integerText);
  if (integerText.length < required + padded)
    integerText = integerText.padStart(required + padded, " ");
  // Optional fraction digits (#) drop trailing zeros; ? turns them into spaces.
  const chars = fractionText.split("");
  for (let k = chars.length - 1; k >= 0; k--) {
    const placeholder = (tokens[fractionDigits[k]] as { char: string }).char;
    if (chars[k] !== "0" || placeholder === "0") break;
    chars[k] = placeholder === "?" ? " " : "";
  }
  fractionText = chars.join("");

  let out = "";
  let integerWritten = false;
  let fractionWritten = false;
  let exponentWritten = false;
  tokens.forEach((token, i) => {
    switch (token.kind) {
      case "literal":
        out += token.text;
        break;
      case "percent":
        out += "%";
        break;
      case "dot":
        if (i === firstDot) out += ".";
        break;
      case "exponent":
        out += "E";
        break;
      case "digit":
        if (i < integerEnd && !integerWritten) {
          out += integerText;
          integerWritten = true;
        } else if (i > integerEnd && i < mantissaEnd && !fractionWritten) {
          out += fractionText;
          fractionWritten = true;
        } else if (i > mantissaEnd && !exponentWritten) {
          out += exponentText;
          exponentWritten = true;
        }
        break;
      case "general":
        out += formatGeneral(value);
        break;
      default:
        break;
    }
  });
  if (
    !integerWritten &&
    integerDigits.length === 0 &&
    fractionDigits.length > 0 &&
    integerText !== ""
  ) {
    // ".00" with a value ≥ 1 still shows the integer part, before the point.
    out = out.replace(".", `${integerText}.`);
  }
  return out;
}

/** Convert an Excel serial (1900 date system, with its phantom 1900-02-29) to date and time parts. */
export function serialToParts(serial: number): {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
  seconds: number;
} {
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  if (seconds >= 86400) {
    days += 1;
    seconds -= 86400;
  }
  const weekday = (((days - 1) % 7) + 7) % 7; // serial 1 (1900-01-01) was a Sunday in Excel's count
  if (days === 60)
    return {
      year: 1900,
      month: 2,
      day: 29,
      weekday,
      hours: Math.floor(seconds / 3600),
      minutes: Math.floor((seconds % 3600) / 60),
      seconds: seconds % 60,
    };
  const offset = days < 60 ? days + 1 : days; // before the phantom day the calendar is one day ahead
  const date = new Date(Date.UTC(1899, 11, 30) + offset * 86400000);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: days < 60 ? weekday : date.getUTCDay(),
    hours: Math.floor(seconds / 3600),
    minutes: Math.floor((seconds % 3600) / 60),
    seconds: seconds % 60,
  };
}

function formatDate(serial: number, tokens: Token[]): string {
  const p = serialToParts(serial);
  const twelveHour = tokens.some(
    (t) => t.kind === "date" && (t.code === "am/pm" || t.code === "a/p")
  );
  const pad = (n: number, width: number): string => String(n).padStart(width, "0");
  let out = "";
  tokens.forEach((token, i) => {
    if (token.kind === "literal") {
      out += token.text;
      return;
    }
    if (token.kind === "dot" || token.kind === "comma" || token.kind === "percent") {
      out += { dot: ".", comma: ",", percent: "%" }[token.kind];
      return;
    }
    if (token.kind === "digit") {
      out += token.char === "0" ? "0" : "";
      return;
    }
    if (token.kind !== "date") return;
    const code = token.code;
    const previous = tokens
      .slice(0, i)
      .reverse()
      .find((t) => t.kind === "date") as { code: string } | undefined;
    const next = tokens.slice(i + 1).find((t) => t.kind === "date") as { code: string } | undefined;
    switch (code[0]) {
      case "y":
        out += code.length <= 2 ? pad(p.year % 100, 2) : String(p.year);
        break;
      case "m": {
        const minutes = code.length <= 2 && (previous?.code[0] === "h" || next?.code[0] === "s");
        if (minutes) out += code.length === 1 ? String(p.minutes) : pad(p.minutes, 2);
        else if (code.length === 1) out += String(p.month);
        else if (code.length === 2) out += pad(p.month, 2);
        else if (code.length === 3) out += MONTHS[p.month - 1].slice(0, 3);
        else if (code.length === 5) out += MONTHS[p.month - 1][0];
        else out += MONTHS[p.month - 1];
        break;
      }
      case "d":
        if (code.length === 1) out += String(p.day);
        else if (code.length === 2) out += pad(p.day, 2);
        else if (code.length === 3) out += WEEKDAYS[p.weekday].slice(0, 3);
        else out += WEEKDAYS[p.weekday];
        break;
      case "h": {
        const hours = twelveHour ? ((p.hours + 11) % 12) + 1 : p.hours;
        out += code.length === 1 ? String(hours) : pad(hours, 2);
        break;
      }
      case "s":
        out += code.length === 1 ? String(p.seconds) : pad(p.seconds, 2);
        break;
      case "a":
        out += code === "am/pm" ? (p.hours < 12 ? "AM" : "PM") : p.hours < 12 ? "A" : "P";
        break;
      case "[":
        if (code[1] === "h") out += String(Math.floor(serial * 24));
        else if (code[1] === "m") out += String(Math.floor(serial * 1440));
        else out += String(Math.floor(serial * 86400));
        break;
      default:
        break;
    }
  });
  return out;
}

/**
 * Format a cell value with an Excel number format code, as Excel displays it.
 * @example formatValue(0.28571, "0.0%").text // "28.6%"
 * @example formatValue(-1234.5, "$#,##0").text // "-$1,235"
 * @example formatValue(45473, "yyyy-mm-dd").text // "2024-06-30"
 */
export function formatValue(value: CellScalar, code = "General"): FormattedValue {
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  const sections = splitSections(code === "" ? "General" : code).map(parseSection);
  if (typeof value === "string") {
    const textSection =
      sections.find((s) => s.tokens.some((t) => t.kind === "text")) ??
      (sections.length === 4 ? sections[3] : undefined);
    if (!textSection) return { text: value };
    const text = textSection.tokens
      .map((t) => (t.kind === "text" ? value : t.kind === "literal" ? t.text : ""))
      .join("");
    return { text, color: textSection.color };
  }
  if (!Number.isFinite(value)) return { text: "#NUM!" };
  const numeric = sections.filter(
    (s) => !s.tokens.some((t) => t.kind === "text") || s.tokens.every((t) => t.kind !== "digit")
  );
  const usable = numeric.length > 0 ? numeric : sections;
  let section = usable[0];
  let signed = value < 0;
  if (value < 0 && usable.length >= 2) {
    section = usable[1];
    signed = false; // the negative section shows the absolute value, with its own signs
  } else if (value === 0 && usable.length >= 3) section = usable[2];
  const tokens = section.tokens;
  const hasDate = tokens.some((t) => t.kind === "date");
  const onlyGeneral =
    tokens.some((t) => t.kind === "general") && !tokens.some((t) => t.kind === "digit");
  const onlyText =
    tokens.every((t) => t.kind === "text" || t.kind === "literal") &&
    tokens.some((t) => t.kind === "text");
  let text: string;
  if (hasDate) {
    text = formatDate(value, tokens);
    signed = false;
  } else if (onlyText) text = formatGeneral(Math.abs(value));
  else if (onlyGeneral) {
    text = tokens
      .map((t) =>
        t.kind === "general" ? formatGeneral(Math.abs(value)) : t.kind === "literal" ? t.text : ""
      )
      .join("");
  } else if (!tokens.some((t) => t.kind === "digit")) {
    text = tokens
      .map((t) => (t.kind === "literal" ? t.text : t.kind === "percent" ? "%" : ""))
      .join("");
  } else text = formatDigits(Math.abs(value), tokens);
  return { text: signed ? `-${text}` : text, color: section.color };
}

// =============================================================================================
// Conditional formats
// =============================================================================================

type Scalar = number | string | boolean | null; // null: an empty cell

/** Reads a cell of the sheet for rule formulas (formulas are not calculated: they read as empty). */
type CellReader = (row: number, column: number) => Scalar;

class FormulaError extends Error {}

/**
 * A small evaluator for conditional-format rule formulas: comparisons, & + - * / and the
 * functions AND, OR, NOT, ISNUMBER, ISTEXT, ISBLANK, ABS. References are A1 cells; relative
 * parts move with the cell being tested, as Excel applies a rule written for the range's
 * top-left cell.
 */
function evaluateFormula(
  formula: string,
  read: CellReader,
  rowShift: number,
  columnShift: number
): Scalar {
  const source = formula.replace(/^=/, "");
  let i = 0;
  const skip = (): void => {
    while (source[i] === " ") i++;
  };
  const peek = (text: string): boolean => {
    skip();
    return source.slice(i, i + text.length).toUpperCase() === text;
  };
  const expect = (text: string): void => {
    if (!peek(text)) throw new FormulaError(`expected ${text} at ${i} in ${formula}`);
    i += text.length;
  };
  const toNumber = (v: Scalar): number => {
    if (v === null) return 0;
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    const n = Number(v);
    if (v.trim() === "" || Number.isNaN(n)) throw new FormulaError(`#VALUE! from "${v}"`);
    return n;
  };
  const truthy = (v: Scalar): boolean => (typeof v === "boolean" ? v : toNumber(v) !== 0);

  const compare = (a: Scalar, b: Scalar, op: string): boolean => {
    // An empty cell equals both 0 and ""; otherwise numbers < text < booleans, text case-insensitively.
    const rank = (v: Scalar): number => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
    let x: Scalar = a;
    let y: Scalar = b;
    if (x === null) x = typeof y === "string" ? "" : typeof y === "boolean" ? false : 0;
    if (y === null) y = typeof x === "string" ? "" : typeof x === "boolean" ? false : 0;
    let order: number;
    if (rank(x) !== rank(y)) order = rank(x) - rank(y);
    else if (typeof x === "string")
      order = x.toLowerCase().localeCompare((y as string).toLowerCase());
    else order = Number(x) - Number(y);
    switch (op) {
      case "=":
        return order === 0;
      case "<>":
        return order !== 0;
      case "<":
        return order < 0;
      case ">":
        return order > 0;
      case "<=":
        return order <= 0;
      default:
        return order >= 0;
    }
  };

  const primary = (): Scalar => {
    skip();
    const ch = source[i];
    if (ch === "(") {
      i++;
      const v = comparison();
      expect(")");
      return v;
    }
    if (ch === "-") {
      i++;
      return -toNumber(primary());
    }
    if (ch === "+") {
      i++;
      return primary();
    }
    if (ch === '"') {
      let text = "";
      i++;
      while (i < source.length) {
        if (source[i] === '"' && source[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (source[i] === '"') break;
        else text += source[i++];
      }
      expect('"');
      return text;
    }
    const number = /^\d+(\.\d*)?(E[+-]?\d+)?|^\.\d+/i.exec(source.slice(i));
    if (number) {
      i += number[0].length;
      return Number(number[0]);
    }
    const reference = /^(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Z0-9_(])/i.exec(source.slice(i));
    if (reference) {
      i += reference[0].length;
      const { row, column } = parseA1(`${reference[2]}${reference[4]}`);
      return read(row + (reference[3] ? 0 : rowShift), column + (reference[1] ? 0 : columnShift));
    }
    const name = /^[A-Z][A-Z0-9.]*/i.exec(source.slice(i));
    if (name) {
      i += name[0].length;
      const upper = name[0].toUpperCase();
      if (upper === "TRUE" || upper === "FALSE") {
        if (peek("(")) {
          expect("(");
          expect(")");
        }
        return upper === "TRUE";
      }
      expect("(");
      const args: Scalar[] = [];
      if (!peek(")")) {
        do {
          if (args.length > 0) expect(",");
          args.push(comparison());
        } while (peek(","));
      }
      expect(")");
      switch (upper) {
        case "AND":
          return args.every(truthy);
        case "OR":
          return args.some(truthy);
        case "NOT":
          return !truthy(args[0]);
        case "ISNUMBER":
          return typeof args[0] === "number";
        case "ISTEXT":
          return typeof args[0] === "string";
        case "ISBLANK":
          return args[0] === null;
        case "ABS":
          return Math.abs(toNumber(args[0]));
        default:
          throw new FormulaError(`${upper} is not modelled`);
      }
    }
    throw new FormulaError(`unexpected "${source.slice(i, i + 10)}" in ${formula}`);
  };
  const term = (): Scalar => {
    let v = primary();
    for (;;) {
      if (peek("*")) {
        i++;
        v = toNumber(v) * toNumber(primary());
      } else if (peek("/")) {
        i++;
        v = toNumber(v) / toNumber(primary());
      } else return v;
    }
  };
  const additive = (): Scalar => {
    let v = term();
    for (;;) {
      if (peek("+")) {
        i++;
        v = toNumber(v) + toNumber(term());
      } else if (peek("-")) {
        i++;
        v = toNumber(v) - toNumber(term());
      } else return v;
    }
  };
  const concatenation = (): Scalar => {
    let v = additive();
    while (peek("&")) {
      i++;
      const w = additive();
      v = `${v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : v}${w === null ? "" : typeof w === "boolean" ? (w ? "TRUE" : "FALSE") : w}`;
    }
    return v;
  };
  const comparison = (): Scalar => {
    const left = concatenation();
    for (const op of ["<>", "<=", ">=", "=", "<", ">"]) {
      if (peek(op)) {
        i += op.length;
        return compare(left, concatenation(), op);
      }
    }
    return left;
  };
  const result = comparison();
  skip();
  if (i < source.length) throw new FormulaError(`unexpected "${source.slice(i)}" in ${formula}`);
  return result;
}

/**
 * Whether a custom conditional-format rule holds for one cell: `formula` is written for the
 * top-left cell of the rule's range (anchorRow/anchorColumn); relative references move with
 * the cell tested. A rule Excel would answer with an error counts as false.
 * @throws {Error} when the formula uses something the evaluator does not model
 */
export function ruleHolds(
  formula: string,
  read: CellReader,
  anchorRow: number,
  anchorColumn: number,
  row: number,
  column: number
): boolean {
  let value: Scalar;
  try {
    value = evaluateFormula(formula, read, row - anchorRow, column - anchorColumn);
  } catch (error) {
    if (error instanceof FormulaError && /^#/.test(error.message)) return false;
    throw error;
  }
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  return false;
}

/** Excel's PERCENTILE.INC: linear interpolation between the order statistics. */
export function percentileInc(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

interface ScalePoint {
  type?: string;
  formula?: string;
  color?: string;
}

function hexToRgb(hex: string): [number, number, number] {
  const clean = hex.replace("#", "");
  return [0, 2, 4].map((k) => parseInt(clean.slice(k, k + 2), 16)) as [number, number, number];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, "0")
    )
    .join("")
    .toUpperCase()}`;
}

/** The colour between two colours at t ∈ [0, 1], channel by channel (as Excel's colour scales blend). */
export function mixColors(from: string, to: string, t: number): string {
  const a = hexToRgb(from);
  const b = hexToRgb(to);
  const k = Math.min(1, Math.max(0, t));
  return rgbToHex([a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k]);
}

/** The threshold a colour-scale point stands for, over the range's numbers. */
function scaleThreshold(point: ScalePoint, values: readonly number[]): number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const n = Number(point.formula);
  switch (point.type) {
    case "LowestValue":
      return min;
    case "HighestValue":
      return max;
    case "Percentile":
      return percentileInc(values, n / 100);
    case "Percent":
      return min + ((max - min) * n) / 100;
    case "Number":
      return n;
    default:
      throw new Error(`colour-scale point type ${point.type ?? "(none)"} is not modelled`);
  }
}

/**
 * The fill a 2- or 3-colour scale gives `value`, with the thresholds worked out over `values`
 * (the range's numbers): below the minimum it has the minimum's colour, above the maximum the
 * maximum's, and in between it blends linearly between the neighbouring points.
 * @example colorScaleFill(0.5, [0, 0.5, 1], { minimum: { type: "LowestValue", color: "#F8696B" }, midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" }, maximum: { type: "HighestValue", color: "#63BE7B" } }) // "#FFEB84"
 */
export function colorScaleFill(
  value: number,
  values: readonly number[],
  criteria: { minimum: ScalePoint; midpoint?: ScalePoint; maximum: ScalePoint }
): string {
  const points = [
    criteria.minimum,
    ...(criteria.midpoint ? [criteria.midpoint] : []),
    criteria.maximum,
  ].map((point) => ({
    at: scaleThreshold(point, values),
    color: point.color ?? "#FFFFFF",
  }));
  if (value <= points[0].at) return rgbToHex(hexToRgb(points[0].color));
  for (let k = 1; k < points.length; k++) {
    const low = points[k - 1];
    const high = points[k];
    if (value <= high.at)
      return high.at === low.at
        ? rgbToHex(hexToRgb(high.color))
        : mixColors(low.color, high.color, (value - low.at) / (high.at - low.at));
  }
  return rgbToHex(hexToRgb(points[points.length - 1].color));
}

/** The fill and font colour conditional formatting gives each cell ("row,column" keys). */
export function conditionalStyles(
  sheet: SheetModel
): Map<string, { fill?: string; fontColor?: string }> {
  const styles = new Map<string, { fill?: string; fontColor?: string }>();
  const read: CellReader = (row, column) => {
    const v = sheet.value(row, column);
    return v === "" ? null : v;
  };
  // Office.js adds each new format at the top priority: later formats win where they clash.
  for (const format of sheet.conditionalFormats as ConditionalFormatModel[]) {
    const rect = parseA1(format.address);
    const style = (row: number, column: number): { fill?: string; fontColor?: string } => {
      const key = `${row},${column}`;
      let s = styles.get(key);
      if (!s) {
        s = {};
        styles.set(key, s);
      }
      return s;
    };
    if (format.type === "Custom") {
      if (format.formula === undefined) continue;
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.column; c < rect.column + rect.columns; c++) {
          if (!ruleHolds(format.formula, read, rect.row, rect.column, r, c)) continue;
          const s = style(r, c);
          if (format.fill !== undefined) s.fill = format.fill;
          if (format.fontColor !== undefined) s.fontColor = format.fontColor;
        }
      }
    } else if (format.type === "ColorScale") {
      const criteria = format.criteria as
        { minimum: ScalePoint; midpoint?: ScalePoint; maximum: ScalePoint } | undefined;
      if (!criteria) continue;
      const numbers: { row: number; column: number; value: number }[] = [];
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.column; c < rect.column + rect.columns; c++) {
          const v = sheet.value(r, c);
          if (typeof v === "number") numbers.push({ row: r, column: c, value: v });
        }
      }
      if (numbers.length === 0) continue;
      const values = numbers.map((n) => n.value);
      for (const n of numbers)
        style(n.row, n.column).fill = colorScaleFill(n.value, values, criteria);
    } else throw new Error(`conditional format type ${format.type} is not modelled`);
  }
  return styles;
}

// =============================================================================================
// Layout
// =============================================================================================

export interface SheetHtmlOptions {
  /** Show column letters and row numbers, as Excel does; false by default. */
  headings?: boolean;
  /** Every sheet's name in tab order, for the tab bar (the rendered sheet is the active tab); just this sheet by default. */
  sheetTabs?: string[];
  /** Show the tab bar under the grid; true by default. */
  tabs?: boolean;
  /** Empty rows shown after the last used row; 2 by default. */
  extraRows?: number;
  /** Add default-width columns until the grid is at least this wide (px); 0 by default. */
  minWidth?: number;
  /** The page's <title>; the sheet's name by default. */
  title?: string;
}

/** Excel's defaults at 100% zoom: Calibri 11, 64 px columns (8.43 characters), 20 px rows (15 pt). */
const DEFAULT_COLUMN_PX = 64;
const DEFAULT_ROW_PT = 15;
const DEFAULT_FONT_PT = 11;
const HEADING_ROW_PX = 20;
const HEADING_COLUMN_PX = 34;
const FONT_STACK = "Calibri, Carlito, 'Segoe UI', Arial, sans-serif";
const GRIDLINE = "#D4D4D4";

const ptToPx = (pt: number): number => Math.round(pt / 0.75);

/** The side of a cell: a border's CSS width and colour. */
interface Side {
  width: number;
  color: string;
}

const WEIGHT_PX: Record<string, number> = { Hairline: 1, Thin: 1, Medium: 2, Thick: 3 };

function sideOf(format: CellFormatModel | undefined, edge: string): Side | undefined {
  const border = format?.borders?.[edge];
  if (!border || border.style === "None") return undefined;
  return { width: WEIGHT_PX[border.weight ?? "Thin"] ?? 1, color: border.color ?? "#000000" };
}

function heavier(a: Side | undefined, b: Side | undefined): Side | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.width > a.width ? b : a;
}

/** One rendered cell (the top-left of a merge stands for the whole merge). */
export interface LaidOutCell {
  address: string;
  row: number;
  column: number;
  rowSpan: number;
  columnSpan: number;
  /** The text shown ("" for an empty cell). */
  text: string;
  /** The value behind it, or the formula of a formula cell. */
  value: CellScalar | { formula: string };
  fill?: string;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  fontSize: number;
  fontName?: string;
  horizontal: "left" | "center" | "right";
  vertical: "top" | "center" | "bottom";
  wrap: boolean;
  indent: number;
  /** Extra px the text may run into empty neighbours, left and right. */
  overflowLeft: number;
  overflowRight: number;
  borders: { top?: Side; right?: Side; bottom?: Side; left?: Side };
}

export interface ChartBox {
  chart: ChartModel;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface SheetLayout {
  name: string;
  rows: number;
  columns: number;
  columnPx: number[];
  rowPx: number[];
  showGridlines: boolean;
  freeze: { rows: number; columns: number };
  tabColor: string;
  /** Cells by A1 address; cells covered by a merge are absent. */
  cells: Map<string, LaidOutCell>;
  /** A1 addresses covered by a merge (other than its top-left). */
  covered: Set<string>;
  charts: ChartBox[];
}

/** The text a cell shows, and the colour its number format gives. */
function displayOf(
  sheet: SheetModel,
  row: number,
  column: number
): FormattedValue & { value: CellScalar | { formula: string } } {
  const formula = sheet.formula(row, column);
  if (formula !== undefined) return { text: formula, value: { formula } };
  const value = sheet.value(row, column);
  if (value === "") return { text: "", value };
  const code = sheet.formats.get(`${row},${column}`)?.numberFormat ?? "General";
  return { ...formatValue(value, code), value };
}

/**
 * Lay a sheet out: sizes in px, each cell's text and look (conditional formats applied),
 * merges, text overflow and chart boxes. {@link sheetToHtml} draws this.
 */
export function layoutSheet(sheet: SheetModel, options: SheetHtmlOptions = {}): SheetLayout {
  let lastRow = -1;
  let lastColumn = -1;
  const extend = (row: number, column: number): void => {
    if (row > lastRow) lastRow = row;
    if (column > lastColumn) lastColumn = column;
  };
  const used = sheet.usedRect();
  if (used) extend(used.row + used.rows - 1, used.column + used.columns - 1);
  for (const key of sheet.formats.keys()) {
    const [r, c] = key.split(",").map(Number);
    extend(r, c);
  }
  for (const merge of sheet.merges) {
    const rect = parseA1(merge);
    extend(rect.row + rect.rows - 1, rect.column + rect.columns - 1);
  }
  for (const chart of sheet.charts) {
    if (!chart.position) continue;
    const end = parseA1(chart.position.bottomRight);
    extend(end.row, end.column);
  }
  for (const column of sheet.columnWidths.keys()) if (column < 200) extend(0, column);
  const rows = Math.max(lastRow + 1, 1) + (options.extraRows ?? 2);
  let columns = Math.max(lastColumn + 1, 1) + 1;

  const columnPx: number[] = [];
  const widthOf = (c: number): number => {
    const points = sheet.columnWidths.get(c);
    if (points === undefined) return DEFAULT_COLUMN_PX;
    if (points < 0) {
      // autofit: the widest text in the column, roughly (7 px a character, 10 px padding)
      let widest = 0;
      for (let r = 0; r < rows; r++) widest = Math.max(widest, displayOf(sheet, r, c).text.length);
      return Math.max(DEFAULT_COLUMN_PX, widest * 7 + 10);
    }
    return ptToPx(points);
  };
  for (let c = 0; c < columns; c++) columnPx.push(widthOf(c));
  const minWidth = (options.minWidth ?? 0) - (options.headings ? HEADING_COLUMN_PX : 0);
  while (columnPx.reduce((a, b) => a + b, 0) + DEFAULT_COLUMN_PX <= minWidth) {
    columnPx.push(widthOf(columns));
    columns++;
  }

  // Row heights: as set, else as tall as the largest font in the row needs (Excel's autofit).
  const rowPx: number[] = [];
  const largestFont = new Map<number, number>();
  for (const [key, format] of sheet.formats) {
    if (format.fontSize === undefined) continue;
    const row = Number(key.split(",")[0]);
    largestFont.set(row, Math.max(largestFont.get(row) ?? DEFAULT_FONT_PT, format.fontSize));
  }
  for (let r = 0; r < rows; r++) {
    const set = sheet.rowHeights.get(r);
    const auto = Math.max(
      DEFAULT_ROW_PT,
      Math.round(((largestFont.get(r) ?? DEFAULT_FONT_PT) * DEFAULT_ROW_PT) / DEFAULT_FONT_PT)
    );
    rowPx.push(ptToPx(set ?? auto));
  }

  const merges = sheet.merges.map((m) => parseA1(m));
  const mergeAt = new Map<string, (typeof merges)[number]>();
  const covered = new Set<string>();
  const inMerge = new Set<string>();
  for (const m of merges) {
    mergeAt.set(`${m.row},${m.column}`, m);
    for (let r = m.row; r < m.row + m.rows; r++) {
      for (let c = m.column; c < m.column + m.columns; c++) {
        inMerge.add(`${r},${c}`);
        if (r !== m.row || c !== m.column) covered.add(`${letters(c)}${r + 1}`);
      }
    }
  }

  const conditional = conditionalStyles(sheet);
  const format = (r: number, c: number): CellFormatModel | undefined =>
    sheet.formats.get(`${r},${c}`);
  const isEmpty = (r: number, c: number): boolean =>
    sheet.value(r, c) === "" && sheet.formula(r, c) === undefined;

  // Each edge between two cells is drawn once, at its heavier border.
  const horizontalEdge = (r: number, c: number): Side | undefined =>
    // the edge above row r in column c
    heavier(
      r > 0 ? sideOf(format(r - 1, c), "EdgeBottom") : undefined,
      sideOf(format(r, c), "EdgeTop")
    );
  const verticalEdge = (r: number, c: number): Side | undefined =>
    // the edge left of column c in row r
    heavier(
      c > 0 ? sideOf(format(r, c - 1), "EdgeRight") : undefined,
      sideOf(format(r, c), "EdgeLeft")
    );

  const cells = new Map<string, LaidOutCell>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const address = `${letters(c)}${r + 1}`;
      if (covered.has(address)) continue;
      const merge = mergeAt.get(`${r},${c}`);
      const rowSpan = merge?.rows ?? 1;
      const columnSpan = merge?.columns ?? 1;
      const f = format(r, c);
      const shown = displayOf(sheet, r, c);
      const cf = conditional.get(`${r},${c}`);
      const isNumber = typeof shown.value === "number";
      const general: LaidOutCell["horizontal"] =
        typeof shown.value === "boolean" ? "center" : isNumber ? "right" : "left";
      const horizontal =
        (
          {
            Left: "left",
            Center: "center",
            Right: "right",
            CenterAcrossSelection: "center",
          } as const
        )[f?.horizontalAlignment as "Left" | "Center" | "Right" | "CenterAcrossSelection"] ??
        general;
      const vertical =
        ({ Top: "top", Center: "center", Bottom: "bottom" } as const)[
          f?.verticalAlignment as "Top" | "Center" | "Bottom"
        ] ?? "bottom";
      const borders: LaidOutCell["borders"] = {};
      // The merged area's edges: the sides of the cells along them.
      for (let k = 0; k < columnSpan; k++) {
        borders.top = heavier(borders.top, horizontalEdge(r, c + k));
        borders.bottom = heavier(borders.bottom, horizontalEdge(r + rowSpan, c + k));
      }
      for (let k = 0; k < rowSpan; k++) {
        borders.left = heavier(borders.left, verticalEdge(r + k, c));
        borders.right = heavier(borders.right, verticalEdge(r + k, c + columnSpan));
      }
      const wrap = f?.wrapText === true;
      let overflowLeft = 0;
      let overflowRight = 0;
      if (!merge && !wrap && typeof shown.value === "string" && shown.text !== "") {
        // Text runs on into empty cells (not merged) until the next cell with content, as in Excel.
        const free = (from: number, step: number): number => {
          let px = 0;
          for (let k = from; k >= 0 && k < columns; k += step) {
            if (!isEmpty(r, k) || inMerge.has(`${r},${k}`)) break;
            px += columnPx[k];
          }
          return px;
        };
        if (horizontal === "left") overflowRight = free(c + 1, 1);
        else if (horizontal === "right") overflowLeft = free(c - 1, -1);
        else {
          const both = Math.min(free(c + 1, 1), free(c - 1, -1));
          overflowLeft = both;
          overflowRight = both;
        }
      }
      cells.set(address, {
        address,
        row: r,
        column: c,
        rowSpan,
        columnSpan,
        text: shown.text,
        value: shown.value,
        fill: cf?.fill ?? f?.fill,
        fontColor:
          cf?.fontColor ??
          shown.color ??
          f?.fontColor ??
          (typeof shown.value === "object" ? "#7F7F7F" : "#000000"),
        bold: f?.bold === true,
        italic: f?.italic === true,
        fontSize: f?.fontSize ?? DEFAULT_FONT_PT,
        fontName: f?.fontName,
        horizontal,
        vertical,
        wrap,
        indent: f?.indentLevel ?? 0,
        overflowLeft,
        overflowRight,
        borders,
      });
    }
  }

  const offsets = (sizes: number[]): number[] => {
    const out = [0];
    for (const size of sizes) out.push(out[out.length - 1] + size);
    return out;
  };
  const x = offsets(columnPx);
  const y = offsets(rowPx);
  const charts: ChartBox[] = sheet.charts
    .filter((chart) => chart.position !== undefined)
    .map((chart) => {
      const from = parseA1(chart.position?.topLeft as string);
      const to = parseA1(chart.position?.bottomRight as string);
      return {
        chart,
        left: x[from.column],
        top: y[from.row],
        width: x[to.column + 1] - x[from.column],
        height: y[to.row + 1] - y[from.row],
      };
    });

  return {
    name: sheet.name,
    rows,
    columns,
    columnPx,
    rowPx,
    showGridlines: sheet.showGridlines,
    freeze: sheet.freeze,
    tabColor: sheet.tabColor,
    cells,
    covered,
    charts,
  };
}

// =============================================================================================
// Charts
// =============================================================================================

/** Office theme colours, in the order Excel gives them to series. */
const SERIES_COLORS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];
const CHART_TEXT = "#595959";
const CHART_GRID = "#D9D9D9";

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Roughly how wide text is in px (Calibri averages about half its size per character). */
function textWidth(text: string, px: number): number {
  return text.length * px * 0.52;
}

/**
 * Axis bounds and ticks as Excel picks them: a 1-2-5 step for about five intervals; zero as
 * the minimum for non-negative data unless the data sit in the top sixth of the range.
 * @example niceScale(0.62, 0.97) // { min: 0, max: 1, step: 0.2 }
 */
export function niceScale(
  dataMin: number,
  dataMax: number,
  intervals = 5
): { min: number; max: number; step: number } {
  let low = dataMin;
  let high = dataMax;
  if (low >= 0 && (high === 0 || low < (high * 5) / 6)) low = 0;
  if (high <= 0 && (low === 0 || high > (low * 5) / 6)) high = 0;
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const raw = (high - low) / intervals;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * 0.999) ?? 10 * magnitude;
  const clean = (v: number): number => Number(v.toPrecision(12));
  return {
    min: clean(Math.floor(clean(low / step)) * step),
    max: clean(Math.ceil(clean(high / step)) * step),
    step: clean(step),
  };
}

interface SeriesData {
  name: string;
  color: string;
  secondary: boolean;
  x: (number | string | null)[];
  y: (number | null)[];
}

function rangeCells(
  sheet: SheetModel,
  address: string | undefined
): { value: CellScalar; code: string }[] {
  if (address === undefined) return [];
  const rect = parseA1(address);
  const out: { value: CellScalar; code: string }[] = [];
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    for (let c = rect.column; c < rect.column + rect.columns; c++) {
      out.push({
        value: sheet.value(r, c),
        code: sheet.formats.get(`${r},${c}`)?.numberFormat ?? "General",
      });
    }
  }
  return out;
}

/** A chart as inline SVG: title, value axes (a secondary one when a series uses it), gridlines, lines, legend. */
export function chartSvg(
  sheet: SheetModel,
  chart: ChartModel,
  width: number,
  height: number
): string {
  const scatter = chart.type.startsWith("XYScatter");
  const series: SeriesData[] = chart.series.map((s, k) => {
    const values = rangeCells(sheet, s.values);
    const xs = rangeCells(sheet, s.xValues);
    return {
      name: s.name,
      color: SERIES_COLORS[k % SERIES_COLORS.length],
      secondary: s.axisGroup === "Secondary",
      y: values.map((v) => (typeof v.value === "number" ? v.value : null)),
      x: xs.map((v) =>
        scatter
          ? typeof v.value === "number"
            ? v.value
            : null
          : v.value === ""
            ? ""
            : formatValue(v.value, v.code).text
      ),
    };
  });
  const firstFormat = (secondary: boolean): string =>
    rangeCells(
      sheet,
      chart.series.find((s) => (s.axisGroup === "Secondary") === secondary)?.values
    ).find((v) => typeof v.value === "number")?.code ?? "General";
  const primaryFormat = chart.valueAxisFormat ?? firstFormat(false);
  const secondaryFormat = chart.secondaryValueAxisFormat ?? firstFormat(true);
  const hasSecondary = series.some((s) => s.secondary);

  const scaleFor = (secondary: boolean): { min: number; max: number; step: number } => {
    const ys = series
      .filter((s) => s.secondary === secondary)
      .flatMap((s) => s.y.filter((v): v is number => v !== null));
    return ys.length === 0
      ? { min: 0, max: 1, step: 0.2 }
      : niceScale(Math.min(...ys), Math.max(...ys));
  };
  const primary = scaleFor(false);
  const secondary = hasSecondary ? scaleFor(true) : undefined;
  const ticks = (scale: { min: number; max: number; step: number }): number[] => {
    const out: number[] = [];
    for (let v = scale.min; v <= scale.max + scale.step / 1000; v += scale.step)
      out.push(Number(v.toPrecision(12)));
    return out;
  };
  const label = (v: number, code: string): string => formatValue(v, code).text;

  const fontPx = 12;
  const titlePx = 18.5;
  const top = chart.title ? 40 : 14;
  const legend =
    chart.legendPosition !== undefined && chart.legendPosition !== "None" && series.length > 0;
  const categoryTitleHeight = chart.categoryAxisTitle ? 20 : 0;
  const valueTitleWidth = chart.valueAxisTitle ? 20 : 0;
  const primaryLabelWidth = Math.max(
    ...ticks(primary).map((v) => textWidth(label(v, primaryFormat), fontPx))
  );
  const secondaryLabelWidth = secondary
    ? Math.max(...ticks(secondary).map((v) => textWidth(label(v, secondaryFormat), fontPx)))
    : 0;
  const plotLeft = 14 + valueTitleWidth + primaryLabelWidth + 8;
  const plotRight = width - (secondary ? 14 + secondaryLabelWidth + 8 : 22);
  const plotBottom = height - 14 - (legend ? 26 : 0) - categoryTitleHeight - 22;
  const plotTop = top;
  const plotWidth = plotRight - plotLeft;
  const plotHeight = plotBottom - plotTop;
  const yOf = (v: number, scale: { min: number; max: number }): number =>
    plotBottom - ((v - scale.min) / (scale.max - scale.min)) * plotHeight;

  const parts: string[] = [];
  const text = (x: number, y: number, content: string, attrs = ""): void => {
    parts.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeHtml(content)}</text>`
    );
  };
  parts.push(
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="#FFFFFF" stroke="${CHART_GRID}"/>`
  );
  if (chart.title)
    text(
      width / 2,
      27,
      chart.title,
      `text-anchor="middle" font-size="${titlePx}" fill="${CHART_TEXT}"`
    );

  // Gridlines and value labels.
  for (const v of ticks(primary)) {
    const y = yOf(v, primary);
    parts.push(
      `<line x1="${plotLeft}" x2="${plotRight}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${CHART_GRID}" stroke-width="1"/>`
    );
    text(
      plotLeft - 6,
      y + 4,
      label(v, primaryFormat),
      `text-anchor="end" font-size="${fontPx}" fill="${CHART_TEXT}"`
    );
  }
  if (secondary) {
    for (const v of ticks(secondary))
      text(
        plotRight + 6,
        yOf(v, secondary) + 4,
        label(v, secondaryFormat),
        `font-size="${fontPx}" fill="${CHART_TEXT}"`
      );
  }
  parts.push(
    `<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" stroke="#BFBFBF" stroke-width="1"/>`
  );

  // The x axis: category slots for a line chart, a numeric scale for a scatter chart.
  let xOf: (point: number | string | null, index: number) => number;
  const labelY = plotBottom + 17;
  if (scatter) {
    const xs = series.flatMap((s) => s.x.filter((v): v is number => typeof v === "number"));
    const scale =
      xs.length === 0
        ? { min: 0, max: 1, step: 0.2 }
        : niceScale(
            Math.min(...xs),
            Math.max(...xs),
            Math.max(2, Math.min(10, Math.floor(plotWidth / 60)))
          );
    xOf = (point) =>
      plotLeft + (((point as number) - scale.min) / (scale.max - scale.min)) * plotWidth;
    for (const v of ticks(scale)) {
      const x = xOf(v, 0);
      parts.push(
        `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${plotBottom}" y2="${plotBottom + 4}" stroke="#BFBFBF"/>`
      );
      text(
        x,
        labelY,
        label(v, "General"),
        `text-anchor="middle" font-size="${fontPx}" fill="${CHART_TEXT}"`
      );
    }
  } else {
    const categories = series[0]?.x ?? [];
    const n = Math.max(1, ...series.map((s) => s.y.length));
    const slot = plotWidth / n;
    xOf = (_point, index) => plotLeft + slot * (index + 0.5);
    const widest = Math.max(1, ...categories.map((c) => textWidth(String(c ?? ""), fontPx)));
    const every = Math.max(1, Math.ceil((widest + 8) / slot));
    for (let k = 0; k <= n; k++) {
      const x = plotLeft + slot * k;
      parts.push(
        `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${plotBottom}" y2="${plotBottom + 4}" stroke="#BFBFBF"/>`
      );
    }
    categories.forEach((c, k) => {
      if (k % every === 0)
        text(
          xOf(c, k),
          labelY,
          String(c ?? ""),
          `text-anchor="middle" font-size="${fontPx}" fill="${CHART_TEXT}"`
        );
    });
  }
  if (chart.categoryAxisTitle)
    text(
      (plotLeft + plotRight) / 2,
      labelY + 20,
      chart.categoryAxisTitle,
      `text-anchor="middle" font-size="${fontPx + 1}" font-weight="bold" fill="${CHART_TEXT}"`
    );
  if (chart.valueAxisTitle) {
    const cy = (plotTop + plotBottom) / 2;
    text(
      18,
      cy,
      chart.valueAxisTitle,
      `text-anchor="middle" font-size="${fontPx + 1}" font-weight="bold" fill="${CHART_TEXT}" transform="rotate(-90 18 ${cy.toFixed(1)})"`
    );
  }

  // The series: one polyline per run of points without gaps.
  for (const s of series) {
    const scale = s.secondary && secondary ? secondary : primary;
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 1)
        parts.push(
          `<polyline fill="none" stroke="${s.color}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round" points="${run.join(" ")}"/>`
        );
      else if (run.length === 1) {
        const [px, py] = run[0].split(",");
        parts.push(`<circle cx="${px}" cy="${py}" r="2.5" fill="${s.color}"/>`);
      }
      run = [];
    };
    s.y.forEach((v, k) => {
      const xv = s.x[k] ?? null;
      if (v === null || (scatter && typeof xv !== "number")) {
        flush();
        return;
      }
      run.push(`${xOf(xv, k).toFixed(1)},${yOf(v, scale).toFixed(1)}`);
    });
    flush();
  }

  if (legend) {
    const items = series.map((s) => ({ s, w: 26 + textWidth(s.name, fontPx) + 14 }));
    let x = (width - items.reduce((sum, i) => sum + i.w, 0)) / 2;
    const y = height - 18;
    for (const { s, w } of items) {
      parts.push(
        `<line x1="${x.toFixed(1)}" x2="${(x + 20).toFixed(1)}" y1="${y - 4}" y2="${y - 4}" stroke="${s.color}" stroke-width="2.5" stroke-linecap="round"/>`
      );
      text(x + 26, y, s.name, `font-size="${fontPx}" fill="${CHART_TEXT}"`);
      x += w;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_STACK.replace(/"/g, "'")}" role="img" aria-label="${escapeHtml(chart.title || chart.name)}">${parts.join("")}</svg>`;
}

// =============================================================================================
// HTML
// =============================================================================================

function shadowOf(
  borders: LaidOutCell["borders"],
  gridRight: boolean,
  gridBottom: boolean
): string {
  const shadows: string[] = [];
  const { top, right, bottom, left } = borders;
  if (top) shadows.push(`inset 0 ${top.width}px 0 ${top.color}`);
  if (left) shadows.push(`inset ${left.width}px 0 0 ${left.color}`);
  if (right) shadows.push(`inset -${right.width}px 0 0 ${right.color}`);
  else if (gridRight) shadows.push(`inset -1px 0 0 ${GRIDLINE}`);
  if (bottom) shadows.push(`inset 0 -${bottom.width}px 0 ${bottom.color}`);
  else if (gridBottom) shadows.push(`inset 0 -1px 0 ${GRIDLINE}`);
  return shadows.join(",");
}

/**
 * Render one worksheet of the double as a self-contained HTML page that looks like Excel.
 * @example sheetToHtml(double.sheet("Retention Scorecard"), { headings: true, minWidth: 1400 })
 */
export function sheetToHtml(sheet: SheetModel, options: SheetHtmlOptions = {}): string {
  const layout = layoutSheet(sheet, options);
  const headings = options.headings === true;
  const offsetX = headings ? HEADING_COLUMN_PX : 0;
  const offsetY = headings ? HEADING_ROW_PX : 0;
  const gridWidth = layout.columnPx.reduce((a, b) => a + b, 0);
  const gridHeight = layout.rowPx.reduce((a, b) => a + b, 0);

  const rows: string[] = [];
  if (headings) {
    const letterCells = layout.columnPx.map((_, c) => `<th class="ch">${letters(c)}</th>`).join("");
    rows.push(`<tr style="height:${HEADING_ROW_PX}px"><th class="corner"></th>${letterCells}</tr>`);
  }
  for (let r = 0; r < layout.rows; r++) {
    const cellsHtml: string[] = [];
    if (headings) cellsHtml.push(`<th class="rh">${r + 1}</th>`);
    for (let c = 0; c < layout.columns; c++) {
      const address = `${letters(c)}${r + 1}`;
      const cell = layout.cells.get(address);
      if (!cell) continue;
      let width = 0;
      for (let k = 0; k < cell.columnSpan; k++) width += layout.columnPx[c + k];
      let height = 0;
      for (let k = 0; k < cell.rowSpan; k++) height += layout.rowPx[r + k];
      const tdStyle: string[] = [];
      if (cell.fill) tdStyle.push(`background:${cell.fill}`);
      const shadow = shadowOf(
        cell.borders,
        layout.showGridlines && !cell.fill,
        layout.showGridlines && !cell.fill
      );
      if (shadow) tdStyle.push(`box-shadow:${shadow}`);
      const span = `${cell.columnSpan > 1 ? ` colspan="${cell.columnSpan}"` : ""}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ""}`;
      if (cell.text === "") {
        cellsHtml.push(`<td${span}${tdStyle.length ? ` style="${tdStyle.join(";")}"` : ""}></td>`);
        continue;
      }
      const inner: string[] = [
        `width:${width + cell.overflowLeft + cell.overflowRight}px`,
        `height:${height}px`,
        `justify-content:${{ left: "flex-start", center: "center", right: "flex-end" }[cell.horizontal]}`,
        `align-items:${{ top: "flex-start", center: "center", bottom: "flex-end" }[cell.vertical]}`,
        `text-align:${cell.horizontal}`,
        `color:${cell.fontColor}`,
        `font-size:${cell.fontSize}pt`,
      ];
      if (cell.overflowLeft > 0) inner.push(`margin-left:-${cell.overflowLeft}px`);
      if (cell.bold) inner.push("font-weight:bold");
      if (cell.italic) inner.push("font-style:italic");
      if (cell.fontName) inner.push(`font-family:'${cell.fontName}',${FONT_STACK}`);
      if (cell.wrap) inner.push("white-space:normal");
      if (cell.indent > 0)
        inner.push(
          `padding-${cell.horizontal === "right" ? "right" : "left"}:${3 + cell.indent * 9}px`
        );
      const kind = typeof cell.value === "object" ? " formula" : "";
      cellsHtml.push(
        `<td${span} data-cell="${address}"${tdStyle.length ? ` style="${tdStyle.join(";")}"` : ""}><div class="v${kind}" style="${inner.join(";")}"><span>${escapeHtml(cell.text)}</span></div></td>`
      );
    }
    rows.push(`<tr style="height:${layout.rowPx[r]}px">${cellsHtml.join("")}</tr>`);
  }

  const columnsHtml = [
    ...(headings ? [`<col style="width:${HEADING_COLUMN_PX}px">`] : []),
    ...layout.columnPx.map((px) => `<col style="width:${px}px">`),
  ].join("");
  const charts = layout.charts
    .map(
      (box) =>
        `<div class="chart" data-chart="${escapeHtml(box.chart.name)}" style="left:${offsetX + box.left}px;top:${offsetY + box.top}px;width:${box.width}px;height:${box.height}px">${chartSvg(sheet, box.chart, box.width, box.height)}</div>`
    )
    .join("");
  const freezeLines: string[] = [];
  if (layout.freeze.rows > 0) {
    const y = offsetY + layout.rowPx.slice(0, layout.freeze.rows).reduce((a, b) => a + b, 0);
    freezeLines.push(
      `<div class="freeze" style="left:0;top:${y - 1}px;width:${offsetX + gridWidth}px;height:1px"></div>`
    );
  }
  if (layout.freeze.columns > 0) {
    const x = offsetX + layout.columnPx.slice(0, layout.freeze.columns).reduce((a, b) => a + b, 0);
    freezeLines.push(
      `<div class="freeze" style="left:${x - 1}px;top:0;width:1px;height:${offsetY + gridHeight}px"></div>`
    );
  }
  const tabNames = options.sheetTabs ?? [layout.name];
  const tabs =
    options.tabs === false
      ? ""
      : `<div class="tabs" style="width:${offsetX + gridWidth}px">${tabNames
          .map((name) =>
            name === layout.name
              ? `<span class="tab active" style="${layout.tabColor ? `border-bottom-color:${layout.tabColor}` : ""}">${escapeHtml(name)}</span>`
              : `<span class="tab">${escapeHtml(name)}</span>`
          )
          .join("")}</div>`;

  const css = `
*{box-sizing:border-box}
body{margin:0;background:#FFFFFF;font-family:${FONT_STACK};font-size:${DEFAULT_FONT_PT}pt;color:#000}
.sheet{position:relative;width:${offsetX + gridWidth}px}
table.grid{border-collapse:separate;border-spacing:0;table-layout:fixed;width:${offsetX + gridWidth}px}
table.grid td{padding:0;overflow:visible;vertical-align:top;white-space:nowrap}
table.grid td .v{display:flex;overflow:hidden;white-space:nowrap;padding:0 3px;line-height:1.15}
table.grid td .v.formula{font-family:Consolas,'DejaVu Sans Mono',monospace;font-size:9pt!important}
table.grid th{padding:0;font-weight:normal;font-size:10pt;color:#444;background:#F3F3F3;box-shadow:inset -1px -1px 0 #D0D0D0;overflow:hidden;white-space:nowrap}
table.grid th.ch{text-align:center}
table.grid th.rh{text-align:center}
.chart{position:absolute;box-shadow:0 1px 2px rgba(0,0,0,0.08)}
.chart svg{display:block}
.freeze{position:absolute;background:#9E9E9E}
.tabs{display:flex;gap:0;background:#F3F3F3;border-top:1px solid #D0D0D0;padding:0 0 0 ${offsetX + 8}px;height:30px;align-items:flex-start}
.tab{font-size:10.5pt;color:#444;padding:4px 14px 3px;border-bottom:3px solid transparent}
.tab.active{background:#FFFFFF;color:#217346;font-weight:bold;border-bottom-width:3px;border-bottom-style:solid;box-shadow:0 1px 2px rgba(0,0,0,0.15)}
`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title ?? layout.name)}</title>
<style>${css}</style>
</head>
<body>
<div class="sheet">
<table class="grid" role="grid" aria-label="${escapeHtml(layout.name)}"><colgroup>${columnsHtml}</colgroup>
${rows.join("\n")}
</table>
${freezeLines.join("")}${charts}
</div>
${tabs}
</body>
</html>
`;
}
