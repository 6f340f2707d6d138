/*
 * Loads a page's own module only on the page that needs it, so other pages do not fetch
 * the self-assessment's, the team view's or the progress page's code. On every page view (instant navigation
 * included) it looks for each module's root element and imports that module once; the
 * module then binds its page itself, now and on later views. A page loaded whole also
 * names its module in a script tag (overrides/main.html), so it runs before the load
 * event; importing it here too is harmless (a module runs once).
 */

const MODULES = { "[data-assessment]": "./assessment.js", "[data-team]": "./team-page.js", "[data-progress]": "./progress-page.js" };

function load() {
  for (const [selector, path] of Object.entries(MODULES)) {
    if (document.querySelector(selector)) import(path);
  }
}

const documents = window.document$;
if (typeof documents?.subscribe === "function") documents.subscribe(load);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load, { once: true });
else load();
