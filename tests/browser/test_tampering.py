"""Damaged, edited or hostile input to the self-assessment, opened in Chromium: share
links, the copy saved in localStorage, imported files, storage that refuses to work.
Each case must show a readable notice and never throw (the `page` fixture fails the
test on any script error or CSP violation). Each runs with no headers sent, as GitHub
Pages serves the site, where the <meta> policy is the only guard."""

from __future__ import annotations

import json
import re

import pytest

from generator import load_content
from generator.render import assessment_data
from tests.browser.conftest import open_with_saved
from tests.helpers import CONTENT

pytestmark = pytest.mark.no_headers

PATH = "assessment/"
MODEL = assessment_data(load_content(CONTENT))
IDS = [q["id"] for q in MODEL["questions"]]
HEAD = f"{MODEL['model']}@{MODEL['version']}"
KEY = f"{MODEL['model']}-assessment"
MAJOR = int(MODEL["version"].split(".")[0])
OTHER_MAJOR = f"{MAJOR + 1}.0.0"
SAME_MAJOR = f"{MAJOR}.99.0"
ALL = "&".join(f"{i}=2" for i in IDS)
ALL_TOTAL = str(2 * len(IDS))  # every question at 2 points (an option in every shape of model)
FIRST = IDS[0]
NO_NA = next(q["id"] for q in MODEL["questions"] if not q["not_applicable"])
NAMES = {q["id"]: q["dimension"] for q in MODEL["questions"]}


def notices(page):
    area = page.locator("[data-notices]:has(li)")  # the one region that holds the notices
    area.locator("li").first.wait_for()
    assert area.get_attribute("role") == "status"
    assert area.is_visible()
    return area.inner_text()


def assert_still_works(page):
    """After the bad input the questionnaire still answers: one click, one more answered."""
    status = page.locator("[data-result]")
    before = int(re.match(r"(?:All )?(\d+)", status.inner_text().strip()).group(1))
    answered = page.evaluate("document.querySelectorAll('[data-assessment-form] input:checked').length")
    assert before == answered
    if answered < len(IDS):
        page.locator('fieldset[data-question] input[value="1"]:not(:checked)').first.check()
        expected = f"{answered + 1} of {len(IDS)} answered" if answered + 1 < len(IDS) else "All "
        assert expected in status.inner_text()


# (share fragment after "#", text the notice must contain, answers that survive)
FRAGMENTS = [
    (f"{HEAD}&{FIRST}=9", "which is not one of its options", 0),
    (f"{HEAD}&{FIRST}=-1", '"-1"', 0),
    (f"{HEAD}&{FIRST}=1.5", '"1.5"', 0),
    (f"{HEAD}&{FIRST}=two", '"two"', 0),
    (f"{HEAD}&{FIRST}=", 'gives ""', 0),
    (f"{HEAD}&{FIRST}=01", '"01"', 0),
    (f"{HEAD}&{FIRST}=0x1", '"0x1"', 0),
    (f"{HEAD}&{FIRST}=%31", '"%31"', 0),
    (f"{HEAD}&{FIRST}=99999999999999999999999", '"9999', 0),
    (f"{HEAD}&=3&{IDS[1]}=2", 'not "question=points"', 1),
    (f"{HEAD}&{FIRST}&{IDS[1]}=2", 'not "question=points"', 1),
    (f"{HEAD}&nosuchquestion=2&{IDS[1]}=2", 'does not have: "nosuchquestion"', 1),
    (f"{HEAD}&__proto__=1&{IDS[1]}=2", 'does not have: "__proto__"', 1),
    (f"{HEAD}&constructor=1&prototype=2", '"constructor", "prototype"', 0),
    (f"{HEAD}&{FIRST}=1&{FIRST}=2&{IDS[1]}=2", "more than once", 1),
    (f"{FIRST}=1", "does not say which model", 1),
    (f"{MODEL['model']}&{FIRST}=1", "does not say which content version", 1),
    (f"{MODEL['model']}@banana&{FIRST}=1", "unreadable content version", 1),
    (f"someoneelse@{MODEL['version']}&{FIRST}=1", "another model", 1),
    (HEAD, "holds no answers this page can use", 0),
    ("&&&=&==", 'not "question=points"', 0),
    (f"{HEAD}&" + f"{FIRST}=1&" * 200, "too long", 0),
    (f"{HEAD}&{FIRST}=%E2%80%AE1", "which is not one of its options", 0),
    (f"{HEAD}&{FIRST}=<script>alert(1)</script>", "which is not one of its options", 0),
    (f"{HEAD}&{FIRST}=1", f"answers 1 of {len(IDS)} questions", 1),
    # "not applicable" and "don't know": lowercase only, "na" only where the question allows it.
    (f"{HEAD}&{FIRST}=dK&{IDS[1]}=dk", '"dK"', 1),
    (f"{HEAD}&{NO_NA}=na&{IDS[1]}=dk", f'gives "na" for "{NAMES[NO_NA]}"', 1),
]


@pytest.mark.parametrize("fragment,expected,survivors", FRAGMENTS, ids=[f[1][:24] + f"-{i}" for i, f in enumerate(FRAGMENTS)])
def test_malformed_share_link_shows_a_notice(page, fragment, expected, survivors):
    page.site(PATH + "#" + fragment)
    text = notices(page)
    assert expected in text
    assert page.evaluate("document.querySelectorAll('[data-assessment-form] input:checked').length") == survivors
    assert page.locator("[data-result]").get_attribute("data-score") is None
    # A link with answers stays in the address, rewritten to hold only what was used.
    assert page.url.partition("#")[2].startswith(HEAD) if survivors else "#" not in page.url
    assert_still_works(page)
    # Nothing in the fragment became markup.
    assert page.locator("[data-notices] script, [data-notices] *[onerror]").count() == 0


def test_there_are_at_least_twenty_malformed_links():
    assert len(FRAGMENTS) >= 20


def test_another_major_version_shows_the_result_with_a_warning(page):
    page.site(f"{PATH}#{MODEL['model']}@{OTHER_MAJOR}&{ALL}")
    assert "level may differ" in notices(page)
    status = page.locator("[data-result]")
    assert status.get_attribute("data-score") == ALL_TOTAL
    warning = page.locator("[data-report] p.assessment__notice--mismatch")
    assert warning.is_visible()
    assert "level may differ" in warning.inner_text()


def test_another_model_shows_the_result_with_a_warning(page):
    page.site(f"{PATH}#llmops@{MODEL['version']}&{ALL}")
    assert "another model" in notices(page)
    assert page.locator("[data-result]").get_attribute("data-score") == ALL_TOTAL
    assert page.locator("[data-report] p.assessment__notice--mismatch").is_visible()


def test_another_minor_version_scores_without_a_warning(page):
    page.site(f"{PATH}#{MODEL['model']}@{SAME_MAJOR}&{ALL}")
    assert "scores the same" in notices(page)
    assert page.locator("[data-result]").get_attribute("data-score") == ALL_TOTAL
    assert page.locator("[data-report] p.assessment__notice--mismatch").count() == 0


def record(**fields) -> str:
    return json.dumps({"model": MODEL["model"], "version": MODEL["version"], **fields})


# (value in localStorage, text the notice must contain, answers that survive)
STORED = [
    ("garbage", "could not be read as JSON", 0),
    ("", "could not be read as JSON", 0),
    (record(answers={FIRST: 1})[:-4], "could not be read as JSON", 0),
    ("null", "not a JSON object", 0),
    ("[1, 2, 3]", "not a JSON object", 0),
    ("42", "not a JSON object", 0),
    ('"a string"', "not a JSON object", 0),
    (record(), 'no "answers" object', 0),
    (record(answers=[1, 2, 3]), 'no "answers" object', 0),
    (record(answers={FIRST: "3", IDS[1]: 2}), 'gives "3"', 1),
    (record(answers={FIRST: None}), "gives null", 0),
    (record(answers={FIRST: True}), "gives true", 0),
    (record(answers={FIRST: 7}), "gives 7", 0),
    (record(answers={FIRST: 2.5}), "gives 2.5", 0),
    (record(answers={FIRST: {"valueOf": 1}}), "which is not one of its options", 0),
    # json.dumps cannot write a "__proto__" key from a dict literal the way an attacker would.
    (record(answers={})[:-2] + f'"__proto__":{{"polluted":1}},"{FIRST}":1}}}}', 'does not have: "__proto__"', 1),
    (record(answers={"nosuchquestion": 1}), 'does not have: "nosuchquestion"', 0),
    (json.dumps({"model": "other", "version": MODEL["version"], "answers": {FIRST: 1}}), "another model", 1),
    (json.dumps({"model": MODEL["model"], "version": OTHER_MAJOR, "answers": {FIRST: 1}}), "level may differ", 1),
    (json.dumps({"model": MODEL["model"], "version": 1, "answers": {FIRST: 1}}), "unreadable content version", 1),
    (record(answers={FIRST: 1}, padding="x" * 20000), "too large", 0),
    (record(answers={f"q{i}": 1 for i in range(150)}), "150 answers", 0),
]


@pytest.mark.parametrize("value,expected,survivors", STORED, ids=[s[1][:24] + f"-{i}" for i, s in enumerate(STORED)])
def test_damaged_saved_answers_show_a_notice(page, server, value, expected, survivors):
    open_with_saved(page, server.url + PATH, {KEY: value})
    text = notices(page)
    assert expected in text
    assert text.startswith("The copy of your answers saved in this browser")
    assert page.evaluate("document.querySelectorAll('[data-assessment-form] input:checked').length") == survivors
    # A damaged copy is replaced by what could be used from it (or removed).
    kept = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    if "level may differ" not in text and "another model" not in text and "unreadable" not in text:
        assert kept is None or json.loads(kept)["model"] == MODEL["model"]
    assert_still_works(page)
    assert page.evaluate("({}).polluted") is None


def test_there_are_at_least_twenty_damaged_saved_values():
    assert len(STORED) >= 20


TARGETS_KEY = f"{MODEL['model']}-targets"
# (value saved as the plan's targets, text the notice must contain). The answers are all 2
# points, so each dimension has a step to 3 unless a target survives. The full corpus of
# damaged targets is in tests/js/roadmap.test.mjs; these prove the page survives them.
STORED_TARGETS = [
    ("garbage", "could not be read as JSON"),
    ("null", 'no "targets" object'),
    (json.dumps({"targets": {FIRST: "4"}}), f'"{FIRST}"'),
    ('{"targets": {"__proto__": {"polluted": 1}}}', '"__proto__"'),
    (json.dumps({"targets": {"<img src=x onerror=alert(1)>": 1}}), '"<img src=x onerror=alert(1)>"'),
    (json.dumps({"targets": {}, "padding": "x" * 20000}), "too large"),
]


def test_damaged_saved_targets_show_a_notice_and_the_plan_aims_one_up(page):
    """All values in one page: each saved beside answers of 2 points, then a reload."""
    page.site(PATH)
    page.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(record(answers=dict.fromkeys(IDS, 2)))})")
    for value, expected in STORED_TARGETS:
        page.evaluate(f"localStorage.setItem({json.dumps(TARGETS_KEY)}, {json.dumps(value)})")
        page.reload()
        text = notices(page)
        assert expected in text and "one option up" in text, (value[:60], text)
        steps = page.locator("[data-roadmap] [data-step]")
        assert steps.count() == len(IDS)
        assert set(steps.evaluate_all("s => s.map(e => e.dataset.from)")) == {"2"}
        assert page.evaluate("({}).polluted") is None


NOTES_KEY = f"{MODEL['model']}-notes"
HOSTILE = "<img src=x onerror=alert(1)>"
# (extra parts after a whole share link's answers, text the notice must contain). The
# full corpus of damaged notes and targets is in tests/js/notes.test.mjs.
LINK_EXTRAS = [
    ("_t=9", '("9.?")'),
    (f"_t={FIRST}.9", f'"{FIRST}.9"'),
    (f"_t=nosuch.2,{IDS[1]}.4", '"nosuch.2"'),
    (f"_n.{FIRST}=%E0%A4%A", f'cannot use ("{FIRST}")'),
    ("_n.__proto__=1&_date=tomorrow", '"date", "__proto__"'),
    ("_zzz=1", 'does not have: "_zzz"'),
    (f"_n.{FIRST}=" + "a" * 600, "longer than 500 characters"),
    ("_team=" + "a" * 9000, "more notes and targets than any link"),
]
# (value saved as the notes, text the notice must contain)
STORED_NOTES = [
    ("garbage", "could not be read"),
    ('{"answers": {"__proto__": {"polluted": 1}}}', '"__proto__"'),
    (json.dumps({"answers": {FIRST: 3}, "team": ["x"]}), f'"team", "{FIRST}"'),
]


def test_damaged_notes_and_targets_show_a_notice_and_stay_text(page):
    """All in one page: each link opened over the same answers, then each saved value."""
    page.site(f"{PATH}#{HEAD}&{ALL}&_n.{FIRST}={HOSTILE}")
    page.locator(f"[data-note-of={FIRST}]").wait_for()
    assert page.locator(f"[data-note-of={FIRST}]").text_content() == HOSTILE
    assert page.locator("[data-notes-view] img").count() == 0
    for extra, expected in LINK_EXTRAS:
        page.goto("about:blank")  # each link opened afresh, as a reader opens one
        page.site(f"{PATH}#{HEAD}&{ALL}&{extra}")
        page.locator("[data-notices] li").filter(has_text=expected).first.wait_for()
        assert page.locator("[data-result]").get_attribute("data-score") == ALL_TOTAL
    for value, expected in STORED_NOTES:
        page.evaluate(f"localStorage.setItem({json.dumps(NOTES_KEY)}, {json.dumps(value)})")
        page.reload()
        text = notices(page)
        assert expected in text and "The notes saved in this browser" in text, (value, text)
        assert page.evaluate("({}).polluted") is None
    assert_still_works(page)


def test_storage_that_refuses_to_work(page):
    # Only this page's key: the theme's own scripts (theme-base.js) do not survive
    # a storage that throws, which is not what this test is about.
    page.add_init_script(
        """
        ((key) => {
          for (const name of ["getItem", "setItem", "removeItem"]) {
            const real = Storage.prototype[name];
            Storage.prototype[name] = function (k, ...rest) {
              if (k === key) throw new DOMException("storage is disabled", "SecurityError");
              return real.call(this, k, ...rest);
            };
          }
        })(KEY);
        """.replace("KEY", json.dumps(KEY))
    )
    page.site(PATH)
    page.locator(f'input[name="{FIRST}"][value="2"]').check()
    text = notices(page)
    assert "does not let the page save your answers (SecurityError)" in text
    for qid in IDS[1:]:
        page.locator(f'input[name="{qid}"][value="2"]').check()
    assert page.locator("[data-result]").get_attribute("data-score") == ALL_TOTAL


# (file content, text the notice must contain)
IMPORTS = [
    (b"{not json", "could not be read as JSON"),
    (b"\x00\x01\x02PK\x03\x04", "could not be read as JSON"),
    (b"[]", "not a JSON object"),
    (record(total=28, level=4).encode(), 'no "answers" object'),
    (record(answers={FIRST: -1}).encode(), "gives -1"),
    (json.dumps({"model": "other", "version": MODEL["version"], "answers": {FIRST: 1}}).encode(), "another model"),
    (b" " * 200_000, "far larger than an answers file"),
    (record(answers={i: 2 for i in IDS}, total=28, level=4).encode(), f"its answers add up to {ALL_TOTAL}"),
    (record(answers={i: 2 for i in IDS}, notes={"answers": {FIRST: 5}}, targets={FIRST: 9}).encode(), f'targets this page does not have ("{FIRST}.9")'),
]


@pytest.mark.parametrize("content,expected", IMPORTS, ids=[i[1][:24] for i in IMPORTS])
def test_damaged_import_shows_a_notice(page, content, expected):
    page.site(PATH)
    page.locator("[data-import]").set_input_files(files=[{"name": "answers.json", "mimeType": "application/json", "buffer": content}])
    page.locator("[data-notices]").get_by_text(expected).wait_for()
    assert_still_works(page)


# -- a share link over the user's own ------------------------------------------------------
# Nothing of the user's (answers, notes, the team, targets) is ever replaced without a
# notice and "Back to my answers", whatever the link holds and however it opens.

NOTES_KEY = f"{MODEL['model']}-notes"
TARGETS_KEY = f"{MODEL['model']}-targets"
LAST = IDS[-1]
TOP, NEXT = sorted(o["points"] for o in MODEL["questions"][-1]["options"])[-2:][::-1]
MINE = {i: 2 for i in IDS}
THEIRS = {i: 1 for i in IDS}
REFUSE_STORAGE = "for (const m of ['getItem', 'setItem', 'removeItem']) Storage.prototype[m] = function () { throw new DOMException('no', 'SecurityError'); };"


def link(answers: dict, extras: str = "") -> str:
    return f"{HEAD}&" + "&".join(f"{k}={v}" for k, v in answers.items()) + extras


# (what the user has: saved answers, notes and targets, or typed; how the link opens; the link)
OWN_THEN_LINK = {
    "same answers, other notes": ({"answers": MINE, "notes": {FIRST: "mine"}}, "load", link(MINE, f"&_n.{FIRST}=theirs")),
    "an older link of my own: same answers, older notes and target": (
        {"answers": MINE, "notes": {FIRST: "now"}, "targets": {LAST: TOP}},
        "load",
        link(MINE, f"&_t={LAST}.{NEXT}&_team=Old&_n.{FIRST}=then"),
    ),
    "same answers, another target only, in this tab": ({"answers": MINE, "targets": {LAST: TOP}}, "hash", link(MINE, f"&_t={LAST}.{NEXT}")),
    "a note typed before answering, link in this tab": ({"typed": {FIRST: "draft"}}, "hash", link(THEIRS)),
    "a note typed before answering, link opened anew": ({"typed": {FIRST: "draft"}}, "load", link(THEIRS, f"&_n.{IDS[1]}=x")),
    "only a team name typed": ({"team": "Ops & <b>"}, "hash", link(THEIRS)),
    "storage refused, a note typed": ({"typed": {FIRST: "draft"}, "refused": True}, "hash", link(THEIRS, f"&_n.{FIRST}=theirs")),
}


def own(page) -> dict:
    """What the user sees as theirs: the answers checked, every note and context field, the saved targets."""
    return page.evaluate(
        """(key) => {
            const root = document.querySelector('[data-assessment]');
            let targets;
            try { targets = localStorage.getItem(key); } catch { targets = 'refused'; }
            return {
                answers: Object.fromEntries([...root.querySelectorAll('input[type=radio]:checked')].map(r => [r.name, r.value])),
                fields: [...root.querySelectorAll('[data-note], [data-context]')].map(f => f.value),
                targets: (targets === 'refused' ? null : JSON.parse(targets))?.targets ?? {},
            };
        }""",
        TARGETS_KEY,
    )


@pytest.mark.parametrize("case", list(OWN_THEN_LINK), ids=list(OWN_THEN_LINK))
def test_a_share_link_never_replaces_my_own_without_a_notice_and_a_way_back(page, server, case):
    have, opened, fragment = OWN_THEN_LINK[case]
    if have.get("refused"):
        page.add_init_script(REFUSE_STORAGE)
    ready = page.locator("[data-assessment][data-ready]")
    saved = {KEY: {"model": MODEL["model"], "version": MODEL["version"], "answers": have.get("answers")}}
    saved[NOTES_KEY] = {"team": "", "date": "", "answers": have.get("notes", {})}
    saved[TARGETS_KEY] = {"targets": have.get("targets", {})}
    if "answers" in have:
        open_with_saved(page, server.url + PATH, {k: json.dumps(v, separators=(",", ":")) for k, v in saved.items()})
    else:
        page.site(PATH)
    ready.wait_for(state="attached")
    for qid, text in have.get("typed", {}).items():
        page.locator(f'[data-note="{qid}"]').fill(text)
    if "team" in have:
        # Typed where the page shows it (with the result): the same input event.
        page.locator('[data-context="team"]').evaluate("(f, v) => { f.value = v; f.dispatchEvent(new Event('input', { bubbles: true })); }", have["team"])
    mine = own(page)
    watcher = None
    if opened == "load":
        # Another tab shows the same page: it is told too, and offered the way back.
        watcher = page.context.new_page()
        if have.get("refused"):
            watcher.add_init_script(REFUSE_STORAGE)
        watcher.goto(server.url + PATH)
        watcher.locator("[data-assessment][data-ready]").wait_for(state="attached")
        page.goto("about:blank")
        page.site(PATH + "#" + fragment)
    else:
        page.evaluate("(h) => { location.hash = h; }", fragment)
    page.locator("[data-aside]").wait_for(state="visible", timeout=5000)
    assert "filled in" in notices(page)
    assert own(page) != mine, "the link's own are shown"
    if watcher:
        watcher.locator("[data-aside]").wait_for(state="visible", timeout=5000)
        assert "kept aside" in notices(watcher)
    page.locator('[data-action="restore"]').click()
    page.locator("[data-aside]").wait_for(state="hidden")
    assert own(page) == mine
    if watcher:
        watcher.wait_for_function(
            "(v) => [...document.querySelectorAll('[data-note], [data-context]')].map(f => f.value).join('|') === v",
            arg="|".join(mine["fields"]),
            polling=100,
        )
