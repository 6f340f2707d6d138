/*
 * Results over time: the opt-in history kept in this browser, and the comparison of
 * two results. Pure: strings and objects in, new plain objects out; no DOM, no storage
 * (progress-page.js does both), no clock (callers pass the date).
 *
 * History (localStorage, key `<model id>-history`): a JSON list, oldest first, of
 *     {"date": "2026-11-26T10:00:00.000Z", "version": "1.1.0", "answers": {...}}
 * An entry is answers and when they were kept; totals and levels are worked out again
 * on reading, so a hand-edited total cannot lie. An entry that is damaged, from another
 * model or MAJOR version, or incomplete cannot be compared here, but it is the user's:
 * it is kept as it is stored (`items`, in order, each either a read entry or
 * {unread: true, raw, date, version}), shown as such and named in a notice, and written
 * back unchanged by every later keep or delete, until the user deletes it. A stored text
 * that is not a list at all is `unreadable`: the page keeps nothing over it.
 *
 * Notices are {kind, key, values}: the page words them (templates/progress.md.j2).
 */

import { checkEntries, sourceNotices } from "./answers.js";
import { score } from "./scoring.js";

/** The most entries kept; keeping one more drops the oldest, and the page says so. */
export const MAX_ENTRIES = 100;
const MAX_TEXT = 200000;
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export const historyKey = (model) => `${model.model}-history`;

const complete = (answers, model) => model.questions.every((q) => Object.hasOwn(answers, q.id));

const unreadable = () => ({ entries: [], items: [], unreadable: true, notices: [{ kind: "warning", key: "historyUnreadable", values: {} }] });

/**
 * Read the stored history (a string, or null when there is none). Returns {entries:
 * [{date, version, answers, total, level, practical}], items, unreadable, notices}:
 * `entries` are the ones this page can compare, `items` all of the stored list in order
 * (the entries themselves, and the others as {unread, raw, date, version}).
 */
export function readHistory(text, model) {
  if (text === null || text === undefined) return { entries: [], items: [], unreadable: false, notices: [] };
  if (typeof text !== "string" || text.length > MAX_TEXT) return unreadable();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return unreadable();
  }
  if (!Array.isArray(data)) return unreadable();
  const items = data.map((raw) => readEntry(raw, model) ?? unreadItem(raw));
  const entries = items.filter((item) => !item.unread);
  const left = items.length - entries.length;
  return { entries, items, unreadable: false, notices: left ? [{ kind: "warning", key: "historyDropped", values: { n: left } }] : [] };
}

/** An entry this page cannot read, kept as it is; its date and version when it has them, for the list. */
function unreadItem(raw) {
  const has = (key) => typeof raw === "object" && raw !== null && !Array.isArray(raw) && Object.hasOwn(raw, key);
  return { unread: true, raw, date: has("date") && isDay(raw.date) ? raw.date : null, version: has("version") && typeof raw.version === "string" ? raw.version.slice(0, 20) : null };
}

/** An ISO date-time in UTC that exists on the calendar (V8 reads 2026-02-31 as March 3). */
function isDay(text) {
  if (typeof text !== "string" || !DATE.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text.slice(0, 10);
}

function readEntry(item, model) {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return null;
  if (!isDay(item.date)) return null;
  if (sourceNotices(model.model, item.version, model, "").some((n) => n.kind === "mismatch")) return null;
  if (typeof item.answers !== "object" || item.answers === null || Array.isArray(item.answers)) return null;
  const checked = checkEntries(Object.entries(item.answers), model, "");
  if (checked.notices.length || !complete(checked.answers, model)) return null;
  const { total, level, practical } = score(checked.answers, model);
  return { date: item.date, version: item.version, answers: checked.answers, total, level, practical };
}

/** The history's stored text: read entries as they are kept, the others exactly as they were stored. */
export function historyValue(items) {
  return JSON.stringify(items.map((item) => (item.unread ? item.raw : { date: item.date, version: item.version, answers: item.answers })));
}

/**
 * The history (`items`, readHistory's, read or not) with these (complete) answers kept
 * as of `date`, newest last. Returns {entries, notices}; past MAX_ENTRIES the oldest
 * goes, and a notice says so.
 */
export function keepResult(entries, answers, model, date) {
  const { total, level, practical } = score(answers, model);
  const added = [...entries, { date: date.toISOString(), version: model.version, answers: { ...answers }, total, level, practical }];
  if (added.length <= MAX_ENTRIES) return { entries: added, notices: [] };
  return { entries: added.slice(-MAX_ENTRIES), notices: [{ kind: "info", key: "historyFull", values: { max: MAX_ENTRIES } }] };
}

/**
 * Before -> after, both complete answers. Per dimension {id, before, after, change}
 * where change is "up", "down" or "same" between two points, and "incomparable" when
 * either side is "not applicable" or "don't know" (no points to compare); the totals and levels; and the steps done
 * since: for every dimension that went up, each option passed on the way, in order
 * ({id, points, text}).
 */
export function compareResults(before, after, model) {
  const a = score(before, model);
  const b = score(after, model);
  const dimensions = model.questions.map((q) => {
    const from = before[q.id];
    const to = after[q.id];
    // "na" and "dk" (scoring.js) are no points: only two numbers go up, down or stay.
    const both = Number.isInteger(from) && Number.isInteger(to);
    return { id: q.id, before: from, after: to, change: !both ? "incomparable" : to > from ? "up" : to < from ? "down" : "same" };
  });
  const done = model.questions.flatMap((q) =>
    q.options
      .filter((o) => Number.isInteger(before[q.id]) && o.points > before[q.id] && o.points <= after[q.id])
      .sort((x, y) => x.points - y.points)
      .map((o) => ({ id: q.id, points: o.points, text: o.text })),
  );
  return { dimensions, total: { before: a.total, after: b.total }, level: { before: a.level, after: b.level }, practical: { before: a.practical, after: b.practical }, done };
}
