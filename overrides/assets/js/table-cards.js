/*
 * Lets wide tables become cards on narrow screens.
 *
 * On a phone, a table of four columns is wider than the screen. site.css then lays each
 * row out as a card, one cell under the other, and writes the column's name before each
 * cell from its `data-label`. This script copies each column header's text into
 * `data-label` on that column's cells; without it (no JavaScript) the table keeps its
 * columns and scrolls sideways, as the theme does by default.
 * Works with instant navigation: it watches the document, not a single page load.
 * Only text is copied (textContent into an attribute); nothing is parsed as HTML.
 */
(() => {
  const DONE = "data-cards";

  function label(table) {
    // A table whose point is comparing across its rows (the team's members) keeps its columns and scrolls.
    if (table.hasAttribute(DONE) || table.hasAttribute("data-no-cards")) return;
    const headers = [...table.querySelectorAll(":scope > thead > tr > th")].map((th) => th.textContent.trim());
    if (!headers.length) return;
    table.setAttribute(DONE, "");
    for (const row of table.querySelectorAll(":scope > tbody > tr")) {
      [...row.children].forEach((cell, i) => {
        if (headers[i]) cell.setAttribute("data-label", headers[i]);
      });
    }
  }

  const scan = () => document.querySelectorAll(".md-typeset__table > table").forEach(label);
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
})();
