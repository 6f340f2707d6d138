/*
 * The self-assessment's views: the model and a score (scoring.js) in, new DOM nodes out.
 * assessment.js puts them into the page; any other view of results (a plan, a comparison)
 * can build from the same pieces.
 *
 * Invariants: every export is a function of its arguments alone: no storage, no event
 * listeners, no module state, nothing read from the page. Nodes come back detached and
 * the caller places them. Content becomes text only (textContent, append), never HTML.
 * `dimensionRows`, `planFacts` and roadmap.js's steps are plain data (what is shown); the
 * other views draw that data and add no facts of their own. Every word comes from
 * `words`: the page's words (content/ui.yml, `assessment.script` and `answers`).
 */

import { seriesChart } from "./chart.js";
import { h } from "./dom.js";
import { noticeList } from "./page-shell.js";
import { planFor, readingStatus } from "./roadmap.js";
import { answerText, fill, levelText, say, unscoredText } from "./words.js";

export { h, svg } from "./dom.js";
export { answerText, fill, levelText, say, unscoredText } from "./words.js";

export const levelOf = (model, number) => model.levels.find((l) => l.number === number);
export const questionOf = (model, id) => model.questions.find((q) => q.id === id);

/**
 * The held-back sentence of the model's rule (content/editions.yml) for `result`, or null
 * when the rule does not apply: "Level 4 by total; held back to level 2 by: ...".
 */
export function heldBackText(model, result) {
  if (!result.heldBack) return null;
  const rule = model.held_back;
  const dimensions = result.heldBack.by
    .map((id) => result.dimensions.find((d) => d.id === id))
    .map((d) => fill(rule.each, { dimension: questionOf(model, d.id).dimension, points: d.points, max: d.max }))
    .join(rule.between ?? "; ");
  return fill(rule.says, { total_level: result.level, level: result.heldBack.level, dimensions });
}

/**
 * One row per dimension, in question order: {id, label, points, max, ratio, level, weak,
 * held, answer, unscored}, where `answer` is the text of the option chosen (or of "not
 * applicable" / "don't know", when `unscored` says which and points, ratio and level are
 * null), `level` the level it indicates, `weak` says it is one of the weakest and `held`
 * that it holds the level back.
 */
export function dimensionRows(model, result) {
  return result.dimensions.map((d) => {
    const q = questionOf(model, d.id);
    const answer = d.unscored ? answerText(model, d.unscored) : q.options.find((o) => o.points === d.points).text;
    const held = Boolean(result.heldBack?.by.includes(d.id));
    return { id: d.id, label: q.dimension, points: d.points, max: d.max, ratio: d.ratio, level: d.level, weak: result.weakest.includes(d.id), held, answer, unscored: d.unscored };
  });
}

/**
 * The status line: how many questions are answered, or (with `result`) the total and level.
 * `missing`: the unanswered questions as short links ({text, label, href}: the question's
 * number, shown, and its dimension; the link's name says both, the number first, so the
 * name holds what is seen, WCAG 2.5.3), listed once any question is answered.
 */
export function statusNodes(model, answered, result, missing, words) {
  const all = model.questions.length;
  if (!result) {
    const line = [h("span", { text: fill(words.answered, { n: answered, all }) })];
    if (!answered || !missing.length) return line;
    const links = missing.flatMap((m, i) => [...(i ? [words.separator] : []), h("a", { href: m.href, title: m.label, "aria-label": fill(words.unansweredName, { n: m.text, dimension: m.label }), text: m.text })]);
    return [...line, h("span", { text: words.stillToAnswer }, ...links)];
  }
  const level = levelOf(model, result.level);
  const said = level ? fill(words.statusTotal, { total: result.total, max: model.total.max, level: levelText(model, result, words) }) : unscoredText(model, result);
  return [
    h("span", { text: `${fill(words.allAnswered, { all, said })} ` }),
    h("a", { href: "#your-result", text: words.seeResult }),
  ];
}

/** The notices as every page shows them (page-shell.js), with a Dismiss button (data-action="dismiss"); none: no nodes. */
export function noticeNodes(notices, words) {
  const list = noticeList(notices, words);
  return list.length ? [...list, h("button", { type: "button", class: "assessment__dismiss", "data-action": "dismiss", text: words.dismiss })] : [];
}

/**
 * The whole result: level, total, chart, table, the plan and the way to the next level
 * (from the practical level, which the held-back rule may set below the level by total).
 * `mismatch`: the answers came from another model or content version (answers.js).
 * `targets`: the targets set on purpose (roadmap.js); the rest aim one option up.
 */
export function reportNodes(model, result, words, { mismatch = false, targets = {} } = {}) {
  const rows = dimensionRows(model, result);
  const mismatchNode = h("p", { class: "assessment__notice assessment__notice--mismatch", text: words.mismatch });
  if (result.level === null) {
    // Too many questions not scored (scoring.js): the reason, the answers as given, and the
    // plan, whose first steps are finding out what the "don't know" answers are.
    return [
      h("div", { class: "assessment__headline" }, h("p", { class: "assessment__level assessment__no-level", "data-no-level": "", text: unscoredText(model, result) })),
      ...(mismatch ? [mismatchNode] : []),
      h("h3", { text: words.byDimension }),
      ...dimensionChart(model, rows, words),
      dimensionTable(rows, words),
      ...planNodes(model, result, words, targets),
    ];
  }
  const unscored = unscoredText(model, result);
  // The way on starts from the practical level: the level by total unless held back.
  const from = levelOf(model, result.practical);
  const next = levelOf(model, from.number + 1);
  const nodes = [
    h(
      "div",
      { class: "assessment__headline" },
      ...headlineLevels(model, result, words, [
        h("p", { class: "assessment__total", text: fill(words.totalPoints, { total: result.total, max: model.total.max }) }),
        ...(unscored ? [h("p", { class: "assessment__unscored", "data-unscored": "", text: unscored })] : []),
        ...(result.heldBack ? [h("p", { class: "assessment__held-back", "data-held-back": "", text: heldBackText(model, result) })] : []),
      ]),
    ),
  ];
  if (mismatch) nodes.push(mismatchNode);
  const aims = planFor(model, result, targets).targets;
  nodes.push(h("h3", { text: words.byDimension }), ...dimensionChart(model, rows, words, aims), dimensionTable(rows, words));
  nodes.push(...planNodes(model, result, words, targets));
  nodes.push(
    h("h3", { text: next ? fill(words.towards, { number: next.number, name: next.name }) : fill(words.staying, { number: from.number }) }),
    h("ol", {}, ...from.advance.map((step) => h("li", { text: step }))),
  );
  if (next) nodes.push(h("p", {}, h("a", { href: next.url, text: fill(words.readAbout, { number: next.number, name: next.name }) })));
  return nodes;
}

/**
 * The headline's level: one level, its summary and a link to read about it; or, when the
 * held-back rule puts the level in practice lower, both levels side by side with equal
 * weight (the same markup and size), each headed "by total" / "in practice", so that
 * nobody reports the level by total alone.
 */
function headlineLevels(model, result, words, facts) {
  const line = (level) => h("p", { class: "assessment__level" }, h("span", { class: "assessment__level-number", text: fill(words.level, { number: level.number }) }), " · ", h("span", { text: level.name }));
  const about = (level) => [h("p", { class: "assessment__summary", text: level.summary }), h("p", {}, h("a", { href: level.url, text: fill(words.readAbout, { number: level.number, name: level.name }) }))];
  const byTotal = levelOf(model, result.level);
  // One level: the level, the facts (total, unscored), then what the level means.
  if (result.practical === result.level) return [line(byTotal), ...facts, ...about(byTotal)];
  const block = (level, heading, kind) =>
    h("div", { class: "assessment__level-block", "data-level-kind": kind, "data-level": String(level.number) }, h("p", { class: "assessment__level-heading", text: heading }), line(level), ...about(level));
  return [h("div", { class: "assessment__levels", "data-levels": "" }, block(byTotal, words.headlineByTotal, "total"), block(levelOf(model, result.practical), words.headlineInPractice, "practice")), ...facts];
}

/**
 * The one chart (chart.js) for a result: your points as bars, your targets as triangles
 * (where a target is above today), the weakest dimensions' names in bold. The table
 * below it (dimensionTable) gives the numbers, so the chart comes without its own.
 */
export function dimensionChart(model, rows, words, aims = {}) {
  const targets = rows.map((r) => (Object.hasOwn(aims, r.id) && aims[r.id] > r.points ? aims[r.id] : null));
  const series = [{ name: words.seriesYou, shape: "bar", values: rows.map((r) => r.points) }];
  if (targets.some((t) => t !== null)) series.push({ name: words.seriesTarget, shape: "triangle", values: targets });
  return seriesChart({
    id: "assessment-chart",
    rows: rows.map((r) => ({ label: r.label, max: r.max, strong: r.weak })),
    series,
    title: series.length > 1 ? words.chartTitleTargets : words.chartTitle,
    description: words.chartDescription,
    // An unscored dimension shows a dash: its words ("not applicable", "don't know") are in the table, and would not fit a phone here.
    valueLabel: (values, max, i) => (rows[i].unscored ? "–" : `${rows[i].points} / ${max}`) + (targets[i] !== null ? ` → ${targets[i]}` : ""),
  });
}

/** The table of `dimensionRows`: dimension, points, the level it indicates and the answer chosen. */
export function dimensionTable(rows, words) {
  const head = h("tr", {}, ...[words.dimension, words.points, words.levelColumn, words.answer].map((text) => h("th", { scope: "col", text })));
  const body = rows.map((d) =>
    h(
      "tr",
      d.held ? { class: "assessment__row--held" } : {},
      h("th", { scope: "row", text: d.label }),
      // Each cell names its column (data-label): a phone stacks the cells, the header row hidden.
      h("td", { "data-label": words.points, text: d.unscored ? "–" : fill(words.pointsOf, { points: d.points, max: d.max }) }),
      h("td", { "data-label": words.levelColumn, text: d.unscored ? "–" : fill(words.level, { number: d.level }) }),
      h("td", { "data-label": words.answer, text: d.answer }),
    ),
  );
  return h("table", { class: "assessment__table" }, h("caption", { text: words.tableCaption }), h("thead", {}, head), h("tbody", {}, ...body));
}

/**
 * What a downloaded plan says before its steps: {title, lines}: the team and date the
 * user gave (notes.js), the level (both when held back), the held-back sentence when the
 * rule applies, and the edition and content version.
 */
export function planFacts(model, result, words, notes = { team: "", date: "", name: "" }) {
  const held = heldBackText(model, result);
  const unscored = unscoredText(model, result);
  const named = { level: levelText(model, result, words) };
  const team = notes.team.trim();
  const name = (notes.name ?? "").trim();
  // No level (too many questions not scored): the title says so, and the reason replaces the level's line.
  const level = result.level === null ? [] : [fill(words.planLevel, { ...named, total: result.total, max: model.total.max })];
  return {
    title: result.level === null ? words.planTitleNoLevel : fill(words.planTitle, named),
    lines: [
      ...(team ? [fill(words.printTeam, { team })] : []),
      ...(name ? [fill(words.printName, { name })] : []),
      ...(notes.date ? [fill(words.printDate, { date: notes.date })] : []),
      ...level,
      ...(unscored ? [unscored] : []),
      ...(held ? [held] : []),
      fill(words.planEdition, { edition: model.edition.name, version: model.version }),
    ],
  };
}

/**
 * The plan: a target picker per dimension (and one for all), the steps of roadmap.js in
 * order, and the two downloads (data-export="plan-md", "plan-csv"). `targetsSet`: the
 * targets set on purpose; the others take roadmap.js's defaults.
 */
export function planNodes(model, result, words, targetsSet = {}) {
  const { targets, steps } = planFor(model, result, targetsSet);
  const list = steps.length
    ? h("ol", { class: "assessment__roadmap", "data-roadmap": "" }, ...steps.map((s, i) => stepNode(s, steps.findIndex((x) => x.id === s.id) === i, words, model.kinds ?? {})))
    : h("p", { "data-roadmap": "", text: words.planAtTarget });
  return [
    h("h3", { text: words.planHeading }),
    h("p", { text: words.planIntro }),
    targetNodes(model, result, targets, words),
    list,
    h(
      "p",
      { class: "assessment__plan-tools" },
      h("button", { type: "button", class: "md-button", "data-export": "plan-md", text: words.downloadPlanMarkdown }),
      " ",
      h("button", { type: "button", class: "md-button", "data-export": "plan-csv", text: words.downloadPlanCsv }),
    ),
  ];
}

/**
 * One step of the plan: where it goes, the option to reach, why (on a dimension's first
 * step), and its new readings, each with its kind's label (`kinds`, references.yml).
 */
function stepNode(s, first, words, kinds) {
  if (s.findOut) {
    return h(
      "li",
      { class: "assessment__step assessment__step--find-out", "data-step": s.id, "data-find-out": "" },
      h("h4", { text: fill(words.stepFindOut, { dimension: s.dimension }) }),
      h("p", { text: words.findOutText }),
      h("p", { class: "assessment__why" }, h("strong", { text: words.why }), s.why),
    );
  }
  const item = h(
    "li",
    { class: `assessment__step${s.held ? " assessment__step--held" : ""}`, "data-step": s.id, "data-from": s.from, "data-to": s.to },
    h("h4", { text: fill(s.held ? words.stepHeld : words.step, { dimension: s.dimension, range: fill(words.stepRange, s), level: s.level }) }),
    h("p", { text: s.text }),
  );
  if (first) item.append(h("p", { class: "assessment__why" }, h("strong", { text: words.why }), s.why));
  if (s.readings.length) {
    item.append(
      h("p", { class: "assessment__reading", text: words.reading }),
      h("ul", {}, ...s.readings.map((r) => h("li", {}, h("a", { href: r.url, text: r.title }), ` (${kinds[r.kind] ?? r.kind})`, ...(readingStatus(r) ? [h("br"), h("span", { class: "assessment__reading-status", text: readingStatus(r) })] : [])))),
    );
  }
  return item;
}

/** The target pickers: one for every dimension at once (by level), one per dimension. */
function targetNodes(model, result, targets, words) {
  const all = h(
    "select",
    { id: "target-all", "data-target-all": "" },
    h("option", { value: "", text: words.chooseLevel }),
    ...model.levels.map((l) => h("option", { value: String(l.number), text: fill(words.levelOption, { number: l.number, name: l.name }) })),
  );
  const pickers = result.dimensions.filter((d) => d.unscored === null).map((d) => {
    const q = questionOf(model, d.id);
    const select = h("select", { id: `target-${d.id}`, "data-target": d.id });
    for (const o of [...q.options].sort((a, b) => a.points - b.points).filter((x) => x.points >= d.points)) {
      const attrs = { value: String(o.points), text: fill(o.points === d.points ? words.targetToday : words.target, { points: o.points, max: d.max, level: o.level }) };
      if (o.points === targets[d.id]) attrs.selected = "";
      select.append(h("option", attrs));
    }
    return h("div", { class: "assessment__target" }, h("label", { for: `target-${d.id}`, text: q.dimension }), select);
  });
  return h(
    "fieldset",
    { class: "assessment__targets", "data-targets": "" },
    h("legend", { text: words.targets }),
    h("p", { text: words.planSetTargets }),
    h("p", {}, h("label", { for: "target-all", text: words.aimAll }), all),
    ...pickers,
  );
}
