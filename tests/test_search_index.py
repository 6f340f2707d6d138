"""Search: each reference is its own hit that leads to it. The theme's search splits a
page into sections at its headings, so the references page gives each reference a heading
whose anchor is the reference's id (templates/references.md.j2)."""

from __future__ import annotations

import html
import json

from generator import load_content
from tests.helpers import CONTENT


def test_search_index_has_one_entry_per_reference_leading_to_it(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    on_page = [d for d in docs if d["location"].startswith("references/#")]
    for rid, ref in load_content(CONTENT).references.items():
        hits = [d for d in on_page if d["location"] == f"references/#{rid}"]
        assert len(hits) == 1, f"{rid}: {len(hits)} search entries"
        assert html.unescape(hits[0]["title"]) == ref["title"], rid
