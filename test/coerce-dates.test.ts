/**
 * The coercion module (how Excel's argument values become core inputs) and the date arithmetic.
 */
import fc from "fast-check";
import {
  asRows,
  choice,
  dateValue,
  flagValue,
  flatCells,
  idIndexColumn,
  idKey,
  isBlank,
  numbers,
  optionalNumber,
  parseNumericText,
  requiredNumber,
  requireSameLength,
} from "../src/functions/coerce";
import {
  dateToSerial,
  isoToSerial,
  periodIndex,
  periodStartSerial,
  serialToDate,
  serialToIso,
  PERIODS,
} from "../src/core/dates";
import { RetainError } from "../src/core/errors";

function thrown(fn: () => unknown): RetainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RetainError) return error;
    throw error;
  }
  throw new Error("expected a RetainError");
}

describe("blanks, numbers, text and booleans", () => {
  test("the three ways Excel sends a blank, and text of spaces, are blank", () => {
    for (const blank of [null, undefined, "", "   "]) expect(isBlank(blank)).toBe(true);
    for (const value of [0, "0", false, " x "]) expect(isBlank(value)).toBe(false);
  });

  test("numeric text as Excel's VALUE reads plain numbers and percentages", () => {
    expect(parseNumericText(" 9 ")).toBe(9);
    expect(parseNumericText("-1.5e3")).toBe(-1500);
    expect(parseNumericText("5%")).toBe(0.05);
    expect(parseNumericText(".5")).toBe(0.5);
    for (const text of ["ten", "0x10", "Infinity", "1,2", "", "1 2"])
      expect(parseNumericText(text)).toBeUndefined();
  });

  test("required and optional scalars", () => {
    expect(requiredNumber(null, "x")).toBe(0);
    expect(requiredNumber(true, "x")).toBe(1);
    expect(requiredNumber([[7]], "x")).toBe(7);
    expect(optionalNumber(undefined, "x", 2)).toBe(2);
    expect(optionalNumber(null, "x", 2)).toBe(2);
    expect(optionalNumber("", "x", 2)).toBe(2);
    expect(optionalNumber("3", "x", 2)).toBe(3);
    expect(thrown(() => requiredNumber([[1, 2]], "x")).message).toBe(
      "x must be a single value, not a range of 1×2 cells"
    );
    expect(thrown(() => requiredNumber(NaN, "x")).message).toBe("x: NaN is not a number");
  });

  test("ranges: rows, columns, blocks, ragged arrays and bare scalars; positions are 1-based", () => {
    expect(numbers([[1], [null], [" 3 "]], "v")).toEqual([1, 3]);
    expect(numbers([[1, "", 3]], "v")).toEqual([1, 3]);
    expect(numbers([[1, 2], [3]], "v")).toEqual([1, 2, 3]);
    expect(numbers(5, "v")).toEqual([5]);
    expect(numbers([], "v")).toEqual([]);
    expect(thrown(() => numbers([[1], [2], [3], [4], [5], [6], ["ten"]], "v")).message).toBe(
      "v, row 7: 'ten' is not a number"
    );
    expect(thrown(() => numbers([[1, 2, "x"]], "v")).message).toBe(
      "v, column 3: 'x' is not a number"
    );
    expect(
      thrown(() =>
        numbers(
          [
            [1, 2],
            [3, "x"],
          ],
          "v"
        )
      ).message
    ).toBe("v, row 2, column 2: 'x' is not a number");
    expect(thrown(() => numbers([[false]], "v")).message).toBe("v, row 1: FALSE is not a number");
  });

  test("error cells are passed on with their kind, naming the position", () => {
    const na = { errorCode: "#N/A" };
    const ref = { errorCode: "#REF!" };
    expect(thrown(() => numbers([[1], [na]], "v"))).toMatchObject({
      kind: "#N/A",
      message: "v, row 2 holds the error #N/A",
    });
    expect(thrown(() => idIndexColumn([[ref]], "ids"))).toMatchObject({
      kind: "#VALUE!",
      message: "ids, row 1 holds the error #REF!",
    });
  });

  test("choices are case-insensitive and trimmed; blank means the default", () => {
    const options = ["start", "average"] as const;
    expect(choice(" AVERAGE ", "method", options, "start")).toBe("average");
    expect(choice(null, "method", options, "start")).toBe("start");
    expect(thrown(() => choice("x", "method", options, "start")).message).toBe(
      "method 'x' is not one of: start, average"
    );
  });

  test("ids: trimmed, case-insensitive text; numbers as Excel shows them", () => {
    const interned = idIndexColumn([[12], ["12"], [" 12 "], [null], ["AbC"], ["abc "]], "ids");
    expect(Array.from(interned.indexOfRow)).toEqual([0, 0, 0, -1, 1, 1]);
    expect(interned.keys).toEqual(["12", "abc"]);
    expect(interned.labels).toEqual([12, "AbC"]);
    expect(idKey(12.5)).toBe("12.5");
    expect(idKey(" X ")).toBe(idKey("x"));
  });

  test("flatCells keeps blanks in place so paired columns stay aligned; lengths must match", () => {
    expect(flatCells([[1], [null], [""]])).toEqual([1, null, ""]);
    expect(flatCells([[1, null], [2]])).toEqual([1, null, 2]);
    expect(() => requireSameLength("ids", 3, "dates", 2)).toThrow(
      "ids has 3 cells but dates has 2; they must be the same size"
    );
  });

  test("flags: 1/0, TRUE/FALSE and their text", () => {
    expect([1, true, "TRUE", " true ", "1"].map((v) => flagValue(v, "p"))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([0, false, "False", "0"].map((v) => flagValue(v, "p"))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(thrown(() => flagValue(2, "churned, row 4")).message).toBe(
      "churned, row 4: 2 is not 1/0 or TRUE/FALSE"
    );
  });

  test("property: asRows never throws and every cell of a ragged array is visited once", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.string()), { maxLength: 5 }),
          { maxLength: 20 }
        ),
        (grid) => {
          const flat = asRows(grid).flat();
          return flat.length === grid.reduce((n, row) => n + row.length, 0);
        }
      )
    );
  });
});

describe("dates (Excel's 1900 date system)", () => {
  // Reference serials from Excel: =DATE(2024,1,1) is 45292, =DATE(1997,1,1) is 35431, =DATE(2000,2,29) is 36585.
  test("known serials", () => {
    expect(dateToSerial(2024, 1, 1)).toBe(45292);
    expect(dateToSerial(1997, 1, 1)).toBe(35431);
    expect(dateToSerial(2000, 2, 29)).toBe(36585);
    expect(serialToDate(45292)).toEqual({ year: 2024, month: 1, day: 1 });
    expect(serialToIso(45306.75)).toBe("2024-01-15");
  });

  test("ISO text, with and without time, and invalid dates", () => {
    expect(isoToSerial("2024-01-15")).toBe(45306);
    expect(isoToSerial(" 2024-01-15T12:00 ")).toBe(45306.5);
    expect(isoToSerial("2024-01-15 06:00:00Z")).toBe(45306.25);
    for (const text of [
      "2024-02-30",
      "2023-02-29",
      "2024-13-01",
      "15/01/2024",
      "2024-1-5",
      "2024-01-15T25:00",
    ]) {
      expect(isoToSerial(text)).toBeUndefined();
    }
    expect(isoToSerial("2024-02-29")).toBe(45351);
  });

  test("date cells: serials or ISO text, anything else names its position", () => {
    expect(dateValue(45292, "d")).toBe(45292);
    expect(dateValue("2024-01-01", "d")).toBe(45292);
    expect(() => dateValue("yesterday", "dates, row 3")).toThrow(
      "dates, row 3: 'yesterday' is not a date (use a date cell, a serial number or ISO text such as 2024-01-15)"
    );
    expect(() => dateValue(-1, "d")).toThrow(RetainError);
    expect(() => dateValue(true, "d")).toThrow("d: TRUE is not a date");
  });

  test("periods: weeks start on Monday (2024-01-01 is a Monday); months, quarters and years are calendar periods", () => {
    const monday = 45292;
    expect(periodIndex(monday + 6, "week")).toBe(periodIndex(monday, "week"));
    expect(periodIndex(monday - 1, "week")).toBe(periodIndex(monday, "week") - 1);
    expect(periodStartSerial(periodIndex(monday + 3, "week"), "week")).toBe(monday);
    expect(
      periodIndex(dateToSerial(2024, 1, 1), "month") -
        periodIndex(dateToSerial(2023, 12, 31), "month")
    ).toBe(1);
    expect(periodStartSerial(periodIndex(dateToSerial(2024, 5, 17), "quarter"), "quarter")).toBe(
      dateToSerial(2024, 4, 1)
    );
    expect(periodStartSerial(periodIndex(dateToSerial(2024, 5, 17), "year"), "year")).toBe(
      dateToSerial(2024, 1, 1)
    );
  });

  test("property: civil ↔ serial round-trips, and agrees with JavaScript's Date", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const { year, month, day } = serialToDate(serial);
        const viaDate = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
        return (
          dateToSerial(year, month, day) === serial &&
          viaDate.getUTCFullYear() === year &&
          viaDate.getUTCMonth() + 1 === month &&
          viaDate.getUTCDate() === day
        );
      })
    );
  });

  test("property: every date falls in the period that starts at periodStartSerial(periodIndex(date))", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 61, max: 2958465 }),
        fc.constantFrom(...PERIODS),
        (serial, period) => {
          const index = periodIndex(serial, period);
          const start = periodStartSerial(index, period);
          return (
            start <= serial &&
            periodStartSerial(index + 1, period) > serial &&
            periodIndex(start, period) === index
          );
        }
      )
    );
  });
});
