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

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A pattern for any sentence the words say under `key` (the page's WORDS unless `words` is
 * given), whatever today's wording is: its own words as they are in content/ui.yml, each
 * placeholder named in `values` filled in (a phrase worded, a RegExp as its pattern), every
 * other placeholder anything. Not anchored, so it also finds the sentence inside another
 * (a notice's reasons). A key the words lack, or a value for a placeholder the sentence
 * does not have, throws: the test names a sentence that is not there.
 */
export function wording(key, values = {}, words = WORDS) {
  const template = words[key];
  if (typeof template !== "string") throw new Error(`no words under ${JSON.stringify(key)}`);
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const stray = Object.keys(values).filter((name) => !names.includes(name));
  if (stray.length) throw new Error(`${JSON.stringify(template)} (${key}) has no {${stray.join("}, {")}}`);
  const part = (name) => {
    if (!Object.hasOwn(values, name)) return "[^]*?";
    const value = values[name];
    return value instanceof RegExp ? `(?:${value.source})` : escaped(say(words, { key: "{value}", values: { value } }));
  };
  return new RegExp(template.split(/\{(\w+)\}/).map((piece, i) => (i % 2 ? part(piece) : escaped(piece))).join(""));
}
