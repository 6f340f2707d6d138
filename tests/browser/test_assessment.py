"""The self-assessment in Chromium, under the site's CSP: keyboard use, scoring at the
band boundaries, saving and restoring, share links, download and import, reset, print,
and instant navigation. Every page fails its test on script errors, CSP violations and
requests to other hosts (see conftest.py)."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from generator import load_content
from generator.render import assessment_data
from tests import model_shapes
from tests.browser.conftest import Server, assert_clean, guarded_context, instant_copy, read_headers
from tests.browser.questionnaire import PATH, answer, answers_for_total, checked, expect_result, level_of, open_assessment
from tests.helpers import FIXTURE

RESULT = "[data-result]"

# These tests pin numbers (bands, totals, which question is weakest), so they run on the
# site of the frozen tests/fixtures/content, not content/: a content release never breaks
# them. test_model_shapes.py runs the questionnaire on content/ and other shapes.


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    return model_shapes.build(FIXTURE, tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="module")
def server(fixture_site):
    srv = Server(fixture_site, read_headers(fixture_site))
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def instant_server(fixture_site, tmp_path_factory):
    srv = instant_copy(fixture_site, read_headers(fixture_site), tmp_path_factory.mktemp("instant-fixture"))
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def model():
    return assessment_data(load_content(FIXTURE))


@pytest.fixture(scope="module")
def ids(model):
    return [q["id"] for q in model["questions"]]


def storage_key(model) -> str:
    return f"{model['model']}-assessment"


# -- answering ---------------------------------------------------------------------------


def test_keyboard_alone_reaches_a_result(page, model, ids):
    open_assessment(page)
    first = f'input[name="{ids[0]}"]'
    for _ in range(200):  # Tab from the top of the page to the first question
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{first}')"):
            break
    else:
        pytest.fail("Tab never reached the first question")
    chosen = [0, 1, 2, 3, 4, 2, 1][: len(ids)]
    for i, points in enumerate(chosen):
        if i:
            page.keyboard.press("Tab")  # past the question's note
            page.keyboard.press("Tab")  # into the next question's group
        if points == 0:
            page.keyboard.press("Space")
        for _ in range(points):
            page.keyboard.press("ArrowDown")
    assert checked(page) == dict(zip(ids, chosen))
    total = sum(chosen)
    expect_result(page, total, level_of(model, total))
    assert page.locator("[data-report]").is_visible()


def test_progress_and_result_update_on_every_change_without_a_submit_button(page, model, ids):
    open_assessment(page)
    status = page.locator(RESULT)
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().strip() == f"0 of {len(ids)} answered"
    assert page.locator("[data-assessment] [type=submit], [data-assessment] button:not([type])").count() == 0

    answers = answers_for_total(model, 12)
    for n, (qid, points) in enumerate(answers.items(), start=1):
        page.locator(f'input[name="{qid}"][value="{points}"]').check()
        if n < len(ids):
            assert status.inner_text().strip().startswith(f"{n} of {len(ids)} answered")
            assert status.get_attribute("data-score") is None
            assert page.locator("[data-report]").is_hidden()
    expect_result(page, 12, level_of(model, 12))

    page.locator(f'input[name="{ids[-1]}"][value="4"]').check()
    new_total = 12 - answers[ids[-1]] + 4
    expect_result(page, new_total, level_of(model, new_total))
    assert f"Total {new_total} of 28" in status.inner_text()


def test_the_result_view_has_chart_table_plan_and_next_level(page, model, ids):
    open_assessment(page)
    answers = dict(zip(ids, [3, 2, 1, 4, 0, 2, 3]))
    answer(page, answers)
    expect_result(page, 15, 3)
    report = page.locator("[data-report]")
    # One bar per dimension, drawn as SVG, and a table saying the same.
    assert report.locator("svg.chart rect.chart__s--bar").count() == len(ids)
    rows = report.locator("table tbody tr")
    assert rows.count() == len(ids)
    assert rows.nth(4).inner_text().split("\t")[:2] == [model["questions"][4]["dimension"], "0 of 4"]
    # The plan starts with the weakest dimension: the next option's text, with its reading.
    step = report.locator(".assessment__step").first
    assert report.locator(".assessment__step").count() == len(ids) - 1  # one up each, but the one at the top
    deployment = model["questions"][4]
    assert deployment["options"][1]["text"] in step.inner_text()
    for ref in deployment["options"][0]["references"]:
        link = step.get_by_role("link", name=model["references"][ref]["title"])
        assert link.get_attribute("href") == model["references"][ref]["url"]
    # The level, its page, and the steps towards the next level.
    level = model["levels"][2]
    assert report.get_by_role("link", name=f"Read about level 3, {level['name']}").get_attribute("href") == level["url"]
    for advance in level["advance"]:
        assert advance in report.inner_text()


# -- keeping answers ------------------------------------------------------------------------


def test_reload_restores_the_answers(page, model, ids):
    open_assessment(page)
    answers = answers_for_total(model, 17)
    answer(page, answers)
    expect_result(page, 17, 3)
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(storage_key(model))})"))
    assert stored == {"model": model["model"], "version": model["version"], "answers": answers}
    page.reload()
    expect_result(page, 17, 3)
    assert checked(page) == answers


def test_share_link_restores_the_result_in_a_fresh_browser(page, browser, server, model, ids):
    open_assessment(page)
    answers = dict(zip(ids, [4, 3, 2, 1, 0, 1, 2]))
    answer(page, answers)
    expect_result(page, 13, 2)
    link = page.locator("[data-share-url]").get_attribute("data-share-url")
    assert link.startswith(server.url + PATH + "#")
    assert page.locator("[data-share-url]").input_value() == link

    fresh = guarded_context(browser, server)
    try:
        other = fresh.new_page()
        other.goto(link)
        expect_result(other, 13, 2)
        assert checked(other) == answers
        # The fragment stays in the address, so the address bar shares the result too.
        assert other.url == link
        assert other.evaluate(f"localStorage.getItem({json.dumps(storage_key(model))})") is not None
        other.reload()
        expect_result(other, 13, 2)
        assert_clean(fresh, [other])
    finally:
        fresh.close()


def test_share_link_wins_over_saved_answers(page, server, model, ids):
    open_assessment(page)
    answer(page, answers_for_total(model, 5))
    expect_result(page, 5, 1)
    fragment = f"{model['model']}@{model['version']}&" + "&".join(f"{i}=4" for i in ids)
    page.goto("about:blank")
    page.goto(server.url + PATH + "#" + fragment)
    expect_result(page, 28, 4)
    assert "shared link are filled in" in page.locator('[data-notices="result"]').inner_text()


def test_share_links_pasted_into_the_same_tab_are_read_with_their_notices(page, model, ids):
    """Only the fragment changes: the page reads each link in place, and says what it
    found in it, the first time too (the theme once re-fetched the page on the first
    change, and the swap lost the link's notices)."""
    open_assessment(page)
    answer(page, answers_for_total(model, 5))
    expect_result(page, 5, 1)
    page.evaluate("document.querySelector('[data-assessment]').dataset.sameRoot = ''")
    notices = page.locator('[data-notices="result"]')
    for points, total in ((3, 21), (4, 28)):
        fragment = f"{model['model']}@{model['version']}&" + "&".join(f"{i}={points}" for i in ids) + "&_t=9"
        page.evaluate(f"location.hash = {json.dumps(fragment)}")  # same document: no reload
        expect_result(page, total, level_of(model, total))
        expect(notices).to_contain_text("targets this page does not have")
    assert page.locator("[data-assessment][data-same-root]").count() == 1


def test_download_then_import_restores_the_answers(page, model, ids, tmp_path):
    open_assessment(page)
    answers = dict(zip(ids, [2, 2, 2, 2, 2, 2, 3]))
    answer(page, answers)
    expect_result(page, 15, 3)
    with page.expect_download() as info:
        page.locator('[data-export="json"]').click()
    download = info.value
    assert re.fullmatch(r"genaiops-assessment-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))

    assert set(data) == {"model", "version", "edition", "date", "answers", "dimensions", "total", "level", "not_applicable", "dont_know", "notes", "targets"}
    assert (data["not_applicable"], data["dont_know"]) == (0, 0)
    assert (data["model"], data["version"], data["edition"]) == (model["model"], model["version"], model["edition"]["id"])
    datetime.fromisoformat(data["date"].replace("Z", "+00:00"))
    assert data["answers"] == answers
    assert [(d["id"], d["points"], d["max"]) for d in data["dimensions"]] == [(i, answers[i], 4) for i in ids]
    assert data["total"] == 15 and data["level"] == 3
    assert all(type(v) is int for v in [data["total"], data["level"], *data["answers"].values()])

    page.locator('[data-action="reset"]').click()
    assert checked(page) == {}
    page.locator("[data-import]").set_input_files(str(path))
    expect_result(page, 15, 3)
    assert checked(page) == answers
    assert path.name in page.locator('[data-notices="tools"]').inner_text()


def test_a_bad_import_leaves_the_answers_alone(page, model, ids):
    open_assessment(page)
    answers = answers_for_total(model, 11)
    answer(page, answers)
    page.locator("[data-import]").set_input_files(
        files=[{"name": "answers.json", "mimeType": "application/json", "buffer": b"{not json"}]
    )
    notices = page.locator('[data-notices="tools"]')
    notices.get_by_text("could not be read as JSON").wait_for()
    assert "Your answers were not changed" in notices.inner_text()
    assert checked(page) == answers


def test_reset_clears_form_storage_and_address(page, model, ids):
    open_assessment(page)
    answer(page, answers_for_total(model, 20))
    expect_result(page, 20, 4)
    page.locator('[data-action="reset"]').click()
    status = page.locator(RESULT)
    assert checked(page) == {}
    assert status.get_attribute("data-score") is None and status.get_attribute("data-level") is None
    assert status.inner_text().strip() == f"0 of {len(ids)} answered"
    assert page.locator("[data-report]").is_hidden()
    assert page.evaluate(f"localStorage.getItem({json.dumps(storage_key(model))})") is None
    assert "#" not in page.url
    page.reload()
    assert checked(page) == {}
    assert page.locator(RESULT).get_attribute("data-score") is None


def test_copy_link_falls_back_to_selecting_it(browser, server, model, ids):
    ctx = guarded_context(browser, server)
    ctx.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    try:
        page = ctx.new_page()
        page.goto(server.url + PATH)
        answer(page, answers_for_total(model, 8))
        page.locator('[data-action="copy"]').click()
        assert "press Ctrl+C" in page.locator("[data-copy-status]").inner_text()
        selected = page.evaluate("(() => { const i = document.activeElement; return i.value.slice(i.selectionStart, i.selectionEnd); })()")
        assert selected == page.locator("[data-share-url]").get_attribute("data-share-url")
        assert_clean(ctx, [page])
    finally:
        ctx.close()


def test_copy_link_uses_the_clipboard(browser, server, model, ids):
    ctx = guarded_context(browser, server)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.origin)
    try:
        page = ctx.new_page()
        page.goto(server.url + PATH)
        answer(page, answers_for_total(model, 8))
        page.locator('[data-action="copy"]').click()
        page.locator("[data-copy-status]").get_by_text("Link copied.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == page.locator("[data-share-url]").get_attribute("data-share-url")
        assert_clean(ctx, [page])
    finally:
        ctx.close()


# -- print and no JavaScript ----------------------------------------------------------------


def test_print_shows_the_result_without_navigation_or_controls(page, model, ids):
    open_assessment(page)
    answer(page, answers_for_total(model, 16))
    page.emulate_media(media="print")
    for hidden in [".md-header", ".md-sidebar--primary", ".md-footer", "[data-assessment-form]", "[data-tools]", "[data-result-tools]", RESULT]:
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator("[data-report]").is_visible()
    # On paper the table stands for the chart (same numbers, less height).
    assert page.locator("[data-report] table").is_visible()
    assert page.locator("[data-report] svg.chart").is_hidden()


def test_without_javascript_every_question_can_still_be_read(browser, server, model):
    ctx = guarded_context(browser, server, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(server.url + PATH)
        for q in model["questions"]:
            fieldset = page.locator(f'fieldset[data-question="{q["id"]}"]')
            assert fieldset.is_visible()
            assert fieldset.locator("legend").inner_text()
            assert page.locator(f'h2#q-{q["id"]}').inner_text().startswith(q["dimension"])
            for option in q["options"]:
                label = fieldset.locator("label", has=page.locator(f'input[value="{option["points"]}"]'))
                assert option["text"] in label.inner_text()
        # No buttons that need the script, and the bands for scoring by hand.
        assert page.locator("[data-tools]").is_hidden()
        assert page.locator("[data-report]").is_hidden()
        assert page.get_by_role("heading", name="Scoring by hand").is_visible()
        assert_clean(ctx, [page])
    finally:
        ctx.close()


# -- instant navigation ---------------------------------------------------------------------


COUNT_WRITES = """
(() => {
  window.__writes = 0;
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (...args) { window.__writes += 1; return set.apply(this, args); };
  window.__downloads = 0;  // a file is downloaded through a link's click (page-shell.js)
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () { if (this.download) window.__downloads += 1; return click.call(this); };
})();
"""


def link_to(page, path):
    """The first visible link to `path` (the home page hides the sidebar; its links are in the text),
    not the language switcher's (the same page in another language)."""
    return page.locator(f'a[href$="/{path}"]:visible:not([hreflang]), a[href="{path}"]:visible:not([hreflang])').first


def assert_bound_once(page, ids):
    """One change saves once; one click on download downloads once."""
    writes = page.evaluate("window.__writes")
    page.locator(f'input[name="{ids[0]}"][value="1"]').check()
    assert page.evaluate("window.__writes") == writes + 1, "one change saved more than once: bound twice"
    answer(page, {qid: 1 for qid in ids[1:]})
    with page.expect_download():
        page.locator('[data-export="json"]').click()
    assert page.evaluate("window.__downloads") == 1, "one click, several downloads: bound twice"


def test_a_full_page_load_binds_once(page, ids):
    page.add_init_script(COUNT_WRITES)
    page.site(PATH)
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    page.wait_for_load_state("load")
    assert_bound_once(page, ids)


def test_instant_navigation_into_the_page_works_and_binds_once(instant_page, model, ids):
    page = instant_page
    page.add_init_script(COUNT_WRITES)
    page.site()
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")

    def go(path):
        link_to(page, path).click()
        page.wait_for_url(f"**/{path}")
        if path == PATH:
            page.locator("[data-assessment][data-ready]").wait_for(state="attached")
        assert page.evaluate("window.__sameDocument") is True, "the click was a full page load, not instant navigation"

    go(PATH)
    status = page.locator(RESULT)
    assert status.inner_text().strip() == f"0 of {len(ids)} answered"
    page.locator(f'input[name="{ids[0]}"][value="2"]').check()
    page.locator(f'input[name="{ids[1]}"][value="1"]').check()
    assert status.inner_text().strip().startswith(f"2 of {len(ids)} answered")

    # Away and back twice: the page is set up again each time, but only once.
    for _ in range(2):
        go("references/")
        go(PATH)
    assert status.inner_text().strip().startswith(f"2 of {len(ids)} answered")
    assert checked(page) == {ids[0]: 2, ids[1]: 1}

    page.locator(f'input[name="{ids[2]}"][value="3"]').check()
    assert status.inner_text().strip().startswith(f"3 of {len(ids)} answered")
    rest = {qid: 1 for qid in ids[3:]}
    answer(page, rest)
    total = 2 + 1 + 3 + len(rest)
    expect_result(page, total, level_of(model, total))
    assert page.locator("svg.chart").count() == 1
    assert_bound_once(page, ids)


def test_share_link_between_instant_navigations(instant_page, model, ids):
    """The JSON data survives the theme's re-creation of scripts in the page content."""
    page = instant_page
    page.site(PATH)
    answer(page, answers_for_total(model, 18))
    page.evaluate("window.__sameDocument = true")
    link_to(page, "references/").click()
    page.wait_for_url("**/references/")
    link_to(page, PATH).click()
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    assert page.evaluate("window.__sameDocument") is True
    expect_result(page, 18, 3)
