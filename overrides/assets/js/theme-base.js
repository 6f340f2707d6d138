/*
 * The theme's storage helpers (mkdocs-material's partials/javascripts/base.html), served
 * as a file instead of inline so the site works under `script-src 'self'`. The scope
 * comes from the script tag's data-scope attribute instead of a template string.
 */
/* eslint-disable no-var */
var __md_scope = new URL(document.currentScript.dataset.scope, location);
var __md_hash = (value) => [...value].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
var __md_get = (key, storage = localStorage, scope = __md_scope) => {
  try {
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  } catch (error) {
    return null; // Storage disabled or a value that is not JSON: behave as if nothing was saved.
  }
};
var __md_set = (key, value, storage = localStorage, scope = __md_scope) => {
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Storage full or disabled: the theme works without remembering preferences.
  }
};
