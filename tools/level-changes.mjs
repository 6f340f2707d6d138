// How many answer combinations land on another level when the model changes, scored by the
// site's own scorer. Reads {before, after, sample} (two assessment models that take the same
// answers, as generator/render.py's assessment_data gives them) on standard input; prints
// {combinations, scored, sampled, changed, changed_practical, by_level} as JSON.
// Used by `python -m generator diff` (generator/diff.py). `sample` 0 scores every
// combination; otherwise that many, drawn with a fixed seed so a report repeats.

import { score } from "../overrides/assets/js/scoring.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { before, after, sample } = JSON.parse(input);

const unscored = Boolean(before.unscored);
const choices = before.questions.map((q) => [
  ...q.options.map((o) => o.points),
  ...(q.not_applicable ? ["na"] : []),
  ...(unscored ? ["dk"] : []),
]);
const combinations = choices.reduce((n, c) => n * c.length, 1);

/** A small seeded generator (mulberry32): the same sample every run. */
function seeded(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The index-th combination, the last question changing fastest (as itertools.product). */
function nth(index) {
  const answers = {};
  for (let i = choices.length - 1; i >= 0; i -= 1) {
    answers[before.questions[i].id] = choices[i][index % choices[i].length];
    index = Math.floor(index / choices[i].length);
  }
  return answers;
}

const levelName = (model, number) => (number === null ? "none" : model.levels.find((l) => l.number === number)?.id ?? String(number));
const random = seeded(20261204);
const scored = sample ? Math.min(sample, combinations) : combinations;
const byLevel = {};
let changed = 0;
let changedPractical = 0;
for (let k = 0; k < scored; k += 1) {
  const answers = nth(sample ? Math.floor(random() * combinations) : k);
  const a = score(answers, before);
  const b = score(answers, after);
  const from = levelName(before, a.level);
  const row = (byLevel[from] ??= { combinations: 0, changed: 0, to: {} });
  row.combinations += 1;
  if (a.level !== b.level) {
    changed += 1;
    row.changed += 1;
    const to = levelName(after, b.level);
    row.to[to] = (row.to[to] ?? 0) + 1;
  }
  if (a.practical !== b.practical) changedPractical += 1;
}
process.stdout.write(JSON.stringify({ combinations, scored, sampled: Boolean(sample), changed, changed_practical: changedPractical, by_level: byLevel }));
