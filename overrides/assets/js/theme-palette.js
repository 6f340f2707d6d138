/*
 * Restore the reader's chosen color scheme before the page paints: mkdocs-material's
 * partials/javascripts/palette.html, served as a file for `script-src 'self'`.
 *
 * Invariant: never throws. __md_get (theme-base.js) hands over only a palette of the
 * saved shape ({index, color} with color keys media/scheme/primary/accent and string
 * values) or null; a palette that follows the system scheme but finds no matching
 * toggle on the page is left alone (the theme's default scheme shows).
 */
(() => {
  const palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  const color = { ...palette.color };
  if (color.media === "(prefers-color-scheme)") {
    const light = matchMedia("(prefers-color-scheme: light)").matches;
    const input = document.querySelector(
      light ? "[data-md-color-media='(prefers-color-scheme: light)']" : "[data-md-color-media='(prefers-color-scheme: dark)']",
    );
    if (!input) return;
    for (const key of ["media", "scheme", "primary", "accent"]) color[key] = input.getAttribute("data-md-color-" + key);
  }
  for (const [key, value] of Object.entries(color)) {
    if (value !== null) document.body.setAttribute("data-md-color-" + key, value);
  }
})();
