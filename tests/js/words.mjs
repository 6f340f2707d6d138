// The words the questionnaire's scripts show, as the English page hands them over: the
// `answers` group and the pages' `script` groups, read from content/ui.yml itself (through
// tests/js/words.py, since node has no YAML reader here), so there is one copy of the words.
// Tests word notices with these, so a notice that loses its key or a value shows up as a
// wrong sentence, and a contributor's rewording changes the test's words with the page's.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { say } from "../../overrides/assets/js/words.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PYTHON = existsSync(`${ROOT}.venv/bin/python`) ? `${ROOT}.venv/bin/python` : "python3";
const GROUPS = JSON.parse(execFileSync(PYTHON, [`${ROOT}tests/js/words.py`], { encoding: "utf8" }));

/** The assessment page's words: answers.js's, then the page's own (as assessment.js merges them). */
export const WORDS = Object.freeze({ ...GROUPS.answers, ...GROUPS.assessment });
export const { answers: ANSWER_WORDS, assessment: ASSESSMENT_WORDS } = GROUPS;
export { GROUPS };

/** A notice as the English page words it. */
export const said = (notice) => say(WORDS, notice);
