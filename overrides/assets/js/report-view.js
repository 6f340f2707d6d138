/*
 * The self-assessment's views: the model and a score (scoring.js) in, new DOM nodes out.
 * assessment.js puts them into the page; any other view of results (a plan, a comparison)
 * can build from the same pieces.
 *
 * Invariants: every export is a function of its arguments alone: no storage, no event
 * listeners, no module state, nothing read from the page. Nodes come back detached and
 * the caller places them. Content becomes text only (textContent, append), never HTML.
 * `dimensionRows`, `planFacts` and roadmap.js's steps are plain data (what is shown); the
 * other views draw that data and add no facts of their own.
 */

import { seriesChart } from "./chart.js";
import { fill, h } from "./dom.js";
import { planFor } from "./roadmap.js";

export { fill, h, svg } from "./dom.js";

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
    .join("; ");
  return fill(rule.says, { total_level: result.level, level: result.heldBack.level, dimensions });
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

/** The words of an unscored answer ("na" or "dk") as the form gives them. */
const unscoredWords = (model, answer) => (answer === "na" ? model.unscored.not_applicable : model.unscored.dont_know);

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
    const answer = d.unscored ? unscoredWords(model, d.unscored) : q.options.find((o) => o.points === d.points).text;
    const held = Boolean(result.heldBack?.by.includes(d.id));
    return { id: d.id, label: q.dimension, points: d.points, max: d.max, ratio: d.ratio, level: d.level, weak: result.weakest.includes(d.id), held, answer, unscored: d.unscored };
  });
}

/**
 * The status line: how many questions are answered, or (with `result`) the total and level.
 * `missing`: the unanswered questions as short links ({text, label, href}: the question's
 * number, its dimension as the link's name), listed once any question is answered.
 */
export function statusNodes(model, answered, result, missing = []) {
  const all = model.questions.length;
  if (!result) {
    const line = [h("span", { text: `${answered} of ${all} answered` })];
    if (!answered || !missing.length) return line;
    const links = missing.flatMap((m, i) => [...(i ? [", "] : []), h("a", { href: m.href, title: m.label, "aria-label": m.label, text: m.text })]);
    return [...line, h("span", { text: ". Still to answer: " }, ...links)];
  }
  const level = levelOf(model, result.level);
  const said = level ? `Total ${result.total} of ${model.total.max}: level ${level.number}, ${level.name}.` : unscoredText(model, result);
  return [
    h("span", { text: `All ${all} answered. ${said} ` }),
    h("a", { href: "#your-result", text: "See your result" }),
  ];
}

/** The notices as a list with a Dismiss button (data-action="dismiss"); none: no nodes. */
export function noticeNodes(notices) {
  if (!notices.length) return [];
  const list = h("ul", { class: "assessment__notice-list" });
  for (const n of notices) list.append(h("li", { class: `assessment__notice assessment__notice--${n.kind}`, text: n.text }));
  return [list, h("button", { type: "button", class: "assessment__dismiss", "data-action": "dismiss", text: "Dismiss" })];
}

/**
 * The whole result: level, total, chart, table, the plan and the way to the next level
 * (from the practical level, which the held-back rule may set below the level by total).
 * `mismatch`: the answers came from another model or content version (answers.js).
 * `targets`: the targets set on purpose (roadmap.js); the rest aim one option up.
 */
export function reportNodes(model, result, { mismatch = false, targets = {} } = {}) {
  const rows = dimensionRows(model, result);
  const mismatchNode = h("p", {
    class: "assessment__notice assessment__notice--mismatch",
    text: "These answers came from another model or content version, so the level may differ from the one they had there. Check each answer above.",
  });
  if (result.level === null) {
    // Too many questions not scored (scoring.js): the reason, and the answers as given.
    return [
      h("div", { class: "assessment__headline" }, h("p", { class: "assessment__level assessment__no-level", "data-no-level": "", text: unscoredText(model, result) })),
      ...(mismatch ? [mismatchNode] : []),
      h("h3", { text: "By dimension" }),
      ...dimensionChart(model, rows),
      dimensionTable(rows),
    ];
  }
  const level = levelOf(model, result.level);
  const unscored = unscoredText(model, result);
  // The way on starts from the practical level: the level by total unless held back.
  const from = levelOf(model, result.practical);
  const next = levelOf(model, from.number + 1);
  const nodes = [
    h(
      "div",
      { class: "assessment__headline" },
      h("p", { class: "assessment__level" }, h("span", { class: "assessment__level-number", text: `Level ${level.number}` }), " · ", h("span", { text: level.name })),
      h("p", { class: "assessment__total", text: `${result.total} of ${model.total.max} points` }),
      ...(unscored ? [h("p", { class: "assessment__unscored", "data-unscored": "", text: unscored })] : []),
      ...(result.heldBack ? [h("p", { class: "assessment__held-back", "data-held-back": "", text: heldBackText(model, result) })] : []),
      h("p", { class: "assessment__summary", text: level.summary }),
      h("p", {}, h("a", { href: level.url, text: `Read about level ${level.number}, ${level.name}` })),
    ),
  ];
  if (mismatch) nodes.push(mismatchNode);
  const aims = planFor(model, result, targets).targets;
  nodes.push(h("h3", { text: "By dimension" }), ...dimensionChart(model, rows, aims), dimensionTable(rows));
  nodes.push(...planNodes(model, result, targets));
  nodes.push(
    h("h3", { text: next ? `Towards level ${next.number}, ${next.name}` : `Staying at level ${from.number}` }),
    h("ol", {}, ...from.advance.map((step) => h("li", { text: step }))),
  );
  if (next) nodes.push(h("p", {}, h("a", { href: next.url, text: `Read about level ${next.number}, ${next.name}` })));
  return nodes;
}

/**
 * The one chart (chart.js) for a result: your points as bars, your targets as triangles
 * (where a target is above today), the weakest dimensions' names in bold. The table
 * below it (dimensionTable) gives the numbers, so the chart comes without its own.
 */
export function dimensionChart(model, rows, aims = {}) {
  const targets = rows.map((r) => (Object.hasOwn(aims, r.id) && aims[r.id] > r.points ? aims[r.id] : null));
  const series = [{ name: "You", shape: "bar", values: rows.map((r) => r.points) }];
  if (targets.some((t) => t !== null)) series.push({ name: "Target", shape: "triangle", values: targets });
  return seriesChart({
    id: "assessment-chart",
    rows: rows.map((r) => ({ label: r.label, max: r.max, strong: r.weak })),
    series,
    title: "Points per dimension as bars" + (series.length > 1 ? ", with your targets as triangles" : "") + ".",
    description: "The table below gives the same numbers.",
    // An unscored dimension shows a dash: its words ("not applicable", "don't know") are in the table, and would not fit a phone here.
    valueLabel: (values, max, i) => (rows[i].unscored ? "–" : `${rows[i].points} / ${max}`) + (targets[i] !== null ? ` → ${targets[i]}` : ""),
  });
}

/** The table of `dimensionRows`: dimension, points, the level it indicates and the answer chosen. */
export function dimensionTable(rows) {
  const head = h("tr", {}, ...["Dimension", "Points", "Level", "Your answer"].map((text) => h("th", { scope: "col", text })));
  const body = rows.map((d) =>
    h(
      "tr",
      d.held ? { class: "assessment__row--held" } : {},
      h("th", { scope: "row", text: d.label }),
      h("td", { text: d.unscored ? "–" : `${d.points} of ${d.max}` }),
      h("td", { text: d.unscored ? "–" : `Level ${d.level}` }),
      h("td", { text: d.answer }),
    ),
  );
  return h("table", { class: "assessment__table" }, h("caption", { text: "Points per dimension" }), h("thead", {}, head), h("tbody", {}, ...body));
}

/**
 * What a downloaded plan says before its steps: {title, lines}: the level, the held-back
 * sentence when the rule applies, and the edition and content version.
 */
export function planFacts(model, result) {
  const level = levelOf(model, result.level);
  const held = heldBackText(model, result);
  const unscored = unscoredText(model, result);
  return {
    title: `Self-assessment plan: level ${level.number}, ${level.name}`,
    lines: [
      `Level ${level.number}, ${level.name}: ${result.total} of ${model.total.max} points.`,
      ...(unscored ? [unscored] : []),
      ...(held ? [held] : []),
      `Edition ${model.edition.name}, content version ${model.version}.`,
    ],
  };
}

/**
 * The plan: a target picker per dimension (and one for all), the steps of roadmap.js in
 * order, and the two downloads (data-export="plan-md", "plan-csv"). `targetsSet`: the
 * targets set on purpose; the others take roadmap.js's defaults.
 */
export function planNodes(model, result, targetsSet = {}) {
  const { targets, steps } = planFor(model, result, targetsSet);
  const list = steps.length
    ? h("ol", { class: "assessment__roadmap", "data-roadmap": "" }, ...steps.map((s, i) => stepNode(s, steps.findIndex((x) => x.id === s.id) === i)))
    : h("p", { "data-roadmap": "", text: "Every dimension is at its target: raise a target to plan further." });
  return [
    h("h3", { text: "Your plan" }),
    h("p", { text: "Each step is the next option up in one dimension, weakest first. Set how far each dimension should go:" }),
    targetNodes(model, result, targets),
    list,
    h(
      "p",
      { class: "assessment__plan-tools" },
      h("button", { type: "button", class: "md-button", "data-export": "plan-md", text: "Download plan (Markdown checklist)" }),
      " ",
      h("button", { type: "button", class: "md-button", "data-export": "plan-csv", text: "Download plan (CSV)" }),
    ),
  ];
}

/** One step of the plan: where it goes, the option to reach, why (on a dimension's first step), and its new readings. */
function stepNode(s, first) {
  const item = h(
    "li",
    { class: `assessment__step${s.held ? " assessment__step--held" : ""}`, "data-step": s.id, "data-from": s.from, "data-to": s.to },
    h("h4", { text: `${s.dimension}: ${s.from} → ${s.to} of ${s.max} (level ${s.level})${s.held ? ", holds your level back" : ""}` }),
    h("p", { text: s.text }),
  );
  if (first) item.append(h("p", { class: "assessment__why" }, h("strong", { text: "Why: " }), s.why));
  if (s.readings.length) {
    item.append(
      h("p", { class: "assessment__reading", text: "Reading for this step:" }),
      h("ul", {}, ...s.readings.map((r) => h("li", {}, h("a", { href: r.url, text: r.title }), ` (${r.kind})`))),
    );
  }
  return item;
}

/** The target pickers: one for every dimension at once (by level), one per dimension. */
function targetNodes(model, result, targets) {
  const all = h(
    "select",
    { id: "target-all", "data-target-all": "" },
    h("option", { value: "", text: "choose a level" }),
    ...model.levels.map((l) => h("option", { value: String(l.number), text: `level ${l.number}, ${l.name}` })),
  );
  const pickers = result.dimensions.filter((d) => d.unscored === null).map((d) => {
    const q = questionOf(model, d.id);
    const select = h("select", { id: `target-${d.id}`, "data-target": d.id });
    for (const o of [...q.options].sort((a, b) => a.points - b.points).filter((x) => x.points >= d.points)) {
      const attrs = { value: String(o.points), text: `${o.points} of ${d.max}, level ${o.level}${o.points === d.points ? " (today)" : ""}` };
      if (o.points === targets[d.id]) attrs.selected = "";
      select.append(h("option", attrs));
    }
    return h("div", { class: "assessment__target" }, h("label", { for: `target-${d.id}`, text: q.dimension }), select);
  });
  return h(
    "fieldset",
    { class: "assessment__targets", "data-targets": "" },
    h("legend", { text: "Targets" }),
    h("p", {}, h("label", { for: "target-all", text: "Aim every dimension at " }), all),
    ...pickers,
  );
}
