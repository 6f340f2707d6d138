"""Reference status: whether a recommended document is retiring or already retired.

A reference in content/references.yml may carry `status:` (state, date, replaced_by,
notice). Whether a "retiring" reference is retired yet depends on the day the site is
built, so the day is injectable: GENAIOPS_TODAY=YYYY-MM-DD (or the `on` parameter) moves
the clock, which lets a test look past a retirement date; without it, today's date is
used. A retired reading is a notice for contributors, never an error: the build must not
start failing on its own on the day a product retires.
"""

from __future__ import annotations

import datetime
import os

from generator.errors import Problem

TODAY = "GENAIOPS_TODAY"
"""The environment variable that sets the day the site is built for (YYYY-MM-DD)."""

RETIRING, RETIRED = "retiring", "retired"


def today() -> datetime.date:
    """The day pages are built for: $GENAIOPS_TODAY when set (a test's clock), else today."""
    given = os.environ.get(TODAY, "").strip()
    return datetime.date.fromisoformat(given) if given else datetime.date.today()


def state(ref: dict, on: datetime.date | None = None) -> str | None:
    """None for a reference without status; else 'retiring' before its date and 'retired'
    from its date on, or when it is marked retired."""
    status = ref.get("status")
    if not status:
        return None
    if status["state"] == RETIRED or datetime.date.fromisoformat(status["date"]) <= (on or today()):
        return RETIRED
    return RETIRING


def notices(content, on: datetime.date | None = None) -> list[Problem]:
    """One notice per retired reference that a level or an answer still recommends,
    at its entry in references.yml: which readings to replace, and with what."""
    found = []
    for i, (rid, ref) in enumerate(content.references.items()):
        if state(ref, on) != RETIRED:
            continue
        citing = [content.level_title(lv) for lv in content.levels if rid in lv["references"]]
        citing += [f"question '{q['id']}'" for q in content.questions if any(rid in o.get("references", []) for o in q["options"])]
        if not citing:
            continue
        line = content.line("references", ("references", i, "status")) or content.line("references", ("references", i)) or 1
        found.append(Problem("content/references.yml", line, 3, (
            f"reference '{rid}' is retired since {ref['status']['date']} and still recommended by {', '.join(citing)}"
            f" - replace it with '{ref['status']['replaced_by']}' where it is cited (content/levels.yml, content/questions.yml)"
            " and publish a MINOR release")))
    return found
