"""The self-assessment and the home page on a 360 px phone, and the printout (issue #27):
every tap target is at least 24 by 24 px, a focused note box is never under the sticky
status bar, the stacked result table names each value, the home page's way into the
self-assessment is above the fold, and the printout has no control label without its
controls. Words come from the page's own JSON (content/ui.yml), never from the test."""

from __future__ import annotations

import pytest

from tests.browser.conftest import TRANSLATIONS
from tests.browser.questionnaire import PATH, open_assessment

SMALL_PHONE = {"width": 360, "height": 640}  # the fold of a small phone
SMALLEST_TARGET = 24  # px, WCAG 2.2 success criterion 2.5.8 (target size, minimum)

WORDS = """() => JSON.parse(document.querySelector('template[data-assessment-data]').content.getElementById('assessment-notes-text').textContent)"""

# Every control a finger can hit, visible, as {what, width, height}. A link inside a
# sentence of text is exempt in WCAG (its size is set by the line), so only links that
# stand alone count: the status bar's "2, 3, 4...", a table cell's link, "Read about".
TAP_TARGETS = """
() => {
  const name = (el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || el.value || "").trim().slice(0, 30)}"`;
  const inSentence = (a) => a.closest("p, li, td") && !a.closest("[data-result]") && a.parentElement.textContent.trim() !== a.textContent.trim();
  const found = [];
  for (const el of document.querySelectorAll(".md-content button, .md-content input, .md-content select, .md-content textarea, .md-content a[href], .md-content label")) {
    if (el.matches("a") && inSentence(el)) continue;
    if (el.matches("a.headerlink")) continue;
    // A label beside its control (for=) adds to the control's target, which is measured itself.
    if (el.matches("label") && !(el.control && el.contains(el.control))) continue;
    // A radio or checkbox is hit through its label, which wraps it.
    const box = (el.matches("input[type=radio], input[type=checkbox]") && el.closest("label")) || el;
    const r = box.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!r.width || !r.height || style.visibility === "hidden") continue;
    found.push({ what: name(el), width: r.width, height: r.height });
  }
  return found;
}
"""




def model_of(page) -> dict:
    return page.evaluate("() => JSON.parse(document.querySelector('template[data-assessment-data]').content.getElementById('assessment-data').textContent)")


def answer_first(page, count: int) -> None:
    """Pick the first option of the first `count` questions, by clicking as a reader does."""
    for fieldset in page.locator("[data-assessment-form] fieldset[data-question]").all()[:count]:
        fieldset.locator("label.assessment__option").first.click()


def too_small(page) -> list[str]:
    return [f"{t['what']}: {t['width']:.0f} x {t['height']:.0f} px" for t in page.evaluate(TAP_TARGETS)
            if t["width"] < SMALLEST_TARGET or t["height"] < SMALLEST_TARGET]


def test_every_tap_target_of_the_self_assessment_is_big_enough(phone):
    open_assessment(phone)
    answer_first(phone, 1)
    links = phone.locator("[data-result] a")
    assert links.count() == len(model_of(phone)["questions"]) - 1  # the "still to answer" links are there
    assert too_small(phone) == []
    # ... in the one-question layout, and with a result (the report's controls) too.
    phone.locator('[data-layout-choice][value="one"]').check()
    assert too_small(phone) == []
    answer_all_on_one_page(phone)
    assert too_small(phone) == []


def answer_all_on_one_page(page) -> None:
    page.locator('[data-layout-choice][value="all"]').check()
    answer_first(page, len(model_of(page)["questions"]))
    page.locator("[data-assessment][data-complete]").wait_for(state="attached")


def test_the_links_to_questions_still_to_answer_are_named_by_what_they_show(phone):
    """WCAG 2.5.3: each link's accessible name holds its visible label (the question's number)."""
    open_assessment(phone)
    answer_first(phone, 1)
    links = phone.locator("[data-result] a")
    assert links.count() > 0
    for link in links.all():
        shown = link.inner_text().strip()
        assert shown and shown in (link.get_attribute("aria-label") or shown)
        box = link.bounding_box()
        assert box["width"] >= SMALLEST_TARGET and box["height"] >= SMALLEST_TARGET, (shown, box)


@pytest.mark.parametrize("language", ["", *(f"{code}/" for code in TRANSLATIONS)])
@pytest.mark.parametrize("answered", [0, 1])
def test_a_focused_note_box_is_never_under_the_sticky_bar(phone, answered, language):
    """From wherever the page is scrolled, even with the box just under the bar, focusing
    it (as Tab does) shows the whole box above the bar, however tall the bar's words make it."""
    phone.site(language + PATH)
    phone.locator("[data-assessment][data-ready]").wait_for(state="attached")
    answer_first(phone, answered)
    bar = phone.locator("[data-result]")
    notes = phone.locator("[data-assessment-form] [data-note]")
    assert notes.count() == len(model_of(phone)["questions"])
    for i in range(notes.count()):
        for below in (-10, 30, 200):  # the box's bottom this far below the screen's bottom edge
            phone.evaluate(
                "([i, below]) => { const n = document.querySelectorAll('[data-assessment-form] [data-note]')[i];"
                " document.activeElement?.blur(); window.scrollTo(0, n.getBoundingClientRect().bottom + window.scrollY - window.innerHeight + below); }",
                [i, below],
            )
            notes.nth(i).focus()
            box = notes.nth(i).bounding_box()
            bar_box = bar.bounding_box()
            assert box["y"] >= 0, (i, below, box)
            if bar_box and bar_box["height"]:
                assert box["y"] + box["height"] <= bar_box["y"] + 0.5, (i, below, box, bar_box)
            else:
                assert box["y"] + box["height"] <= phone.viewport_size["height"]


def test_the_stacked_result_table_names_each_value(phone):
    open_assessment(phone)
    answer_all_on_one_page(phone)
    words = phone.evaluate(WORDS)
    table = phone.locator(".assessment__table")
    assert table.locator("thead").bounding_box() is None or table.locator("thead").bounding_box()["height"] <= 1  # stacked: header row hidden
    for row in table.locator("tbody tr").all():
        cells = row.locator("td")
        named = [cells.nth(i).evaluate("(td) => getComputedStyle(td, '::before').content") for i in range(cells.count())]
        assert named == [f'"{words[k]}"' for k in ("points", "levelColumn", "answer")]


def test_the_home_page_shows_the_way_into_the_self_assessment_above_the_fold(phone):
    phone.set_viewport_size(SMALL_PHONE)
    phone.site("")
    button = phone.locator('.md-content a.md-button--primary[href*="assessment"]')
    button.wait_for()
    box = button.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= SMALL_PHONE["height"], box


def test_the_printout_has_no_control_labels_without_their_controls(page):
    """Printed with a result (the report's plan has the target pickers) and without one."""
    open_assessment(page)
    words = page.evaluate(WORDS)
    for complete in (False, True):
        if complete:
            page.emulate_media(media="screen")
            answer_first(page, len(model_of(page)["questions"]))
            page.locator("[data-assessment][data-complete]").wait_for(state="attached")
        page.emulate_media(media="print")
        orphans = page.evaluate(
            """() => {
              const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
              const found = [];
              for (const label of document.querySelectorAll('.md-content label, .md-content legend')) {
                if (!shown(label)) continue;
                const controls = label.matches('legend') ? label.parentElement.querySelectorAll('input, select, textarea, button') : [label.control].filter(Boolean);
                if (![...controls].some(shown)) found.push(label.textContent.trim().slice(0, 60));
              }
              return found;
            }"""
        )
        assert orphans == [], f"printed without their controls: {orphans}"
        text = page.locator(".md-content").inner_text()
        for key in ("planSetTargets", "aimAll", "layoutLegend"):
            assert words[key].strip() not in text, key


def test_every_tap_target_of_the_team_view_with_members_is_big_enough(phone):
    """The team view at 360 px with three members (one who does not know an answer), names
    shown: its file and link controls, the Copy button, the names choice and the table's links."""
    import json

    open_assessment(phone)
    model = model_of(phone)
    phone.site("team/")
    members = [{q["id"]: sorted(o["points"] for o in q["options"])[i % len(q["options"])] for q in model["questions"]} for i in range(3)]
    members[2][model["questions"][0]["id"]] = "dk"
    files = [{"name": f"m{i}.json", "mimeType": "application/json",
              "buffer": json.dumps({"model": model["model"], "version": model["version"], "name": f"M{i}", "answers": m}).encode()}
             for i, m in enumerate(members)]
    phone.set_input_files("[data-team-files]", files)
    phone.wait_for_selector("[data-team-total]")
    phone.locator("[data-team-names]").check()
    assert too_small(phone) == []
