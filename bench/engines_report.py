"""Report: turn bench/engines.json (build times) and bench/canary.json (checks per engine,
from `make canary`) into the "Engines" section of bench/results.md, replacing the
section if it is there. Measuring is bench/engines.py's job and the canary's.

    .venv/bin/python bench/engines_report.py
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

BENCH = Path(__file__).resolve().parent
START, END = "<!-- engines: start -->", "<!-- engines: end -->"


def section(timings: dict, canary: dict) -> str:
    lines = [START, "## Engines", "",
             "The same content built by each engine, one after the other in one run (`bench/engines.py`), then the same",
             "checks on each result (`make canary`, tests/canary). Zensical builds from `python -m generator render --out`;",
             "its time includes that render. See ENGINES.md for what ties the site to Material and MkDocs 1.x.", "",
             "| Engine | Build (median of runs) | Runs | Pages | Checks passed | What does not work yet |", "|---|---|---|---|---|---|"]
    for engine, t in timings.items():
        checks = canary.get(engine, {}).get("checks", {})
        passed = sum(c["passed"] for c in checks.values())
        failing = "; ".join(f"{name}: {c['why']}" for name, c in checks.items() if not c["passed"]) or ("-" if checks else "not run by the canary")
        notes = "; ".join(t["notes"])
        lines.append(f"| {engine} | {statistics.median(t['seconds']):.2f} s | {', '.join(f'{s:.2f}' for s in t['seconds'])} | {t['pages']} "
                     f"| {f'{passed}/{len(checks)}' if checks else 'n/a'} | {(notes + '. ' if notes else '') + failing.replace('|', '/')} |")
    return "\n".join(lines + ["", END])


def load() -> tuple[dict, dict] | None:
    """(timings, canary checks) from bench/engines.json and bench/canary.json; None
    before the engines were first measured."""
    timings_file, canary_file = BENCH / "engines.json", BENCH / "canary.json"
    if not timings_file.is_file():
        return None
    canary = json.loads(canary_file.read_text(encoding="utf-8")) if canary_file.is_file() else {}
    return json.loads(timings_file.read_text(encoding="utf-8")), canary


def main() -> int:
    found = load()
    if found is None:
        print(f"no {BENCH / 'engines.json'}: run bench/engines.py first")
        return 1
    timings, canary = found
    results = BENCH / "results.md"
    text = results.read_text(encoding="utf-8") if results.is_file() else "# Benchmark results\n"
    new = section(timings, canary)
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: new, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    results.write_text(text, encoding="utf-8")
    print(f"wrote the engines section of {results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
