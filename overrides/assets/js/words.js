/*
 * Words on the page: every sentence a script shows comes from the page's words
 * (content/ui.yml, handed to the script as JSON), filled in here. Pure: no DOM, no
 * storage; the only thing read from the page is its language, for numbers.
 */

// The one place a number is written for a reader: a whole number as its digits, any other
// with the decimal mark of the page's language (<html lang>): 19.6 in English, 19,6 in Spanish.
const decimals = new Intl.NumberFormat(globalThis.document?.documentElement?.lang || undefined, { maximumFractionDigits: 2, useGrouping: false });
const shown = (value) => (typeof value === "number" && !Number.isInteger(value) ? decimals.format(value) : String(value));

/** `template` with each {name} replaced by values[name]; unknown names stay as written. */
export function fill(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? shown(values[name]) : whole));
}

const isPhrase = (value) => typeof value?.key === "string" || typeof value?.text === "string";

/**
 * The words of a notice or a phrase, from the page's `words` (content/ui.yml, handed to
 * the script as JSON): `{text}` is already worded; `{key, values}` is words[key] filled
 * with `values`, where a value may itself be a phrase ({key, values}), or a list of
 * phrases (worded, then joined by a space). A key the words lack shows as itself.
 */
export function say(words, item) {
  if (typeof item?.text === "string") return item.text;
  const word = (value) => (Array.isArray(value) ? value.map(word).join(" ") : isPhrase(value) ? say(words, value) : value);
  const values = Object.fromEntries(Object.entries(item.values ?? {}).map(([name, value]) => [name, word(value)]));
  return fill(words[item.key] ?? item.key, values);
}

/** A phrase for `say`: the words under `key`, filled with `values`. */
export const phrase = (key, values = {}) => ({ key, values });

/**
 * An answer as a reader sees it anywhere (a table cell, an export): its points as digits,
 * "not applicable" / "don't know" in the form's own words (the model's `unscored` block),
 * never the codes "na" / "dk"; no answer at all (null) as a dash.
 */
export function answerText(model, answer) {
  if (Number.isInteger(answer)) return String(answer);
  if (answer === "na") return model.unscored.not_applicable;
  if (answer === "dk") return model.unscored.dont_know;
  return "–";
}

/**
 * A result's level as every page writes it: `{level, practical}` (scoring.js) in, "4,
 * Optimized" out, or both levels, by total and in practice, when the held-back rule puts
 * the level in practice lower (`words.levelOne`, `words.levelBoth`, content/ui.yml's
 * `answers` group). One function, so no page can name the level by total alone. No level
 * (too many questions not scored) is a dash.
 */
export function levelText(model, { level, practical }, words) {
  const byTotal = model.levels.find((l) => l.number === level);
  if (!byTotal) return "–";
  const inPractice = model.levels.find((l) => l.number === practical);
  if (!inPractice || inPractice.number === byTotal.number) return fill(words.levelOne, { number: byTotal.number, name: byTotal.name });
  return fill(words.levelBoth, { number: byTotal.number, name: byTotal.name, practical: inPractice.number, practical_name: inPractice.name });
}

/**
 * What the result says about the questions that are not scored (content/questions.yml,
 * `unscored`), or null when every question is answered with an option: with a level, how
 * the total was scaled ("says"); without one, why there is none ("too_many").
 */
export function unscoredText(model, result) {
  const unscored = result.notApplicable + result.dontKnow;
  if (!unscored) return null;
  const counts = { not_applicable: result.notApplicable, dont_know: result.dontKnow };
  if (result.level === null) return fill(model.unscored.too_many, { ...counts, unscored, most: model.unscored.most });
  const most = result.dimensions.filter((d) => d.unscored === null).reduce((sum, d) => sum + d.max, 0);
  return fill(model.unscored.says, { ...counts, answered: result.answered, points: result.points, points_max: most });
}
