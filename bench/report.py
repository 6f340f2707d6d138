"""Report: turn the raw numbers `bench/run.py` measured (bench/results.json) into
bench/results.md: the targets' measured rows (bench/targets.py), then each measurement's
own table, then the engines section from bench/engines.json and bench/canary.json.

Measuring is run.py's job; this module only reads JSON and writes markdown, so a report
can be rewritten (wording, targets) without measuring again:

    .venv/bin/python bench/report.py [--results bench/results.json] [--output bench/results.md]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import engines_report  # noqa: E402
import languages  # noqa: E402
import synthetic  # noqa: E402
import targets  # noqa: E402
import validate_size  # noqa: E402
from fmt import kib, mib, ms, table  # noqa: E402

METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}
"""Lighthouse's metric ids and the short names its own report uses."""

PHASES = {"yaml": "Read YAML (load_yaml)", "schema": "Schema check", "rules": "Rules", "render": "Render",
          "yaml_pure_parse": "YAML parse, pure Python", "yaml_libyaml_parse": "YAML parse, libyaml"}
"""scaling.py's phases of one generator run, in results.json and as the table heads them."""

WORSE_THAN_LINEAR = 1.3
"""A phase whose k between 10x and 100x is above this is called worse than linear."""


def exponent(t0: float, t1: float, s0: float, s1: float) -> float:
    """k in time ~ size^k between two points: 1 is linear, below 1 is fixed costs showing."""
    return math.log(t1 / t0) / math.log(s1 / s0)


def growth(k: float) -> str:
    return "linearly" if 0.85 <= k <= 1.15 else ("less than linearly (fixed costs)" if k < 0.85 else "worse than linearly")


def report(r: dict) -> str:
    L = ["# Benchmark results", "",
         f"Written by `make bench` (`bench/run.py`) in {r['elapsed']:.0f} s. A benchmark, not a test: it reports and "
         "never fails on slowness. Every number is from one run on the machine below, on a snapshot of the project "
         "taken at the start of the run; timings on a shared 2-core machine move by 10-20 % between runs.", ""]
    L += busy_note(r["machine"])
    L += ["## Machine", ""] + table(["", ""], [[k, v] for k, v in r["machine"].items()])
    L += targets_section(targets.rows(r))
    L += scaling_section(r["scaling"])
    L += serve_section(r["serve"])
    L += weight_section(r["weight"], r["pages"])
    L += lighthouse_section(r["lighthouse"])
    L += render_section(r["render"])
    if "languages" in r:
        L += languages.section(r["languages"]) + [""]
    if "validate_size" in r:
        vs = r["validate_size"]
        L += ["## Validation on 1 MB of content", ""]
        L += [f"Not measured: {vs['error']}"] if "error" in vs else validate_size.table(vs, targets.target("validate_1mb").limit)
    return "\n".join(L).rstrip() + "\n"


def busy_note(machine: dict) -> list[str]:
    """A warning when the load average passed the measuring machine's core count."""
    recorded = re.match(r"\d+", machine.get("Cores", ""))  # "2 logical (os.cpu_count)", as machine.py writes it
    cores = int(recorded.group()) if recorded else os.cpu_count() or 1
    busy = [k for k in ("Load average at start", "Load average at end") if float(machine.get(k, "0").split(" ")[0]) > cores]
    if not busy:
        return []
    return [f"**The machine was busy during this run** ({' and '.join(k.lower() for k in busy)} above its {cores} cores, "
            "see below): timings and Lighthouse's mobile scores are inflated; re-run `make bench` on a quiet machine "
            "before comparing runs.", ""]


def targets_section(rows: list[targets.Row]) -> list[str]:
    """One row per target (bench/targets.py): measured, met or missed as computed, the
    reading's details, and the target's advice only when it is missed."""
    out = []
    for row in rows:
        t, got = row.target, row.reading
        notes = row.reason if got is None else " ".join(filter(None, [got.detail, t.advice if row.result == "missed" else ""]))
        result = f"**{row.result}**" if row.result == "missed" else row.result
        out.append([t.what, t.goal, got.shown if got else "-", result, notes, t.how])
    return ["## Targets", ""] + table(["Target", "Goal", "Measured", "Result", "Details", "How measured"], out)


def scaling_section(sc: dict) -> list[str]:
    L = ["## Generator alone vs full `mkdocs build`", ""]
    if "error" in sc:
        return L + [f"Could not run: {sc['error']}", ""]
    L += ['What "10x" and "100x" mean (made by `bench/synthetic.py` in a temporary folder, valid content):',
          synthetic.__doc__.split('so "N times larger" means:', 1)[1].split("The content stays valid")[0].strip(), "",
          'Generator = `load_content` + `render_site` in-process, warm, median of several runs; "cold" = the same once in a '
          "fresh interpreter (includes start-up and imports). Build = `mkdocs build` of a copy of the project into a "
          "temporary folder (subprocess, median of 3; peak RSS from `wait4`). Generator memory = tracemalloc peak of "
          "Python allocations during one load+render.", ""]
    rows = []
    for factor, x in sc.items():
        s, g, c, b = x["size"], x["generator"], x["cold"], x["build"]
        rows.append([
            f"{factor}x", kib(s["yaml_bytes"]), kib(s["data_bytes"]),
            f"{s['references']} / {s['level_citations']} / {s['questions']} / {s['option_citations']} / {s['releases']}",
            kib(g["markdown_bytes"]), f"{ms(g['median'])} (min {ms(g['min'])}, n={len(g['times'])})",
            ms(c.get("run")) + (f" + {ms(c['import'])} imports" if c.get("ok") else ""),
            mib(g["tracemalloc_peak"]), mib(c.get("peak_rss")),
            f"{ms(b['median'])} (min {ms(b['min'])})" if b["ok"] else "failed: " + b["error"][-200:],
            mib(b["peak_rss"]), f"{g['median'] / b['median']:.1%}" if b["ok"] else "-",
        ])
    L += table(["Content", "YAML", "Data (JSON)", "Refs / level cites / questions / option cites / releases", "Markdown out",
                "Generator (warm)", "Generator (cold)", "Gen. memory (tracemalloc)", "Gen. peak RSS (cold)", "mkdocs build",
                "Build peak RSS", "Generator / build"], rows)
    L += phases_table(sc)
    L += growth_table(sc)
    return L


def phases_table(sc: dict) -> list[str]:
    """Each phase's time per scale, and its growth k between 10x and 100x."""
    L = ['Where the generator\'s time goes (one warm run each; "YAML parse" = the event pass and compose that `load_yaml` '
         "does, with pure-Python PyYAML and with libyaml, which `load_yaml` uses when PyYAML has it):", ""]
    rows = [[f"{f}x"] + [ms(x["phases"][key]) for key in PHASES] for f, x in sc.items()]
    worse = []
    if 10 in sc and 100 in sc:
        s10, s100 = sc[10]["size"]["data_bytes"], sc[100]["size"]["data_bytes"]
        ks = {}
        for key in PHASES:
            a, b = sc[10]["phases"][key], sc[100]["phases"][key]
            ks[key] = exponent(a, b, s10, s100) if a and b and a > 0.001 else None
        rows.append(["k, 10x -> 100x"] + [f"{k:.2f}" if k is not None else "-" for k in ks.values()])
        worse = [PHASES[key] for key, k in ks.items() if k is not None and k > WORSE_THAN_LINEAR]
    L += table(["Content", *PHASES.values()], rows)
    return L + ([f"Worse than linear between 10x and 100x (k > {WORSE_THAN_LINEAR}): {', '.join(worse)}.", ""] if worse else [])


def growth_table(sc: dict) -> list[str]:
    factors = [f for f in sc if sc[f]["build"]["ok"]]
    size = {f: sc[f]["size"]["data_bytes"] for f in factors}
    k = {f: {step: exponent(sc[a][step]["min"], sc[f][step]["min"], size[a], size[f]) for step in ("generator", "build")}
         for a, f in zip(factors, factors[1:])}
    rows = [[f"{a}x -> {b}x", f"x{size[b] / size[a]:.1f}",
             *(f"x{sc[b][step]['min'] / sc[a][step]['min']:.1f} (k={k[b][step]:.2f})" for step in ("generator", "build"))]
            for a, b in zip(factors, factors[1:])]
    L = ["Growth (k in time ~ size^k, size = data bytes, time = fastest run of each, the least disturbed by other "
         "jobs: k = 1 is linear, k < 1 means fixed costs still dominate, k > 1 is worse than linear):", ""]
    L += table(["Step", "Size", "Generator time", "Build time"], rows)
    if len(factors) >= 3:
        a, b = factors[-2], factors[-1]
        kg, kb, first = k[b]["generator"], k[b]["build"], k[factors[1]]["generator"]
        L += [f"Between {a}x and {b}x the generator grows {growth(kg)} (k={kg:.2f}) and the build {growth(kb)} (k={kb:.2f})."
              + (f" From {factors[0]}x to {factors[1]}x both grow less than the content because fixed costs (validator set-up, "
                 "MkDocs start-up, theme files, search) dominate at the default size." if 0 < first < 0.85 else "")
              + " The page count stays at the default's (levels are fixed), so larger content means larger pages, not more of them.",
              ""]
    return L


def serve_section(sv: dict) -> list[str]:
    L = ["## `mkdocs serve`: save a YAML file -> reloaded page", ""]
    if not sv.get("ok"):
        return L + [f"Could not measure: {sv.get('error')}", "", "```", sv.get("log", "").strip(), "```", ""]
    L += ["A copy of the project is served; Chromium keeps `/levels/managed/` open; each round rewrites that level's "
          "`summary` in content/levels.yml with a new marker and polls the page every 10 ms until the marker shows "
          '(MkDocs\' livereload rebuilds and reloads the page). "Rebuild" is MkDocs\' own "Documentation built in" time.', ""]
    rows = [[i + 1, ms(x["seconds"]), ms(x["rebuild"]), ms(x["seconds"] - x["rebuild"]) if x["rebuild"] else "-"]
            for i, x in enumerate(sv["rounds"])]
    rows.append(["**median**", f"**{ms(sv['median'])}**", ms(sv["rebuild_median"]), ""])
    return L + table(["Round", "Save -> page shows the edit", "of which rebuild", "the rest (watch, reload, page load)"], rows)


def weight_section(w, pages) -> list[str]:
    L = ["## Bytes per page type and asset", ""]
    if "error" in w:
        L += [f"Could not measure: {w['error']}", ""]
    else:
        L += ["Files of the default site as built, gzip level 6.", ""]
        L += table(["Kind", "What", "Raw", "gzip"], [[x["kind"], x["name"], kib(x["raw"]), kib(x["gzip"])] for x in w])
    L += ["Which pages load mermaid, and what a first visit transfers (Chromium, empty cache, local server gzipping "
          "text, until network idle; bytes are response bodies as sent plus headers):", ""]
    if "error" in pages:
        return L + [f"Could not measure: {pages['error']}", ""]
    return L + table(["Page", "Has a diagram", "Loads mermaid.min.js", "Requests", "Transferred"],
                     [[p["page"], "yes" if p["diagram"] else "no", "**yes**" if p["mermaid"] else "no", p["requests"],
                       kib(p["transferred"])] for p in pages])


def lighthouse_section(lh) -> list[str]:
    L = ["## Lighthouse", ""]
    if isinstance(lh, dict):
        return L + [f"Could not run: {lh['error']}", ""]
    L += ["`node_modules/.bin/lighthouse` against the default site on a local server (127.0.0.1, gzip), headless Chromium, "
          "`--only-categories=performance,accessibility`; desktop = `--preset=desktop`, mobile = Lighthouse's default "
          "(simulated slow 4G, 4x CPU slowdown). Desktop: one run per English page; mobile: every page in every language, up "
          "to three runs (fewer when the run is short of time), the one with the median performance score is shown. "
          "Before each run the bench waits (up to 90 s) for the 1-minute load average to fall below 0.6 per core; the "
          "load each run started at is shown, and Lighthouse's benchmark index of the machine at each run (its measure of the host's "
          "speed, higher is faster: the 4x slowdown multiplies what the host does, so a slower host scores lower). "
          "Accessibility does not depend on the run.", ""]
    rows = []
    for x in lh:
        if not x["ok"]:
            rows.append([x["form"], x["page"], "error", "-", "-", "error", x["error"][:300], "", ""])
            continue
        runs = x.get("all_performance", [])
        loads = x.get("all_load", [x["load"]] if "load" in x else [])
        speeds = [i for i in x.get("all_benchmark_index", [x.get("benchmark_index")]) if i]
        rows.append([
            x["form"], x["page"],
            x["performance"] if len(runs) < 2 else f"{x['performance']} (runs: {', '.join(map(str, runs))})",
            " / ".join(f"{load:.2f}" for load in loads) or "-",
            " / ".join(f"{i:.0f}" for i in speeds) or "-",
            x["accessibility"],
            ", ".join(f"{METRICS.get(k, k)} {v}" for k, v in x["metrics"].items()),
            "; ".join([a["title"] for a in x["failing_accessibility"] + x["failing_performance"]] + x["opportunities"]) or "-",
            ", ".join(x.get("scripts", [])) or "-",
        ])
    return L + table(["Form factor", "Page", "Performance", "Load before each run", "Benchmark index", "Accessibility", "Metrics", "Failing audits / opportunities",
                      "Main-thread time by script"], rows)


def render_section(rr) -> list[str]:
    L = ["## Self-assessment: last answer -> rendered result", ""]
    if "error" in rr:
        return L + [f"Could not measure: {rr['error']}", ""]
    L += ["In Chromium on /assessment/ (storage cleared): every question but the last is answered by clicking a radio "
          "input; then `performance.now()`, a click on the last radio, and a MutationObserver waits for `data-score` on "
          '`[data-result]` ("DOM"); "next frame" is the following requestAnimationFrame, just before that frame is '
          "painted. 5 runs with different answers; 4x = CPU throttled through the DevTools protocol.", ""]
    rows = [[("unthrottled" if rate == 1 else f"{rate}x CPU slowdown"),
             *([f"{x['dom_median']:.1f} ms", f"{x['dom_max']:.1f} ms", f"{x['frame_median']:.1f} ms"] if x["ok"]
               else ["-", "-", f"not measured: {x['reason']}"])]
            for rate, x in rr.items()]
    return L + table(["CPU", "DOM updated (median)", "DOM updated (max)", "Next frame (median)"], rows)


# --- main -------------------------------------------------------------------------


def _int_keys(d):
    return {int(k) if isinstance(k, str) and k.isdigit() else k: v for k, v in d.items()} if isinstance(d, dict) else d


def write(r: dict, output: Path) -> None:
    """Write the report for results read back from JSON, where number keys (scale
    factors 1/10/100, CPU slow-down rates) became strings; with the engines section
    when bench/engines.json is there (`make bench` rewrites it after measuring them)."""
    r = {**r, **{k: _int_keys(r[k]) for k in ("scaling", "render") if k in r}}
    text = report(r)
    engines = engines_report.load()
    output.write_text(text + "\n" + engines_report.section(*engines) + "\n" if engines else text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", type=Path, default=BENCH / "results.json")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    args = parser.parse_args(argv)
    write(json.loads(args.results.read_text(encoding="utf-8")), args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
