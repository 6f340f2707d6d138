/*
 * The questionnaire's scorer: the JavaScript twin of `score` in generator/scoring.py.
 *
 * Pure: no DOM, no storage, inputs never modified. Both versions must return the
 * same result for every complete set of answers; tests/test_scoring_parity.py runs
 * all 5^7 combinations through both. Change them together.
 */

/**
 * Score complete answers against the model embedded in the page.
 *
 * @param {Record<string, number>} answers points per question id, already validated
 *   (answers.js only lets through integers that are one of the question's points)
 * @param {{questions: {id: string, options: {points: number, level: number}[]}[],
 *          bands: {number: number, min: number, max: number}[],
 *          held_back?: {points: number, level: number} | null}} model
 * @returns {{total: number, level: number, practical: number,
 *            heldBack: {level: number, by: string[]} | null,
 *            dimensions: {id: string, points: number, max: number, ratio: number, level: number}[],
 *            weakest: string[]}}
 *   `level` is the total's band (the official level); a dimension's `level` is the one its
 *   chosen option indicates. `ratio` is points / max (0 when max is 0). `weakest` holds the
 *   ids with the lowest ratio, in question order, leaving out dimensions at their maximum.
 *   `practical` is `level`, or lower when the model's held_back rule applies: some
 *   dimension has held_back.points or fewer and the level by total is above
 *   held_back.level; then `heldBack` names that level and those dimensions (question
 *   order), else it is null.
 * @throws {Error} when a question has no answer or the total is in no band
 */
export function score(answers, model) {
  const dimensions = model.questions.map((q) => {
    if (!Object.hasOwn(answers, q.id)) throw new Error(`score: no answer for question "${q.id}"`);
    const points = answers[q.id];
    const max = Math.max(...q.options.map((o) => o.points));
    const level = q.options.find((o) => o.points === points).level;
    return { id: q.id, points, max, ratio: max ? points / max : 0, level };
  });
  const total = dimensions.reduce((sum, d) => sum + d.points, 0);
  const band = model.bands.find((b) => b.min <= total && total <= b.max);
  if (!band) throw new Error(`score: total ${total} is in no band`);
  const lowest = Math.min(...dimensions.map((d) => d.ratio));
  const weakest = dimensions.filter((d) => d.ratio === lowest && d.ratio < 1).map((d) => d.id);
  const heldBack = heldBackBy(dimensions, band.number, model.held_back);
  return { total, level: band.number, practical: heldBack ? heldBack.level : band.number, heldBack, dimensions, weakest };
}

/** {level, by} when `rule` holds the level by total back, else null. */
function heldBackBy(dimensions, level, rule) {
  if (!rule || level <= rule.level) return null;
  const by = dimensions.filter((d) => d.points <= rule.points).map((d) => d.id);
  return by.length ? { level: rule.level, by } : null;
}
