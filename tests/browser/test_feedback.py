"""Feedback where the eye is, in Chromium at a desktop and a phone width: a notice shows
next to the control that caused it (import and Start over by their buttons, a shared link
at the result), Start over can be undone, a shared link keeps the answers saved here aside
("Back to my answers") and stays in the address, a link with nothing usable gives one
accurate notice, and "N of M answered" links to the questions still to answer, which the
table of contents lists. Many checks per page load, to keep the suite quick."""

from __future__ import annotations

import contextlib
import json

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator import load_content
from generator.render import assessment_data
from tests.browser.questionnaire import PATH, answer, checked, expect_result, level_of, open_assessment
from tests.helpers import CONTENT

MODEL = assessment_data(load_content(CONTENT))
IDS = [q["id"] for q in MODEL["questions"]]
UNANSWERED_NAME = yaml.safe_load((CONTENT / "ui.yml").read_text(encoding="utf-8"))["assessment"]["script"]["unansweredName"]
KEY = f"{MODEL['model']}-assessment"
ASIDE = f"{KEY}-aside"
HEAD = f"{MODEL['model']}@{MODEL['version']}"
OWN = dict.fromkeys(IDS, 1)
THEIRS = dict.fromkeys(IDS, 2)
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


def fragment(answers: dict[str, int]) -> str:
    return "&".join([HEAD, *(f"{qid}={answers[qid]}" for qid in IDS if qid in answers)])


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def screen(request, page):
    page.set_viewport_size(WIDTHS[request.param])
    return page


def box(page, selector: str) -> dict:
    found = page.locator(selector).bounding_box()
    assert found, f"{selector} is not shown"
    return found


IN_VIEW = """(selector) => {
  const b = document.querySelector(selector)?.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect().height;
  return !!b && b.top >= header - 1 && b.top + Math.min(b.height, 120) <= innerHeight;
}"""


def assert_in_view(page, selector: str, wait: bool = False) -> None:
    """The element is on screen, under the theme's header, without scrolling (`wait`: once
    a scroll the page started has brought it there, within 2 s)."""
    if wait:
        with contextlib.suppress(PlaywrightTimeoutError):  # then the assertion says where it is
            page.wait_for_function(IN_VIEW, arg=selector, timeout=2000)
    b, view = box(page, selector), page.viewport_size
    header = page.locator(".md-header").bounding_box()["height"]
    assert b["y"] >= header - 1 and b["y"] + min(b["height"], 120) <= view["height"], f"{selector} at {b}, viewport {view}"


def notice_places(page) -> dict[str, str]:
    """The text of each notice region that holds any."""
    return {
        r["place"]: r["text"]
        for r in page.evaluate("[...document.querySelectorAll('[data-notices]')].map(r => ({place: r.dataset.notices, text: r.innerText}))")
        if r["text"].strip()
    }


def stored(page, key: str = KEY):
    text = page.evaluate(f"localStorage.getItem({json.dumps(key)})")
    return None if text is None else json.loads(text)["answers"]


def test_import_and_start_over_speak_next_to_their_buttons_and_start_over_can_be_undone(screen):
    page = screen
    open_assessment(page)
    answer(page, OWN)
    # A failed import: the notice is right under the Import control, on screen, and alone.
    page.locator(".assessment__file").scroll_into_view_if_needed()
    page.locator("[data-import]").set_input_files(files=[{"name": "answers.json", "mimeType": "application/json", "buffer": b"{not json"}])
    page.locator('[data-notices="tools"] li').first.wait_for()
    assert list(notice_places(page)) == ["tools"]
    assert "could not be read as JSON" in notice_places(page)["tools"]
    assert_in_view(page, '[data-notices="tools"]')
    assert 0 <= box(page, '[data-notices="tools"]')["y"] - box(page, ".assessment__file")["y"] < 200
    assert checked(page) == OWN

    # Start over says so by its button, and offers an undo there, focused.
    start_over = page.locator('[data-action="reset"]')
    start_over.click()
    assert checked(page) == {} and stored(page) is None
    assert list(notice_places(page)) == ["tools"]
    assert_in_view(page, '[data-notices="tools"]')
    undo = page.locator('[data-action="undo"]')
    assert undo.is_visible()
    assert_in_view(page, "[data-undo]")
    assert page.evaluate("document.activeElement.dataset.action") == "undo"
    undo.click()
    assert checked(page) == OWN and stored(page) == OWN
    assert undo.is_hidden()

    # The offer lasts until the answers next change.
    start_over.click()
    assert undo.is_visible()
    answer(page, {IDS[0]: 3})
    assert undo.is_hidden()
    assert stored(page) == {IDS[0]: 3}


def test_the_about_page_names_start_over_undo_and_back_as_the_buttons_do(page):
    open_assessment(page)
    about = (CONTENT / "pages" / "about.md").read_text(encoding="utf-8")
    for action in ["reset", "undo", "restore"]:
        label = page.locator(f'[data-action="{action}"]').text_content().strip()
        assert f"**{label}**" in about, label


def test_a_shared_link_opens_at_the_result_keeps_my_answers_aside_and_stays_in_the_address(screen, server):
    page = screen
    open_assessment(page)
    answer(page, OWN)
    expect_result(page, sum(OWN.values()), level_of(MODEL, sum(OWN.values())))
    own_text = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    page.goto("about:blank")
    page.goto(server.url + PATH + "#" + fragment(THEIRS))
    expect_result(page, sum(THEIRS.values()), level_of(MODEL, sum(THEIRS.values())))

    # At the result, with the notice and "Back to my answers" there, on screen.
    assert page.evaluate("document.activeElement.id") == "your-result"
    assert_in_view(page, "#your-result-title")
    assert list(notice_places(page)) == ["result"]
    assert "shared link are filled in" in notice_places(page)["result"]
    assert_in_view(page, "[data-aside]")
    assert page.evaluate(f"localStorage.getItem({json.dumps(ASIDE)})") == own_text
    # The address still holds the answers shown, and follows a change.
    assert page.url.endswith("#" + fragment(THEIRS))
    changed = {**THEIRS, IDS[0]: 4}
    answer(page, {IDS[0]: 4})
    assert page.url.endswith("#" + fragment(changed))

    # A reload of that address replaces nothing, so it says nothing of a link; mine stay aside.
    page.reload()
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    assert checked(page) == changed
    assert "filled in" not in " ".join(notice_places(page).values())
    assert page.locator("[data-aside]").is_visible()

    # Back to my answers: mine are shown and saved again, nothing is kept aside, the link is gone.
    page.locator('[data-action="restore"]').click()
    assert checked(page) == OWN and stored(page) == OWN
    assert page.evaluate(f"localStorage.getItem({json.dumps(ASIDE)})") is None
    assert page.locator("[data-aside]").is_hidden()
    assert "#" not in page.url


def test_my_changes_to_a_link_are_what_the_next_link_keeps_aside(page, server):
    """Answers a link filled in and then changed by me are mine: a later link keeps them
    aside (in place of the older copy); a link opened over another link, unchanged, does not."""
    options = {q["id"]: sorted(o["points"] for o in q["options"]) for q in MODEL["questions"]}
    first, mine, other = ({qid: points[i % len(points)] for qid, points in options.items()} for i in (0, 1, 2))
    edited = {**mine, IDS[0]: options[IDS[0]][-1]}
    assert len({json.dumps(a, sort_keys=True) for a in (first, mine, other, edited)}) == 4
    open_assessment(page)
    answer(page, first)
    for link, change in [(mine, edited), (other, None), (mine, None)]:
        page.goto("about:blank")
        page.goto(server.url + PATH + "#" + fragment(link))
        page.locator("[data-assessment][data-complete]").wait_for(state="attached")
        assert checked(page) == link
        if change:
            answer(page, change)
            assert checked(page) == change
    page.locator('[data-action="restore"]').click()
    assert checked(page) == edited and stored(page) == edited


def test_a_link_with_nothing_usable_gives_one_accurate_notice_and_leaves_my_result_alone(page, server):
    open_assessment(page)
    answer(page, OWN)
    total = sum(OWN.values())
    for bad in ["foo=bar", "a=1", "some@thing", "x=1&y=2&&="]:
        page.goto("about:blank")
        page.goto(f"{server.url}{PATH}#{bad}")
        expect_result(page, total, level_of(MODEL, total))
        places = notice_places(page)
        assert list(places) == ["top"], bad
        assert page.locator("[data-notices] li").count() == 1, bad
        assert "is not a valid answers link" in places["top"] and "your answers were not changed" in places["top"]
        assert "version" not in places["top"] and "another model" not in places["top"]
        assert page.locator("[data-assessment] .assessment__notice--mismatch").count() == 0, bad
        assert checked(page) == OWN and stored(page) == OWN
        assert "#" not in page.url
    # Plain text after "#" is an ordinary anchor: no notice at all.
    page.goto("about:blank")
    page.goto(f"{server.url}{PATH}#just-some-text")
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    assert notice_places(page) == {}


def test_the_questions_still_to_answer_are_links_and_in_the_table_of_contents(page):
    open_assessment(page)
    toc = page.evaluate("[...document.querySelectorAll('.md-nav--secondary a')].map(a => a.hash)")
    for q in MODEL["questions"]:
        assert f"#q-{q['id']}" in toc
        assert page.locator(f"[data-assessment-form] h2#q-{q['id']}").inner_text().startswith(q["dimension"])
    answer(page, {qid: 2 for qid in IDS[::2]})
    missing = IDS[1::2]
    links = page.locator("[data-result] a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [f"#q-{qid}" for qid in missing]
    # The accessible name holds the number shown, then the dimension (WCAG 2.5.3).
    shown = [links.nth(i).inner_text() for i in range(links.count())]
    assert [links.nth(i).get_attribute("aria-label") for i in range(links.count())] == [
        UNANSWERED_NAME.format(n=n, dimension=q["dimension"]) for n, q in zip(shown, (q for q in MODEL["questions"] if q["id"] in missing))]
    links.last.click()
    assert_in_view(page, f"h2#q-{missing[-1]}", wait=True)
