/*
 * The questionnaire's scorer, the one the site runs; tests/scoring_oracle.py is its Python twin (the tests' oracle).
 *
 * Pure: no DOM, no storage, inputs never modified. Both versions must return the
 * same result for every complete set of answers; tests/test_scoring_parity.py runs
 * them through both. Change them together.
 */

/** The two answers that score no points (answers.js reads and writes them). */
export const NOT_APPLICABLE = "na";
export const DONT_KNOW = "dk";

/**
 * Score complete answers against the model embedded in the page.
 *
 * @param {Record<string, number | "na" | "dk">} answers per question id: the points of an
 *   option, or "na" (not applicable) or "dk" (don't know), already validated by answers.js
 * @param {{questions: {id: string, options: {points: number, level: number}[]}[],
 *          bands: {number: number, min: number, max: number}[], total: {min: number, max: number},
 *          held_back?: {points: number, level: number} | null,
 *          unscored?: {most: number, rounding: "half-up" | "down" | "up"} | null}} model
 * @returns {{total: number | null, level: number | null, practical: number | null,
 *            heldBack: {level: number, by: string[]} | null,
 *            dimensions: {id: string, points: number | null, max: number, ratio: number | null,
 *                         level: number | null, unscored: "na" | "dk" | null}[],
 *            weakest: string[], points: number, answered: number, notApplicable: number, dontKnow: number}}
 *   `points` is the sum over the `answered` questions (answered with an option);
 *   `notApplicable` and `dontKnow` count the other two answers. `total` is `points` scaled
 *   to the model's total range from the answered questions' own range, rounded as
 *   unscored.rounding says (equal to `points` when every question is answered with an
 *   option); `level` is its band (the official level). A dimension's `level` is the one
 *   its option indicates; `ratio` is points / max (0 when max is 0); all three are null
 *   for "na" and "dk" (`unscored` says which). `weakest` holds the ids with the lowest
 *   ratio, in question order, leaving out dimensions at their maximum and unscored ones.
 *   `practical` is `level`, or lower when the model's held_back rule applies: some scored
 *   dimension has held_back.points or fewer and the level by total is above
 *   held_back.level; then `heldBack` names that level and those dimensions (question
 *   order), else it is null. With more than unscored.most unscored answers (or none
 *   answered with an option) `total`, `level` and `practical` are null: no level.
 * @throws {Error} when a question has no answer or the total is in no band
 */
export function score(answers, model) {
  const dimensions = model.questions.map((q) => {
    if (!Object.hasOwn(answers, q.id)) throw new Error(`score: no answer for question "${q.id}"`);
    const answer = answers[q.id];
    const max = Math.max(...q.options.map((o) => o.points));
    if (answer === NOT_APPLICABLE || answer === DONT_KNOW) return { id: q.id, points: null, max, ratio: null, level: null, unscored: answer };
    const level = q.options.find((o) => o.points === answer).level;
    return { id: q.id, points: answer, max, ratio: max ? answer / max : 0, level, unscored: null };
  });
  const scored = model.questions.map((q, i) => [q, dimensions[i]]).filter(([, d]) => d.unscored === null);
  const points = scored.reduce((sum, [, d]) => sum + d.points, 0);
  const counts = {
    points,
    answered: scored.length,
    notApplicable: dimensions.filter((d) => d.unscored === NOT_APPLICABLE).length,
    dontKnow: dimensions.filter((d) => d.unscored === DONT_KNOW).length,
  };
  const lowest = Math.min(...scored.map(([, d]) => d.ratio));
  const weakest = scored.filter(([, d]) => d.ratio === lowest && d.ratio < 1).map(([, d]) => d.id);
  const rule = model.unscored;
  if (!scored.length || dimensions.length - scored.length > (rule ? rule.most : 0)) {
    return { total: null, level: null, practical: null, heldBack: null, dimensions, weakest, ...counts };
  }
  const total = scored.length === dimensions.length ? points : scaled(points, scored, model.total, rule.rounding);
  const band = model.bands.find((b) => b.min <= total && total <= b.max);
  if (!band) throw new Error(`score: total ${total} is in no band`);
  const heldBack = heldBackBy(dimensions, band.number, model.held_back);
  return { total, level: band.number, practical: heldBack ? heldBack.level : band.number, heldBack, dimensions, weakest, ...counts };
}

/** `points` of the `scored` [question, dimension] pairs, scaled from their own range to `range`. */
function scaled(points, scored, range, rounding) {
  const low = scored.reduce((sum, [q]) => sum + Math.min(...q.options.map((o) => o.points)), 0);
  const high = scored.reduce((sum, [q]) => sum + Math.max(...q.options.map((o) => o.points)), 0);
  return range.min + rounded((points - low) * (range.max - range.min), high - low, rounding);
}

/**
 * numerator / denominator (whole numbers, denominator > 0) as a whole number: "half-up"
 * (x.5 goes up), "down" or "up". Exact for the small whole numbers a total is made of.
 */
function rounded(numerator, denominator, rounding) {
  if (rounding === "half-up") return Math.floor((2 * numerator + denominator) / (2 * denominator));
  if (rounding === "up") return Math.ceil(numerator / denominator);
  return Math.floor(numerator / denominator);
}

/** {level, by} when `rule` holds the level by total back, else null; unscored dimensions never do. */
function heldBackBy(dimensions, level, rule) {
  if (!rule || level <= rule.level) return null;
  const by = dimensions.filter((d) => d.points !== null && d.points <= rule.points).map((d) => d.id);
  return by.length ? { level: rule.level, by } : null;
}
