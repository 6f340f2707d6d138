/*
 * Keeps whatever gets the focus clear of the self-assessment's sticky status bar.
 *
 * The bar sits at the bottom of the screen while the questions scroll under it, and its
 * height changes: a line more in another language, on a narrower screen, or with the
 * list of questions still to answer. Two guards, as browsers differ:
 * - the page's scroll padding (assessment.css) comes from --assessment-status-height,
 *   which this keeps at the bar's height, for the scrolling browsers do themselves;
 * - Chromium does not scroll a focused element that is on screen but under the bar, so
 *   when the focus lands on one (a note box reached with Tab), the page scrolls up by
 *   what the bar covers.
 */

/** Keep the focus under `root` clear of its status bar `bar`. */
export function keepClearOf(root, bar) {
  if (!bar) return;
  const page = document.documentElement;
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      if (bar.isConnected) page.style.setProperty("--assessment-status-height", `${Math.ceil(bar.getBoundingClientRect().height)}px`);
    }).observe(bar);
  }
  root.addEventListener("focusin", (event) => {
    const target = event.target;
    if (bar.contains(target) || !target.getBoundingClientRect) return;
    const box = target.getBoundingClientRect();
    const top = bar.getBoundingClientRect().top;
    // Covered, and there is room above: the bar's top is below the element's top.
    const covered = box.bottom - top;
    if (bar.offsetHeight && covered > 0 && box.top < top) window.scrollBy({ top: Math.min(covered + 8, box.top), behavior: "instant" });
  });
}
