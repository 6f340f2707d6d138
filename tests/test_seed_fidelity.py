"""The facts content/ carries over from its sources, compared with the sources themselves
(the seed documents in ../shared/seeds/, or $SEEDS_DIR; see their README): each level's
number and name, the score bands of the current edition (the 2025-08-28 revision) and of
the LLMOps draft, the reference titles of the current edition and their addresses, each
level's reading list, the dates the editions give, and the Prompt flow retirement.

Only the sources are pinned, never today's content: a contributor may reword, reorder or
add, and may replace a retired reading by what its status names. Without the seed folder
(a fork's CI), the tests are skipped and say why.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator import load_content
from tests.helpers import CONTENT, ROOT

SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
CURRENT = "005_learn-genaiops-2025-08-28.md"
EARLIER = "001_ccc29d9da30339fe.txt"
DRAFT = "003_355f7fe8aca41cdc.txt"
OVERVIEW = "000_8c852edaa7a35456.txt"
RETIREMENT = "006_prompt-flow-retirement-2026-06-04.md"
LEARN = "https://learn.microsoft.com"

pytestmark = pytest.mark.skipif(not (SEEDS / CURRENT).is_file(), reason=f"the seed documents are not in {SEEDS} (set SEEDS_DIR)")

LEVEL = re.compile(r"^## .*?Level (\d)\s*[-–]\s*([A-Za-z]+)", re.M)
LINK = re.compile(r"\[\**([^\]]+?)\**\]\(\s*([^)\s]+)\s*\)")
MS_DATE = re.compile(r"^ms\.date: (\d\d)/(\d\d)/(\d{4})$", re.M)


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def address(href: str) -> str:
    """A seed's link as content writes it: site-relative Learn paths under learn.microsoft.com."""
    return LEARN + href if href.startswith("/") else href


def levels_of(text: str) -> list[tuple[int, str, str]]:
    """[(number, name, the level's section text)] in the order the seed gives them."""
    found = list(LEVEL.finditer(text))
    return [(int(m.group(1)), m.group(2), text[m.end():found[i + 1].start() if i + 1 < len(found) else len(text)]) for i, m in enumerate(found)]


def readings(section: str) -> list[tuple[str, str]]:
    """(title, address) of each link listed after a level's "Suggested references" heading."""
    listed = section.split("Suggested references", 1)[1]
    return [(title.strip(), address(href)) for title, href in LINK.findall(listed)]


def ms_date(text: str) -> str:
    month, day, year = MS_DATE.search(text).groups()
    return f"{year}-{month}-{day}"


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


def test_levels_have_the_numbers_and_names_of_the_current_source(content):
    assert [(n, name.casefold()) for n, name, _ in levels_of(seed(CURRENT))] == [(lv["number"], lv["name"].casefold()) for lv in content.levels]


def test_the_current_edition_has_the_current_sources_bands(content):
    edition = content.edition(content.default_edition)
    for (_, _, section), level in zip(levels_of(seed(CURRENT)), content.levels, strict=True):
        low, high = (int(x) for x in re.search(r"Score from .*?\((\d+)-(\d+)\)", section).groups())
        assert edition["bands"][level["id"]] == {"min": low, "max": high}, level["id"]


def test_an_earlier_edition_has_the_drafts_bands(content):
    bands = [tuple(int(x) for x in m) for m in re.findall(r"^## .*?Level \d .*?\((\d+)-(\d+) Points\)", seed(DRAFT), flags=re.M)]
    editions = [[(b["min"], b["max"]) for b in e["bands"].values()] for e in content.editions if e["id"] != content.default_edition]
    assert bands in editions, f"no earlier edition has the draft's bands {bands}"


def test_each_level_recommends_the_current_sources_readings(content):
    """The same addresses per level; a retiring or retired reading may have given way to
    the reference its status names."""
    by_url = {r["url"]: r for r in content.references.values()}
    for (_, _, section), level in zip(levels_of(seed(CURRENT)), content.levels, strict=True):
        wanted = {url for _, url in readings(section)}
        have = {content.references[rid]["url"] for rid in level["references"]}
        for url in wanted - have:
            ref = by_url.get(url)
            assert ref and ref.get("status") and content.references[ref["status"]["replaced_by"]]["url"] in have, f"{level['id']}: {url} is missing"
        assert have <= wanted | {content.references[r["status"]["replaced_by"]]["url"] for r in by_url.values() if r.get("status")}, \
            f"{level['id']}: reads {sorted(have - wanted)}, which the source does not recommend there"


def test_reference_titles_are_the_current_sources(content):
    """Every reference at an address the current source links has a title the source gives
    that address (it names some documents differently at different levels)."""
    titles: dict[str, set[str]] = {}
    for title, url in (r for _, _, section in levels_of(seed(CURRENT)) for r in readings(section)):
        titles.setdefault(url, set()).add(title.casefold())
    compared = [r for r in content.references.values() if r["url"] in titles]
    assert len(compared) >= len(titles) - 1, "the source's addresses are not in references.yml"
    for ref in compared:
        assert ref["title"].casefold() in titles[ref["url"]], f"{ref['id']}: '{ref['title']}', the source says {sorted(titles[ref['url']])}"


def test_the_assessment_the_source_links_is_a_reference(content):
    linked = {address(href) for _, href in LINK.findall(seed(CURRENT)) if "/assessments/" in href}
    assert linked and linked <= {r["url"] for r in content.references.values()}


def test_the_community_overview_is_a_source_of_the_current_edition(content):
    """The overview (000) that the diagram and focus areas follow is credited by its title."""
    title = re.search(r"^# (.+)$", seed(OVERVIEW), flags=re.M).group(1).strip()
    sources = [content.references[rid]["title"] for rid in content.edition(content.default_edition)["sources"]]
    assert title in sources, f"'{title}' is not among the current edition's sources: {sources}"


def test_edition_dates_are_the_ones_the_sources_give(content):
    """The Learn page's ms.date as renamed (001) and revised (005) and the community
    overview's last update (000) are dates of the current edition; the draft's (003) of
    another."""
    current = {d["date"] for d in content.edition(content.default_edition)["dates"]}
    overview = re.search(r"^Last updated: (\S+)$", seed(OVERVIEW), flags=re.M).group(1)
    assert {ms_date(seed(CURRENT)), ms_date(seed(EARLIER)), overview} <= current
    earlier = {d["date"] for e in content.editions if e["id"] != content.default_edition for d in e["dates"]}
    assert ms_date(seed(DRAFT)) in earlier


def test_prompt_flow_readings_carry_the_retirement_notice(content):
    """Each reading of the current source that is a Prompt flow page (its title says Flow)
    is marked with the notice's date, and points at the notice's migration guide."""
    text = seed(RETIREMENT)
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    month, day, year = re.search(r"retired on (\w+) (\d+), (\d{4})", text).groups()
    date = f"{year}-{months.index(month) + 1:02d}-{int(day):02d}"
    guide = re.search(r"\[migration guide\]\(\.\./(prompt-flow/[^)]+)\.md\)", text).group(1)
    flows = {url for _, _, section in levels_of(seed(CURRENT)) for title, url in readings(section) if re.search(r"\bflow\b", title, re.I)}
    assert flows, "the source names no Prompt flow page"
    for ref in (r for r in content.references.values() if r["url"] in flows):
        assert ref.get("status"), f"{ref['id']} is a Prompt flow page without a status"
        assert ref["status"]["date"] == date, ref["id"]
        assert content.references[ref["status"]["replaced_by"]]["url"] == f"{LEARN}/azure/machine-learning/{guide}", ref["id"]
