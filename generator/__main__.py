"""Command line: `python -m generator validate` checks content; `render --out DIR`
writes everything a static-site engine needs to build the site without this project's
MkDocs hook (DIR/docs: every page; DIR/nav.yml: navigation and the settings the pages
read); `render DIR` writes only the generated markdown to DIR, for a look; either in
English, or with `--language CODE` in a translation (content/translations/CODE/);
`fingerprint` prints the scoring fingerprint; `languages` prints the translations'
codes, the list `make build` builds (exit 1, and nothing on stdout, when it is not valid).

Exit 0 when content is valid, 1 with one line per problem when it is not. Never a
traceback: a missing content folder, an output path that is in the way and a reader
that closed the pipe early each get one line (or, for the pipe, silence).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import yaml

from generator import ContentError, diff, load_content, render_site, status
from generator.content import read_documents
from generator.pages import content_security_policy
from generator.render import engine_settings
from generator.scoring import SCORING_FILES, fingerprint
from generator.translate import ENGLISH, PAGES, TRANSLATIONS, english_pages, language_problems, languages

DEFAULT_CONTENT = Path(__file__).resolve().parent.parent / "content"
"""The repository's content/, wherever the command is run from."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Check and render the maturity model content.")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: the repository's content/)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every content file; print one line per problem")
    render = commands.add_parser("render", help="write the pages for any engine (--out DIR), or only the generated markdown (DIR)")
    where = render.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, dest="engine_out", metavar="DIR",
                       help="DIR/docs gets every page (generated and content/pages), DIR/nav.yml the navigation and settings")
    where.add_argument("out", type=Path, nargs="?", help="only the generated markdown pages, into this folder")
    render.add_argument("--language", default=ENGLISH, metavar="CODE",
                        help=f"the pages in this language: {ENGLISH} (the default) or a folder of content/{TRANSLATIONS}/")
    commands.add_parser("fingerprint", help="print the scoring fingerprint of the current content")
    compare = commands.add_parser("diff", help="print, as Markdown, what the content change since a git revision does (for reviewers)")
    compare.add_argument("base", nargs="?", help="a git revision (default: the merge base with the default branch)")
    commands.add_parser("languages", help=f"print the codes of the translations in content/{TRANSLATIONS}/, one a line (what make build builds)")
    args = parser.parse_args(argv)

    if not args.content.is_dir():
        say(f"{args.content}: there is no content folder here - run from the repository, or pass --content with the folder that holds model.yml", sys.stderr)
        return 1
    if args.command == "fingerprint":
        return print_fingerprint(args.content)
    if args.command == "diff":
        return print_diff(args.content, args.base)
    if args.command == "languages":
        return print_languages(args.content)
    language = getattr(args, "language", ENGLISH)
    if language != ENGLISH and language not in (known := languages(args.content)):
        say(f"--language {language}: there is no content/{TRANSLATIONS}/{language}/ - use one of: {', '.join([ENGLISH, *known])}", sys.stderr)
        return 1
    try:
        content = load_content(args.content, language)
    except ContentError as err:
        say(err.report(), sys.stderr)
        return 1
    for warning in (*content.warnings, *(content.coverage.warnings if content.coverage else ())):  # render --language: its own
        say(f"{warning.path}:{warning.line}:{warning.col}: warning: {warning.message}", sys.stderr)
    for notice in status.notices(content):  # a retired reading: said, never a failure
        say(f"{notice.path}:{notice.line}:{notice.col}: notice: {notice.message}", sys.stderr)
    pages = render_site(content)
    if args.command == "render" and args.engine_out:
        handwritten = args.content / "pages" if language == ENGLISH else args.content / TRANSLATIONS / language / PAGES
        return write_engine_folder(content, pages, args.content, handwritten, args.engine_out)
    if args.command == "render":
        return write_pages(pages, args.out)
    translated, problems = check_translations(args.content)
    if problems:
        say(ContentError(problems).report(), sys.stderr)
        return 1
    for warning in (w for c in translated for w in c.coverage.warnings):
        say(f"{warning.path}:{warning.line}:{warning.col}: warning: {warning.message}", sys.stderr)
    counts = ", ".join(_count(n, what) for n, what in (
        (len(content.levels), "level"), (len(content.questions), "question"),
        (len(content.references), "reference"), (len(content.editions), "edition")))
    handwritten = len(list((args.content / "pages").rglob("*.md")))
    say(f"content OK: {counts}, version {content.version}; {_count(len(pages), 'generated page')} render, "
        f"and content/pages adds {_count(handwritten, 'hand-written page')}"
        + "".join(f"; {c.language}{_coverage(c)}" for c in translated))
    return 0


def print_diff(content_dir: Path, base: str | None) -> int:
    """The Markdown report of generator/diff.py: content/ at `base` against content_dir."""
    try:  # a change that does not validate is what the reviewer hears about first
        load_content(content_dir)
    except ContentError as err:
        say(err.report(), sys.stderr)
        return 1
    repo = content_dir.resolve().parent
    revision = base or diff.default_base(repo)
    with tempfile.TemporaryDirectory() as folder:
        try:
            before = diff.content_at(revision, repo, Path(folder))
        except subprocess.CalledProcessError as err:
            say(f"diff {revision}: git cannot give content/ at that revision ({(err.stderr or b'').decode().strip() or 'no such revision'})"
                " - name a commit, branch or tag of this repository", sys.stderr)
            return 1
        say(diff.model_diff(before, content_dir))
    return 0


def check_translations(root: Path) -> tuple[list, list]:
    """Every translation in root/translations/, loaded and rendered: (the loaded ones, problems)."""
    loaded, problems = [], []
    for language in languages(root):
        try:
            content = load_content(root, language)
        except ContentError as err:
            problems += err.problems
            continue
        render_site(content)
        loaded.append(content)
    return loaded, problems


def write_pages(pages: dict[str, str], out: Path) -> int:
    """Write every page under `out`, after checking that nothing is in the way, so a
    blocked page is reported before any page is written."""
    for path in pages:
        if blocked := _in_the_way(out, Path(path)):
            say(f"cannot write the pages to {out}: {blocked} - choose another output folder, or move it away", sys.stderr)
            return 1
    try:
        for path, markdown in pages.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
    except OSError as err:
        say(f"cannot write {err.filename or out}: {err.strerror} - choose an output folder you can write to", sys.stderr)
        return 1
    say(f"wrote {len(pages)} pages to {out}")
    return 0


NAV_FILE = "nav.yml"
"""Beside docs/, not in it: in it, engines would publish it as a site file."""


def write_engine_folder(content, pages: dict[str, str], content_dir: Path, pages_dir: Path, out: Path) -> int:
    """DIR/docs: the generated pages and a copy of `pages_dir` (content/pages: the
    hand-written pages and _headers; or a translation's pages); DIR/nav.yml:
    `engine_settings`, to merge into the engine's config."""
    docs = out / "docs"
    handwritten = {p.relative_to(pages_dir).as_posix(): p
                   for p in sorted(pages_dir.rglob("*")) if p.is_file()}
    for rel in english_pages(content_dir):  # a page a translation lacks yet: the English one, as the hook does
        handwritten.setdefault(rel, content_dir / "pages" / rel)
    if clash := sorted(set(handwritten) & set(pages)):
        say(f"{content_dir.name}/{pages_dir.relative_to(content_dir).as_posix()}/{clash[0]} has the name of a generated page - rename it", sys.stderr)
        return 1
    for path in [*pages, *handwritten]:
        if blocked := _in_the_way(docs, Path(path)):
            say(f"cannot write the pages to {docs}: {blocked} - choose another output folder, or move it away", sys.stderr)
            return 1
    if (out / NAV_FILE).is_dir():
        say(f"cannot write {out / NAV_FILE}: it is a folder - choose another output folder, or move it away", sys.stderr)
        return 1
    settings = engine_settings(content, content_security_policy(content_dir / "pages" / "_headers"), tuple(english_pages(content_dir)))
    try:
        for path, markdown in pages.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        for path, source in handwritten.items():
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        (out / NAV_FILE).write_text(
            "# Written by `python -m generator render --out`: merge into the engine's config.\n"
            + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    except OSError as err:
        say(f"cannot write {err.filename or out}: {err.strerror} - choose an output folder you can write to", sys.stderr)
        return 1
    say(f"wrote {len(pages)} generated and {len(handwritten)} hand-written files to {docs}, navigation and settings to {out / NAV_FILE}")
    return 0


def _coverage(content) -> str:
    """' complete', ' draft', or ': 19 strings in English' (draft or not): what a
    translation's summary says."""
    missing = len(content.coverage.missing)
    if missing:
        return f"{' draft' if content.draft else ''}: {_count(missing, 'string')} in English"
    return " draft" if content.draft else " complete"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _in_the_way(out: Path, page: Path) -> str:
    """Why `out/page` cannot be written, or '' when it can (as far as can be seen)."""
    for folder in (out, *(out / p for p in page.parents[::-1][1:])):
        if folder.exists() and not folder.is_dir():
            return f"{folder} is a file, where a folder is needed"
    target = out / page
    if target.exists() and not target.is_file():
        return f"{target} is a folder, where a page file goes"
    return ""


def say(text: str, stream: TextIO | None = None) -> None:
    """Print a line; if the reader has gone (`| head -c0`), stop talking to it quietly.

    The stream is pointed at /dev/null so the interpreter's last flush cannot fail
    either; the exit code still says whether the content was valid.
    """
    stream = stream or sys.stdout
    try:
        print(text, file=stream, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def print_languages(root: Path) -> int:
    """The translations' codes, for the Makefile's build loop: printed only when the list
    passes `language_problems`, so a folder that validate refuses is never built."""
    problems = language_problems(root)
    if problems:
        say(ContentError(problems).report(), sys.stderr)
        return 1
    if found := languages(root):
        say("\n".join(found))
    return 0


def print_fingerprint(root: Path) -> int:
    """The scoring fingerprint, which a contributor needs exactly while content is still
    invalid (a scoring change waiting for its changelog entry): it needs only the
    questions, levels and editions to pass their schemas."""
    docs, _, problems = read_documents(root)
    needed = SCORING_FILES
    if not all(name in docs for name in needed):
        say("\n".join(str(p) for p in problems if not p.path.endswith(("changelog.yml", "model.yml", "references.yml"))), sys.stderr)
        say("fix these first: the fingerprint needs questions.yml, levels.yml and editions.yml to pass their schemas", sys.stderr)
        return 1
    say(fingerprint(*(docs[name].data for name in needed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
