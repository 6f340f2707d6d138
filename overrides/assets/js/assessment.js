/*
 * The self-assessment page's controller: connects the questionnaire in the page's HTML
 * (generated from content/questions.yml) to scoring.js, answers.js and storage.js, and
 * draws with report-view.js. Holds no content of its own: questions, options, levels and
 * references come from the page.
 *
 * - Every change of answers (a click in the form, a share link, an import, Start over,
 *   another tab's save, the saved copy read again) goes through `Page.apply`, which takes
 *   the new state, saves it when asked and then renders all of it, in that order. The
 *   form, the notices, [data-result] and the report are drawn from that state only.
 * - Answers are scored at once: [data-result] says how many of the questions are
 *   answered, or the total and level (and carries data-score, data-level).
 * - A share link's fragment wins over the saved answers, notes and targets. Nothing of
 *   the user's is replaced without a way back: whenever a link (or an imported file)
 *   would change any of them (other answers, or the same answers with other notes or
 *   targets, or notes typed before any answer), all three are first kept aside (under
 *   `<key>-aside` and `<model>-notes-aside`, and in memory when storage refuses) with a
 *   notice, until "Back to my answers" brings them back; other tabs say so too and offer
 *   the same way back. The copy kept is the user's latest own: a link opened over another
 *   link's answers keeps the older copy, unless the user changed those answers, notes or
 *   targets since (`<key>-edited`). The page then opens at the result, and the fragment stays in the address, kept
 *   in step with the answers, so the address bar can be shared too. A fragment with no
 *   usable answers is removed and changes nothing.
 * - Notices appear where the eye is: next to the control that caused them (import and
 *   Start over: "tools"; a shared link with a result: "result"), else at the top of the
 *   form ("top"). One region holds them at a time; the others are empty.
 * - Start over can be undone until the answers next change.
 * - Several tabs or windows share one saved copy, and the newest saved answers win
 *   everywhere, announced, never merged: when another tab saves or clears the answers
 *   (the `storage` event), this page shows them at once with a notice. No tab ever
 *   overwrites a saved copy it has not seen: before saving a change, the page reads the
 *   saved copy again, and if it is not the one this page last read or wrote (an event
 *   missed while the tab slept), it shows the newer saved answers instead and says the
 *   change was not saved. Only deliberate replacements (a share link, an import, Start
 *   over, Back to my answers) write over whatever is saved.
 * - Runs on every page view with mkdocs-material's instant navigation (document$) or
 *   without it, and binds each [data-assessment] element once.
 * - Content goes into the page as text nodes only (textContent, append), never as HTML.
 */

import { score } from "./scoring.js";
import {
  answerOf,
  answeredCount,
  checkEntries,
  exportRecord,
  FROM,
  fragmentOf,
  readFragment,
  readImport,
  readStored,
  storageKey,
  storedValue,
} from "./answers.js";
import { fill, h, noticeNodes, planFacts, reportNodes, statusNodes } from "./report-view.js";
import { planFor, readTargets, targetsForLevel, targetsKey, targetsValue } from "./roadmap.js";
import { copyField, fileName, offerDownload, pageData, readFiles, startPages } from "./page-shell.js";
import { openStorage } from "./storage.js";
import { cleanNotes, emptyNotes, extrasFragment, extrasRecord, hasNotes, LIMITS, notesKey, notesValue, readExtras, readExtrasImport, readNotes, splitFragment } from "./notes.js";
import { notesNodes, printHeadNodes } from "./notes-view.js";
import { questionLayout } from "./question-mode.js";
import { keepClearOf } from "./status-clearance.js";

const saved = openStorage("localStorage");

/** The page's JSON `id` (inside its inert template, or in the page as a fallback). */
const readData = (root, id) => pageData(root, "template[data-assessment-data]", id);

function init(root) {
  const parts = {
    form: root.querySelector("[data-assessment-form]"),
    status: root.querySelector("[data-result]"),
    report: root.querySelector("[data-report]"),
    body: root.querySelector("[data-report-body]"),
    notices: root.querySelector('[data-notices="top"]'),
    regions: root.querySelectorAll("[data-notices]"),
    aside: root.querySelector("[data-aside]"),
    undo: root.querySelector("[data-undo]"),
    share: root.querySelector("[data-share-url]"),
    copied: root.querySelector("[data-copy-status]"),
    tools: root.querySelector("[data-tools]"),
    file: root.querySelector("[data-import]"),
    context: root.querySelectorAll("[data-context]"),
    withNotes: root.querySelector("[data-include-notes]"),
    linkCut: root.querySelector("[data-link-cut]"),
    printHead: root.querySelector("[data-print-head]"),
    notesView: root.querySelector("[data-notes-view]"),
  };
  let model;
  let words;
  try {
    model = readData(root, "assessment-data");
    // The words of answers.js's notices, and the page's own (notes.js's, this file's, the views').
    words = { ...readData(root, "assessment-answers-text"), ...readData(root, "assessment-notes-text") };
  } catch (err) {
    parts.notices.append(h("p", { class: "assessment__notice assessment__notice--warning", text: fill(root.dataset.startFailed ?? "", { reason: err.name }) }));
    return null;
  }
  const page = new Page(root, parts, model, words);
  page.start();
  // The layout (one page, or one question at a time) and the bar's clearance: on screen only.
  page.layout = questionLayout(root, model, words);
  keepClearOf(root, parts.status);
  return page;
}

/** One questionnaire on one page view: its state, the ways it changes, and rendering. */
class Page {
  constructor(root, parts, model, words) {
    this.root = root;
    this.parts = parts;
    this.model = model;
    this.words = words;
    this.key = storageKey(model);
    this.asideKey = `${this.key}-aside`;
    // The notes and targets kept aside with the answers (notes.js's file record).
    this.notesAsideKey = `${notesKey(model)}-aside`;
    // Set when the user changes what a link or file filled in: those are then their own,
    // and the next link keeps them aside in place of the older copy.
    this.editedKey = `${this.key}-edited`;
    // The state; only `apply` (and `say` for notices alone) changes it.
    this.answers = {};
    this.notices = [];
    this.mismatch = false;
    this.storageFailed = null;
    // Which notice region shows the notices: "top", "result" or "tools".
    this.place = "top";
    // What Start over cleared, while it can be undone: {answers, aside}; else null.
    this.cleared = null;
    // The layout of the questions (question-mode.js), set once it is laid out; else null.
    this.layout = null;
    // Whether the address holds a share fragment, kept in step with the answers.
    this.linked = false;
    // The answers kept aside when a share link replaced them (saved text), or null.
    this.asideText = null;
    // The notes and targets kept with them (notes.js's file record, as text), or null.
    this.asideExtras = null;
    // The saved copy's text as this page last read or wrote it (null: nothing saved;
    // undefined: not known yet, or storage refused).
    this.savedText = undefined;
    // The notices as last drawn: the live region is redrawn (and read out) only when they change.
    this.drawnNotices = this.notices;
    this.drawnPlace = this.place;
    // The plan's targets set on purpose (roadmap.js), saved apart from the answers.
    this.targets = {};
    // The notes (notes.js), saved apart from the answers; in the link only when asked.
    this.notes = emptyNotes();
    this.withNotes = false;
  }

  start() {
    const { form, tools, file } = this.parts;
    // Each question is its options and its note to Tab to: its heading's permalink is for pointers only.
    for (const link of form.querySelectorAll(".headerlink")) link.tabIndex = -1;
    // Choices made before this module loaded (it is fetched after the page shows).
    const early = [...form.querySelectorAll("input[type=radio]:checked")];
    const kept = saved.read(this.asideKey);
    this.asideText = kept.ok ? kept.value : null;
    const savedTargets = saved.read(targetsKey(this.model));
    const keptTargets = readTargets(savedTargets.ok ? savedTargets.value : null, this.model);
    this.targets = keptTargets.targets;
    const savedNotes = saved.read(notesKey(this.model));
    const keptNotes = readNotes(savedNotes.ok ? savedNotes.value : null, this.model, this.words);
    this.notes = keptNotes.notes;
    // A damaged saved copy is replaced with what could be used from it.
    if (keptNotes.notices.length) this.saveNotes();
    for (const note of form.querySelectorAll("[data-note]")) note.maxLength = LIMITS.note;
    this.root.querySelector('[data-context="team"]').maxLength = LIMITS.team;
    this.root.querySelector('[data-context="name"]').maxLength = LIMITS.team;
    const shared = this.takeShared();
    shared.notices.unshift(...keptTargets.notices, ...keptNotes.notices);
    if (!this.useShared(shared)) {
      const stored = readStored(this.load(), this.model);
      // A damaged saved copy is replaced with what could be used from it.
      const damaged = stored.notices.some((n) => n.kind === "warning");
      this.apply(stored.answers, { notices: [...shared.notices, ...stored.notices], save: damaged ? "check" : "no" });
      if (early.length) {
        for (const radio of early) radio.checked = true;
        this.changed();
      }
    }
    form.addEventListener("change", (event) => event.target.type === "radio" && this.changed());
    this.root.addEventListener("input", (event) => this.noted(event.target));
    this.parts.withNotes.addEventListener("change", () => {
      this.withNotes = this.parts.withNotes.checked;
      this.drawExtras();
    });
    this.parts.body.addEventListener("change", (event) => this.targetChanged(event.target));
    form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("click", (event) => this.clicked(event));
    file.addEventListener("change", () => this.importFile());
    tools.hidden = false;
    this.root.dataset.ready = "";
  }

  /**
   * The one way the answers change. In this order: take `answers` (checked by answers.js)
   * and `notices` as the state, save when asked, then render the whole state.
   *   save    "no"; "check": a change made here, saved only over the saved copy this page
   *           knows, else that newer copy is shown instead (through `apply` again) and
   *           nothing more happens; "replace": a deliberate replacement, saved over anything.
   *   from    "form": an edit in the form; the answers keep their origin (`mismatch`).
   *           "elsewhere": a link, a file, the saved copy, another tab; `mismatch` is
   *           whether `notices` hold a "mismatch" one, and a storage failure already met
   *           is said again with them. "reset": no answers, no mismatch.
   *   notices replace what is said; default: keep it.
   *   place   the notice region they are said in (see `drawNotices`); default: "top".
   *   undo    what Start over cleared, to offer its undo; any other change ends the offer.
   */
  apply(answers, { save = "no", from = "elsewhere", notices = this.notices, place = "top", undo = null } = {}) {
    this.answers = answers;
    this.notices = notices;
    this.place = place;
    this.cleared = undo;
    if (from === "elsewhere") {
      this.mismatch = notices.some((n) => n.kind === "mismatch");
      const failed = this.storageFailed;
      if (failed && !notices.includes(failed)) this.notices = [...notices, failed];
    } else if (from === "reset") {
      this.mismatch = false;
    }
    if (save !== "no" && !this.save({ replace: save === "replace" })) return;
    this.render();
  }

  /** The share link in the address, if any: read, and taken out of the address. */
  takeShared() {
    const { answers, extras } = splitFragment(location.hash);
    const shared = readFragment(answers, this.model);
    if (shared.found) history.replaceState(history.state, "", location.pathname + location.search);
    shared.extras = { ...readExtras(extras, this.model, this.words), targetsGiven: extras.some(([key]) => key === "_t") };
    return shared;
  }

  /**
   * Show and save a share link's answers, in place of any saved (kept aside first), and
   * open the page at the result; false if the link has none.
   */
  useShared(shared) {
    if (!answeredCount(shared.answers, this.model)) return false;
    const text = storedValue(shared.answers, this.model);
    const own = this.load();
    const notices = [...shared.notices, ...shared.extras.notices];
    const { targets, notes, targetsGiven } = shared.extras;
    // The same answers however they were written down (an older copy, another MINOR version).
    const same = own !== null && storedValue(readStored(own, this.model).answers, this.model) === text;
    // Another's answers: their targets and notes (or none) replace these. The same
    // answers (a reload of the link, or an older link of one's own): what the link
    // holds wins, what it leaves out stays.
    const next = same ? { notes: hasNotes(notes) ? notes : this.notes, targets: targetsGiven ? targets : this.targets } : { notes, targets };
    // Whatever changes, the user's own are kept aside first and the change is said;
    // nothing changes (a reload of the link): nothing is kept, nothing to say.
    if (!same || this.extrasText(next.notes, next.targets) !== this.extrasText(this.notes, this.targets)) {
      this.keepAside(own);
      notices.push({ kind: "info", key: same ? "sharedNotesFilled" : "sharedFilled" });
    }
    this.setExtras(next.notes, next.targets);
    this.withNotes = hasNotes(notes);
    this.parts.withNotes.checked = this.withNotes;
    this.linked = true;
    this.apply(shared.answers, { notices, save: "replace", place: "result" });
    if (!this.parts.report.hidden) {
      this.parts.report.scrollIntoView({ block: "start" });
      this.parts.report.focus({ preventScroll: true });
    }
    return true;
  }

  /** Notes and targets as one text, the same for the same content whatever their order or spacing. */
  extrasText(notes, targets) {
    const record = extrasRecord(cleanNotes(notes, this.model, this.words, "").notes, {}, this.model);
    const aims = this.model.questions.filter((q) => Object.hasOwn(targets, q.id)).map((q) => [q.id, targets[q.id]]);
    return JSON.stringify([record, aims]);
  }

  /**
   * Keep the user's own aside before something replaces them: the saved answers `own`
   * (text, or null when none are saved) and the notes and targets shown. Not when they
   * hold nothing at all, nor when a copy is kept already and what is shown is still a
   * link's (or a file's) as it came: the copy kept is the user's latest own. Kept in
   * memory too, so "Back to my answers" works when storage refuses.
   */
  keepAside(own) {
    const edited = saved.read(this.editedKey);
    saved.remove(this.editedKey);
    if (this.asideText !== null && !(edited.ok && edited.value !== null)) return;
    const answered = answeredCount(readStored(own, this.model).answers, this.model) > 0;
    const anyTargets = Object.keys(this.targets).length > 0;
    if (!answered && !hasNotes(this.notes) && !anyTargets) return;
    this.asideText = answered ? own : storedValue({}, this.model);
    this.asideExtras = JSON.stringify(extrasRecord(this.notes, this.targets, this.model));
    // The notes first: a tab that hears of the answers kept aside finds them with them.
    saved.write(this.notesAsideKey, this.asideExtras);
    const done = saved.write(this.asideKey, this.asideText);
    if (!done.ok) this.storageProblem(done.error);
  }

  /** Take `notes` and `targets` as the state's and save them (the answers are saved by `apply`). */
  setExtras(notes, targets) {
    this.notes = notes;
    this.targets = targets;
    this.saveNotes();
    const done = saved.write(targetsKey(this.model), targetsValue(this.targets));
    if (!done.ok) this.storageProblem(done.error);
  }

  saveNotes() {
    const done = hasNotes(this.notes) ? saved.write(notesKey(this.model), notesValue(this.notes)) : saved.remove(notesKey(this.model));
    if (!done.ok) this.storageProblem(done.error);
  }

  /** The user changed what a link or file filled in (an answer, a note, a target): it is theirs now. */
  edited() {
    if (this.asideText !== null) saved.write(this.editedKey, "1");
  }

  /** A note, the team or the date typed: keep, save, and redraw what shows them. */
  noted(field) {
    const id = field.dataset?.note;
    const context = field.dataset?.context;
    if (id === undefined && context === undefined) return;
    if (id !== undefined) {
      if (!this.model.questions.some((q) => q.id === id)) return;
      const answers = { ...this.notes.answers };
      if (field.value.trim()) answers[id] = field.value;
      else delete answers[id];
      this.notes = { ...this.notes, answers };
    } else if (context === "team" || context === "name" || context === "date") {
      this.notes = { ...this.notes, [context]: field.value };
    }
    this.saveNotes();
    this.edited();
    this.drawExtras();
  }

  /** "Back to my answers": the answers kept aside replace the shown ones, and the link goes. */
  restore() {
    const read = readStored(this.asideText, this.model);
    const kept = saved.read(this.notesAsideKey);
    const extras = readExtrasImport(kept.ok && kept.value !== null ? kept.value : this.asideExtras, this.model, this.words);
    this.setExtras(extras.notes, extras.targets);
    saved.remove(this.asideKey);
    saved.remove(this.notesAsideKey);
    this.asideText = null;
    this.asideExtras = null;
    this.unlink();
    const back = { kind: "info", key: "ownBack" };
    this.apply(read.answers, { save: "replace", notices: [...read.notices, back], place: "result" });
    this.reveal();
  }

  /** Take the share fragment out of the address and stop keeping it in step. */
  unlink() {
    this.linked = false;
    if (location.hash) history.replaceState(history.state, "", location.pathname + location.search);
  }

  /** Move focus to the result if there is one, else to the first question (shown first, in either layout). */
  reveal() {
    const { report, form } = this.parts;
    if (!report.hidden) return report.focus();
    const first = form.querySelector("input[type=radio]");
    if (!first) return;
    this.layout?.showing(first);
    first.focus();
  }

  /** A share link opened in the tab that already shows the page (only the fragment changes). */
  hashChanged() {
    const shared = this.takeShared();
    if (shared.found && !this.useShared(shared)) this.say(shared.notices, "top");
  }

  changed() {
    const entries = [...this.parts.form.querySelectorAll("input[type=radio]:checked")].map((r) => [r.name, answerOf(r.value)]);
    const checked = checkEntries(entries, this.model, FROM.form);
    const notices = checked.notices.length ? checked.notices : this.notices;
    this.apply(checked.answers, { from: "form", save: "check", notices, place: checked.notices.length ? "top" : this.place });
    this.edited();
  }

  clicked(event) {
    const button = event.target.closest("button[data-action], button[data-export]");
    if (!button || !this.root.contains(button)) return;
    const action = button.dataset.action ?? `export-${button.dataset.export}`;
    if (action === "copy") this.copy();
    else if (action === "export-json") this.download();
    else if (action === "export-plan-md") this.downloadPlan("md");
    else if (action === "export-plan-csv") this.downloadPlan("csv");
    else if (action === "print") window.print();
    else if (action === "reset") this.reset();
    else if (action === "undo") this.undo();
    else if (action === "restore") this.restore();
    else if (action === "dismiss") this.say([], this.place);
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
   * Save the answers of the state (only `apply` calls this). Unless `replace`, first check
   * that the saved copy is still the one this page knows; if another tab changed it, show
   * that one instead and save nothing. Returns whether to go on and render the state:
   * false only when the newer copy was shown instead. A refusal is added to the notices.
   */
  save({ replace }) {
    if (!replace) {
      const now = saved.read(this.key);
      if (now.ok && now.value !== this.savedText) {
        this.adoptSaved(now.value, "otherTabNotSaved", "warning");
        return false;
      }
    }
    const text = answeredCount(this.answers, this.model) ? storedValue(this.answers, this.model) : null;
    const done = text === null ? saved.remove(this.key) : saved.write(this.key, text);
    if (done.ok) this.savedText = text;
    else this.storageProblem(done.error);
    return true;
  }

  /** Another tab or window saved, changed or cleared the answers (a `storage` event). */
  storageChanged(event) {
    if (!saved.holds(event.storageArea)) return;
    if (event.key === this.asideKey) {
      // A link or file opened in another tab kept the user's own aside: said here too, with the way back.
      const fresh = this.asideText === null && event.newValue !== null;
      this.asideText = event.newValue;
      if (event.newValue === null) this.asideExtras = null;
      if (fresh) this.say([{ kind: "info", key: "otherTabAside" }], "result");
      else this.drawNotices();
      return;
    }
    if (event.key === this.notesAsideKey) {
      if (event.newValue !== null) this.asideExtras = event.newValue;
      return;
    }
    if (event.key === notesKey(this.model)) {
      // Notes typed in another tab: shown here at once (the newest saved notes win).
      this.notes = readNotes(event.newValue, this.model, this.words).notes;
      this.render();
      return;
    }
    if (event.key !== null && event.key !== this.key) return;
    if (event.key === null) {
      // storage.clear(): nothing is kept aside either.
      this.asideText = null;
      this.asideExtras = null;
    }
    const text = event.key === null ? null : event.newValue;
    if (text === this.savedText) return;
    this.adoptSaved(
      text,
      text === null ? "otherTabCleared" : "otherTabChanged",
      "info",
    );
  }

  /** Show the saved copy `text` (another tab's), saying why (the words' key) with a notice of `kind`. */
  adoptSaved(text, why, kind) {
    this.savedText = text;
    const read = readStored(text, this.model);
    // "Kept aside" (a link opened in another tab) is still true: said with the news.
    const aside = this.notices.filter((n) => n.key === "otherTabAside");
    this.apply(read.answers, { notices: [...aside, { kind, key: why }, ...read.notices] });
  }

  /** Note the first storage refusal in the state's notices; the next render shows it. */
  storageProblem(err) {
    if (this.storageFailed) return;
    const reason = typeof err?.name === "string" ? err.name : { key: "noReason" };
    this.storageFailed = { kind: "warning", key: "storageRefused", values: { reason } };
    this.notices = [...this.notices, this.storageFailed];
  }

  /** Start over: clear the answers (and any kept aside), saved or not; undone by `undo`. */
  reset() {
    const had = answeredCount(this.answers, this.model) > 0 || this.asideText !== null;
    const undo = had || hasNotes(this.notes) ? { answers: this.answers, aside: this.asideText, notes: this.notes } : null;
    this.parts.form.reset();
    this.unlink();
    this.notes = emptyNotes();
    this.saveNotes();
    if (this.asideText !== null && saved.remove(this.asideKey).ok) this.asideText = null;
    const notices = [{ kind: "info", key: "cleared" }];
    this.apply({}, { from: "reset", save: "replace", notices, place: "tools", undo });
    (undo ? this.parts.undo.querySelector("button") : this.parts.form.querySelector("input[type=radio]"))?.focus();
  }

  /** Undo Start over: the answers it cleared come back, unless another tab saved since. */
  undo() {
    const { answers, aside, notes } = this.cleared;
    if (aside !== null && saved.write(this.asideKey, aside).ok) this.asideText = aside;
    this.notes = notes;
    this.saveNotes();
    this.apply(answers, { save: "check", notices: [{ kind: "info", key: "answersBack" }], place: "tools" });
    this.root.querySelector('[data-action="reset"]').focus();
  }

  importFile() {
    const input = this.parts.file;
    const file = input.files?.[0];
    if (!file) return;
    input.value = "";
    readFiles([file]).then(([picked]) => {
      if (picked.notice) {
        this.say([picked.notice], "tools");
        return;
      }
      const read = readImport(picked.text, this.model);
      if (answeredCount(read.answers, this.model) === 0) {
        this.say([...read.notices, { kind: "info", key: "notChanged" }], "tools");
        return;
      }
      const filled = { kind: "info", key: "fileFilled", values: { name: file.name } };
      const extras = readExtrasImport(picked.text, this.model, this.words);
      // The user's own answers, notes and targets go aside first, as for a share link.
      this.keepAside(this.load());
      this.setExtras(extras.notes, extras.targets);
      this.apply(read.answers, { notices: [...read.notices, ...extras.notices, filled], save: "replace", place: "tools" });
    });
  }

  copy() {
    copyField(this.parts.share, this.parts.copied, this.words);
  }

  download() {
    const record = { ...exportRecord(this.answers, this.model, score(this.answers, this.model), new Date()), ...extrasRecord(this.notes, this.targets, this.model) };
    offerDownload(`${JSON.stringify(record, null, 2)}\n`, "application/json", fileName([this.model.model, "assessment", this.notes.team, this.notes.name, this.notes.date || record.date.slice(0, 10)], "json"));
  }

  /** The plan as a file: "md" (a Markdown checklist) or "csv". */
  downloadPlan(kind) {
    const result = score(this.answers, this.model);
    const { steps, targets } = planFor(this.model, result, this.targets);
    // The date the user gave (notes), else today: the plan says whose and when, and so does its name.
    const date = this.notes.date ? new Date(`${this.notes.date}T00:00:00Z`) : new Date();
    const notes = this.notes.answers;
    // Loaded on the first download only: most visits never make one.
    import("./plan-export.js").then(
      ({ planCsv, planMarkdown }) => {
        const text = kind === "md" ? planMarkdown(steps, { ...planFacts(this.model, result, this.words, this.notes), date, notes }, this.words) : planCsv(steps, this.words, { targets, notes });
        offerDownload(text, kind === "md" ? "text/markdown" : "text/csv", fileName([this.model.model, "plan", this.notes.team, this.notes.name, date.toISOString().slice(0, 10)], kind));
      },
      (err) => this.say([{ kind: "warning", key: "planFailed", values: { reason: err.name } }], "result"),
    );
  }

  /** A target picker changed: keep the new targets, save them, draw, and keep the focus. */
  targetChanged(picker) {
    const id = picker.dataset.target;
    const all = picker.hasAttribute("data-target-all");
    if (id === undefined && !(all && picker.value)) return;
    this.targets = all ? targetsForLevel(this.model, this.answers, Number(picker.value)) : { ...this.targets, [id]: Number(picker.value) };
    const done = saved.write(targetsKey(this.model), targetsValue(this.targets));
    if (!done.ok) this.storageProblem(done.error);
    this.edited();
    this.render();
    this.parts.body.querySelector(all ? "[data-target-all]" : `[data-target="${id}"]`)?.focus();
  }

  /** Say these notices in region `place`, the answers staying as they are: the one change `apply` does not make. */
  say(notices, place) {
    this.notices = notices;
    this.place = place;
    this.drawNotices();
  }

  /**
   * Draw the notices into the region of `place` ("result" only while there is a result,
   * else "top") and empty the others; redrawn (and so read out) only when they change.
   * The undo and "Back to my answers" controls follow the state too.
   */
  drawNotices() {
    const { regions, report, aside, undo } = this.parts;
    const place = this.place === "result" && report.hidden ? "top" : this.place;
    undo.hidden = this.cleared === null;
    aside.hidden = this.asideText === null;
    // "Back to my answers" goes with the result while there is one (a shared link opens there).
    const anchor = [...regions].find((r) => r.dataset.notices === (report.hidden ? "top" : "result"));
    if (aside.previousElementSibling !== anchor) anchor.after(aside);
    if (this.notices === this.drawnNotices && place === this.drawnPlace) return;
    this.drawnNotices = this.notices;
    this.drawnPlace = place;
    for (const region of regions) region.replaceChildren(...(region.dataset.notices === place ? noticeNodes(this.notices, this.words) : []));
  }

  /** Draw the whole state: the form's choices, the notices, the status line and the report. */
  render() {
    const { form, status, report, share, copied } = this.parts;
    for (const radio of form.querySelectorAll("input[type=radio]")) {
      radio.checked = Object.hasOwn(this.answers, radio.name) && this.answers[radio.name] === answerOf(radio.value);
    }
    for (const field of this.root.querySelectorAll("[data-note], [data-context]")) {
      const value = field.dataset.note !== undefined ? (this.notes.answers[field.dataset.note] ?? "") : (this.notes[field.dataset.context] ?? "");
      if (field.value !== value) field.value = value;
    }
    const count = answeredCount(this.answers, this.model);
    const result = count < this.model.questions.length ? null : score(this.answers, this.model);
    copied.textContent = "";
    // Each unanswered question links to its heading (#q-<id>, made by templates/assessment.md.j2).
    const missing = this.model.questions
      .map((q, i) => ({ text: String(i + 1), label: q.dimension, href: `#q-${q.id}`, id: q.id }))
      .filter((m) => !Object.hasOwn(this.answers, m.id));
    status.replaceChildren(...statusNodes(this.model, count, result, missing, this.words));
    report.hidden = !result;
    this.drawNotices();
    this.drawExtras();
    if (!result) {
      delete status.dataset.score;
      delete status.dataset.level;
      delete this.root.dataset.complete;
      return;
    }
    // "none": too many questions are not scored for a level (scoring.js).
    status.dataset.score = String(result.total ?? "none");
    status.dataset.level = String(result.level ?? "none");
    this.root.dataset.complete = "";
    this.parts.body.replaceChildren(...reportNodes(this.model, result, this.words, { mismatch: this.mismatch, targets: this.targets }));
  }

  /**
   * Draw what follows the notes and targets: the share link (and the address, while it
   * holds one), what the link had to cut, the notes under the result and the print header.
   */
  drawExtras() {
    const { share, linkCut, printHead, notesView } = this.parts;
    const count = answeredCount(this.answers, this.model);
    const extras = extrasFragment(this.model, this.targets, this.notes, this.withNotes);
    const fragment = `${fragmentOf(this.answers, this.model)}${extras.text}`;
    if (this.linked) {
      const hash = count ? `#${fragment}` : "";
      if (location.hash !== hash) history.replaceState(history.state, "", location.pathname + location.search + hash);
    }
    const url = new URL(location.href);
    url.hash = fragment;
    share.value = url.href;
    share.setAttribute("data-share-url", url.href);
    linkCut.textContent = extras.cut ? fill(this.words.linkCut, { cut: extras.cut }) : "";
    notesView.replaceChildren(...notesNodes(this.model, this.notes, this.words));
    // On paper the notes are printed in full: the printed link goes without them, short.
    url.hash = `${fragmentOf(this.answers, this.model)}${extrasFragment(this.model, this.targets, this.notes, false).text}`;
    printHead.replaceChildren(...printHeadNodes(this.model, this.notes, url.href, this.words));
  }
}

/** The questionnaire of the current page view, if it has one. */
let active = null;

startPages("[data-assessment]", (root) => {
  active = init(root) ?? active;
});

// Added once per full page load (this module runs once), whatever the navigation.
window.addEventListener("hashchange", () => {
  if (active?.root.isConnected) active.hashChanged();
});
// Fired in this page when another tab or window of the site changes its storage.
window.addEventListener("storage", (event) => {
  if (active?.root.isConnected) active.storageChanged(event);
});
