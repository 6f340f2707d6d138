/*
 * The Progress page's controller: keeps the current result in the history when asked
 * (and only then), lists and deletes history entries, and compares two results (two
 * entries, an entry or a file or an older share link against the current answers).
 *
 * Storage: reads the questionnaire's saved answers and reads/writes the history, both
 * through storage.js; a refused write is said, and the list stays as it was stored.
 * Storage refused altogether is said as the self-assessment says it, with what still
 * works. Entries this page cannot read (another version, hand edits) stay in the list
 * as such and in storage until the user deletes them (history.js `items`).
 * Every word comes from the page's JSON (templates/progress.md.j2); content and input
 * go into the page as text only.
 */

import { readImport, readStored, storageKey } from "./answers.js";
import { seriesChart } from "./chart.js";
import { compareResults, historyKey, historyValue, keepResult, readHistory } from "./history.js";
import { answerText, fill, h, levelText, say } from "./report-view.js";
import { noticeList, pageData, readFiles, startPages } from "./page-shell.js";
import { readLinkAnswers } from "./record.js";
import { openStorage } from "./storage.js";

const saved = openStorage("localStorage");
const CURRENT = "current";
const IMPORTED = "imported";

class ProgressPage {
  constructor(root) {
    const { model, text, answerWords } = pageData(root, "template[data-progress-data]", "progress-data");
    this.model = model;
    // The page's words, and those of answers.js's notices (a file or link it reads).
    this.text = { ...answerWords, ...text };
    this.imported = null; // {source, answers}: a file or link to compare with
    this.confirmAll = false;
    this.dates = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
    this.parts = {
      keep: root.querySelector("[data-progress-keep]"),
      notices: root.querySelector("[data-progress-notices]"),
      history: root.querySelector("[data-progress-history]"),
      before: root.querySelector("[data-progress-before]"),
      after: root.querySelector("[data-progress-after]"),
      file: root.querySelector("[data-progress-file]"),
      link: root.querySelector("[data-progress-link]"),
      useLink: root.querySelector("[data-progress-use-link]"),
      compareNotices: root.querySelector("[data-progress-compare-notices]"),
      compare: root.querySelector("[data-progress-compare]"),
    };
    const { keep, history, before, after, file, useLink } = this.parts;
    keep.addEventListener("click", () => this.keep());
    history.addEventListener("click", (event) => {
      const button = event.target.closest?.("button");
      if (button?.dataset.delete !== undefined) this.remove(Number(button.dataset.delete));
      else if (button?.hasAttribute("data-delete-all")) this.removeAll();
    });
    before.addEventListener("change", () => this.drawCompare());
    after.addEventListener("change", () => this.drawCompare());
    file.addEventListener("change", () => this.importFile());
    useLink.addEventListener("click", () => this.useLink());
    this.draw([]);
  }

  say(where, notices) {
    where.replaceChildren(...noticeList(notices, this.text));
  }

  /** The history as stored now (read anew each time: another tab may have changed it). */
  history() {
    const stored = saved.read(historyKey(this.model));
    this.refused = stored.ok ? null : stored.error;
    return readHistory(stored.ok ? stored.value : null, this.model);
  }

  /** Storage refused: what the self-assessment says (the reason), and what still works here. */
  refusedNotice() {
    const reason = typeof this.refused?.name === "string" ? this.refused.name : "?";
    return { kind: "warning", key: "storageBlocked", values: { reason } };
  }

  /** The questionnaire's saved answers, if they are complete. */
  current() {
    const stored = saved.read(storageKey(this.model));
    if (!stored.ok) this.refused = stored.error;
    const { answers } = readStored(stored.ok ? stored.value : null, this.model);
    return this.model.questions.every((q) => Object.hasOwn(answers, q.id)) ? answers : null;
  }

  store(entries, notices) {
    const written = saved.write(historyKey(this.model), historyValue(entries));
    if (!written.ok) notices = [...notices, { kind: "warning", key: "notSaved", values: { reason: written.error?.name ?? "?" } }];
    this.draw(notices);
  }

  keep() {
    const answers = this.current();
    const history = this.history();
    // Storage refused is said by draw (never "answer every question first"); a history
    // that cannot be read at all is not written over.
    if (this.refused) return this.draw([]);
    if (!answers) return this.draw([{ kind: "warning", key: "nothingToKeep", values: {} }]);
    if (history.unreadable) return this.draw([{ kind: "warning", key: "keepUnreadable", values: {} }]);
    const date = new Date();
    const { entries, notices } = keepResult(history.items, answers, this.model, date);
    const last = entries.at(-1);
    this.store(entries, [{ kind: "info", key: "kept", values: { date: this.dates.format(date), total: answerText(this.model, last.total), level: levelText(this.model, last, this.text) } }, ...notices]);
  }

  /** Delete the stored item at `index` (read or not), and only that one. */
  remove(index) {
    const { items } = this.history();
    const gone = items[index];
    if (!gone) return this.draw([]);
    this.store(items.filter((_, i) => i !== index), [{ kind: "info", key: "deleted", values: { date: this.when(gone) } }]);
  }

  /** An item's date as the page writes dates, or a dash when it has none that can be read. */
  when(item) {
    return item.date ? this.dates.format(new Date(item.date)) : "–";
  }

  removeAll() {
    if (!this.confirmAll) {
      this.confirmAll = true;
      return this.draw([]);
    }
    this.confirmAll = false;
    const removed = saved.remove(historyKey(this.model));
    this.draw(removed.ok ? [{ kind: "info", key: "deletedAll", values: {} }] : [{ kind: "warning", key: "notSaved", values: { reason: removed.error?.name ?? "?" } }]);
  }

  importFile() {
    const input = this.parts.file;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    // Huge files are refused before reading, and a file the browser cannot read is said, as on the other pages.
    readFiles([file]).then(([read]) => this.useImported(read.name, read.notice ? { answers: {}, notices: [read.notice] } : readImport(read.text, this.model)));
  }

  useLink() {
    const line = this.parts.link.value.trim();
    this.useImported(line.slice(0, 60), readLinkAnswers(line, this.model));
  }

  useImported(source, read) {
    const answered = this.model.questions.filter((q) => Object.hasOwn(read.answers ?? {}, q.id)).length;
    const problem = (read.notices ?? []).find((n) => n.kind !== "info");
    if (answered < this.model.questions.length || problem) {
      const reason = problem ? say(this.text, problem) : fill(this.text.incomplete, { answered, all: this.model.questions.length });
      this.say(this.parts.compareNotices, [{ kind: "warning", key: "unusable", values: { source, reason } }]);
      // What was compared before is not what the user asked for now: take the earlier
      // import out of the choices and show no comparison until two results are picked.
      this.imported = null;
      this.draw([]);
      this.parts.compare.replaceChildren(h("p", { "data-compare-empty": "", text: this.text.pick }));
      return;
    }
    this.imported = { source, answers: read.answers };
    this.say(this.parts.compareNotices, [{ kind: "info", key: "importedFrom", values: { source } }]);
    this.draw([], { before: IMPORTED, after: CURRENT });
  }

  /** Everything that can be compared: history entries by their index in `items`, the current answers, the imported one. */
  choices(items) {
    const { text } = this;
    const readable = items.map((e, i) => ({ e, i })).filter(({ e }) => !e.unread);
    const list = readable.map(({ e, i }) => ({ value: String(i), label: fill(text.entry, { date: this.dates.format(new Date(e.date)), total: answerText(this.model, e.total), level: levelText(this.model, e, text) }), answers: e.answers }));
    const current = this.current();
    if (current) list.push({ value: CURRENT, label: text.current, answers: current });
    if (this.imported) list.push({ value: IMPORTED, label: `${text.imported}: ${this.imported.source}`, answers: this.imported.answers });
    return list;
  }

  draw(notices, pick = {}) {
    const { items, unreadable, notices: readNotices } = this.history();
    const choices = this.choices(items);
    this.say(this.parts.notices, [...notices, ...(this.refused ? [this.refusedNotice()] : []), ...readNotices]);
    this.drawHistory(items, unreadable);
    this.choicesShown = choices;
    const [before, after] = defaultPair(choices, this.model);
    for (const [select, fallback] of [
      [this.parts.before, pick.before ?? before],
      [this.parts.after, pick.after ?? after],
    ]) {
      const keep = choices.some((c) => c.value === select.value) && !pick.before ? select.value : fallback;
      select.replaceChildren(...choices.map((c) => h("option", { value: c.value, text: c.label })));
      if (keep !== undefined) select.value = keep;
    }
    this.drawCompare();
  }

  drawHistory(entries, unreadable) {
    const { text, model } = this;
    const deleteAll = (confirm) => h("p", {}, h("button", { type: "button", class: "md-button", "data-delete-all": "", text: this.confirmAll ? confirm : text.deleteAll }));
    // A stored history that cannot be read at all is kept until the user deletes it: the one thing offered.
    if (unreadable) return this.parts.history.replaceChildren(deleteAll(text.deleteUnreadableConfirm));
    if (!entries.length) {
      this.parts.history.replaceChildren(h("p", { "data-history-empty": "", text: text.historyEmpty }));
      return;
    }
    const head = h("tr", {}, ...[text.date, text.total, text.level, text.actions].map((t) => h("th", { scope: "col", text: t })));
    const rows = entries.map((e, i) => {
      const when = this.when(e);
      // A result with too many "not applicable" or "don't know" answers has no total or level (scoring.js): a dash.
      // One this page cannot read is kept and said as such, with what it can tell (date, version).
      return h(
        "tr",
        e.unread ? { "data-history-unread": String(i) } : { "data-history-entry": String(i) },
        h("td", { text: when }),
        h("td", { text: e.unread ? "–" : answerText(model, e.total) }),
        h("td", { text: e.unread ? fill(text.unreadEntry, { version: e.version ?? "–" }) : levelText(model, e, text) }),
        h("td", {}, h("button", { type: "button", class: "md-button", "data-delete": String(i), "aria-label": fill(text.deleteLabel, { date: when }), text: text.delete })),
      );
    });
    this.parts.history.replaceChildren(
      h("div", { class: "md-typeset__table" }, h("table", {}, h("thead", {}, head), h("tbody", {}, ...rows))),
      deleteAll(fill(text.deleteAllConfirm, { n: entries.length })),
    );
  }

  drawCompare() {
    const { text, model } = this;
    const find = (value) => this.choicesShown.find((c) => c.value === value);
    const before = find(this.parts.before.value);
    const after = find(this.parts.after.value);
    if (!before || !after || before === after) {
      this.parts.compare.replaceChildren(h("p", { "data-compare-empty": "", text: text.pick }));
      return;
    }
    const diff = compareResults(before.answers, after.answers, model);
    const levelName = (side) => levelText(model, { level: diff.level[side], practical: diff.practical[side] }, text);
    const change = diff.total.after === null || diff.total.before === null ? "–" : diff.total.after - diff.total.before;
    const rows = model.questions.map((q) => ({ label: q.dimension, max: Math.max(...q.options.map((o) => o.points)) }));
    const mark = { up: "↑", down: "↓", same: "=", incomparable: "≠" };
    // Points only: "not applicable" and "don't know" are no points, so nothing is drawn for them (never a 0).
    const points = (answer) => (Number.isInteger(answer) ? answer : null);
    const table = h(
      "table",
      { "data-compare-table": "" },
      h("caption", { text: text.caption }),
      h("thead", {}, h("tr", {}, ...[text.dimension, text.before, text.after, text.changeColumn].map((t) => h("th", { scope: "col", text: t })))),
      h(
        "tbody",
        {},
        ...diff.dimensions.map((d, i) =>
          h("tr", { "data-compare-dimension": d.id, "data-change": d.change }, h("th", { scope: "row", text: rows[i].label }), h("td", { text: answerText(model, d.before) }), h("td", { text: answerText(model, d.after) }), h("td", { text: `${mark[d.change]} ${text[d.change]}` })),
        ),
      ),
    );
    const done = diff.done.length
      ? h("ul", { "data-compare-done": "" }, ...diff.done.map((s) => h("li", {}, h("strong", { text: `${model.questions.find((q) => q.id === s.id).dimension}: ` }), s.text)))
      : h("p", { "data-compare-done": "", text: text.noneDone });
    this.parts.compare.replaceChildren(
      h("p", { "data-compare-total": `${diff.total.before}>${diff.total.after}`, text: fill(text.totalChange, { before: diff.total.before ?? "–", after: diff.total.after ?? "–", change: `${change > 0 ? "+" : ""}${change}` }) }),
      h("p", { "data-compare-level": `${diff.level.before}>${diff.level.after}`, text: fill(text.levelChange, { before: levelName("before"), after: levelName("after") }) }),
      ...seriesChart({
        id: "compare-chart",
        rows,
        series: [
          { name: text.after, shape: "bar", values: diff.dimensions.map((d) => points(d.after)) },
          { name: text.before, shape: "circle", values: diff.dimensions.map((d) => points(d.before)) },
        ],
        title: text.chartTitle,
        description: text.chartDescription,
        // An unscored side in the form's words, as in the table (never a dash or a code); chart.js puts a long one under the track.
        valueLabel: (values, max, i) => {
          const { before, after } = diff.dimensions[i];
          const words = Number.isInteger(before) && Number.isInteger(after) ? text.chartValue : text.chartValueWords;
          return fill(words, { before: answerText(model, before), after: answerText(model, after), max });
        },
      }),
      h("div", { class: "md-typeset__table" }, table),
      h("h3", { text: text.done }),
      done,
    );
  }
}

/** Answers as one text, to tell two results apart. */
const answersText = (answers, model) => JSON.stringify(model.questions.map((q) => answers[q.id]));

/**
 * The comparison shown when none is picked: the newest result against the newest one
 * before it that differs (kept twice, or kept and not changed since, is no comparison);
 * the two newest when all are the same. [before, after] choice values.
 */
function defaultPair(choices, model) {
  const after = choices.at(-1);
  if (!after) return [undefined, undefined];
  const same = answersText(after.answers, model);
  const before = choices.slice(0, -1).findLast((c) => answersText(c.answers, model) !== same) ?? choices.at(-2);
  return [before?.value, after.value];
}

startPages("[data-progress]", (root) => new ProgressPage(root));
