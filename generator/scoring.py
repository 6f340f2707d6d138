"""The reference scorer: the Python twin of overrides/assets/js/scoring.js.

Both take the same answers and the same model data and must agree on every
combination; tests/test_scoring_parity.py runs all of them through both.
Also computes the scoring fingerprint that ties a content version to its scoring.
"""

from __future__ import annotations

import hashlib
import json

SCORING_FILES = ("questions", "levels", "editions")
"""The content files whose data decides a result: the fingerprint reads exactly these."""


def scoring_data(questions: dict, levels: dict, editions: dict) -> dict:
    """Everything that can change a result for the same answers, and nothing else: each
    question's option points in the order they are offered, the levels' numbers, which
    edition scores, and every edition's total and bands (lowest level first)."""
    return {
        "questions": [[q["id"], [o["points"] for o in q["options"]]] for q in questions["questions"]],
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


def fingerprint(questions: dict, levels: dict, editions: dict) -> str:
    """12 hex digits that change whenever scoring changes (not when wording does).
    Takes the whole data of questions.yml, levels.yml and editions.yml."""
    canonical = json.dumps(scoring_data(questions, levels, editions), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def score(answers: dict[str, int], model: dict) -> dict:
    """Score complete answers against the assessment model embedded in the page.

    `model` has `questions` ([{id, dimension, options: [{points, level}]}]), `bands`
    ([{level, number, min, max}] for one edition) and `held_back` (None, or {points,
    level} with level as a number). Returns the total, each dimension's points, share of
    its maximum and the level its option indicates, the level number by total, the ids
    of the weakest dimensions (lowest share, below the maximum; in question order), and
    the practical level: the level by total unless the held-back rule applies (some
    dimension at held_back.points or fewer while the level by total is above
    held_back.level), when `heldBack` names that level and those dimensions.

    Raises ValueError when a question has no answer or the total falls in no
    band; scoring.js throws in the same two cases.
    """
    dimensions = []
    for q in model["questions"]:
        if q["id"] not in answers:
            raise ValueError(f'score: no answer for question "{q["id"]}"')
        points = answers[q["id"]]
        top = max(o["points"] for o in q["options"])
        level = next(o["level"] for o in q["options"] if o["points"] == points)
        dimensions.append({"id": q["id"], "points": points, "max": top, "ratio": points / top if top else 0, "level": level})
    total = sum(d["points"] for d in dimensions)
    band = next((b for b in model["bands"] if b["min"] <= total <= b["max"]), None)
    if band is None:
        raise ValueError(f"score: total {total} is in no band")
    weakest_ratio = min(d["ratio"] for d in dimensions)
    weakest = [d["id"] for d in dimensions if d["ratio"] == weakest_ratio and d["ratio"] < 1]
    held_back = _held_back(dimensions, band["number"], model.get("held_back"))
    practical = held_back["level"] if held_back else band["number"]
    return {"total": total, "level": band["number"], "practical": practical, "heldBack": held_back, "dimensions": dimensions, "weakest": weakest}


def _held_back(dimensions: list[dict], level: int, rule: dict | None) -> dict | None:
    """{level, by} when `rule` holds the level by total back, else None."""
    if not rule or level <= rule["level"]:
        return None
    by = [d["id"] for d in dimensions if d["points"] <= rule["points"]]
    return {"level": rule["level"], "by": by} if by else None
