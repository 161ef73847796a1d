/**
 * A stand-in for Excel's `CustomFunctions` global, as the custom-functions runtime provides it
 * (CustomFunctionsRuntime 1.3): an `Error` class carrying an error code and an optional
 * message, and an `associate` registry. Used by every Jest test and by the bare-`vm` test.
 */
export class FakeCustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.code = code;
  }
}

export function makeCustomFunctionsHost(): {
  Error: typeof FakeCustomFunctionsError;
  ErrorCode: Record<string, string>;
  associate: (id: string | Record<string, unknown>, fn?: unknown) => void;
  registered: Map<string, unknown>;
} {
  const registered = new Map<string, unknown>();
  return {
    Error: FakeCustomFunctionsError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
    },
    associate(id, fn) {
      if (typeof id === "string") registered.set(id, fn);
      else for (const [key, value] of Object.entries(id)) registered.set(key, value);
    },
    registered,
  };
}

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = makeCustomFunctionsHost();
