"""The scoring fingerprint that ties a content version to its scoring.

The site scores in the browser (overrides/assets/js/scoring.js, the one implementation the
site runs); tests/scoring_oracle.py is its independent Python twin, which the tests compare
it with on every combination of answers.
"""

from __future__ import annotations

import hashlib
import json

SCORING_FILES = ("questions", "levels", "editions")
"""The content files whose data decides a result: the fingerprint reads exactly these."""


def scoring_data(questions: dict, levels: dict, editions: dict) -> dict:
    """Everything that can change a result for the same answers, and nothing else: each
    question's option points in the order they are offered, the levels' numbers, which
    edition scores, and every edition's total and bands (lowest level first); with the
    `unscored` block, its limit and rounding and which questions allow "not applicable"
    (left out without it, so older content keeps its fingerprint)."""
    unscored = questions.get("unscored")
    data = {
        "questions": [[q["id"], [o["points"] for o in q["options"]], *(["na"] if q.get("not_applicable") else [])] for q in questions["questions"]],
        "levels": [[lv["id"], lv["number"]] for lv in levels["levels"]],
        "default": editions["default"],
        "editions": {
            e["id"]: {
                "total": [e["total"]["min"], e["total"]["max"]],
                "bands": [[lid, band["min"], band["max"]] for lid, band in e["bands"].items()],
            }
            for e in editions["editions"]
        },
    }
    if unscored:
        data["unscored"] = {"most": unscored["most"], "rounding": unscored["rounding"]}
    return data


def fingerprint(questions: dict, levels: dict, editions: dict) -> str:
    """12 hex digits that change whenever scoring changes (not when wording does).
    Takes the whole data of questions.yml, levels.yml and editions.yml."""
    canonical = json.dumps(scoring_data(questions, levels, editions), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
