// The result views (overrides/assets/js/report-view.js), under node with the DOM stand-in
// of dom-stub.mjs. The browser tests (tests/browser/test_assessment.py) check the same
// views in the page; these pin down what each view shows, that the chart, table and steps
// agree, that content stays text, and that the views are pure.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  dimensionChart,
  dimensionRows,
  dimensionTable,
  fill,
  heldBackText,
  noticeNodes,
  reportNodes,
  statusNodes,
  planFacts,
  unscoredText,
} from "../../overrides/assets/js/report-view.js";
import { score } from "../../overrides/assets/js/scoring.js";
import { findAll, installDocument, markup, select } from "./dom-stub.mjs";
import { WORDS } from "./words.mjs";

installDocument();

const IDS = ["models", "prompts", "grounding"];
const level = (number, name) => ({
  id: name.toLowerCase(),
  number,
  name,
  summary: `${name} summary`,
  url: `../levels/${name.toLowerCase()}/`,
  advance: [`${name} step one`, `${name} step two`],
});
const MODEL = {
  model: "genaiops",
  version: "1.0.0",
  questions: IDS.map((id) => ({
    id,
    dimension: `Dimension ${id}`,
    why: `Why ${id}`,
    options: [0, 1, 2].map((points) => ({ points, level: points + 1, text: `${id} option ${points}`, references: points === 0 ? ["doc", "gone"] : [] })),
  })),
  bands: [
    { number: 1, min: 0, max: 2 },
    { number: 2, min: 3, max: 5 },
    { number: 3, min: 6, max: 6 },
  ],
  levels: [level(1, "Initial"), level(2, "Defined"), level(3, "Managed")],
  references: { doc: { title: "A document", url: "https://example.org/doc", kind: "docs" } },
  total: { min: 0, max: 6 },
  held_back: { points: 0, level: 1, says: "Level {total_level} by total; held back to level {level} by: {dimensions} {unknown}", each: "{dimension} ({points}/{max})" },
};
const answersOf = (...points) => Object.fromEntries(IDS.map((id, i) => [id, points[i]]));
const resultOf = (...points) => score(answersOf(...points), MODEL);
const texts = (nodes) => nodes.map((n) => n.textContent);
const classOf = (node) => node.getAttribute("class");
/** A level as the words write it (levelOne, levelBoth of content/ui.yml's `answers` group). */
const levelOne = (number, name) => fill(WORDS.levelOne, { number, name });
const levelBoth = (number, name, practical, practical_name) => fill(WORDS.levelBoth, { number, name, practical, practical_name });

describe("dimensionRows", () => {
  test("one row per dimension in question order, with the answer chosen, its level, the weakest and the held-back marked", () => {
    assert.deepEqual(dimensionRows(MODEL, resultOf(1, 0, 2)), [
      { id: "models", label: "Dimension models", points: 1, max: 2, ratio: 0.5, level: 2, weak: false, held: false, answer: "models option 1", unscored: null },
      { id: "prompts", label: "Dimension prompts", points: 0, max: 2, ratio: 0, level: 1, weak: true, held: true, answer: "prompts option 0", unscored: null },
      { id: "grounding", label: "Dimension grounding", points: 2, max: 2, ratio: 1, level: 3, weak: false, held: false, answer: "grounding option 2", unscored: null },
    ]);
  });
});

describe("held back", () => {
  test("the sentence names the level by total, the level held back to and each weak dimension", () => {
    const result = resultOf(2, 0, 2);
    assert.equal(result.level, 2);
    const [line] = select(reportNodes(MODEL, result, WORDS), "p", "assessment__held-back");
    assert.equal(line.textContent, "Level 2 by total; held back to level 1 by: Dimension prompts (0/2) {unknown}");
    assert.deepEqual(dimensionRows(MODEL, result).map((r) => r.held), [false, true, false]);
  });

  test("no sentence when the rule does not apply", () => {
    assert.equal(heldBackText(MODEL, resultOf(1, 1, 2)), null);
    assert.equal(select(reportNodes(MODEL, resultOf(1, 1, 2), WORDS), "p", "assessment__held-back").length, 0);
  });

  test("fill leaves unknown placeholders and stray braces as written", () => {
    assert.equal(fill("{a} and {b} and {", { a: "<x>" }), "<x> and {b} and {");
  });
});

describe("statusNodes", () => {
  test("before the last answer: how many of the questions are answered", () => {
    assert.deepEqual(texts(statusNodes(MODEL, 2, null, [], WORDS)), [fill(WORDS.answered, { n: 2, all: 3 })]);
  });

  test("unanswered questions are links to them, once any question is answered", () => {
    const missing = [{ text: "2", label: "Prompts", href: "#q-prompts" }, { text: "3", label: "Safety", href: "#q-safety" }];
    const [count, rest] = statusNodes(MODEL, 1, null, missing, WORDS);
    assert.equal(count.textContent, fill(WORDS.answered, { n: 1, all: 3 }));
    assert.equal(rest.textContent, `${WORDS.stillToAnswer}2${WORDS.separator}3`);
    assert.deepEqual(
      select([rest], "a").map(markup),
      missing.map((m) => `<a href="${m.href}" title="${m.label}" aria-label="${fill(WORDS.unansweredName, { n: m.text, dimension: m.label })}">${m.text}</a>`),
    );
    // WCAG 2.5.3: each link's name holds the number it shows (and says the dimension too),
    // in whatever order the words (unansweredName) put them.
    for (const a of select([rest], "a")) {
      const name = a.getAttribute("aria-label");
      assert.ok(name.includes(a.textContent) && name.includes(a.getAttribute("title")), markup(a));
    }
    assert.deepEqual(texts(statusNodes(MODEL, 0, null, missing, WORDS)), [fill(WORDS.answered, { n: 0, all: 3 })]);
  });

  test("complete: total, level and a link to the result", () => {
    const [line, link] = statusNodes(MODEL, 3, resultOf(1, 1, 1), [], WORDS);
    const said = fill(WORDS.statusTotal, { total: 3, max: 6, level: fill(WORDS.levelOne, { number: 2, name: "Defined" }) });
    assert.equal(line.textContent, `${fill(WORDS.allAnswered, { all: 3, said })} `);
    assert.equal(markup(link), `<a href="#your-result">${WORDS.seeResult}</a>`);
  });
});

describe("noticeNodes", () => {
  test("none: nothing to show", () => {
    assert.deepEqual(noticeNodes([], WORDS), []);
  });

  test("a list with one item per notice, classed by kind, and a Dismiss button", () => {
    const [list, button] = noticeNodes([
      { kind: "info", text: "one" },
      { kind: "warning", text: "two" },
    ], WORDS);
    assert.equal(
      markup(list),
      '<ul class="assessment__notice-list"><li class="assessment__notice assessment__notice--info">one</li><li class="assessment__notice assessment__notice--warning">two</li></ul>',
    );
    assert.equal(markup(button), `<button type="button" class="assessment__dismiss" data-action="dismiss">${WORDS.dismiss}</button>`);
  });
});

describe("dimensionChart", () => {
  const rows = [
    { id: "a", label: "A", points: 1, max: 4, ratio: 0.25, weak: false },
    { id: "b", label: "B", points: 0, max: 4, ratio: 0, weak: true },
  ];

  test("draws the one chart: a bar per dimension, the weakest named in bold, no table of its own", () => {
    const nodes = dimensionChart(MODEL, rows, WORDS);
    assert.equal(nodes.length, 1);
    const [chart] = nodes;
    assert.equal(chart.namespaceURI, "http://www.w3.org/2000/svg");
    assert.equal(chart.getAttribute("role"), "img");
    assert.deepEqual(select(chart, "rect", "chart__s--bar").map((b) => b.getAttribute("width")), ["17.5%", "0%"]);
    assert.deepEqual(select(chart, "text", "chart__label").map((t) => classOf(t).includes("chart__label--strong")), [false, true]);
    assert.deepEqual(texts(select(chart, "text", "chart__value")), ["1 / 4", "0 / 4"]);
    assert.equal(select(chart, "svg", "chart__s--triangle").length, 0);
  });

  test("a target above today is a triangle, and the value says where it goes", () => {
    const [chart] = dimensionChart(MODEL, rows, WORDS, { a: 3, b: 0 });
    assert.equal(select(chart, "svg", "chart__s--triangle").length, 1, "no triangle where the target is today's answer");
    assert.deepEqual(texts(select(chart, "text", "chart__value")), ["1 / 4 → 3", "0 / 4"]);
    assert.equal(select(chart, "title")[0].textContent, WORDS.chartTitleTargets);
    assert.equal(select(dimensionChart(MODEL, rows, WORDS)[0], "title")[0].textContent, WORDS.chartTitle);
  });
});

describe("reportNodes", () => {
  test("headline, chart, table and steps agree with the score", () => {
    const result = resultOf(1, 0, 2);
    const nodes = reportNodes(MODEL, result, WORDS);
    assert.equal(select(nodes, "span", "assessment__level-number")[0].textContent, fill(WORDS.level, { number: 2 }));
    assert.equal(select(nodes, "p", "assessment__total")[0].textContent, fill(WORDS.totalPoints, { total: 3, max: 6 }));
    const bars = select(nodes, "rect", "chart__s--bar");
    assert.deepEqual(
      bars.map((b) => b.getAttribute("width")),
      result.dimensions.map((d) => `${70 * d.ratio}%`),
    );
    assert.deepEqual(
      select(nodes, "text", "chart__label").map((t) => classOf(t).includes("--strong")),
      [false, true, false],
    );
    const rows = select(select(nodes, "tbody"), "tr");
    assert.deepEqual(
      rows.map((r) => texts(r.children)),
      dimensionRows(MODEL, result).map((r) => [r.label, fill(WORDS.pointsOf, r), fill(WORDS.level, { number: r.level }), r.answer]),
    );
    assert.equal(markup(dimensionTable(dimensionRows(MODEL, result), WORDS)), markup(select(nodes, "table", "assessment__table")[0]));
    const steps = select(nodes, "li", "assessment__step");
    assert.deepEqual(texts(steps.map((s) => s.children[0])), [
      fill(WORDS.stepHeld, { dimension: "Dimension prompts", range: fill(WORDS.stepRange, { from: 0, to: 1, max: 2 }), level: 2 }),
      fill(WORDS.step, { dimension: "Dimension models", range: fill(WORDS.stepRange, { from: 1, to: 2, max: 2 }), level: 3 }),
    ]);
    assert.deepEqual(
      select(steps, "a").map((a) => [a.getAttribute("href"), a.textContent]),
      [["https://example.org/doc", "A document"]],
    );
    assert.equal(select(nodes, "select").length, 1 + 3);
    assert.deepEqual(
      select(nodes, "button").map((b) => b.getAttribute("data-export")),
      ["plan-md", "plan-csv"],
    );
  });

  test("the way to the next level, with its page", () => {
    const nodes = reportNodes(MODEL, resultOf(1, 1, 1), WORDS);
    assert.ok(texts(select(nodes, "h3")).includes(fill(WORDS.towards, { number: 3, name: "Managed" })));
    const advance = select(nodes, "ol").filter((ol) => ol.getAttribute("data-roadmap") === null);
    assert.deepEqual(texts(select(advance, "li")), ["Defined step one", "Defined step two"]);
    const links = select(nodes, "a").map((a) => [a.getAttribute("href"), a.textContent]);
    assert.deepEqual(links.at(-1), ["../levels/managed/", fill(WORDS.readAbout, { number: 3, name: "Managed" })]);
    assert.deepEqual(links[0], ["../levels/defined/", fill(WORDS.readAbout, { number: 2, name: "Defined" })]);
  });

  test("held back: the way on starts from the practical level, not the level by total", () => {
    const nodes = reportNodes(MODEL, resultOf(2, 0, 2), WORDS);
    assert.equal(select(nodes, "span", "assessment__level-number")[0].textContent, fill(WORDS.level, { number: 2 }));
    assert.ok(texts(select(nodes, "h3")).includes(fill(WORDS.towards, { number: 2, name: "Defined" })));
    const advance = select(nodes, "ol").filter((ol) => ol.getAttribute("data-roadmap") === null);
    assert.deepEqual(texts(select(advance, "li")), ["Initial step one", "Initial step two"]);
  });

  test("at the top level: staying there, no next level, and no steps", () => {
    const nodes = reportNodes(MODEL, resultOf(2, 2, 2), WORDS);
    assert.ok(texts(select(nodes, "h3")).includes(fill(WORDS.staying, { number: 3 })));
    assert.equal(select(nodes, "a").length, 1);
    assert.equal(select(nodes, "li", "assessment__step").length, 0);
    assert.equal(select(nodes, "p").filter((p) => p.getAttribute("data-roadmap") !== null).map((p) => p.textContent).join(), WORDS.planAtTarget);
  });

  test("targets set on purpose change the steps; the pickers show them selected", () => {
    const nodes = reportNodes(MODEL, resultOf(0, 0, 0), WORDS, { targets: { models: 2, prompts: 0 } });
    const steps = select(nodes, "li", "assessment__step").map((s) => [s.getAttribute("data-step"), s.getAttribute("data-from")]);
    assert.deepEqual(steps, [["models", "0"], ["grounding", "0"], ["models", "1"]]);
    const chosen = select(nodes, "option").filter((o) => o.getAttribute("selected") !== null).map((o) => o.getAttribute("value"));
    assert.deepEqual(chosen, ["2", "0", "1"]);
  });

  test("planFacts: both levels when held back (title and first line), the held-back sentence and the version", () => {
    assert.deepEqual(planFacts({ ...MODEL, edition: { name: "Ed" } }, resultOf(1, 0, 2), WORDS), {
      title: fill(WORDS.planTitle, { level: levelBoth(2, "Defined", 1, "Initial") }),
      lines: [
        fill(WORDS.planLevel, { level: levelBoth(2, "Defined", 1, "Initial"), total: 3, max: 6 }),
        "Level 2 by total; held back to level 1 by: Dimension prompts (0/2) {unknown}",
        fill(WORDS.planEdition, { edition: "Ed", version: "1.0.0" }),
      ],
    });
  });

  test("planFacts: the team and date the user gave come first", () => {
    const facts = planFacts({ ...MODEL, edition: { name: "Ed" } }, resultOf(2, 2, 2), WORDS, { team: " Platform ", date: "2026-11-26", answers: {} });
    assert.deepEqual(facts.lines.slice(0, 2), [fill(WORDS.printTeam, { team: "Platform" }), fill(WORDS.printDate, { date: "2026-11-26" })]);
  });

  test("planFacts: one level when nothing holds it back", () => {
    assert.equal(planFacts({ ...MODEL, edition: { name: "Ed" } }, resultOf(2, 2, 2), WORDS).title, fill(WORDS.planTitle, { level: levelOne(3, "Managed") }));
  });

  test("held back: the headline shows both levels with the same markup, headed by total and in practice", () => {
    const nodes = reportNodes(MODEL, resultOf(1, 0, 2), WORDS);
    const blocks = select(nodes, "div", "assessment__level-block");
    assert.deepEqual(blocks.map((b) => [b.getAttribute("data-level-kind"), b.getAttribute("data-level")]), [["total", "2"], ["practice", "1"]]);
    assert.deepEqual(select(nodes, "p", "assessment__level-heading").map((p) => p.textContent), [WORDS.headlineByTotal, WORDS.headlineInPractice]);
    assert.deepEqual(select(nodes, "span", "assessment__level-number").slice(0, 2).map((s) => s.textContent), [2, 1].map((number) => fill(WORDS.level, { number })));
    assert.equal(select(nodes, "p", "assessment__summary").length, 2);
    // Nothing held back: one level, no headings.
    const one = reportNodes(MODEL, resultOf(2, 2, 2), WORDS);
    assert.deepEqual([select(one, "div", "assessment__level-block").length, select(one, "p", "assessment__level-heading").length], [0, 0]);
  });

  test("the mismatch warning shows only when asked", () => {
    const warned = (options) => select(reportNodes(MODEL, resultOf(0, 0, 0), WORDS, options), "p", "assessment__notice--mismatch").length;
    assert.equal(warned(undefined), 0);
    assert.equal(warned({ mismatch: false }), 0);
    assert.equal(warned({ mismatch: true }), 1);
  });

  test("content stays text: markup-like names and titles are never parsed", () => {
    const model = structuredClone(MODEL);
    model.questions[0].dimension = '<img src=x onerror="alert(1)">';
    model.levels[0].name = "<b>Initial</b>";
    model.references.doc.title = "<script>alert(1)</script>";
    const html = reportNodes(model, score(answersOf(0, 0, 0), model), WORDS).map(markup).join("");
    assert.ok(!html.includes("<img") && !html.includes("<b>") && !html.includes("<script>"));
    assert.ok(html.includes("&lt;img src=x onerror=\"alert(1)\"&gt;"));
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  });

  test("pure: inputs untouched, and the same inputs give the same nodes", () => {
    const result = resultOf(1, 0, 2);
    const before = structuredClone({ MODEL, result });
    const once = reportNodes(MODEL, result, WORDS, { mismatch: true }).map(markup);
    assert.deepEqual(reportNodes(MODEL, result, WORDS, { mismatch: true }).map(markup), once);
    assert.deepEqual({ MODEL, result }, before);
  });
});

describe("not applicable and don't know in the result", () => {
  const UNSCORED = {
    not_applicable: "Not applicable to us",
    dont_know: "Don't know",
    most: 1,
    rounding: "half-up",
    says: "Scaled from {points} of {points_max} on {answered} ({not_applicable} na, {dont_know} dk).",
    too_many: "No level: {unscored} not scored ({not_applicable} na, {dont_know} dk), at most {most}.",
  };
  const NA = { ...MODEL, edition: { id: "e", name: "E" }, questions: MODEL.questions.map((q) => ({ ...q, not_applicable: q.id === "grounding" })), unscored: UNSCORED };
  const result = (...answers) => score(answersOf(...answers), NA);
  const withAttr = (nodes, name) => findAll(nodes, (n) => n.getAttribute(name) !== null && n.getAttribute(name) !== undefined);
  const one = (nodes, name) => withAttr(nodes, name)[0] ?? null;

  test("the scaled total says how it was scaled, with the counts", () => {
    // 3 of 4 points on two questions: 3 x 6 / 4 = 4.5 -> 5, level 2.
    const r = result(1, 2, "na");
    assert.equal(unscoredText(NA, r), "Scaled from 3 of 4 on 2 (1 na, 0 dk).");
    const nodes = reportNodes(NA, r, WORDS);
    assert.equal(one(nodes, "data-unscored").textContent, "Scaled from 3 of 4 on 2 (1 na, 0 dk).");
    assert.equal(select(nodes, "p", "assessment__total")[0].textContent, fill(WORDS.totalPoints, { total: 5, max: 6 }));
    assert.deepEqual(planFacts(NA, r, WORDS).lines.slice(0, 2), [fill(WORDS.planLevel, { level: levelOne(2, "Defined"), total: 5, max: 6 }), "Scaled from 3 of 4 on 2 (1 na, 0 dk)."]);
  });

  test("an unscored dimension shows its words, no points, no level, no target and no steps", () => {
    const r = result(1, 2, "na");
    const row = dimensionRows(NA, r)[2];
    assert.deepEqual([row.answer, row.points, row.level, row.unscored], [UNSCORED.not_applicable, null, null, "na"]);
    const nodes = reportNodes(NA, r, WORDS);
    const cells = select(select(select(nodes, "tbody"), "tr")[2], "td").map((c) => c.textContent);
    assert.deepEqual(cells, ["–", "–", UNSCORED.not_applicable]);
    assert.deepEqual(withAttr(nodes, "data-target").map((n) => n.getAttribute("data-target")), ["models", "prompts"]);
    assert.deepEqual(withAttr(nodes, "data-step").map((n) => n.getAttribute("data-step")).filter((id) => id === "grounding"), []);
  });

  test("don't know: the plan's first step is to find out, worded, with why", () => {
    const nodes = reportNodes(NA, result(2, "dk", 1), WORDS);
    const [step] = withAttr(nodes, "data-step");
    assert.equal(step.getAttribute("data-step"), "prompts");
    assert.equal(step.getAttribute("data-find-out"), "");
    assert.deepEqual(texts(select([step], "h4")), [WORDS.stepFindOut.replace("{dimension}", "Dimension prompts")]);
  });

  test("past the limit: no level, the reason, the answers as given, and a plan that starts by finding out", () => {
    const r = result(2, "dk", "na");
    assert.equal(r.level, null);
    const nodes = reportNodes(NA, r, WORDS);
    assert.equal(one(nodes, "data-no-level").textContent, "No level: 2 not scored (1 na, 1 dk), at most 1.");
    // The "don't know" answer is the plan's first step: find out (no level is needed for that).
    assert.equal(withAttr(nodes, "data-step")[0].getAttribute("data-find-out"), "");
    assert.deepEqual(select(nodes, "span", "assessment__level-number"), []);
    assert.equal(select(select(nodes, "tbody"), "tr").length, 3);
    const said = "No level: 2 not scored (1 na, 1 dk), at most 1.";
    assert.deepEqual(texts(statusNodes(NA, 3, r, [], WORDS)), [`${fill(WORDS.allAnswered, { all: 3, said })} `, WORDS.seeResult]);
  });

  test("every question answered with an option: nothing is said about unscored answers", () => {
    assert.equal(unscoredText(NA, result(1, 1, 1)), null);
    assert.equal(one(reportNodes(NA, result(1, 1, 1), WORDS), "data-unscored"), null);
  });
});
