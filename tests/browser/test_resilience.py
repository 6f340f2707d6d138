"""The site in a hostile browser: storage that throws (blocked, disabled, full), odd values
saved by someone or something else, deeply nested JSON, and two tabs saving answers.
The promise: no page ever throws (the `page`/`context` fixtures fail a test on any script
error, CSP violation or off-host request), and no saved answers are lost silently."""

from __future__ import annotations

import json

import pytest
import yaml

from generator import load_content
from generator.pages import GENERATED_PAGES
from generator.render import assessment_data
from tests.browser.conftest import assert_clean, guarded_context, open_with_saved
from tests.helpers import CONTENT

PATH = "assessment/"
MODEL = assessment_data(load_content(CONTENT))
IDS = [q["id"] for q in MODEL["questions"]]
KEY = f"{MODEL['model']}-assessment"
PALETTE_KEY = "/.__palette"  # the theme's key: scope path (the site root) + "." + name
SAVE_REFUSED = "does not let the page save your answers"
PROGRESS_WORDS = yaml.safe_load((CONTENT / "ui.yml").read_text(encoding="utf-8"))["progress"]["script"]

# Init scripts that make this browser's storage refuse to work, the ways real browsers do.
_THROW_ON_GET = """
for (const name of NAMES) {
  Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
}
"""
_THROW_IN_METHODS = """
for (const name of METHODS) {
  Storage.prototype[name] = function () { throw new DOMException(MESSAGE, ERROR); };
}
"""
REFUSALS = {
    "localStorage getter throws": _THROW_ON_GET.replace("NAMES", '["localStorage"]'),
    "localStorage and sessionStorage getters throw": _THROW_ON_GET.replace("NAMES", '["localStorage", "sessionStorage"]'),
    "non-configurable getters throw": _THROW_ON_GET.replace("NAMES", '["localStorage", "sessionStorage"]').replace("configurable: true", "configurable: false"),
    "every storage method throws": _THROW_IN_METHODS.replace("METHODS", '["getItem", "setItem", "removeItem", "clear", "key"]')
    .replace("MESSAGE", '"storage is disabled"')
    .replace("ERROR", '"SecurityError"'),
    "storage is full": _THROW_IN_METHODS.replace("METHODS", '["setItem"]').replace("MESSAGE", '"full"').replace("ERROR", '"QuotaExceededError"'),
}


def scheme(page) -> str | None:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def toggle_palette(page) -> None:
    """Click the visible palette toggle; the scheme must switch (the toggle is alive)."""
    before = scheme(page)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {json.dumps(before)}", timeout=5000)


def one_page_of_each_kind() -> list[str]:
    """Home (the diagram), each page with a script of its own, and a page with none:
    between them every script the site has runs."""
    own_script = [p.path.removesuffix(".md") + "/" for p in GENERATED_PAGES if p.controller]
    return ["", *own_script, "references/"]


@pytest.mark.parametrize("refusal", list(REFUSALS), ids=list(REFUSALS))
def test_refused_storage_throws_on_no_page_and_the_palette_toggle_works(page, refusal):
    page.add_init_script(REFUSALS[refusal])
    for path in one_page_of_each_kind():
        page.site(path)
        page.wait_for_load_state("load")
        toggle_palette(page)
        toggle_palette(page)


@pytest.mark.parametrize("refusal", list(REFUSALS), ids=list(REFUSALS))
def test_refused_storage_still_scores_and_says_answers_are_not_saved(page, refusal):
    page.add_init_script(REFUSALS[refusal])
    page.site(PATH)
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    for qid in IDS:
        page.locator(f'input[name="{qid}"][value="2"]').check()
    assert page.locator("[data-result]").get_attribute("data-score") == str(2 * len(IDS))
    assert SAVE_REFUSED in page.locator('[data-notices="top"]').inner_text()
    toggle_palette(page)


def test_refused_storage_survives_instant_navigation(instant_page):
    page = instant_page
    page.add_init_script(REFUSALS["localStorage and sessionStorage getters throw"])
    page.site()
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator(f'a[href$="/{PATH}"]:visible, a[href="{PATH}"]:visible').first.click()
    page.wait_for_url(f"**/{PATH}")
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    assert page.evaluate("window.__sameDocument") is True
    page.locator(f'input[name="{IDS[0]}"][value="1"]').check()
    assert SAVE_REFUSED in page.locator('[data-notices="top"]').inner_text()
    toggle_palette(page)


# Saved palettes the theme's own code cannot use. Each must read as "nothing saved".
ODD_PALETTES = [
    '{"index":"dark","color":{"scheme":"slate"}}',
    '{"color":{"scheme":"slate"}}',
    '{"index":-1,"color":{"scheme":"slate"}}',
    '{"index":1.5,"color":{"scheme":"slate"}}',
    '{"index":0,"color":{"bad key":"slate"}}',
    '{"index":0,"color":{"<img src=x onerror=alert(1)>":"x"}}',
    '{"index":0,"color":"slate"}',
    '{"index":0,"color":{"media":"(prefers-color-scheme)"}}',
    '{"index":0}',
    "5",
    '"slate"',
    "[0]",
    "true",
    "{not json",
    "[" * 5000 + "]" * 5000,
]


@pytest.mark.parametrize("value", ODD_PALETTES, ids=[f"palette-{i}" for i in range(len(ODD_PALETTES))])
def test_an_odd_saved_palette_throws_nowhere_and_the_toggle_still_works(page, server, value):
    open_with_saved(page, server.url + PATH, {PALETTE_KEY: value})
    page.wait_for_load_state("load")
    toggle_palette(page)
    # The toggle saved a good palette over the odd one, and it is used on the next page.
    chosen = scheme(page)
    saved = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(PALETTE_KEY)})"))
    assert saved["color"]["scheme"] == chosen
    page.site("")
    assert scheme(page) == chosen
    assert page.evaluate("window.__alerted === undefined")


def test_a_good_saved_palette_is_still_restored(page):
    page.site(PATH)
    toggle_palette(page)
    chosen = scheme(page)
    page.reload()
    assert scheme(page) == chosen


# -- deeply nested JSON ----------------------------------------------------------------------


def _deep(n: int) -> str:
    return "[" * n + "]" * n


def _record_with(answer: str, extra: str = "") -> str:
    return f'{{"model":{json.dumps(MODEL["model"])},"version":{json.dumps(MODEL["version"])},"answers":{{"{IDS[0]}":{answer},"{IDS[1]}":2}}{extra}}}'


DEEP_SAVED = [
    (_record_with(_deep(4900)), "which is not one of its options"),
    (_record_with('{"a":' * 1600 + "1" + "}" * 1600), "which is not one of its options"),
    (_record_with("1").replace(json.dumps(MODEL["model"]), _deep(4000), 1), "another model"),
    (_deep(4990), "not a JSON object"),
]


@pytest.mark.parametrize("value,expected", DEEP_SAVED, ids=[f"saved-{i}" for i in range(len(DEEP_SAVED))])
def test_deeply_nested_saved_answers_show_a_notice(page, server, value, expected):
    open_with_saved(page, server.url + PATH, {KEY: value})
    area = page.locator('[data-notices="top"]')
    area.get_by_text(expected).wait_for()
    assert len(area.inner_text()) < 1000
    page.locator(f'input[name="{IDS[2]}"][value="1"]').check()


DEEP_IMPORTS = [
    (_record_with(_deep(49000)), "which is not one of its options"),
    (json.dumps({"model": MODEL["model"], "version": MODEL["version"], "answers": dict.fromkeys(IDS, 2)})[:-1] + f',"total":{_deep(40000)}}}', "says total [[[[…]]]]"),
    (_deep(49000), "not a JSON object"),
]


@pytest.mark.parametrize("content,expected", DEEP_IMPORTS, ids=[f"import-{i}" for i in range(len(DEEP_IMPORTS))])
def test_a_deeply_nested_import_shows_a_notice(page, content, expected):
    page.site(PATH)
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    page.locator("[data-import]").set_input_files(files=[{"name": "answers.json", "mimeType": "application/json", "buffer": content.encode()}])
    page.locator("[data-notices]").get_by_text(expected).first.wait_for()


# -- two tabs ----------------------------------------------------------------------------------

CHANGED_ELSEWHERE = "Your answers were changed in another tab or window"
NOT_SAVED = "Your last change here was not saved"
# Stands for a tab that missed the `storage` event (asleep, discarded, a slow event):
# the page's own listener never hears of the other tab's save.
DEAF = "window.addEventListener('storage', (event) => event.stopImmediatePropagation(), true);"


def front(tab):
    """The tab a person is looking at. Chromium throttles a background tab's animation
    frames, which Playwright waits on before each click: acting on a tab behind another
    took seconds per click."""
    tab.bring_to_front()
    return tab


def notice(tab, text: str) -> None:
    front(tab).locator("[data-notices]").get_by_text(text).wait_for()


def open_tab(context, server, deaf: bool = False):
    tab = context.new_page()
    if deaf:
        tab.add_init_script(DEAF)
    tab.goto(server.url + PATH)
    tab.locator("[data-assessment][data-ready]").wait_for(state="attached")
    return tab


def shown(tab) -> dict[str, int]:
    return tab.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-assessment-form] input:checked')].map(r => [r.name, Number(r.value)]))"
    )


def saved(tab) -> dict[str, int] | None:
    text = tab.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    return None if text is None else json.loads(text)["answers"]


def answer(tab, answers: dict[str, int]) -> None:
    front(tab)
    for qid, points in answers.items():
        tab.locator(f'input[name="{qid}"][value="{points}"]').check()


def click(tab, qid: str, points: int) -> None:
    front(tab).locator(f'input[name="{qid}"][value="{points}"]').click()


FOUR = {qid: 3 for qid in IDS[:4]}


def test_a_tab_picks_up_answers_saved_in_another_tab(page, server):
    a, b = open_tab(page.context, server), open_tab(page.context, server)
    answer(a, FOUR)
    notice(b, CHANGED_ELSEWHERE)
    assert shown(b) == FOUR
    assert f"{len(FOUR)} of {len(IDS)} answered" in b.locator("[data-result]").inner_text()
    # B's one answer is added to A's four, and A picks that up in turn.
    answer(b, {IDS[4]: 1})
    assert saved(b) == {**FOUR, IDS[4]: 1}
    notice(a, CHANGED_ELSEWHERE)
    assert shown(a) == {**FOUR, IDS[4]: 1}


def test_a_tab_that_missed_the_news_never_overwrites_newer_saved_answers(page, server):
    b = open_tab(page.context, server, deaf=True)
    a = open_tab(page.context, server)
    answer(a, FOUR)
    assert saved(a) == FOUR
    assert shown(b) == {}
    click(b, IDS[4], 1)  # the page undoes this click, so `check` would complain
    # A's four answers are still saved, and B now shows them and says its change was not saved.
    assert saved(b) == FOUR
    notice(b, NOT_SAVED)
    assert shown(b) == FOUR
    # B's next change is made on top of what it now shows, and saved.
    answer(b, {IDS[4]: 1})
    assert saved(b) == {**FOUR, IDS[4]: 1}


@pytest.mark.parametrize("deaf", [False, True], ids=["hears", "missed-the-news"])
def test_answers_cleared_in_another_tab_are_cleared_here_not_brought_back(page, server, deaf):
    a = open_tab(page.context, server)
    answer(a, FOUR)
    b = open_tab(page.context, server, deaf=deaf)
    assert shown(b) == FOUR
    front(a).locator('[data-action="reset"]').click()
    assert saved(a) is None
    if deaf:
        click(b, IDS[4], 1)
        notice(b, NOT_SAVED)
    else:
        notice(b, "cleared in another tab")
    assert shown(b) == {}
    assert saved(b) is None


def test_a_damaged_copy_saved_by_another_tab_gives_a_notice_and_no_error(page, server):
    a, b = open_tab(page.context, server), open_tab(page.context, server)
    answer(b, {IDS[0]: 2})
    a.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps('[' * 4000 + ']' * 4000)})")
    notice(b, "not a JSON object")
    assert shown(b) == {}
    answer(b, {IDS[1]: 2})
    assert saved(b) == {IDS[1]: 2}


def test_other_keys_changing_in_another_tab_leave_the_answers_alone(page, server):
    a, b = open_tab(page.context, server), open_tab(page.context, server)
    answer(b, {IDS[0]: 2})
    # Counted after the page's own listener has handled each event (listeners run in order).
    b.evaluate("window.__heard = 0; addEventListener('storage', () => window.__heard++)")
    a.evaluate(f"sessionStorage.setItem({json.dumps(KEY)}, 'x')")  # same key, another storage area
    a.evaluate("localStorage.setItem('/.__palette', '{}'); localStorage.setItem('unrelated', 'x')")
    b.wait_for_function("() => window.__heard >= 2")
    assert "".join(b.locator("[data-notices]").all_inner_texts()) == ""
    assert shown(b) == {IDS[0]: 2}
    answer(b, {IDS[1]: 2})
    assert saved(b) == {IDS[0]: 2, IDS[1]: 2}


def test_two_tabs_in_a_browser_without_storage_work_alone(browser, server):
    ctx = guarded_context(browser, server, viewport={"width": 1280, "height": 900})
    ctx.add_init_script(REFUSALS["localStorage and sessionStorage getters throw"])
    try:
        a, b = open_tab(ctx, server), open_tab(ctx, server)
        answer(a, FOUR)
        answer(b, {IDS[4]: 1})
        assert shown(a) == FOUR
        assert shown(b) == {IDS[4]: 1}
        assert SAVE_REFUSED in b.locator('[data-notices="top"]').inner_text()
        assert_clean(ctx, [a, b])
    finally:
        ctx.close()


# Refusals that stop the page reading storage at all (a full storage still reads).
READ_REFUSALS = [r for r in REFUSALS if r != "storage is full"]


@pytest.mark.parametrize("refusal", READ_REFUSALS[:1] + READ_REFUSALS[-1:], ids=READ_REFUSALS[:1] + READ_REFUSALS[-1:])
def test_progress_with_storage_refused_says_so_and_what_still_works_never_answer_first(page, refusal):
    page.add_init_script(REFUSALS[refusal])
    page.site("progress/")
    notices = page.locator("[data-progress-notices]")
    blocked = PROGRESS_WORDS["storageBlocked"].split("{reason}")
    notices.get_by_text(blocked[0].strip()).wait_for(timeout=5000)
    page.click("[data-progress-keep]")
    said = notices.inner_text()
    assert "SecurityError" in said and blocked[1].strip() in said
    assert PROGRESS_WORDS["nothingToKeep"] not in said
