"""On a 360 px phone nothing is wider than the screen: no page scrolls sideways and no box
inside the content sticks out of it. Tables become cards (assets/js/table-cards.js and
site.css) and the result view stacks. Measured in Chromium with getBoundingClientRect and
scrollWidth; an element clipped by an ancestor that fits is not counted."""

from __future__ import annotations

from tests.browser.questionnaire import answer, answers_for_total, expect_result, level_of, open_assessment
from tests.helpers import CONTENT

WIDER_THAN_THE_SCREEN = """
() => {
  const W = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > W + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
  const name = (el) => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const clippedInside = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (/hidden|clip/.test(getComputedStyle(a).overflowX) && a.getBoundingClientRect().right <= W + 1) return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll(".md-content *")) {
    if (/auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${name(el)} scrolls sideways (${el.scrollWidth} px of content in ${el.clientWidth} px)`);
    }
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > W + 1 && !clippedInside(el)) found.push(`${name(el)} reaches ${Math.round(r.right)} px`);
  }
  return found.slice(0, 40);
}
"""


def site_pages(site) -> list[str]:
    from tests.browser.conftest import english_pages
    return english_pages(site)


def test_no_page_is_wider_than_a_phone(phone, built_site):
    pages = site_pages(built_site)
    assert len(pages) >= 10
    problems = {}
    for path in pages:
        phone.site(path)
        phone.wait_for_load_state("load")
        found = phone.evaluate(WIDER_THAN_THE_SCREEN)
        if found:
            problems[path or "/"] = found
    assert not problems, problems


def test_tables_become_cards_with_their_column_names(phone):
    phone.site("editions/")
    cell = phone.locator(".md-typeset__table > table[data-cards] tbody td").first
    cell.wait_for()
    header = phone.locator(".md-typeset__table > table thead th").first.inner_text().strip()
    assert cell.get_attribute("data-label") == header
    assert phone.evaluate("(td) => getComputedStyle(td, '::before').content", cell.element_handle()) == f'"{header}"'


def test_the_result_view_fits_a_phone(phone):
    from generator import load_content
    from generator.render import assessment_data

    model = assessment_data(load_content(CONTENT))
    total = (model["total"]["min"] + model["total"]["max"]) // 2
    open_assessment(phone)
    answer(phone, answers_for_total(model, total))
    expect_result(phone, total, level_of(model, total))
    found = phone.evaluate(WIDER_THAN_THE_SCREEN)
    assert found == [], "\n".join(found)


def test_progress_on_a_phone_has_tap_targets_and_a_whole_caption(phone):
    """#27: the before/after pickers were 19 px tall and the comparison's caption was
    squeezed into a narrow column once the table became cards."""
    import json

    from generator import load_content
    from generator.render import assessment_data

    model = assessment_data(load_content(CONTENT))
    lowest = {q["id"]: min(o["points"] for o in q["options"]) for q in model["questions"]}
    highest = {q["id"]: max(o["points"] for o in q["options"]) for q in model["questions"]}
    kept = [{"date": "2026-01-05T10:00:00.000Z", "version": model["version"], "answers": lowest}]
    phone.site("progress/")
    phone.evaluate(
        "([h, hv, a, av]) => { localStorage.setItem(h, hv); localStorage.setItem(a, av); }",
        [f"{model['model']}-history", json.dumps(kept), f"{model['model']}-assessment", json.dumps({"model": model["model"], "version": model["version"], "answers": highest})],
    )
    phone.reload()
    phone.wait_for_selector("[data-compare-table] caption")
    small = phone.evaluate(
        """() => [...document.querySelectorAll('[data-progress] :is(select, button, input, a, label.md-button)')]
            .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
            .map((el) => [el.outerHTML.slice(0, 60), el.getBoundingClientRect().height])
            .filter(([, h]) => h < 24)"""
    )
    assert small == []
    caption, table = phone.evaluate("() => { const c = document.querySelector('[data-compare-table] caption'); return [c.getBoundingClientRect().width, c.parentElement.getBoundingClientRect().width]; }")
    assert caption >= table - 2, f"caption {caption} px in a {table} px table"
    assert phone.evaluate(WIDER_THAN_THE_SCREEN) == []
