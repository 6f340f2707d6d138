"""Number and table formatting for bench/results.md, shared by the targets and the report
so a time or a size reads the same wherever it is shown."""

from __future__ import annotations


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def kib(n: float | None) -> str:
    if n is None:
        return "-"
    return f"{n / 1024:.1f} KiB" if n < 1024 * 1024 else f"{n / 2**20:.2f} MiB"


def mib(n: float | None) -> str:
    return "-" if n is None else f"{n / 2**20:.0f} MiB"


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    """A markdown table; a `|` or a line break inside a cell cannot break it."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return out + [""]
