"""The team view in Chromium: answer files and share links in, per-dimension medians,
ranges and "discuss" flags out, with a notice per input that is broken, repeated, from
another version or not a link; names shown only when asked; nothing leaves the page.
The expected numbers are worked out here, independently, from content/."""

from __future__ import annotations

import csv
import io
import json
import re

import markdown
import pytest
import yaml
from playwright.sync_api import expect

from generator import load_content
from generator.render import assessment_data
from tests.browser.conftest import assert_clean, guarded_context
from tests.browser.test_a11y import assert_accessible
from tests.helpers import CONTENT
from tests.scoring_oracle import score

MODEL = assessment_data(load_content(CONTENT))
LEVEL_WORDS = yaml.safe_load((CONTENT / "ui.yml").read_text(encoding="utf-8"))["answers"]
IDS = [q["id"] for q in MODEL["questions"]]
POINTS = [sorted(o["points"] for o in q["options"]) for q in MODEL["questions"]]


def answers(pick: list[int]) -> dict[str, int]:
    """Member answers: the `pick[i]`-th option (lowest first) of question i, wrapping."""
    return {qid: POINTS[i][pick[i % len(pick)] % len(POINTS[i])] for i, qid in enumerate(IDS)}


def file(filename: str, given: dict, **extra) -> dict:
    record = {"model": MODEL["model"], "version": MODEL["version"], "answers": given, **extra}
    return {"name": filename, "mimeType": "application/json", "buffer": json.dumps(record).encode()}


def lower_median(values: list[int]) -> int:
    return sorted(values)[(len(values) - 1) // 2]


MEMBERS = [answers([4, 4, 4, 4, 4, 0, 2]), answers([3, 2, 4, 4, 3, 1, 2]), answers([0, 1, 2, 3, 4, 4, 3]), answers([1])]


@pytest.fixture
def team(page):
    page.site("team/")
    page.wait_for_selector("[data-team-body] [data-team-empty]")
    return page


def cells(page, qid: str) -> list[str]:
    return page.locator(f'[data-team-dimension="{qid}"] > *').all_inner_texts()


def test_files_give_each_dimensions_median_range_and_discuss_flag_with_a_notice_per_bad_file(team):
    files = [
        file("ana.json", MEMBERS[0], name="Ana"),
        file("ben.json", MEMBERS[1]),
        {"name": "broken.json", "mimeType": "application/json", "buffer": b"{not json"},
        file("ben-again.json", MEMBERS[1]),
        file("cleo.json", MEMBERS[2]),
        file("old.json", MEMBERS[3]) | {"buffer": json.dumps({"model": MODEL["model"], "version": "0.1.0", "answers": MEMBERS[3]}).encode()},
    ]
    team.set_input_files("[data-team-files]", files)
    team.wait_for_selector("[data-team-total]")
    counted = [MEMBERS[0], MEMBERS[1], MEMBERS[2]]
    for qid in IDS:
        points = [m[qid] for m in counted]
        median, low, high = lower_median(points), min(points), max(points)
        row = cells(team, qid)
        assert row[1:7] == [*map(str, points), str(median), str(low), str(high)], qid
        assert (team.locator(f'[data-team-dimension="{qid}"][data-discuss]').count() == 1) == (high - low >= 2), qid
    # The chart says what the table says: each dimension's median and range.
    chart = team.locator("svg.chart")
    assert chart.get_attribute("role") == "img" and chart.locator("title").count() == 1
    drawn = chart.locator("text.chart__value").all_text_contents()
    for qid, value in zip(IDS, drawn):
        row = cells(team, qid)
        assert value.split(" ")[0] == row[4] and f"({row[5]}-{row[6]})" in value, (qid, value, row)
    expected = score({qid: lower_median([m[qid] for m in counted]) for qid in IDS}, MODEL)
    result = team.locator("[data-team-total]")
    assert result.get_attribute("data-team-total") == str(expected["total"])
    assert result.get_attribute("data-team-level") == str(expected["level"])
    held = team.locator("[data-team-held-back]")
    assert held.count() == (1 if expected["heldBack"] else 0), "the held-back rule applies to the team's medians"
    # Each member's level, and the team's: both levels, by total and in practice, when held back.
    name = {lv["number"]: lv["name"] for lv in MODEL["levels"]}
    members = team.locator('[data-team-table="members"] tbody tr td:nth-child(4)').all_inner_texts()
    for given, shown in zip(counted, members):
        mine = score(given, MODEL)
        one = LEVEL_WORDS["levelOne"].format(number=mine["level"], name=name[mine["level"]])
        both = LEVEL_WORDS["levelBoth"].format(number=mine["level"], name=name[mine["level"]], practical=mine["practical"], practical_name=name[mine["practical"]])
        assert shown == (both if mine["practical"] != mine["level"] else one)
    assert any(score(m, MODEL)["practical"] != score(m, MODEL)["level"] for m in counted), "a member is held back, so both levels are checked"
    assert name[expected["practical"]] in result.inner_text()
    notices = team.locator("[data-team-notices]").inner_text()
    assert "ben-again.json" in notices and "counts once" in notices
    assert "broken.json" in notices and "JSON" in notices
    assert "old.json" in notices and "0.1.0" in notices
    assert "3 counted, 2 not counted" in team.locator("[data-team-body]").inner_text()
    # The notices sit right under the controls that caused them, in view.
    box = team.locator("[data-team-notices]").bounding_box()
    picker = team.locator("[data-team-inputs]").bounding_box()
    assert picker["y"] <= box["y"] <= picker["y"] + picker["height"]


def test_pasted_links_count_and_names_show_only_when_asked(team, server):
    link = lambda given: f"{server.url}assessment/#{MODEL['model']}@{MODEL['version']}&" + "&".join(f"{k}={v}" for k, v in given.items())  # noqa: E731
    team.set_input_files("[data-team-files]", [file("ana.json", MEMBERS[0], name="Ana <b>")])
    team.wait_for_selector("[data-team-total]")
    team.fill("[data-team-links]", f"{link(MEMBERS[1])}\n\nnot a link\n{link(MEMBERS[1])}")
    team.click("[data-team-add-links]")
    team.wait_for_function("() => document.querySelectorAll('[data-team-member]').length === 2")
    assert team.locator("[data-team-member]").all_inner_texts()[0].startswith("A\t")
    notices = team.locator("[data-team-notices]").inner_text()
    assert "link 2 is not a share link" in notices and "link 3 holds the same answers as link 1" in notices
    team.check("[data-team-names]")
    assert team.locator('[data-team-member="A"] td').first.inner_text() == "A (Ana <b>)", "a name is shown as text"
    assert "A (Ana <b>)" in team.locator("[data-team-table=dimensions] thead").inner_text()
    big = {"name": "huge.json", "mimeType": "application/json", "buffer": b" " * 2_000_000}
    team.set_input_files("[data-team-files]", [big])
    team.wait_for_function("() => document.querySelector('[data-team-notices]').textContent.includes('huge.json')")
    assert "not read" in team.locator("[data-team-notices]").inner_text()
    assert team.locator("[data-team-member]").count() == 2, "the others still count"
    team.click("[data-team-clear]")
    team.wait_for_selector("[data-team-body] [data-team-empty]")


def test_the_team_view_with_members_has_no_serious_accessibility_problem(axe_page):
    page = axe_page
    page.site("team/")
    page.set_input_files("[data-team-files]", [file(f"m{i}.json", m) for i, m in enumerate(MEMBERS)])
    page.wait_for_selector("[data-team-total]")
    assert_accessible(page, "the team view with four members")


def test_the_team_link_opens_the_same_team_in_a_fresh_browser_and_the_summary_downloads(team, browser, server):
    team.set_input_files("[data-team-files]", [file(f"m{i}.json", m, name=f"N{i}") for i, m in enumerate(MEMBERS)])
    team.wait_for_selector("[data-team-total]")
    link = team.locator("[data-team-link]").get_attribute("data-team-link")
    assert team.url == link, "the address holds the team shown"
    assert "N0" not in link, "names stay out of the link"
    before = {qid: cells(team, qid) for qid in IDS}

    with team.expect_download() as got:
        team.click("[data-team-export=csv]")
    raw = open(got.value.path(), encoding="utf-8").read()
    assert raw.startswith("\ufeff"), "a byte-order mark, so spreadsheet programs read UTF-8"
    rows = list(csv.reader(io.StringIO(raw[1:])))
    assert rows[0] == ["Dimension", "A", "B", "C", "D", "Median", "Min", "Max", "Discuss"]
    assert [r[0] for r in rows[1 : 1 + len(IDS)]] == [q["dimension"] for q in MODEL["questions"]]
    assert rows[1][1:5] == before[IDS[0]][1:5]
    with team.expect_download() as got:
        team.click("[data-team-export=json]")
    record = json.loads(open(got.value.path(), encoding="utf-8").read())
    assert [m["answers"] for m in record["members"]] == MEMBERS
    with team.expect_download() as got:
        team.click("[data-team-export=markdown]")
    summary = open(got.value.path(), encoding="utf-8").read()
    assert summary.startswith("## ") and "\n| Dimension | A | B | C | D |" in summary

    fresh = guarded_context(browser, server)
    try:
        other = fresh.new_page()
        other.goto(link)
        other.wait_for_selector("[data-team-total]")
        assert {qid: cells(other, qid) for qid in IDS} == before
        assert "Members: 4" in other.locator("[data-team-notices]").inner_text()
        # Opened at what the link holds, not at the page's introduction.
        expect(other.locator("[data-team-notices]")).to_be_in_viewport()
        other.goto(server.url + "team/#team=" + MODEL["model"] + "@0.1.0&m=0000000")
        other.wait_for_function("() => document.querySelector('[data-team-notices]').textContent.includes('0.1.0')")
        assert_clean(fresh, [other])
    finally:
        fresh.close()


def test_not_applicable_and_dont_know_are_words_in_the_tables_chart_and_exports_through_a_team_link(team, server):
    console = []
    team.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    unscored = MODEL["unscored"]
    na = next((q["id"] for q in MODEL["questions"] if q["not_applicable"]), None)
    dk = next(q for q in IDS if q != na)
    # Nobody has points on `dk`: the team's answer there is "don't know"; one member is not applicable on `na`.
    first, second = answers([4, 3, 2]), answers([2, 3, 1])
    first[dk] = second[dk] = "dk"
    if na:
        first[na] = "na"
    team.set_input_files("[data-team-files]", [file("a.json", first), file("b.json", second)])
    team.wait_for_selector("[data-team-total], [data-team-level=none]")
    assert cells(team, dk)[1:6] == [unscored["dont_know"], unscored["dont_know"], unscored["dont_know"], "–", "–"]
    if na:
        assert cells(team, na)[1] == unscored["not_applicable"]
    raw = re.compile(r"\b(na|dk|NaN|undefined|null)\b")
    body = team.locator("[data-team-body]")
    assert not raw.search(body.inner_text()), body.inner_text()
    drawn = team.evaluate("() => [...document.querySelectorAll('svg.chart *')].flatMap((e) => [...e.attributes].map((a) => a.value))")
    assert not [v for v in drawn if "NaN" in v]

    with team.expect_download() as got:
        team.click("[data-team-export=csv]")
    rows = list(csv.reader(io.StringIO(open(got.value.path(), encoding="utf-8-sig").read())))
    row = next(r for r in rows if r[0] == next(q["dimension"] for q in MODEL["questions"] if q["id"] == dk))
    assert row[1:4] == [unscored["dont_know"]] * 3
    assert all(cell != "" for r in rows[1 : 1 + len(IDS)] for cell in r), "no answer exported as blank"

    # Through the team link, in a fresh load: the same words.
    link = team.locator("[data-team-link]").get_attribute("data-team-link")
    team.goto(server.url + "team/")
    team.goto(link)
    team.wait_for_selector("[data-team-total], [data-team-level=none]")
    assert cells(team, dk)[1:4] == [unscored["dont_know"]] * 3
    assert not raw.search(team.locator("[data-team-body]").inner_text())
    assert not console, console


def test_a_members_name_typed_in_the_assessment_reaches_the_team_view_through_a_link_and_a_file(page, server, tmp_path):
    page.site("assessment/")
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    for qid, points in MEMBERS[0].items():
        page.locator(f'input[name="{qid}"][value="{points}"]').check()
    page.locator('[data-context="name"]').fill("Ana Lima")
    page.locator('[data-context="team"]').fill("Platform")
    plain = page.locator("[data-share-url]").get_attribute("data-share-url")
    assert "_name" not in plain, "the name stays out of the link unless the notes go in"
    page.locator("[data-include-notes]").check()
    link = page.locator("[data-share-url]").get_attribute("data-share-url")
    with page.expect_download() as got:
        page.locator('[data-export="json"]').click()
    assert "Platform-Ana-Lima" in got.value.suggested_filename
    saved = tmp_path / got.value.suggested_filename
    got.value.save_as(saved)
    page.reload()
    assert page.locator('[data-context="name"]').input_value() == "Ana Lima", "the name is saved in this browser"

    page.site("team/")
    page.wait_for_selector("[data-team-body] [data-team-empty]")
    page.fill("[data-team-links]", link)
    page.click("[data-team-add-links]")
    page.set_input_files("[data-team-files]", [str(saved)])
    expect(page.locator("[data-team-member]")).to_have_count(2)  # one from the link, one from the file
    page.check("[data-team-names]")
    assert page.locator("[data-team-member] td:first-child").all_inner_texts() == ["A (Ana Lima)", "B (Ana Lima)"]


TEAM_WORDS = yaml.safe_load((CONTENT / "ui.yml").read_text(encoding="utf-8"))["team"]["script"]
GAP = 2  # templates/team.md.j2 discuss_gap, as the test above reads it


def test_names_shown_go_through_the_team_link_with_a_copy_button_that_says_it_copied(team, browser, server):
    team.context.grant_permissions(["clipboard-read", "clipboard-write"])
    team.set_input_files("[data-team-files]", [file("a.json", MEMBERS[0], name="Ana Lima"), file("b.json", MEMBERS[1], name="山田 [x](https://evil.example)"), file("c.json", MEMBERS[2])])
    team.wait_for_selector("[data-team-total]")
    assert "~" not in team.locator("[data-team-link]").get_attribute("data-team-link"), "names stay out until shown"
    team.locator("[data-team-names]").check()
    team.wait_for_function("() => document.querySelector('[data-team-link]').value.includes('~')")
    link = team.locator("[data-team-link]").input_value()
    assert team.locator("#team-link-help").inner_text() == TEAM_WORDS["teamLinkHelpNames"]
    # The link field is as wide as the column allows; the Copy button beside it says what it did.
    field = team.locator("[data-team-link]").bounding_box()
    column = team.locator("[data-team-body]").bounding_box()
    assert field["width"] >= column["width"] * 0.5, (field, column)
    team.locator("[data-team-copy]").click()
    expect(team.locator("[data-team-copied]")).to_have_text(TEAM_WORDS["copied"])
    assert team.evaluate("navigator.clipboard.readText()") == link
    # The chart has a legend in the page's words.
    assert team.locator(".chart__legend li").all_inner_texts() == [TEAM_WORDS["legendMedian"], TEAM_WORDS["legendRange"]]

    fresh = guarded_context(browser, server)
    try:
        other = fresh.new_page()
        other.goto(link)
        other.wait_for_selector("[data-team-total]")
        assert other.locator("[data-team-names]").is_checked()
        heads = other.locator('[data-team-table="dimensions"] thead th').all_inner_texts()
        assert heads[1:4] == ["A (Ana Lima)", "B (山田 [x](https://evil.example))", "C"]
        assert other.locator("[data-team-body] a[href*='evil']").count() == 0
        # Untick: the link loses the names.
        other.locator("[data-team-names]").uncheck()
        other.wait_for_function("() => !location.hash.includes('~')")
        assert_clean(fresh, [other])
    finally:
        fresh.close()


@pytest.mark.parametrize("language", ["", "es/", "ja/"])
def test_team_table_is_no_wider_than_its_column_and_stays_a_table_on_a_phone(page, language):
    members = MEMBERS[:3] + [answers([0, 4, 1, 3, 2])]
    page.site(language + "team/")
    page.set_input_files("[data-team-files]", [file(f"m{i}.json", m) for i, m in enumerate(members)])
    page.wait_for_selector("[data-team-total], [data-team-level=none]")
    column = page.locator("article.md-content__inner").bounding_box()
    # Everything shown, but what scrolls inside the table's own box, ends within the column.
    wider = page.locator("[data-team-body] *").evaluate_all(
        """(elements, right) => elements
          .filter((e) => !e.closest('.team__table') || e.matches('.team__table'))
          .filter((e) => { const b = e.getBoundingClientRect(); return b.width && b.right > right + 1; })
          .map((e) => e.outerHTML.slice(0, 80))""",
        column["x"] + column["width"],
    )
    assert not wider, wider
    table = page.locator('[data-team-table="dimensions"]').bounding_box()
    assert table["width"] <= column["width"] + 1, "four members fit the column at 1280 px"
    # A dimension's name keeps to a few lines (in Japanese it broke to one word a line).
    lines = page.locator('[data-team-table="dimensions"] tbody th').evaluate_all(
        "cells => cells.map((e) => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight); })"
    )
    assert max(lines) <= 3.2, lines

    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_function("() => document.documentElement.scrollWidth <= 360")
    # On a phone: still one row per dimension with a column per member (comparable), scrolled inside the column.
    assert page.locator('[data-team-table="dimensions"][data-cards]').count() == 0
    head = page.locator('[data-team-table="dimensions"] thead')
    assert head.bounding_box()["height"] > 10, "the header row stays visible"
    wrap = page.locator(".team__table").bounding_box()
    assert wrap["x"] + wrap["width"] <= 360
    assert page.locator('[data-team-table="dimensions"] tbody tr').count() == len(IDS)


def test_when_every_dimension_is_flagged_bold_marks_the_widest_gaps_and_says_so(team):
    low = {qid: POINTS[i][0] for i, qid in enumerate(IDS)}
    high = {qid: POINTS[i][-1] for i, qid in enumerate(IDS)}
    gaps = {qid: high[qid] - low[qid] for qid in IDS}
    if min(gaps.values()) < GAP:
        pytest.skip("some question's options are closer than the discuss gap")
    widest = max(gaps.values())
    # One dimension a point less far apart (still flagged), so "widest" picks out some rows, not all.
    narrower = next((qid for qid in IDS if gaps[qid] == widest and widest - 1 >= GAP), None)
    top = {**high, narrower: POINTS[IDS.index(narrower)][-2]} if narrower else high
    team.set_input_files("[data-team-files]", [file("low.json", low), file("high.json", top)])
    team.wait_for_selector("[data-team-total], [data-team-level=none]")
    flagged = team.locator("[data-team-dimension][data-discuss]").count()
    if flagged < len(IDS):
        pytest.skip("content gives no answers that flag every dimension")
    notice = team.locator("[data-discuss-all]").inner_text()
    assert str(GAP) in notice
    first = team.locator("[data-team-dimension][data-discuss-first]")
    assert first.count() == (len(IDS) - 1 if narrower else len(IDS))
    if narrower:
        assert team.locator(f'[data-team-dimension="{narrower}"][data-discuss-first]').count() == 0
    weights = team.locator("[data-team-dimension]").evaluate_all("rows => rows.map((r) => [r.hasAttribute('data-discuss-first'), getComputedStyle(r.cells[1]).fontWeight])")
    assert {w for bold, w in weights if bold} == {"700"} and all(w != "700" for bold, w in weights if not bold)


HOSTILE = [
    "[click](https://evil.example/x)",
    "![pixel](https://evil.example/p.png)",
    "<img src=x onerror=window.pwned=1>",
    "https://evil.example/login",
    "a | b",
    "=HYPERLINK(\"https://evil.example\")",
    "+1+cmd",
    "@SUM(A1)",
    "-2+3",
]


def test_members_names_are_text_in_the_summary_files(team):
    """Hostile names (links, images, HTML, pipes, formula prefixes) come out of both files as the text they were."""
    files = [file(f"m{i}.json", answers([i % 5, (i + 2) % 5, 1]), name=name) for i, name in enumerate(HOSTILE)]
    team.set_input_files("[data-team-files]", files)
    team.wait_for_selector("[data-team-total], [data-team-level=none]")
    team.locator("[data-team-names]").check()
    with team.expect_download() as got:
        team.click("[data-team-export=markdown]")
    text = open(got.value.path(), encoding="utf-8").read()
    html = markdown.markdown(text, extensions=["tables"])
    assert not re.search(r"<(a|img|script)\b", html), html
    table_head = next(line for line in text.splitlines() if line.startswith("| "))
    assert table_head.count(" | ") == 1 + len(HOSTILE) + 4 - 1, "a pipe in a name is no new column"
    with team.expect_download() as got:
        team.click("[data-team-export=csv]")
    rows = list(csv.reader(io.StringIO(open(got.value.path(), encoding="utf-8-sig").read())))
    names = rows[0][1 : 1 + len(HOSTILE)]
    assert [n.split(" (", 1)[1][:-1].lstrip("'") for n in names] == HOSTILE
    assert not [c for r in rows for c in r if c and c[0] in "=+-@"], "no cell a spreadsheet runs"
    assert team.evaluate("window.pwned") is None
