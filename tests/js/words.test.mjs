// The scripts' words (overrides/assets/js/words.js and content/ui.yml): notices worded
// from keys, numbers in the page's language, and every key a script uses is in the words.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { fill, phrase, say } from "../../overrides/assets/js/words.js";
import { ANSWER_WORDS, ASSESSMENT_WORDS, GROUPS, wording } from "./words.mjs";

describe("say", () => {
  const words = { a: "{from} says {n}.", from: "The link", list: "{names} and {n} more", why: "Because {reasons}" };

  test("a key filled with its values, a phrase inside worded too", () => {
    assert.equal(say(words, { kind: "info", key: "a", values: { from: phrase("from"), n: 3 } }), "The link says 3.");
    assert.equal(say(words, { key: "a", values: { from: phrase("list", { names: '"x"', n: 2 }), n: 0 } }), '"x" and 2 more says 0.');
  });

  test("a list of notices is worded and joined by a space; a worded notice stays as it is", () => {
    const reasons = [{ kind: "warning", key: "a", values: { from: "A", n: 1 } }, { kind: "warning", text: "Done." }];
    assert.equal(say(words, { key: "why", values: { reasons } }), "Because A says 1. Done.");
  });

  test("a key the words lack shows as itself, so the gap is seen", () => {
    assert.equal(say(words, { key: "nosuch" }), "nosuch");
  });
});

describe("numbers", () => {
  test("whole numbers stay digits; other numbers take the page's decimal mark", async () => {
    assert.equal(fill("{a} {b} {c}", { a: 100000, b: 19.6, c: "19.6" }), "100000 19.6 19.6");
    const before = globalThis.document;
    globalThis.document = { documentElement: { lang: "es" } };
    try {
      // A fresh copy of the module reads the (stand-in) page's language when it loads.
      const spanish = await import("../../overrides/assets/js/words.js?lang=es");
      assert.equal(spanish.fill("{a} {b}", { a: 100000, b: 19.6 }), "100000 19,6");
    } finally {
      globalThis.document = before;
    }
  });
});

describe("wording (tests/js/words.mjs): the tests' pattern for a sentence, whatever its words", () => {
  const words = { a: "{from} gives {value} (of {all}).", from: "The link", list: "{names} and {n} more" };

  test("the values given are filled in, the others are anything, and it finds the sentence inside another", () => {
    const pattern = wording("a", { from: phrase("from"), value: '"x.1"' }, words);
    assert.match(say(words, { key: "a", values: { from: phrase("from"), value: '"x.1"', all: 3 } }), pattern);
    assert.match(`Because ${fill(words.a, { from: "The link", value: '"x.1"', all: 9 })}`, pattern);
    assert.doesNotMatch(fill(words.a, { from: "The link", value: '"x11"', all: 3 }), pattern, "a value's dot is a dot");
    assert.doesNotMatch(fill(words.a, { from: "The file", value: '"x.1"', all: 3 }), pattern);
    assert.match("The link gives 12 (of 3).", wording("a", { value: /\d+/ }, words));
    assert.match('"a" and 2 more gives 1 (of 3).', wording("a", { from: phrase("list", { names: '"a"', n: 2 }) }, words));
  });

  test("a key the words lack, or a placeholder the sentence does not have, is an error", () => {
    assert.throws(() => wording("nosuch", {}, words), /no words under "nosuch"/);
    assert.throws(() => wording("a", { count: 1 }, words), /has no \{count\}/);
  });
});

const JS = new URL("../../overrides/assets/js/", import.meta.url);
const source = (name) => readFileSync(new URL(name, JS), "utf8");
// The modules that draw the self-assessment with its words (assessment.script + answers).
const ASSESSMENT_MODULES = ["assessment.js", "answers.js", "report-view.js", "roadmap.js", "plan-export.js", "notes.js", "notes-view.js", "words.js", "page-shell.js", "question-mode.js"];

describe("every word a script uses is in content/ui.yml", () => {
  const words = { ...ANSWER_WORDS, ...ASSESSMENT_WORDS };
  const used = new Set();
  for (const name of ASSESSMENT_MODULES) {
    for (const m of source(name).matchAll(/(?<![/\w])words\.(?!js\b)(\w+)|\bkey: "(\w+)"|\bphrase\("(\w+)"/g)) used.add(m[1] ?? m[2] ?? m[3]);
  }

  test("each key the self-assessment's modules read is a word of the page", () => {
    assert.ok(used.size > 80, `only ${used.size} keys found: the scan no longer sees them`);
    assert.deepEqual([...used].filter((key) => !Object.hasOwn(words, key)), []);
  });

  test("each word of the page is used by a module (no dead words)", () => {
    const text = ASSESSMENT_MODULES.map(source).join("\n");
    assert.deepEqual(Object.keys(words).filter((key) => !used.has(key) && !text.includes(`"${key}"`)), []);
  });

  test("answers.js's words share no key with a page's own, so neither hides the other", () => {
    for (const group of ["assessment", "team", "progress"]) {
      assert.deepEqual(Object.keys(GROUPS[group]).filter((key) => Object.hasOwn(ANSWER_WORDS, key)), [], group);
    }
  });
});
