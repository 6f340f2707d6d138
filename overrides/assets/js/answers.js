/*
 * Answers in and out of the page: the share link, the copy saved in this browser,
 * and the downloaded JSON file. Pure: strings and objects in, new plain objects out;
 * no DOM, no storage, no clock (callers pass the date).
 *
 * Share link: the answers go after the "#" (browsers never send that part to a server):
 *
 *     #genaiops@1.0.0&models=3&prompts=2&grounding=1&evaluation=4&deployment=0&monitoring=2&safety=3
 *
 *   - first `<model id>@<content version>`, then `<question id>=<answer>` for each
 *     answered question, in question order; unanswered questions are left out;
 *   - an answer is an option's points, or `na` (not applicable: only on a question whose
 *     `not_applicable` is true) or `dk` (don't know), both lowercase (`models=dk`); a model
 *     without questions.yml's `unscored` block takes neither;
 *   - the first part has no "=", so it can never be taken for a question;
 *   - a fragment with neither "=" nor "@" is an ordinary anchor (#your-result): not read.
 *
 * Saved copy (localStorage, key `<model id>-assessment`) and downloaded file: a JSON object
 *     {"model": "genaiops", "version": "2.0.0", "answers": {"models": 3, "grounding": "na", ...}}
 *   with the same answers as the link: points as JSON numbers, "na" and "dk" as strings.
 *   The download adds edition, date, dimensions, total and level (both null when too many
 *   questions are not scored), and the counts `not_applicable` and `dont_know`, for people
 *   and other tools; reading one back uses model, version and answers only and recomputes
 *   the rest. Files and links of 1.x (numbers only) read as before.
 *
 * Invariants: every reader returns {answers, notices} and never throws; `answers` holds
 * only the page's own question ids, in question order, each with an integer that is one
 * of that question's option points, or "na" / "dk" where that question takes it;
 * everything left out is named in a notice:
 *   {kind: "warning",  key, values}  part or all of the input was ignored
 *   {kind: "mismatch", key, values}  the answers come from another model or MAJOR content
 *                                    version: they are used, and the result says its
 *                                    level may differ
 *   {kind: "info",     key, values}  worth knowing, nothing was lost
 * A notice is worded by the page (dom.js `say`): `key` names its words in content/ui.yml's
 * `answers` group, `values` fill them in, and `from` (which input it is about) is a
 * phrase of that group too ({key}, e.g. FROM.link), which callers may pass in.
 */

import { phrase } from "./words.js";
import { DONT_KNOW, NOT_APPLICABLE, score } from "./scoring.js";

/** Longest input read, in characters. Real ones are a few hundred. */
export const LIMITS = Object.freeze({ fragment: 1000, stored: 10000, file: 100000 });

const MAX_ENTRIES = 100;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const DIGITS = /^(0|[1-9]\d{0,2})$/;
const LEVELS_MAY_DIFFER = phrase("levelsMayDiffer");

/** Where answers come from, as the notices name it. */
export const FROM = Object.freeze({
  link: phrase("fromLink"),
  file: phrase("fromFile"),
  saved: phrase("fromSaved"),
  form: phrase("fromForm"),
  teamLink: phrase("fromTeamLink"),
});

const notice = (kind, key, values = {}) => ({ kind, key, values });
const none = (...notices) => ({ answers: {}, notices });

const QUOTE_LENGTH = 40;
const QUOTE_DEPTH = 3;

/**
 * A piece of untrusted input, short enough to quote in a sentence: JSON text cut at
 * QUOTE_LENGTH characters. Never throws and does bounded work whatever the input: it
 * walks at most QUOTE_DEPTH levels into arrays and objects ("…" beyond) and stops once
 * it has enough text (JSON.stringify on deeply nested input throws a RangeError).
 */
function quoted(value) {
  if (typeof value === "string") return `"${value.length > QUOTE_LENGTH ? `${value.slice(0, QUOTE_LENGTH)}…` : value}"`;
  const text = preview(value, QUOTE_DEPTH);
  return text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text;
}

/** JSON-like text of `value`, `depth` levels deep, a little over QUOTE_LENGTH at most. */
function preview(value, depth) {
  if (typeof value !== "object" || value === null) return String(JSON.stringify(value));
  const open = Array.isArray(value) ? "[" : "{";
  const close = Array.isArray(value) ? "]" : "}";
  if (depth === 0) return `${open}…${close}`;
  let text = open;
  for (const key of Object.keys(value)) {
    if (text.length > QUOTE_LENGTH) break;
    const item = preview(value[key], depth - 1);
    text += (text === open ? "" : ",") + (Array.isArray(value) ? item : `${JSON.stringify(key)}:${item}`);
  }
  return text + close;
}

function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The answer a piece of text (a link's value, a radio button's value) stands for: the
 * number for plain digits, else the text itself, for checkEntries to accept or name.
 */
export function answerOf(text) {
  return DIGITS.test(text) ? Number(text) : text;
}

/** The answers question `q` takes: its options' points, then "na" and "dk" where allowed. */
export function allowedAnswers(q, model) {
  const unscored = model.unscored ? [...(q.not_applicable ? [NOT_APPLICABLE] : []), DONT_KNOW] : [];
  return [...q.options.map((o) => o.points), ...unscored];
}

/** How many of the page's questions `answers` answers. */
export function answeredCount(answers, model) {
  return model.questions.filter((q) => Object.hasOwn(answers, q.id)).length;
}

/**
 * Notices about where answers come from: another model, no or another content version.
 * Scoring changes only with a new MAJOR version (CONTRIBUTING.md), so a different MINOR
 * or PATCH version is only worth an "info".
 */
export function sourceNotices(modelId, version, model, from) {
  const more = LEVELS_MAY_DIFFER;
  if (modelId === undefined) return [notice("mismatch", "noModel", { from, more })];
  if (modelId !== model.model) return [notice("mismatch", "otherModel", { from, theirs: quoted(modelId), ours: model.model, more })];
  if (version === undefined) return [notice("mismatch", "noVersion", { from, more })];
  const theirs = typeof version === "string" ? SEMVER.exec(version) : null;
  if (!theirs) return [notice("mismatch", "badVersion", { from, version: quoted(version), more })];
  if (version === model.version) return [];
  const ours = SEMVER.exec(model.version);
  if (!ours || theirs[1] !== ours[1]) return [notice("mismatch", "otherMajor", { from, version, ours: model.version, more })];
  return [notice("info", "otherMinor", { from, version, ours: model.version })];
}

/**
 * Keep the [question id, points] pairs that fit the model; name every other one.
 * `entries` may hold anything (keys such as "__proto__" included): only the model's
 * own ids are ever copied into the result.
 */
export function checkEntries(entries, model, from) {
  if (entries.length > MAX_ENTRIES) {
    return none(notice("warning", "tooManyAnswers", { from, n: entries.length }));
  }
  const given = new Map(entries);
  const notices = [];
  const unknown = [...given.keys()].filter((id) => !model.questions.some((q) => q.id === id));
  if (unknown.length) {
    notices.push(notice("warning", "unknownQuestions", { from, names: someOf(unknown) }));
  }
  const answers = {};
  for (const q of model.questions) {
    if (!given.has(q.id)) continue;
    const points = given.get(q.id);
    const allowed = allowedAnswers(q, model);
    if (allowed.includes(points)) {
      answers[q.id] = points;
    } else {
      notices.push(notice("warning", "notAnOption", { from, value: quoted(points), dimension: q.dimension, options: allowed.join(", ") }));
    }
  }
  return { answers, notices };
}

/** The first three of `list`, quoted, and a phrase saying how many more there are. */
function someOf(list) {
  const names = list.slice(0, 3).map(quoted).join(", ");
  return list.length > 3 ? phrase("andMore", { names, n: list.length - 3 }) : names;
}

/** The share-link fragment (without "#") for these answers. */
export function fragmentOf(answers, model) {
  const pairs = model.questions.filter((q) => Object.hasOwn(answers, q.id)).map((q) => `${q.id}=${answers[q.id]}`);
  return [`${model.model}@${model.version}`, ...pairs].join("&");
}

/**
 * Read a share link's fragment (`location.hash`, with or without "#").
 * Returns {found, answers, notices}; `found` is false for an ordinary anchor.
 */
export function readFragment(hash, model) {
  const text = String(hash ?? "").replace(/^#/, "");
  if (!text.includes("=") && !text.includes("@")) return { found: false, ...none() };
  const from = FROM.link;
  if (text.length > LIMITS.fragment) return { found: true, ...none(notice("warning", "fragmentTooLong", { from, n: text.length })) };
  const parts = text.split("&").filter((part) => part !== "");
  const head = parts[0] && !parts[0].includes("=") ? parts.shift() : "";
  const at = head.indexOf("@");
  const notices = sourceNotices(head ? (at < 0 ? head : head.slice(0, at)) : undefined, at < 0 ? undefined : head.slice(at + 1), model, from);

  const pairs = [];
  const malformed = [];
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 1) malformed.push(part);
    else pairs.push([part.slice(0, eq), part.slice(eq + 1)]);
  }
  if (malformed.length) {
    notices.push(notice("warning", "malformed", { from, names: someOf(malformed) }));
  }
  const counts = new Map();
  for (const [id] of pairs) counts.set(id, (counts.get(id) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  if (twice.length) {
    notices.push(notice("warning", "answeredTwice", { from, names: someOf(twice) }));
  }
  const entries = pairs.filter(([id]) => counts.get(id) === 1).map(([id, value]) => [id, answerOf(value)]);
  const checked = checkEntries(entries, model, from);
  if (answeredCount(checked.answers, model) === 0) return { found: true, ...unusable(from, [...notices, ...checked.notices]) };
  notices.push(...checked.notices, ...coverageNotices(checked.answers, model, from));
  return { found: true, answers: checked.answers, notices };
}

/**
 * A link none of whose answers can be used: one notice, with the reasons that apply
 * (the warnings; a note on its model or version would speak of answers there are none of).
 */
function unusable(from, notices) {
  const reasons = notices.filter((n) => n.kind === "warning");
  return none(reasons.length ? notice("warning", "notValidLinkBecause", { from, reasons }) : notice("warning", "notValidLink", { from }));
}

function coverageNotices(answers, model, from) {
  const n = answeredCount(answers, model);
  if (n === 0) return [notice("warning", "noneUsable", { from })];
  if (n < model.questions.length) return [notice("info", "answersSome", { from, n, all: model.questions.length })];
  return [];
}

/** The JSON text saved in this browser for these answers. */
export function storedValue(answers, model) {
  return JSON.stringify({ model: model.model, version: model.version, answers: { ...answers } });
}

/** The localStorage key for the model's answers. */
export function storageKey(model) {
  return `${model.model}-assessment`;
}

/** Read the saved copy (`localStorage.getItem`: a string, or null when nothing is saved). */
export function readStored(text, model) {
  if (text === null || text === undefined) return none();
  const { answers, notices } = readRecord(text, model, FROM.saved, LIMITS.stored);
  return { answers, notices };
}

/**
 * Read a downloaded file back. A total or level that its answers do not add up to
 * (an edited file) is named in a notice; the answers win.
 */
export function readImport(text, model) {
  const from = FROM.file;
  const { answers, notices, data } = readRecord(text, model, from, LIMITS.file);
  if (!data) return { answers, notices };
  if (answeredCount(answers, model) < model.questions.length) {
    return { answers, notices: [...notices, ...coverageNotices(answers, model, from)] };
  }
  const actual = score(answers, model);
  if ((Object.hasOwn(data, "total") && data.total !== actual.total) || (Object.hasOwn(data, "level") && data.level !== actual.level)) {
    notices.push(notice("info", "totalDiffers", { from, total: quoted(data.total), level: quoted(data.level), actualTotal: actual.total, actualLevel: actual.level }));
  }
  return { answers, notices };
}

/** A file's size in bytes is known before it is read: refuse huge ones early (`name` names it). */
export function fileSizeNotice(bytes, name = "") {
  return bytes > LIMITS.file ? notice("warning", "fileTooLarge", { name, bytes }) : null;
}

function readRecord(text, model, from, limit) {
  if (typeof text !== "string") return none(notice("warning", "notText", { from }));
  if (text.length > limit) return none(notice("warning", "textTooLarge", { from, n: text.length }));
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // Some engines give up on deeply nested text with a RangeError (stack exhausted).
    if (err instanceof RangeError) return none(notice("warning", "tooDeep", { from }));
    return none(notice("warning", "notJson", { from, reason: String(err?.message).slice(0, 80) }));
  }
  if (!isRecord(data)) return none(notice("warning", "notObject", { from }));
  if (!Object.hasOwn(data, "answers") || !isRecord(data.answers)) return none(notice("warning", "noAnswers", { from }));
  const notices = sourceNotices(data.model, data.version, model, from);
  const checked = checkEntries(Object.entries(data.answers), model, from);
  return { answers: checked.answers, notices: [...notices, ...checked.notices], data };
}

/**
 * The downloaded JSON: what was answered and what it scored. `result` is score()'s
 * output for these answers; `date` is when the file was made.
 */
export function exportRecord(answers, model, result, date) {
  const names = new Map(model.questions.map((q) => [q.id, q.dimension]));
  return {
    model: model.model,
    version: model.version,
    edition: model.edition.id,
    date: date.toISOString(),
    answers: Object.fromEntries(model.questions.map((q) => [q.id, answers[q.id]])),
    dimensions: result.dimensions.map((d) => ({ id: d.id, dimension: names.get(d.id), points: d.points, max: d.max })),
    total: result.total,
    level: result.level,
    not_applicable: result.notApplicable,
    dont_know: result.dontKnow,
  };
}
