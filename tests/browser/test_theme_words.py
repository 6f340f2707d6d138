"""Every word the theme shows is in the page's language: on /es/ and /ja/, no page keeps
the theme's English (the color toggle's labels, a heading link's title, the footer's
"Made with"), and each shows the translation's own words from content/ui.yml instead;
Japanese pages separate the items of a list with 、. Read from the built files, every
page of every translation."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator import load_content
from generator.translate import languages
from tests.helpers import CONTENT

ENGLISH = ["Switch to dark mode", "Switch to light mode", 'title="Permanent link"', "Made with\n"]


def pages_of(site: Path, language: str) -> list[Path]:
    return sorted((site / language).rglob("index.html"))


@pytest.mark.parametrize("language", languages(CONTENT))
def test_no_theme_word_is_english(built_site, language):
    words = load_content(CONTENT, language).ui["common"]
    pages = pages_of(built_site, language)
    assert len(pages) > 5, f"no built pages in {built_site / language}"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        left = [w for w in ENGLISH if w in text]
        assert not left, f"{page}: {left}"
        for key in ("to_dark", "to_light"):
            assert html.escape(words[key], quote=True) in text, (page, key)
        assert max(re.split(r"\{\w+\}", words["made_with"]), key=len).strip() in text, page


def test_japanese_lists_use_the_japanese_comma(built_site):
    content = load_content(CONTENT, "ja")
    cited = [r for r in content.references if sum(r in lv["references"] for lv in content.levels) >= 2]
    page = (built_site / "ja" / "references" / "index.html").read_text(encoding="utf-8")
    assert "</a>, <a" not in page
    if cited:
        assert "</a>、<a" in page, "no list of levels on the Japanese references page"
