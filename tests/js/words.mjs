// The words the questionnaire's scripts show, as the English page hands them over: the
// `answers` group and the pages' `script` groups of content/ui.yml, copied into words.json
// (tests/test_no_english_in_code.py fails when the copy is stale). Tests word notices with
// these, so a notice that loses its key or a value shows up as a wrong sentence.

import { readFileSync } from "node:fs";

import { say } from "../../overrides/assets/js/words.js";

const GROUPS = JSON.parse(readFileSync(new URL("./words.json", import.meta.url), "utf8"));

/** The assessment page's words: answers.js's, then the page's own (as assessment.js merges them). */
export const WORDS = Object.freeze({ ...GROUPS.answers, ...GROUPS.assessment });
export const { answers: ANSWER_WORDS, assessment: ASSESSMENT_WORDS } = GROUPS;
export { GROUPS };

/** A notice as the English page words it. */
export const said = (notice) => say(WORDS, notice);
