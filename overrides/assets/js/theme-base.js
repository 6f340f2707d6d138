/*
 * The theme's storage helpers (mkdocs-material's partials/javascripts/base.html), served
 * as a file instead of inline so the site works under `script-src 'self'`. The scope
 * comes from the script tag's data-scope attribute instead of a template string.
 *
 * This is the classic-script twin of storage.js (it must run before the theme's bundle
 * and theme-palette.js, so it cannot be a module); the two are the only files of the
 * site that touch Web Storage (tests/js/storage.test.mjs checks that).
 *
 * Invariants:
 *   - __md_get and __md_set never throw: not when reading `window.localStorage` itself
 *     throws (blocked storage), nor when getItem/setItem throw, nor on any saved text.
 *     The storage area is looked up when called, inside the try, never as a default
 *     parameter (a default parameter is evaluated outside the function's try).
 *   - __md_get returns null ("nothing saved") unless the saved value has the shape the
 *     theme's own code expects for that key (SHAPES below): the palette code in the
 *     theme's bundle and in theme-palette.js trusts what it gets, and an odd value (an
 *     index that is not a number, a color key that is not an attribute name) made it
 *     throw and left the palette toggle dead. Keys not listed are returned as parsed.
 *   - The theme's bundle names `sessionStorage` itself when it calls these helpers for
 *     the version selector and the repository facts; this site uses neither.
 */
/* eslint-disable no-var */
var __md_scope = new URL(document.currentScript.dataset.scope, location);
var __md_hash = (value) => [...value].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
var [__md_get, __md_set] = (() => {
  const record = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  const COLOR = ["media", "scheme", "primary", "accent"];
  const SHAPES = {
    // {index, color: {media, scheme, primary, accent}} as the bundle's palette toggle saves it.
    __palette: (value) =>
      record(value) &&
      Number.isInteger(value.index) &&
      value.index >= 0 &&
      record(value.color) &&
      Object.entries(value.color).every(([key, text]) => COLOR.includes(key) && typeof text === "string" && text.length <= 100),
    __tabs: (value) => Array.isArray(value) && value.every((label) => typeof label === "string"),
    __announce: (value) => Number.isInteger(value),
    __outdated: (value) => typeof value === "boolean",
    __consent: record,
    __source: record,
  };
  // The storage to use: the one given, else this window's localStorage (may throw).
  const areaOf = (storage) => (storage === undefined ? window.localStorage : storage);
  const get = (key, storage, scope = __md_scope) => {
    try {
      const value = JSON.parse(areaOf(storage).getItem(scope.pathname + "." + key));
      return !Object.hasOwn(SHAPES, key) || SHAPES[key](value) ? value : null;
    } catch (error) {
      // Storage refused or a value that is not JSON: behave as if nothing was saved.
      return null;
    }
  };
  // Returns whether the value was saved (the theme ignores it; tests read it).
  const set = (key, value, storage, scope = __md_scope) => {
    try {
      areaOf(storage).setItem(scope.pathname + "." + key, JSON.stringify(value));
      return true;
    } catch (error) {
      // Storage full, refused or blocked: the theme works without remembering preferences.
      return false;
    }
  };
  return [get, set];
})();
