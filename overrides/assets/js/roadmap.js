/*
 * The plan: a target per dimension, and the steps from today's answers up to them.
 * Pure: the model and plain objects in, new plain objects out; no DOM, no storage.
 *
 * Targets are {question id: points}, each one of that question's option points. A
 * dimension without a usable target (none set, or one below today's answer) aims one
 * option up, or stays where it is at the top; one that holds the level back (the model's
 * held_back rule) aims at least at the first option out of the weak range. A target
 * equal to today's answer means no steps there. A dimension answered "not applicable" or
 * "don't know" (scoring.js) has no target; "not applicable" has no steps, "don't know"
 * one: find out.
 *
 * Saved copy (localStorage, key `<model id>-targets`): {"targets": {"models": 3, ...}}.
 * Only the targets set on purpose are saved; reading it back keeps the ones that fit the
 * page and names the rest in one notice ({kind, key, values}, worded by the page from
 * content/ui.yml: words.js `say`), never throwing.
 *
 * Steps, in the order to take them: first finding out what "don't know" hides, then those that lift a dimension that holds the
 * level back (the model's held_back rule) out of the weak range, then by how far up its
 * dimension each step starts (points / most points, lowest first), then question order.
 * Each reading (reference) is listed once, under the first step that needs it.
 */

import { DONT_KNOW } from "./scoring.js";
import { phrase } from "./words.js";

const MAX_TARGETS = 100;
const LIMIT = 10000;

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const pointsOf = (q) => q.options.map((o) => o.points).sort((a, b) => a - b);

/** The localStorage key for the model's targets. */
export const targetsKey = (model) => `${model.model}-targets`;

/** The JSON text saved in this browser for targets set on purpose. */
export const targetsValue = (targets) => JSON.stringify({ targets: { ...targets } });

/** The questions `answers` answers with an option's points (not "na" or "dk"). */
const scoredQuestions = (model, answers) => model.questions.filter((q) => Number.isInteger(answers[q.id]));

/** One option up from `points` in question `q`, or `points` at the top. */
export function oneUp(q, points) {
  return pointsOf(q).find((p) => p > points) ?? points;
}

/**
 * Every dimension's target: the one set in `targets` when it fits, else the default: one
 * option up, or for a dimension in `held` (score()'s heldBack.by) the first option above
 * held_back.points when that is higher.
 */
export function targetsFor(model, answers, targets = {}, held = []) {
  return Object.fromEntries(
    scoredQuestions(model, answers).map((q) => {
      const now = answers[q.id];
      const set = Object.hasOwn(targets, q.id) ? targets[q.id] : undefined;
      const fits = q.options.some((o) => o.points === set) && set >= now;
      const out = held.includes(q.id) ? oneUp(q, model.held_back.points) : now;
      return [q.id, fits ? set : Math.max(oneUp(q, now), out)];
    }),
  );
}

/**
 * Targets that bring every dimension to `level` at least: the lowest option that
 * indicates it or more (the top option when none does), never below today's answer.
 */
export function targetsForLevel(model, answers, level) {
  return Object.fromEntries(
    scoredQuestions(model, answers).map((q) => {
      const reach = q.options.filter((o) => o.level >= level).map((o) => o.points);
      const aim = reach.length ? Math.min(...reach) : Math.max(...pointsOf(q));
      return [q.id, Math.max(aim, answers[q.id])];
    }),
  );
}

/**
 * Every step from today's option to the target option, one per option in between:
 * {id, dimension, from, to, max, level, text, why, held, readings}, where `text` is the
 * option to reach, `level` the level it indicates, `why` why the dimension matters, `held`
 * that the step lifts a held-back dimension out of the weak range, and `readings` the
 * references ({id, title, url, kind}) of the option it starts from not listed earlier.
 * A dimension answered "don't know" gets one step first of all: {findOut: true} with
 * from, to, level and text null and no readings (finding out comes before any target).
 * `result` is score()'s output; `targets` as targetsFor returns them.
 */
export function roadmapSteps(model, result, targets) {
  const heldBy = result.heldBack ? result.heldBack.by : [];
  const steps = [];
  model.questions.forEach((q, index) => {
    const d = result.dimensions.find((x) => x.id === q.id);
    // "Don't know": finding out comes before anything else there (the page words the step).
    if (d.unscored === DONT_KNOW) {
      steps.push({ id: q.id, dimension: q.dimension, findOut: true, from: null, to: null, max: d.max, level: null, text: null, why: q.why, held: false, refs: [], index });
      return;
    }
    if (d.points === null) return;
    const options = [...q.options].sort((a, b) => a.points - b.points);
    for (let i = 0; i + 1 < options.length; i += 1) {
      const [from, to] = [options[i], options[i + 1]];
      if (from.points < d.points || to.points > targets[q.id]) continue;
      const held = heldBy.includes(q.id) && from.points <= model.held_back.points;
      steps.push({ id: q.id, dimension: q.dimension, from: from.points, to: to.points, max: d.max, level: to.level, text: to.text, why: q.why, held, refs: from.references ?? [], index });
    }
  });
  const first = (s) => (s.findOut ? 2 : s.held ? 1 : 0);
  steps.sort((a, b) => first(b) - first(a) || a.from / a.max - b.from / b.max || a.index - b.index || a.from - b.from);
  const seen = new Set();
  return steps.map(({ refs, index, ...step }) => {
    const fresh = [...new Set(refs)].filter((id) => Object.hasOwn(model.references, id) && !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    return { ...step, readings: fresh.map((id) => ({ id, ...model.references[id] })) };
  });
}

/**
 * A reading's status, to show beside it: the sentence the page's JSON gives a retiring or
 * retired reference (references.yml `status`, worded in the page's language), or "".
 */
export const readingStatus = (r) => (typeof r.status === "string" ? r.status : "");

/**
 * The plan for a score: {targets, steps}: every dimension's target (targetsSet where
 * they fit, else the defaults of targetsFor) and roadmapSteps up to them.
 */
export function planFor(model, result, targetsSet = {}) {
  const answers = Object.fromEntries(result.dimensions.map((d) => [d.id, d.points]));
  const targets = targetsFor(model, answers, targetsSet, result.heldBack?.by);
  return { targets, steps: roadmapSteps(model, result, targets) };
}

/**
 * Read the saved targets (`localStorage.getItem`: a string, or null). Returns {targets,
 * notices}: the targets that are one of their question's options, and a warning naming
 * what was left out.
 */
export function readTargets(text, model) {
  if (text === null || text === undefined) return { targets: {}, notices: [] };
  const none = (key, values = {}) => ({ targets: {}, notices: [{ kind: "warning", key, values }] });
  if (typeof text !== "string" || text.length > LIMIT) return none("savedTargetsTooLarge");
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return none("savedTargetsNotJson", { reason: String(err?.message).slice(0, 80) });
  }
  if (!isRecord(data) || !isRecord(data.targets)) return none("savedTargetsNoObject");
  const entries = Object.entries(data.targets);
  if (entries.length > MAX_TARGETS) return none("savedTargetsTooMany", { n: entries.length });
  const targets = {};
  const ignored = [];
  for (const [id, points] of entries) {
    const q = model.questions.find((x) => x.id === id);
    if (q && Number.isInteger(points) && q.options.some((o) => o.points === points)) targets[q.id] = points;
    else ignored.push(JSON.stringify(id).slice(0, 40));
  }
  if (!ignored.length) return { targets, notices: [] };
  const names = ignored.slice(0, 3).join(", ");
  return { targets, notices: [{ kind: "warning", key: "savedTargetsUnknown", values: { names: ignored.length > 3 ? phrase("andMore", { names, n: ignored.length - 3 }) : names } }] };
}
