/*
 * Serve mermaid from this site, only to pages that draw a diagram, and only once the
 * diagram is about to scroll into view.
 *
 * mkdocs-material renders `pre.mermaid` blocks with the global `mermaid`, and fetches
 * it from a CDN when there is none. This small stand-in is that global: when the theme
 * calls `render` (only pages with a diagram do), it waits until a diagram is near the
 * viewport, loads the site's own copy of mermaid (about 1 MB gzipped, most of the
 * page's main-thread work), hands over the theme's settings, and from then on the real
 * one is used. Works with instant navigation, where a page's own <head> scripts are not re-run.
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

  // Resolves once any diagram waiting to be drawn is within a screen of the viewport.
  function nearViewport() {
    const waiting = document.querySelectorAll("pre.mermaid");
    if (!waiting.length || !("IntersectionObserver" in window)) return Promise.resolve();
    return new Promise((resolve) => {
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) {
            observer.disconnect();
            resolve();
          }
        },
        { rootMargin: "100% 0px" },
      );
      waiting.forEach((element) => observer.observe(element));
    });
  }

  window.mermaid = {
    initialize(options) {
      settings = options;
    },
    render(id, text) {
      return nearViewport()
        .then(load)
        .then((mermaid) => mermaid.render(id, text));
    },
  };
})();
