"""`make bench`: measure the site generator, the build, the dev server and the built
pages; save the raw numbers to bench/results.json and have report.py write bench/results.md.

A benchmark, not a test: it reports numbers and compares them with the targets,
and exits 0 however slow things are (non-zero only if it cannot write the report).
A measurement that cannot run is reported with the reason, never given a number.

Everything is measured on a snapshot of the project copied into a temporary folder
at the start (see tree.py), so nothing is written into the work tree except
bench/results.json and bench/results.md. The pieces, each in its own module:

  scaling.py    generator alone vs `mkdocs build`, default / 10x / 100x content
  languages.py  `mkdocs build` per language, and all of them
  synthetic.py  how the 10x and 100x content is made (and what "10x" means)
  serve.py      `mkdocs serve`: saving a YAML file -> the reloaded page
  weight.py     bytes per page type and asset, raw and gzipped
  browser.py    which pages load mermaid; self-assessment result render time
  team.py       the team view with 1,000 member files; a 100-member team link's length
  lighthouse.py Lighthouse performance and accessibility scores
  machine.py    the machine and versions the numbers belong to
  targets.py    the targets as data, and each one's measured row: met or missed
  report.py     results.json -> results.md; no measuring

Usage: .venv/bin/python bench/run.py [--keep] [--no-mobile] [--results PATH] [--output PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import report  # noqa: E402
import tree  # noqa: E402

BUDGET = 540
LIGHTHOUSE_BUDGET = 1500
"""Lighthouse's own share: 5 pages x 3 languages x 3 mobile runs, plus desktop in English,
each after waiting for a quiet machine (lighthouse.QUIET_WAIT)."""
"""Seconds the whole run should stay within (the brief: under ~10 minutes); only
Lighthouse's extra mobile runs are dropped to keep to it."""


def log(message: str) -> None:
    print(message, flush=True)


def attempt(name: str, fn, *args, **kwargs):
    """Run one measurement; on error return {'error': ...} so the report goes on."""
    start = time.perf_counter()
    log(f"{name}...")
    try:
        result = fn(*args, **kwargs)
    except Exception as err:
        traceback.print_exc()
        result = {"error": f"{type(err).__name__}: {err}"}
    log(f"{name}: done in {time.perf_counter() - start:.0f} s")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (builds, logs, Lighthouse JSON)")
    parser.add_argument("--no-mobile", action="store_true", help="run Lighthouse with the desktop preset only")
    parser.add_argument("--results", type=Path, default=BENCH / "results.json", help="where the raw numbers go")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="genaiops-bench-"))
    log(f"working in {workdir}")
    try:
        base = tree.copy_project(workdir / "base")
        sys.path.insert(0, str(base))  # import the generator of the snapshot, not of the live tree

        import browser
        import lighthouse
        import machine
        import scaling
        import serve
        import team
        import weight

        r: dict = {"machine": machine.describe(lighthouse.version())}
        r["machine"]["Load average at start"] = " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"
        r["scaling"] = attempt("generator vs build", scaling.run, workdir, base, log=log)
        r["serve"] = attempt("mkdocs serve", serve.run, workdir, base, log=log)
        import languages
        r["languages"] = attempt("build per language", languages.run, workdir, base, log=log)
        import validate_size
        r["validate_size"] = attempt("validation on 1 MB", validate_size.run, workdir / "validate-size", base, log=log)
        site = workdir / "site-1x"
        if "error" in r["scaling"] or not (site / "index.html").is_file():
            site = workdir / "site-default"
            tree.build(base, site)
        tree.minify(base, site)
        r["weight"] = attempt("page weight", weight.measure, site, base / "overrides")
        with tree.serve_dir(site) as url:
            r["pages"] = attempt("pages in Chromium", browser.visit_pages, url, tree.site_pages(site), site)
            r["render"] = attempt("assessment result render", browser.result_render, url)
            r["team"] = attempt("team view with 1,000 members", team.run, url)
        # Lighthouse on the site in every language (the build per language left one), as published.
        every_language = workdir / "languages" / "all-0"
        langs = ("en",)
        if "error" not in r["languages"] and (every_language / "index.html").is_file():
            tree.minify(base, every_language)
            site, langs = every_language, tuple(r["languages"]["languages"])
        with tree.serve_dir(site) as url:
            forms = lighthouse.FORMS[:1] if args.no_mobile else lighthouse.FORMS
            deadline = started + BUDGET + LIGHTHOUSE_BUDGET - 20  # leave time to write the report
            r["lighthouse"] = attempt("lighthouse", lighthouse.run, url, workdir, forms, log=log, deadline=deadline, languages=langs)
        r["machine"]["Load average at end"] = " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (others' jobs included)"
        r["elapsed"] = time.perf_counter() - started
        args.results.write_text(json.dumps(r, indent=1, default=str) + "\n", encoding="utf-8")
        report.write(json.loads(args.results.read_text(encoding="utf-8")), args.output)
        log(f"wrote {args.results} and {args.output} ({r['elapsed']:.0f} s)")
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
