"""Every page opens cleanly, and axe-core finds no serious or critical accessibility problem
on any page, in the light and the dark color scheme, nor in any state of the
self-assessment (0 to all answered, held back, a shared link opened over one's own), the
team view with members and progress with a history, in every language. Each language and
scheme is one page walked through its states (a page load is the slow part), axe checking
the part that changed.

axe is loaded as an init script (init scripts are not subject to the page's CSP, so
the policy stays as strict as in production). Closed shadow roots are forced open by
the fixtures, so axe also sees inside the mermaid diagram.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import english_pages
from tests.helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
SCHEMES = {"light": "default", "dark": "slate"}


def site_pages(site: Path) -> list[str]:
    return english_pages(site)


def run_axe(page, within: str | None = None) -> list[dict]:
    """axe's violations on the page, or only within the element `within` selects."""
    return page.evaluate(
        """async (within) => {
          // label-content-name-mismatch (WCAG 2.5.3: a control's name holds its visible label) is
          // one of axe's experimental rules, off unless asked for.
          const result = await axe.run(within ? document.querySelector(within) : document, { resultTypes: ["violations"], rules: { "label-content-name-mismatch": { enabled: true } } });
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 160), summary: n.failureSummary })),
          }));
        }""",
        within,
    )


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.append("      " + node["summary"].replace("\n", "\n      "))
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page, where: str, within: str | None = None) -> None:
    blocking = [v for v in run_axe(page, within) if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {where}:\n{report(blocking)}"


def switch_to(page, scheme: str) -> None:
    """The palette toggle, clicked until the page shows `scheme` (the visible label offers the next one)."""
    wanted = SCHEMES[scheme]
    for _ in range(3):
        if page.evaluate("document.body.dataset.mdColorScheme") == wanted:
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == wanted


def open_in_scheme(page, path: str, scheme: str):
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    response = page.site(path)
    page.wait_for_load_state("networkidle")
    switch_to(page, scheme)
    if page.locator("div.mermaid, pre.mermaid").count():
        page.locator("div.mermaid svg").wait_for(timeout=15000)
    return response


def test_axe_is_installed():
    assert AXE.is_file(), "run 'npm ci' to install axe-core"


@pytest.mark.search
def test_every_page_opens_cleanly_and_has_no_serious_accessibility_problem_in_either_scheme(axe_page, built_site):
    """One walk over every page: it opens (200, a heading; the `context` fixture fails the test
    on any request to another host, CSP violation or script error), then axe runs in the
    light scheme and again after the palette toggle switches the same page to dark."""
    failures = []
    for path in site_pages(built_site):
        response = open_in_scheme(axe_page, path, "light")
        assert response.status == 200, path
        assert axe_page.locator("h1").first.inner_text().strip(), f"{path} has no heading"
        for scheme in SCHEMES:
            switch_to(axe_page, scheme)
            blocking = [v for v in run_axe(axe_page) if v["impact"] in BLOCKING]
            if blocking:
                failures.append(f"--- /{path} ({scheme})\n{report(blocking)}")
    assert not failures, "\n".join(failures)


LANGUAGES = {"en": "", "es": "es/", "ja": "ja/"}


def model_of(page) -> dict:
    return json.loads(page.evaluate("document.querySelector('template[data-assessment-data]').content.getElementById('assessment-data').textContent"))


def points_of(model: dict, pick) -> dict:
    """One answer per question: `pick(sorted points of its options, question index)`."""
    return {q["id"]: pick(sorted(o["points"] for o in q["options"]), i) for i, q in enumerate(model["questions"])}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_state_of_the_assessment_team_view_and_progress_has_no_serious_problem(axe_page, server, language, scheme):
    page, prefix = axe_page, LANGUAGES[language]
    open_in_scheme(page, f"{prefix}assessment/", scheme)
    model = model_of(page)
    count = len(model["questions"])
    assert_accessible(page, f"{language} assessment, nothing answered ({scheme})")
    # Answered one by one to a result held back: the top option everywhere but two at the lowest.
    held = points_of(model, lambda points, i: points[0] if i >= count - 2 else points[-1])
    for n, (qid, points) in enumerate(held.items(), start=1):
        page.locator(f'input[name="{qid}"][value="{points}"]').check()
        if n < count:
            links = page.locator("[data-assessment] a[href^='#q-']")
            expect(links).to_have_count(count - n)
            for link in links.all():  # the name a screen reader and voice control use holds the number shown
                assert link.inner_text().strip() in link.evaluate("a => a.getAttribute('aria-label') ?? a.textContent")
            assert_accessible(page, f"{language} assessment, {n} answered ({scheme})", "[data-assessment]")
    page.locator("[data-report]").wait_for(state="visible", timeout=5000)
    assert_accessible(page, f"{language} assessment, a result held back ({scheme})", "[data-assessment]")
    # A shared link with other answers and notes opened over mine: its notice and "Back to my answers".
    theirs = points_of(model, lambda points, i: points[len(points) // 2])
    fragment = f"{model['model']}@{model['version']}&" + "&".join(f"{k}={v}" for k, v in theirs.items()) + f"&_n.{model['questions'][0]['id']}=note"
    page.evaluate("(h) => { location.hash = h; }", fragment)
    page.locator("[data-aside]").wait_for(state="visible", timeout=5000)
    assert_accessible(page, f"{language} assessment, a shared link opened over my answers ({scheme})", "[data-assessment]")

    # The team view with members, one of them not knowing an answer, names shown.
    page.goto(server.url + f"{prefix}team/")
    members = [held, theirs, {**theirs, model["questions"][0]["id"]: "dk"}]
    files = [{"name": f"m{i}.json", "mimeType": "application/json", "buffer": json.dumps({"model": model["model"], "version": model["version"], "name": f"M{i}", "answers": m}).encode()} for i, m in enumerate(members)]
    page.set_input_files("[data-team-files]", files)
    page.wait_for_selector("[data-team-total]")
    page.locator("[data-team-names]").check()
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    assert_accessible(page, f"{language} team view ({scheme})")

    # Progress: a kept result, one another version kept, compared with the current answers (the link's).
    lowest = points_of(model, lambda points, i: points[0])
    history = [{"date": "2026-01-05T10:00:00.000Z", "version": model["version"], "answers": lowest}, {"date": "2026-02-05T10:00:00.000Z", "version": "999.0.0", "answers": {}}]
    page.goto(server.url + f"{prefix}progress/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"{model['model']}-history", json.dumps(history)])
    page.reload()
    page.wait_for_selector("[data-compare-table]")
    page.wait_for_selector("[data-history-unread]")
    assert_accessible(page, f"{language} progress ({scheme})")


@pytest.mark.search
def test_the_search_dialog_has_no_serious_accessibility_problem(axe_page):
    open_in_scheme(axe_page, "", "light")
    axe_page.keyboard.press("/")
    axe_page.locator("input.md-search__input").press_sequentially("prompt", delay=20)
    axe_page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    assert_accessible(axe_page, "the search dialog with results")


def test_the_check_can_fail(axe_page):
    """An image without alt text and an unlabeled button are reported."""
    open_in_scheme(axe_page, "about/", "light")
    axe_page.evaluate("""() => {
      const img = document.createElement("img"); img.src = "../assets/images/favicon.svg";
      const button = document.createElement("button");
      document.querySelector("article").append(img, button);
    }""")
    ids = {v["id"] for v in run_axe(axe_page) if v["impact"] in BLOCKING}
    assert {"image-alt", "button-name"} <= ids


def test_the_diagram_and_the_search_dialog_have_accessible_names(page):
    page.site("")
    page.locator("div.mermaid svg").wait_for(timeout=15000)
    diagram = page.get_by_role("img", name=re.compile(r"^Diagram: \S"))
    expect(diagram).to_have_count(1)  # labeled by a mutation observer, just after drawing
    assert diagram.evaluate("el => el.classList.contains('mermaid')")
    assert page.get_by_role("dialog", name="Search").count() == 1


@pytest.mark.parametrize("motion, longest", [("reduce", 0.001), ("no-preference", 10.0)])
def test_reduced_motion_turns_transitions_off(page, motion, longest):
    page.emulate_media(reduced_motion=motion)
    page.site("")
    seconds = page.locator(".md-typeset .md-button").first.evaluate(
        "el => Math.max(...getComputedStyle(el).transitionDuration.split(',').map((t) => parseFloat(t) / (t.trim().endsWith('ms') ? 1000 : 1)))"
    )
    if motion == "reduce":
        assert seconds <= longest
    else:
        assert 0.05 <= seconds <= longest, "the theme's button transition should be there without the preference"
