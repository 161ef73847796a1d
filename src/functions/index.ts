/**
 * The custom-functions bundle (dist/functions.js). It must run with `CustomFunctions` as its
 * only host global (no window, document or Office), because Excel may load it in its
 * JavaScript-only custom-functions runtime as well as in the shared task-pane runtime.
 * custom-functions-metadata-plugin appends the `CustomFunctions.associate` calls to each
 * file listed in webpack.config.js `functionFiles`.
 */
export * from "./calculators";
export * from "./cohorts";
export * from "./activity";
