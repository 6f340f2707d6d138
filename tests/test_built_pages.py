"""What every built page carries, read from the HTML of the site `make build` made."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.helpers import ROOT

LANGUAGES = sorted(p.name.split(".")[1] for p in ROOT.glob("mkdocs.*.yml"))
BANNER = re.compile(r'<aside class="md-banner[^"]*">(.*?)</aside>', re.S)


def pages_of(site, language: str | None = None) -> dict[str, str]:
    base = site / language if language else site
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in base.rglob("index.html")
            if language or p.relative_to(site).parts[0] not in LANGUAGES}


def every_page(site) -> dict[str, str]:
    """Every built page, English and each language's, by path under site/."""
    return {**pages_of(site), **{k: v for lang in LANGUAGES for k, v in pages_of(site, lang).items()}}


def test_no_page_draws_an_empty_banner(built_site):
    """The theme draws its announce bar for any text the block gives; an empty one was a
    12 px dark strip above the header of every English page."""
    for page, html in every_page(built_site).items():
        for banner in BANNER.findall(html):
            assert re.sub(r"<[^>]+>|\s", "", banner), f"{page}: an empty banner"


CLOSES_P = {"address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption",
            "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu",
            "nav", "ol", "p", "pre", "section", "table", "ul"}
"""Start tags that end an open paragraph (the HTML standard's tree construction)."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class StrayParagraphEnds(HTMLParser):
    """Counts `</p>` with no paragraph open: a browser makes each an empty paragraph (a gap
    on the page). Markdown leaves one where a template's block-level tag (a <textarea>)
    sits inside a <p>: it ends the paragraph before it, and the template's </p> is left over."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.stray: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag in CLOSES_P and "p" in self.open:
            del self.open[self.open.index("p"):]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]
        elif tag == "p":
            self.stray.append(self.getpos()[0])


def stray_paragraph_ends(html: str) -> list[int]:
    parser = StrayParagraphEnds()
    parser.feed(html)
    return parser.stray


def test_no_page_closes_a_paragraph_it_never_opened(built_site):
    stray = {page: lines for page, html in every_page(built_site).items() if (lines := stray_paragraph_ends(html))}
    assert not stray, "</p> with no paragraph open, by page and lines: " + "; ".join(f"{p} {lines[:5]}" for p, lines in stray.items())


def test_a_stray_paragraph_end_is_found():
    assert stray_paragraph_ends("<p><label>x</label>\n</p>\n<textarea></textarea></p>") == [3]
    assert stray_paragraph_ends("<div><p>a<ul><li>b</li></ul></div><p>c</p>") == []
