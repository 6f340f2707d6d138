"""Browser fixtures: the built site served on 127.0.0.1 with the site's own security
headers (content/pages/_headers, so every browser test runs under the strict CSP),
and Debian's Chromium driven by Playwright.

A test module marked `both_servers` runs each test that uses `server` twice: with the
headers, and with none at all, as GitHub Pages serves the site (the <meta> policy is
then the only guard); the CSP tests are marked. A module marked `no_headers` runs only
with none: the tampering corpus, whose cases depend on the policy, which test_csp.py
proves the same in the header and the <meta> tag, not on who carries it.

Every `page` fails its test on: a request to any other host (it is blocked and
recorded), a Content-Security-Policy violation, or an uncaught script error.
Closed shadow roots are forced open so tests can see mermaid's SVG.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from generator import drawing
from generator.translate import languages
from tests.helpers import CONTENT, ROOT, build_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
"""Every host name but the test server's fails to resolve: a request to another host is
blocked by the browser itself, and `Guard` records it from the request event. (Routing
every request through Playwright instead costs a quarter of the suite's CPU time and
turns the HTTP cache off.)"""

OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
})();
"""

WATCH_PAGE = """
(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
  });
})();
"""


TRANSLATIONS = languages(CONTENT)
"""The languages built into site/<language>/ (the folders of content/translations/, as `make build` builds them)."""


def english_pages(site: Path) -> list[str]:
    """Every page of the English site ('' for home, 'levels/initial/'...), not those of
    its translations: the per-page browser checks run in English, and
    tests/browser/test_languages.py checks the translated sites."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if p.relative_to(site).parts[0] not in TRANSLATIONS
    )


def read_headers(site: Path) -> dict[str, str]:
    """The `/*` block of the site's `_headers` file."""
    headers: dict[str, str] = {}
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):  # keep test output readable
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page that closes mid-download is no error of the site's: no traceback for it."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Server:
    """A static HTTP server for a folder, in a thread, on a free loopback port."""

    def __init__(self, folder: Path, headers: dict[str, str]):
        handler = type("Handler", (_Handler,), {"extra_headers": headers})
        self.httpd = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + "/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def site_headers(built_site) -> dict[str, str]:
    return read_headers(built_site)


SERVED = {"headers": True, "no headers": False}
"""How `server` serves the site: with the `_headers` headers, or with none (GitHub Pages)."""


def pytest_configure(config):
    config.addinivalue_line("markers", "both_servers: run each test with the site served with its headers and with none")
    config.addinivalue_line("markers", "no_headers: run each test with the site served with no headers, as GitHub Pages does")


SERVED_BY_MARKER = {"both_servers": list(SERVED), "no_headers": ["no headers"]}


def pytest_generate_tests(metafunc):
    if "server" not in metafunc.fixturenames:
        return
    for marker, served in SERVED_BY_MARKER.items():
        if metafunc.definition.get_closest_marker(marker):
            metafunc.parametrize("server", served, indirect=True, scope="session")
            return


@pytest.fixture(scope="session")
def server(request, built_site, site_headers):
    """The built site on a loopback port; `server.sends_headers` says whether it sends them."""
    sends = SERVED[getattr(request, "param", "headers")]
    srv = Server(built_site, site_headers if sends else {})
    srv.sends_headers = sends
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def browser_drawn_site(tmp_path_factory) -> Path:
    """The English site with its diagram left to the reader's browser (PRERENDER_DIAGRAMS=0):
    the fallback where no browser could draw it at build time, as `make build` does."""
    out = tmp_path_factory.mktemp("browser-drawn")
    result = build_site(out, env={**os.environ, drawing.ENV: "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def browser_drawn_server(browser_drawn_site, site_headers):
    srv = Server(browser_drawn_site, site_headers)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def instant_server(built_site, site_headers, tmp_path_factory):
    server = instant_copy(built_site, site_headers, tmp_path_factory.mktemp("instant"))
    yield server
    server.close()


def instant_copy(built_site: Path, site_headers: dict[str, str], folder: Path) -> Server:
    """A copy of the site whose sitemap lists its pages at this server's address.

    mkdocs-material navigates instantly only to pages in sitemap.xml, matched by
    protocol, host AND port; the build has no site_url, so its sitemap is empty and every
    click is a full page load. This copy stands for a deployment with site_url set."""
    site = folder / "site"
    shutil.copytree(built_site, site)
    server = Server(site, site_headers)
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    urls = "".join(f"<url><loc>{server.url}{'' if p == '.' else p + '/'}</loc></url>" for p in pages)
    (site / "sitemap.xml").unlink(missing_ok=True)
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        encoding="utf-8",
    )
    return server


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, OFFLINE])
        yield b
        b.close()


class Guard:
    """What a page did that it must not: off-host requests, CSP violations, script errors."""

    def __init__(self, origin: str):
        self.origin = origin
        self.offhost: list[str] = []
        self.errors: list[str] = []

    def request(self, request):
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))):
            self.offhost.append(url)


def guarded_context(browser, server, **options):
    """A fresh browser context (empty storage) with the guard on every page."""
    context = browser.new_context(**options)
    guard = Guard(server.origin)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    context.add_init_script(WATCH_PAGE)
    context.on("request", guard.request)
    context.on("page", lambda page: page.on("pageerror", lambda exc: guard.errors.append(str(exc))))
    context.guard = guard
    return context


@contextlib.contextmanager
def guarded(browser, server, **options):
    """A guarded context for a test's own pages: clean (`assert_clean` over its pages) when
    the test's body passed, and closed whatever happened."""
    context = guarded_context(browser, server, **options)
    try:
        yield context
        assert_clean(context, list(context.pages))
    finally:
        context.close()


def assert_clean(context, pages) -> None:
    guard = context.guard
    violations = []
    for page in pages:
        if not page.is_closed():
            try:
                violations += page.evaluate("window.__cspViolations || []")
            except Exception:  # a page mid-navigation has no document to ask
                pass
    assert not guard.offhost, f"requests to other hosts: {guard.offhost}"
    assert not violations, f"Content-Security-Policy violations: {violations}"
    assert not guard.errors, f"script errors: {guard.errors}"


@pytest.fixture
def context(browser, server):
    ctx = guarded_context(browser, server, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    pages = list(ctx.pages)
    try:
        assert_clean(ctx, pages)
    finally:
        ctx.close()


@pytest.fixture
def page(context, server):
    pg = context.new_page()
    pg.site = lambda path="": pg.goto(server.url + path.lstrip("/"))
    return pg


PHONE = {"width": 360, "height": 800}
"""The phone every 360 px test runs on (`phone`)."""


@pytest.fixture
def phone(browser, server):
    """A page in a fresh 360 px wide context, guarded as `page` is."""
    ctx = guarded_context(browser, server, viewport=PHONE)
    pg = ctx.new_page()
    pg.site = lambda path="": pg.goto(server.url + path.lstrip("/"))
    yield pg
    try:
        assert_clean(ctx, [pg])
    finally:
        ctx.close()


@pytest.fixture
def axe_page(context, server):
    """A page with axe-core loaded (tests/browser/test_a11y.py's `assert_accessible`)."""
    context.add_init_script(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    page = context.new_page()
    page.site = lambda path="": page.goto(server.url + path.lstrip("/"))
    return page


def open_with_saved(page, url: str, saved: dict[str, str]) -> None:
    """Open `url` with `saved` ({key: text}) in localStorage before the page's own scripts run.

    The page writes them itself, from an init script, so no `storage` event is sent to it:
    a value set from a page just before a reload can reach the reloaded page as another
    tab's change (Chromium delivers the event late), which made the page say so. Written on
    the tab's first load of the site only (a flag in its sessionStorage), so what the page
    saves afterwards survives the test's later loads."""
    writes = "".join(f"localStorage.setItem({json.dumps(k)}, {json.dumps(v)});" for k, v in saved.items())
    page.add_init_script(
        "if (location.origin !== 'null') { try { if (!sessionStorage.getItem('__seeded')) {"
        f" {writes} sessionStorage.setItem('__seeded', '1'); }} }} catch (e) {{}} }}"
    )
    page.goto(url)
