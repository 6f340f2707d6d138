"""One spelling across the project: US English, as the source spells the level names
("Optimized") and writes "organization". The check reads every tracked text file (pages,
UI strings, content, schemas, the contributor guides, code comments) for British forms
in the word list below, a small stand-in for codespell's en-GB to en-US dictionary.

Not read: tests/fixtures/content (a frozen copy of content 1.0.0, as it was released) and
this file, which has to spell the words it looks for.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.helpers import ROOT

_ISE = ("apolog", "author", "categor", "character", "custom", "emphas", "final", "general", "initial",
        "maxim", "memor", "minim", "normal", "optim", "organ", "priorit", "real", "recogn", "serial",
        "special", "standard", "summar", "synchron", "tokeni", "util", "visual")
_OUR = ("behaviour", "colour", "endeavour", "favour", "flavour", "honour", "humour", "labour", "neighbour", "rumour")
_OTHER = {
    "amongst": "among", "analyse": "analyze", "analysed": "analyzed", "analysing": "analyzing",
    "artefact": "artifact", "artefacts": "artifacts", "cancelled": "canceled", "cancelling": "canceling",
    "catalogue": "catalog", "catalogues": "catalogs", "centre": "center", "centred": "centered",
    "defence": "defense", "fulfil": "fulfill", "grey": "gray", "judgement": "judgment",
    "labelled": "labeled", "labelling": "labeling", "learnt": "learned", "licence": "license",
    "misspelt": "misspelled", "modelled": "modeled", "modelling": "modeling", "practise": "practice",
    "programme": "program", "spelt": "spelled", "travelled": "traveled", "unlabelled": "unlabeled", "whilst": "while",
}
US = {
    **{f"{stem}{uk}": f"{stem}{us}" for stem in _ISE for uk, us in (
        ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
        ("isation", "ization"), ("isations", "izations"), ("iser", "izer"), ("isers", "izers"))},
    **{f"{word}{end}": f"{word.removesuffix('our')}or{end}" for word in _OUR
       for end in ("", "s", "ed", "ing", "able", "ite", "ites", "hood", "ful")},
    **_OTHER,
}
"""Each British form, lower case, and its US spelling."""

ALLOWED = re.compile(r"aria-labelledby|labelledby=|\bcancelled\(\)")
"""Names that are not ours to spell: an HTML attribute, a GitHub Actions function."""

WORD = re.compile(r"[A-Za-z]+")
SKIPPED = ("tests/fixtures/content/", "tests/test_spelling.py", "package-lock.json")
TEXT = (".md", ".yml", ".yaml", ".json", ".j2", ".py", ".js", ".mjs", ".css", ".html", ".txt", ".toml", ".in", "Makefile", "_headers", "run")


UNTRACKED = {".git", ".venv", "node_modules", "site", "site.new", "site.old", ".cache", ".pytest_cache",
             ".hypothesis", ".ruff_cache", "__pycache__", "work", "test-results"}
"""Folders that are installed, built or cached, not written (.gitignore), and git's own."""


def tracked_text_files() -> list[str]:
    """The project's text files (a walk, not `git ls-files`: the tests also run on copies
    of the repository without git)."""
    names = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in UNTRACKED]
        names += [Path(folder, f).relative_to(ROOT).as_posix() for f in files]
    return sorted(n for n in names if n.endswith(TEXT) and not n.startswith(SKIPPED))


def british_words(text: str) -> list[tuple[int, str, str]]:
    """(line, word as written, its US spelling) for every British form in `text`."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for word in WORD.findall(ALLOWED.sub("", line)):
            if word.lower() in US:
                found.append((number, word, US[word.lower()]))
    return found


def test_the_word_list_finds_british_forms_and_leaves_us_ones_alone():
    text = "Organisations optimise.\nThe colours, the behaviour; aria-labelledby stays.\nOrganizations optimize colors."
    assert british_words(text) == [(1, "Organisations", "organizations"), (1, "optimise", "optimize"),
                                   (2, "colours", "colors"), (2, "behaviour", "behavior")]


@pytest.mark.parametrize("word", ["promise", "expertise", "otherwise", "realistic", "normally", "generalist", "centred-ish"])
def test_words_that_merely_look_british_are_not_flagged(word):
    assert [w for _, w, _ in british_words(word)] == (["centred"] if word == "centred-ish" else [])


def test_every_tracked_file_uses_us_spelling():
    problems = [f"{name}:{line}: '{word}' is British spelling - write '{us}'"
                for name in tracked_text_files()
                for line, word, us in british_words((ROOT / name).read_text(encoding="utf-8", errors="replace"))]
    assert not problems, "\n".join(problems)
