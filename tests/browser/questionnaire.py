"""Driving the questionnaire in a page, for any model: answers come from the model's own
options and bands (the JSON the page embeds), never from numbers written in a test."""

from __future__ import annotations

PATH = "assessment/"


def answers_for_total(model: dict, total: int) -> dict[str, int]:
    """Answers that add up to exactly `total`: every question at its lowest option, then
    raised in question order. Options are consecutive whole numbers (validate checks order)."""
    answers = {q["id"]: min(o["points"] for o in q["options"]) for q in model["questions"]}
    rest = total - sum(answers.values())
    assert rest >= 0, f"total {total} is below what the questions allow"
    for q in model["questions"]:
        points = sorted(o["points"] for o in q["options"])
        best = max(p for p in points if p - answers[q["id"]] <= rest)
        rest -= best - answers[q["id"]]
        answers[q["id"]] = best
    assert rest == 0, f"total {total} cannot be reached with these options"
    return answers


def band_edges(model: dict) -> list[tuple[int, int]]:
    """(total, level number) at both ends of every band of the scoring edition."""
    return [(total, b["number"]) for b in model["bands"] for total in dict.fromkeys((b["min"], b["max"]))]


def level_of(model: dict, total: int) -> int:
    return next(b["number"] for b in model["bands"] if b["min"] <= total <= b["max"])


def answer(page, answers: dict[str, int]) -> None:
    for qid, points in answers.items():
        page.locator(f'input[name="{qid}"][value="{points}"]').check()


def checked(page) -> dict[str, int]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-assessment-form] input:checked')].map(r => [r.name, Number(r.value)]))"
    )


def open_assessment(page) -> None:
    page.site(PATH)
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")


def expect_result(page, total: int, level: int) -> None:
    status = page.locator("[data-result]")
    status.and_(page.locator(f'[data-score="{total}"][data-level="{level}"]')).wait_for(state="attached", timeout=5000)
