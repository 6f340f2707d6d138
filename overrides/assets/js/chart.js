/*
 * One chart for every comparison of dimensions: a row per dimension, one or several
 * series on a shared scale (you, a team median with its min-max range, a target, a
 * previous result), drawn as inline SVG, with the same numbers in a real table.
 *
 * Accessible by construction: the SVG is role="img" with a <title> and a <desc> that
 * name the series and say that the table holds the numbers, so a screen reader gets the
 * numbers once (from the table), not twice. Series differ by shape and fill pattern as
 * well as color (CSS classes chart__s--<shape>), which keeps them apart in dark mode,
 * forced-colors mode and print.
 *
 * Pure: arguments in, detached nodes out; every word comes from the caller.
 */

import { h, svg } from "./dom.js";

/** Shapes a series may take: a bar from 0, or a marker on the track. */
export const SHAPES = Object.freeze(["bar", "diamond", "circle", "triangle"]);

const ROW = 46;
const TRACK = 70; // per cent of the width; the values go to its right
const LONG_VALUE = 12; // characters: a longer value goes under the track (BELOW more height), not right of it
const BELOW = 18;

function marker(shape, x, y) {
  const size = 7;
  if (shape === "circle") return svg("circle", { cx: `${x}%`, cy: y, r: size - 1 });
  // Diamonds and triangles need absolute points, so they sit in a nested <svg> placed at x%.
  const holder = svg("svg", { x: `${x}%`, y: y - size, width: 1, height: 2 * size, overflow: "visible" });
  const points = shape === "diamond" ? `0,0 ${size},${size} 0,${2 * size} ${-size},${size}` : `0,${2 * size} ${size},0 ${-size},0`;
  holder.append(svg("polygon", { points }));
  return holder;
}

/**
 * {id, rows: [{label, max, strong?}], series: [{name, shape, values: [number | null], ranges?: [[min, max] | null]}],
 *  title, description, valueLabel(values, max, row index), table?: {caption, rowHeader, rangeHeader}}
 * -> [svg] or [svg, table]. `values[i]` belongs to `rows[i]`; null leaves that row empty
 * for the series. The table has a column per series (and the range next to a series
 * with ranges). Leave `table` out only when the page already has a table with the same
 * numbers, and say so in `description`.
 */
export function seriesChart({ id, rows, series, title, description, valueLabel, table }) {
  // A value said in words (an unscored answer's, longer than digits) goes under its track, where it fits a phone.
  const labels = rows.map((row, i) => valueLabel(series.map((s) => s.values[i]).filter((v) => v !== null && v !== undefined), row.max, i));
  const below = labels.map((label) => String(label).length > LONG_VALUE);
  const tops = rows.map((_, i) => below.slice(0, i).reduce((y, b) => y + ROW + (b ? BELOW : 0), 0));
  const chart = svg("svg", { class: "chart", width: "100%", height: ROW * rows.length + BELOW * below.filter(Boolean).length, role: "img", "aria-labelledby": `${id}-title ${id}-desc` });
  chart.append(svg("title", { id: `${id}-title` }, title), svg("desc", { id: `${id}-desc` }, description));
  rows.forEach((row, i) => {
    const y = tops[i];
    const at = (value) => (row.max ? (TRACK * value) / row.max : 0);
    chart.append(svg("text", { x: 0, y: y + 14, class: row.strong ? "chart__label chart__label--strong" : "chart__label" }, row.label), svg("rect", { x: 0, y: y + 22, width: `${TRACK}%`, height: 16, rx: 3, class: "chart__track" }));
    for (const s of series) {
      const value = s.values[i];
      if (value === null || value === undefined) continue;
      const node = s.shape === "bar" ? svg("rect", { x: 0, y: y + 22, width: `${at(value)}%`, height: 16, rx: 3 }) : marker(s.shape, at(value), y + 30);
      node.setAttribute("class", `chart__mark chart__s--${s.shape}`);
      chart.append(node);
    }
    // Ranges go over the marks, so the whole span shows, inside a bar too.
    for (const s of series) {
      const range = s.ranges?.[i];
      if (range) chart.append(svg("rect", { x: `${at(range[0])}%`, y: y + 28, width: `${at(range[1] - range[0])}%`, height: 4, class: `chart__range chart__s--${s.shape}` }));
    }
    chart.append(below[i] ? svg("text", { x: 0, y: y + 54, class: "chart__value" }, labels[i]) : svg("text", { x: `${TRACK + 4}%`, y: y + 35, class: "chart__value" }, labels[i]));
  });
  if (!table) return [chart];
  const { caption, rowHeader, rangeHeader } = table;
  const head = [rowHeader, ...series.flatMap((s) => (s.ranges ? [s.name, `${s.name}: ${rangeHeader}`] : [s.name]))];
  const body = rows.map((row, i) =>
    h(
      "tr",
      {},
      h("th", { scope: "row", text: row.label }),
      ...series.flatMap((s) => {
        const cell = h("td", { text: s.values[i] ?? "" });
        const range = s.ranges?.[i];
        return s.ranges ? [cell, h("td", { text: range ? `${range[0]}-${range[1]}` : "" })] : [cell];
      }),
    ),
  );
  const data = h("table", {}, h("caption", { text: caption }), h("thead", {}, h("tr", {}, ...head.map((text) => h("th", { scope: "col", text })))), h("tbody", {}, ...body));
  return [chart, h("div", { class: "md-typeset__table" }, data)];
}

/**
 * A legend for a chart: [{shape, range?, text}] -> a list, each item a small drawing of
 * the mark (a series' shape, or its min-max line when `range`) in the chart's own classes,
 * so it matches the chart in both schemes, forced colors and print, and its words.
 */
export function seriesLegend(items) {
  return h(
    "ul",
    { class: "chart__legend" },
    ...items.map(({ shape, range, text }) => {
      const key = svg("svg", { class: "chart__key", width: 28, height: 16, "aria-hidden": "true" });
      if (range) key.append(svg("rect", { x: 2, y: 6, width: 24, height: 4, class: `chart__range chart__s--${shape}` }));
      else if (shape === "bar") key.append(svg("rect", { x: 2, y: 0, width: 24, height: 16, rx: 3, class: `chart__mark chart__s--${shape}` }));
      else key.append(marker(shape, 50, 8));
      return h("li", {}, key, h("span", { text }));
    }),
  );
}
