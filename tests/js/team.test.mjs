// The team view's arithmetic (overrides/assets/js/team.js): members from files and
// links, duplicates counted once, other versions and partial answers listed but not
// mixed in, lower medians, "discuss" flags, and the team's total and level.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { MAX_INPUTS, MAX_LINK_MEMBERS, MAX_NAME, lowerMedian, memberLabel, readInput, readTeamFragment, teamAnswer, teamCsv, teamFragment, teamMarkdown, teamRecord, teamView } from "../../overrides/assets/js/team.js";
import { fill } from "../../overrides/assets/js/words.js";
import { IDS, MODEL } from "./model-fixture.mjs";
import { GROUPS, said, wording } from "./words.mjs";

// The team page's words (content/ui.yml) with the answers' (levelOne, levelBoth), as the page hands them to team.js.
const SUMMARY_WORDS = { ...GROUPS.answers, ...GROUPS.team };


const GAP = 2;
const answersOf = (points) => Object.fromEntries(IDS.map((id, i) => [id, points[i]]));
const file = (source, points, extra = {}) => ({
  kind: "file",
  source,
  text: JSON.stringify({ model: "genaiops", version: "1.2.3", answers: answersOf(points), ...extra }),
});
const link = (source, points, head = "genaiops@1.2.3") => ({
  kind: "link",
  source,
  text: `https://example.org/assessment/#${head}&${IDS.map((id, i) => `${id}=${points[i]}`).join("&")}`,
});

describe("labels and medians", () => {
  test("members are labeled A..Z, then AA, AB", () => {
    assert.deepEqual([0, 1, 25, 26, 27, 51, 52].map(memberLabel), ["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
  });

  test("the median of an even count is the lower middle answer, so it is always an option", () => {
    assert.equal(lowerMedian([3]), 3);
    assert.equal(lowerMedian([4, 1]), 1);
    assert.equal(lowerMedian([0, 4, 2]), 2);
    assert.equal(lowerMedian([1, 3, 2, 4]), 2);
  });
});

describe("teamView", () => {
  test("medians, min, max and discuss flags per dimension; total and level from the medians", () => {
    const view = teamView(
      [file("a.json", [4, 4, 4, 4, 4, 0, 2]), file("b.json", [3, 2, 4, 4, 3, 1, 2]), link("link 1", [2, 2, 4, 3, 3, 2, 2])],
      MODEL,
      GAP,
    );
    assert.deepEqual(view.members.map((m) => [m.label, m.source, m.total, m.level]), [
      ["A", "a.json", 22, 4],
      ["B", "b.json", 19, 3],
      ["C", "link 1", 18, 3],
    ]);
    const byId = Object.fromEntries(view.dimensions.map((d) => [d.id, d]));
    assert.deepEqual(byId.models, { id: "models", points: [4, 3, 2], median: 3, min: 2, max: 4, discuss: true });
    assert.deepEqual(byId.prompts, { id: "prompts", points: [4, 2, 2], median: 2, min: 2, max: 4, discuss: true });
    assert.equal(byId.grounding.discuss, false);
    assert.equal(byId.monitoring.discuss, true, `0 and 2 are ${GAP} apart`);
    assert.equal(byId.safety.discuss, false);
    assert.equal(view.total, 3 + 2 + 4 + 4 + 3 + 1 + 2);
    assert.equal(view.level, 3);
    assert.deepEqual(view.levels, [
      { level: 3, members: ["B", "C"] },
      { level: 4, members: ["A"] },
    ]);
    assert.deepEqual(view.left, []);
    assert.deepEqual(view.notices, []);
  });

  test("the same file or link added twice counts once, with a notice naming both", () => {
    const a = file("a.json", [1, 1, 1, 1, 1, 1, 1]);
    const view = teamView([a, { ...a, source: "a copy.json" }, link("link 1", [2, 2, 2, 2, 2, 2, 2]), link("link 2", [2, 2, 2, 2, 2, 2, 2])], MODEL, GAP);
    assert.equal(view.members.length, 2);
    assert.deepEqual(view.notices, [
      { kind: "info", key: "duplicate", values: { source: "a copy.json", first: "a.json" } },
      { kind: "info", key: "duplicate", values: { source: "link 2", first: "link 1" } },
    ]);
  });

  test("two people with the same answers in different files both count", () => {
    const view = teamView([file("a.json", [2, 2, 2, 2, 2, 2, 2], { date: "2026-01-01" }), file("b.json", [2, 2, 2, 2, 2, 2, 2], { date: "2026-01-02" })], MODEL, GAP);
    assert.equal(view.members.length, 2);
  });

  test("broken, partial and other-version inputs are listed with the reason, and the rest still count", () => {
    const view = teamView(
      [
        { kind: "file", source: "broken.json", text: "{not json" },
        { kind: "file", source: "partial.json", text: JSON.stringify({ model: "genaiops", version: "1.2.3", answers: { models: 2 } }) },
        file("good.json", [4, 4, 4, 4, 4, 4, 4]),
        { ...file("v2.json", [4, 4, 4, 4, 4, 4, 4]), text: JSON.stringify({ model: "genaiops", version: "2.0.0", answers: answersOf([4, 4, 4, 4, 4, 4, 4]) }) },
        { ...file("other.json", [0, 0, 0, 0, 0, 0, 0]), text: JSON.stringify({ model: "dora", version: "1.2.3", answers: answersOf([0, 0, 0, 0, 0, 0, 0]) }) },
        { kind: "link", source: "link 1", text: "https://example.org/assessment/#your-result" },
        link("link 2", [1, 1, 1, 1, 1, 1, 1], "genaiops@1.9.0"),
      ],
      MODEL,
      GAP,
    );
    assert.deepEqual(view.members.map((m) => m.source), ["good.json", "link 2"], "a MINOR version apart scores the same");
    assert.deepEqual(view.left.map((l) => [l.source, l.why.key]), [
      ["broken.json", "unreadable"],
      ["partial.json", "incomplete"],
      ["v2.json", "otherVersion"],
      ["other.json", "otherVersion"],
      ["link 1", "notALink"],
    ]);
    assert.match(said(view.left[0].why.values.reason), wording("notJson"));
    assert.deepEqual(view.left[2].why.values, { source: "v2.json", made: "genaiops@2.0.0", page: "genaiops@1.2.3" });
    assert.equal(view.left[3].why.values.made, "dora@1.2.3");
    assert.equal(view.left[1].why.values.answered, 1);
  });

  test("no usable input: no total, no level, nothing thrown", () => {
    const view = teamView([{ kind: "file", source: "x", text: "" }, { kind: "link", source: "y", text: "#a=1" }], MODEL, GAP);
    assert.equal(view.members.length, 0);
    assert.equal(view.total, null);
    assert.equal(view.level, null);
    assert.ok(view.dimensions.every((d) => d.median === null && !d.discuss));
  });

  test(`more than ${MAX_INPUTS} inputs: the first ${MAX_INPUTS} are read, the rest named in one notice`, () => {
    const inputs = Array.from({ length: MAX_INPUTS + 5 }, (_, i) => file(`m${i}.json`, [i % 5, 1, 2, 3, 4, 0, 1]));
    const view = teamView(inputs, MODEL, GAP);
    assert.equal(view.members.length + view.notices.filter((n) => n.key === "duplicate").length, MAX_INPUTS);
    assert.deepEqual(view.notices.filter((n) => n.key === "tooMany"), [{ kind: "warning", key: "tooMany", values: { max: MAX_INPUTS, ignored: 5 } }]);
  });

  test("a file's name is kept only when it is short plain text", () => {
    const named = (name) => readInput(file("n.json", [1, 1, 1, 1, 1, 1, 1], { name }), MODEL).name;
    assert.equal(named("  Ana  "), "Ana");
    assert.equal(named("x".repeat(61)), null);
    assert.equal(named("evil\u202Etxt"), null);
    assert.equal(named(42), null);
    assert.equal(named("<img src=x onerror=alert(1)>"), "<img src=x onerror=alert(1)>", "kept as text; the page sets it with textContent");
    assert.equal(readInput(link("l", [1, 1, 1, 1, 1, 1, 1]), MODEL).name, null);
  });
});

describe("team link", () => {
  const members = (...sets) => teamView(sets.map((points, i) => file(`m${i}.json`, points, { date: `2026-11-0${i + 1}` })), MODEL, GAP).members;

  test("round trip: every member's answers, in order, same answers twice kept", () => {
    const team = members([4, 4, 4, 4, 4, 0, 2], [0, 1, 2, 3, 4, 0, 1], [0, 1, 2, 3, 4, 0, 1]);
    const fragment = teamFragment(team, MODEL);
    assert.equal(fragment, "team=genaiops@1.2.3&m=4444402&m=0123401&m=0123401");
    const read = readTeamFragment(`#${fragment}`, MODEL);
    assert.equal(read.found, true);
    assert.deepEqual(read.notices, []);
    const view = teamView(read.inputs, MODEL, GAP);
    assert.deepEqual(view.members.map((m) => m.answers), team.map((m) => m.answers));
  });

  test("not a team link, no members, damaged members, another version, too long: a notice each, never a throw", () => {
    assert.equal(readTeamFragment("#your-result", MODEL).found, false);
    assert.equal(readTeamFragment("#genaiops@1.2.3&models=1", MODEL).found, false);
    assert.deepEqual(readTeamFragment("#team=genaiops@1.2.3", MODEL).notices.map((n) => n.key), ["linkEmpty"]);
    const damaged = readTeamFragment("#team=genaiops@1.2.3&m=4444402&m=44&m=444440z&x=1&m=444444%", MODEL);
    assert.equal(damaged.inputs.length, 1);
    assert.deepEqual(damaged.notices, [{ kind: "warning", key: "linkBadMembers", values: { bad: 4 } }]);
    assert.deepEqual(readTeamFragment("#team=genaiops@2.0.0&m=4444402", MODEL).notices.map((n) => n.key), ["linkOtherVersion"]);
    assert.deepEqual(readTeamFragment("#team=other@1.2.3&m=4444402", MODEL).notices.map((n) => n.key), ["linkOtherVersion"]);
    // Longer than the most members, each with the longest name percent-encoded, could make it.
    const huge = `#team=genaiops@1.2.3${"&m=4444402".repeat(MAX_LINK_MEMBERS * (2 + MAX_NAME))}`;
    assert.deepEqual(readTeamFragment(huge, MODEL).notices.map((n) => n.key), ["linkTooLong"]);
  });

  test(`a team link holds at most ${MAX_LINK_MEMBERS} members`, () => {
    const many = Array.from({ length: MAX_LINK_MEMBERS + 3 }, (_, i) => ({ answers: answersOf([i % 5, 1, 1, 1, 1, 1, 1]) }));
    const read = readTeamFragment(teamFragment(many, MODEL), MODEL);
    assert.equal(read.inputs.length, MAX_LINK_MEMBERS);
  });
});

describe("share links with targets and notes", () => {
  test("a link the assessment wrote with targets and notes counts as a member, with no notice about its extra parts", () => {
    const base = link("link 1", [4, 4, 4, 4, 4, 0, 2]).text;
    const read = readInput({ kind: "link", source: "link 1", text: `${base}&_t=models.4,safety.3&_team=Platform%20team&_date=2026-11-26&_n.models=Pinned` }, MODEL);
    assert.equal(read.usable, true);
    assert.deepEqual(read.answers, answersOf([4, 4, 4, 4, 4, 0, 2]));
    assert.deepEqual(read.notices, []);
  });

  test("a link made with the notes carries the member's name; a name that is not plain text is not shown", () => {
    const base = link("link 1", [4, 4, 4, 4, 4, 0, 2]).text;
    assert.equal(readInput({ kind: "link", source: "l", text: `${base}&_team=P&_name=Ana%20Lima` }, MODEL).name, "Ana Lima");
    assert.equal(readInput({ kind: "link", source: "l", text: `${base}&_name=A%0Ab` }, MODEL).name, null);
    assert.equal(readInput({ kind: "link", source: "l", text: `${base}&_name=%E0%A4` }, MODEL).name, null);
    assert.equal(readInput({ kind: "link", source: "l", text: base }, MODEL).name, null);
  });
});

describe("team summary exports", () => {
  const WORDS = { ...SUMMARY_WORDS, total: SUMMARY_WORDS.teamTotal };
  const view = teamView([file("a.json", [4, 4, 4, 4, 4, 0, 2]), file("b.json", [2, 2, 4, 3, 3, 2, 2])], MODEL, GAP);
  const csvRows = (text) => text.replace(/^\ufeff/, "").trimEnd().split("\r\n");

  test("CSV: a byte-order mark, a header, one row per dimension, the total and level rows, the team's result; every cell quoted", () => {
    const csv = teamCsv(view, MODEL, ["A", "B"], WORDS);
    assert.ok(csv.startsWith("\ufeff"), "spreadsheet programs read UTF-8 only with a BOM");
    const rows = csvRows(csv);
    assert.equal(rows.length, 1 + IDS.length + 2 + 1);
    assert.equal(rows[0], `"${WORDS.dimension}","A","B","${WORDS.median}","${WORDS.min}","${WORDS.max}","${WORDS.discuss}"`);
    assert.equal(rows[1], `"Dimension models","4","2","2","2","4","${WORDS.yes}"`);
    assert.equal(rows[IDS.length + 1], `"${WORDS.total}","22","18","${view.total}","","",""`);
    assert.match(rows[IDS.length + 2], new RegExp(`^"${WORDS.level}","4, L4","3, L3",`));
    // The team's level stated in words, with its total; no scaled totals here, so no note about them.
    assert.equal(rows.at(-1), `"${fill(WORDS.teamResult, { total: view.total, max: MODEL.total.max, level: `${view.level}, L${view.level}` })}"`);
  });

  test("Markdown: a heading with the date, a table a GitHub issue renders, the team's result under it", () => {
    const md = teamMarkdown(view, MODEL, ["A", "B"], WORDS, new Date("2026-11-26T10:00:00Z")).trimEnd().split("\n");
    assert.equal(md[0], `## ${fill(WORDS.summaryTitle, { date: "2026-11-26", version: MODEL.version }).replace(/[()]/g, "\\$&")}`);
    const table = md.filter((line) => line.startsWith("|"));
    assert.equal(table[1], "|---|---|---|---|---|---|---|");
    assert.equal(table.length, 2 + IDS.length + 2);
    assert.match(md.at(-1), new RegExp(`${view.total}`));
  });

  test("JSON: members, dimensions, total and level, with the model and version", () => {
    const record = teamRecord(view, MODEL, ["A", "B"], new Date("2026-11-26T10:00:00Z"));
    assert.deepEqual(Object.keys(record), ["model", "version", "edition", "date", "members", "dimensions", "total", "level", "practical"]);
    assert.deepEqual(record.members[1], { label: "B", total: 18, level: 3, practical: 3, answers: answersOf([2, 2, 4, 3, 3, 2, 2]) });
    assert.equal(record.practical, view.result.practical);
    assert.deepEqual(record.dimensions[0], { id: "models", dimension: "Dimension models", points: [4, 2], median: 2, min: 2, max: 4, discuss: true });
  });
});

describe("not applicable and don't know", () => {
  const NA_MODEL = { ...MODEL, questions: MODEL.questions.map((q) => ({ ...q, not_applicable: q.id === "grounding" })), unscored: { most: 2, rounding: "half-up" } };

  test("medians, min and max are over the members who answered with an option; nobody did: don't know", () => {
    const view = teamView([file("a.json", [4, 4, "na", 2, 2, "dk", 2]), file("b.json", [2, 4, 1, 2, 2, "dk", 4])], NA_MODEL, GAP);
    const grounding = view.dimensions[2];
    assert.deepEqual([grounding.points, grounding.median, grounding.min, grounding.max], [[null, 1], 1, 1, 1]);
    const monitoring = view.dimensions[5];
    assert.deepEqual([monitoring.points, monitoring.median, monitoring.min, monitoring.discuss], [[null, null], null, null, false]);
    // Medians 2, 4, 1, 2, 2, dk, 2: 13 of 24 points, 13 x 28 / 24 = 15.2 -> 15, level 3.
    assert.deepEqual([view.result.dontKnow, view.total, view.level], [1, 15, 3]);
    // b: 15 of 24 points, 15 x 28 / 24 = 17.5 -> 18 (a half goes up).
    assert.deepEqual(view.members.map((m) => m.total), [20, 18]);
  });

  test("exports say not applicable and don't know in the form's words: never blank, never a code", () => {
    const WORDED = { ...NA_MODEL, unscored: { ...NA_MODEL.unscored, not_applicable: "Not applicable to us", dont_know: "Don't know" } };
    const view = teamView([file("a.json", [4, 4, "na", 2, 2, "dk", 2]), file("b.json", [2, 4, 1, 2, 2, "dk", 4])], WORDED, GAP);
    const words = { ...SUMMARY_WORDS, total: SUMMARY_WORDS.teamTotal, yes: "yes", no: "no" };
    const rows = teamCsv(view, WORDED, ["A", "B"], words).replace(/^\ufeff/, "").trimEnd().split("\r\n");
    assert.equal(rows[3], '"Dimension grounding","Not applicable to us","1","1","1","1","no"');
    // Nobody has points for monitoring: the team's answer is "don't know", with no lowest or highest.
    assert.equal(rows[6], '"Dimension monitoring","Don\'t know","Don\'t know","Don\'t know","–","–","no"');
    // Totals are scaled here (a member's 20 is not the sum of its column): the files say why, naming both answers.
    const note = fill(words.totalScaled, { not_applicable: "Not applicable to us", dont_know: "Don't know" });
    assert.equal(rows.at(-1), `"${note.replace(/"/g, '""')}"`);
    const md = teamMarkdown(view, WORDED, ["A", "B"], words);
    assert.match(md, /\| Dimension monitoring \| Don't know \| Don't know \| Don't know \| – \| – \| no \|/);
    assert.ok(md.includes("Not applicable to us"));
    for (const text of [rows.join("\n"), md]) {
      assert.doesNotMatch(text, /\b(na|dk|null|undefined|NaN)\b/);
      assert.doesNotMatch(text, /"",""[^\n]*"no"/, "no blank answer cell");
    }
  });

  test("a dimension every member finds not applicable is the team's 'not applicable', not 'don't know'", () => {
    const WORDED = { ...NA_MODEL, unscored: { ...NA_MODEL.unscored, not_applicable: "Not applicable to us", dont_know: "Don't know" } };
    const view = teamView([file("a.json", [4, 4, "na", 2, 2, "dk", 2]), file("b.json", [2, 4, "na", 2, 2, 3, 4])], WORDED, GAP);
    assert.deepEqual(view.dimensions.map((d) => teamAnswer(d, view.members)), [2, 4, "na", 2, 2, 3, 2]);
    assert.deepEqual([view.result.notApplicable, view.result.dontKnow], [1, 0]);
    const words = { ...SUMMARY_WORDS, total: SUMMARY_WORDS.teamTotal, yes: "yes", no: "no" };
    assert.equal(teamCsv(view, WORDED, ["A", "B"], words).split("\r\n")[3], '"Dimension grounding","Not applicable to us","Not applicable to us","Not applicable to us","–","–","no"');
  });

  test("the team link writes n and k, and reads them back; other letters are refused", () => {
    const view = teamView([file("a.json", [4, 4, "na", 2, 2, "dk", 2])], NA_MODEL, GAP);
    const fragment = teamFragment(view.members, NA_MODEL);
    assert.equal(fragment, "team=genaiops@1.2.3&m=44n22k2");
    const read = readTeamFragment(`#${fragment}&m=44N22k2&m=n4422k2`, NA_MODEL);
    assert.deepEqual(read.inputs.map((i) => i.answers), [view.members[0].answers]);
    assert.deepEqual(read.notices.map((n) => [n.key, n.values]), [["linkBadMembers", { bad: 2 }]]);
  });
});
