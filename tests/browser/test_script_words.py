"""The self-assessment's script speaks the page's language: on the Spanish and Japanese
sites, a result opened from a share link (with a part the page does not know, so notices
show too) has none of the English words of content/ui.yml's script groups, and a decimal
the page prints takes the language's mark. One page load per language."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from tests.browser.questionnaire import answers_for_total, expect_result, level_of
from tests.helpers import CONTENT


def model_of(site: Path, lang: str) -> dict:
    """The model the built page embeds (read from the file: the link must be in the first load)."""
    page = site / lang / "assessment" / "index.html"
    found = re.search(r'<script type="application/json" id="assessment-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    return json.loads(html.unescape(found.group(1)) if "&quot;" in found.group(1) else found.group(1))


def english_pieces() -> list[str]:
    """The English script words, cut at their {placeholders}: every piece of two or more words."""
    ui = yaml.safe_load((CONTENT / "ui.yml").read_text(encoding="utf-8"))
    words = [*ui["assessment"]["script"].values(), *ui["answers"].values()]
    pieces = {p.strip(" .,:;()\"") for w in words for p in re.split(r"\{\w+\}", w)}
    return sorted(p for p in pieces if len(p.split()) >= 2)


@pytest.mark.parametrize("lang, decimal", [("ja", "19.6"), ("es", "19,6")])
def test_the_result_and_notices_are_in_the_page_language(page, built_site, lang, decimal):
    english = english_pieces()
    assert len(english) > 60, "the English words were not read"
    model = model_of(built_site, lang)
    total = 18
    answers = answers_for_total(model, total)
    link = "&".join([f"{model['model']}@{model['version']}", *(f"{k}={v}" for k, v in answers.items()), "nosuch=1"])
    page.site(f"{lang}/assessment/#{link}")
    expect_result(page, total, level_of(model, total))
    shown = page.locator("[data-assessment]").inner_text() + page.locator("[data-report]").inner_text()
    assert page.locator("[data-notices] li").count() >= 2, "the link's notices did not show"
    assert page.locator("[data-roadmap] li").count() > 0, "the plan did not show"
    left = [p for p in english if p in shown]
    assert not left, f"English words in the {lang} self-assessment: {left}"
    assert f"= {decimal}" in page.locator(".md-content").inner_text(), f"the worked example's decimal is not {decimal}"
