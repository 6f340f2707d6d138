/*
 * Keeps a change of the address's fragment alone the page's own: a share link pasted
 * into the address bar of the page that shows it, or an anchor followed.
 *
 * The theme's instant navigation takes the first history change of a page load for a
 * new page (its stream of locations has no earlier value to compare the path with), so
 * it fetched the same page again and swapped it in, and the swap threw away what the
 * page's module had just done with the link: its notices. The page modules listen for
 * `hashchange` themselves, and the browser scrolls to an anchor by itself.
 *
 * A classic script in <head> (overrides/main.html), so its listener is added before the
 * theme's and runs first: that is what lets it stop the event.
 */
(() => {
  const here = () => location.pathname + location.search;
  let shown = here();
  window.addEventListener("popstate", (event) => {
    if (here() === shown) event.stopImmediatePropagation();
  });
  // The theme's bundle (end of <body>) has run by now; after an instant navigation the
  // page shown is the new one.
  document.addEventListener("DOMContentLoaded", () => {
    const documents = window.document$;
    if (typeof documents?.subscribe === "function") documents.subscribe(() => (shown = here()));
  });
})();
