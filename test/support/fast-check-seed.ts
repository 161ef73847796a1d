/**
 * One fixed fast-check seed for every property test, so that `npm test` (and CI) is
 * reproducible: a failure seen once is seen again. Set FC_SEED to explore other seeds locally,
 * e.g. `FC_SEED=$RANDOM npx jest test/survival.test.ts`.
 */
import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261204) });
