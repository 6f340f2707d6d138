/*
 * The plan as files: a Markdown checklist that pastes into a GitHub issue, and CSV for a
 * spreadsheet or a tracker's import. Pure: steps (roadmap.js) and plain facts in, text
 * out; the date is passed in.
 *
 * Invariants: content is text in both. In Markdown every character that could start
 * markup is escaped with a backslash and line breaks become spaces, so a title or an
 * option cannot add a link, an image or HTML; link addresses are the model's https
 * ones, with parentheses and spaces percent-encoded. In CSV (RFC 4180, CRLF) every cell
 * is quoted, and a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * first) starts with an apostrophe.
 */

export const CSV_COLUMNS = Object.freeze(["dimension", "from", "to", "step", "readings"]);

/** Text that Markdown shows as written, on one line. */
export function markdownText(text) {
  return String(text)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_{}[\]()<>#|~!&]/g, "\\$&")
    .replace(/^[-+=]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

const markdownUrl = (url) => String(url).replace(/[\s()<>]/g, (c) => encodeURIComponent(c).replace("(", "%28").replace(")", "%29"));
const link = (r) => `[${markdownText(r.title)}](${markdownUrl(r.url)})`;

/**
 * The plan as a Markdown checklist. `facts`: {title, lines, date}: a heading, sentences
 * said before the steps (level, held back, version), and the date (a Date).
 */
export function planMarkdown(steps, { title, lines, date }) {
  const out = [`## ${markdownText(title)}`, "", ...lines.map((line) => `${markdownText(line)}  `), `${date.toISOString().slice(0, 10)}`, ""];
  for (const s of steps) {
    out.push(`- [ ] **${markdownText(s.dimension)}: ${s.from} → ${s.to} of ${s.max}.** ${markdownText(s.text)}`);
    out.push(`    - Why: ${markdownText(s.why)}`);
    if (s.readings.length) out.push(`    - Reading: ${s.readings.map(link).join(", ")}`);
  }
  if (!steps.length) out.push("Every dimension is at its target.");
  return `${out.join("\n")}\n`;
}

function csvCell(value) {
  const text = String(value).replace(/\r\n?|\n/g, " ");
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The plan as CSV: a header of CSV_COLUMNS, then one row per step. */
export function planCsv(steps) {
  const rows = steps.map((s) => [s.dimension, s.from, s.to, s.text, s.readings.map((r) => `${r.title} <${r.url}>`).join("; ")]);
  return `${[CSV_COLUMNS, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
