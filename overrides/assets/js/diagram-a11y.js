/*
 * Gives every mermaid diagram an accessible name.
 *
 * mkdocs-material draws a diagram into a closed shadow root on a new <div class="mermaid">
 * that replaces the page's <pre class="mermaid">, so the page's markup cannot label it.
 * This script labels the host element once it appears: role="img" (the SVG inside is
 * not meaningful to read node by node; each diagram on this site has a text equivalent
 * next to it) and a name taken from the heading above the diagram.
 * Works with instant navigation: it watches the document, not a single page load.
 * Its words are its <script> element's data-label and data-label-named ({heading}), from
 * content/ui.yml (common.diagram, common.diagram_named) through overrides/main.html.
 */
(() => {
  const DONE = "data-diagram-labeled";
  const words = document.currentScript?.dataset ?? {};

  function headingText(heading) {
    return [...heading.childNodes]
      .filter((node) => !(node.classList && node.classList.contains("headerlink")))
      .map((node) => node.textContent)
      .join("")
      .trim();
  }

  // The nearest heading before the element, looking outwards through wrapping blocks.
  function precedingHeading(element) {
    for (let start = element; start && start.tagName !== "ARTICLE"; start = start.parentElement) {
      for (let node = start.previousElementSibling; node; node = node.previousElementSibling) {
        if (/^H[1-6]$/.test(node.tagName)) return headingText(node);
      }
    }
    return "";
  }

  function label(host) {
    if (host.hasAttribute(DONE)) return;
    host.setAttribute(DONE, "");
    const heading = precedingHeading(host);
    host.setAttribute("role", "img");
    const named = heading && words.labelNamed ? words.labelNamed.replace("{heading}", () => heading) : "";
    host.setAttribute("aria-label", named || words.label || heading);
  }

  const scan = () => document.querySelectorAll("div.mermaid").forEach(label);
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
})();
