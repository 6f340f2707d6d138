"""Problems found in content, reported the way compilers do: path:line:col: message.

Every check collects problems instead of stopping at the first, so a contributor
sees all of them in one run; `ContentError` carries the whole list.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters a reader cannot see or that change how the text around them is shown:
C0 and C1 control characters (line breaks included), DEL, the Unicode line and
paragraph separators, and the bidirectional embeddings, overrides and isolates."""


def printable(text: str) -> str:
    """`text` with every HIDDEN character written as an escape (`\\n`, `\\u202e`), so a
    message that quotes content stays one visible line."""
    return HIDDEN.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place. `line` and `col` count from 1."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {printable(self.message)}"


class ContentError(Exception):
    """Raised once, after every check ran, when any problem was found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in content: nothing was built.")
        return "\n".join(lines)


def _folded(text: str) -> str:
    return text.lower().replace("_", "-").replace(" ", "-")


SMALL_CATALOG = 300
"""Up to this many choices, every one is compared with difflib (a few milliseconds)."""
SHORTLIST = 10
"""In a larger catalog, difflib compares only this many: those sharing the most trigrams."""
POSTINGS_BUDGET = 2000
"""Trigram hits gathered per lookup, rarest trigrams first: bounds the cost of a lookup."""
MAX_LOOKUPS = 200
"""Distinct mistakes looked up per catalog (one validation run); past that, only matches
up to case and underscores are offered. Two hundred typos are past helping one by one."""


def _grams(text: str) -> set[str]:
    padded = f"\x02{text}\x03"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


@dataclass
class _Catalog:
    """The choices, folded for comparison, with what a fast lookup needs."""

    source: object
    size: int
    by_fold: dict[str, str]
    folds: list[str] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, choices) -> _Catalog:
        names = [str(c) for c in choices]
        by_fold = {_folded(c): c for c in reversed(names)}  # the first of equal folds wins
        catalog = cls(choices, len(names), by_fold, list(by_fold))
        if len(catalog.folds) > SMALL_CATALOG:
            for i, fold in enumerate(catalog.folds):
                for gram in _grams(fold):
                    catalog.postings.setdefault(gram, []).append(i)
        return catalog

    def closest(self, word: str) -> str:
        """The closest choice to `word` (folded), or '' when nothing is close. Cached."""
        if word in self.by_fold:
            return self.by_fold[word]
        if word not in self.answers:
            if len(self.answers) >= MAX_LOOKUPS:
                return ""
            self.answers[word] = self._search(word)
        return self.answers[word]

    def _search(self, word: str) -> str:
        candidates = self.folds if not self.postings else self._shortlist(word)
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        return self.by_fold[close[0]] if close else ""

    def _shortlist(self, word: str) -> list[str]:
        """The choices sharing the most trigrams with `word`, gathered from its rarest
        trigrams first so that common ones ('ref', '-00') cannot make a lookup slow."""
        lists = sorted((self.postings[g] for g in _grams(word) if g in self.postings), key=len)
        hits: Counter[int] = Counter()
        gathered = 0
        for posting in lists:
            if gathered and gathered + len(posting) > POSTINGS_BUDGET:
                break
            hits.update(posting)
            gathered += len(posting)
        return [self.folds[i] for i, _ in hits.most_common(SHORTLIST)]


_catalogs: OrderedDict[int, _Catalog] = OrderedDict()


def _catalog(choices) -> _Catalog:
    """The prepared catalog for `choices`, reused while the same, unchanged object is
    passed again: a validation run asks about one catalog many times."""
    key = id(choices)
    catalog = _catalogs.get(key)
    size = len(choices) if hasattr(choices, "__len__") else -1
    if catalog is None or catalog.source is not choices or catalog.size != size or size < 0:
        catalog = _Catalog.of(choices)
        _catalogs[key] = catalog
        if len(_catalogs) > 8:
            _catalogs.popitem(last=False)
    _catalogs.move_to_end(key)
    return catalog


def did_you_mean(word: object, choices) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close.

    Case, underscores and spaces are ignored when comparing, so `Prompt_Flow` finds
    `prompt-flow` before a merely similar id. A choice holding hidden characters is
    never suggested (it is broken itself, and would break the one-line report).

    Cheap on purpose: thousands of unknown ids against thousands of choices used to
    cost minutes (difflib against every choice, for every mistake). Now each catalog
    is prepared once, each distinct mistake is looked up once, a large catalog is
    narrowed to a short list by shared trigrams before difflib, and the number of
    lookups per catalog is capped.
    """
    if not isinstance(word, str):
        return ""
    match = _catalog(choices).closest(_folded(word))
    return f" (did you mean '{match}'?)" if match and not HIDDEN.search(match) else ""


WORDING_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
"""Anything in braces in a wording. Broader on purpose than content.PLACEHOLDER, which
fills only `{identifier}`s: here `{ level }` or `{1}` must be reported as unknown, not
passed over (the page would print them as written)."""


def unknown_placeholders(doc, where: tuple, block: dict, allowed: dict[str, tuple[str, ...]], label: str):
    """A problem for each placeholder of `block`'s wordings that its key does not allow.
    `allowed` maps a wording's key to the placeholders it may fill; `doc` is the YamlDoc
    the block is in and `where` its path there; `label` starts each message."""
    for key, names in allowed.items():
        for name in WORDING_PLACEHOLDER.findall(block[key]):
            if name not in names:
                yield doc.problem(where + (key,), f"{label} {key} has unknown placeholder '{{{name}}}'{did_you_mean(name, names)} - {key} may use {', '.join('{' + n + '}' for n in names)}")
