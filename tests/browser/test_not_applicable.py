""""Not applicable" and "don't know" in Chromium, on the site of content/, in one page
load: at a band edge the scaled total moves the level by one point, the result counts
each answer, the share link carries them, and past the limit the page gives no level and
says why. The rules themselves (scaling, rounding, the limit, tampered links) are in
tests/js/scoring.test.mjs, tests/js/answers.test.mjs and tests/test_scoring_parity.py."""

from __future__ import annotations

from generator import load_content
from generator.render import assessment_data
from tests.browser.questionnaire import answer, answers_for_total, open_assessment
from tests.helpers import CONTENT
from tests.scoring_oracle import DONT_KNOW, NOT_APPLICABLE, score

MODEL = assessment_data(load_content(CONTENT))
UNSCORED = MODEL["unscored"]
NA_QUESTION = next(q for q in MODEL["questions"] if q["not_applicable"])
OTHERS = {**MODEL, "questions": [q for q in MODEL["questions"] if q is not NA_QUESTION]}


def edge() -> tuple[dict, dict]:
    """Two answer sets with the N/A question "na", one point apart on the other questions,
    whose scaled totals fall on both sides of a band edge (by the reference scorer)."""
    top = sum(max(o["points"] for o in q["options"]) for q in OTHERS["questions"])
    for points in range(top):
        below, above = ({**answers_for_total(OTHERS, p), NA_QUESTION["id"]: NOT_APPLICABLE} for p in (points, points + 1))
        if score(below, MODEL)["level"] != score(above, MODEL)["level"]:
            return below, above
    raise AssertionError("no band edge reachable with one question not applicable")


def expect_status(page, result: dict) -> None:
    level = "none" if result["level"] is None else result["level"]
    total = "none" if result["total"] is None else result["total"]
    page.locator(f'[data-result][data-score="{total}"][data-level="{level}"]').wait_for(state="attached", timeout=5000)


def test_not_applicable_scales_the_total_at_a_band_edge_and_too_many_give_no_level(page):
    below, above = edge()
    open_assessment(page)
    # The two choices follow the scored options, in the content's words.
    choices = page.locator(f'[data-question="{NA_QUESTION["id"]}"] .assessment__options--unscored label').all_inner_texts()
    assert choices == [UNSCORED["not_applicable"], UNSCORED["dont_know"]]
    assert page.locator(f'[data-question="{MODEL["questions"][0]["id"]}"] .assessment__options--unscored label').all_inner_texts() == [UNSCORED["dont_know"]]

    report = page.locator("[data-report]")
    for answers in (below, above):
        answer(page, answers)
        result = score(answers, MODEL)
        expect_status(page, result)
        assert result["total"] != result["points"], "the total is scaled, not the plain sum"
        assert report.locator(".assessment__total").inner_text() == f"{result['total']} of {MODEL['total']['max']} points"
        points_max = sum(4 for d in result["dimensions"] if d["unscored"] is None)
        says = UNSCORED["says"].format(answered=result["answered"], points=result["points"], points_max=points_max, not_applicable=1, dont_know=0)
        assert report.locator("[data-unscored]").inner_text() == says
    assert score(below, MODEL)["level"] + 1 == score(above, MODEL)["level"]
    # The row of the N/A question shows its words; the share link carries "na".
    row = report.locator("table.assessment__table tbody tr").nth(MODEL["questions"].index(NA_QUESTION))
    assert row.locator("td").all_inner_texts() == ["–", "–", UNSCORED["not_applicable"]]
    assert f"{NA_QUESTION['id']}=na" in page.locator("[data-share-url]").input_value()
    assert report.locator(f'[data-target="{NA_QUESTION["id"]}"]').count() == 0

    # One more than the limit: no level, and the reason with the counts.
    dont_know = [q["id"] for q in OTHERS["questions"][: UNSCORED["most"]]]
    too_many = {**above, **dict.fromkeys(dont_know, DONT_KNOW)}
    answer(page, {qid: DONT_KNOW for qid in dont_know})
    expect_status(page, score(too_many, MODEL))
    reason = UNSCORED["too_many"].format(unscored=UNSCORED["most"] + 1, not_applicable=1, dont_know=UNSCORED["most"], most=UNSCORED["most"])
    assert report.locator("[data-no-level]").inner_text() == reason
    # No level, but a plan: finding out what the "don't know" answers are comes first.
    assert report.locator("[data-roadmap] [data-step]").first.get_attribute("data-find-out") == ""
    assert reason in page.locator("[data-result]").inner_text()
    link = page.locator("[data-share-url]").input_value()
    assert all(f"{qid}=dk" in link for qid in dont_know)
