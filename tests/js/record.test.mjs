// The site's own share links, read the same way by every page (overrides/assets/js/record.js):
// a link with targets and notes gives its answers to a page that needs only them, and
// names nothing it wrote itself; a part this site never writes is still named.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { linkFragment, readLinkAnswers } from "../../overrides/assets/js/record.js";
import { IDS, MODEL } from "./model-fixture.mjs";

const ANSWERS = "genaiops@1.2.3&models=3&prompts=2&grounding=1&evaluation=4&deployment=0&monitoring=2&safety=3";
const WANT = Object.fromEntries(IDS.map((id, i) => [id, [3, 2, 1, 4, 0, 2, 3][i]]));

describe("readLinkAnswers", () => {
  test("a whole address, a fragment with or without '#': the same answers", () => {
    for (const line of [`https://example.org/assessment/#${ANSWERS}`, `#${ANSWERS}`, ANSWERS, `  ${ANSWERS}  `]) {
      const read = readLinkAnswers(line, MODEL);
      assert.equal(read.found, true);
      assert.deepEqual(read.answers, WANT);
      assert.deepEqual(read.notices, []);
    }
  });

  test("targets, team, date and notes that the assessment writes are set aside, not named as unknown questions", () => {
    const extras = "&_t=models.4,safety.4&_team=Platform%20team&_date=2026-11-26&_n.models=Pinned%20in%20ADR-12&_n.safety=x";
    const read = readLinkAnswers(`https://example.org/assessment/#${ANSWERS}${extras}`, MODEL);
    assert.deepEqual(read.answers, WANT);
    assert.deepEqual(read.notices, []);
  });

  test("a part this site never writes is still named", () => {
    const read = readLinkAnswers(`#${ANSWERS}&_x=1`, MODEL);
    assert.deepEqual(read.answers, WANT);
    assert.deepEqual(read.notices.map((n) => n.key), ["unknownQuestions"]);
  });

  test("an ordinary anchor is not a link", () => {
    assert.equal(readLinkAnswers("https://example.org/levels/#defined", MODEL).found, false);
    assert.equal(linkFragment("no hash here"), "no hash here");
  });
});
