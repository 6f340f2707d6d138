"""The progression diagram drawn at build time (generator/drawing.py): only when asked
(PRERENDER_DIAGRAMS=1), from the cache when it has the drawing, and left to the reader's
browser (the page keeps the mermaid source) when no browser can draw it here."""

from __future__ import annotations

import pytest

from generator import drawing, load_content, render_site
from tests.helpers import FIXTURE

NO_BROWSER = "/nonexistent/chromium"


@pytest.fixture(scope="module")
def content():
    return load_content(FIXTURE)


def test_drawings_are_made_only_when_asked(monkeypatch):
    monkeypatch.delenv(drawing.ENV, raising=False)
    assert drawing.drawer() is None
    monkeypatch.setenv(drawing.ENV, "1")
    assert drawing.drawer() is drawing.draw


def test_a_cached_drawing_is_used_without_a_browser(tmp_path):
    (tmp_path / f"{drawing.cache_key('d', 'graph TD')}.svg").write_text("<svg>cached</svg>", encoding="utf-8")
    assert drawing.draw("d", "graph TD", cache=tmp_path, chromium=NO_BROWSER) == "<svg>cached</svg>"


def test_the_cache_is_keyed_by_source_and_mermaid_version(monkeypatch):
    key = drawing.cache_key("d", "graph TD")
    assert drawing.cache_key("d", "graph LR") != key
    monkeypatch.setattr(drawing, "mermaid_version", lambda: "0.0.0")
    assert drawing.cache_key("d", "graph TD") != key


def test_without_a_browser_the_diagram_is_left_to_the_readers_browser(tmp_path):
    assert drawing.draw("d", "graph TD", cache=tmp_path, chromium=NO_BROWSER) is None
    assert not list(tmp_path.iterdir())


def test_entity_codes_in_svg_text_become_character_references():
    assert drawing.decode_entity_codes("<tspan>Fine&amp;#45;tuning &amp;#60;b&gt;</tspan>") == "<tspan>Fine&#45;tuning &#60;b&gt;</tspan>"


def test_the_home_page_inlines_a_drawing_or_keeps_the_mermaid_source(content):
    drawn = render_site(content, draw=lambda diagram_id, source: f'<svg id="{diagram_id}"></svg>')["index.md"]
    assert '<div class="progression-diagram mermaid" data-search-exclude><svg id="progression"></svg></div>' in drawn
    assert "```mermaid" not in drawn
    for draw in (None, lambda diagram_id, source: None):
        assert "```mermaid\ngraph TD" in render_site(content, draw=draw)["index.md"]


# A real build with drawings, in Chromium: tests/browser/test_site.py (with JavaScript off and on).
