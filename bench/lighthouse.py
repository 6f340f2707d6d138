"""Lighthouse performance and accessibility scores for home, a level page, the
self-assessment, the team view and progress, in English and in every translation the
site has, with the desktop preset (English) and Lighthouse's default mobile profile.

Why: the targets are Lighthouse scores (performance >= 95, accessibility 100).
Runs node_modules/.bin/lighthouse (the pinned version) against the built site on
the local gzip server (tree.serve_dir) with the system's headless Chromium. A
run takes some 10-30 s on two cores, so desktop is run once per page and mobile,
whose score moves more, up to three times (median kept; see RUNS and `run`). Failing
audits are kept so the report can say why a score is below target. A run that
cannot start is reported with its error, never replaced by a number.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from tree import REPO

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
PAGES = (("home", ""), ("level (/levels/managed/)", "levels/managed/"), ("assessment", "assessment/"),
         ("team", "team/"), ("progress", "progress/"))
FORMS = (("desktop", ["--preset=desktop"]), ("mobile", []))
RUNS = {"desktop": 1, "mobile": 3}
"""Runs per page: mobile's simulated 4x CPU slowdown scales the main-thread time seen
on this (shared) machine, so it varies more and gets the median of three."""
DESKTOP_LANGUAGES = ("en",)
"""Desktop runs in English only: its scores sit at 100 and move little; mobile, where the
Japanese home was the lowest, runs in every language."""
QUIET_LOAD = 0.6 * (os.cpu_count() or 1)
QUIET_WAIT = 90
"""Before each run: wait up to QUIET_WAIT seconds for the 1-minute load average to fall
below QUIET_LOAD (a quiet machine), and record the load the run started at either way."""


def pages(languages: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, path) of each page measured, English first, then each translation under /<language>/."""
    return [(name if lang == "en" else f"{name} [{lang}]", path if lang == "en" else f"{lang}/{path}")
            for lang in languages for name, path in PAGES]


def wait_for_quiet(log=print, wait: float = QUIET_WAIT) -> tuple[float, bool]:
    """(1-minute load average when the run starts, whether it was below QUIET_LOAD)."""
    end = time.monotonic() + wait
    while (load := os.getloadavg()[0]) >= QUIET_LOAD and time.monotonic() < end:
        time.sleep(5)
    if load >= QUIET_LOAD:
        log(f"  the machine is not quiet: load {load:.2f} after waiting {wait} s (quiet is below {QUIET_LOAD:.1f})")
    return load, load < QUIET_LOAD
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")


def version() -> str:
    try:
        return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception as err:
        return f"unavailable ({err})"


def _script_name(script: str, page: str) -> str:
    if script == page or script.rstrip("/") == page.rstrip("/"):
        return "the page's own HTML and inline scripts"
    if not script.startswith("http"):
        return script.lower()  # "Unattributable"
    return script.rsplit("/", 1)[-1] or script


def run_one(url: str, extra: list[str], out: Path) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        *extra,
    ]
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": "timed out after 180 s"}
    if proc.returncode or not out.is_file():
        return {"ok": False, "error": (proc.stderr or proc.stdout).strip()[-800:] or f"exit {proc.returncode}"}
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        return {"ok": False, "error": f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"}
    cats = report["categories"]
    audits = report["audits"]

    def failing(category: str) -> list[dict]:
        rows = []
        for ref in cats[category]["auditRefs"]:
            a = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and a.get("score") is not None and a["score"] < (0.9 if category == "performance" else 1):
                items = (a.get("details") or {}).get("items") or []
                nodes = [i["node"] for i in items if isinstance(i.get("node"), dict)]
                example = ""
                if nodes:
                    lines = [ln.strip() for ln in (nodes[0].get("explanation") or "").splitlines()[1:] if ln.strip()]
                    example = f"{len(nodes)} element(s), e.g. `{nodes[0].get('selector', '?')}`" + (f": {lines[0][:300]}" if lines else "")
                rows.append(
                    {
                        "id": ref["id"],
                        "title": a["title"] + (f" ({a['displayValue']})" if a.get("displayValue") else ""),
                        "example": example,
                    }
                )
        return rows

    scripts = [
        f"{_script_name(i['url'], url)} {i['total']:.0f} ms"
        for i in ((audits.get("bootup-time") or {}).get("details") or {}).get("items", [])[:3]
        if i.get("total", 0) >= 50
    ]

    opportunities = []
    for a in audits.values():
        savings = (a.get("details") or {}).get("overallSavingsMs") or 0
        if a.get("score") is not None and a["score"] < 1 and savings >= 50:
            opportunities.append(f"{a['title']} (~{savings:.0f} ms)")
    return {
        "ok": True,
        "performance": None if cats["performance"]["score"] is None else round(cats["performance"]["score"] * 100),
        "accessibility": None if cats["accessibility"]["score"] is None else round(cats["accessibility"]["score"] * 100),
        "metrics": {m: audits[m].get("displayValue") for m in METRICS if m in audits},
        "failing_performance": failing("performance"),
        "failing_accessibility": failing("accessibility"),
        "opportunities": opportunities,
        "scripts": scripts,  # main-thread time by script (bootup-time), largest first
        "warnings": report.get("runWarnings", []),
        # Lighthouse's own measure of this machine's speed at the run (higher is faster): its
        # 4x slowdown multiplies what it sees here, so a slower host scores lower.
        "benchmark_index": (report.get("environment") or {}).get("benchmarkIndex"),
    }


def run(base_url: str, workdir: Path, forms=FORMS, log=print, deadline: float | None = None,
        languages: tuple[str, ...] = ("en",)) -> list[dict]:
    """One row per form factor and page; with several runs, the run with the median
    performance score is kept (Lighthouse's own advice for variable scores).

    Every page and form factor runs once first; the extra runs come after, and only
    while they fit before `deadline` (a time.perf_counter() value), so a busy machine
    gets fewer repeats rather than a benchmark that overruns its ~10 minutes."""
    if not LIGHTHOUSE.exists():
        return [{"ok": False, "page": "-", "form": "-", "error": f"{LIGHTHOUSE.relative_to(REPO)} is missing (npm ci)"}]
    results: dict[tuple[str, str], list[dict]] = {}
    longest = 0.0
    for round_ in range(max(RUNS[form] for form, _ in forms)):
        for form, extra in forms:
            if round_ >= RUNS[form]:
                continue
            for name, path in pages(DESKTOP_LANGUAGES if form == "desktop" else languages):
                runs = results.setdefault((form, name), [])
                if runs and not runs[-1]["ok"]:
                    continue
                if round_ and deadline is not None and time.perf_counter() + longest > deadline:
                    log(f"  lighthouse {form} {name}: no run {round_ + 1}, the time budget is spent")
                    continue
                out = workdir / f"lighthouse-{form}-{path.strip('/').replace('/', '-') or 'home'}-{round_ + 1}.json"
                load, quiet = wait_for_quiet(log)
                start = time.perf_counter()
                r = {**run_one(base_url + path, extra, out), "load": round(load, 2), "quiet": quiet}
                longest = max(longest, time.perf_counter() - start)
                log(
                    f"  lighthouse {form} {name} #{round_ + 1}: "
                    + (f"perf {r['performance']}, a11y {r['accessibility']}" if r["ok"] else r["error"][:200])
                    + f" (load {load:.2f})"
                )
                runs.append(r)
    rows = []
    for form, _ in forms:
        for name, path in pages(DESKTOP_LANGUAGES if form == "desktop" else languages):
            runs = results[(form, name)]
            ok = [r for r in runs if r["ok"]]
            if ok and len(ok) == len(runs):
                ok.sort(key=lambda r: r["performance"] if r["performance"] is not None else -1)
                chosen = {**ok[(len(ok) - 1) // 2], "all_performance": [r["performance"] for r in runs],
                          "all_load": [r["load"] for r in runs],
                          "all_benchmark_index": [r.get("benchmark_index") for r in runs]}
            else:
                chosen = next(r for r in runs if not r["ok"])
            rows.append({"page": name, "path": "/" + path, "form": form, **chosen})
    return rows
