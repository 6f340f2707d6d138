"""The reference scorer: the Python twin of overrides/assets/js/scoring.js, kept with the
tests as their oracle. The site runs only scoring.js; tests/test_scoring_parity.py runs every
combination of answers through both, and the browser tests predict results with this one.
"""

from __future__ import annotations

NOT_APPLICABLE = "na"
DONT_KNOW = "dk"
"""The two answers that score no points, as answers carry them (answers.js)."""


def score(answers: dict[str, int | str], model: dict) -> dict:
    """Score complete answers against the assessment model embedded in the page.

    `model` has `questions` ([{id, dimension, options: [{points, level}]}]), `bands`
    ([{level, number, min, max}] for one edition), `total` ({min, max}: the edition's
    range), `held_back` (None, or {points, level} with level as a number) and `unscored`
    (None, or {most, rounding}). An answer is an option's points, or "na" (not
    applicable) or "dk" (don't know), which score nothing.

    Returns `points` (the sum over the questions answered with an option), `answered`
    (their count), `notApplicable` and `dontKnow` (the counts of each), `total` (points
    scaled to the edition's range from the answered questions' own range, rounded as
    unscored.rounding says; equal to `points` when every question is answered with an
    option), the level number by total, each dimension's points, share of its maximum
    and the level its option indicates (all None for "na" and "dk", whose `unscored`
    says which), the ids of the weakest dimensions (lowest share, below the maximum; in
    question order; unscored ones left out), and the practical level: the level by total
    unless the held-back rule applies (some scored dimension at held_back.points or
    fewer while the level by total is above held_back.level), when `heldBack` names that
    level and those dimensions. With more than unscored.most unscored answers (or none
    answered with an option), `total`, `level` and `practical` are None: no level.

    Raises ValueError when a question has no answer or the total falls in no
    band; scoring.js throws in the same two cases.
    """
    dimensions = []
    for q in model["questions"]:
        if q["id"] not in answers:
            raise ValueError(f'score: no answer for question "{q["id"]}"')
        answer = answers[q["id"]]
        top = max(o["points"] for o in q["options"])
        if answer in (NOT_APPLICABLE, DONT_KNOW):
            dimensions.append({"id": q["id"], "points": None, "max": top, "ratio": None, "level": None, "unscored": answer})
            continue
        level = next(o["level"] for o in q["options"] if o["points"] == answer)
        dimensions.append({"id": q["id"], "points": answer, "max": top, "ratio": answer / top if top else 0, "level": level, "unscored": None})
    scored = [(q, d) for q, d in zip(model["questions"], dimensions, strict=True) if d["unscored"] is None]
    points = sum(d["points"] for _, d in scored)
    counts = {
        "points": points,
        "answered": len(scored),
        "notApplicable": sum(d["unscored"] == NOT_APPLICABLE for d in dimensions),
        "dontKnow": sum(d["unscored"] == DONT_KNOW for d in dimensions),
    }
    weakest_ratio = min((d["ratio"] for _, d in scored), default=None)
    weakest = [d["id"] for _, d in scored if d["ratio"] == weakest_ratio and d["ratio"] < 1]
    rule = model.get("unscored")
    if not scored or len(dimensions) - len(scored) > (rule["most"] if rule else 0):
        return {"total": None, "level": None, "practical": None, "heldBack": None, "dimensions": dimensions, "weakest": weakest, **counts}
    total = points if len(scored) == len(dimensions) else _scaled(points, [q for q, _ in scored], model["total"], rule["rounding"])
    band = next((b for b in model["bands"] if b["min"] <= total <= b["max"]), None)
    if band is None:
        raise ValueError(f"score: total {total} is in no band")
    held_back = _held_back(dimensions, band["number"], model.get("held_back"))
    practical = held_back["level"] if held_back else band["number"]
    return {"total": total, "level": band["number"], "practical": practical, "heldBack": held_back, "dimensions": dimensions, "weakest": weakest, **counts}


def _scaled(points: int, questions: list[dict], total: dict, rounding: str) -> int:
    """`points` on `questions`, scaled from their own range to the range `total`."""
    low = sum(min(o["points"] for o in q["options"]) for q in questions)
    high = sum(max(o["points"] for o in q["options"]) for q in questions)
    return total["min"] + _rounded((points - low) * (total["max"] - total["min"]), high - low, rounding)


def _rounded(numerator: int, denominator: int, rounding: str) -> int:
    """numerator / denominator (both whole, denominator > 0) as a whole number:
    "half-up" (x.5 goes up), "down" or "up". Exact: integer arithmetic only."""
    if rounding == "half-up":
        return (2 * numerator + denominator) // (2 * denominator)
    if rounding == "up":
        return -(-numerator // denominator)
    return numerator // denominator


def _held_back(dimensions: list[dict], level: int, rule: dict | None) -> dict | None:
    """{level, by} when `rule` holds the level by total back, else None. Unscored
    dimensions ("na", "dk") never hold it back."""
    if not rule or level <= rule["level"]:
        return None
    by = [d["id"] for d in dimensions if d["points"] is not None and d["points"] <= rule["points"]]
    return {"level": rule["level"], "by": by} if by else None
