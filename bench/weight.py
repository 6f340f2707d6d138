"""Bytes per page type and per asset, raw and gzipped, from the built site.

Why: the site should stay light; the budget is on the JavaScript we write
ourselves, and mermaid (the largest file) is tracked separately because it is
loaded only where a diagram is drawn. gzip level 6 (the usual server default) is
applied here to the built files themselves, so the numbers do not depend on a
server; the browser measurements (browser.py) add what pages really transfer.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from tree import REPO


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _row(kind: str, name: str, files: list[Path], site: Path) -> dict:
    raw = sum(f.stat().st_size for f in files)
    zipped = sum(gz(f.read_bytes()) for f in files)
    return {"kind": kind, "name": name, "files": [f.relative_to(site).as_posix() for f in files], "raw": raw, "gzip": zipped}


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
