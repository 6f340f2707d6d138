"""The plan in Chromium, on the site of content/: a result held back by weak dimensions
says so and starts its plan there; no reading repeats across the steps; both downloads
are what a tracker and a GitHub issue expect; a target changed re-orders the plan and is
still there after a reload. The pure logic (order, targets, escaping) is in
tests/js/roadmap.test.mjs; here each page load checks many things at once."""

from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree

import markdown
import yaml

from generator import load_content
from generator.render import assessment_data
from tests.browser.questionnaire import answer, expect_result, level_of, open_assessment
from tests.helpers import CONTENT

MODEL = assessment_data(load_content(CONTENT))
IDS = [q["id"] for q in MODEL["questions"]]
NAMES = {q["id"]: q["dimension"] for q in MODEL["questions"]}
CSV_COLUMNS = ["dimension", "from", "to", "step", "readings", "target", "note"]
WORDS = yaml.safe_load((CONTENT / "ui.yml").read_text(encoding="utf-8"))["assessment"]["script"]


def held_back_sentence(total_level: int, weak: dict[str, int]) -> str:
    """The rule's wording filled in, from content/editions.yml."""
    rule = MODEL["held_back"]
    each = [rule["each"].format(dimension=NAMES[qid], points=points, max=4) for qid, points in weak.items()]
    return rule["says"].format(total_level=total_level, level=rule["level"], dimensions="; ".join(each))


def steps_shown(page) -> list[tuple[str, int]]:
    return [(s.get_attribute("data-step"), int(s.get_attribute("data-from"))) for s in page.locator("[data-roadmap] [data-step]").all()]


def download(page, kind: str) -> str:
    with page.expect_download() as info:
        page.locator(f'[data-export="{kind}"]').click()
    return open(info.value.path(), encoding="utf-8", newline="").read()


def test_a_held_back_result_says_so_and_its_plan_starts_there(page):
    answers = dict(zip(IDS, [4, 4, 4, 4, 4, 0, 0]))
    open_assessment(page)
    answer(page, answers)
    expect_result(page, 20, level_of(MODEL, 20))
    report = page.locator("[data-report]")
    weak = {qid: 0 for qid in IDS[-2:]}
    assert report.locator("[data-held-back]").inner_text() == held_back_sentence(level_of(MODEL, 20), weak)
    # Both levels with equal weight: the same markup and size, by total and in practice.
    by_total, in_practice = level_of(MODEL, 20), MODEL["held_back"]["level"]
    name = {lv["number"]: lv["name"] for lv in MODEL["levels"]}
    blocks = report.locator("[data-levels] [data-level-kind]")
    assert [(b.get_attribute("data-level-kind"), b.get_attribute("data-level")) for b in blocks.all()] == [("total", str(by_total)), ("practice", str(in_practice))]
    sizes = blocks.locator(".assessment__level").evaluate_all("(ps) => ps.map((p) => getComputedStyle(p).fontSize)")
    assert len(sizes) == 2 and sizes[0] == sizes[1]
    assert [name[by_total] in blocks.nth(0).inner_text(), name[in_practice] in blocks.nth(1).inner_text()] == [True, True]
    # The sticky status bar and the plan's title name both levels too.
    status = page.locator("[data-result]").inner_text()
    assert name[by_total] in status and name[in_practice] in status, status
    # Each dimension's indicated level is in the table.
    levels = report.locator("table tbody tr td:nth-child(3)").all_inner_texts()
    assert levels == [f"Level {o['level']}" for q in MODEL["questions"] for o in q["options"] if o["points"] == answers[q["id"]]]

    # The plan: only the weak dimensions, every step out of the weak range, held back first.
    steps = steps_shown(page)
    assert {qid for qid, _ in steps} == set(weak)
    assert report.locator(".assessment__step--held").count() == len(steps)
    hrefs = report.locator("[data-roadmap] a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and len(hrefs) == len(set(hrefs)), "a reading repeats across steps"

    # The Markdown checklist: one unticked item per step, in the same order, text only.
    text = download(page, "plan-md")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert [re.match(r"- \[ \] \*\*(.+?): (\d) →", line).groups() for line in items] == [(NAMES[q], str(f)) for q, f in steps]
    html = markdown.markdown(text)
    tree = ElementTree.fromstring(f"<div>{html}</div>")
    assert len(tree.findall("./ul/li")) == len(steps)
    assert [a.get("href") for a in tree.iter("a")] == [h for h in hrefs]
    assert "held back" in text
    title = text.splitlines()[0]
    assert name[by_total] in title and name[in_practice] in title, title

    # The CSV: a byte-order mark (spreadsheets read UTF-8 with it), the column list, then one row per step.
    text = download(page, "plan-csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    # The header in the page's words, the columns in their fixed order (plan-export.js CSV_COLUMNS).
    assert rows[0] == [WORDS[f"column_{c}"] for c in CSV_COLUMNS]
    assert [(r[0], r[1]) for r in rows[1:]] == [(NAMES[q], str(f)) for q, f in steps]
    assert all(int(r[2]) == int(r[1]) + 1 and r[3] for r in rows[1:])


def test_a_changed_target_reorders_the_plan_and_survives_a_reload(page):
    answers = dict(zip(IDS, [2, 2, 2, 2, 2, 1, 2]))
    open_assessment(page)
    answer(page, answers)
    expect_result(page, 13, level_of(MODEL, 13))
    # By default one option up each, weakest first: monitoring (1 of 4) leads.
    assert steps_shown(page) == [(IDS[5], 1)] + [(qid, 2) for qid in IDS if qid != IDS[5]]

    # Keep monitoring where it is and aim safety at the top: safety's two steps, in order.
    page.locator(f'[data-target="{IDS[5]}"]').select_option("1")
    page.locator(f'[data-target="{IDS[6]}"]').select_option("4")
    expected = [(qid, 2) for qid in IDS[:5]] + [(IDS[6], 2), (IDS[6], 3)]
    assert steps_shown(page) == expected
    assert page.evaluate("document.activeElement.dataset.target") == IDS[6]

    page.reload()
    expect_result(page, 13, level_of(MODEL, 13))
    assert steps_shown(page) == expected

    # A level for all: every dimension up to the first option that indicates it.
    top = MODEL["levels"][-1]["number"]
    page.locator("[data-target-all]").select_option(str(top))
    assert len(steps_shown(page)) == sum(4 - p for p in answers.values())


def test_dont_know_is_a_find_out_step_first_in_the_plan_and_in_both_downloads(page):
    words = yaml.safe_load((CONTENT / "ui.yml").read_text(encoding="utf-8"))["assessment"]["script"]
    unknown = IDS[1]
    given = {qid: 2 for qid in IDS} | {unknown: "dk"}
    open_assessment(page)
    answer(page, given)
    page.wait_for_selector("[data-roadmap] [data-step]")
    first = page.locator("[data-roadmap] [data-step]").first
    assert first.get_attribute("data-step") == unknown and first.get_attribute("data-find-out") == ""
    assert first.locator("h4").inner_text() == words["stepFindOut"].format(dimension=NAMES[unknown])
    assert page.locator("[data-roadmap] [data-find-out]").count() == 1

    text = download(page, "plan-md")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert items[0].startswith(f"- [ ] **{words['exportFindOut'].format(dimension=NAMES[unknown])}**")
    rows = list(csv.reader(io.StringIO(download(page, "plan-csv").lstrip("\ufeff"))))
    assert rows[1] == [NAMES[unknown], "", "", words["findOutText"], "", "", ""]
    assert not re.search(r"\b(dk|null|undefined|NaN)\b", text + "".join(",".join(r) for r in rows))
