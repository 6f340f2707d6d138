"""List the dead and the moved links of a linkchecker run as markdown, for the job summary of links.yml.

    .venv/bin/python .github/scripts/dead_links.py linkchecker.csv >> "$GITHUB_STEP_SUMMARY"

Reads linkchecker's CSV output (`-F csv/utf-8/FILE`: `#` comment lines, then `;`-separated
rows with a header). Exit 0 when every link answered, 1 when some are dead, 2 when the
file cannot be read. The table names each dead address, its link text, the page of the
site that links to it, and what went wrong, so a contributor can fix content/references.yml.
A second table lists the addresses that answered only through a redirect, and where to:
a document that moved may be retired or renamed, which a reference should say. Moved
links do not fail the run.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

RESULT_CHARS = 160
"""linkchecker's results can run to several hundred characters; the table keeps the start."""


def dead_links(csv_text: str) -> list[dict[str, str]]:
    """The rows of linkchecker's CSV whose link did not answer, in the order checked."""
    body = "".join(line for line in io.StringIO(csv_text) if not line.startswith("#"))
    return [row for row in csv.DictReader(io.StringIO(body), delimiter=";") if row.get("valid") == "False"]


MOVED = re.compile(r"Redirected to `([^']+)'")
"""linkchecker's warning for a link that answered through a redirect (its WARN_HTTP_REDIRECTED)."""


def moved_links(csv_text: str) -> list[dict[str, str]]:
    """The rows of links that answered only after a redirect, each with `to`: the last address."""
    body = "".join(line for line in io.StringIO(csv_text) if not line.startswith("#"))
    rows = [row for row in csv.DictReader(io.StringIO(body), delimiter=";") if row.get("valid") == "True"]
    return [{**row, "to": MOVED.findall(row.get("warningstring") or "")[-1]} for row in rows if MOVED.search(row.get("warningstring") or "")]


def page_of(parent_url: str) -> str:
    """'/levels/initial/' for 'http://127.0.0.1:8000/levels/initial/': where on the site the link is."""
    parts = urlsplit(parent_url)
    return (parts.path or "/") if parts.hostname in ("127.0.0.1", "localhost") else parent_url


def _cell(text: str, limit: int | None = None) -> str:
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 3] + "..."
    return text.replace("|", "\\|")


def summary(dead: list[dict[str, str]], moved: list[dict[str, str]] = ()) -> str:
    """Markdown: a heading, then a table of the dead links or a line saying there are none,
    then a table of the moved ones, if any."""
    if not dead:
        return "## External links\n\nEvery link answered.\n" + moved_table(moved)
    count = f"{len(dead)} dead link{'s' if len(dead) != 1 else ''}"
    lines = [
        "## External links",
        "",
        f"{count}. Fix or replace each address in `content/references.yml` (or the page named below), then run this workflow again.",
        "",
        "| Address | Link text | Found on | What happened |",
        "|---|---|---|---|",
    ]
    for row in dead:
        lines.append(
            f"| {_cell(row['urlname'])} | {_cell(row.get('name') or '')} | {_cell(page_of(row['parentname']))} "
            f"| {_cell(row['result'], RESULT_CHARS)} |"
        )
    return "\n".join(lines) + "\n" + moved_table(moved)


def moved_table(moved: list[dict[str, str]]) -> str:
    """Markdown: the links that answered through a redirect, or nothing when none did."""
    if not moved:
        return ""
    lines = [
        "",
        f"{len(moved)} moved link{'s' if len(moved) != 1 else ''}: each answered only through a redirect. If the document was renamed, "
        "retired or replaced, say so in `content/references.yml` (a new `url:`, or a `status:`).",
        "",
        "| Address | Link text | Found on | Now at |",
        "|---|---|---|---|",
    ]
    for row in moved:
        lines.append(f"| {_cell(row['urlname'])} | {_cell(row.get('name') or '')} | {_cell(page_of(row['parentname']))} | {_cell(row['to'])} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: dead_links.py LINKCHECKER_CSV", file=sys.stderr)
        return 2
    try:
        text = Path(argv[0]).read_text(encoding="utf-8")
    except OSError as err:
        print(f"cannot read linkchecker's report: {err}", file=sys.stderr)
        return 2
    dead, moved = dead_links(text), moved_links(text)
    sys.stdout.write(summary(dead, moved))
    print(f"{len(dead)} dead link(s), {len(moved)} moved", file=sys.stderr)
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
