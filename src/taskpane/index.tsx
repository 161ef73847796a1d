/**
 * Task pane entry. Until the scorecard builder lands (issue 4), the pane introduces the
 * RETAIN functions; the shared runtime already hosts them (functions.js is loaded by this page).
 */
function render(root: HTMLElement): void {
  root.innerHTML = `
    <main style="font-family: 'Segoe UI', system-ui, sans-serif; padding: 16px; color: #242424">
      <h1 style="font-size: 20px; font-weight: 600; margin: 0 0 8px">Retain</h1>
      <p style="font-size: 14px; line-height: 20px">
        Retention metrics as Excel functions. Type <code>=RETAIN.</code> in a cell to see them,
        for example <code>=RETAIN.CHURN(62, 1000)</code> or <code>=RETAIN.NPS(B2:B500)</code>.
      </p>
    </main>`;
}

Office.onReady(() => {
  const root = document.getElementById("root");
  if (root) render(root);
});
