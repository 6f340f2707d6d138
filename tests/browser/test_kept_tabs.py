"""The kept tab (tests/browser/conftest.py KeptTab) that `page` and `phone` reuse between a
worker's tests: each test must still start as in a fresh browser, with nothing saved, and
be failed by what the guard catches. Driven here through `kept_page` directly, two turns
standing for two tests."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, kept_page


def test_the_next_turn_starts_on_a_blank_page_with_nothing_saved(kept_tabs, server):
    with kept_page(kept_tabs, server, DESKTOP) as first:
        first.site("assessment/")
        first.evaluate("localStorage.setItem('left', 'behind'); sessionStorage.setItem('left', 'behind')")
        second_tab = first.context.new_page()
        second_tab.goto(server.url)
    with kept_page(kept_tabs, server, DESKTOP) as second:
        assert second is first, "the same tab, or nothing is kept"
        assert second.url == "about:blank"
        assert second.context.pages == [second], "a tab the test opened is closed after it"
        second.site("levels/")
        assert second.evaluate("[localStorage.getItem('left'), sessionStorage.getItem('left')]") == [None, None]


def test_what_a_test_set_on_the_page_is_undone_for_the_next(kept_tabs, server):
    heard = []
    with kept_page(kept_tabs, server, DESKTOP) as first:
        first.add_init_script("window.__changed = true")
        first.emulate_media(color_scheme="dark", media="print")
        first.set_viewport_size({"width": 400, "height": 500})
        first.on("console", lambda message: heard.append(message.text))
        first.site("")
        assert first.evaluate("window.__changed") is True
    with kept_page(kept_tabs, server, DESKTOP) as second:
        assert second is first
        second.site("")
        assert second.evaluate("window.__changed") is None
        assert second.evaluate("[matchMedia('(prefers-color-scheme: dark)').matches, matchMedia('print').matches]") == [False, False]
        assert second.viewport_size == DESKTOP
        heard.clear()
        second.evaluate("console.log('after')")
        second.evaluate("new Promise((done) => setTimeout(done))")
        assert heard == []


def test_a_page_changed_in_another_way_is_not_kept(kept_tabs, server):
    with kept_page(kept_tabs, server, DESKTOP) as first:
        first.route("**/nothing", lambda route: route.abort())
    with kept_page(kept_tabs, server, DESKTOP) as second:
        assert second is not first
        second.site("")


def test_a_context_the_test_changed_is_not_kept(kept_tabs, server):
    with kept_page(kept_tabs, server, DESKTOP) as first:
        first.context.add_init_script("window.__changed = true")
        changed = first.context
    with kept_page(kept_tabs, server, DESKTOP) as second:
        assert second.context is not changed
        second.site("")
        assert second.evaluate("window.__changed") is None


def test_a_script_error_on_a_kept_page_fails_its_test_and_not_the_next(kept_tabs, server):
    with kept_page(kept_tabs, server, DESKTOP) as before:  # listeners of its own, undone after it
        before.on("pageerror", lambda error: None)
        before.site("")
    with pytest.raises(AssertionError, match="script errors: .*kept-tab-error"):
        with kept_page(kept_tabs, server, DESKTOP) as first:
            first.site("")
            # The error's timer runs first; the promise resolves after it.
            first.evaluate("setTimeout(() => { throw new Error('kept-tab-error'); }); new Promise((done) => setTimeout(done))")
    with kept_page(kept_tabs, server, DESKTOP) as second:  # clean, or this raises
        second.site("")


def _search_worker_started(page) -> bool:
    """Whether the page fetched the theme's search worker script (it starts it on load)."""
    page.wait_for_load_state("load")
    return page.evaluate("performance.getEntriesByType('resource').some((e) => e.name.includes('/workers/search.'))")


@pytest.mark.parametrize("search", [False, True], ids=["without search", "with search"])
def test_only_a_tab_for_searching_starts_the_search_worker(kept_tabs, server, search):
    with kept_page(kept_tabs, server, DESKTOP, search) as tab:
        tab.site("")
        assert _search_worker_started(tab) is search
