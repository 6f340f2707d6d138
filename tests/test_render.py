"""Rendering: every fact in content reaches a generated page, and every page comes from content.

Runs on the frozen tests/fixtures/content (so facts pinned here survive content releases);
tests/test_model_shapes.py renders differently shaped models."""

from __future__ import annotations

import re

import pytest

from generator import load_content, render_site
from generator.content import fill
from generator.diagram import progression
from generator.escape import md_inline
from generator.render import nav
from tests.helpers import FIXTURE


@pytest.fixture(scope="module")
def content(root):
    return load_content(FIXTURE)


@pytest.fixture(scope="module")
def pages(content):
    return render_site(content)


def test_every_level_has_its_own_page(content, pages):
    for level in content.levels:
        page = pages[f"levels/{level['slug']}.md"]
        assert f"# Level {level['number']}: {md_inline(level['name'])}" in page


def test_every_generated_page_is_in_the_navigation(content, pages):
    def paths(items):
        for item in items:
            for value in (item.values() if isinstance(item, dict) else [item]):
                yield from (paths(value) if isinstance(value, list) else [value])

    in_nav = set(paths(nav(content)))
    assert set(pages) <= in_nav
    assert in_nav - set(pages) == {"about.md"}  # the one hand-written page


def test_every_reference_appears_with_its_absolute_https_address(content, pages):
    for ref in content.references.values():
        assert ref["url"].startswith("https://")
        assert f"]({ref['url']})" in pages["references.md"], ref["id"]


def test_level_pages_link_each_recommended_reference(content, pages):
    for level in content.levels:
        page = pages[f"levels/{level['slug']}.md"]
        for rid in level["references"]:
            assert content.references[rid]["url"] in page


def test_both_editions_bands_appear_on_each_level_page(content, pages):
    for level in content.levels:
        page = pages[f"levels/{level['slug']}.md"]
        for edition in content.editions:
            band = edition["bands"][level["id"]]
            assert f"{band['min']}&ndash;{band['max']}" in page


def test_default_bands_are_the_current_edition(content):
    assert content.default_edition == "genaiops"
    bands = [(b["min"], b["max"]) for b in content.edition("genaiops")["bands"].values()]
    assert bands == [(0, 9), (10, 14), (15, 19), (20, 28)]
    draft = [(b["min"], b["max"]) for b in content.edition("llmops-2024-draft")["bands"].values()]
    assert draft == [(7, 11), (12, 16), (17, 21), (22, 28)]


def test_placeholder_link_of_the_earliest_draft_is_nowhere(pages):
    for page in pages.values():
        assert "insertURL" not in page


def test_diagram_links_each_level_to_the_next_with_its_focus_areas(content):
    source = progression(content.levels, content.ui["level_title"])
    assert source.startswith("graph TD")
    edges = re.findall(r"L(\d) -->\|\"(.*?)\"\| L(\d)", source)
    assert [(a, b) for a, _, b in edges] == [("1", "2"), ("2", "3"), ("3", "4"), ("4", "4")]
    assert "Explore LLM APIs" in edges[0][1]


def test_home_page_has_the_diagram_and_its_text_equivalent(pages):
    home = pages["index.md"]
    assert "```mermaid\ngraph TD" in home
    assert "The diagram in words" in home


def test_editions_page_lines_up_both_editions_and_marks_the_current_one(content, pages):
    page = pages["editions.md"]
    names = " | ".join(md_inline(e["name"]) + (" (current)" if e["id"] == content.default_edition else "")
                       for e in content.editions)
    assert f"| Level | {names} |" in page
    assert f"| Topic | {names} |" in page
    assert page.count("(current)") == 3  # both tables and the edition's own heading


def test_editions_page_says_where_a_source_gives_one_word_to_several_topics(content, pages):
    """Two levels both called "maturing" by the source look like a copying mistake unless
    the page says so (issue #27); a word used once is not remarked on."""
    page = pages["editions.md"]
    said = 0
    for edition in content.editions:
        alike: dict[str, list[str]] = {}
        for topic, word in edition["terms"].items():
            alike.setdefault(word.casefold(), []).append(topic)
        for topics in (t for t in alike.values() if len(t) > 1):
            sentence = fill(content.ui["editions"]["same_word"], edition=md_inline(edition["name"]), word=md_inline(edition["terms"][topics[0]]),
                            topics=content.ui["common"]["list"].join(md_inline(t) for t in topics))
            assert sentence in page
            said += 1
    words = max(re.split(r"\{\w+\}", content.ui["editions"]["same_word"]), key=len)  # the sentence's longest fixed part
    assert said and page.count(words) == said


def test_editions_page_gives_each_date_with_what_it_is_the_date_of(content, pages):
    page = pages["editions.md"]
    for edition in content.editions:
        for d in edition["dates"]:
            assert f"- {d['date']}: {md_inline(d['of'])}\n" in page


def test_level_pages_give_each_band_and_its_editions_range_in_their_own_columns(content, pages):
    """Not "0-9 of 0-28" or "GenAIOps (current) (default)": one fact per cell."""
    page = pages["levels/initial.md"]
    assert "| GenAIOps (current) | 0&ndash;9 | 0&ndash;28 |" in page
    assert "(default)" not in page and " of 0&ndash;" not in page


def test_home_levels_table_names_no_edition_in_its_header(pages):
    assert "| Level | In one line | Score |" in pages["index.md"]


def test_source_is_credited_on_every_generated_content_page(content, pages):
    publisher = md_inline(content.model["source"]["publisher"])
    for path in ["index.md", "references.md", "editions.md", "levels/initial.md"]:
        assert f"({publisher})." in pages[path], path


def test_the_team_view_flags_discuss_at_the_gap_questions_yml_sets(tmp_path):
    """The gap is data (questions.yml `discuss_gap`): the page's intro says it and the
    team script gets it, whatever number the contributor writes."""
    import json

    from tests.helpers import copy_content

    content = copy_content(tmp_path)
    questions = content / "questions.yml"
    text = questions.read_text(encoding="utf-8")
    gap = load_content(content).discuss_gap
    questions.write_text(re.sub(r"^discuss_gap: \d+$", f"discuss_gap: {gap % 4 + 1}", text, flags=re.M), encoding="utf-8")
    loaded = load_content(content)
    assert loaded.discuss_gap == gap % 4 + 1
    team = render_site(loaded)["team.md"]
    data = json.loads(re.search(r'<script type="application/json" id="team-data">(.*?)</script>', team, re.S).group(1))
    assert data["discussGap"] == loaded.discuss_gap
    assert fill(loaded.ui["team"]["intro"], gap=loaded.discuss_gap) in team
