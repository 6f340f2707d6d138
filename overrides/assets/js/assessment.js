/*
 * The self-assessment page: connects the questionnaire in the page's HTML (generated
 * from content/questions.yml) to scoring.js and answers.js. Holds no content of its
 * own: questions, options, levels and references come from the page.
 *
 * - Every change is saved in this browser (localStorage, only through storage.js) and
 *   scored at once: [data-result] says
 *   "n of 7 answered", or the total and level (and carries data-score, data-level).
 * - A share link's fragment wins over the saved answers; it is then removed from the
 *   address (the answers are saved, so a reload shows the same result).
 * - Several tabs or windows share one saved copy, and the newest saved answers win
 *   everywhere, announced, never merged: when another tab saves or clears the answers
 *   (the `storage` event), this page shows them at once with a notice. No tab ever
 *   overwrites a saved copy it has not seen: before saving a change, the page reads the
 *   saved copy again, and if it is not the one this page last read or wrote (an event
 *   missed while the tab slept), it shows the newer saved answers instead and says the
 *   change was not saved. Only deliberate replacements (a share link, an import, Reset)
 *   write over whatever is saved.
 * - Runs on every page view with mkdocs-material's instant navigation (document$) or
 *   without it, and binds each [data-assessment] element once.
 * - Content goes into the page as text nodes only (textContent, append), never as HTML.
 */

import { score } from "./scoring.js";
import {
  answeredCount,
  checkEntries,
  exportRecord,
  fileSizeNotice,
  fragmentOf,
  readFragment,
  readImport,
  readStored,
  storageKey,
  storedValue,
} from "./answers.js";
import { openStorage } from "./storage.js";

const SVG = "http://www.w3.org/2000/svg";
const bound = new WeakSet();
const saved = openStorage("localStorage");

/** An element with attributes (`text` sets textContent) and children (strings become text). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function readModel(root) {
  const holder = root.querySelector("template[data-assessment-data]");
  const script = holder?.content.getElementById("assessment-data") ?? document.getElementById("assessment-data");
  if (!script) throw new Error("the page holds no assessment data");
  return JSON.parse(script.textContent);
}

function init(root) {
  const parts = {
    form: root.querySelector("[data-assessment-form]"),
    status: root.querySelector("[data-result]"),
    report: root.querySelector("[data-report]"),
    body: root.querySelector("[data-report-body]"),
    notices: root.querySelector("[data-notices]"),
    share: root.querySelector("[data-share-url]"),
    copied: root.querySelector("[data-copy-status]"),
    tools: root.querySelector("[data-tools]"),
    file: root.querySelector("[data-import]"),
  };
  let model;
  try {
    model = readModel(root);
  } catch (err) {
    parts.notices.append(h("p", { class: "assessment__notice assessment__notice--warning", text: `The questionnaire could not start: ${err.message}.` }));
    return null;
  }
  const page = new Page(root, parts, model);
  page.start();
  return page;
}

/** One questionnaire on one page view. */
class Page {
  constructor(root, parts, model) {
    this.root = root;
    this.parts = parts;
    this.model = model;
    this.key = storageKey(model);
    this.answers = {};
    this.notices = [];
    this.mismatch = false;
    this.storageFailed = null;
    // The saved copy's text as this page last read or wrote it (null: nothing saved;
    // undefined: not known yet, or storage refused).
    this.savedText = undefined;
  }

  start() {
    const { form, tools, file } = this.parts;
    const shared = this.openShared();
    if (!answeredCount(shared.answers, this.model)) {
      const stored = readStored(this.load(), this.model);
      this.use(stored.answers, [...shared.notices, ...stored.notices]);
      // Replace a damaged saved copy with what could be used from it.
      if (stored.notices.some((n) => n.kind === "warning")) this.save();
    }
    form.addEventListener("change", () => this.changed());
    form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("click", (event) => this.clicked(event));
    file.addEventListener("change", () => this.importFile());
    tools.hidden = false;
    this.root.dataset.ready = "";
  }

  /**
   * Fill in the answers of a share link in the address, if it holds any (they replace the
   * form's), and take the fragment out of the address: the answers are saved instead.
   */
  openShared() {
    const shared = readFragment(location.hash, this.model);
    if (!shared.found) return shared;
    history.replaceState(history.state, "", location.pathname + location.search);
    if (answeredCount(shared.answers, this.model)) {
      this.use(shared.answers, [...shared.notices, { kind: "info", text: "The answers from the shared link are filled in below, in place of any saved in this browser." }]);
      this.save({ replace: true });
    }
    return shared;
  }

  /** A share link opened in the tab that already shows the page (only the fragment changes). */
  hashChanged() {
    const shared = this.openShared();
    if (shared.found && !answeredCount(shared.answers, this.model)) this.say(shared.notices);
  }

  /** Show these answers (replacing the form's) and these notices, and score them. */
  use(answers, notices) {
    this.answers = answers;
    this.mismatch = notices.some((n) => n.kind === "mismatch");
    for (const radio of this.parts.form.querySelectorAll("input[type=radio]")) {
      radio.checked = Object.hasOwn(answers, radio.name) && answers[radio.name] === Number(radio.value);
    }
    // A storage failure found while loading stays in view with whatever else there is to say.
    const failed = this.storageFailed;
    this.say(failed && !notices.includes(failed) ? [...notices, failed] : notices);
    this.render();
  }

  changed() {
    const entries = [...this.parts.form.querySelectorAll("input[type=radio]:checked")].map((r) => [r.name, Number(r.value)]);
    const checked = checkEntries(entries, this.model, "The form");
    this.answers = checked.answers;
    if (checked.notices.length) this.say(checked.notices);
    this.save();
    this.render();
  }

  clicked(event) {
    const button = event.target.closest("button[data-action], button[data-export]");
    if (!button || !this.root.contains(button)) return;
    const action = button.dataset.action ?? `export-${button.dataset.export}`;
    if (action === "copy") this.copy();
    else if (action === "export-json") this.download();
    else if (action === "print") window.print();
    else if (action === "reset") this.reset();
    else if (action === "dismiss") this.say([]);
  }

  load() {
    const read = saved.read(this.key);
    if (read.ok) {
      this.savedText = read.value;
      return read.value;
    }
    this.storageProblem(read.error);
    return null;
  }

  /**
   * Save the answers shown. Unless `replace`, first check that the saved copy is still the
   * one this page knows; if another tab changed it, show that one instead and save nothing.
   * Returns whether the answers shown are now the saved ones.
   */
  save({ replace = false } = {}) {
    if (!replace) {
      const now = saved.read(this.key);
      if (now.ok && now.value !== this.savedText) {
        this.adoptSaved(now.value, "Your answers were changed in another tab or window since this page showed them, so this page now shows those instead. Your last change here was not saved: make it again if you still want it.", "warning");
        return false;
      }
    }
    const text = answeredCount(this.answers, this.model) ? storedValue(this.answers, this.model) : null;
    const done = text === null ? saved.remove(this.key) : saved.write(this.key, text);
    if (!done.ok) {
      this.storageProblem(done.error);
      return false;
    }
    this.savedText = text;
    return true;
  }

  /** Another tab or window saved, changed or cleared the answers (a `storage` event). */
  storageChanged(event) {
    if (event.key !== null && event.key !== this.key) return;
    if (!saved.holds(event.storageArea)) return;
    const text = event.key === null ? null : event.newValue;
    if (text === this.savedText) return;
    this.adoptSaved(
      text,
      text === null ? "Your answers were cleared in another tab or window, so they are cleared here too." : "Your answers were changed in another tab or window, so this page now shows those.",
      "info",
    );
  }

  /** Show the saved copy `text` (another tab's), saying why with a notice of `kind`. */
  adoptSaved(text, why, kind) {
    this.savedText = text;
    const read = readStored(text, this.model);
    this.use(read.answers, [{ kind, text: why }, ...read.notices]);
  }

  storageProblem(err) {
    if (this.storageFailed) return;
    const reason = typeof err?.name === "string" ? err.name : "no reason given";
    this.storageFailed = { kind: "warning", text: `This browser does not let the page save your answers (${reason}), so a reload will lose them. The share link and the download keep them.` };
    this.say([...this.notices, this.storageFailed]);
  }

  reset() {
    this.parts.form.reset();
    if (location.hash) history.replaceState(history.state, "", location.pathname + location.search);
    this.answers = {};
    this.mismatch = false;
    this.save({ replace: true });
    this.say([{ kind: "info", text: "All answers were cleared, here and in this browser's storage." }]);
    this.render();
    this.parts.form.querySelector("input[type=radio]")?.focus();
  }

  importFile() {
    const input = this.parts.file;
    const file = input.files?.[0];
    if (!file) return;
    input.value = "";
    const tooLarge = fileSizeNotice(file.size);
    if (tooLarge) {
      this.say([tooLarge]);
      return;
    }
    file.text().then(
      (text) => {
        const read = readImport(text, this.model);
        if (answeredCount(read.answers, this.model) === 0) {
          this.say([...read.notices, { kind: "info", text: "Your answers were not changed." }]);
          return;
        }
        this.use(read.answers, [...read.notices, { kind: "info", text: `The answers from ${file.name} are filled in below.` }]);
        this.save({ replace: true });
      },
      (err) => this.say([{ kind: "warning", text: `The file ${file.name} could not be read (${err.name}).` }]),
    );
  }

  copy() {
    const { share, copied } = this.parts;
    const url = share.value;
    const manual = () => {
      share.focus();
      share.select();
      copied.textContent = "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.";
    };
    if (!navigator.clipboard?.writeText) {
      manual();
      return;
    }
    navigator.clipboard.writeText(url).then(() => {
      copied.textContent = "Link copied.";
    }, manual);
  }

  download() {
    const record = exportRecord(this.answers, this.model, score(this.answers, this.model), new Date());
    const blob = new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: "application/json" });
    const href = URL.createObjectURL(blob);
    // Not attached to the document, so the theme's instant navigation never sees the click.
    h("a", { href, download: `${this.model.model}-assessment-${record.date.slice(0, 10)}.json` }).click();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
  }

  say(notices) {
    this.notices = notices;
    const area = this.parts.notices;
    if (!notices.length) {
      area.replaceChildren();
      return;
    }
    const list = h("ul", { class: "assessment__notice-list" });
    for (const n of notices) list.append(h("li", { class: `assessment__notice assessment__notice--${n.kind}`, text: n.text }));
    area.replaceChildren(list, h("button", { type: "button", class: "assessment__dismiss", "data-action": "dismiss", text: "Dismiss" }));
  }

  render() {
    const { status, report, share, copied } = this.parts;
    const count = answeredCount(this.answers, this.model);
    const all = this.model.questions.length;
    copied.textContent = "";
    if (count < all) {
      delete status.dataset.score;
      delete status.dataset.level;
      delete this.root.dataset.complete;
      status.replaceChildren(h("span", { text: `${count} of ${all} answered` }));
      report.hidden = true;
      return;
    }
    const result = score(this.answers, this.model);
    const level = this.level(result.level);
    status.dataset.score = String(result.total);
    status.dataset.level = String(result.level);
    this.root.dataset.complete = "";
    status.replaceChildren(
      h("span", { text: `All ${all} answered. Total ${result.total} of ${this.model.total.max}: level ${level.number}, ${level.name}. ` }),
      h("a", { href: "#your-result", text: "See your result" }),
    );
    const url = new URL(location.href);
    url.hash = fragmentOf(this.answers, this.model);
    share.value = url.href;
    share.setAttribute("data-share-url", url.href);
    this.parts.body.replaceChildren(...this.report(result, level));
    report.hidden = false;
  }

  level(number) {
    return this.model.levels.find((l) => l.number === number);
  }

  report(result, level) {
    const next = this.level(level.number + 1);
    const nodes = [
      h(
        "div",
        { class: "assessment__headline" },
        h("p", { class: "assessment__level" }, h("span", { class: "assessment__level-number", text: `Level ${level.number}` }), " · ", h("span", { text: level.name })),
        h("p", { class: "assessment__total", text: `${result.total} of ${this.model.total.max} points` }),
        h("p", { class: "assessment__summary", text: level.summary }),
        h("p", {}, h("a", { href: level.url, text: `Read about level ${level.number}, ${level.name}` })),
      ),
    ];
    if (this.mismatch) {
      nodes.push(
        h("p", {
          class: "assessment__notice assessment__notice--mismatch",
          text: "These answers came from another model or content version, so the level may differ from the one they had there. Check each answer above.",
        }),
      );
    }
    nodes.push(h("h3", { text: "By dimension" }), this.chart(result), this.table(result));
    nodes.push(h("h3", { text: "Where to start" }), ...this.steps(result));
    nodes.push(
      h("h3", { text: next ? `Towards level ${next.number}, ${next.name}` : `Staying at level ${level.number}` }),
      h("ol", {}, ...level.advance.map((step) => h("li", { text: step }))),
    );
    if (next) nodes.push(h("p", {}, h("a", { href: next.url, text: `Read about level ${next.number}, ${next.name}` })));
    return nodes;
  }

  question(id) {
    return this.model.questions.find((q) => q.id === id);
  }

  /**
   * Horizontal bars, one per dimension, drawn with DOM calls; the table says the same.
   * Widths are percentages and there is no viewBox, so the text keeps its size on any
   * screen and on paper while the bars stretch.
   */
  chart(result) {
    const row = 46;
    const track = 86; // per cent of the width; the value goes to its right
    const chart = svg("svg", {
      class: "assessment__chart",
      width: "100%",
      height: row * result.dimensions.length,
      role: "img",
      "aria-labelledby": "assessment-chart-title",
    });
    chart.append(svg("title", { id: "assessment-chart-title" }, "Points per dimension as bars; the table below gives the same numbers."));
    result.dimensions.forEach((d, i) => {
      const y = i * row;
      const weak = result.weakest.includes(d.id) ? " assessment__chart-bar--weak" : "";
      chart.append(
        svg("text", { x: 0, y: y + 15, class: `assessment__chart-label${weak && " assessment__chart-label--weak"}` }, this.question(d.id).dimension),
        svg("rect", { x: 0, y: y + 22, width: `${track}%`, height: 16, rx: 3, class: "assessment__chart-track" }),
        svg("rect", { x: 0, y: y + 22, width: `${track * d.ratio}%`, height: 16, rx: 3, class: `assessment__chart-bar${weak}` }),
        svg("text", { x: `${track + 2}%`, y: y + 35, class: "assessment__chart-value" }, `${d.points} / ${d.max}`),
      );
    });
    return chart;
  }

  table(result) {
    const head = h("tr", {}, ...["Dimension", "Points", "Your answer"].map((text) => h("th", { scope: "col", text })));
    const rows = result.dimensions.map((d) => {
      const q = this.question(d.id);
      const chosen = q.options.find((o) => o.points === d.points);
      return h("tr", {}, h("th", { scope: "row", text: q.dimension }), h("td", { text: `${d.points} of ${d.max}` }), h("td", { text: chosen.text }));
    });
    return h("table", { class: "assessment__table" }, h("caption", { text: "Points per dimension" }), h("thead", {}, head), h("tbody", {}, ...rows));
  }

  /** For each weakest dimension: what you do now, the next option up, and reading for the step. */
  steps(result) {
    if (!result.weakest.length) return [h("p", { text: "Every dimension is at its top option. Keep it there: the steps below say how." })];
    const intro = h("p", { text: "Your lowest-scoring dimensions, with the next option up as the thing to do next:" });
    return [
      intro,
      ...result.weakest.map((id) => {
        const q = this.question(id);
        const points = this.answers[id];
        const now = q.options.find((o) => o.points === points);
        const up = q.options.filter((o) => o.points > points).sort((a, b) => a.points - b.points)[0];
        const refs = now.references.map((ref) => this.model.references[ref]).filter(Boolean);
        const card = h(
          "div",
          { class: "assessment__step" },
          h("h4", { text: `${q.dimension} (${points} of ${Math.max(...q.options.map((o) => o.points))})` }),
          h("p", {}, h("strong", { text: "Today: " }), now.text),
        );
        if (up) card.append(h("p", {}, h("strong", { text: "Next: " }), up.text));
        if (refs.length) {
          card.append(
            h("p", { class: "assessment__reading", text: "Reading for this step:" }),
            h("ul", {}, ...refs.map((r) => h("li", {}, h("a", { href: r.url, text: r.title }), ` (${r.kind})`))),
          );
        }
        return card;
      }),
    ];
  }
}

/** The questionnaire of the current page view, if it has one. */
let active = null;

function start() {
  for (const root of document.querySelectorAll("[data-assessment]")) {
    if (bound.has(root)) continue;
    bound.add(root);
    active = init(root) ?? active;
  }
}

// mkdocs-material's document$ emits on every page view, instant navigation included.
const documents = window.document$;
if (typeof documents?.subscribe === "function") documents.subscribe(start);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();

// Added once per full page load (this module runs once), whatever the navigation.
window.addEventListener("hashchange", () => {
  if (active?.root.isConnected) active.hashChanged();
});
// Fired in this page when another tab or window of the site changes its storage.
window.addEventListener("storage", (event) => {
  if (active?.root.isConnected) active.storageChanged(event);
});
