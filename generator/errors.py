"""Problems found in content, reported the way compilers do: path:line:col: message.

Every check collects problems instead of stopping at the first, so a contributor
sees all of them in one run; `ContentError` carries the whole list.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place. `line` and `col` count from 1."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


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


def did_you_mean(word: object, choices) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close.

    Case, underscores and spaces are ignored when comparing, so `Prompt_Flow` finds
    `prompt-flow` before a merely similar id.
    """
    if not isinstance(word, str):
        return ""
    by_fold = {_folded(str(c)): str(c) for c in reversed(list(choices))}
    close = difflib.get_close_matches(_folded(word), list(by_fold), n=1, cutoff=0.6)
    return f" (did you mean '{by_fold[close[0]]}'?)" if close else ""
