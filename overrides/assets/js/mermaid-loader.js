/*
 * Serve mermaid from this site, and only to pages that draw a diagram.
 *
 * mkdocs-material renders `pre.mermaid` blocks with the global `mermaid`, and fetches
 * it from a CDN when there is none. This small stand-in is that global: the first time
 * the theme calls `render` (only pages with a diagram do), it loads the site's own copy
 * of mermaid, hands over the theme's settings, and from then on the real one is used.
 * Works with instant navigation, where a page's own <head> scripts are not re-run.
 */
(() => {
  const source = new URL("../vendor/mermaid.min.js", document.currentScript.src).href;
  let settings = {};
  let loading = null;

  function load() {
    loading ??= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = source;
      script.onload = () => {
        window.mermaid.initialize(settings);
        resolve(window.mermaid);
      };
      script.onerror = () => reject(new Error(`mermaid could not be loaded from ${source}`));
      document.head.append(script);
    });
    return loading;
  }

  window.mermaid = {
    initialize(options) {
      settings = options;
    },
    render(id, text) {
      return load().then((mermaid) => mermaid.render(id, text));
    },
  };
})();
