/*
 * The team view's arithmetic: several people's answers in, one team picture out.
 * Pure: strings and objects in, new plain objects out; no DOM, no storage. The page
 * (team-page.js) reads files and links, and draws what `teamView` returns.
 *
 * Each input is read exactly as the questionnaire reads an import or a share link
 * (answers.js), so a bad one is named the same way. Then, per input:
 *   - the same text twice (the same file or link added again) counts once;
 *   - answers from another model or MAJOR content version are listed, not mixed in
 *     (their questions or points may mean something else);
 *   - answers that do not cover every question are listed, not mixed in (a median of
 *     some members on one dimension and others on the next would not be one team).
 * Members are labeled A, B, C ... in the order added (AA, AB ... after Z); a file may
 * carry a `name`, which the page shows only when the user asks it to.
 *
 * Per dimension: every member's points (null where a member answered "not applicable" or
 * "don't know"), and over the members who answered with an option the median, min, max
 * (null when none did: the team's answer is then "don't know"), and `discuss` when
 * members are `discussGap` or more points apart (content/questions.yml `discuss_gap`, passed by team.md.j2). The median of an even count is the lower of the
 * two middle answers, so it is always one of the options and the team's total (the sum
 * of the medians) falls in a band. The team's level is that total's band.
 *
 * Notices are {kind, key, values}, as answers.js's are (a value may be one of its
 * notices): the page words them from the texts it carries, so no sentence lives here.
 *
 * Team link: the members' answers (never names) in one fragment,
 *
 *     #team=genaiops@1.1.0&m=4444402&m=3244312
 *
 *   one `m` per member, one character per question in question order: its points as a
 *   base-36 digit, or `n` for "not applicable" and `k` for "don't know" (points stop at 4,
 *   content's schema says, so neither letter is ever a number here). When the user shows
 *   the members' names, each member with a name carries it after a `~`, percent-encoded
 *   (`m=4444402~Ana%20Lima`), read back under the same rules as a file's name.
 *   Opening it restores the members in a fresh browser; members keep their order.
 */

import { checkEntries, FROM, readImport, sourceNotices } from "./answers.js";
import { linkFragment, readLinkAnswers } from "./record.js";
import { DONT_KNOW, NOT_APPLICABLE, score } from "./scoring.js";
import { csvFile, markdownTable, markdownText } from "./export-text.js";
import { answerText, fill, levelText, unscoredText } from "./words.js";

/** The team link's letters for the two unscored answers. */
const LINK_LETTERS = Object.freeze({ [NOT_APPLICABLE]: "n", [DONT_KNOW]: "k" });
const LINK_ANSWERS = Object.freeze({ n: NOT_APPLICABLE, k: DONT_KNOW });

/** At most this many inputs are read; more are named in one notice. */
export const MAX_INPUTS = 1000;
/** A member's name is shown only if it is plain text of this length or less. */
export const MAX_NAME = 60;
/** At most this many members go into a team link (about 8 characters each). */
export const MAX_LINK_MEMBERS = 200;
// About 8 characters a member, and a name of MAX_NAME characters percent-encoded (9 each at most).
const LINK_TEXT = MAX_LINK_MEMBERS * (16 + 9 * MAX_NAME);

/** "A", "B", ... "Z", "AA", "AB", ... for member 0, 1, 2 ... */
export function memberLabel(index) {
  let label = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

/** The lower median of a non-empty list of numbers. */
export function lowerMedian(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** A member's name as the page may show it: trimmed plain text of MAX_NAME or less, or null. */
function plainName(value) {
  const name = typeof value === "string" ? value.trim() : "";
  // eslint-disable-next-line no-control-regex
  return name && name.length <= MAX_NAME && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name) ? name : null;
}

/** The optional `name` a file carries (assessment.js writes the member's name there), or null. */
function nameIn(text) {
  try {
    return plainName(JSON.parse(text)?.name);
  } catch {
    return null;
  }
}

/** "model@version" as a file states it (quoted as text, cut short), or "". */
function madeWith(text) {
  try {
    const data = JSON.parse(text);
    return `${String(data?.model ?? "?")}@${String(data?.version ?? "?")}`.slice(0, MAX_NAME);
  } catch {
    return "";
  }
}

/**
 * Read one input: {kind: "file" | "link", source, text}; `source` names it in notices
 * (a file name, or "link 3"). Returns {source, answers, name, notices, usable, why}
 * where `why` (when not usable) is a notice saying why it was left out.
 */
export function readInput(input, model) {
  const { kind, source, text } = input;
  if (kind === "answers") return { source, answers: input.answers, name: plainName(input.name), notices: [], usable: true, why: null };
  const read = kind === "file" ? readImport(text, model) : readLinkAnswers(text, model);
  const notices = read.notices ?? [];
  const name = kind === "file" ? nameIn(text) : plainName(read.name);
  const base = { source, answers: read.answers, name, notices };
  if (kind === "link" && read.found === false) return { ...base, usable: false, why: { kind: "warning", key: "notALink", values: { source } } };
  if (notices.some((n) => n.kind === "mismatch")) {
    const made = kind === "file" ? madeWith(text) : linkFragment(text).split("&")[0];
    return { ...base, usable: false, why: { kind: "warning", key: "otherVersion", values: { source, made: made || "?", page: `${model.model}@${model.version}` } } };
  }
  const answered = model.questions.filter((q) => Object.hasOwn(read.answers, q.id)).length;
  const problem = notices.find((n) => n.kind === "warning");
  if (answered === 0 && problem) return { ...base, usable: false, why: { kind: "warning", key: "unreadable", values: { source, reason: problem } } };
  if (answered < model.questions.length) {
    return { ...base, usable: false, why: { kind: "warning", key: "incomplete", values: { source, answered, all: model.questions.length } } };
  }
  return { ...base, usable: true, why: null };
}

/**
 * The team's answer on a dimension: the median's points; with no member's points, "not
 * applicable" when every member said so, else "don't know".
 */
export const teamAnswer = (dimension, members) =>
  dimension.median ?? (members.length && members.every((m) => m.answers[dimension.id] === NOT_APPLICABLE) ? NOT_APPLICABLE : DONT_KNOW);

/**
 * The team picture for a list of inputs, in the order added.
 * Returns {members, left, notices, dimensions, total, level, levels} where
 *   members    [{label, name, source, answers, total, level, practical}] the inputs that count
 *              (`practical`: the level in practice, lower than `level` when held back)
 *   left       [{source, why}] the inputs listed but not counted
 *   notices    duplicates and the input cap, as {kind, key, values}
 *   dimensions [{id, points: [per member], median, min, max, discuss}] in question order
 *   total, level  from the medians (null with no members)
 *   result     scoring.js's result for the medians (the held-back rule included), or null
 *   levels     [{level, members: [label, ...]}] the spread of individual levels, low to high
 */
export function teamView(inputs, model, discussGap) {
  const notices = [];
  const kept = inputs.slice(0, MAX_INPUTS);
  if (inputs.length > MAX_INPUTS) notices.push({ kind: "warning", key: "tooMany", values: { max: MAX_INPUTS, ignored: inputs.length - MAX_INPUTS } });
  const seen = new Map();
  const members = [];
  const left = [];
  for (const input of kept) {
    const key = `${input.kind}\u0000${String(input.text ?? "").trim()}`;
    if (seen.has(key)) {
      notices.push({ kind: "info", key: "duplicate", values: { source: input.source, first: seen.get(key) } });
      continue;
    }
    seen.set(key, input.source);
    const read = readInput(input, model);
    if (!read.usable) {
      left.push({ source: read.source, why: read.why });
      continue;
    }
    const result = score(read.answers, model);
    members.push({ label: memberLabel(members.length), name: read.name, source: read.source, answers: read.answers, total: result.total, level: result.level, practical: result.practical });
  }
  const dimensions = model.questions.map((q) => {
    const points = members.map((m) => (Number.isInteger(m.answers[q.id]) ? m.answers[q.id] : null));
    const scored = points.filter((p) => p !== null);
    if (!scored.length) return { id: q.id, points, median: null, min: null, max: null, discuss: false };
    const min = Math.min(...scored);
    const max = Math.max(...scored);
    return { id: q.id, points, median: lowerMedian(scored), min, max, discuss: max - min >= discussGap };
  });
  const result = members.length ? score(Object.fromEntries(dimensions.map((d) => [d.id, teamAnswer(d, members)])), model) : null;
  const total = result?.total ?? null;
  const level = result?.level ?? null;
  const levels = model.levels
    .map((l) => ({ level: l.number, members: members.filter((m) => m.level === l.number).map((m) => m.label) }))
    .filter((l) => l.members.length);
  return { members, left, notices, dimensions, total, level, result, levels };
}

/**
 * The team link's fragment (without "#") for these members, or "" with no members;
 * `withNames`: each member's name goes in too (only when the user shows the names).
 */
export function teamFragment(members, model, withNames = false) {
  if (!members.length) return "";
  const code = (m) => model.questions.map((q) => LINK_LETTERS[m.answers[q.id]] ?? m.answers[q.id].toString(36)).join("");
  const name = (m) => (withNames && m.name ? `~${encodeURIComponent(m.name)}` : "");
  return [`team=${model.model}@${model.version}`, ...members.slice(0, MAX_LINK_MEMBERS).map((m) => `m=${code(m)}${name(m)}`)].join("&");
}

/** A name after `~` in a team link's member, decoded and checked as a file's is, or null. */
function linkName(encoded) {
  try {
    return encoded === undefined ? null : plainName(decodeURIComponent(encoded));
  } catch {
    return null;
  }
}

/** A member's part of a team link: [answers, encoded name or undefined]. */
function splitName(part) {
  const at = part.indexOf("~");
  return at < 0 ? [part] : [part.slice(0, at), part.slice(at + 1)];
}

/**
 * Read a team link's fragment. Returns {found, inputs, notices}: `found` is false when
 * the fragment is not a team link; `inputs` are {kind: "answers", source, answers, name,
 * text} for teamView, one per well-formed member, in order (a damaged name is no name).
 */
export function readTeamFragment(hash, model) {
  const text = String(hash ?? "").replace(/^#/, "");
  if (!text.startsWith("team=")) return { found: false, inputs: [], notices: [] };
  if (text.length > LINK_TEXT) return { found: true, inputs: [], notices: [{ kind: "warning", key: "linkTooLong", values: { max: MAX_LINK_MEMBERS } }] };
  const [head, ...parts] = text.split("&");
  const made = head.slice("team=".length);
  const at = made.indexOf("@");
  const source = sourceNotices(at < 0 ? made : made.slice(0, at), at < 0 ? undefined : made.slice(at + 1), model, FROM.teamLink);
  if (source.some((n) => n.kind === "mismatch")) {
    return { found: true, inputs: [], notices: [{ kind: "warning", key: "linkOtherVersion", values: { made: made.slice(0, 60), page: `${model.model}@${model.version}` } }] };
  }
  const inputs = [];
  let bad = 0;
  for (const part of parts) {
    const [code, name] = part.startsWith("m=") ? splitName(part.slice(2)) : [""];
    const digits = [...code].map((c) => LINK_ANSWERS[c] ?? (/^[0-9a-z]$/.test(c) ? parseInt(c, 36) : NaN));
    const checked = digits.length === model.questions.length && digits.every((d) => !Number.isNaN(d)) ? checkEntries(model.questions.map((q, i) => [q.id, digits[i]]), model, "") : null;
    if (!checked || checked.notices.length) {
      bad += 1;
      continue;
    }
    inputs.push({ kind: "answers", source: String(inputs.length + 1), answers: checked.answers, name: linkName(name), text: `${inputs.length}:${code}` });
  }
  const notices = [];
  if (bad) notices.push({ kind: "warning", key: "linkBadMembers", values: { bad } });
  if (!inputs.length) notices.push({ kind: "warning", key: "linkEmpty", values: {} });
  return { found: true, inputs, notices };
}

/**
 * The team summary as a plain record (JSON export), and as CSV and Markdown tables.
 * `labels` are the member labels shown (names included when the user shows them).
 * `words` holds the column names (the page's texts).
 */
export function teamRecord(view, model, labels, date) {
  return {
    model: model.model,
    version: model.version,
    edition: model.edition.id,
    date: date.toISOString(),
    members: view.members.map((m, i) => ({ label: labels[i], total: m.total, level: m.level, practical: m.practical, answers: { ...m.answers } })),
    dimensions: view.dimensions.map((d) => ({ id: d.id, dimension: model.questions.find((q) => q.id === d.id).dimension, points: d.points, median: d.median, min: d.min, max: d.max, discuss: d.discuss })),
    total: view.total,
    level: view.level,
    practical: view.result?.practical ?? null,
  };
}

/**
 * The summary's cells: a member's answer as a reader sees it (points, or "not applicable"
 * / "don't know" in the form's words, never blank, never a code); the median column is the
 * team's answer (`teamAnswer`); no lowest or highest is a dash. Under the dimensions, the
 * total (a member's own, scaled like any result when some answers score nothing, so it
 * may differ from the column's sum; the team's is the total of the medians) and the level
 * (both levels when the held-back rule applies: words.js levelText).
 */
function summaryRows(view, model, labels, words) {
  const head = [words.dimension, ...labels, words.median, words.min, words.max, words.discuss];
  const rows = view.dimensions.map((d) => [
    model.questions.find((q) => q.id === d.id).dimension,
    ...view.members.map((m) => answerText(model, m.answers[d.id])),
    answerText(model, teamAnswer(d, view.members)),
    answerText(model, d.min),
    answerText(model, d.max),
    d.discuss ? words.yes : words.no,
  ]);
  const total = [words.total, ...view.members.map((m) => answerText(model, m.total)), answerText(model, view.total), "", "", ""];
  const level = [words.level, ...view.members.map((m) => levelText(model, m, words)), levelText(model, view.result ?? {}, words), "", "", ""];
  return [head, ...rows, total, level];
}

/** Whether some total is not the sum of its column: a member's (or the team's) answers hold "not applicable" or "don't know". */
const scaledTotals = (view) => view.dimensions.some((d) => d.points.some((p) => p === null));

/**
 * The sentences a summary file says about the table: the team's total and level (or why
 * it has none), and, when some total is scaled, why it differs from its column's sum.
 */
function summaryLines(view, model, words) {
  if (!view.result) return [];
  const team = view.level === null ? unscoredText(model, view.result) : fill(words.teamResult, { total: view.total, max: model.total.max, level: levelText(model, view.result, words) });
  const scaled = scaledTotals(view) ? [fill(words.totalScaled, { not_applicable: model.unscored.not_applicable, dont_know: model.unscored.dont_know })] : [];
  return [team, ...scaled].filter(Boolean);
}

/** The summary as CSV (export-text.js: quoted, never a formula, a byte-order mark); the sentences in rows of one cell after the table. */
export function teamCsv(view, model, labels, words) {
  return csvFile([...summaryRows(view, model, labels, words), ...summaryLines(view, model, words).map((line) => [line])]);
}

/** The summary as Markdown (export-text.js: every cell and sentence shown as written): a heading, the table, the sentences. */
export function teamMarkdown(view, model, labels, words, date = new Date()) {
  const [head, ...rows] = summaryRows(view, model, labels, words);
  const title = fill(words.summaryTitle, { date: date.toISOString().slice(0, 10), version: model.version });
  return `${[`## ${markdownText(title)}`, "", markdownTable(head, rows), "", ...summaryLines(view, model, words).map((line) => `${markdownText(line)}  `)].join("\n")}\n`;
}
