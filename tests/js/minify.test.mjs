// tools/minify-js.mjs, the step `make build` takes after MkDocs: it shortens the site's
// own scripts in place, keeps a classic script's globals (other scripts use them), and
// on a syntax error says where in one line and exits 1.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import vm from "node:vm";

const TOOL = new URL("../../tools/minify-js.mjs", import.meta.url).pathname;

/** A built site with `files` in assets/js/ (and a language's copy in es/assets/js/). */
function site(files) {
  const root = mkdtempSync(join(tmpdir(), "minify-"));
  for (const dir of ["assets/js", "es/assets/js", "assets/javascripts"]) {
    mkdirSync(join(root, dir), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, dir, name), text);
  }
  return root;
}

const run = (root) => spawnSync(process.execPath, [TOOL, root], { encoding: "utf8" });

test("own scripts get smaller in every language's copy, and only they do", () => {
  const text = "// a long comment that readers need not download\nexport function total(points) {\n  const sum = points.reduce((a, b) => a + b, 0);\n  return sum;\n}\n";
  const root = site({ "score.js": text });
  const done = run(root);
  assert.equal(done.status, 0, done.stderr);
  assert.match(done.stdout, /^minified 2 scripts in /);
  for (const dir of ["assets/js", "es/assets/js"]) {
    const out = readFileSync(join(root, dir, "score.js"), "utf8");
    assert.ok(out.length < text.length / 2, out);
    assert.doesNotMatch(out, /comment/);
    assert.match(out, /export\s*\{|export function/);
  }
  // The theme's own files are not the tool's.
  assert.equal(readFileSync(join(root, "assets/javascripts/score.js"), "utf8"), text);
});

test("a classic script keeps its top-level names: other scripts call them", () => {
  const root = site({ "base.js": "var __md_get = function (key) { return 'value of ' + key; };\nfunction helperForOthers(x) { return x * 2; }\n" });
  assert.equal(run(root).status, 0);
  const context = {};
  vm.runInNewContext(readFileSync(join(root, "assets/js/base.js"), "utf8"), context);
  assert.equal(context.__md_get("k"), "value of k");
  assert.equal(context.helperForOthers(2), 4);
});

test("a syntax error is one path:line:col line and exit code 1", () => {
  const root = site({ "broken.js": "export const a = 1;\nconst = 2;\n" });
  const done = run(root);
  assert.equal(done.status, 1);
  const lines = done.stderr.trim().split("\n");
  assert.equal(lines.length, 1, done.stderr);
  assert.match(lines[0], /assets\/js\/broken\.js:2:7: /);
});
