"""The same checks on the site each engine builds: it builds; every page carries the
CSP <meta>; no page asks another host for anything (nor breaks the policy, nor throws);
the questionnaire turns answers into the right level; axe finds nothing serious or
critical. Engines and their status: tests/canary/conftest.py and ENGINES.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import load_content
from generator.render import assessment_data
from tests.browser.conftest import Server, assert_clean, guarded_context, read_headers
from tests.browser.questionnaire import answer, answers_for_total, band_edges, expect_result, open_assessment
from tests.helpers import CONTENT, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CSP_META = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="[^"]+">')


def pages(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))


@pytest.fixture(scope="session")
def site(builds, engine) -> Path:
    built = builds(engine)
    if not built.ok:
        pytest.fail(f"{engine} build failed:\n{built.log[-2000:]}")
    return built.site


@pytest.fixture(scope="session")
def server(site):
    headers = read_headers(site) if (site / "_headers").is_file() else {}
    srv = Server(site, headers)
    yield srv
    srv.close()


@pytest.fixture
def context(browser, server):
    """A fresh guarded context per check, closed whatever happens."""
    ctx = guarded_context(browser, server)
    yield ctx
    ctx.close()


def test_builds(builds, engine):
    built = builds(engine)
    assert built.ok, built.log[-2000:]
    assert not built.notes, "; ".join(built.notes)


def test_csp_meta_on_every_page(site):
    files = sorted(site.rglob("index.html")) + [site / "404.html"]
    missing = [str(f.relative_to(site)) for f in files if not CSP_META.search(f.read_text(encoding="utf-8"))]
    assert len(files) > 5
    assert not missing, f"no CSP <meta> first in <head>: {missing}"


def test_no_offhost_request_on_any_page(context, server, site):
    page = context.new_page()
    for path in pages(site):
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
    assert_clean(context, [page])


def test_questionnaire_answers_give_the_level(context, server):
    model = assessment_data(load_content(CONTENT))
    page = context.new_page()
    page.site = lambda path="": page.goto(server.url + path)
    for total, level in band_edges(model):
        open_assessment(page)
        answer(page, answers_for_total(model, total))
        expect_result(page, total, level)
    assert_clean(context, [page])


def test_axe_finds_nothing_serious(context, server, site):
    context.add_init_script(path=str(AXE))
    found = []
    page = context.new_page()
    for path in pages(site):
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                   ".map(v => `${v.impact} ${v.id}: ${v.nodes.length} node(s)`)")
        found += [f"/{path}: {v}" for v in violations if v.startswith(("serious", "critical"))]
    assert not found, "\n".join(found)
