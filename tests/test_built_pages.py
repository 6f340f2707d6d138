"""What every built page carries, read from the HTML of the site `make build` made."""

from __future__ import annotations

import re

from tests.helpers import ROOT

LANGUAGES = sorted(p.name.split(".")[1] for p in ROOT.glob("mkdocs.*.yml"))
BANNER = re.compile(r'<aside class="md-banner[^"]*">(.*?)</aside>', re.S)


def pages_of(site, language: str | None = None) -> dict[str, str]:
    base = site / language if language else site
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in base.rglob("index.html")
            if language or p.relative_to(site).parts[0] not in LANGUAGES}


def test_no_page_draws_an_empty_banner(built_site):
    """The theme draws its announce bar for any text the block gives; an empty one was a
    12 px dark strip above the header of every English page."""
    for page, html in {**pages_of(built_site), **{k: v for lang in LANGUAGES for k, v in pages_of(built_site, lang).items()}}.items():
        for banner in BANNER.findall(html):
            assert re.sub(r"<[^>]+>|\s", "", banner), f"{page}: an empty banner"
