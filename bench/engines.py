"""Measure: build the same content with MkDocs, ProperDocs and Zensical, one after the
other in one run, and write the timings as JSON (bench/engines.json). Reporting is
bench/engines_report.py's job, so a report can be rewritten without building again.

    .venv/bin/python bench/engines.py            # about 15 s
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.canary import engines  # noqa: E402  (the canary's builds: the same commands)

OUT = ROOT / "bench" / "engines.json"
ROUNDS = 3


def measure(rounds: int = ROUNDS) -> dict:
    """Per engine: every round's wall time (render + config + build for Zensical), ok, notes."""
    found = {}
    with tempfile.TemporaryDirectory(prefix="genaiops-engines-") as tmp:
        for engine in engines.ENGINES:
            runs = [engines.build(engine, Path(tmp) / f"{engine}-{i}") for i in range(rounds)]
            found[engine] = {"seconds": [round(b.seconds, 3) for b in runs], "ok": all(b.ok for b in runs),
                             "notes": runs[0].notes, "pages": len(list(runs[0].site.rglob("index.html")))}
    return found


if __name__ == "__main__":
    OUT.write_text(json.dumps(measure(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
