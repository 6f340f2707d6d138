// Every link, file and saved copy this site has written, read by every page that takes
// one in: the self-assessment (share link, file, saved copy), the team view (link, file)
// and progress (link, file, history). "Features meet at seams": whatever one page wrote,
// every other page reads, with no notice about parts the site itself writes.
//
// The samples are written here the way each version of the site wrote them:
//   1.x  answers as points only; the file adds edition, date, dimensions, total, level
//   2.x  "na" / "dk" answers; the file adds not_applicable, dont_know, notes, targets and a
//        name; the link adds _t (targets) and, when asked, _team, _date, _n.<id> (notes)

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { readFragment, readImport, readStored } from "../../overrides/assets/js/answers.js";
import { readHistory } from "../../overrides/assets/js/history.js";
import { readExtras, readExtrasImport, splitFragment } from "../../overrides/assets/js/notes.js";
import { readLinkAnswers } from "../../overrides/assets/js/record.js";
import { readInput } from "../../overrides/assets/js/team.js";
import { IDS, MODEL as BASE } from "./model-fixture.mjs";
import { WORDS } from "./words.mjs";

const MODEL = { ...BASE, questions: BASE.questions.map((q) => ({ ...q, not_applicable: q.id === "grounding" })), unscored: { most: 2, rounding: "half-up" } };
const V = MODEL.version;
const answersOf = (points) => Object.fromEntries(IDS.map((id, i) => [id, points[i]]));
const linkOf = (points, extras = "") => `https://example.org/assessment/#genaiops@${V}&${IDS.map((id, i) => `${id}=${points[i]}`).join("&")}${extras}`;

const ONE = [3, 2, 1, 4, 0, 2, 3];
const TWO = [3, "dk", "na", 4, 0, 2, 3];
const SAMPLES = {
  "1.x link": { kind: "link", text: linkOf(ONE), want: answersOf(ONE) },
  "2.x link": { kind: "link", text: linkOf(TWO), want: answersOf(TWO) },
  "2.x link with targets": { kind: "link", text: linkOf(TWO, "&_t=models.4,safety.4"), want: answersOf(TWO) },
  "2.x link with targets and notes": { kind: "link", text: linkOf(TWO, "&_t=models.4&_team=Platform%20team&_date=2026-11-26&_n.models=Pinned%20in%20ADR-12"), want: answersOf(TWO) },
  "1.x file": {
    kind: "file",
    text: JSON.stringify({ model: "genaiops", version: V, edition: "genaiops", date: "2026-11-25T10:00:00.000Z", answers: answersOf(ONE), dimensions: [], total: 15, level: 3 }),
    want: answersOf(ONE),
  },
  "2.x file with notes, targets and a name": {
    kind: "file",
    text: JSON.stringify({
      model: "genaiops", version: V, edition: "genaiops", date: "2026-12-01T10:00:00.000Z", answers: answersOf(TWO), dimensions: [], total: 17, level: 3, not_applicable: 1, dont_know: 1,
      notes: { team: "Platform", date: "2026-12-01", answers: { models: "Pinned" } }, targets: { models: 4 }, name: "Ana",
    }),
    want: answersOf(TWO),
  },
};

/** What each page does with a sample: the answers it takes and the notices it would show. */
const READERS = {
  "assessment, link": (s) => {
    const { answers, extras } = splitFragment(new URL(s.text).hash);
    const read = readFragment(answers, MODEL);
    return { answers: read.answers, notices: [...read.notices, ...readExtras(extras, MODEL, WORDS).notices] };
  },
  "assessment, file": (s) => {
    const read = readImport(s.text, MODEL);
    return { answers: read.answers, notices: [...read.notices.filter((n) => n.key !== "totalDiffers"), ...readExtrasImport(s.text, MODEL, WORDS).notices] };
  },
  "team view": (s) => {
    const read = readInput({ kind: s.kind, source: "x", text: s.text }, MODEL);
    return { answers: read.usable ? read.answers : {}, notices: read.notices.filter((n) => n.key !== "totalDiffers") };
  },
  "progress, link": (s) => readLinkAnswers(s.text, MODEL),
  "progress, file": (s) => {
    const read = readImport(s.text, MODEL);
    return { answers: read.answers, notices: read.notices.filter((n) => n.key !== "totalDiffers") };
  },
};
const TAKES = { link: ["assessment, link", "team view", "progress, link"], file: ["assessment, file", "team view", "progress, file"] };

describe("every format the site wrote, read by every page", () => {
  for (const [name, sample] of Object.entries(SAMPLES)) {
    for (const reader of TAKES[sample.kind]) {
      test(`${name} -> ${reader}`, () => {
        const read = READERS[reader](sample);
        assert.deepEqual(read.answers, sample.want);
        assert.deepEqual(read.notices, [], "nothing the site wrote itself is named");
      });
    }
  }

  test("the saved copy of 1.x and 2.x -> the self-assessment and progress (both read it with readStored)", () => {
    for (const points of [ONE, TWO]) {
      const read = readStored(JSON.stringify({ model: "genaiops", version: V, answers: answersOf(points) }), MODEL);
      assert.deepEqual([read.answers, read.notices], [answersOf(points), []]);
    }
  });

  test("a history of 1.x and 2.x entries -> progress", () => {
    const entries = [ONE, TWO].map((points, i) => ({ date: `2026-11-2${i}T10:00:00.000Z`, version: V, answers: answersOf(points) }));
    const read = readHistory(JSON.stringify(entries), MODEL);
    assert.deepEqual([read.entries.map((e) => e.answers), read.notices], [[answersOf(ONE), answersOf(TWO)], []]);
  });

  test("another MAJOR version: every page still reads the answers and says the level may differ", () => {
    const old = linkOf(ONE).replace(`@${V}`, "@0.9.0");
    const assessment = READERS["assessment, link"]({ text: old });
    assert.deepEqual(assessment.answers, answersOf(ONE));
    assert.deepEqual(assessment.notices.map((n) => n.kind), ["mismatch"]);
    assert.deepEqual(READERS["progress, link"]({ text: old }).notices.map((n) => n.key), ["otherMajor"]);
    // The team view lists it, not counted (a median across scorings would not be one team), and says why.
    const team = readInput({ kind: "link", source: "x", text: old }, MODEL);
    assert.deepEqual([team.usable, team.why.key], [false, "otherVersion"]);
  });
});
