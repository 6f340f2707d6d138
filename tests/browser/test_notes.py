"""Notes and targets in Chromium, on the site of content/: they round-trip through the
downloaded file and the share link (notes only when asked for), a link's targets open
with it, hostile notes stay text, and a whole result with a note on every answer prints
on at most two A4 pages under a header. The pure encoding, its bounds and the damaged
input corpus are in tests/js/notes.test.mjs; tests/browser/test_tampering.py checks the
page survives damaged notes and targets."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import unquote

from generator import load_content
from generator.render import assessment_data
from tests.browser.conftest import assert_clean, guarded_context
from tests.browser.questionnaire import answer, expect_result, level_of, open_assessment
from tests.helpers import CONTENT

MODEL = assessment_data(load_content(CONTENT))
IDS = [q["id"] for q in MODEL["questions"]]
ANSWERS = dict(zip(IDS, [3, 2, 2, 3, 2, 0, 1]))
TOTAL = sum(ANSWERS.values())
HOSTILE = '<img src=x onerror="window.pwned=1"> & "quotes" \u202e50%#&_t=x'
NOTE = "Evidence: ADR-12 and the eval dashboard; owner: Kim Lee (platform); reviewed 2026-10-14, next review in Q1."
TEAM = "Platform & Ops <team>"
DATE = "2026-11-26"


def write_notes(page, notes: dict[str, str]) -> None:
    for qid, text in notes.items():
        page.locator(f'[data-note="{qid}"]').fill(text)
    page.locator('[data-context="team"]').fill(TEAM)
    page.locator('[data-context="date"]').fill(DATE)


def notes_shown(page) -> dict[str, str]:
    return page.locator("[data-notes-list] [data-note-of]").evaluate_all(
        "dd => Object.fromEntries(dd.map(d => [d.dataset.noteOf, d.textContent]))"
    )


def share_link(page) -> str:
    return page.locator("[data-share-url]").get_attribute("data-share-url")


def test_notes_and_targets_round_trip_through_the_file_and_the_link(page, browser, server):
    notes = {IDS[0]: HOSTILE, IDS[5]: "Line one\nline two"}
    open_assessment(page)
    other_tab = page.context.new_page()
    other_tab.goto(server.url + "assessment/")
    other_tab.locator("[data-assessment][data-ready]").wait_for(state="attached")
    page.bring_to_front()
    answer(page, ANSWERS)
    expect_result(page, TOTAL, level_of(MODEL, TOTAL))
    write_notes(page, notes)
    # Another tab of the page shows the notes typed here at once.
    other_tab.wait_for_function(
        "([id, text]) => document.getElementById(`note-${id}`).value === text", arg=[IDS[5], notes[IDS[5]]], polling=100
    )
    other_tab.close()
    page.locator(f'[data-target="{IDS[6]}"]').select_option("4")
    assert notes_shown(page) == notes
    assert page.evaluate("window.pwned") is None
    assert page.locator("[data-notes-list] img").count() == 0

    # The link carries the targets, and the notes only once the box is ticked.
    plain = share_link(page)
    assert f"&_t={IDS[6]}.4" in plain and "_n." not in plain and "_team" not in plain
    page.locator("[data-include-notes]").check()
    full = share_link(page)
    assert full.startswith(plain) and unquote(full).count("_n.") == len(notes) and f"_date={DATE}" in full

    # The file holds notes and targets; Start over clears the notes, the file brings them back.
    with page.expect_download() as info:
        page.locator('[data-export="json"]').click()
    record = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert record["notes"] == {"team": TEAM, "date": DATE, "answers": notes}
    # The file's name says whose result it is and when: the team (as a file name may hold it) and the date given.
    assert info.value.suggested_filename == f"{MODEL['model']}-assessment-Platform-Ops-team-{DATE}.json"

    # The plan's files keep what was typed: team, date and each note; the CSV adds the target.
    with page.expect_download() as plan_file:
        page.locator('[data-export="plan-md"]').click()
    plan = open(plan_file.value.path(), encoding="utf-8").read()
    assert plan_file.value.suggested_filename == f"{MODEL['model']}-plan-Platform-Ops-team-{DATE}.md"
    assert DATE in plan.splitlines()[2] + plan.splitlines()[3] and "Platform \\& Ops \\<team\\>" in plan
    assert "Line one line two" in plan, "a note of a dimension with steps is under its first step"
    with page.expect_download() as plan_file:
        page.locator('[data-export="plan-csv"]').click()
    rows = list(csv.reader(io.StringIO(open(plan_file.value.path(), encoding="utf-8-sig").read())))
    by_dimension = {r[0]: r for r in rows[1:]}
    target_row = by_dimension[MODEL["questions"][6]["dimension"]]
    assert target_row[5] == "4"
    assert by_dimension[MODEL["questions"][5]["dimension"]][6] == "Line one\nline two".replace("\n", " ")
    assert record["targets"] == {IDS[6]: 4}
    page.locator('[data-action="reset"]').click()
    assert page.locator(f'[data-note="{IDS[0]}"]').input_value() == ""
    page.locator("[data-import]").set_input_files(info.value.path())
    expect_result(page, TOTAL, level_of(MODEL, TOTAL))
    assert notes_shown(page) == notes
    assert page.locator(f'[data-note="{IDS[0]}"]').input_value() == HOSTILE
    assert page.locator('[data-context="team"]').input_value() == TEAM
    assert page.locator(f'[data-target="{IDS[6]}"]').input_value() == "4"

    # Someone else opens both links: the plain one brings the targets and no notes, the
    # full one the notes too, as text.
    other = guarded_context(browser, server)
    try:
        visitor = other.new_page()
        visitor.goto(plain)
        expect_result(visitor, TOTAL, level_of(MODEL, TOTAL))
        assert visitor.locator(f'[data-target="{IDS[6]}"]').input_value() == "4"
        assert visitor.locator("[data-notes-list]").count() == 0
        visitor.goto("about:blank")
        visitor.goto(full)
        expect_result(visitor, TOTAL, level_of(MODEL, TOTAL))
        assert notes_shown(visitor) == notes
        assert visitor.locator('[data-context="date"]').input_value() == DATE
        assert visitor.evaluate("window.pwned") is None
        assert_clean(other, [visitor])
    finally:
        other.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_a_whole_result_with_a_note_on_every_answer_prints_on_two_a4_pages_at_most(page):
    open_assessment(page)
    answer(page, ANSWERS)
    expect_result(page, TOTAL, level_of(MODEL, TOTAL))
    write_notes(page, dict.fromkeys(IDS, NOTE))
    plain = share_link(page)
    page.locator("[data-include-notes]").check()
    page.emulate_media(media="print")
    head = page.locator("[data-print-head]")
    assert head.is_visible()
    text = head.inner_text()
    for fact in (TEAM, DATE, MODEL["version"], MODEL["edition"]["name"], plain):
        assert fact in text, fact
    # The notes are printed in full below, so the printed link goes without them.
    assert "_n." not in text
    assert page.locator("[data-assessment-form]").is_hidden()
    assert len(page.locator("[data-notes-list] dd").all()) == len(IDS)
    pages = pdf_pages(page.pdf(format="A4"))
    assert 1 <= pages <= 2, f"{pages} pages"
