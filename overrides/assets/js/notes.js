/*
 * What travels beside the answers: the notes (a team name, a date, a note per answer)
 * and the targets set on purpose (roadmap.js). Pure: strings and objects in, new plain
 * objects out; no DOM, no storage, no clock. answers.js keeps the answers; this module
 * keeps everything else, so neither format has to know the other.
 *
 * Notes: {team: "", date: "" or "YYYY-MM-DD", answers: {question id: "text"}}, and `name`
 * (the member's own name, optional, only when given), text only,
 * each cut at LIMITS (team, note); control characters other than line breaks and tabs
 * are dropped. Saved in this browser under `<model id>-notes` as that object's JSON.
 *
 * Share link: extra parts after the answers, keyed "_t", "_team", "_date" or "_n.<id>"
 * (a question id never starts with "_", schema/defs.schema.json), taken out before
 * answers.js reads the rest (which names any other part it does not know):
 *     &_t=models.3,safety.4            the targets set on purpose, "<id>.<points>"
 *     &_team=Platform%20team&_date=2026-11-26&_n.models=Pinned%20in%20ADR-12
 *                                      the notes, only when the user asks for them,
 *                                      percent-encoded, at most LIMITS.link characters
 *                                      in all (cut, and the cut counted, beyond)
 * Downloaded file: {"notes": {team, date, answers}, "targets": {id: points}} beside
 * answers.js's record.
 *
 * Invariants: readers never throw and return {targets, notes, notices}; only the page's
 * own question ids are copied (keys such as "__proto__" never are); every part left out
 * or cut is named in a notice, worded from the page's texts (`words`, {name} filled in).
 */

import { fill } from "./words.js";

export const LIMITS = Object.freeze({ team: 80, note: 500, link: 1500, fragment: 8000, stored: 40000 });

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DIGITS = /^(0|[1-9]\d{0,2})$/;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// Half a surrogate pair: not text (encodeURIComponent throws on it), so it becomes U+FFFD.
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAX_PARTS = 200;

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const quote = (value) => JSON.stringify(String(value).slice(0, 40));
const names = (list) => list.slice(0, 3).map(quote).join(", ") + (list.length > 3 ? ` +${list.length - 3}` : "");

/** No notes. */
export const emptyNotes = () => ({ team: "", date: "", answers: {} });

/** The localStorage key for the model's notes. */
export const notesKey = (model) => `${model.model}-notes`;

/** Whether `notes` hold anything. */
export const hasNotes = (notes) => Boolean(notes.team || notes.name || notes.date || Object.keys(notes.answers).length);

/** The first `max` characters (code points, so no pair is split) of `text`. */
const first = (text, max) => Array.from(text).slice(0, max).join("");

/** `value` as note text at most `max` characters long, and whether it was cut; null if not text. */
function noteText(value, max) {
  if (typeof value !== "string") return null;
  const text = value.replace(CONTROL, "").replace(LONE, "\ufffd").trim();
  const kept = first(text, max);
  return { text: kept, cut: kept.length < text.length };
}

/**
 * Notes from any value (a parsed file or saved copy): the parts that fit the page, and
 * one notice naming the rest (`from` names the source in it).
 */
export function cleanNotes(data, model, words, from) {
  const notes = emptyNotes();
  if (data === undefined) return { notes, notices: [] };
  const bad = [];
  const cut = [];
  if (!isRecord(data)) return { notes, notices: [{ kind: "warning", text: fill(words.notesBad, { from, names: quote("notes") }) }] };
  for (const field of ["team", "name", "date"]) {
    if (!Object.hasOwn(data, field) || data[field] === "") continue;
    const read = noteText(data[field], LIMITS.team);
    if (!read || (field === "date" && !DATE.test(read.text))) bad.push(field);
    else {
      notes[field] = read.text;
      if (read.cut) cut.push(field);
    }
  }
  const given = Object.hasOwn(data, "answers") ? data.answers : {};
  if (!isRecord(given)) bad.push("answers");
  else {
    const entries = Object.entries(given);
    if (entries.length > MAX_PARTS) bad.push("answers");
    else {
      const own = new Map(entries);
      for (const [id] of entries) if (!model.questions.some((q) => q.id === id)) bad.push(id);
      for (const q of model.questions) {
        if (!own.has(q.id)) continue;
        const read = noteText(own.get(q.id), LIMITS.note);
        if (!read) bad.push(q.id);
        else if (read.text) {
          notes.answers[q.id] = read.text;
          if (read.cut) cut.push(q.dimension);
        }
      }
    }
  }
  const notices = [];
  if (bad.length) notices.push({ kind: "warning", text: fill(words.notesBad, { from, names: names(bad) }) });
  if (cut.length) notices.push({ kind: "warning", text: fill(words.notesCut, { from, names: names(cut), max: LIMITS.note }) });
  return { notes, notices };
}

/** Targets from any value: the {id: points} that are one of their question's options. */
export function cleanTargets(data, model, words, from) {
  if (data === undefined) return { targets: {}, notices: [] };
  const entries = isRecord(data) ? Object.entries(data) : [["targets", data]];
  const targets = {};
  const bad = [];
  for (const [id, points] of entries.slice(0, MAX_PARTS)) {
    const q = model.questions.find((x) => x.id === id);
    if (q && Number.isInteger(points) && q.options.some((o) => o.points === points)) targets[q.id] = points;
    else bad.push(`${id}.${typeof points === "number" ? points : "?"}`);
  }
  if (entries.length > MAX_PARTS) bad.push("…");
  return { targets, notices: bad.length ? [{ kind: "warning", text: fill(words.targetsBad, { from, names: names(bad) }) }] : [] };
}

/** The JSON text saved in this browser for `notes`. */
export const notesValue = (notes) => JSON.stringify(notes);

/** Read the saved notes (a string, or null when none are saved). */
export function readNotes(text, model, words) {
  if (text === null || text === undefined) return { notes: emptyNotes(), notices: [] };
  const from = words.fromStored;
  const data = parse(text, LIMITS.stored);
  if (!data.ok) return { notes: emptyNotes(), notices: [{ kind: "warning", text: fill(words.notesUnreadable, { from }) }] };
  return cleanNotes(data.value, model, words, from);
}

function parse(text, limit) {
  if (typeof text !== "string" || text.length > limit) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // Not JSON (or nested too deeply): the caller says so; nothing else to do with it.
    return { ok: false };
  }
}

/** The notes and targets of a downloaded file, to add to answers.js's record. */
export function extrasRecord(notes, targets, model) {
  const answers = Object.fromEntries(model.questions.filter((q) => notes.answers[q.id]).map((q) => [q.id, notes.answers[q.id]]));
  // The member's name also goes at the top, where the team view reads it (team.js).
  const name = notes.name?.trim() ? { name: notes.name.trim() } : {};
  return { ...name, notes: { team: notes.team, ...name, date: notes.date, answers }, targets: { ...targets } };
}

/** Read an imported file's notes and targets (the file's text; answers.js reads its answers). */
export function readExtrasImport(text, model, words) {
  const from = words.fromFile;
  const data = parse(text, Infinity);
  if (!data.ok || !isRecord(data.value)) return { notes: emptyNotes(), targets: {}, notices: [] };
  const notes = cleanNotes(data.value.notes, model, words, from);
  const targets = cleanTargets(data.value.targets, model, words, from);
  return { notes: notes.notes, targets: targets.targets, notices: [...notes.notices, ...targets.notices] };
}

const EXTRA = /^_(t|team|name|date|n\.[^=]*)(=|$)/;

/**
 * A share link's fragment (without "#") split in two: `answers`, the fragment answers.js
 * reads, and `extras`, the [key, value] parts this module reads.
 */
export function splitFragment(hash) {
  const text = String(hash ?? "").replace(/^#/, "");
  const parts = text.split("&");
  const mine = (part) => EXTRA.test(part);
  const extras = parts.filter(mine).map((part) => {
    const eq = part.indexOf("=");
    return eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
  });
  return { answers: parts.filter((part) => !mine(part)).join("&"), extras };
}

function decoded(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    // A broken %-escape: the part is named in a notice by the caller.
    return null;
  }
}

/**
 * Read a link's extra parts (splitFragment's `extras`): {targets, notes, notices}.
 * Anything that does not fit is left out and named.
 */
export function readExtras(extras, model, words) {
  const from = words.fromLink;
  const none = { targets: {}, notes: emptyNotes(), notices: [] };
  if (!extras.length) return none;
  const size = extras.reduce((n, [k, v]) => n + k.length + v.length + 2, 0);
  if (size > LIMITS.fragment || extras.length > MAX_PARTS) return { ...none, notices: [{ kind: "warning", text: fill(words.extrasTooLong, { from }) }] };
  const notes = {};
  const answers = [];
  let targets;
  for (const [key, value] of extras) {
    if (key === "_t") targets = value;
    else if (key === "_team" || key === "_name" || key === "_date") notes[key.slice(1)] = decoded(value);
    else if (key.startsWith("_n.")) answers.push([key.slice(3), decoded(value)]);
  }
  // fromEntries makes own keys only, "__proto__" included: nothing reaches a prototype.
  if (answers.length) notes.answers = Object.fromEntries(answers);
  const read = cleanNotes(Object.keys(notes).length ? notes : undefined, model, words, from);
  const pairs = targets === undefined ? undefined : Object.fromEntries(targetPairs(targets));
  const aims = cleanTargets(pairs, model, words, from);
  return { targets: aims.targets, notes: read.notes, notices: [...read.notices, ...aims.notices] };
}

/** "models.3,safety.4" as [id, points] pairs; a part that is not "<id>.<digits>" keeps its text as points. */
function targetPairs(text) {
  return text.split(",").map((part) => {
    const dot = part.lastIndexOf(".");
    const points = part.slice(dot + 1);
    return dot < 1 ? [part || "?", part] : [part.slice(0, dot), DIGITS.test(points) ? Number(points) : points];
  });
}

/**
 * The extra parts of a share link, "&_t=..." and (with `withNotes`) the notes: {text,
 * cut}, where `cut` counts the characters of notes that did not fit in LIMITS.link.
 */
export function extrasFragment(model, targets, notes, withNotes) {
  const aims = model.questions.filter((q) => Object.hasOwn(targets, q.id)).map((q) => `${q.id}.${targets[q.id]}`);
  let text = aims.length ? `&_t=${aims.join(",")}` : "";
  let cut = 0;
  if (!withNotes) return { text, cut };
  const items = [
    ["_team", notes.team],
    ["_name", notes.name],
    ["_date", notes.date],
    ...model.questions.map((q) => [`_n.${q.id}`, notes.answers[q.id]]),
  ].filter(([, value]) => value);
  let room = LIMITS.link;
  for (const [key, value] of items) {
    let keep = value;
    while (keep && `&${key}=${encodeURIComponent(keep)}`.length > room) keep = first(keep, Math.floor(Array.from(keep).length * 0.9) - 1);
    cut += value.length - keep.length;
    if (!keep) continue;
    const part = `&${key}=${encodeURIComponent(keep)}`;
    room -= part.length;
    text += part;
  }
  return { text, cut };
}
