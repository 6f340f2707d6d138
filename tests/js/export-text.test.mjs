// What a user typed (names, notes, team, owners) in every Markdown and CSV export: the plan's
// and the team summary's go through export-text.js alike, so no instance of a hostile string
// becomes a link, an image, HTML, a table cell of its own, a line of its own or a formula.
// The Markdown is rendered with a GFM renderer (marked, which the site's mermaid depends on)
// to see what a tracker would show; the CSV is read back with an RFC 4180 reader.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { marked } from "marked";

import { csvCell, markdownText } from "../../overrides/assets/js/export-text.js";
import { planCsv, planMarkdown } from "../../overrides/assets/js/plan-export.js";
import { teamCsv, teamMarkdown, teamView } from "../../overrides/assets/js/team.js";
import { IDS, MODEL } from "./model-fixture.mjs";
import { GROUPS, WORDS } from "./words.mjs";

// Invented instances of each kind: links (inline, reference, autolink, bare), images, HTML,
// pipes, line breaks, emphasis, headings and list markers, entities, formula prefixes.
export const HOSTILE = [
  "[click](https://evil.example/x)",
  "![tracker pixel](https://evil.example/p.png)",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "<a href='https://evil.example'>x</a>",
  "<https://evil.example>",
  "https://evil.example/login",
  "www.evil.example",
  "mail me: ana@evil.example",
  "[ref]: https://evil.example",
  "a | b | c",
  "line one\nline two\r\n# heading",
  "**bold** _it_ ~~gone~~ `code`",
  "- item",
  "1. first",
  "&lt;b&gt;entity&lt;/b&gt;",
  "=HYPERLINK(\"https://evil.example\",\"x\")",
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A2)",
  "\t=1",
  'quote "inside" it',
];

/** The HTML marked makes of `markdown`, and the elements in it. */
function rendered(markdown) {
  const html = marked.parse(markdown, { gfm: true });
  return { html, tags: new Set([...html.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1])) };
}

/** Text as the rendered HTML shows it: entities decoded, white space as one space. */
const shown = (html) => html.replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");
const oneLine = (text) => text.replace(/\s+/g, " ").trim();

/** RFC 4180: rows of cells (quoted cells may hold commas, quotes and line breaks). */
function readCsv(text) {
  const rows = [[]];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") rows.at(-1).push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") rows.at(-1).push(cell), (cell = ""), rows.push([]), (i += 1);
    else cell += c;
  }
  assert.equal(quoted, false, "every quote closed");
  if (rows.at(-1).length === 0 && cell === "") rows.pop();
  return rows;
}

const TRACKER_TAGS = new Set(["h2", "p", "ul", "ol", "li", "input", "strong", "br", "table", "thead", "tbody", "tr", "th", "td"]);

function assertInert(markdown, strings) {
  const { html, tags } = rendered(markdown);
  assert.deepEqual([...tags].filter((t) => !TRACKER_TAGS.has(t)), [], `only the export's own structure: ${html}`);
  const text = shown(html);
  for (const s of strings) assert.ok(text.includes(oneLine(s)), `shown as written: ${JSON.stringify(s)}`);
}

function assertCsvCells(csv, strings, width) {
  assert.ok(csv.startsWith("\ufeff"));
  const rows = readCsv(csv.slice(1));
  for (const row of rows.filter((r) => r.length > 1)) assert.equal(row.length, width, "no cell spills into another column");
  const cells = rows.flat();
  for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `never a formula: ${JSON.stringify(cell)}`);
  for (const cell of cells) assert.doesNotMatch(cell, /[\r\n]/, "a cell is one line");
  for (const s of strings) {
    const line = s.replace(/\r\n?|\n/g, " ");
    assert.ok(cells.some((c) => c === line || c === `'${line}`), `kept as text: ${JSON.stringify(s)}`);
  }
}

describe("one way to write what a user typed", () => {
  test("markdownText: each hostile instance renders as the same text, and nothing else", () => {
    for (const s of HOSTILE) assertInert(`${markdownText(s)}\n`, [s]);
  });

  test("csvCell: quoted, one line, a formula prefix defused", () => {
    assert.equal(csvCell("=1+1"), `"'=1+1"`);
    assert.equal(csvCell('a "b"\nc'), '"a ""b"" c"');
    assert.equal(csvCell(null), '""');
  });
});

describe("the plan's files", () => {
  const step = (id, i) => ({ id, dimension: `Dim ${id}`, from: 1, to: 2, max: 4, level: 2, text: `step ${id}`, why: `why ${id}`, readings: [], held: false, index: i });
  const steps = IDS.map(step);
  const notes = Object.fromEntries(IDS.map((id, i) => [id, HOSTILE[i % HOSTILE.length]]));
  const extra = HOSTILE.slice(IDS.length);

  test("Markdown: the team, the name, the date line and every note shown as written", () => {
    const facts = { title: HOSTILE[0], lines: [`Team: ${HOSTILE[2]}`, `Name: ${HOSTILE[1]}`, ...extra], date: new Date("2026-11-26T00:00:00Z"), notes };
    assertInert(planMarkdown(steps, facts, WORDS), [HOSTILE[0], HOSTILE[1], HOSTILE[2], ...Object.values(notes), ...extra]);
  });

  test("CSV: every note a cell of its own, never a formula", () => {
    assertCsvCells(planCsv(steps, WORDS, { notes }), Object.values(notes), 7);
  });
});

describe("the team summary's files", () => {
  const file = (n) => ({ kind: "file", source: `m${n}.json`, text: JSON.stringify({ model: "genaiops", version: "1.2.3", n, answers: Object.fromEntries(IDS.map((id, i) => [id, (i + n) % 5])) }) });
  const view = teamView(HOSTILE.map((_, n) => file(n)), MODEL, 2);
  // Members' names as the page labels them when names are shown: "A (name)".
  const labels = view.members.map((m, i) => `${m.label} (${HOSTILE[i]})`);
  const words = { ...GROUPS.answers, ...GROUPS.team, total: GROUPS.team.teamTotal };

  test("the view holds one member per hostile name", () => assert.equal(view.members.length, HOSTILE.length));

  test("Markdown: names shown as written, the table keeps its columns", () => {
    const md = teamMarkdown(view, MODEL, labels, words);
    assertInert(md, labels);
    const { html } = rendered(md);
    const header = html.slice(html.indexOf("<thead>"), html.indexOf("</thead>"));
    assert.equal([...header.matchAll(/<th[ >]/g)].length, 1 + labels.length + 4);
  });

  test("CSV: names a cell each, never a formula", () => {
    assertCsvCells(teamCsv(view, MODEL, labels, words), labels, 1 + labels.length + 4);
  });
});
