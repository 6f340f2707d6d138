"""The site in every language (English at the root, each translation in site/<language>/):
the switcher keeps the reader on the same page, every page names its language and links
its other versions, Japanese search finds Japanese words, and the translated home and
self-assessment pages have no serious accessibility problem. Few page loads: the rest is
checked without a browser (tests/test_translations.py)."""

from __future__ import annotations

import re

import pytest

from generator import load_content
from generator.render import assessment_data
from tests.browser.conftest import TRANSLATIONS, assert_clean, guarded_context
from tests.browser.questionnaire import PATH, answer, answers_for_total, checked, expect_result, level_of
from tests.browser.test_a11y import assert_accessible
from tests.helpers import CONTENT

LANGUAGES = ["en", *TRANSLATIONS]


def folder(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def test_every_language_names_itself_and_links_the_same_page_in_the_others(page):
    for lang in LANGUAGES:
        page.site(f"{folder(lang)}levels/managed/")
        assert page.evaluate("document.documentElement.lang") == lang
        links = dict(page.eval_on_selector_all("head link[rel=alternate][hreflang]", "els => els.map(e => [e.hreflang, e.href])"))
        others = [other for other in LANGUAGES if other != lang]
        assert sorted(links) == sorted([*others, "x-default"]), links
        for other in others:
            assert links[other].endswith(f"/{folder(other)}levels/managed/"), (lang, links)
        assert links["x-default"] == page.url.replace(f"/{folder(lang)}", "/", 1), (lang, links)  # the English page


def test_the_sitemap_the_theme_asks_for_is_beside_every_page_an_hreflang_link_names(built_site):
    """Material's switcher asks for sitemap.xml beside each `<link rel="alternate">`'s
    page: on every page of every language, it is there (no browser needed)."""
    named = {(html.relative_to(built_site).as_posix(), href)
             for html in built_site.rglob("*.html")
             for href in re.findall(r'<link rel="alternate" href="(/[^"]*)" hreflang=', html.read_text(encoding="utf-8"))}
    assert len(named) >= 3 * 3 * 3, named  # three links on each of the home, levels and assessment pages at least
    assert [(page, href) for page, href in sorted(named) if not (built_site / href.lstrip("/") / "sitemap.xml").is_file()] == []


def test_the_language_switcher_keeps_the_reader_on_the_same_page_and_asks_for_nothing_missing(page):
    """In every language the page, and what the theme asks for after it (the sitemap
    beside each hreflang link, generator/mkdocs_hook.py folder_sitemap), is there: no
    response is an error."""
    errors = []
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    page.site("ja/levels/managed/")
    page.wait_for_load_state("networkidle")
    heading = page.locator("h1").first.inner_text()
    page.locator(".md-header__option .md-select button").first.hover()
    page.locator(".md-select__link[hreflang=es]").click()
    page.wait_for_url("**/es/levels/managed/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").first.inner_text() not in ("", heading)
    page.locator(".md-header__option .md-select button").first.hover()
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(lambda url: url.endswith("/levels/managed/") and "/es/" not in url)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("Level 3: Managed")
    assert errors == []


@pytest.mark.search
def test_japanese_search_finds_japanese_words(page):
    page.site("ja/")
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    # "rollback": on this site only inside longer runs of Japanese (never after a space
    # or 、。), so only a tokenizer that splits Japanese into words indexes it (theme.language
    # ja: lunr's Japanese support); with the English one's separators the search finds
    # nothing. Typed as text input, as an IME commits it; the key up starts the search.
    search.fill("ロールバック")
    search.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    texts = results.all_inner_texts()
    assert any("ロールバック" in t for t in texts), texts


def open_in_a_fresh_browser(browser, server, url: str, answers: dict[str, int], total: int, level: int, then=None) -> str:
    """Open `url` with empty storage, so the result shown can come only from the address;
    `then(page)` if given; the share link the page made."""
    fresh = guarded_context(browser, server)
    try:
        other = fresh.new_page()
        other.goto(url)
        expect_result(other, total, level)
        assert checked(other) == answers
        link = other.locator("[data-share-url]").get_attribute("data-share-url")
        if then:
            then(other)
        assert_clean(fresh, [other])
        return link
    finally:
        fresh.close()


def test_share_links_and_downloads_carry_the_answers_from_one_language_to_another(page, browser, server, root, tmp_path):
    """Answers are ids and points, never words: a link made on the Japanese page opens on
    the English one, the English page's link on the Spanish one, and a download from the
    Japanese page imports on the English one."""
    model = assessment_data(load_content(CONTENT))
    total = (model["bands"][1]["min"] + model["bands"][1]["max"]) // 2
    answers, level = answers_for_total(model, total), level_of(model, total)
    page.site(f"ja/{PATH}")
    page.locator("[data-assessment][data-ready]").wait_for(state="attached")
    answer(page, answers)
    expect_result(page, total, level)
    link = page.locator("[data-share-url]").get_attribute("data-share-url")
    assert link.startswith(f"{server.url}ja/{PATH}#"), link
    with page.expect_download() as info:
        page.locator('[data-export="json"]').click()
    info.value.save_as(download := tmp_path / "ja.json")

    def import_the_japanese_download(english):
        english.locator('[data-action="reset"]').click()
        assert checked(english) == {}
        english.locator("[data-import]").set_input_files(str(download))
        expect_result(english, total, level)
        assert checked(english) == answers

    english = open_in_a_fresh_browser(browser, server, f"{server.url}{PATH}#{link.split('#', 1)[1]}", answers, total, level, then=import_the_japanese_download)
    assert english.startswith(f"{server.url}{PATH}#"), english
    open_in_a_fresh_browser(browser, server, f"{server.url}es/{PATH}#{english.split('#', 1)[1]}", answers, total, level)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translated_pages_have_no_serious_accessibility_problem_and_say_whose_translation_it_is(axe_page, lang):
    for path in ("", "assessment/"):
        axe_page.site(f"{lang}/{path}")
        axe_page.wait_for_load_state("networkidle")
        assert axe_page.locator(".md-banner .language-note").inner_text().strip()
        assert_accessible(axe_page, f"/{lang}/{path}")


def test_the_language_switcher_carries_a_team_link_to_the_other_language(page):
    """A team link opened in English arrives whole in Spanish and Japanese: the switcher
    keeps the part after "#" (language-fragment.js), and the team is shown there."""
    model = assessment_data(load_content(CONTENT))
    code = "".join(str(sorted(o["points"] for o in q["options"])[-1]) for q in model["questions"])
    fragment = f"#team={model['model']}@{model['version']}&m={code}&m={code}"
    page.site(f"team/{fragment}")
    page.wait_for_selector("[data-team-total]")
    for lang in TRANSLATIONS:
        page.locator(".md-header__option .md-select button").first.hover()
        page.locator(f".md-select__link[hreflang={lang}]").click()
        page.wait_for_url(f"**/{lang}/team/**")
        page.wait_for_selector("[data-team-total]")
        assert page.evaluate("location.hash") == fragment
        assert page.evaluate("document.documentElement.lang") == lang
        page.site(f"team/{fragment}")
        page.wait_for_selector("[data-team-total]")
