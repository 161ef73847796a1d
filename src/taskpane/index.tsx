/**
 * Task pane entry: once Office is ready, render the pane against the workbook.
 * This page also loads functions.js (shared runtime), so the RETAIN functions run here too.
 */
import { createRoot } from "react-dom/client";
import { createOfficeScorecardService } from "../scorecard/office/service";
import { App } from "./App";

Office.onReady(() => {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<App service={createOfficeScorecardService()} />);
});
