"""The hostile build (tests/test_hostile_text.py) in Chromium, under the site's CSP.

On every page: no dialog opens, no script error or CSP violation happens (an injected
inline script or handler would be blocked and reported), window.__pwned is never set,
no element carries an event-handler attribute or a `javascript:` address, and each
hostile value is visible text where its field is shown: in the page, in the mermaid
diagram's labels, in the questionnaire and in its result view. Every test runs with no
headers sent (GitHub Pages), where the <meta> policy is the only guard: the header carries
the same policy (tests/browser/test_csp.py), so a page that holds here holds with it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.content import level_title
from tests.browser.conftest import DESKTOP, Server, kept_page
from tests.test_hostile_text import ESCAPED_TWICE, escaped_twice, hostile_build, normal

HERE = Path(__file__).resolve().parent

AUDIT = """
() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
        if (name.startsWith("on")) found.push(`<${el.localName} ${name}>`);
        if (/(^|:)(href|src|action|formaction|srcdoc)$/.test(name) && /^(javascript|vbscript|data:text\\/html)/.test(value)) found.push(`<${el.localName} ${name}=${attr.value}>`);
      }
      if (["iframe", "object", "embed", "base"].includes(el.localName)) found.push(`<${el.localName}>`);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
}
"""

PWNED = "[window.__pwned, window.parent && window.parent.__pwned]"


def site_pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else "" for p in site.rglob("index.html"))


@pytest.fixture(scope="module")
def build():
    return hostile_build()


@pytest.fixture(scope="module")
def hostile_server(build):
    server = Server(build.site, {})
    yield server
    server.close()


@pytest.fixture
def hostile_page(kept_tabs, hostile_server):
    """The worker's kept tab on the hostile site, with the theme's search worker (the
    hostile search index is searched too). A test fails if a dialog or another tab opens."""
    dialogs: list[str] = []
    with kept_page(kept_tabs, hostile_server, DESKTOP, search=True) as page:
        page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
        yield page
        assert not dialogs, f"dialogs opened: {dialogs}"
        assert page.context.pages == [page], f"another tab opened: {[p.url for p in page.context.pages]}"


def assert_nothing_ran(page, where: str) -> None:
    assert page.evaluate(PWNED) == [None, None], f"{where}: a payload ran"
    injected = page.evaluate(AUDIT)
    assert not injected, f"{where}: injected markup {injected[:10]}"


LEVELS = yaml.safe_load((HERE.parents[1] / "content" / "levels.yml").read_text(encoding="utf-8"))["levels"]
PAGES = ["", "about/", "assessment/", "changelog/", "editions/", "fields/", "progress/", "references/", "team/", *(f"levels/{lv['slug']}/" for lv in LEVELS)]
"""Every page of the site, known without building it (so collecting the tests is cheap)."""


def test_every_page_of_the_hostile_site_is_visited(build):
    assert sorted(PAGES) == site_pages(build.site)


@pytest.mark.parametrize("path", PAGES)
def test_each_page_shows_the_hostile_text_and_runs_none_of_it(hostile_page, build, path):
    response = hostile_page.site(path)
    assert response.status == 200
    hostile_page.wait_for_load_state("networkidle")
    if path == "":
        hostile_page.locator("div.mermaid svg").wait_for(timeout=15000)
    text = normal(hostile_page.evaluate("document.body.innerText"))
    missing = [p for p in build.placed if path in p.pages and normal(p.value) not in text]
    assert not missing, "not shown as text:\n" + "\n".join(f"{p.file} {p.path}: {p.value!r}" for p in missing[:10])
    assert not escaped_twice(text), f"escaped twice: {escaped_twice(text)}"
    # Hovering and clicking into the content triggers nothing either.
    for link in hostile_page.locator("article a[href^='https://example.com/']").all():
        link.hover()
    hostile_page.locator("article").first.hover()
    assert_nothing_ran(hostile_page, path or "home")


def test_the_diagram_labels_show_the_hostile_text(hostile_page, build):
    hostile_page.site("")
    svg = hostile_page.locator("div.mermaid svg")
    svg.wait_for(timeout=15000)
    labels = normal(svg.evaluate("el => el.textContent"))
    levels = build.data["levels"]["levels"]
    form = yaml.safe_load((build.repo / "content" / "ui.yml").read_text(encoding="utf-8"))["level_title"]
    expected = [level_title(lv, form) for lv in levels]
    expected += [area for lv in levels for area in lv["focus_areas"]]
    missing = [e for e in expected if normal(e) not in labels]
    assert not missing, f"diagram labels lack {missing[:5]}\ndiagram text: {labels[:500]}"
    assert not escaped_twice(labels), f"escaped twice: {escaped_twice(labels)}"
    assert_nothing_ran(hostile_page, "diagram")


def test_the_questionnaire_and_its_result_show_the_hostile_text(hostile_page, build):
    hostile_page.site("assessment/")
    hostile_page.wait_for_load_state("networkidle")
    questions = build.data["questions"]["questions"]
    form = normal(hostile_page.locator("[data-assessment-form]").inner_text())
    for q in questions:
        for value in (q["dimension"], q["question"], q["help"], *(o["text"] for o in q["options"])):
            assert normal(value) in form, value

    # The lowest answer everywhere: a total at the bottom of the first level.
    for q in questions:
        hostile_page.locator(f'input[name="{q["id"]}"][value="{q["options"][0]["points"]}"]').check()
    report = hostile_page.locator("[data-report]")
    report.wait_for(state="visible", timeout=5000)
    shown = normal(report.inner_text())
    level = build.data["levels"]["levels"][0]
    for value in (level["name"], level["summary"], *level["advance"], *(q["dimension"] for q in questions)):
        assert normal(value) in shown, f"result view lacks {value!r}"
    assert not escaped_twice(shown), f"escaped twice: {escaped_twice(shown)}"
    assert_nothing_ran(hostile_page, "assessment result")


def test_the_embedded_json_parses_back_in_the_browser(hostile_page, build):
    hostile_page.site("assessment/")
    data = hostile_page.evaluate("""() => {
      const holder = document.querySelector("template[data-assessment-data]");
      const script = holder ? holder.content.getElementById("assessment-data") : document.getElementById("assessment-data");
      return JSON.parse(script.textContent);
    }""")
    questions = build.data["questions"]["questions"]
    assert [q["dimension"] for q in data["questions"]] == [q["dimension"] for q in questions]
    assert [[o["text"] for o in q["options"]] for q in data["questions"]] == [[o["text"] for o in q["options"]] for q in questions]
    assert [lv["name"] for lv in data["levels"]] == [lv["name"] for lv in build.data["levels"]["levels"]]
    assert json.dumps(data["references"], sort_keys=True) == json.dumps(
        {r["id"]: {"title": r["title"], "url": r["url"], "kind": r["kind"]} for r in build.data["references"]["references"]}, sort_keys=True)


def search(page, query: str) -> str:
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    return normal(page.locator(".md-search-result").inner_text())


def test_search_results_show_the_hostile_text(hostile_page):
    hostile_page.site("")
    hostile_page.wait_for_load_state("networkidle")
    shown = search(hostile_page, "Subheading")
    assert "# Heading ## Subheading" in shown, f"search results should show the markdown characters as text: {shown[:300]}"
    assert not escaped_twice(shown, ESCAPED_TWICE), f"escaped twice: {escaped_twice(shown, ESCAPED_TWICE)}"
    assert_nothing_ran(hostile_page, "search results")


def test_search_results_do_not_show_the_diagram_source(hostile_page):
    hostile_page.site("")
    hostile_page.wait_for_load_state("networkidle")
    shown = search(hostile_page, "Subheading")
    assert "graph TD" not in shown and not escaped_twice(shown), shown[:300]
