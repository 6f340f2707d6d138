"""The Progress page in Chromium: results kept in this browser's history only when
asked, listed, compared (two entries, or a share link against the current answers)
and deleted; a hand-edited history and a refused write each get a notice and lose
nothing else. Expected numbers are worked out here from content/."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from generator import load_content
from generator.render import assessment_data
from tests.helpers import CONTENT
from tests.scoring_oracle import score

MODEL = assessment_data(load_content(CONTENT))
IDS = [q["id"] for q in MODEL["questions"]]
POINTS = [sorted(o["points"] for o in q["options"]) for q in MODEL["questions"]]
SAVED = f"{MODEL['model']}-assessment"
HISTORY = f"{MODEL['model']}-history"
UNSCORED = MODEL["unscored"]
UI = yaml.safe_load((CONTENT / "ui.yml").read_text(encoding="utf-8"))
WORDS, LEVEL_WORDS = UI["progress"]["script"], UI["answers"]
# A code or a broken number where a reader should see words or digits.
RAW = re.compile(r"\b(na|dk|NaN|undefined|null)\b")


def answers(pick: list[int]) -> dict[str, int]:
    return {qid: POINTS[i][pick[i % len(pick)] % len(POINTS[i])] for i, qid in enumerate(IDS)}


def save(page, given: dict) -> None:
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [SAVED, json.dumps({"model": MODEL["model"], "version": MODEL["version"], "answers": given})])


@pytest.fixture
def progress(page):
    page.site("progress/")
    page.wait_for_selector("[data-history-empty]")
    return page


def test_results_are_kept_only_when_asked_then_compared_and_deleted(progress):
    # The first is held back (two dimensions at 0), so its level shows both levels.
    first, second, now = answers([4, 4, 4, 4, 4, 0, 0]), answers([2, 1, 2]), answers([4, 1, 3])
    save(progress, first)
    progress.reload()
    assert progress.evaluate("([key]) => localStorage.getItem(key)", [HISTORY]) is None, "nothing is kept unasked"
    progress.click("[data-progress-keep]")
    save(progress, second)
    progress.click("[data-progress-keep]")
    assert progress.locator("[data-history-entry]").count() == 2
    totals = progress.locator("[data-history-entry] td:nth-child(2)").all_inner_texts()
    assert totals == [str(score(first, MODEL)["total"]), str(score(second, MODEL)["total"])]
    # The level as every page writes it: both levels when the held-back rule applies.
    names = {lv["number"]: lv["name"] for lv in MODEL["levels"]}

    def level_words(result):
        if result["practical"] == result["level"]:
            return LEVEL_WORDS["levelOne"].format(number=result["level"], name=names[result["level"]])
        return LEVEL_WORDS["levelBoth"].format(number=result["level"], name=names[result["level"]], practical=result["practical"], practical_name=names[result["practical"]])

    levels = progress.locator("[data-history-entry] td:nth-child(3)").all_inner_texts()
    assert levels == [level_words(score(first, MODEL)), level_words(score(second, MODEL))]

    save(progress, now)
    progress.reload()
    progress.wait_for_selector("[data-compare-table]")  # the newest kept result against the current answers
    before, after = score(second, MODEL), score(now, MODEL)
    assert progress.locator("[data-compare-total]").get_attribute("data-compare-total") == f"{before['total']}>{after['total']}"
    assert progress.locator("[data-compare-level]").get_attribute("data-compare-level") == f"{before['level']}>{after['level']}"
    for qid in IDS:
        change = "up" if now[qid] > second[qid] else "down" if now[qid] < second[qid] else "same"
        assert progress.locator(f'[data-compare-dimension="{qid}"]').get_attribute("data-change") == change
    passed = sum(1 for i, qid in enumerate(IDS) for p in POINTS[i] if second[qid] < p <= now[qid])
    assert progress.locator("[data-compare-done] li").count() == passed
    # The chart draws the same before and after as the table.
    drawn = progress.locator("svg.chart text.chart__value").all_text_contents()
    assert [d.split(" of ")[0] for d in drawn] == [f"{second[q]} → {now[q]}" for q in IDS]

    progress.select_option("[data-progress-before]", "0")
    assert progress.locator("[data-compare-total]").get_attribute("data-compare-total").startswith(f"{score(first, MODEL)['total']}>")

    progress.click('[data-history-entry="0"] button')
    assert progress.locator("[data-history-entry]").count() == 1
    progress.click("[data-delete-all]")
    assert progress.locator("[data-history-entry]").count() == 1, "the first click only asks"
    progress.click("[data-delete-all]")
    progress.wait_for_selector("[data-history-empty]")
    assert progress.evaluate("([key]) => localStorage.getItem(key)", [HISTORY]) is None


def test_an_older_share_link_is_compared_with_the_current_answers(progress, server):
    old, now = answers([0, 1]), answers([3, 2])
    save(progress, now)
    progress.reload()
    link = f"{server.url}assessment/#{MODEL['model']}@{MODEL['version']}&" + "&".join(f"{k}={v}" for k, v in old.items())
    progress.fill("[data-progress-link]", link)
    progress.click("[data-progress-use-link]")
    progress.wait_for_selector("[data-compare-table]")
    assert progress.locator("[data-compare-total]").get_attribute("data-compare-total") == f"{score(old, MODEL)['total']}>{score(now, MODEL)['total']}"
    progress.fill("[data-progress-link]", "https://example.org/#models=1")
    progress.click("[data-progress-use-link]")
    assert "cannot be compared" in progress.locator("[data-progress-compare-notices]").inner_text()


def test_a_hand_edited_history_and_a_refused_write_lose_nothing_silently(progress):
    good = {"date": "2026-01-05T10:00:00.000Z", "version": MODEL["version"], "answers": answers([2])}
    edited = [good, {**good, "date": "not a date"}, {**good, "answers": {"models": 99}}, "junk"]
    progress.evaluate("([key, value]) => localStorage.setItem(key, value)", [HISTORY, json.dumps(edited)])
    progress.reload()
    progress.wait_for_selector("[data-history-entry]")
    assert progress.locator("[data-history-entry]").count() == 1
    assert WORDS["historyDropped"].format(n=3) in progress.locator("[data-progress-notices]").inner_text()
    assert progress.locator("[data-history-unread]").count() == 3, "listed as such, not left out"

    save(progress, answers([3]))
    progress.evaluate("""() => {
        const real = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (key.endsWith('-history')) throw new DOMException('full', 'QuotaExceededError');
            return real.call(this, key, value);
        };
    }""")
    progress.click("[data-progress-keep]")
    assert "QuotaExceededError" in progress.locator("[data-progress-notices]").inner_text()
    assert progress.locator("[data-history-entry]").count() == 1, "the list is what is stored"
    assert json.loads(progress.evaluate("([key]) => localStorage.getItem(key)", [HISTORY]))[0] == good


def link_of(given: dict, server, extras: str = "") -> str:
    return f"{server.url}assessment/#{MODEL['model']}@{MODEL['version']}&" + "&".join(f"{k}={v}" for k, v in given.items()) + extras


def test_a_link_with_targets_and_notes_is_used_and_na_dk_are_words_never_zero_and_not_comparable(progress, server):
    console = []
    progress.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    na = next((q["id"] for q in MODEL["questions"] if q["not_applicable"]), None)
    dk = next(q for q in IDS if q != na)
    # Every scored answer above the lowest option, so a bar of width 0 could only be an unscored one drawn as 0.
    old, now = answers([1, 2]), answers([3, 2])
    now[dk] = "dk"
    if na:
        now[na] = "na"
    save(progress, now)
    progress.reload()
    # The link as the assessment writes it with targets and notes (notes.js extrasFragment).
    extras = f"&_t={IDS[0]}.{POINTS[0][-1]}&_team=Platform%20team&_date=2026-11-26&_n.{IDS[1]}=Pinned%20in%20ADR-12"
    progress.fill("[data-progress-link]", link_of(old, server, extras))
    progress.click("[data-progress-use-link]")
    progress.wait_for_selector("[data-compare-table]")
    notices = progress.locator("[data-progress-compare-notices]").inner_text()
    assert "cannot be compared" not in notices and "_t" not in notices, notices

    row = progress.locator(f'[data-compare-dimension="{dk}"]')
    assert row.get_attribute("data-change") == "incomparable"
    assert row.locator("td").all_inner_texts() == [str(old[dk]), UNSCORED["dont_know"], f"≠ {WORDS['incomparable']}"]
    if na:
        assert progress.locator(f'[data-compare-dimension="{na}"] td').nth(1).inner_text() == UNSCORED["not_applicable"]
    compare = progress.locator("[data-progress-compare]")
    assert not RAW.search(compare.inner_text()), compare.inner_text()
    # Nothing is drawn for no points: no NaN anywhere in the chart, and no bar of width 0.
    drawn = progress.evaluate("""() => [...document.querySelectorAll('#compare-chart, svg.chart *')]
        .flatMap((e) => [...e.attributes].map((a) => a.value))""")
    assert not [v for v in drawn if "NaN" in v]
    widths = progress.locator("svg.chart rect.chart__s--bar").evaluate_all("(rs) => rs.map((r) => r.getAttribute('width'))")
    assert len(widths) == sum(1 for q in IDS if isinstance(now[q], int)) and "0%" not in widths
    assert not RAW.search(" ".join(progress.locator("svg.chart text.chart__value").all_text_contents()))
    assert not console, console

    # A link that cannot be used: said, and the comparison it replaces is gone, not left looking used.
    progress.fill("[data-progress-link]", "https://example.org/#models=1")
    progress.click("[data-progress-use-link]")
    assert "cannot be compared" in progress.locator("[data-progress-compare-notices]").inner_text()
    assert progress.locator("[data-compare-table]").count() == 0
    progress.wait_for_selector("[data-compare-empty]")
    assert progress.locator('[data-progress-before] option[value="imported"]').count() == 0

    # A file too large to be answers is refused before reading, named, as on the other pages.
    big = {"name": "huge.json", "mimeType": "application/json", "buffer": b" " * 200_001}
    progress.set_input_files("[data-progress-file]", [big])
    progress.wait_for_function("() => document.querySelector('[data-progress-compare-notices]').textContent.includes('huge.json')")
    assert progress.locator("[data-compare-table]").count() == 0


def stored_history(page) -> list:
    return json.loads(page.evaluate("([key]) => localStorage.getItem(key)", [HISTORY]))


def test_entries_this_version_cannot_read_are_listed_and_kept_until_deleted_themselves(progress):
    """A result kept by another content version (or edited by hand) is the user's: Keep and
    Delete write it back as it was; only deleting it removes it."""
    major = int(MODEL["version"].split(".")[0])
    good = {"date": "2026-01-05T10:00:00.000Z", "version": MODEL["version"], "answers": answers([2])}
    newer = {"date": "2026-02-05T10:00:00.000Z", "version": f"{major + 1}.0.0", "answers": {**answers([1]), "a-dimension-of-the-next-edition": 3}}
    older = {"date": "2025-02-05T10:00:00.000Z", "version": "0.1.0", "answers": {IDS[0]: 1}, "total": 1}
    stored = [newer, good, older, "written by hand"]
    progress.evaluate("([key, value]) => localStorage.setItem(key, value)", [HISTORY, json.dumps(stored)])
    save(progress, answers([3]))
    progress.reload()
    progress.wait_for_selector("[data-history-unread]")
    assert progress.locator("[data-history-unread]").count() == 3
    assert progress.locator("[data-history-entry]").count() == 1
    assert WORDS["unreadEntry"].format(version=newer["version"]) in progress.locator('[data-history-unread="0"]').inner_text()
    assert progress.locator("[data-progress-notices]").inner_text().startswith(WORDS["historyDropped"].format(n=3)[:20])

    progress.click("[data-progress-keep]")
    progress.wait_for_selector('[data-history-entry="4"]')
    kept = stored_history(progress)
    assert kept[:4] == stored and len(kept) == 5
    progress.click('[data-history-entry="1"] button')  # the readable one: only it goes
    progress.wait_for_selector('[data-history-entry="1"]', state="detached")
    assert stored_history(progress) == [newer, older, "written by hand", kept[4]]
    progress.click('[data-history-unread="0"] button')  # one this version cannot read, deleted on purpose
    progress.wait_for_function("() => document.querySelectorAll('[data-history-unread]').length === 2")
    assert stored_history(progress) == [older, "written by hand", kept[4]]


def test_a_history_that_cannot_be_read_at_all_is_never_written_over(progress):
    progress.evaluate("([key]) => localStorage.setItem(key, '{\"not\": \"a list\"')", [HISTORY])
    save(progress, answers([3]))
    progress.reload()
    progress.click("[data-progress-keep]")
    progress.locator("[data-progress-notices]").get_by_text(WORDS["keepUnreadable"]).wait_for()
    assert progress.evaluate("([key]) => localStorage.getItem(key)", [HISTORY]) == '{"not": "a list"'
    progress.click("[data-delete-all]")
    progress.click("[data-delete-all]")
    progress.wait_for_selector("[data-history-empty]")
    assert progress.evaluate("([key]) => localStorage.getItem(key)", [HISTORY]) is None


def test_after_a_reload_the_comparison_shown_is_of_two_different_results(progress):
    """Kept, then not changed since: the newest result against the one before that differs,
    never the last kept result against the same current answers (#27)."""
    first, second = answers([0, 1, 2]), answers([3, 2])
    assert first != second
    for given in (first, second):
        save(progress, given)
        progress.reload()
        progress.click("[data-progress-keep]")
    progress.click("[data-progress-keep]")  # kept twice: still the same result
    progress.reload()
    progress.wait_for_selector("[data-compare-table]")
    assert progress.locator("[data-progress-before]").input_value() == "0"
    assert progress.locator("[data-compare-total]").get_attribute("data-compare-total") == f"{score(first, MODEL)['total']}>{score(second, MODEL)['total']}"
