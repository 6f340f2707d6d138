// The page shell's file names (overrides/assets/js/page-shell.js): a download says whose
// result it is and when, in any script, and never holds a path or a character a file
// system refuses.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { fileName } from "../../overrides/assets/js/page-shell.js";

describe("fileName", () => {
  test("model, kind, team, name and date, empty parts left out", () => {
    assert.equal(fileName(["genaiops", "plan", "Platform team", "", "2026-11-26"], "csv"), "genaiops-plan-Platform-team-2026-11-26.csv");
    assert.equal(fileName(["genaiops", "assessment", "", "2026-11-26"], "json"), "genaiops-assessment-2026-11-26.json");
  });

  test("letters of any script stay; slashes, dots and controls do not", () => {
    assert.equal(fileName(["genaiops", "team", "基盤チーム", "2026-11-26"], "md"), "genaiops-team-基盤チーム-2026-11-26.md");
    assert.equal(fileName(["genaiops", "plan", "../../etc/passwd\u0000", "x"], "csv"), "genaiops-plan-etc-passwd-x.csv");
    assert.equal(Array.from(fileName(["a", "b".repeat(100)], "csv").split("-")[1]).length, 44);
  });
});
