"""Prose that states a count: "Four levels that describe...", "a seven-question
self-assessment". Nothing else ties such words to the data, so validate warns when one
contradicts it (a tagline saying four levels over five), and `restate_counts` rewrites
them for tools that reshape content.

Only text that describes the model as it is now is read: model.yml's tagline and
definition, and the hand-written pages. Changelog entries and edition summaries tell
history, where an old count is true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from generator.errors import Problem
from generator.yamlfile import YamlDoc

WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")

CLAIM = re.compile(
    r"\b(?P<n>" + "|".join(WORDS) + r"|\d{1,2})(?P<sep>[ -])(?:maturity )?(?P<noun>level|question)(?P<s>s?)\b",
    re.IGNORECASE,
)
"""'four levels', 'seven-question', '3 maturity levels'; not 'one level to the next'."""

MODEL_TEXTS = ("tagline", "definition")


def claims(text: str) -> Iterator[tuple[re.Match, str, int]]:
    """(match, noun, number) for each count stated in `text`."""
    for m in CLAIM.finditer(text):
        if m["s"] or m["sep"] == "-":
            word = m["n"].lower()
            yield m, m["noun"].lower(), WORDS.index(word) if word in WORDS else int(word)


def restate_counts(text: str, counts: dict[str, int]) -> str:
    """`text` with every stated count replaced by the true one, in words up to twelve."""
    def say(m: re.Match) -> str:
        n = counts[m["noun"].lower()]
        word = WORDS[n] if n < len(WORDS) else str(n)
        word = word.capitalize() if m["n"][0].isupper() else word
        return word + m.group(0)[len(m["n"]):]

    return CLAIM.sub(lambda m: say(m) if (m["s"] or m["sep"] == "-") else m.group(0), text)


def _warning(noun: str, said: int, real: int, where: str) -> str:
    return (f"{where} says {said} {noun}s, but the model has {real} - "
            f"change the number, or leave it out so the text stays true when {noun}s are added")


def count_warnings(model: YamlDoc, counts: dict[str, int], pages: Path) -> list[Problem]:
    """Warnings for each stated count of levels or questions that the data contradicts."""
    found = []
    for key in MODEL_TEXTS:
        text = model.data.get(key)
        if isinstance(text, str):
            for _, noun, n in claims(text):
                if n != counts[noun]:
                    found.append(model.problem((key,), _warning(noun, n, counts[noun], key)))
    for page in sorted(pages.glob("*.md")) if pages.is_dir() else []:
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # unreadable pages are reported by the pages check
        for m, noun, n in claims(text):
            if n != counts[noun]:
                line = text.count("\n", 0, m.start()) + 1
                col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                found.append(Problem(f"content/pages/{page.name}", line, col, _warning(noun, n, counts[noun], "this page")))
    return found
