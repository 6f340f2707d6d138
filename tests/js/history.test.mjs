// Results over time (overrides/assets/js/history.js): the history kept in this browser
// (hand edits, other versions and a full list never lose good entries silently) and the
// comparison of two results.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { MAX_ENTRIES, compareResults, historyKey, historyValue, keepResult, readHistory } from "../../overrides/assets/js/history.js";
import { IDS, MODEL } from "./model-fixture.mjs";

const answersOf = (points) => Object.fromEntries(IDS.map((id, i) => [id, points[i]]));
const DAY = (n) => new Date(Date.UTC(2026, 0, n));

describe("history", () => {
  test("kept results read back in order, with totals and levels worked out again", () => {
    let entries = [];
    entries = keepResult(entries, answersOf([1, 1, 1, 1, 1, 1, 1]), MODEL, DAY(1)).entries;
    entries = keepResult(entries, answersOf([3, 3, 3, 3, 3, 3, 3]), MODEL, DAY(2)).entries;
    const read = readHistory(historyValue(entries), MODEL);
    assert.deepEqual(read.notices, []);
    assert.deepEqual(read.entries.map((e) => [e.date, e.total, e.level]), [
      ["2026-01-01T00:00:00.000Z", 7, 1],
      ["2026-01-02T00:00:00.000Z", 21, 4],
    ]);
    assert.equal(historyKey(MODEL), "genaiops-history");
  });

  test("a hand-edited list keeps its good entries and names how many were left out", () => {
    const good = { date: "2026-01-01T00:00:00.000Z", version: "1.2.3", answers: answersOf([2, 2, 2, 2, 2, 2, 2]) };
    const text = JSON.stringify([
      good,
      { ...good, total: 28, level: 4 },
      { ...good, date: "yesterday" },
      { ...good, date: "2026-02-31T00:00:00Z" },
      { ...good, version: "2.0.0" },
      { ...good, answers: { models: 9 } },
      { ...good, answers: answersOf([2, 2, 2]) },
      "x",
      null,
      [],
    ]);
    const read = readHistory(text, MODEL);
    assert.equal(read.entries.length, 2);
    assert.equal(read.entries[1].total, 14, "a total written in the file is not believed");
    assert.deepEqual(read.notices, [{ kind: "warning", key: "historyDropped", values: { n: 8 } }]);
  });

  test("unreadable text: no entries, one notice, nothing thrown", () => {
    for (const text of ["{", "{}", "42", "[".repeat(100000), "x".repeat(300000)]) {
      const read = readHistory(text, MODEL);
      assert.deepEqual(read.entries, []);
      assert.deepEqual(read.notices.map((n) => n.key), ["historyUnreadable"], text.slice(0, 10));
    }
    assert.deepEqual(readHistory(null, MODEL), { entries: [], items: [], unreadable: false, notices: [] });
    assert.equal(readHistory("{", MODEL).unreadable, true, "the page keeps nothing over a history it cannot read");
  });

  test("entries this version cannot read are kept exactly as stored through every keep and delete, until deleted themselves", () => {
    const good = { date: "2026-01-01T00:00:00.000Z", version: "1.2.3", answers: answersOf([2, 2, 2, 2, 2, 2, 2]) };
    const later = { date: "2026-03-01T00:00:00.000Z", version: "7.0.0", answers: { models: 4, "a question of 7.0": 3 } };
    const older = { date: "2025-06-01T00:00:00.000Z", version: "0.9.0", answers: answersOf([1, 1, 1]), total: 3, note: "kept by hand" };
    const others = JSON.parse(JSON.stringify([later, older, "junk", null, { date: "not a date", version: 9 }, 42]));
    const stored = JSON.parse(JSON.stringify([good, ...others]));
    let read = readHistory(JSON.stringify(stored), MODEL);
    assert.equal(read.entries.length, 1);
    assert.deepEqual(read.notices, [{ kind: "warning", key: "historyDropped", values: { n: others.length } }]);
    // Shown as such: what can be told of each (a date that exists, a version), nothing more.
    assert.deepEqual(read.items.filter((i) => i.unread).map((i) => [i.date, i.version]), [
      [later.date, "7.0.0"],
      [older.date, "0.9.0"],
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
    // Keep: the new one is added, the others stay as they were written, in place.
    const kept = keepResult(read.items, answersOf([3, 3, 3, 3, 3, 3, 3]), MODEL, DAY(5));
    const text = historyValue(kept.entries);
    assert.deepEqual(JSON.parse(text).slice(0, stored.length), stored);
    read = readHistory(text, MODEL);
    assert.equal(read.entries.length, 2);
    // Delete removes what was deleted only: the good one, then one that cannot be read.
    let items = read.items.filter((item) => item !== read.entries[0]);
    assert.deepEqual(JSON.parse(historyValue(items)).slice(0, others.length), others);
    items = items.filter((item) => item.raw?.version !== "7.0.0");
    assert.deepEqual(JSON.parse(historyValue(items)).slice(0, others.length - 1), others.slice(1));
  });

  test(`past ${MAX_ENTRIES} entries the oldest goes, and a notice says so`, () => {
    let entries = [];
    for (let i = 0; i < MAX_ENTRIES; i++) entries = keepResult(entries, answersOf([i % 5, 0, 0, 0, 0, 0, 0]), MODEL, DAY(1 + (i % 28))).entries;
    const kept = keepResult(entries, answersOf([4, 4, 4, 4, 4, 4, 4]), MODEL, DAY(28));
    assert.equal(kept.entries.length, MAX_ENTRIES);
    assert.equal(kept.entries.at(-1).total, 28);
    assert.deepEqual(kept.entries[0].answers, entries[1].answers);
    assert.deepEqual(kept.notices, [{ kind: "info", key: "historyFull", values: { max: MAX_ENTRIES } }]);
  });
});

describe("compareResults", () => {
  test("per dimension up, down or same; totals and levels; every option passed on the way up, in order", () => {
    const diff = compareResults(answersOf([0, 3, 2, 2, 2, 2, 2]), answersOf([2, 1, 2, 2, 2, 2, 3]), MODEL);
    assert.deepEqual(diff.dimensions.map((d) => [d.id, d.before, d.after, d.change]).slice(0, 3), [
      ["models", 0, 2, "up"],
      ["prompts", 3, 1, "down"],
      ["grounding", 2, 2, "same"],
    ]);
    assert.deepEqual(diff.total, { before: 13, after: 14 });
    assert.deepEqual(diff.level, { before: 2, after: 2 });
    assert.deepEqual(diff.done.map((s) => s.text), ["models 1", "models 2", "safety 3"]);
  });
});

describe("not applicable and don't know in the history", () => {
  const NA_MODEL = { ...MODEL, questions: MODEL.questions.map((q) => ({ ...q, not_applicable: q.id === "grounding" })), unscored: { most: 1, rounding: "half-up" } };

  test("kept and read back with their scaled total, or with no level past the limit", () => {
    let entries = keepResult([], answersOf([4, 4, "na", 2, 2, 2, 2]), NA_MODEL, DAY(1)).entries;
    entries = keepResult(entries, answersOf([4, "dk", "na", 2, 2, 2, 2]), NA_MODEL, DAY(2)).entries;
    const read = readHistory(historyValue(entries), NA_MODEL);
    assert.deepEqual(read.notices, []);
    // 16 of 24 points: 16 x 28 / 24 = 18.67 -> 19, level 3; then two unscored, one more than the limit.
    assert.deepEqual(read.entries.map((e) => [e.answers.grounding, e.total, e.level]), [["na", 19, 3], ["na", null, null]]);
  });

  test("a dimension with no points on either side is incomparable (never the same), and passes no option", () => {
    const diff = compareResults(answersOf([0, "dk", "na", 2, 2, "dk", 2]), answersOf([2, 3, 2, 2, "dk", "dk", 2]), { ...NA_MODEL, unscored: { most: 2, rounding: "half-up" } });
    assert.deepEqual(
      diff.dimensions.map((d) => [d.before, d.after, d.change]),
      [[0, 2, "up"], ["dk", 3, "incomparable"], ["na", 2, "incomparable"], [2, 2, "same"], [2, "dk", "incomparable"], ["dk", "dk", "incomparable"], [2, 2, "same"]],
    );
    assert.deepEqual(diff.done.map((s) => s.text), ["models 1", "models 2"]);
  });
});
