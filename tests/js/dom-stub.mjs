// A stand-in for the few DOM calls the site's view modules make (createElement,
// createElementNS, setAttribute, append, textContent), so their output can be checked under
// node without a browser or an npm package. Not a test file: the *.test.mjs files use it.
//
// Text stays text: `markup` escapes it, so a test can tell text from elements exactly as
// a browser would keep them apart.

const HTML = "http://www.w3.org/1999/xhtml";

class Text {
  constructor(data) {
    this.data = data;
  }

  get textContent() {
    return this.data;
  }
}

class Element {
  constructor(namespaceURI, tagName) {
    this.namespaceURI = namespaceURI;
    this.tagName = tagName;
    this.attributes = new Map();
    this.childNodes = [];
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.get(name) ?? null;
  }

  append(...nodes) {
    for (const node of nodes) this.childNodes.push(typeof node === "string" ? new Text(node) : node);
  }

  get textContent() {
    return this.childNodes.map((n) => n.textContent).join("");
  }

  set textContent(value) {
    this.childNodes = value === "" ? [] : [new Text(String(value))];
  }

  get children() {
    return this.childNodes.filter((n) => n instanceof Element);
  }
}

/** Installs the stand-in as `globalThis.document` (the view modules look it up per call). */
export function installDocument() {
  globalThis.document = {
    createElement: (tag) => new Element(HTML, tag),
    createElementNS: (namespaceURI, tag) => new Element(namespaceURI, tag),
  };
}

const escapeText = (text) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The node as HTML text, attributes in the order they were set. */
export function markup(node) {
  if (node instanceof Text) return escapeText(node.data);
  const attrs = [...node.attributes].map(([name, value]) => ` ${name}="${escapeText(value).replaceAll('"', "&quot;")}"`).join("");
  return `<${node.tagName}${attrs}>${node.childNodes.map(markup).join("")}</${node.tagName}>`;
}

/** Every element in `nodes` and below them, in document order, that `test` accepts. */
export function findAll(nodes, test) {
  const found = [];
  const walk = (node) => {
    if (!(node instanceof Element)) return;
    if (test(node)) found.push(node);
    node.childNodes.forEach(walk);
  };
  [].concat(nodes).forEach(walk);
  return found;
}

/** Elements by tag name and, optionally, one class they carry. */
export const select = (nodes, tag, cls) =>
  findAll(nodes, (n) => n.tagName === tag && (!cls || (n.getAttribute("class") ?? "").split(" ").includes(cls)));
