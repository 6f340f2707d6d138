"""The Content-Security-Policy is real: sent as a header, carried by every page as a
<meta> tag, and it blocks what it promises to block.

The blocking tests inject an inline script, an event-handler attribute and an `eval`
into a copy of a built page, then show that they run when the policy is removed (so
the injection works and the test could fail) and are blocked, with a
securitypolicyviolation event, by the header alone and by the <meta> tag alone.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import CONTENT, ROOT

pytestmark = pytest.mark.both_servers  # tests that use `server` also run with no headers sent

_spec = importlib.util.spec_from_file_location("browser_fixtures", Path(__file__).with_name("conftest.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)
Server, guarded_context, read_headers = fixtures.Server, fixtures.guarded_context, fixtures.read_headers
JS = ROOT / "overrides" / "assets" / "js"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
META_IGNORED = ("frame-ancestors", "report-uri", "report-to", "sandbox")

INJECTED = """
<script src="/__evil.js"></script>
<script>window.__inline = "ran";</script>
<img src="/favicon-that-is-not-there.png" onerror="window.__handler = 'ran'">
"""
EVIL_JS = 'window.__file = "ran"; try { eval("window.__eval = \'ran\'"); } catch (e) { window.__evalError = String(e); }'


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def directives(policy: str) -> dict[str, str]:
    return {d.split()[0]: " ".join(d.split()[1:]) for d in policy.split(";") if d.strip()}


def fetch(url: str):
    with urllib.request.urlopen(url) as response:  # noqa: S310 - the test's own loopback server
        return response.status, dict(response.headers), response.read().decode("utf-8")


def test_the_policy_in_headers_is_the_one_in_the_repository(built_site):
    published = read_headers(built_site)
    source = (CONTENT / "pages" / "_headers").read_text(encoding="utf-8")
    assert (built_site / "_headers").read_text(encoding="utf-8") == source
    policy = directives(published["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-eval" not in published["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["", "levels/managed/", "assessment/", "assets/js/assessment.js"])
def test_the_server_sends_the_headers_or_the_page_carries_the_policy(server, site_headers, path):
    status, headers, body = fetch(server.url + path)
    assert status == 200
    for name in ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy"):
        assert headers.get(name) == (site_headers[name] if server.sends_headers else None), name
    if path.endswith("/") or not path:
        assert FIRST_IN_HEAD.search(body), "the page's first element in <head> must be the CSP <meta>"


FIRST_IN_HEAD = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" ')


def test_every_page_carries_the_policy_as_a_meta_tag(built_site, site_headers):
    header = directives(site_headers["Content-Security-Policy"])
    expected = {k: v for k, v in header.items() if k not in META_IGNORED}
    for page in site_pages(built_site):
        html = (built_site / page).read_text(encoding="utf-8")
        found = META.findall(html.replace("&#39;", "'"))
        assert len(found) == 1, f"{page}: {len(found)} CSP meta tags"
        assert directives(found[0]) == expected, page
        head = html.split("</head>")[0]
        assert head.index('http-equiv="Content-Security-Policy"') < head.index("<script"), f"{page}: the meta tag must come before any script"
        first = re.search(r"<head>\s*(<[^>]*>)", html).group(1)
        assert first.startswith('<meta http-equiv="Content-Security-Policy"'), f"{page}: the first element in <head> is {first[:80]}"
        assert 0 < html.encode("utf-8").find(b'<meta charset="utf-8">') < 1024, f"{page}: browsers look for the charset in the first 1024 bytes"


DESCRIPTION = re.compile(r'<meta name="description" content="[^"]*">')


def _tampered_site(built_site: Path, target: Path, keep_meta: bool, at_description: bool = False) -> Path:
    """A copy of the site with INJECTED in one page's <head>: at its end, or where the
    page's description is printed (front matter text lands there, before the theme's
    own tags)."""
    shutil.copytree(built_site, target)
    page = target / "levels" / "managed" / "index.html"
    html = page.read_text(encoding="utf-8")
    if not keep_meta:
        html = META.sub("", html)
    if at_description:
        assert DESCRIPTION.search(html), "the page has no description <meta>"
        html = DESCRIPTION.sub(lambda m: m.group(0) + INJECTED, html, count=1)
    else:
        html = html.replace("</head>", INJECTED + "</head>", 1)
    page.write_text(html, encoding="utf-8")
    (target / "__evil.js").write_text(EVIL_JS, encoding="utf-8")
    return target


def _visit(browser, site: Path, headers: dict[str, str]) -> dict:
    server = Server(site, headers)
    context = guarded_context(browser, server)
    try:
        page = context.new_page()
        page.goto(server.url + "levels/managed/")
        page.wait_for_load_state("networkidle")
        return page.evaluate("""() => ({
          inline: window.__inline, handler: window.__handler, file: window.__file,
          eval: window.__eval, evalError: window.__evalError || "",
          violations: window.__cspViolations.map((v) => v.split(" ")[0]),
        })""")
    finally:
        context.close()
        server.close()


def test_without_a_policy_the_injection_runs(browser, built_site, tmp_path):
    """The control: the injected code does run when nothing blocks it."""
    seen = _visit(browser, _tampered_site(built_site, tmp_path / "site", keep_meta=False), {})
    assert seen["inline"] == seen["handler"] == seen["file"] == seen["eval"] == "ran", seen
    assert seen["violations"] == []


def test_the_header_blocks_inline_script_handlers_and_eval(browser, built_site, site_headers, tmp_path):
    seen = _visit(browser, _tampered_site(built_site, tmp_path / "site", keep_meta=False), site_headers)
    _assert_blocked(seen)


def test_the_meta_tag_alone_blocks_them_too(browser, built_site, tmp_path):
    """A host without custom headers (GitHub Pages) still gets the policy."""
    seen = _visit(browser, _tampered_site(built_site, tmp_path / "site", keep_meta=True), {})
    _assert_blocked(seen)


def test_without_a_policy_an_injection_at_the_description_runs(browser, built_site, tmp_path):
    """The control for the test below."""
    seen = _visit(browser, _tampered_site(built_site, tmp_path / "site", keep_meta=False, at_description=True), {})
    assert seen["inline"] == seen["handler"] == "ran", seen


def test_the_meta_tag_alone_blocks_an_injection_where_the_description_is_printed(browser, built_site, tmp_path):
    """Front matter is printed near the top of <head>: the <meta> policy must come before
    it, or with no headers (GitHub Pages) a script there would run before the policy."""
    seen = _visit(browser, _tampered_site(built_site, tmp_path / "site", keep_meta=True, at_description=True), {})
    _assert_blocked(seen)


def _assert_blocked(seen: dict) -> None:
    assert seen["file"] == "ran", "a same-origin script file is allowed"
    assert seen["inline"] is None, "inline <script> ran"
    assert seen["handler"] is None, "onerror= handler ran"
    assert seen["eval"] is None and "EvalError" in seen["evalError"], seen
    assert {"script-src-elem", "script-src-attr", "script-src"} <= set(seen["violations"]), seen["violations"]


def test_the_hosting_guide_quotes_the_current_headers(site_headers):
    """HOSTING.md repeats the headers for nginx and Apache: they must be today's."""
    guide = (ROOT / "HOSTING.md").read_text(encoding="utf-8")
    for name, value in site_headers.items():
        quoted = re.findall(rf'{re.escape(name)}"? "([^"]*)"', guide)
        assert len(quoted) >= 2, f"HOSTING.md gives no nginx/Apache line for {name}"
        assert set(quoted) == {value}, f"HOSTING.md quotes an old {name}: {quoted}"
        assert f"`{value}`" in guide, f"the table in HOSTING.md lacks the current {name}"


# --- The project's own scripts need nothing the policy forbids -----------------------------

FORBIDDEN = {
    "eval(": re.compile(r"(?<![\w.])eval\s*\("),
    "new Function": re.compile(r"\bnew\s+Function\s*\("),
    "Function(...)": re.compile(r"(?<![\w.])Function\s*\(\s*['\"`]"),
    "string timer": re.compile(r"\bset(?:Timeout|Interval)\s*\(\s*['\"`]"),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "inline handler": re.compile(r"""setAttribute\(\s*["']on""", re.IGNORECASE),
    "document.write": re.compile(r"\bdocument\.write(?:ln)?\s*\("),
}


def _without_comments(source: str) -> str:
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)
    return re.sub(r"(^|[^:])//[^\n]*", r"\1", source)


def test_the_project_scripts_use_no_eval_or_string_code():
    files = sorted(JS.glob("*.js"))
    assert files, "no scripts found"
    found = [f"{f.name}: {what}" for f in files for what, pattern in FORBIDDEN.items() if pattern.search(_without_comments(f.read_text(encoding="utf-8")))]
    assert not found, found


def test_the_check_for_eval_can_fail():
    for sample in ['eval("1")', "x = new Function('return 1')", 'setTimeout("go()", 1)']:
        assert any(p.search(sample) for p in FORBIDDEN.values()), sample


def test_theme_partials_carry_no_inline_script():
    for partial in sorted((ROOT / "overrides").rglob("*.html")):
        html = partial.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, f"{partial.relative_to(ROOT)}: inline {tag}"
