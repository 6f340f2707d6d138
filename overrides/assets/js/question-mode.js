/*
 * How the self-assessment's questions are laid out: all on one page (as the HTML has
 * them, and without JavaScript), or one question at a time, with its position ("3 of 7"),
 * Back and Next. A phone then shows one question, not a long scroll.
 *
 * Only the layout changes: the questions stay the one form that assessment.js reads,
 * scores, saves and links, so both layouts have the same answers, links and storage by
 * construction. The reader's choice is remembered in this browser (`<model>-layout`).
 *
 * - The hidden questions are hidden on screen only: a printout shows every question.
 * - Moving to a question puts the focus on its heading, so a screen reader names it and
 *   the next Tab reaches its options; a link to a question (the status line's "still to
 *   answer", the table of contents, an address ending in #q-<id>) shows that question.
 * - On the last question, once every question is answered, Next becomes "See your
 *   result" and moves to the result; before that it leads to the first question still
 *   unanswered.
 * - Every word comes from the page's words (content/ui.yml, assessment.script).
 */

import { h } from "./dom.js";
import { fill } from "./words.js";
import { openStorage } from "./storage.js";

const saved = openStorage("localStorage");
const ONE = "one";
const ALL = "all";

/**
 * Lay out the questionnaire under `root` (its `model` and `words` as assessment.js read
 * them). Returns `{ showing(node) }`: show the question holding `node` (before focusing it),
 * or null when the page has no questions.
 */
export function questionLayout(root, model, words) {
  const form = root.querySelector("[data-assessment-form]");
  const questions = [...form.querySelectorAll("fieldset[data-question]")].map((set) => ({
    id: set.dataset.question,
    set,
    heading: set.previousElementSibling?.matches("h2") ? set.previousElementSibling : null,
  }));
  if (!questions.length) return null;
  // Each question's entry in the table(s) of contents (the sidebar's, and the phone menu's).
  const entries = [...document.querySelectorAll(".md-nav--secondary a.md-nav__link")]
    .filter((link) => link.pathname === location.pathname)
    .map((link) => ({ link, i: questions.findIndex((q) => q.heading?.id && decodeURIComponent(link.hash.slice(1)) === q.heading.id) }))
    .filter((entry) => entry.i >= 0);
  const key = `${model.model}-layout`;
  const stored = saved.read(key);
  let layout = stored.ok && stored.value === ONE ? ONE : ALL;
  let at = 0;

  const choice = (value, text) => h("label", { class: "question-layout__choice" }, h("input", { type: "radio", name: "question-layout", value, "data-layout-choice": "" }), ` ${text}`);
  const picker = h("fieldset", { class: "question-layout", "data-layout-picker": "" }, h("legend", { text: words.layoutLegend }), choice(ALL, words.layoutAll), choice(ONE, words.layoutOne));
  const back = h("button", { type: "button", class: "md-button", "data-step": "back", text: words.back });
  const next = h("button", { type: "button", class: "md-button md-button--primary", "data-step": "next" });
  const position = h("span", { class: "question-nav__position", "data-position": "" });
  const nav = h("div", { class: "question-nav", "data-question-nav": "" }, back, position, next);
  form.before(picker);
  form.after(nav);

  const answered = (q) => q.set.querySelector("input[type=radio]:checked") !== null;
  const complete = () => questions.every(answered);
  const indexOf = (id) => questions.findIndex((q) => q.id === id);

  /** Draw the layout: which question shows, the position, Back and Next. */
  function draw() {
    root.dataset.layout = layout;
    for (const input of picker.querySelectorAll("input")) input.checked = input.value === layout;
    questions.forEach((q, i) => {
      const off = layout === ONE && i !== at;
      for (const node of [q.heading, q.set]) node?.toggleAttribute("data-elsewhere", off);
    });
    for (const { link, i } of entries) {
      if (layout === ONE) link.dataset.tocQuestion = i < at ? "before" : i === at ? "shown" : "after";
      else delete link.dataset.tocQuestion;
    }
    nav.hidden = layout !== ONE;
    position.textContent = fill(words.position, { n: at + 1, all: questions.length });
    back.hidden = at === 0;
    next.textContent = at === questions.length - 1 && complete() ? words.seeResult : words.next;
  }

  /** Show question `i` and, if `focus`, put the focus on its heading. */
  function show(i, focus) {
    at = Math.max(0, Math.min(questions.length - 1, i));
    draw();
    if (!focus) return;
    const target = questions[at].heading ?? questions[at].set;
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }

  function forward() {
    if (at < questions.length - 1) return show(at + 1, true);
    const report = root.querySelector("[data-report]");
    if (complete() && report && !report.hidden) {
      report.scrollIntoView({ block: "start" });
      report.focus({ preventScroll: true });
      return;
    }
    const missing = questions.findIndex((q) => !answered(q));
    show(missing < 0 ? 0 : missing, true);
  }

  /** A link or an address naming a question (#q-<id>) shows it, in either layout. */
  function follow(hash) {
    const heading = hash.startsWith("#q-") ? form.querySelector(`[id="${CSS.escape(hash.slice(1))}"]`) : null;
    const i = heading ? questions.findIndex((q) => q.heading === heading) : -1;
    if (i >= 0 && layout === ONE) show(i, false);
    return i >= 0;
  }

  picker.addEventListener("change", (event) => {
    if (!event.target.matches("[data-layout-choice]")) return;
    layout = event.target.value === ONE ? ONE : ALL;
    saved.write(key, layout);
    draw();
  });
  back.addEventListener("click", () => show(at - 1, true));
  next.addEventListener("click", forward);
  // Start over clears the form (a `reset` event) and then focuses the first question's option.
  form.addEventListener("reset", () => show(0, false));
  form.addEventListener("change", draw);
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.('a[href^="#q-"]');
    if (link && root.isConnected) follow(link.getAttribute("href"));
  });
  window.addEventListener("hashchange", () => root.isConnected && follow(location.hash));
  // Answers drawn from elsewhere (a link, another tab) may complete the form.
  new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ["data-complete"] });

  const first = questions.findIndex((q) => !answered(q));
  show(first < 0 ? 0 : first, false);
  follow(location.hash);
  return {
    /** Focus is going to `node`: in this layout, show its question first (else the focus is lost). */
    showing(node) {
      const i = questions.findIndex((q) => q.set.contains(node) || q.heading === node);
      if (i >= 0 && layout === ONE && i !== at) show(i, false);
    },
  };
}
