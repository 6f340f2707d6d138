// Notes and targets beside the answers (overrides/assets/js/notes.js): the share link's
// extra parts, the saved copy and the downloaded file round-trip; the link stays bounded
// and says what it cut; damaged and hostile input is left out, named, and never throws.
// tests/browser/test_notes.py checks the same in the page.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  LIMITS,
  emptyNotes,
  extrasFragment,
  extrasRecord,
  hasNotes,
  notesValue,
  readExtras,
  readExtrasImport,
  readNotes,
  splitFragment,
} from "../../overrides/assets/js/notes.js";
import { IDS, MODEL } from "./model-fixture.mjs";

// Every notice names its source and the parts left out: the words only need the slots.
const WORDS = {
  fromLink: "LINK",
  fromFile: "FILE",
  fromStored: "STORED",
  notesBad: "{from} bad notes: {names}",
  notesCut: "{from} cut notes: {names} at {max}",
  notesUnreadable: "{from} unreadable notes",
  targetsBad: "{from} bad targets: {names}",
  extrasTooLong: "{from} extras too long",
};

const NOTES = {
  team: "Platform & Ops <team>",
  date: "2026-11-26",
  answers: { models: "Pinned in ADR-12, owner: Kim (2026-10)", safety: "Line one\nline two: 50% done, #3 & ß, 😀" },
};

/** Open a fragment as the page does: split, then read the extra parts. */
const openLink = (fragment) => readExtras(splitFragment(fragment).extras, MODEL, WORDS);

describe("share link", () => {
  test("targets and notes round-trip through the link, the answers part untouched", () => {
    const { text, cut } = extrasFragment(MODEL, { models: 3, safety: 4 }, NOTES, true);
    assert.equal(cut, 0);
    const fragment = `#genaiops@1.2.3&models=2&safety=1${text}`;
    assert.equal(splitFragment(fragment).answers, "genaiops@1.2.3&models=2&safety=1");
    const read = openLink(fragment);
    assert.deepEqual(read, { targets: { models: 3, safety: 4 }, notes: NOTES, notices: [] });
  });

  test("notes stay out of the link unless asked for; targets always travel", () => {
    const { text } = extrasFragment(MODEL, { grounding: 2 }, NOTES, false);
    assert.equal(text, "&_t=grounding.2");
    assert.deepEqual(openLink(text).notes, emptyNotes());
    assert.equal(extrasFragment(MODEL, {}, emptyNotes(), true).text, "");
  });

  test("notes too long for the link are cut to its bound, and the cut is counted", () => {
    const long = "é".repeat(LIMITS.note);
    const notes = { team: "T", date: "", answers: Object.fromEntries(IDS.map((id) => [id, long])) };
    const { text, cut } = extrasFragment(MODEL, {}, notes, true);
    assert.ok(text.length <= LIMITS.link, `${text.length} characters`);
    const read = openLink(text);
    const kept = Object.values(read.notes.answers).join("").length;
    assert.equal(cut, IDS.length * LIMITS.note - kept);
    assert.ok(cut > 0 && kept > 0);
    assert.deepEqual(read.notices, []);
  });

  test("a note is never cut inside a character made of two UTF-16 units", () => {
    const notes = { team: "", date: "", answers: { models: "😀".repeat(LIMITS.link) } };
    const { text } = extrasFragment(MODEL, {}, notes, true);
    assert.match(openLink(text).notes.answers.models, /^(😀)+$/u);
  });

  for (const [name, fragment, kept, named] of [
    ["a target above the top option", "_t=models.9", {}, "models.9"],
    ["a target without a dimension", "_t=9", {}, "9.?"],
    ["a target of an unknown dimension", "_t=nosuch.2,safety.3", { safety: 3 }, "nosuch.2"],
    ["a target that is not a number", "_t=models.two", {}, "models.?"],
    ["a target written with a leading zero", "_t=models.03", {}, "models.?"],
    ["an inherited property as a dimension", "_t=__proto__.1,constructor.2", {}, "__proto__.1"],
  ]) {
    test(`${name} is left out and named`, () => {
      const read = openLink(`genaiops@1.2.3&models=1&${fragment}`);
      assert.deepEqual(read.targets, kept);
      assert.equal(read.notices.length, 1);
      assert.ok(read.notices[0].text.includes(named), read.notices[0].text);
      assert.equal(Object.getPrototypeOf(read.targets), Object.prototype);
    });
  }

  test("hostile notes stay text, and only the page's own dimensions are kept", () => {
    const script = "<img src=x onerror=alert(1)>";
    const read = openLink(`_n.models=${encodeURIComponent(script)}&_n.__proto__=x&_n.nosuch=y&_team=%E2%80%AEevil`);
    assert.equal(read.notes.answers.models, script);
    assert.equal(read.notes.team, "\u202eevil");
    assert.deepEqual(Object.keys(read.notes.answers), ["models"]);
    assert.match(read.notices[0].text, /bad notes: "__proto__", "nosuch"/);
  });

  test("a broken escape, a bad date and control characters are named, never thrown", () => {
    const read = openLink("_n.models=%E0%A4%A&_date=tomorrow&_team=a%00b%07c");
    assert.equal(read.notes.team, "abc");
    assert.equal(read.notes.date, "");
    assert.deepEqual(read.notes.answers, {});
    assert.match(read.notices.map((n) => n.text).join(" | "), /bad notes: "date", "models"/);
  });

  test("other parts starting with _ are left to answers.js, which names what it does not know", () => {
    const { answers, extras } = splitFragment("#g@1.2.3&__proto__=1&_x=2&_t=models.3&_tx=1&_n.safety=a");
    assert.equal(answers, "g@1.2.3&__proto__=1&_x=2&_tx=1");
    assert.deepEqual(extras, [["_t", "models.3"], ["_n.safety", "a"]]);
  });

  test("an over-long note in a link is cut at the note limit and said", () => {
    const read = openLink(`_n.safety=${"a".repeat(LIMITS.note + 10)}`);
    assert.equal(read.notes.answers.safety.length, LIMITS.note);
    assert.match(read.notices[0].text, /cut notes: "Dimension safety" at 500/);
  });

  test("extra parts longer than any link this page makes are ignored whole", () => {
    const read = openLink(`_team=${"a".repeat(LIMITS.fragment)}`);
    assert.deepEqual(read.notes, emptyNotes());
    assert.match(read.notices[0].text, /extras too long/);
  });
});

describe("saved copy and downloaded file", () => {
  test("notes round-trip through the saved copy", () => {
    assert.deepEqual(readNotes(notesValue(NOTES), MODEL, WORDS), { notes: NOTES, notices: [] });
    assert.deepEqual(readNotes(null, MODEL, WORDS), { notes: emptyNotes(), notices: [] });
    assert.equal(hasNotes(emptyNotes()), false);
    assert.equal(hasNotes(NOTES), true);
  });

  test("notes and targets round-trip through the downloaded file", () => {
    const file = JSON.stringify({ model: "genaiops", answers: {}, ...extrasRecord(NOTES, { models: 3 }, MODEL) });
    assert.deepEqual(readExtrasImport(file, MODEL, WORDS), { notes: NOTES, targets: { models: 3 }, notices: [] });
  });

  for (const [name, text, said] of [
    ["not JSON", "{", /unreadable notes/],
    ["notes that are a list", '{"answers": []}', /bad notes: "answers"/],
    ["a note that is a number", '{"answers": {"models": 3}}', /bad notes: "models"/],
    ["a date that is not a date", '{"date": "2026-13-01"}', /bad notes: "date"/],
    ["too large a copy", `"${"a".repeat(LIMITS.stored)}"`, /unreadable notes/],
  ]) {
    test(`a saved copy with ${name} is named and nothing throws`, () => {
      const read = readNotes(text, MODEL, WORDS);
      assert.match(read.notices.map((n) => n.text).join(" "), said);
    });
  }

  test("a file with hostile notes and bad targets keeps what fits and names the rest", () => {
    const file = JSON.stringify({
      notes: { team: 7, answers: { models: "<b>x</b>", evaluation: "n".repeat(LIMITS.note + 1), ["__proto__"]: "p" } },
      targets: { models: 9, safety: "4", grounding: 2 },
    });
    const read = readExtrasImport(file, MODEL, WORDS);
    assert.deepEqual(read.targets, { grounding: 2 });
    assert.equal(read.notes.answers.models, "<b>x</b>");
    assert.equal(read.notes.answers.evaluation.length, LIMITS.note);
    const text = read.notices.map((n) => n.text).join(" | ");
    assert.match(text, /FILE bad notes: "team", "__proto__"/);
    assert.match(text, /FILE cut notes: "Dimension evaluation"/);
    assert.match(text, /FILE bad targets: "models.9", "safety.\?"/);
  });

  test("a file without notes or targets (an older download) reads as none, silently", () => {
    assert.deepEqual(readExtrasImport('{"answers": {"models": 1}}', MODEL, WORDS), { notes: emptyNotes(), targets: {}, notices: [] });
    assert.deepEqual(readExtrasImport("[1]", MODEL, WORDS).notices, []);
  });
});

describe("the member's name", () => {
  test("saved, in the file (and at its top, for the team view), and in the link only with the notes", () => {
    const notes = { team: "P", name: "Ana", date: "", answers: {} };
    const record = extrasRecord(notes, {}, MODEL);
    assert.equal(record.name, "Ana");
    assert.equal(record.notes.name, "Ana");
    assert.equal(extrasFragment(MODEL, {}, notes, false).text, "");
    const text = extrasFragment(MODEL, {}, notes, true).text;
    assert.match(text, /&_name=Ana/);
    assert.equal(readExtras(splitFragment(`#g@1.2.3${text}`).extras, MODEL, WORDS).notes.name, "Ana");
    // No name given: the record has none, as before.
    assert.equal(Object.hasOwn(extrasRecord({ team: "", date: "", answers: {} }, {}, MODEL), "name"), false);
  });
});
