/*
 * The plan as files: a Markdown checklist that pastes into a GitHub issue, and CSV for a
 * spreadsheet or a tracker's import. Pure: steps (roadmap.js) and plain facts in, text
 * out; the date is passed in.
 *
 * Invariants: content is text in both, written by export-text.js (the one way every
 * export of the site writes what a user typed or the content says): in Markdown nothing
 * becomes a link, an image or HTML; in CSV nothing becomes a formula.
 *
 * Every word comes from `words` (the page's, content/ui.yml), so the checklist and the
 * CSV's header are in the page's language. The columns keep their order (CSV_COLUMNS, the
 * same in every language, appended to only), so a tracker's import set up by column
 * position reads a plan made on any of the sites; machines that want names read the
 * answers file (JSON), which is the same in every language.
 */

import { readingStatus } from "./roadmap.js";
import { csvFile, markdownText, markdownUrl } from "./export-text.js";
import { fill } from "./words.js";

export { markdownText } from "./export-text.js";

// "target" and "note" came later: appended, so an import set up by the first five columns still reads.
// Each column's id and the word that heads it (ui.yml's assessment.script), in the page's language.
const CSV_HEADERS = Object.freeze({
  dimension: "column_dimension",
  from: "column_from",
  to: "column_to",
  step: "column_step",
  readings: "column_readings",
  target: "column_target",
  note: "column_note",
});
export const CSV_COLUMNS = Object.freeze(Object.keys(CSV_HEADERS));

/**
 * A reading as a file says it: the title, the address, and a retiring reading's status
 * after a dash (never in nested parentheses), its closing full stop left out: readings
 * are listed with commas (Markdown) or semicolons (CSV), and "instead.;" read badly.
 */
const statusOf = (r) => readingStatus(r).replace(/[.。．]\s*$/u, "");
const dashed = (text) => (text ? ` – ${text}` : "");
const status = (r) => dashed(statusOf(r));
const link = (r) => `[${markdownText(r.title)}](${markdownUrl(r.url)})${dashed(markdownText(statusOf(r)))}`;

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

/**
 * The plan as CSV: a byte-order mark, a header of CSV_COLUMNS in the page's words, then one row per step; a
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
    s.readings.map((r) => `${r.title} <${r.url}>${status(r)}`).join("; "),
    s.findOut ? "" : (targets[s.id] ?? ""),
    notes[s.id]?.trim() ?? "",
  ]);
  return csvFile([CSV_COLUMNS.map((id) => words[CSV_HEADERS[id]]), ...rows]);
}
