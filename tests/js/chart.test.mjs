// The one chart (overrides/assets/js/chart.js) under node with dom-stub.mjs: an image
// with a title and a description, marks that differ by shape, ranges drawn over the
// marks, and a table that says the same numbers as the picture.

import assert from "node:assert/strict";
import { test } from "node:test";

import { seriesChart } from "../../overrides/assets/js/chart.js";
import { installDocument, select } from "./dom-stub.mjs";

installDocument();

const ARGS = {
  id: "c",
  rows: [
    { label: "Models", max: 4 },
    { label: "Prompts", max: 4 },
  ],
  series: [
    { name: "Median", shape: "bar", values: [3, 0], ranges: [[2, 4], [0, 1]] },
    { name: "Target", shape: "triangle", values: [4, null] },
    { name: "Before", shape: "circle", values: [1, 2] },
  ],
  title: "T",
  description: "D",
  valueLabel: (values, max, i) => `${i}: ${values.join("/")} of ${max}`,
  table: { caption: "Cap", rowHeader: "Dimension", rangeHeader: "range" },
};

const text = (node) => node.childNodes.map((c) => c.data ?? text(c)).join("");

test("the chart is one image, labeled by its title and description", () => {
  const [chart] = seriesChart(ARGS);
  assert.equal(chart.getAttribute("role"), "img");
  assert.equal(chart.getAttribute("aria-labelledby"), "c-title c-desc");
  assert.equal(text(select(chart, "title")[0]), "T");
  assert.equal(text(select(chart, "desc")[0]), "D");
});

test("each series is drawn in its own shape, a missing value draws nothing, ranges come after the marks", () => {
  const [chart] = seriesChart(ARGS);
  const marks = chart.childNodes.filter((n) => (n.getAttribute?.("class") ?? "").includes("chart__"));
  const classes = marks.map((n) => n.getAttribute("class"));
  assert.equal(classes.filter((c) => c === "chart__mark chart__s--bar").length, 2);
  assert.equal(classes.filter((c) => c === "chart__mark chart__s--triangle").length, 1, "no target on the second row");
  assert.equal(classes.filter((c) => c === "chart__mark chart__s--circle").length, 2);
  const firstRow = classes.slice(0, classes.indexOf("chart__value") + 1);
  assert.deepEqual(firstRow, ["chart__label", "chart__track", "chart__mark chart__s--bar", "chart__mark chart__s--triangle", "chart__mark chart__s--circle", "chart__range chart__s--bar", "chart__value"], "the range is drawn over the row's marks");
  const bar = marks.find((n) => n.getAttribute("class") === "chart__mark chart__s--bar");
  assert.equal(bar.getAttribute("width"), `${(70 * 3) / 4}%`);
  assert.deepEqual(select(chart, "text", "chart__value").map(text), ["0: 3/4/1 of 4", "1: 0/2 of 4"]);
});

test("the table has a column per series, a range column beside a ranged series, and the same numbers", () => {
  const [, wrap] = seriesChart(ARGS);
  const [table] = select(wrap, "table");
  assert.equal(text(select(table, "caption")[0]), "Cap");
  assert.deepEqual(select(table, "th").slice(0, 5).map(text), ["Dimension", "Median", "Median: range", "Target", "Before"]);
  const rows = select(table, "tr").slice(1).map((tr) => tr.childNodes.map(text));
  assert.deepEqual(rows, [
    ["Models", "3", "2-4", "4", "1"],
    ["Prompts", "0", "0-1", "", "2"],
  ]);
});

test("without `table`, only the image comes back (the page has its own table)", () => {
  assert.equal(seriesChart({ ...ARGS, table: undefined }).length, 1);
});

test("a value in words goes under its track, and the chart grows to hold it; short values stay right of the track", () => {
  const short = seriesChart({ ...ARGS, table: undefined, valueLabel: () => "1 → 2 of 4" })[0];
  const long = seriesChart({ ...ARGS, table: undefined, valueLabel: (values, max, i) => (i === 0 ? "Not applicable to us → 3" : "1 → 2 of 4") })[0];
  assert.ok(Number(long.getAttribute("height")) > Number(short.getAttribute("height")));
  const [first, second] = select(long, "text").filter((t) => t.getAttribute("class") === "chart__value");
  assert.equal(first.getAttribute("x"), "0", "under the track, from its start");
  assert.match(second.getAttribute("x"), /%$/, "right of the track");
  // The second row starts lower, below the first row's words.
  const labels = select(long, "text").filter((t) => t.getAttribute("class") === "chart__label");
  assert.ok(Number(labels[1].getAttribute("y")) > Number(select(short, "text").filter((t) => t.getAttribute("class") === "chart__label")[1].getAttribute("y")));
});
