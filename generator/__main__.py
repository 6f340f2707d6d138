"""Command line: `python -m generator validate` checks content; `render DIR` writes
the generated markdown to DIR for a look; `fingerprint` prints the scoring fingerprint.

Exit 0 when content is valid, 1 with one line per problem when it is not. Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import ContentError, load_content, render_site
from generator.content import read_documents
from generator.scoring import SCORING_FILES, fingerprint


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Check and render the maturity model content.")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every content file; print one line per problem")
    render = commands.add_parser("render", help="write the generated markdown pages into a folder")
    render.add_argument("out", type=Path)
    commands.add_parser("fingerprint", help="print the scoring fingerprint of the current content")
    args = parser.parse_args(argv)

    if args.command == "fingerprint":
        return print_fingerprint(Path(args.content))
    try:
        content = load_content(args.content)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    for warning in content.warnings:
        print(f"{warning.path}:{warning.line}:{warning.col}: warning: {warning.message}", file=sys.stderr)
    if args.command == "validate":
        pages = render_site(content)
        counts = ", ".join(_count(n, what) for n, what in (
            (len(content.levels), "level"), (len(content.questions), "question"),
            (len(content.references), "reference"), (len(content.editions), "edition")))
        print(f"content OK: {counts}, version {content.version}; {_count(len(pages), 'page')} render")
    elif args.command == "render":
        for path, markdown in render_site(content).items():
            target = args.out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        print(f"wrote {len(render_site(content))} pages to {args.out}")
    return 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def print_fingerprint(root: Path) -> int:
    """The scoring fingerprint, which a contributor needs exactly while content is still
    invalid (a scoring change waiting for its changelog entry): it needs only the
    questions, levels and editions to pass their schemas."""
    docs, _, problems = read_documents(root)
    needed = SCORING_FILES
    if not all(name in docs for name in needed):
        print("\n".join(str(p) for p in problems if not p.path.endswith(("changelog.yml", "model.yml", "references.yml"))), file=sys.stderr)
        print("fix these first: the fingerprint needs questions.yml, levels.yml and editions.yml to pass their schemas", file=sys.stderr)
        return 1
    print(fingerprint(*(docs[name].data for name in needed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
