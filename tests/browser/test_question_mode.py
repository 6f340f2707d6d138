"""One question at a time (assets/js/question-mode.js, issue #27), on a 360 px phone:
answered to a result with the keyboard alone, in English and in every translation; the
same answers, share link and storage as the one-page form; the choice remembered. The
words, the questions and their options come from the page, never from the test."""

from __future__ import annotations

import pytest

from tests.browser.conftest import TRANSLATIONS
from tests.browser.questionnaire import PATH

WORDS = "() => JSON.parse(document.querySelector('template[data-assessment-data]').content.getElementById('assessment-notes-text').textContent)"
MODEL = "() => JSON.parse(document.querySelector('template[data-assessment-data]').content.getElementById('assessment-data').textContent)"
ACTIVE = "(selector) => document.activeElement?.matches(selector) ?? false"




def tab_to(page, selector: str, most: int = 80) -> None:
    """Press Tab until the focus is on `selector` (a keyboard user's way there)."""
    for _ in range(most):
        if page.evaluate(ACTIVE, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def fill(template: str, **values) -> str:
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def open_page(page, language: str) -> None:
    page.site(language + PATH)
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")


def visible_questions(page) -> list[str]:
    return [q.get_attribute("data-question") for q in page.locator("[data-assessment-form] fieldset[data-question]").all() if q.is_visible()]


@pytest.mark.parametrize("language", ["", *(f"{code}/" for code in TRANSLATIONS)])
def test_one_question_at_a_time_answered_to_a_result_by_keyboard_alone(phone, language):
    open_page(phone, language)
    words, model = phone.evaluate(WORDS), phone.evaluate(MODEL)
    questions = model["questions"]
    assert len(visible_questions(phone)) == len(questions)  # the one-page form first

    # The layout is chosen with the keyboard: Tab to the choice, an arrow to "one at a time".
    tab_to(phone, "[data-layout-choice]")
    phone.keyboard.press("ArrowRight")
    phone.locator('[data-layout-choice][value="one"]:checked').wait_for(state="attached")

    chosen = {}
    for i, q in enumerate(questions):
        assert visible_questions(phone) == [q["id"]]
        assert phone.locator("[data-position]").inner_text() == fill(words["position"], n=i + 1, all=len(questions))
        tab_to(phone, f'input[name="{q["id"]}"]')
        phone.keyboard.press("Space")
        for _ in range(i % len(q["options"])):
            phone.keyboard.press("ArrowDown")
        chosen[q["id"]] = phone.evaluate("(name) => document.querySelector(`[data-assessment-form] input[name='${name}']:checked`).value", q["id"])
        tab_to(phone, '[data-step="next"]')
        if i == len(questions) - 1:
            assert phone.locator('[data-step="next"]').inner_text() == words["seeResult"]
        phone.keyboard.press("Enter")

    # The last Next led to the result, which has the focus.
    phone.locator("[data-assessment][data-complete]").wait_for(state="attached")
    assert phone.evaluate(ACTIVE, "[data-report]")
    total = sum(int(v) for v in chosen.values())
    assert phone.locator("[data-result]").get_attribute("data-score") == str(total)
    assert chosen == {q["id"]: str(q["options"][i % len(q["options"])]["points"]) for i, q in enumerate(questions)}

    # The same answers as the one-page form: its storage, its share link, its radios.
    link = phone.locator("[data-share-url]").input_value()
    for qid, points in chosen.items():
        assert f"{qid}={points}" in link
    stored = phone.evaluate("(key) => localStorage.getItem(key)", f"{model['model']}-assessment")
    assert stored and all(qid in stored for qid in chosen)

    # Back goes back one question, by keyboard too.
    phone.locator('[data-step="next"]').focus()
    phone.keyboard.press("Shift+Tab")
    assert phone.evaluate(ACTIVE, '[data-step="back"]')
    phone.keyboard.press("Enter")
    assert visible_questions(phone) == [questions[-2]["id"]]

    # The choice is remembered: a reload opens one question at a time, answers kept.
    open_page(phone, language)
    assert phone.locator('[data-layout-choice][value="one"]').is_checked()
    assert len(visible_questions(phone)) == 1
    phone.locator('[data-layout-choice][value="all"]').check()
    assert len(visible_questions(phone)) == len(questions)
    got = phone.evaluate("() => Object.fromEntries([...document.querySelectorAll('[data-assessment-form] input:checked')].map(r => [r.name, r.value]))")
    assert got == chosen


def test_a_link_to_a_question_still_to_answer_shows_it(phone):
    """The status line's "still to answer" links lead to their question in this layout too."""
    open_page(phone, "")
    phone.locator('[data-layout-choice][value="one"]').check()
    questions = phone.evaluate(MODEL)["questions"]
    first = visible_questions(phone)
    assert first == [questions[0]["id"]]
    phone.locator("[data-assessment-form] fieldset[data-question] label.assessment__option").first.click()
    last = phone.locator("[data-result] a").last
    last.click()
    assert visible_questions(phone) == [questions[-1]["id"]]


def test_every_question_is_printed_in_either_layout(page):
    page.site(PATH)
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    page.locator('[data-layout-choice][value="one"]').check()
    page.emulate_media(media="print")
    count = page.locator("[data-assessment-form] fieldset[data-question]").count()
    assert len(visible_questions(page)) == count
    assert not page.locator("[data-layout-picker]").is_visible()
    assert not page.locator("[data-question-nav]").is_visible()


def share_link(page, answers: dict[str, int]) -> str:
    """The page's own share link for `answers` (answered in the one-page form, then put back)."""
    model = page.evaluate(MODEL)
    head = f"{model['model']}@{model['version']}"
    return "&".join([head, *(f"{q['id']}={answers[q['id']]}" for q in model["questions"] if q["id"] in answers)])


FOCUS_SHOWN = """() => {
  const at = document.activeElement;
  const set = at?.closest('fieldset[data-question]');
  return {radio: at?.matches('input[type=radio]') ?? false, visible: at?.checkVisibility() ?? false, question: set?.dataset.question ?? null};
}"""


def test_back_to_my_answers_shows_the_question_it_focuses(phone, server):
    """"Back to my answers" over a link, with another question showing: the focus goes to a
    question that is on screen, not to a hidden one (where it would silently go nowhere)."""
    open_page(phone, "")
    questions = phone.evaluate(MODEL)["questions"]
    lowest = {q["id"]: min(o["points"] for o in q["options"]) for q in questions}
    highest = {q["id"]: max(o["points"] for o in q["options"]) for q in questions}
    # My own answers leave the result open: only the second question answered.
    own = {questions[1]["id"]: lowest[questions[1]["id"]]}
    phone.locator(f'input[name="{questions[1]["id"]}"][value="{own[questions[1]["id"]]}"]').check()
    phone.locator('[data-layout-choice][value="one"]').check()
    link = share_link(phone, highest)
    phone.goto("about:blank")
    phone.goto(server.url + PATH + "#" + link)
    phone.locator("[data-assessment][data-complete]").wait_for(state="attached")
    # Another question than the first is showing when I go back to mine.
    phone.locator('[data-step="next"]').click()
    phone.locator('[data-step="next"]').click()
    assert visible_questions(phone) == [questions[2]["id"]]
    phone.locator('[data-action="restore"]').click()
    phone.locator("[data-assessment]:not([data-complete])").wait_for(state="attached")
    focus = phone.evaluate(FOCUS_SHOWN)
    assert focus["radio"] and focus["visible"], focus
    assert visible_questions(phone) == [focus["question"]]
    got = phone.evaluate("() => Object.fromEntries([...document.querySelectorAll('[data-assessment-form] input:checked')].map(r => [r.name, Number(r.value)]))")
    assert got == own


TOC_STATE = """() => {
  const nav = [...document.querySelectorAll('.md-nav--secondary')].find((n) => n.checkVisibility());
  const probe = document.createElement('span');
  probe.style.color = 'var(--md-typeset-a-color)';
  nav.append(probe);
  const lit = getComputedStyle(probe).color;
  probe.remove();
  const links = [...nav.querySelectorAll('a.md-nav__link[href*="#q-"]')];
  return {spyOnQuestion: links.some((a) => a.classList.contains('md-nav__link--active')),
          lit: links.filter((a) => getComputedStyle(a).color === lit).map((a) => a.hash.slice(3))};
}"""


def lit_entries(page) -> list[str]:
    """The questions the table of contents highlights, once Material's scroll-spy is on a question."""
    page.mouse.move(0, page.viewport_size["height"] - 1)
    # Once the spy is on a question and the entries' color transitions have ended.
    page.wait_for_function(f"() => ({TOC_STATE})().spyOnQuestion && !document.getAnimations().some((a) => a.effect?.target?.closest?.('.md-nav--secondary'))")
    return page.evaluate(TOC_STATE)["lit"]


def test_the_table_of_contents_highlights_the_question_shown(page):
    """One question at a time: the table of contents lights the question shown, however
    Material's scroll-spy measures the hidden ones; the one-page form keeps the spy's own."""
    page.site(PATH)
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    questions = [q["id"] for q in page.evaluate(MODEL)["questions"]]
    assert len(questions) >= 3, "this check needs a question between the first and the last"
    # The one-page form: scrolled to a question, the spy lights that one.
    middle = len(questions) // 2
    page.locator(f"h2#q-{questions[middle]}").evaluate("(h) => h.scrollIntoView({block: 'start'})")
    page.wait_for_function("(id) => document.querySelector(`.md-nav--secondary a.md-nav__link--active[href$='#q-${id}']`)", arg=questions[middle])
    assert lit_entries(page) == [questions[middle]]

    page.locator('[data-layout-choice][value="one"]').check()
    for i in range(1, len(questions)):
        page.locator('[data-step="next"]').click()
        assert visible_questions(page) == [questions[i]]
        assert lit_entries(page) == [questions[i]], f"showing question {i + 1}"
    page.locator('[data-step="back"]').click()
    assert lit_entries(page) == [questions[-2]]
