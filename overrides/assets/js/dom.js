/*
 * Making DOM nodes from data: the few helpers every view uses (report-view.js, chart.js,
 * the team and progress pages). Text always goes in as text (textContent), never as HTML.
 */

const SVG = "http://www.w3.org/2000/svg";

/** An element with attributes (`text` sets textContent) and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** An SVG element with attributes and, if given, its text. */
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}
