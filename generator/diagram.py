"""The progression diagram: levels as boxes, each arrow labeled with the focus
areas that lead from one level to the next (as in the community overview, seed 000).
"""

from __future__ import annotations

from itertools import pairwise

from generator.content import level_title
from generator.escape import mermaid_text


def progression(levels: list[dict], title: str) -> str:
    """Mermaid flowchart source for the levels, top to bottom (readable at page width); the
    top level loops on itself. `title`: how a level is named (ui.yml's `level_title`)."""
    lines = ["graph TD"]
    for level in levels:
        lines.append(f'    L{level["number"]}["{level_title(level, title, mermaid_text)}"]')
    for level, after in pairwise(levels + levels[-1:]):
        label = "<br>".join(mermaid_text(area) for area in level["focus_areas"])
        lines.append(f'    L{level["number"]} -->|"{label}"| L{after["number"]}')
    return "\n".join(lines)


def progression_steps(levels: list[dict]) -> list[dict]:
    """The same arrows as data, for the diagram's text equivalent."""
    return [
        {"from": level, "to": after, "focus_areas": level["focus_areas"]}
        for level, after in pairwise(levels + levels[-1:])
    ]
