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
 *
 * The Markdown's words come from `words` (the page's, content/ui.yml), so the checklist is
 * in the page's language. The CSV's header is CSV_COLUMNS, ids that stay the same in every
 * language, so a tracker's import set up once reads a plan made on any of the sites.
 */

import { readingStatus } from "./roadmap.js";
import { fill } from "./words.js";

// "target" and "note" came later: appended, so an import set up by column name or by the first five columns still reads.
export const CSV_COLUMNS = Object.freeze(["dimension", "from", "to", "step", "readings", "target", "note"]);

/** Spreadsheet programs read a CSV as UTF-8 (accents, Japanese) only when it starts with a byte-order mark. */
export const BOM = "\ufeff";

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
const link = (r) => `[${markdownText(r.title)}](${markdownUrl(r.url)})${readingStatus(r) && ` (${markdownText(readingStatus(r))})`}`;

/**
 * The plan as a Markdown checklist. `facts`: {title, lines, date, notes}: a heading,
 * sentences said before the steps (team, date, level, held back, version), the date (a
 * Date) and the notes per dimension ({id: text}), each said under its dimension's first
 * step. `words`: the page's words.
 */
export function planMarkdown(steps, { title, lines, date, notes = {} }, words) {
  const out = [`## ${markdownText(title)}`, "", ...lines.map((line) => `${markdownText(line)}  `), `${date.toISOString().slice(0, 10)}`, ""];
  const noted = new Set();
  for (const s of steps) {
    const note = notes[s.id]?.trim() && !noted.has(s.id) ? [`    - ${fill(words.exportNote, { note: markdownText(notes[s.id]) })}`] : [];
    noted.add(s.id);
    if (s.findOut) {
      out.push(`- [ ] **${fill(words.exportFindOut, { dimension: markdownText(s.dimension) })}** ${markdownText(words.findOutText)}`, `    - ${fill(words.exportWhy, { why: markdownText(s.why) })}`, ...note);
      continue;
    }
    out.push(`- [ ] **${fill(words.exportStep, { dimension: markdownText(s.dimension), range: markdownText(fill(words.stepRange, s)) })}** ${markdownText(s.text)}`);
    out.push(`    - ${fill(words.exportWhy, { why: markdownText(s.why) })}`, ...note);
    if (s.readings.length) out.push(`    - ${fill(words.exportReading, { readings: s.readings.map(link).join(", ") })}`);
  }
  if (!steps.length) out.push(words.exportDone);
  return `${out.join("\n")}\n`;
}

function csvCell(value) {
  const text = String(value).replace(/\r\n?|\n/g, " ");
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The plan as CSV: a byte-order mark, a header of CSV_COLUMNS, then one row per step; a
 * "find out" step (a "don't know" answer) has no from, to or target, and says what to do
 * in the page's words. `targets` ({id: points}) and `notes` ({id: text}) fill the
 * target and note columns.
 */
export function planCsv(steps, words, { targets = {}, notes = {} } = {}) {
  const rows = steps.map((s) => [
    s.dimension,
    s.from ?? "",
    s.to ?? "",
    s.findOut ? words.findOutText : s.text,
    s.readings.map((r) => `${r.title} <${r.url}>${readingStatus(r) && ` (${readingStatus(r)})`}`).join("; "),
    s.findOut ? "" : (targets[s.id] ?? ""),
    notes[s.id]?.trim() ?? "",
  ]);
  return `${BOM}${[CSV_COLUMNS, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
