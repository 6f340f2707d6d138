"""List the dead links of a linkchecker run as markdown, for the job summary of links.yml.

    .venv/bin/python .github/scripts/dead_links.py linkchecker.csv >> "$GITHUB_STEP_SUMMARY"

Reads linkchecker's CSV output (`-F csv/utf-8/FILE`: `#` comment lines, then `;`-separated
rows with a header). Exit 0 when every link answered, 1 when some are dead, 2 when the
file cannot be read. The table names each dead address, its link text, the page of the
site that links to it, and what went wrong, so a contributor can fix content/references.yml.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from urllib.parse import urlsplit

RESULT_CHARS = 160
"""linkchecker's results can run to several hundred characters; the table keeps the start."""


def dead_links(csv_text: str) -> list[dict[str, str]]:
    """The rows of linkchecker's CSV whose link did not answer, in the order checked."""
    body = "".join(line for line in io.StringIO(csv_text) if not line.startswith("#"))
    return [row for row in csv.DictReader(io.StringIO(body), delimiter=";") if row.get("valid") == "False"]


def page_of(parent_url: str) -> str:
    """'/levels/initial/' for 'http://127.0.0.1:8000/levels/initial/': where on the site the link is."""
    parts = urlsplit(parent_url)
    return (parts.path or "/") if parts.hostname in ("127.0.0.1", "localhost") else parent_url


def _cell(text: str, limit: int | None = None) -> str:
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[: limit - 3] + "..."
    return text.replace("|", "\\|")


def summary(dead: list[dict[str, str]]) -> str:
    """Markdown: a heading, then a table of the dead links or a line saying there are none."""
    if not dead:
        return "## External links\n\nEvery link answered.\n"
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
    dead = dead_links(text)
    sys.stdout.write(summary(dead))
    print(f"{len(dead)} dead link(s)", file=sys.stderr)
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
