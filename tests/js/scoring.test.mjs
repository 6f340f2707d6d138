// The in-browser scorer (overrides/assets/js/scoring.js). Its agreement with the Python
// scorer on every combination is tests/test_scoring_parity.py; these tests pin down the
// rules themselves on a small model shaped like content/questions.yml.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { score } from "../../overrides/assets/js/scoring.js";

const IDS = ["models", "prompts", "grounding", "evaluation", "deployment", "monitoring", "safety"];
const LEVEL_OF = [1, 1, 2, 3, 4];
const option = (points) => ({ points, level: LEVEL_OF[points], text: `option ${points}`, references: [] });

function makeModel({ ids = IDS, points = [0, 1, 2, 3, 4], bands } = {}) {
  return {
    questions: ids.map((id) => ({ id, dimension: id, options: points.map(option) })),
    bands: bands ?? [
      { level: "initial", number: 1, min: 0, max: 9 },
      { level: "defined", number: 2, min: 10, max: 14 },
      { level: "managed", number: 3, min: 15, max: 19 },
      { level: "optimized", number: 4, min: 20, max: 28 },
    ],
  };
}

const MODEL = makeModel();
const answersOf = (...points) => Object.fromEntries(IDS.map((id, i) => [id, points[i]]));

/** Answers that add up to `total`, filling questions in order. */
function answersForTotal(total) {
  let left = total;
  return Object.fromEntries(
    IDS.map((id) => {
      const points = Math.min(4, left);
      left -= points;
      return [id, points];
    }),
  );
}

function deepFreeze(value) {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe("score", () => {
  test("adds the points, finds the level and each dimension's share", () => {
    const result = score(answersOf(3, 2, 1, 4, 0, 2, 3), MODEL);
    assert.equal(result.total, 15);
    assert.equal(result.level, 3);
    assert.deepEqual(
      result.dimensions.map((d) => [d.id, d.points, d.max, d.ratio]),
      [
        ["models", 3, 4, 0.75],
        ["prompts", 2, 4, 0.5],
        ["grounding", 1, 4, 0.25],
        ["evaluation", 4, 4, 1],
        ["deployment", 0, 4, 0],
        ["monitoring", 2, 4, 0.5],
        ["safety", 3, 4, 0.75],
      ],
    );
    assert.deepEqual(result.weakest, ["deployment"]);
  });

  for (const [total, level] of [[0, 1], [9, 1], [10, 2], [14, 2], [15, 3], [19, 3], [20, 4], [28, 4]]) {
    test(`a total of ${total} is level ${level}`, () => {
      const result = score(answersForTotal(total), MODEL);
      assert.equal(result.total, total);
      assert.equal(result.level, level);
    });
  }

  test("weakest: every dimension tied for the lowest share, in question order", () => {
    const result = score(answersOf(1, 3, 1, 4, 2, 1, 4), MODEL);
    assert.deepEqual(result.weakest, ["models", "grounding", "monitoring"]);
  });

  test("weakest: all dimensions when all score nothing", () => {
    assert.deepEqual(score(answersOf(0, 0, 0, 0, 0, 0, 0), MODEL).weakest, IDS);
  });

  test("weakest: none when every dimension is at its maximum", () => {
    const result = score(answersOf(4, 4, 4, 4, 4, 4, 4), MODEL);
    assert.deepEqual(result.weakest, []);
    assert.equal(result.level, 4);
  });

  test("weakest compares shares, not points, when maxima differ", () => {
    const model = makeModel({ ids: ["a", "b"], bands: [{ number: 1, min: 0, max: 8 }] });
    model.questions[1].options = [0, 1, 2].map(option);
    // a: 2 of 4 = 0.5; b: 1 of 2 = 0.5 -> a tie, although b has fewer points.
    assert.deepEqual(score({ a: 2, b: 1 }, model).weakest, ["a", "b"]);
    assert.deepEqual(score({ a: 3, b: 1 }, model).weakest, ["b"]);
  });

  test("a question whose options are all worth 0 has a share of 0, not NaN", () => {
    const model = makeModel({ ids: ["a", "b"], bands: [{ number: 1, min: 0, max: 8 }] });
    model.questions[0].options = [option(0)];
    const result = score({ a: 0, b: 4 }, model);
    assert.equal(result.dimensions[0].ratio, 0);
    assert.deepEqual(result.weakest, ["a"]);
  });

  test("numbers stay numbers", () => {
    const result = score(answersOf(1, 2, 3, 4, 0, 1, 2), MODEL);
    for (const value of [result.total, result.level, ...result.dimensions.flatMap((d) => [d.points, d.max, d.ratio])]) {
      assert.equal(typeof value, "number");
    }
  });

  test("answers for questions the model does not have are not counted", () => {
    const result = score({ ...answersOf(1, 1, 1, 1, 1, 1, 1), extra: 4 }, MODEL);
    assert.equal(result.total, 7);
    assert.equal(result.dimensions.length, 7);
  });

  test("reads its inputs without changing them", () => {
    const answers = deepFreeze(answersOf(2, 2, 2, 2, 2, 2, 2));
    const model = deepFreeze(makeModel());
    assert.equal(score(answers, model).total, 14);
  });

  test("throws, naming the question, when an answer is missing", () => {
    const answers = answersOf(1, 1, 1, 1, 1, 1, 1);
    delete answers.monitoring;
    assert.throws(() => score(answers, MODEL), /no answer for question "monitoring"/);
  });

  test("an inherited property is not an answer", () => {
    const answers = Object.create({ models: 4 });
    Object.assign(answers, answersOf(undefined, 1, 1, 1, 1, 1, 1));
    delete answers.models;
    assert.throws(() => score(answers, MODEL), /no answer for question "models"/);
  });

  test("throws when the total falls in no band", () => {
    const model = makeModel({ bands: [{ number: 1, min: 0, max: 9 }, { number: 2, min: 11, max: 28 }] });
    assert.throws(() => score(answersForTotal(10), model), /total 10 is in no band/);
  });

  test("each dimension carries the level its chosen option indicates", () => {
    const result = score(answersOf(0, 1, 2, 3, 4, 0, 0), MODEL);
    assert.deepEqual(result.dimensions.map((d) => d.level), [1, 1, 2, 3, 4, 1, 1]);
  });
});

describe("held back", () => {
  const RULE = { points: 1, level: 2 };
  const withRule = { ...makeModel(), held_back: RULE };

  test("a weak dimension holds a high total back, naming every weak dimension in question order", () => {
    const result = score(answersOf(4, 4, 4, 4, 4, 0, 1), withRule);
    assert.equal(result.level, 4);
    assert.equal(result.practical, 2);
    assert.deepEqual(result.heldBack, { level: 2, by: ["monitoring", "safety"] });
  });

  test("no dimension at the threshold or below: the practical level is the level by total", () => {
    const result = score(answersOf(4, 4, 4, 4, 4, 2, 2), withRule);
    assert.equal(result.practical, 4);
    assert.equal(result.heldBack, null);
  });

  test("a level by total at or under the cap is not held back, however weak a dimension", () => {
    const result = score(answersOf(4, 4, 4, 0, 0, 0, 0), withRule);
    assert.equal(result.level, 2);
    assert.equal(result.heldBack, null);
  });

  test("a model without the rule never holds back", () => {
    const result = score(answersOf(4, 4, 4, 4, 4, 0, 0), MODEL);
    assert.equal(result.practical, 4);
    assert.equal(result.heldBack, null);
  });
});

describe("not applicable and don't know", () => {
  const RULE = { most: 2, rounding: "half-up" };
  const withRule = { ...makeModel(), total: { min: 0, max: 28 }, unscored: RULE, held_back: { points: 1, level: 2 } };

  test("score nothing; the total is the answered points scaled to 0-28 and rounded half up", () => {
    // 5 answered worth 14 of 20: 14 x 28 / 20 = 19.6 -> 20, level 4 (not 14 -> level 2).
    const result = score(answersOf(4, 4, "na", 2, 2, "dk", 2), withRule);
    assert.deepEqual([result.points, result.answered, result.notApplicable, result.dontKnow], [14, 5, 1, 1]);
    assert.equal(result.total, 20);
    assert.equal(result.level, 4);
    const grounding = result.dimensions[2];
    assert.deepEqual(grounding, { id: "grounding", points: null, max: 4, ratio: null, level: null, unscored: "na" });
    assert.equal(result.dimensions[5].unscored, "dk");
  });

  test("x.5 goes up with half-up, and down or up as the rule says", () => {
    // 6 answered worth 3 of 24: 3 x 28 / 24 = 3.5.
    const answers = answersOf(1, 1, 1, 0, 0, 0, "dk");
    assert.equal(score(answers, withRule).total, 4);
    assert.equal(score(answers, { ...withRule, unscored: { ...RULE, rounding: "down" } }).total, 3);
    assert.equal(score(answers, { ...withRule, unscored: { ...RULE, rounding: "up" } }).total, 4);
    // 6 answered worth 2 of 24: 2.33 -> 2 (half-up), 3 (up).
    const lower = answersOf(1, 1, 0, 0, 0, 0, "dk");
    assert.equal(score(lower, withRule).total, 2);
    assert.equal(score(lower, { ...withRule, unscored: { ...RULE, rounding: "up" } }).total, 3);
  });

  test("every question answered with an option: the total is the points, unscaled", () => {
    const result = score(answersOf(3, 2, 1, 4, 0, 2, 3), withRule);
    assert.deepEqual([result.total, result.points, result.answered, result.notApplicable, result.dontKnow], [15, 15, 7, 0, 0]);
  });

  test("past the limit no level is given, and the counts say why", () => {
    const result = score(answersOf(4, "na", "dk", "dk", 4, 4, 4), withRule);
    assert.deepEqual([result.total, result.level, result.practical, result.heldBack], [null, null, null, null]);
    assert.deepEqual([result.points, result.answered, result.notApplicable, result.dontKnow], [16, 4, 1, 2]);
  });

  test("at the limit a level is still given", () => {
    assert.equal(score(answersOf(4, "na", "dk", 4, 4, 4, 4), withRule).level, 4);
  });

  test("nothing answered with an option gives no level, whatever the limit", () => {
    const all = Object.fromEntries(IDS.map((id) => [id, "dk"]));
    assert.equal(score(all, { ...withRule, unscored: { ...RULE, most: 7 } }).level, null);
  });

  test("a model without the rule gives no level for any unscored answer", () => {
    assert.equal(score(answersOf(4, 4, "dk", 4, 4, 4, 4), { ...withRule, unscored: null }).level, null);
  });

  test("unscored dimensions never hold the level back and are never the weakest", () => {
    const result = score(answersOf(4, 4, 4, 4, 3, "na", "dk"), withRule);
    assert.equal(result.heldBack, null);
    assert.equal(result.practical, result.level);
    assert.deepEqual(result.weakest, ["deployment"]);
    const held = score(answersOf(4, 4, 4, 4, 1, "na", "dk"), withRule);
    assert.deepEqual(held.heldBack, { level: 2, by: ["deployment"] });
  });

  test("an answer other than na or dk is not taken for one: answers.js guards the rest", () => {
    assert.throws(() => score(answersOf(4, 4, "NA", 4, 4, 4, 4), withRule), TypeError);
  });
});
