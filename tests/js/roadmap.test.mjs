// The plan (overrides/assets/js/roadmap.js) and its files (plan-export.js): targets, the
// order of the steps, readings listed once, the saved targets read back, and Markdown and
// CSV that keep content as text. tests/browser/test_plan.py checks the same in the page.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { CSV_COLUMNS, markdownText, planCsv, planMarkdown } from "../../overrides/assets/js/plan-export.js";
import { oneUp, planFor, readTargets, roadmapSteps, targetsFor, targetsForLevel, targetsValue } from "../../overrides/assets/js/roadmap.js";
import { score } from "../../overrides/assets/js/scoring.js";
import { fill } from "../../overrides/assets/js/words.js";
import { said, WORDS, wording } from "./words.mjs";

const IDS = ["models", "prompts", "grounding", "evaluation", "deployment", "monitoring", "safety"];
const LEVEL_OF = [1, 1, 2, 3, 4];
const MODEL = {
  model: "genaiops",
  questions: IDS.map((id) => ({
    id,
    dimension: `Dim ${id}`,
    why: `Why ${id}`,
    options: [0, 1, 2, 3, 4].map((points) => ({ points, level: LEVEL_OF[points], text: `${id} ${points}`, references: points < 4 ? ["shared", `${id}-${points}`] : [] })),
  })),
  bands: [
    { number: 1, min: 0, max: 9 },
    { number: 2, min: 10, max: 14 },
    { number: 3, min: 15, max: 19 },
    { number: 4, min: 20, max: 28 },
  ],
  held_back: { points: 1, level: 2 },
  references: Object.fromEntries(
    ["shared", ...IDS.flatMap((id) => [0, 1, 2, 3].map((p) => `${id}-${p}`))].map((r) => [r, { title: `Title ${r}`, url: `https://example.org/${r}`, kind: "doc" }]),
  ),
};
const answersOf = (...points) => Object.fromEntries(IDS.map((id, i) => [id, points[i]]));
const plan = (answers, set = {}) => roadmapSteps(MODEL, score(answers, MODEL), targetsFor(MODEL, answers, set));
const order = (steps) => steps.map((s) => `${s.id}:${s.from}`);

describe("targets", () => {
  test("by default one option up, and the top stays where it is", () => {
    assert.deepEqual(targetsFor(MODEL, answersOf(0, 1, 2, 3, 4, 0, 0)), answersOf(1, 2, 3, 4, 4, 1, 1));
    assert.equal(oneUp(MODEL.questions[0], 4), 4);
  });

  test("a target set on purpose wins when it is an option at or above today's answer", () => {
    const set = { models: 4, prompts: 1, grounding: 0, evaluation: 9, deployment: "4" };
    assert.deepEqual(targetsFor(MODEL, answersOf(0, 1, 2, 3, 3, 0, 0), set), answersOf(4, 1, 3, 4, 4, 1, 1));
  });

  test("a level for all: the lowest option indicating it, never below today", () => {
    assert.deepEqual(targetsForLevel(MODEL, answersOf(0, 1, 2, 3, 4, 0, 0), 3), answersOf(3, 3, 3, 3, 4, 3, 3));
    assert.deepEqual(targetsForLevel(MODEL, answersOf(0, 1, 2, 3, 4, 0, 0), 1), answersOf(0, 1, 2, 3, 4, 0, 0));
  });
});

describe("roadmapSteps", () => {
  test("held-back dimensions first, then weakest first, each with the option to reach and why", () => {
    const steps = plan(answersOf(4, 4, 4, 3, 3, 0, 1));
    assert.deepEqual(order(steps), ["monitoring:0", "safety:1", "evaluation:3", "deployment:3"]);
    assert.deepEqual(steps.map((s) => s.held), [true, true, false, false]);
    assert.deepEqual(
      { ...steps[0], readings: steps[0].readings.map((r) => r.id) },
      { id: "monitoring", dimension: "Dim monitoring", from: 0, to: 1, max: 4, level: 1, text: "monitoring 1", why: "Why monitoring", held: true, readings: ["shared", "monitoring-0"] },
    );
  });

  test("by default a held-back dimension aims out of the weak range: the plan starts there", () => {
    const { targets, steps } = planFor(MODEL, score(answersOf(4, 4, 4, 4, 4, 0, 0), MODEL));
    assert.deepEqual(targets, answersOf(4, 4, 4, 4, 4, 2, 2));
    assert.deepEqual(order(steps), ["monitoring:0", "safety:0", "monitoring:1", "safety:1"]);
    assert.ok(steps.every((s) => s.held));
    assert.deepEqual(order(planFor(MODEL, score(answersOf(4, 4, 4, 4, 4, 0, 0), MODEL), { safety: 1 }).steps), ["monitoring:0", "safety:0", "monitoring:1"]);
  });

  test("every step up to the target, and a higher target re-orders the plan", () => {
    const answers = answersOf(2, 2, 2, 2, 2, 1, 2);
    assert.deepEqual(order(plan(answers)), ["monitoring:1", "models:2", "prompts:2", "grounding:2", "evaluation:2", "deployment:2", "safety:2"]);
    const far = plan(answers, { safety: 4, monitoring: 1 });
    assert.deepEqual(order(far), ["models:2", "prompts:2", "grounding:2", "evaluation:2", "deployment:2", "safety:2", "safety:3"]);
  });

  test("each reading appears once, under the first step that needs it", () => {
    const steps = plan(answersOf(0, 0, 0, 0, 0, 0, 0), Object.fromEntries(IDS.map((id) => [id, 4])));
    const ids = steps.flatMap((s) => s.readings.map((r) => r.id));
    assert.equal(ids.length, new Set(ids).size);
    assert.deepEqual(steps[0].readings.map((r) => r.id), ["shared", "models-0"]);
    assert.ok(steps.slice(1).every((s) => !s.readings.some((r) => r.id === "shared")));
    assert.equal(steps.length, 7 * 4);
  });

  test("references the model does not hold are left out; no steps when every target is reached", () => {
    const model = structuredClone(MODEL);
    model.questions[0].options[0].references = ["gone", "gone"];
    const answers = answersOf(0, 4, 4, 4, 4, 4, 4);
    assert.deepEqual(roadmapSteps(model, score(answers, model), targetsFor(model, answers))[0].readings, []);
    assert.deepEqual(plan(answersOf(4, 4, 4, 4, 4, 4, 4)), []);
  });
});

describe("readTargets", () => {
  test("round trip: what is saved is read back", () => {
    const set = { models: 3, safety: 2 };
    assert.deepEqual(readTargets(targetsValue(set), MODEL), { targets: set, notices: [] });
    assert.deepEqual(readTargets(null, MODEL), { targets: {}, notices: [] });
  });

  const CORPUS = [
    // [what is saved, the notice's words (content/ui.yml) and values, the targets kept]
    ["garbage", "savedTargetsNotJson", {}, {}],
    ["[1]", "savedTargetsNoObject", {}, {}],
    ['{"targets": [1]}', "savedTargetsNoObject", {}, {}],
    ['{"targets": {"models": "3", "prompts": 2}}', "savedTargetsUnknown", { names: '"models"' }, { prompts: 2 }],
    ['{"targets": {"models": 7}}', "savedTargetsUnknown", { names: '"models"' }, {}],
    ['{"targets": {"models": 2.5}}', "savedTargetsUnknown", { names: '"models"' }, {}],
    ['{"targets": {"__proto__": {"polluted": 1}, "safety": 1}}', "savedTargetsUnknown", { names: '"__proto__"' }, { safety: 1 }],
    ['{"targets": {"nosuch": 1, "a": 1, "b": 1, "c": 1}}', "savedTargetsUnknown", { names: wording("andMore", { n: 1 }) }, {}],
    [JSON.stringify({ targets: Object.fromEntries([...Array(150).keys()].map((i) => [`q${i}`, 1])) }), "savedTargetsTooMany", { n: 150 }, {}],
    [`{"targets": {}, "pad": "${"x".repeat(20000)}"}`, "savedTargetsTooLarge", {}, {}],
  ];
  for (const [text, key, values, kept] of CORPUS) {
    test(`damaged saved targets: ${key} ${JSON.stringify(values)}`, () => {
      const read = readTargets(text, MODEL);
      assert.deepEqual(read.targets, kept);
      assert.equal(read.notices.length, 1);
      assert.match(said(read.notices[0]), wording(key, values));
      assert.equal({}.polluted, undefined);
    });
  }
});

describe("don't know: find out first", () => {
  const DK_MODEL = { ...MODEL, total: { min: 0, max: 28 }, unscored: { most: 2, rounding: "half-up" } };
  const answers = answersOf(4, "dk", 4, 4, 4, 0, 3);
  const steps = roadmapSteps(DK_MODEL, score(answers, DK_MODEL), targetsFor(DK_MODEL, answers));

  test("a dimension answered don't know gets one find-out step, before the held-back ones", () => {
    assert.deepEqual(steps.map((s) => [s.id, Boolean(s.findOut), s.held]).slice(0, 2), [["prompts", true, false], ["monitoring", false, true]]);
    assert.deepEqual([steps[0].from, steps[0].to, steps[0].text, steps[0].readings, steps[0].why], [null, null, null, [], "Why prompts"]);
    assert.equal(steps.filter((s) => s.id === "prompts").length, 1);
  });

  test("not applicable gets no step at all", () => {
    const na = answersOf(4, "na", 4, 4, 4, 4, 4);
    const model = { ...DK_MODEL, questions: DK_MODEL.questions.map((q) => ({ ...q, not_applicable: true })) };
    assert.deepEqual(roadmapSteps(model, score(na, model), targetsFor(model, na)).filter((s) => s.id === "prompts"), []);
  });

  test("both files say find out first, in the page's words, with no code and no blank step", () => {
    const md = planMarkdown(steps, { title: "Plan", lines: [], date: new Date("2026-11-26T10:00:00Z") }, WORDS);
    const first = md.split("\n").find((line) => line.startsWith("- [ ] "));
    assert.equal(first, `- [ ] **${WORDS.exportFindOut.replace("{dimension}", "Dim prompts")}** ${markdownText(WORDS.findOutText)}`);
    assert.ok(md.includes(`    - ${fill(WORDS.exportWhy, { why: "Why prompts" })}\n`));
    const row = planCsv(steps, WORDS).split("\r\n")[1];
    assert.equal(row, `"Dim prompts","","","${WORDS.findOutText}","","",""`);
    assert.doesNotMatch(md + row, /\b(dk|null|undefined|NaN)\b/);
  });
});

describe("plan files", () => {
  const steps = plan(answersOf(4, 4, 4, 4, 4, 0, 0));
  const facts = { title: "Plan: level 4", lines: ["Level 4 by total; held back to level 2 by: X (0/4)"], date: new Date("2026-11-26T10:00:00Z") };

  test("Markdown: a heading, the facts, and one checklist item per step with why and readings", () => {
    const text = planMarkdown(steps, facts, WORDS);
    const items = text.split("\n").filter((line) => line.startsWith("- [ ] "));
    assert.equal(items.length, steps.length);
    assert.ok(text.startsWith("## Plan: level 4\n\nLevel 4 by total; held back to level 2 by: X \\(0/4\\)  \n2026-11-26\n"));
    const range = markdownText(fill(WORDS.stepRange, { from: 0, to: 1, max: 4 }));
    assert.equal(items[0], `- [ ] **${fill(WORDS.exportStep, { dimension: "Dim monitoring", range })}** monitoring 1`);
    const readings = "[Title shared](https://example.org/shared), [Title monitoring-0](https://example.org/monitoring-0)";
    assert.ok(text.includes(`    - ${fill(WORDS.exportWhy, { why: "Why monitoring" })}\n    - ${fill(WORDS.exportReading, { readings })}\n`));
  });

  test("Markdown keeps content as text: no links, HTML or list markers from content", () => {
    assert.equal(markdownText("[x](javascript:alert(1)) <img src=x> *a* _b_\n# c"), "\\[x\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\> \\*a\\* \\_b\\_ \\# c");
    assert.equal(markdownText("- item"), "\\- item");
    assert.equal(markdownText("12. item"), "12\\. item");
  });

  test("CSV: a byte-order mark, the header, then one quoted row per step with its target and note; formulas are defused", () => {
    const text = planCsv(steps, WORDS, { targets: { monitoring: 2 }, notes: { monitoring: "Owner: Ana" } });
    assert.ok(text.startsWith("\ufeff"), "spreadsheet programs read UTF-8 only with a BOM");
    const lines = text.slice(1).split("\r\n");
    // The header in the page's words (here English), the columns in their fixed order.
    assert.equal(lines[0], CSV_COLUMNS.map((c) => `"${WORDS[`column_${c}`]}"`).join(","));
    assert.deepEqual(CSV_COLUMNS.slice(0, 5), ["dimension", "from", "to", "step", "readings"], "the first columns stay where imports expect them");
    assert.notEqual(WORDS.column_dimension, undefined);
    assert.equal(lines.length, steps.length + 2);
    assert.equal(lines.at(-1), "");
    assert.equal(lines[1], '"Dim monitoring","0","1","monitoring 1","Title shared <https://example.org/shared>; Title monitoring-0 <https://example.org/monitoring-0>","2","Owner: Ana"');
    const hostile = planCsv([{ id: "x", dimension: '=HYPERLINK("x")', from: 0, to: 1, text: 'say "hi"\nthere', readings: [] }], WORDS, { notes: { x: "=cmd" } });
    assert.equal(hostile.slice(1).split("\r\n")[1], '"\'=HYPERLINK(""x"")","0","1","say ""hi"" there","","","\'=cmd"');
  });

  test("Markdown: a note goes under its dimension's first step, as text", () => {
    const text = planMarkdown(steps, { ...facts, notes: { monitoring: "See [ADR](http://x) <b>" } }, WORDS);
    const notes = text.split("\n").filter((line) => line.includes("ADR"));
    assert.deepEqual(notes, [`    - ${fill(WORDS.exportNote, { note: "See \\[ADR\\]\\(http\\://x\\) \\<b\\>" })}`]);
  });

  test("a reading's status (a retiring or retired reference) follows it in both files, as text, after a dash (no nested parentheses), without its full stop before the next reading", () => {
    const reading = { id: "old", title: "Old page", url: "https://example.org/old", kind: "doc", status: "Retires on 2027-04-20: read [New] instead." };
    const one = [{ dimension: "Dim", from: 0, to: 1, text: "step", why: "why", readings: [reading, { id: "x", title: "X", url: "https://example.org/x", kind: "doc" }] }];
    assert.ok(planMarkdown(one, facts, WORDS).includes("[Old page](https://example.org/old) – Retires on 2027-04-20: read \\[New\\] instead, [X](https://example.org/x)\n"));
    assert.ok(planCsv(one, WORDS).includes('"Old page <https://example.org/old> – Retires on 2027-04-20: read [New] instead; X <https://example.org/x>"'));
    const japanese = { ...reading, status: "2027-04-20 に廃止: 代わりに [New] を読んでください。" };
    assert.ok(planCsv([{ ...one[0], readings: [japanese] }], WORDS).includes('– 2027-04-20 に廃止: 代わりに [New] を読んでください"'));
  });
});
