"""The whole journey, as one person and then a team would take it, in each language: answer
with "not applicable" and "don't know", set a target, write a note, a team and a name, tick
"include notes" and share; open that link on Progress and on the team view; download the
plan and the team summary and read them back (CSV parsed, Markdown rendered); switch
language on the team link. Nowhere a console error, a raw code or a broken number.
The words expected are the content's own, in the page's language (generator.load_content)."""

from __future__ import annotations

import csv
import io
import re

import markdown
import pytest

from generator import load_content
from generator.render import assessment_data
from tests.browser.conftest import TRANSLATIONS
from tests.browser.questionnaire import answer
from tests.helpers import CONTENT

RAW = re.compile(r"\b(na|dk|NaN|undefined|null)\b")
LANGUAGES = ["en", *TRANSLATIONS]
TEAM, NAME, NOTE = "Platform <ops>", "Ana [Lima](https://evil.example)", "Owner: =Ana | see ![x](https://evil.example/p.png)"


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def downloaded(page, selector: str) -> tuple[str, str]:
    with page.expect_download() as got:
        page.locator(selector).click()
    return got.value.suggested_filename, open(got.value.path(), encoding="utf-8").read()


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "a byte-order mark, so spreadsheet programs read UTF-8"
    return list(csv.reader(io.StringIO(text[1:])))


def assert_inert(text: str) -> None:
    """Markdown as a tracker would render it: no link, image or HTML from what was typed."""
    html = markdown.markdown(text, extensions=["tables"])
    assert not re.search(r"<(img|script)\b", html), html
    assert "evil.example" not in "".join(re.findall(r'href="([^"]*)"', html)), html


def assert_words_only(page, where: str) -> None:
    shown = page.locator(where).inner_text()
    raw = RAW.search(shown)
    assert not raw, shown[max(0, raw.start() - 120) : raw.end() + 40]
    drawn = page.evaluate("() => [...document.querySelectorAll('svg.chart *')].flatMap((e) => [...e.attributes].map((a) => a.value))")
    assert not [v for v in drawn if "NaN" in v]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_result_from_the_assessment_through_progress_the_team_view_and_every_export(page, server, lang):
    model = assessment_data(load_content(CONTENT, lang))
    ui = load_content(CONTENT, lang).ui
    words, team_words = ui["assessment"]["script"], ui["team"]["script"]
    unscored = model["unscored"]
    ids = [q["id"] for q in model["questions"]]
    names = {q["id"]: q["dimension"] for q in model["questions"]}
    na = next((q["id"] for q in model["questions"] if q["not_applicable"]), None)
    dk = next(qid for qid in ids if qid != na)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)

    # 1. The self-assessment: every question, one "not applicable" (where offered) and one "don't know".
    page.site(f"{prefix(lang)}assessment/")
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    given = {q["id"]: sorted(o["points"] for o in q["options"])[1] for q in model["questions"]}
    given[dk] = "dk"
    if na:
        given[na] = "na"
    answer(page, given)
    page.wait_for_selector("[data-roadmap] [data-step]")
    target = next(qid for qid in ids if qid not in (na, dk))
    page.locator(f'[data-target="{target}"]').select_option(str(max(o["points"] for o in model["questions"][ids.index(target)]["options"])))
    page.locator(f'[data-note="{target}"]').fill(NOTE)
    page.locator('[data-context="team"]').fill(TEAM)
    page.locator('[data-context="name"]').fill(NAME)
    page.locator('[data-context="date"]').fill("2026-11-26")
    page.locator("[data-include-notes]").check()
    page.wait_for_function("() => document.querySelector('[data-share-url]').value.includes('_name=')")
    link = page.locator("[data-share-url]").input_value()
    assert_words_only(page, "[data-assessment]")

    # The plan's files: whose (team, name, date), the find-out step first, the note, the target; as text.
    name, plan = downloaded(page, '[data-export="plan-md"]')
    assert "2026-11-26" in name and name.endswith(".md")
    assert_inert(plan)
    head = plan.split("\n- [ ]")[0]
    assert "Platform \\<ops\\>" in head and "Ana \\[Lima\\]" in head, head
    assert not RAW.search(plan)
    _, plan_csv = downloaded(page, '[data-export="plan-csv"]')
    rows = read_csv(plan_csv)
    assert rows[0] == [words[f"column_{c}"] for c in ("dimension", "from", "to", "step", "readings", "target", "note")]
    assert rows[1][0] == names[dk] and rows[1][3] == words["findOutText"]
    noted = next(r for r in rows[1:] if r[0] == names[target] and r[6])
    assert noted[6] == NOTE and noted[5] != ""
    assert not RAW.search(plan_csv)

    # 2. Progress reads the link (with its targets, notes and name) and shows na/dk as words.
    page.site(f"{prefix(lang)}progress/")
    page.wait_for_selector("[data-progress-link]")
    page.fill("[data-progress-link]", link)
    page.click("[data-progress-use-link]")
    page.wait_for_selector("[data-compare-table]")
    # (The picker names the link itself, codes and all: what is checked is what the page says about it.)
    assert_words_only(page, "[data-progress-compare]")
    values = page.locator("#compare-chart ~ * text.chart__value, svg.chart text.chart__value").all_text_contents()
    assert any(unscored["dont_know"] in v for v in values), values
    assert not any("– → –" in v for v in values)

    # 3. The team view: this link and a second member's; names shown; both summaries read back.
    other = "&".join(f"{q['id']}={sorted(o['points'] for o in q['options'])[-1]}" for q in model["questions"])
    second = f"{server.url}{prefix(lang)}assessment/#{model['model']}@{model['version']}&{other}"
    page.site(f"{prefix(lang)}team/")
    page.wait_for_selector("[data-team-empty]")
    page.fill("[data-team-links]", f"{link}\n{second}")
    page.click("[data-team-add-links]")
    page.wait_for_selector("[data-team-total], [data-team-level=none]")
    page.locator("[data-team-names]").check()
    page.wait_for_function("(name) => document.querySelector('[data-team-table=dimensions] thead').textContent.includes(name)", arg=NAME)
    assert_words_only(page, "[data-team-body]")
    _, team_csv = downloaded(page, "[data-team-export=csv]")
    rows = read_csv(team_csv)
    assert NAME in rows[0][1], rows[0]
    by_name = {r[0]: r for r in rows}
    assert by_name[names[dk]][1] == unscored["dont_know"]
    if na:
        assert by_name[names[na]][1] == unscored["not_applicable"]
    assert team_words["teamTotal"] in by_name and team_words["level"] in by_name
    assert not RAW.search(team_csv)
    _, team_md = downloaded(page, "[data-team-export=markdown]")
    assert_inert(team_md)
    assert not RAW.search(team_md)
    team_link = page.locator("[data-team-link]").input_value()
    assert "~" in team_link, "the names shown go into the team link"

    # 4. The team link in another language: the same team, with the names, in that language's words.
    switch = next(x for x in LANGUAGES if x != lang)
    page.goto(f"{server.url}{prefix(lang)}team/{team_link[team_link.index('#'):]}")
    page.wait_for_selector("[data-team-total], [data-team-level=none]")
    page.locator(".md-header__option .md-select button").first.hover()
    page.locator(f".md-select__link[hreflang={switch}]").click()
    page.wait_for_url(f"**/{prefix(switch)}team/**" if switch != "en" else "**/team/**")
    page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=switch)
    page.wait_for_selector("[data-team-total], [data-team-level=none]")
    assert page.locator("[data-team-names]").is_checked()
    assert NAME in page.locator('[data-team-table="dimensions"] thead').inner_text()
    assert_words_only(page, "[data-team-body]")
    assert not console, console
