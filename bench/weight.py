"""Bytes per page type and per asset, raw and gzipped, from the built site.

Why: the site should stay light; the budget is on the JavaScript we write
ourselves, and mermaid (the largest file) is tracked separately because it is
loaded only where a diagram is drawn. gzip level 6 (the usual server default) is
applied here to the built files themselves, so the numbers do not depend on a
server; the browser measurements (browser.py) add what pages really transfer.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from tree import REPO


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _row(kind: str, name: str, files: list[Path], site: Path) -> dict:
    raw = sum(f.stat().st_size for f in files)
    zipped = sum(gz(f.read_bytes()) for f in files)
    return {"kind": kind, "name": name, "files": [f.relative_to(site).as_posix() for f in files], "raw": raw, "gzip": zipped}


SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
IMPORT_FROM = re.compile(r"""(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["'](\./[^"']+\.js)["']""")


def own_scripts_of(site: Path, page: Path) -> list[Path]:
    """The site's own scripts `page` loads: its script tags under assets/js/ and, from
    them, every module they import (statically, by relative path), each once."""
    found: list[Path] = []
    todo = [(page.parent / src).resolve() for src in SCRIPT_SRC.findall(page.read_text(encoding="utf-8"))]
    own = (site / "assets" / "js").resolve()
    while todo:
        script = todo.pop()
        if script in found or own not in script.parents or not script.is_file():
            continue
        found.append(script)
        todo += [(script.parent / rel).resolve() for rel in IMPORT_FROM.findall(script.read_text(encoding="utf-8"))]
    return sorted(found)


def measure(site: Path, overrides: Path = REPO / "overrides") -> list[dict]:
    rows = []
    for name, rel in (
        ("home", "index.html"),
        ("level page (/levels/managed/)", "levels/managed/index.html"),
        ("assessment page", "assessment/index.html"),
    ):
        if (site / rel).is_file():
            rows.append(_row("HTML", name, [site / rel], site))
    own_js = sorted(
        p for p in (site / "assets" / "js").rglob("*.js") if (overrides / "assets" / "js" / p.relative_to(site / "assets" / "js")).is_file()
    )
    for f in own_js:
        rows.append(_row("own JS", f.relative_to(site).as_posix(), [f], site))
    rows.append(_row("own JS", "own JS, all files", own_js, site))
    for name, rel in (("home", "index.html"), ("assessment", "assessment/index.html"), ("team", "team/index.html"), ("progress", "progress/index.html")):
        if (site / rel).is_file():
            rows.append(_row("own JS", f"loaded by the {name} page", own_scripts_of(site.resolve(), (site / rel).resolve()), site.resolve()))
    own_css = sorted(
        p
        for p in (site / "assets" / "css").rglob("*.css")
        if (overrides / "assets" / "css" / p.relative_to(site / "assets" / "css")).is_file()
    )
    rows.append(_row("own CSS", ", ".join(f.relative_to(site).as_posix() for f in own_css) or "(none)", own_css, site))
    bundle = sorted((site / "assets" / "javascripts").glob("bundle.*.js"))
    rows.append(_row("Material", "JS bundle", bundle, site))
    css = sorted((site / "assets" / "stylesheets").glob("*.css"))
    rows.append(_row("Material", "CSS (main + palette)", css, site))
    mermaid = site / "assets" / "vendor" / "mermaid.min.js"
    if mermaid.is_file():
        rows.append(_row("mermaid", "assets/vendor/mermaid.min.js", [mermaid], site))
    index = site / "search" / "search_index.json"
    if index.is_file():
        rows.append(_row("search", "search/search_index.json (fetched by the search worker)", [index], site))
    return rows
