/*
 * Minifies the site's own scripts in a built site, in place: every `assets/js/*.js`
 * under the folder given (the English site and each language's copy).
 *
 * Why: the sources in overrides/assets/js are written to be read (about 40% of them is
 * comments), and readers download them; this is the step `make build` takes after
 * MkDocs, before the new site replaces the old, so a failure here leaves site/ as it
 * was. `mkdocs serve` serves the readable sources.
 *
 * A file with an import or export statement is an ES module (its top-level names are
 * its own, so they are shortened too); any other file is a classic script, whose
 * top-level names may be globals that other scripts use (theme-base.js defines the
 * theme's __md_get), so they are kept.
 *
 * Usage: node tools/minify-js.mjs SITE_DIR
 * Prints one line: how many files, bytes before and after; on a syntax error, one
 * `path:line:col: message` line and exit code 1.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { minify } from "terser";

const MODULE = /^\s*(import|export)\b/m;

async function* scripts(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* scripts(path);
    else if (entry.name.endsWith(".js") && dir.endsWith(join("assets", "js"))) yield path;
  }
}

async function main(site) {
  if (!site) throw new Error("usage: node tools/minify-js.mjs SITE_DIR");
  let files = 0;
  let before = 0;
  let after = 0;
  for await (const path of scripts(site)) {
    const code = await readFile(path, "utf8");
    const module = MODULE.test(code);
    let out;
    try {
      out = await minify(code, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    } catch (error) {
      // terser's positions: line from 1, col from 0.
      throw new Error(`${relative(process.cwd(), path)}:${error.line ?? 1}:${(error.col ?? 0) + 1}: ${error.message}`);
    }
    await writeFile(path, out.code);
    files += 1;
    before += Buffer.byteLength(code);
    after += Buffer.byteLength(out.code);
  }
  console.log(`minified ${files} scripts in ${site}: ${(before / 1024).toFixed(1)} KiB -> ${(after / 1024).toFixed(1)} KiB`);
}

main(process.argv[2]).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
