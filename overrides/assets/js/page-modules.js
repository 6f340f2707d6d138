/*
 * Loads a page's own module only on the page that needs it, so other pages do not fetch
 * the self-assessment's, the team view's or the progress page's code. On every page view
 * (instant navigation included) it imports the module the page's root element names
 * (`data-page-module`, written from generator/pages.py GENERATED_PAGES, the one list of
 * pages); the module then binds its page itself, now and on later views. A page loaded
 * whole also names its module in a script tag (overrides/main.html), so it runs before
 * the load event; importing it here too is harmless (a module runs once).
 */

/** A file beside this one: never a path or an address. */
const MODULE_NAME = /^[a-z][a-z-]*\.js$/;

function load() {
  for (const root of document.querySelectorAll("[data-page-module]")) {
    const name = root.getAttribute("data-page-module");
    if (MODULE_NAME.test(name)) import(`./${name}`);
  }
}

const documents = window.document$;
if (typeof documents?.subscribe === "function") documents.subscribe(load);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load, { once: true });
else load();
