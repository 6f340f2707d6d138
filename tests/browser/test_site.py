"""Every built page opens in Chromium under the site's CSP, asks nothing of any other
host, and the progression diagram is drawn as SVG from the site's own mermaid."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import drawing, load_content
from generator.pages import GENERATED_PAGES
from tests.browser.conftest import Server, assert_clean, english_pages, guarded, guarded_context, instant_copy
from tests.helpers import CONTENT, build_site


def site_pages(site: Path) -> list[str]:
    return english_pages(site)


MERMAID = "assets/vendor/mermaid.min.js"


def test_site_has_every_generated_page(built_site):
    """Every page the generator writes (generator/pages.py's one list and a page per level),
    and every hand-written page of content/pages, is in the built site."""
    content = load_content(CONTENT)
    generated = [p.path.removesuffix(".md").removesuffix("index") for p in GENERATED_PAGES]
    levels = [f"levels/{level['slug']}" for level in content.levels]
    written = [p.relative_to(CONTENT / "pages").with_suffix("").as_posix() for p in (CONTENT / "pages").rglob("*.md")]
    expected = {"" if not p else p.removesuffix("/index").removesuffix("index") + "/" for p in [*generated, *levels, *written]}
    assert expected <= set(site_pages(built_site)), sorted(expected - set(site_pages(built_site)))


def test_home_diagram_is_drawn_as_svg_with_every_level(browser, browser_drawn_server):
    """Drawn in the reader's browser, the fallback where the build could not draw it."""
    with guarded(browser, browser_drawn_server) as context:
        page = context.new_page()
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(browser_drawn_server.url)
        svg = page.locator("div.mermaid svg")
        svg.wait_for(timeout=15000)
        text = svg.evaluate("el => el.textContent")
        content = load_content(CONTENT)
        for level in content.levels:  # each level's title, and the first step its arrow names
            assert content.level_title(level) in text
            for area in level.get("focus_areas", [])[:1]:
                assert area in text, area
        assert any(url.endswith(MERMAID) for url in requested)
        # The text equivalent sits beside the diagram.
        assert content.ui["home"]["diagram_in_words"].strip("*:") in page.locator(".progression-text").inner_text()


@pytest.mark.parametrize("path", ["levels/managed/", "references/", "assessment/"])
def test_pages_without_a_diagram_do_not_load_mermaid(page, path):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.site(path)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if u.endswith(MERMAID)]


def test_diagram_draws_after_instant_navigation_from_a_page_without_one(browser, browser_drawn_site, site_headers, tmp_path):
    instant_server = instant_copy(browser_drawn_site, site_headers, tmp_path)
    try:
        with guarded(browser, instant_server) as context:
            page = context.new_page()
            page.goto(instant_server.url + "levels/managed/")
            page.wait_for_load_state("networkidle")
            page.evaluate("window.__sameDocument = true")
            page.locator("a.md-header__button.md-logo").click()
            page.locator("div.mermaid svg").wait_for(timeout=15000)
            assert page.evaluate("window.__sameDocument") is True, "the click was a full page load, not instant navigation"
    finally:
        instant_server.close()


def test_mermaid_waits_until_the_diagram_nears_the_viewport(browser, browser_drawn_server):
    server = browser_drawn_server
    with guarded(browser, server, viewport={"width": 390, "height": 400}) as context:
        page = context.new_page()
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(server.url)
        page.wait_for_load_state("networkidle")
        assert not [u for u in requested if u.endswith(MERMAID)], "mermaid loaded before the diagram was in sight"
        page.locator("pre.mermaid").scroll_into_view_if_needed()
        page.locator("div.mermaid svg").wait_for(timeout=15000)
        assert [u for u in requested if u.endswith(MERMAID)]


@pytest.mark.skipif(not os.access(drawing.CHROMIUM, os.X_OK), reason="needs Chromium at /usr/bin/chromium")
def test_a_diagram_drawn_at_build_time_shows_without_javascript_or_mermaid(browser, built_site, site_headers, tmp_path):
    """PRERENDER_DIAGRAMS=1 (`make build`, the deploy workflow): the home page carries the
    SVG, so it shows with JavaScript off, and with it on the page asks for no mermaid, stays
    within the CSP and still gets its accessible name. (The tests above cover the fallback.)
    The site `make build` made is used as it is; a bare build is drawn here."""
    site = built_site
    if 'id="progression"' not in (built_site / "index.html").read_text(encoding="utf-8"):
        site = tmp_path / "site"
        result = build_site(site, env={**os.environ, drawing.ENV: "1"})
        assert result.returncode == 0, result.stdout + result.stderr
    server = Server(site, site_headers)
    try:
        off = browser.new_context(java_script_enabled=False)
        page = off.new_page()
        page.goto(server.url)
        box = page.locator("div.progression-diagram svg#progression").bounding_box()
        assert box and box["height"] > 200, box
        off.close()

        on = guarded_context(browser, server)
        page = on.new_page()
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(server.url)
        page.wait_for_load_state("networkidle")
        assert page.locator("div.progression-diagram.mermaid").get_attribute("role") == "img"
        assert not [u for u in requested if u.endswith(MERMAID)]
        assert_clean(on, [page])
        on.close()
    finally:
        server.close()


def test_the_home_page_shows_the_navigation_to_every_page_at_desktop_width(page, built_site):
    """At 1280 px the home page has the site's navigation beside it, as every other page does:
    the team view and progress were reachable only through search."""
    page.site("")
    nav = page.locator("nav.md-nav--primary")
    for path in ("assessment/", "team/", "progress/", "references/"):
        link = nav.locator(f'a[href$="{path}"]').first
        assert link.is_visible(), f"no visible link to {path} on the home page"


def test_the_guard_blocks_and_reports_a_request_to_another_host(browser, tmp_path):
    """What every browser test relies on: a page (here one with no CSP to stop it) that asks
    another host for something gets nothing, and `assert_clean` fails its test."""
    (tmp_path / "index.html").write_text('<img id="x" src="http://cdn.example.org/lib.png"><p>plain</p>', encoding="utf-8")
    server = Server(tmp_path, {})
    context = guarded_context(browser, server)
    try:
        page = context.new_page()
        failed = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(server.url)
        page.wait_for_function("() => document.getElementById('x').complete")
        assert page.evaluate("document.getElementById('x').naturalWidth") == 0
        assert failed == ["http://cdn.example.org/lib.png"]
        with pytest.raises(AssertionError, match="requests to other hosts: .*cdn.example.org"):
            assert_clean(context, [page])
    finally:
        context.close()
        server.close()
