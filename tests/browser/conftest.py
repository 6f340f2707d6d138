"""Browser fixtures: the built site served on 127.0.0.1 with the site's own security
headers (content/pages/_headers, so every browser test runs under the strict CSP),
and Debian's Chromium driven by Playwright.

A test module marked `both_servers` runs each test that uses `server` twice: with the
headers, and with none at all, as GitHub Pages serves the site (the <meta> policy is
then the only guard); the CSP tests are marked. A module marked `no_headers` runs only
with none: the tampering corpus, whose cases depend on the policy, which test_csp.py
proves the same in the header and the <meta> tag, not on who carries it.

`page` and `phone` are a tab the worker keeps open between tests (KeptTab: a fresh
context per test cost about three times the CPU of a page load, and this stage is
CPU-bound), cleared between tests so each starts with nothing saved; `context` is a
fresh one for tests that change it. The kept tabs go without the theme's search worker
(LEAVE_OUT_SEARCH); a test marked `search` gets a kept tab with it. Every page fails its test on: a request to any
other host (it is blocked and recorded), a Content-Security-Policy violation, or an
uncaught script error.
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

LEAVE_OUT_SEARCH = """
(() => {
  const RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!String(url).includes("/workers/search.")) return new RealWorker(url, options);
    const idle = new EventTarget();
    idle.postMessage = () => {};
    idle.terminate = () => {};
    return idle;
  };
})();
"""
"""The theme's search worker, replaced by one that never answers: it builds the whole
site's search index on every page load, about a quarter of a page load's CPU, for
tests that never search. Tests marked `search` (the search dialog, Japanese search, the
walk over every page) keep it, as do `context` and the hostile site's pages."""

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
    config.addinivalue_line("markers", "search: the kept tab keeps the theme's search worker (LEAVE_OUT_SEARCH)")


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
    # Through the class: a kept page's own `on` is recorded to be undone after each test.
    context.on("page", lambda page: type(page).on(page, "pageerror", lambda exc: guard.errors.append(str(exc))))
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


def with_site(page, server):
    """`page.site(path)` opens `path` of the site `server` serves."""
    page.site = lambda path="": page.goto(server.url + path.lstrip("/"))
    return page


DESKTOP = {"width": 1280, "height": 900}
"""The screen of `page` and `context`."""
PHONE = {"width": 360, "height": 800}
"""The phone every 360 px test runs on (`phone`)."""


@pytest.fixture
def context(browser, server):
    """A fresh guarded context of the test's own, for tests that change the context
    (init scripts, permissions, listeners); `page` then opens in it."""
    with guarded(browser, server, viewport=DESKTOP, accept_downloads=True) as ctx:
        yield ctx


PAGE_CHANGES = ("once", "route", "route_from_har", "unroute", "expose_function", "expose_binding",
                "set_extra_http_headers", "set_default_timeout", "set_default_navigation_timeout")
CONTEXT_CHANGES = ("add_init_script", "on", "once", "route", "route_from_har", "unroute", "expose_function",
                   "expose_binding", "set_extra_http_headers", "grant_permissions", "clear_permissions",
                   "set_offline", "add_cookies", "set_geolocation", "set_default_timeout",
                   "set_default_navigation_timeout")
"""What a test may change on a kept tab that is not undone: calling any of them makes the
kept page (or its context) the test's alone, closed after it. A page's init scripts,
listeners, emulated media and viewport are undone instead (KeptTab._undoable)."""


class KeptTab:
    """A guarded context and page that a worker's tests take turns with.

    Opening a page costs about three times the CPU of a page load in a tab already open
    (a new renderer process; in a new context also no warm HTTP or code cache), and the
    browser stage is CPU-bound. Between tests the tab goes to about:blank, what the test
    set on the page is undone (init scripts, listeners, media, viewport) and the site's
    storage (local and session) is cleared, so each test starts with nothing saved, as in
    a fresh context; a page or context changed in other ways (PAGE_CHANGES,
    CONTEXT_CHANGES) is closed."""

    def __init__(self, browser, server, viewport: dict, search: bool):
        self.browser, self.server, self.viewport, self.search = browser, server, viewport, search
        self.context = self.page = None

    def take(self):
        if self.context is None:
            self.context = guarded_context(self.browser, self.server, viewport=self.viewport, accept_downloads=True)
            if not self.search:
                self.context.add_init_script(LEAVE_OUT_SEARCH)
            self.context.changed = False
            _flag_changes(self.context, CONTEXT_CHANGES)
        if self.page is None:
            self.page = self._new_page()
        self.context.guard.offhost.clear()
        self.context.guard.errors.clear()
        return self.page

    def _new_page(self):
        page = self.context.new_page()
        page.changed = False
        _flag_changes(page, PAGE_CHANGES)
        self._undoable(page)
        return with_site(page, self.server)

    def _undoable(self, page) -> None:
        """The page changes a test makes most, recorded to be undone in `give_back`."""
        page.undo = []
        add_init_script, on = page.add_init_script, page.on
        emulate_media, set_viewport_size = page.emulate_media, page.set_viewport_size

        def added_script(*args, **kwargs):
            script = add_init_script(*args, **kwargs)
            page.undo.append(script.close)
            return script

        def listened(event, handler):
            on(event, handler)
            page.undo.append(lambda: page.remove_listener(event, handler))

        def emulated(**media):
            emulate_media(**media)
            page.undo.append(lambda: emulate_media(**dict.fromkeys(media, "null")))

        def resized(size):
            set_viewport_size(size)
            page.undo.append(lambda: set_viewport_size(self.viewport))

        page.add_init_script, page.on = added_script, listened
        page.emulate_media, page.set_viewport_size = emulated, resized

    def give_back(self) -> None:
        """Leave the tab as a fresh one, or close what the test changed."""
        if self.context.changed:
            self.close()
            self.context = self.page = None
            return
        try:
            for other in self.context.pages:
                if other is not self.page:
                    other.close()
            if self.page.changed or self.page.is_closed():
                self.page.close()
                self.page = self._new_page()
            else:
                self.page.goto("about:blank")
                while self.page.undo:
                    self.page.undo.pop()()
            cdp = self.context.new_cdp_session(self.page)
            cdp.send("Storage.clearDataForOrigin", {"origin": self.server.origin, "storageTypes": "all"})
            cdp.detach()
        except Exception:  # whatever the test left, the next one starts afresh
            with contextlib.suppress(Exception):
                self.context.close()
            self.context = self.page = None

    def close(self) -> None:
        if self.context is not None:
            self.context.close()


def _flag_changes(target, names) -> None:
    for name in names:
        method = getattr(target, name)

        def flagged(*args, _method=method, **kwargs):
            target.changed = True
            return _method(*args, **kwargs)

        setattr(target, name, flagged)


@pytest.fixture(scope="session")
def kept_tabs(browser):
    """This worker's kept tabs, one per (server, screen, search worker or not):
    kept_tabs(server, viewport, search)."""
    tabs: dict[tuple, KeptTab] = {}
    yield lambda server, viewport, search=False: tabs.setdefault(
        (server.origin, viewport["width"], viewport["height"], search), KeptTab(browser, server, viewport, search))
    for tab in tabs.values():
        tab.close()


@contextlib.contextmanager
def kept_page(kept_tabs, server, viewport, search: bool = False):
    """The kept tab's page for one test: clean (`assert_clean`) when the test passed."""
    tab = kept_tabs(server, viewport, search)
    page = tab.take()
    try:
        yield page
        assert_clean(tab.context, list(tab.context.pages))
    finally:
        tab.give_back()


def searches(request) -> bool:
    """Whether the test is marked `search`: its kept tab keeps the theme's search worker."""
    return request.node.get_closest_marker("search") is not None


@pytest.fixture
def page(request, server, kept_tabs):
    """A 1280 px page with nothing saved, guarded: in the test's own `context` when it
    asks for one, otherwise the worker's kept tab (KeptTab)."""
    if "context" in request.fixturenames:
        yield with_site(request.getfixturevalue("context").new_page(), server)
        return
    with kept_page(kept_tabs, server, DESKTOP, searches(request)) as kept:
        yield kept


@pytest.fixture
def instant_page(request, instant_server, kept_tabs):
    """`page` on `instant_server`, whose pages the theme opens by instant navigation."""
    with kept_page(kept_tabs, instant_server, DESKTOP, searches(request)) as kept:
        yield kept


@pytest.fixture
def phone(request, server, kept_tabs):
    """A 360 px page with nothing saved, guarded as `page` is (a kept tab of its own)."""
    with kept_page(kept_tabs, server, PHONE, searches(request)) as kept:
        yield kept


@pytest.fixture
def axe_page(page):
    """`page` with axe-core loaded (tests/browser/test_a11y.py's `assert_accessible`)."""
    page.add_init_script(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    return page


def open_with_saved(page, url: str, saved: dict[str, str]) -> None:
    """Open `url` with `saved` ({key: text}) in localStorage before the page's own scripts run.

    The page writes them itself, from an init script, so no `storage` event is sent to it:
    a value set from a page just before a reload can reach the reloaded page as another
    tab's change (Chromium delivers the event late), which made the page say so. The
    script is removed once the page has loaded, so what the page saves afterwards survives
    the test's later loads."""
    writes = "".join(f"localStorage.setItem({json.dumps(k)}, {json.dumps(v)});" for k, v in saved.items())
    seed = type(page).add_init_script(page, f"if (location.origin !== 'null') {{ try {{ {writes} }} catch (e) {{}} }}")
    try:
        page.goto(url)
    finally:
        seed.close()
