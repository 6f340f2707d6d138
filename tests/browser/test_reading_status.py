"""A reading with a status (references.yml `status`: retiring or retired) says so beside
it in the plan, in its Markdown and CSV files, and on the level page that recommends it,
in English, Spanish and Japanese. The answers are chosen from the built page's own model:
one dimension at an option that cites such a reading, every other at the top, so the
plan has exactly that step. tests/test_reference_status.py moves the clock; this checks
the page as built today. One page load per language."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.browser.test_plan import download
from tests.browser.test_script_words import model_of


def step_with_status(model: dict) -> tuple[dict, str] | None:
    """(answers, reference id): one option below the top that cites a reading with a status."""
    for q in model["questions"]:
        top = max(o["points"] for o in q["options"])
        for o in q["options"]:
            cited = [r for r in o.get("references", []) if model["references"].get(r, {}).get("status")]
            if o["points"] < top and cited:
                answers = {x["id"]: max(p["points"] for p in x["options"]) for x in model["questions"]}
                return {**answers, q["id"]: o["points"]}, cited[0]
    return None


@pytest.mark.parametrize("lang", ["", "es", "ja"])
def test_the_plan_its_files_and_the_level_page_show_the_status(page, built_site, lang):
    model = model_of(built_site, lang)
    found = step_with_status(model)
    if found is None:
        pytest.skip("no reading of today's content has a status")
    answers, rid = found
    ref = model["references"][rid]
    prefix = f"{lang}/" if lang else ""
    link = "&".join([f"{model['model']}@{model['version']}", *(f"{k}={v}" for k, v in answers.items())])
    page.site(f"{prefix}assessment/#{link}")
    item = page.locator("[data-roadmap] li li", has=page.locator(f'a[href="{ref["url"]}"]'))
    item.wait_for()
    assert item.locator(".assessment__reading-status").inner_text() == ref["status"]
    # After a dash, not in parentheses (the status sentence holds parentheses of its own),
    # without its full stop: the files list readings with commas or semicolons after it.
    sentence = re.sub(r"[.。．]\s*$", "", ref["status"])
    cell = next(r for r in csv.reader(io.StringIO(download(page, "plan-csv"))) if ref["url"] in r[4])[4]
    assert f"> – {sentence}" in cell and f"{ref['status']};" not in cell, cell
    markdown = download(page, "plan-md").replace("\\", "")  # as text, without its escapes
    assert ref["url"] in markdown and f") – {sentence}" in markdown and f"{ref['status']}," not in markdown

    for lv in model["levels"]:  # the level page that recommends it says the same beside it
        page.site(f"{prefix}assessment/{lv['url']}")
        entry = page.locator(".md-content li", has=page.locator(f'a[href="{ref["url"]}"]'))
        if entry.count():
            assert ref["status"] in entry.first.inner_text().replace("\n", " "), (lv["id"], entry.first.inner_text())
            return
    pytest.fail(f"no level page lists {rid}")
