// Reading and writing answers (overrides/assets/js/answers.js): the share-link fragment,
// the copy saved in localStorage and the downloaded JSON. Every malformed input must give
// a notice a person can read, keep only valid answers, and never throw.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  LIMITS,
  allowedAnswers,
  answerOf,
  answeredCount,
  checkEntries,
  exportRecord,
  fileSizeNotice,
  fragmentOf,
  readFragment,
  readImport,
  readStored,
  sourceNotices,
  storageKey,
  storedValue,
} from "../../overrides/assets/js/answers.js";
import { score } from "../../overrides/assets/js/scoring.js";
import { IDS, MODEL } from "./model-fixture.mjs";
import { phrase } from "../../overrides/assets/js/words.js";
import { said, wording } from "./words.mjs";

const HEAD = "genaiops@1.2.3";
const FULL = { models: 3, prompts: 2, grounding: 1, evaluation: 4, deployment: 0, monitoring: 2, safety: 3 };
const FULL_FRAGMENT = "models=3&prompts=2&grounding=1&evaluation=4&deployment=0&monitoring=2&safety=3";

const record = (fields) => JSON.stringify({ model: "genaiops", version: "1.2.3", ...fields });
const kinds = (notices) => notices.map((n) => n.kind);

/** Every reader's result: only the model's ids, only allowed integer points. */
function assertOnlyValidAnswers(answers) {
  assert.equal(Object.getPrototypeOf(answers), Object.prototype);
  for (const [id, points] of Object.entries(answers)) {
    assert.ok(IDS.includes(id), `unexpected id ${id}`);
    assert.ok(Number.isInteger(points) && points >= 0 && points <= 4, `unexpected points ${points}`);
  }
}

describe("share fragment", () => {
  test("round trip of complete answers", () => {
    const fragment = fragmentOf(FULL, MODEL);
    assert.equal(fragment, `${HEAD}&${FULL_FRAGMENT}`);
    assert.deepEqual(readFragment(`#${fragment}`, MODEL), { found: true, answers: FULL, notices: [] });
  });

  test("questions come in question order, unanswered ones left out", () => {
    assert.equal(fragmentOf({ safety: 1, models: 0 }, MODEL), `${HEAD}&models=0&safety=1`);
  });

  test("partial answers are read, with a notice of how many", () => {
    const read = readFragment(`#${HEAD}&models=0&safety=1`, MODEL);
    assert.deepEqual(read.answers, { models: 0, safety: 1 });
    assert.deepEqual(kinds(read.notices), ["info"]);
    assert.match(said(read.notices[0]), wording("answersSome", { from: phrase("fromLink"), n: 2, all: 7 }));
  });

  for (const hash of ["", "#", "#your-result", "#scoring-by-hand", null, undefined]) {
    test(`an ordinary anchor (${JSON.stringify(hash)}) is not read`, () => {
      assert.deepEqual(readFragment(hash, MODEL), { found: false, answers: {}, notices: [] });
    });
  }

  test("another MINOR version: answers used, an info notice", () => {
    const read = readFragment(`#genaiops@1.9.0&${FULL_FRAGMENT}`, MODEL);
    assert.deepEqual(read.answers, FULL);
    assert.deepEqual(kinds(read.notices), ["info"]);
    assert.match(said(read.notices[0]), wording("otherMinor", { version: "1.9.0", ours: "1.2.3" }));
  });

  test("another MAJOR version: answers used, with a mismatch (levels may differ)", () => {
    const read = readFragment(`#genaiops@2.0.0&${FULL_FRAGMENT}`, MODEL);
    assert.deepEqual(read.answers, FULL);
    assert.deepEqual(kinds(read.notices), ["mismatch"]);
    assert.match(said(read.notices[0]), wording("otherMajor", { version: "2.0.0", more: phrase("levelsMayDiffer") }));
  });

  test("another model: answers that fit are used, with a mismatch", () => {
    const read = readFragment(`#devops@1.2.3&${FULL_FRAGMENT}`, MODEL);
    assert.deepEqual(read.answers, FULL);
    assert.deepEqual(kinds(read.notices), ["mismatch"]);
    assert.match(said(read.notices[0]), wording("otherModel", { theirs: '"devops"', ours: "genaiops" }));
  });
});

// [description, input, expected notice text, answers that survive]
const BAD_FRAGMENTS = [
  ["points above the range", `${HEAD}&models=9`, wording("notAnOption", { value: 9, dimension: "Dimension models" }), {}],
  ["negative points", `${HEAD}&models=-1`, wording("notAnOption", { value: '"-1"' }), {}],
  ["a fraction", `${HEAD}&models=1.5`, wording("notAnOption", { value: '"1.5"' }), {}],
  ["letters", `${HEAD}&models=abc`, wording("notAnOption", { value: '"abc"' }), {}],
  ["an empty value", `${HEAD}&models=`, wording("notAnOption", { value: '""' }), {}],
  ["a leading zero", `${HEAD}&models=01`, wording("notAnOption", { value: '"01"' }), {}],
  ["an exponent", `${HEAD}&models=1e0`, wording("notAnOption", { value: '"1e0"' }), {}],
  ["hexadecimal", `${HEAD}&models=0x1`, wording("notAnOption", { value: '"0x1"' }), {}],
  ["percent-encoded digits", `${HEAD}&models=%31`, wording("notAnOption", { value: '"%31"' }), {}],
  ["a huge number", `${HEAD}&models=99999999999999999999`, wording("notAnOption", { value: /"9999\d*"/ }), {}],
  ["no question id", `${HEAD}&=3&prompts=2`, wording("malformed", { names: '"=3"' }), { prompts: 2 }],
  ["no equals sign", `${HEAD}&models&prompts=2`, wording("malformed", { names: '"models"' }), { prompts: 2 }],
  ["an unknown question", `${HEAD}&unknown=2&prompts=2`, wording("unknownQuestions", { names: '"unknown"' }), { prompts: 2 }],
  ["__proto__", `${HEAD}&__proto__=1&prompts=2`, wording("unknownQuestions", { names: '"__proto__"' }), { prompts: 2 }],
  ["constructor and toString", `${HEAD}&constructor=1&toString=2`, wording("unknownQuestions", { names: '"constructor", "toString"' }), {}],
  ["upper-case id", `${HEAD}&MODELS=1`, wording("unknownQuestions", { names: '"MODELS"' }), {}],
  ["a question twice", `${HEAD}&models=1&models=2&prompts=2`, wording("answeredTwice", { names: '"models"' }), { prompts: 2 }],
  ["no model or version", `models=1`, wording("noModel"), { models: 1 }],
  ["no version", `genaiops&models=1`, wording("noVersion"), { models: 1 }],
  ["an unreadable version", `genaiops@banana&models=1`, wording("badVersion", { version: '"banana"' }), { models: 1 }],
  ["another major version", `genaiops@0.9.0&models=1`, wording("otherMajor", { version: "0.9.0", more: phrase("levelsMayDiffer") }), { models: 1 }],
  ["another model", `other@1.2.3&models=1`, wording("otherModel", { theirs: '"other"' }), { models: 1 }],
  ["a header and nothing else", HEAD, wording("notValidLink", { from: phrase("fromLink") }), {}],
  ["only separators", "&&&=&==", wording("malformed"), {}],
  ["too long", `${HEAD}&${"models=1&".repeat(200)}`, wording("fragmentTooLong", { n: /\d+/ }), {}],
  ["many unknown ids", `${HEAD}&a=1&b=1&c=1&d=1&e=1`, wording("unknownQuestions", { names: phrase("andMore", { names: '"a", "b", "c"', n: 2 }) }), {}],
  ["a right-to-left override", `${HEAD}&models=\u202e1`, wording("notAnOption", { value: '"\u202e1"' }), {}],
];

describe("malformed share fragments give a notice, never throw", () => {
  assert.ok(BAD_FRAGMENTS.length >= 20);
  for (const [what, fragment, expected, survivors] of BAD_FRAGMENTS) {
    test(what, () => {
      const read = readFragment(`#${fragment}`, MODEL);
      assert.equal(read.found, true);
      assert.ok(
        read.notices.some((n) => expected.test(said(n))),
        `no notice matching ${expected}: ${JSON.stringify(read.notices)}`,
      );
      assert.ok(read.notices.every((n) => ["warning", "mismatch", "info"].includes(n.kind) && said(n).length < 400));
      assert.deepEqual(read.answers, survivors);
      assertOnlyValidAnswers(read.answers);
    });
  }
});

describe("a link none of whose answers can be used", () => {
  for (const hash of ["#foo=bar", "#a=1", "#xyz@1&q=2", `#${HEAD}&models=9`, "#devops@9.9.9&nope=1"]) {
    test(`${hash}: one warning, which says nothing was changed and claims no other version`, () => {
      const read = readFragment(hash, MODEL);
      assert.deepEqual(read.answers, {});
      assert.equal(read.notices.length, 1);
      const [only] = read.notices;
      assert.equal(only.kind, "warning");
      assert.ok(["notValidLink", "notValidLinkBecause"].includes(only.key), only.key);
      assert.match(said(only), wording(only.key, { from: phrase("fromLink") }));
      for (const other of ["levelsMayDiffer", "noVersion", "badVersion", "otherMajor", "otherMinor", "otherModel"]) {
        assert.doesNotMatch(said(only), wording(other), other);
      }
    });
  }
});

describe("saved answers", () => {
  test("round trip", () => {
    assert.deepEqual(readStored(storedValue(FULL, MODEL), MODEL), { answers: FULL, notices: [] });
    assert.equal(storageKey(MODEL), "genaiops-assessment");
  });

  test("nothing saved", () => {
    assert.deepEqual(readStored(null, MODEL), { answers: {}, notices: [] });
  });

  test("partial progress is normal: no notice", () => {
    assert.deepEqual(readStored(storedValue({ models: 2 }, MODEL), MODEL), { answers: { models: 2 }, notices: [] });
  });
});

const BAD_STORED = [
  ["not JSON", "garbage", wording("notJson"), {}],
  ["empty text", "", wording("notJson"), {}],
  ["truncated JSON", record({ answers: { models: 1 } }).slice(0, -3), wording("notJson"), {}],
  ["null", "null", wording("notObject"), {}],
  ["an array", "[1,2,3]", wording("notObject"), {}],
  ["a number", "42", wording("notObject"), {}],
  ["a string", '"models=1"', wording("notObject"), {}],
  ["no answers", record({}), wording("noAnswers"), {}],
  ["answers as an array", record({ answers: [3, 2, 1] }), wording("noAnswers"), {}],
  ["points as a string", record({ answers: { models: "3", prompts: 2 } }), wording("notAnOption", { value: '"3"' }), { prompts: 2 }],
  ["points as null", record({ answers: { models: null } }), wording("notAnOption", { value: null }), {}],
  ["points as true", record({ answers: { models: true } }), wording("notAnOption", { value: true }), {}],
  ["points as an object", record({ answers: { models: { valueOf: 1 } } }), wording("notAnOption", { value: '{"valueOf":1}' }), {}],
  ["points out of range", record({ answers: { models: 7 } }), wording("notAnOption", { value: 7 }), {}],
  ["a fraction", record({ answers: { models: 2.5 } }), wording("notAnOption", { value: 2.5 }), {}],
  ["__proto__ in answers", '{"model":"genaiops","version":"1.2.3","answers":{"__proto__":{"polluted":1},"models":1}}', wording("unknownQuestions", { names: '"__proto__"' }), { models: 1 }],
  ["__proto__ at the top", '{"__proto__":{"answers":{"models":4}},"model":"genaiops","version":"1.2.3"}', wording("noAnswers"), {}],
  ["another model", JSON.stringify({ model: "x", version: "1.2.3", answers: { models: 1 } }), wording("otherModel"), { models: 1 }],
  ["no model", JSON.stringify({ version: "1.2.3", answers: { models: 1 } }), wording("noModel"), { models: 1 }],
  ["a version as a number", JSON.stringify({ model: "genaiops", version: 1, answers: { models: 1 } }), wording("badVersion", { version: 1 }), { models: 1 }],
  ["another major version", JSON.stringify({ model: "genaiops", version: "3.0.0", answers: { models: 1 } }), wording("otherMajor", { version: "3.0.0", more: phrase("levelsMayDiffer") }), { models: 1 }],
  ["too large", record({ answers: { models: 1 }, padding: "x".repeat(LIMITS.stored) }), wording("textTooLarge"), {}],
  ["too many answers", record({ answers: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`q${i}`, 1])) }), wording("tooManyAnswers", { n: 150 }), {}],
];

describe("malformed saved answers give a notice, never throw", () => {
  assert.ok(BAD_STORED.length >= 20);
  for (const [what, text, expected, survivors] of BAD_STORED) {
    test(what, () => {
      const read = readStored(text, MODEL);
      assert.ok(read.notices.some((n) => expected.test(said(n))), `no notice matching ${expected}: ${JSON.stringify(read.notices)}`);
      assert.match(said(read.notices[0]), wording(read.notices[0].key, { from: phrase("fromSaved") }), "the saved copy is named as the source");
      assert.deepEqual(read.answers, survivors);
      assertOnlyValidAnswers(read.answers);
    });
  }

  test("a non-string is refused, not parsed", () => {
    assert.match(said(readStored(123, MODEL).notices[0]), wording("notText"));
  });

  test("__proto__ keys pollute nothing", () => {
    readStored('{"model":"genaiops","version":"1.2.3","answers":{"__proto__":{"polluted":1}}}', MODEL);
    readFragment(`#${HEAD}&__proto__=1`, MODEL);
    readImport('{"__proto__":{"polluted":1},"answers":{"__proto__":{"polluted":1}}}', MODEL);
    assert.equal({}.polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
  });
});

describe("downloaded and imported JSON", () => {
  const date = new Date("2026-11-25T10:00:00Z");

  test("the download holds model, version, edition, date, answers, dimensions, total, level", () => {
    const result = score(FULL, MODEL);
    const data = exportRecord(FULL, MODEL, result, date);
    assert.deepEqual(Object.keys(data), ["model", "version", "edition", "date", "answers", "dimensions", "total", "level", "not_applicable", "dont_know"]);
    assert.equal(data.model, "genaiops");
    assert.equal(data.version, "1.2.3");
    assert.equal(data.edition, "genaiops");
    assert.equal(data.date, "2026-11-25T10:00:00.000Z");
    assert.deepEqual(data.answers, FULL);
    assert.deepEqual(data.dimensions[0], { id: "models", dimension: "Dimension models", points: 3, max: 4 });
    assert.equal(data.total, 15);
    assert.equal(data.level, 3);
  });

  test("round trip through JSON text, without notices", () => {
    const text = JSON.stringify(exportRecord(FULL, MODEL, score(FULL, MODEL), date));
    assert.deepEqual(readImport(text, MODEL), { answers: FULL, notices: [] });
  });

  test("a total or level its answers do not add up to is named; the answers win", () => {
    const data = { ...exportRecord(FULL, MODEL, score(FULL, MODEL), date), total: 28, level: 4 };
    const read = readImport(JSON.stringify(data), MODEL);
    assert.deepEqual(read.answers, FULL);
    assert.deepEqual(kinds(read.notices), ["info"]);
    assert.match(said(read.notices[0]), wording("totalDiffers", { total: 28, level: 4, actualTotal: 15, actualLevel: 3 }));
  });

  test("a file with only some answers says how many", () => {
    const read = readImport(record({ answers: { models: 1 } }), MODEL);
    assert.deepEqual(read.answers, { models: 1 });
    assert.match(said(read.notices[0]), wording("answersSome", { from: phrase("fromFile"), n: 1, all: 7 }));
  });

  test("huge files are refused before reading", () => {
    assert.equal(fileSizeNotice(2000), null);
    assert.match(said(fileSizeNotice(LIMITS.file + 1, "big.json")), wording("fileTooLarge", { name: "big.json", bytes: /\d+/ }));
  });
});

const BAD_IMPORTS = [
  ["not JSON", "<html>not json</html>", wording("notJson")],
  ["binary", "\u0000\u0001\u0002PK", wording("notJson")],
  ["a JSON list", "[]", wording("notObject")],
  ["no answers", record({ total: 28, level: 4 }), wording("noAnswers")],
  ["empty answers", record({ answers: {} }), wording("noneUsable")],
  ["all answers invalid", record({ answers: { models: -1, prompts: "x" } }), wording("notAnOption", { value: -1 })],
  ["another model", JSON.stringify({ model: "other", version: "1.2.3", answers: FULL }), wording("otherModel")],
  ["too large", record({ answers: FULL, padding: "x".repeat(LIMITS.file) }), wording("textTooLarge")],
];

describe("malformed imports give a notice, never throw", () => {
  for (const [what, text, expected] of BAD_IMPORTS) {
    test(what, () => {
      const read = readImport(text, MODEL);
      assert.ok(read.notices.some((n) => expected.test(said(n))), `no notice matching ${expected}: ${JSON.stringify(read.notices)}`);
      assertOnlyValidAnswers(read.answers);
    });
  }
});

describe("helpers", () => {
  test("answeredCount counts the model's questions only", () => {
    assert.equal(answeredCount({ models: 0, prompts: 4, extra: 1 }, MODEL), 2);
  });

  test("checkEntries keeps valid pairs in question order", () => {
    const checked = checkEntries([["safety", 1], ["models", 0]], MODEL, "Test");
    assert.deepEqual(Object.keys(checked.answers), ["models", "safety"]);
    assert.deepEqual(checked.notices, []);
  });

  test("sourceNotices: same model and version is silent", () => {
    assert.deepEqual(sourceNotices("genaiops", "1.2.3", MODEL, "X"), []);
  });
});

// Deeply nested JSON: JSON.stringify (and, in some engines, JSON.parse) throws a
// RangeError on it. Readers must still answer with a notice: [what, reader, text, expected].
const deepArray = (n) => `${"[".repeat(n)}${"]".repeat(n)}`;
const deepObject = (n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const deepMixed = (n) => `${'[{"a":'.repeat(n)}0${"}]".repeat(n)}`;
const DEEP = [
  ["a saved answer that is a deep array", readStored, `{"model":"genaiops","version":"1.2.3","answers":{"models":${deepArray(4900)},"prompts":2}}`, wording("notAnOption", { value: "[[[[…]]]]", dimension: "Dimension models" })],
  ["a saved answer that is a deep object", readStored, `{"model":"genaiops","version":"1.2.3","answers":{"models":${deepObject(1600)},"prompts":2}}`, wording("notAnOption", { value: '{"a":{"a":{"a":{…}}}}' })],
  ["a saved answer nested arrays in objects", readStored, `{"model":"genaiops","version":"1.2.3","answers":{"models":${deepMixed(1100)},"prompts":2}}`, wording("notAnOption")],
  ["a saved model that is deeply nested", readStored, `{"model":${deepArray(4900)},"version":"1.2.3","answers":{"prompts":2}}`, wording("otherModel", { theirs: "[[[[…]]]]" })],
  ["a saved version that is deeply nested", readStored, `{"model":"genaiops","version":${deepObject(1600)},"answers":{"prompts":2}}`, wording("badVersion")],
  ["an imported total that is deeply nested", readImport, JSON.stringify({ model: "genaiops", version: "1.2.3", answers: FULL }).slice(0, -1) + `,"total":${deepArray(49000)}}`, wording("totalDiffers", { total: "[[[[…]]]]" })],
  ["an imported level that is deeply nested", readImport, JSON.stringify({ model: "genaiops", version: "1.2.3", answers: FULL }).slice(0, -1) + `,"level":${deepObject(16000)}}`, wording("totalDiffers", { level: /\{"a":\{"a"[^]*/ })],
  ["an imported answer that is deeply nested", readImport, `{"model":"genaiops","version":"1.2.3","answers":{"models":${deepArray(49000)}}}`, wording("notAnOption", { value: "[[[[…]]]]" })],
  ["an imported file that is one deep array", readImport, deepArray(49000), wording("notObject")],
  ["a saved copy that is one deep object", readStored, deepObject(1600), wording("noAnswers")],
  ["wide and deep: many deep answers", readStored, `{"model":"genaiops","version":"1.2.3","answers":{${IDS.map((id) => `"${id}":${deepArray(600)}`).join(",")}}}`, wording("notAnOption", { value: /\[\[\[\[…[^]*/ })],
];

describe("deeply nested JSON gives a notice, never throws", () => {
  for (const [what, reader, text, expected] of DEEP) {
    test(what, () => {
      const read = reader(text, MODEL);
      assert.ok(read.notices.some((n) => expected.test(said(n))), `no notice matching ${expected}: ${JSON.stringify(read.notices)}`);
      assert.ok(read.notices.every((n) => said(n).length < 400));
      assertOnlyValidAnswers(read.answers);
    });
  }

  test("checkEntries quotes a deeply nested value without walking all of it", () => {
    let value = [];
    for (let i = 0; i < 100000; i += 1) value = [value];
    const checked = checkEntries([["models", value], ["prompts", 2]], MODEL, "Test");
    assert.deepEqual(checked.answers, { prompts: 2 });
    assert.match(said(checked.notices[0]), wording("notAnOption", { value: "[[[[…]]]]" }));
  });

  test("a very wide value is quoted short", () => {
    const wide = Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`k${i}`, [i]]));
    const text = JSON.stringify({ model: "genaiops", version: "1.2.3", answers: { models: wide } });
    assert.ok(text.length < LIMITS.stored);
    const read = readStored(text, MODEL);
    assert.match(said(read.notices[0]), wording("notAnOption", { value: '{"k0":[0],"k1":[1],"k2":[2],"k3":[3],"k4…' }));
    assert.ok(read.notices.every((n) => said(n).length < 400));
  });

  for (const [what, reader] of [["saved", readStored], ["imported", readImport]]) {
    test(`a JSON parser that gives up with a RangeError: the ${what} copy is named as nested too deeply`, (t) => {
      t.mock.method(JSON, "parse", () => {
        throw new RangeError("Maximum call stack size exceeded");
      });
      const read = reader(deepArray(4000), MODEL);
      assert.deepEqual(read.answers, {});
      assert.match(said(read.notices[0]), wording("tooDeep"));
    });
  }
});

describe("not applicable and don't know", () => {
  // grounding allows "not applicable"; every question allows "don't know".
  const NA_MODEL = {
    ...MODEL,
    version: "2.0.0",
    questions: MODEL.questions.map((q) => ({ ...q, not_applicable: q.id === "grounding" })),
    unscored: { most: 2, rounding: "half-up" },
  };
  const NA_HEAD = "genaiops@2.0.0";
  const ANSWERS = { models: 4, prompts: 4, grounding: "na", evaluation: 2, deployment: 2, monitoring: "dk", safety: 2 };
  const FRAGMENT = `${NA_HEAD}&models=4&prompts=4&grounding=na&evaluation=2&deployment=2&monitoring=dk&safety=2`;
  const date = new Date("2026-11-26T10:00:00Z");

  test("the share link writes na and dk, and reads them back", () => {
    assert.equal(fragmentOf(ANSWERS, NA_MODEL), FRAGMENT);
    assert.deepEqual(readFragment(`#${FRAGMENT}`, NA_MODEL), { found: true, answers: ANSWERS, notices: [] });
  });

  test("the saved copy and the download keep them as the strings na and dk, and read them back", () => {
    assert.deepEqual(JSON.parse(storedValue(ANSWERS, NA_MODEL)).answers, ANSWERS);
    assert.deepEqual(readStored(storedValue(ANSWERS, NA_MODEL), NA_MODEL), { answers: ANSWERS, notices: [] });
    const text = JSON.stringify(exportRecord(ANSWERS, NA_MODEL, score(ANSWERS, NA_MODEL), date));
    assert.deepEqual(readImport(text, NA_MODEL), { answers: ANSWERS, notices: [] });
  });

  test("the download counts each, scales the total, and gives unscored dimensions no points", () => {
    const data = exportRecord(ANSWERS, NA_MODEL, score(ANSWERS, NA_MODEL), date);
    assert.deepEqual([data.not_applicable, data.dont_know, data.total, data.level], [1, 1, 20, 4]);
    assert.deepEqual(data.dimensions[2], { id: "grounding", dimension: "Dimension grounding", points: null, max: 4 });
    assert.equal(data.answers.grounding, "na");
  });

  test("past the limit the download has no total and no level, and reads back without a notice", () => {
    const many = { ...ANSWERS, models: "dk" };
    const data = exportRecord(many, NA_MODEL, score(many, NA_MODEL), date);
    assert.deepEqual([data.total, data.level, data.not_applicable, data.dont_know], [null, null, 1, 2]);
    assert.deepEqual(readImport(JSON.stringify(data), NA_MODEL), { answers: many, notices: [] });
  });

  test("an edited file's total is still named when na and dk make it differ", () => {
    const data = { ...exportRecord(ANSWERS, NA_MODEL, score(ANSWERS, NA_MODEL), date), total: 14, level: 2 };
    const read = readImport(JSON.stringify(data), NA_MODEL);
    assert.deepEqual(read.answers, ANSWERS);
    assert.match(said(read.notices[0]), wording("totalDiffers", { total: 14, level: 2, actualTotal: 20, actualLevel: 4 }));
  });

  test("a 1.x link (points only) still opens, with the other-version notice", () => {
    const read = readFragment(`#genaiops@1.2.0&${FULL_FRAGMENT}`, NA_MODEL);
    assert.deepEqual(read.answers, FULL);
    assert.deepEqual(kinds(read.notices), ["mismatch"]);
  });

  test("the form's values read as answers: digits as numbers, anything else as text", () => {
    assert.deepEqual(["0", "4", "na", "dk", "04", "NA", ""].map(answerOf), [0, 4, "na", "dk", "04", "NA", ""]);
    assert.deepEqual(allowedAnswers(NA_MODEL.questions[2], NA_MODEL), [0, 1, 2, 3, 4, "na", "dk"]);
    assert.deepEqual(allowedAnswers(NA_MODEL.questions[0], NA_MODEL), [0, 1, 2, 3, 4, "dk"]);
    assert.deepEqual(allowedAnswers(NA_MODEL.questions[2], MODEL), [0, 1, 2, 3, 4]);
  });

  // [what, fragment after the head, notice, the answers that survive]
  const TAMPERED = [
    ["mixed case", "models=nA", wording("notAnOption", { value: '"nA"', dimension: "Dimension models", options: "0, 1, 2, 3, 4, dk" }), {}],
    ["upper case", "monitoring=DK&models=1", wording("notAnOption", { value: '"DK"' }), { models: 1 }],
    ["na where the question does not allow it", "models=na&grounding=na", wording("notAnOption", { value: '"na"', dimension: "Dimension models" }), { grounding: "na" }],
    ["answered twice, na and a number", "grounding=na&grounding=2&models=1", wording("answeredTwice", { names: '"grounding"' }), { models: 1 }],
    ["answered twice, dk and dk", "safety=dk&safety=dk&models=dk", wording("answeredTwice", { names: '"safety"' }), { models: "dk" }],
    ["spaces around", "models= dk&prompts=dk ", wording("notAnOption", { value: '" dk"' }), {}],
    ["a longer word", "models=dont_know&prompts=na1", wording("notAnOption", { value: '"dont_know"' }), {}],
    ["encoded", "models=%64%6B&prompts=2", wording("notAnOption", { value: '"%64%6B"' }), { prompts: 2 }],
    ["empty value", "models=&prompts=dk", wording("notAnOption", { value: '""' }), { prompts: "dk" }],
  ];
  for (const [what, tail, expected, survivors] of TAMPERED) {
    test(`tampered link, ${what}: named, and only valid answers kept`, () => {
      const read = readFragment(`#${NA_HEAD}&${tail}`, NA_MODEL);
      assert.ok(read.notices.some((n) => expected.test(said(n))), `no notice matching ${expected}: ${JSON.stringify(read.notices)}`);
      assert.deepEqual(read.answers, survivors);
    });
  }

  test("a page without the unscored block takes neither na nor dk", () => {
    const read = readFragment(`#${HEAD}&grounding=na&models=dk&prompts=1`, MODEL);
    assert.deepEqual(read.answers, { prompts: 1 });
    assert.equal(read.notices.filter((n) => wording("notAnOption", { options: "0, 1, 2, 3, 4" }).test(said(n))).length, 2);
  });

  test("tampered files and saved copies: wrong case, null, arrays and objects are named and ignored", () => {
    const bad = { models: "NA", prompts: null, grounding: ["na"], evaluation: { dk: true }, deployment: "na", monitoring: "dk", safety: 0 };
    for (const read of [readImport(record({ version: "2.0.0", answers: bad }), NA_MODEL), readStored(record({ version: "2.0.0", answers: bad }), NA_MODEL)]) {
      assert.deepEqual(read.answers, { monitoring: "dk", safety: 0 });
      assert.equal(read.notices.filter((n) => n.kind === "warning").length, 5);
    }
  });
});
