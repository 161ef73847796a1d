/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes untyped cell values (see calculators.ts). */
/**
 * RETAIN analytics on dated data: churn from dates, activity, RFM and referrals (issue 3). Placeholder until written.
 */
export {};
