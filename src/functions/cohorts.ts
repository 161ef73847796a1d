/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes untyped cell values (see calculators.ts). */
/**
 * RETAIN analytics on dated data: cohorts and survival (issue 3). Placeholder until written.
 */
export {};
