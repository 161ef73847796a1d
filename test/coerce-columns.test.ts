/**
 * The aligned column readers of src/functions/coerce.ts used by the analytics functions:
 * dateColumn, numberColumn, flagColumn, idIndexColumn, flatCells/flatPosition, skipBlankPair.
 * Expected values are worked by hand in each test; the id interning is checked against the
 * foundation's idKey rule (ids compare as trimmed, case-insensitive text) by property tests.
 */
import fc from "fast-check";
import {
  BLANK_FLAG,
  dateColumn,
  flagColumn,
  flatCells,
  flatPosition,
  idIndexColumn,
  idKey,
  numberColumn,
  skipBlankPair,
} from "../src/functions/coerce";
import { RetainError } from "../src/core/errors";
import { columnOf as column } from "./support/excel";

function thrown(run: () => unknown): RetainError {
  try {
    run();
  } catch (error) {
    return error as RetainError;
  }
  throw new Error("expected an error");
}

describe("dateColumn", () => {
  test("serials, ISO text and blanks (NaN), row by row", () => {
    // 2024-01-15 = 45292 + 14 = 45306; 12:00 is half a day.
    const out = dateColumn(
      column([45292, null, "2024-01-15", "", "2024-01-15T12:00", "  "]),
      "dates"
    );
    expect(Array.from(out)).toEqual([45292, NaN, 45306, NaN, 45306.5, NaN]);
  });

  test("the same text parsed once per distinct value still gives every row its serial", () => {
    const texts = ["2024-02-29", "2024-03-01", "2024-02-29"];
    expect(Array.from(dateColumn(column(texts), "d"))).toEqual([45351, 45352, 45351]);
  });

  test("bad cells name their position in a column, a row and a block", () => {
    expect(thrown(() => dateColumn(column([45292, "soon"]), "dates")).message).toMatch(
      /^dates, row 2: 'soon' is not a date/
    );
    expect(thrown(() => dateColumn([[45292, true]], "dates")).message).toMatch(
      /^dates, column 2: TRUE is not a date/
    );
    expect(
      thrown(() =>
        dateColumn(
          [
            [1, 2],
            [3, -4],
          ],
          "dates"
        )
      ).message
    ).toMatch(/^dates, row 2, column 2: -4 is not a date/);
    expect(thrown(() => dateColumn(column([{ errorCode: "#REF!" }]), "dates")).message).toBe(
      "dates, row 1 holds the error #REF!"
    );
  });

  test("a column that turns out ragged is read row by row from the start", () => {
    // Rows [1], [2], [3, 4]: not a column, so the cells in order are 1, 2, 3, 4.
    expect(Array.from(dateColumn([[1], [2], [3, 4]], "d"))).toEqual([1, 2, 3, 4]);
    expect(thrown(() => dateColumn([[1], [2], [3, "x"]], "d")).message).toMatch(
      /^d, row 3, column 2: 'x' is not a date/
    );
  });
});

describe("numberColumn and flagColumn", () => {
  test("numbers: numeric text counts, blanks are NaN, text is an error naming the row", () => {
    expect(Array.from(numberColumn(column([3, "", " 4.5 ", "50%", null]), "n"))).toEqual([
      3,
      NaN,
      4.5,
      0.5,
      NaN,
    ]);
    expect(thrown(() => numberColumn(column([1, "ten"]), "durations")).message).toBe(
      "durations, row 2: 'ten' is not a number"
    );
  });

  test("flags: 1/0, TRUE/FALSE and their text; blank is BLANK_FLAG", () => {
    const out = flagColumn(
      column([1, 0, true, false, "TRUE", " false ", "1", "0", null, ""]),
      "churned"
    );
    expect(Array.from(out)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, BLANK_FLAG, BLANK_FLAG]);
    expect(thrown(() => flagColumn(column([1, "yes"]), "churned")).message).toBe(
      "churned, row 2: 'yes' is not 1/0 or TRUE/FALSE"
    );
  });
});

describe("flatCells, flatPosition and skipBlankPair", () => {
  test("cells row by row with blanks kept; positions as positionOf phrases them", () => {
    expect(flatCells([[1], [null], [3]])).toEqual([1, null, 3]);
    expect(
      flatCells([
        [1, 2],
        [3, 4],
      ])
    ).toEqual([1, 2, 3, 4]);
    expect(flatCells(7)).toEqual([7]);
    expect(flatPosition([[1], [2], [3]], "ids", 2)).toBe("ids, row 3");
    expect(
      flatPosition(
        [
          [1, 2],
          [3, 4],
        ],
        "ids",
        3
      )
    ).toBe("ids, row 2, column 2");
  });

  test("skipBlankPair: both blank skips, both filled keeps, one blank names the row", () => {
    expect(skipBlankPair(0, "ids", true, "dates", true)).toBe(true);
    expect(skipBlankPair(0, "ids", false, "dates", false)).toBe(false);
    expect(thrown(() => skipBlankPair(6, "ids", false, "dates", true)).message).toBe(
      "row 7: dates is blank but ids is not; fill both or leave both blank"
    );
  });
});

describe("idIndexColumn", () => {
  test("hand-worked: one id per idKey, numbered in order of first appearance", () => {
    // "C000123", " c000123 " and "c000123" share the key "c000123"; 12 and "12" share "12";
    // "C123" is a different text from "C000123", so a different id.
    const ids = idIndexColumn(
      column(["C000123", 12, " c000123 ", null, "12", "C123", "c000123", "", "Ann"]),
      "ids"
    );
    expect(Array.from(ids.indexOfRow)).toEqual([0, 1, 0, -1, 1, 2, 0, -1, 3]);
    expect(ids.count).toBe(4);
    expect(ids.labels).toEqual(["C000123", 12, "C123", "Ann"]);
    expect(ids.keys).toEqual(["c000123", "12", "c123", "ann"]);
  });

  test("leading zeros keep ids apart whichever shape the first text id has", () => {
    // First id "C7" (no leading zero): "C07" and "C007" are other texts, so other ids.
    expect(
      Array.from(idIndexColumn(column(["C7", "C07", "c7", "C007"]), "ids").indexOfRow)
    ).toEqual([0, 1, 0, 2]);
    // First id "C007" (fixed width 3): "C7" and "C07" are other ids; "c007" is the same.
    expect(
      Array.from(idIndexColumn(column(["C007", "C7", "C07", "c007"]), "ids").indexOfRow)
    ).toEqual([0, 1, 2, 0]);
  });

  test("error cells are passed on, naming the position", () => {
    expect(thrown(() => idIndexColumn(column(["a", { errorCode: "#N/A" }]), "ids"))).toMatchObject({
      kind: "#N/A",
      message: "ids, row 2 holds the error #N/A",
    });
  });

  // Ids drawn to hit every lookup: shaped text (prefix + digits, any case, leading zeros or
  // not, padded with spaces), whole numbers and their text, other numbers, other text, blanks.
  const prefix = fc.constantFrom("C", "c", "cust-", "CUST-", "K", "\u212a", "x y", "");
  // Small values in several zero-paddings ("7", "07", "007") so that ids differing only in
  // leading zeros meet often, plus long digit runs.
  const digits = fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 4 }))
      .map(([value, width]) => String(value).padStart(width, "0")),
    fc.stringMatching(/^[0-9]{5,10}$/)
  );
  const shaped = fc
    .tuple(prefix, digits, fc.constantFrom("", " ", "  "), fc.constantFrom("", " "))
    .map(([p, d, before, after]) => `${before}${p}${d}${after}`);
  const cell = fc.oneof(
    { arbitrary: shaped, weight: 5 },
    { arbitrary: fc.integer({ min: 0, max: 300 }), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 300 }).map(String), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        12.5,
        -3,
        1e12,
        "12.50",
        "007",
        "Ann",
        "ANN ",
        "ß",
        "SS",
        true,
        "TRUE",
        null,
        "",
        " "
      ),
      weight: 1,
    }
  );

  test("property: two cells get the same id exactly when their idKeys are equal (blanks −1)", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 20, maxLength: 80 }), (values) => {
        const { indexOfRow, keys } = idIndexColumn(column(values), "ids");
        values.forEach((value, i) => {
          const blank = value === null || (typeof value === "string" && value.trim() === "");
          if (blank) expect(indexOfRow[i]).toBe(-1);
          else expect(keys[indexOfRow[i]]).toBe(idKey(value));
        });
        // Distinct keys get distinct ids.
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 400 }
    );
  });

  test("property: a 1-row range and a column give the same ids", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 30 }), (values) => {
        expect(Array.from(idIndexColumn([values], "ids").indexOfRow)).toEqual(
          Array.from(idIndexColumn(column(values), "ids").indexOfRow)
        );
      })
    );
  });
});
