"""Draw mermaid diagrams to SVG at build time, with mermaid itself in headless Chromium,
so a page shows its diagram without loading mermaid (about 1 MB) in the reader's browser:
at first paint, without JavaScript, and in print.

On with `PRERENDER_DIAGRAMS=1`, which `make build`, `make serve` and the deploy workflow set
(a bare `mkdocs build` leaves it off). Otherwise, and whenever no browser can draw (no
Chromium, no Playwright, mermaid fails), `draw` returns None and the page keeps the lazy
drawing in the reader's browser (assets/js/mermaid-loader.js), which stays tested.

Drawings are cached in .cache/diagrams/ by diagram source, mermaid version and drawing
settings, so `make serve` launches no browser after the first build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MERMAID_DIR = ROOT / "node_modules" / "mermaid"
CACHE = ROOT / ".cache" / "diagrams"
ENV = "PRERENDER_DIAGRAMS"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]

SETTINGS = {"startOnLoad": False, "htmlLabels": False, "flowchart": {"htmlLabels": False}}
"""SVG text labels rather than HTML in <foreignObject>: the SVG then goes through markdown
intact and prints as it shows. The page's CSS gives it the theme's colors (site.css)."""

FORMAT = 2
"""Bumped when what `draw` makes of mermaid's output changes: older cache entries are not used."""

_ENTITY_AS_TEXT = re.compile(r"&amp;#(\d+);")

log = logging.getLogger("mkdocs.hooks.content")

Draw = Callable[[str, str], "str | None"]
"""(diagram id, mermaid source) -> the SVG, or None when it must be drawn in the browser."""


def drawer() -> Draw | None:
    """`draw` when PRERENDER_DIAGRAMS=1 asks for drawings at build time, else None."""
    return draw if os.environ.get(ENV) == "1" else None


def mermaid_version() -> str:
    return json.loads((MERMAID_DIR / "package.json").read_text(encoding="utf-8"))["version"]


def cache_key(diagram_id: str, source: str) -> str:
    settings = json.dumps(SETTINGS, sort_keys=True)
    return hashlib.sha256(f"{FORMAT}\n{mermaid_version()}\n{settings}\n{diagram_id}\n{source}".encode()).hexdigest()[:32]


def decode_entity_codes(svg: str) -> str:
    """Labels are written with mermaid entity codes (`#45;`, escape.mermaid_text). In SVG
    text labels mermaid leaves them as the text "&#45;"; as a numeric character reference
    the page shows the character. Still text either way: a reference in text or in a
    quoted attribute never becomes markup."""
    return _ENTITY_AS_TEXT.sub(r"&#\1;", svg)


def draw(diagram_id: str, source: str, cache: Path = CACHE, chromium: str = CHROMIUM) -> str | None:
    """The SVG for `source`, from the cache or drawn now; None when no browser can draw it."""
    cached = cache / f"{cache_key(diagram_id, source)}.svg"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    svg = _draw_in_browser(diagram_id, source, chromium)
    if svg is not None:
        svg = decode_entity_codes(svg)
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_text(svg, encoding="utf-8")
    return svg


def _draw_in_browser(diagram_id: str, source: str, chromium: str) -> str | None:
    if not os.access(chromium, os.X_OK):
        log.info("no browser at %s: the diagram is drawn in the reader's browser instead", chromium)
        return None
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        log.info("Playwright is not installed: the diagram is drawn in the reader's browser instead")
        return None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.set_content("<!doctype html><html><body></body></html>")
                page.add_script_tag(path=str(MERMAID_DIR / "dist" / "mermaid.min.js"))
                return page.evaluate(
                    "async ([id, source, settings]) => {"
                    " mermaid.initialize(settings); return (await mermaid.render(id, source)).svg; }",
                    [diagram_id, source, SETTINGS],
                )
            finally:
                browser.close()
    except Error as err:
        log.info("mermaid could not draw the diagram at build time (%s): it is drawn in the reader's browser instead", err.message.splitlines()[0])
        return None
