"""The site's words (content/ui.yml): which keys the templates and the generator read,
so a missing or misshapen key is a one-line content error, never a template crash.

The keys come from the templates themselves (`ui.<group>.<key>`, and `text.<key>` in the
pages whose script gets `ui.<page>.script` as `text`) plus the few the generator reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from generator.errors import Problem, did_you_mean
from generator.yamlfile import YamlDoc

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

READ_BY_CODE = (
    *(("nav", k) for k in ("home", "levels", "assessment", "team", "progress", "references", "editions", "about")),
    ("level_title",),
    ("common", "note"), ("common", "diagram"), ("common", "diagram_named"),
    ("language", "name"), ("language", "translated"), ("language", "draft"),
)
"""Keys generator/render.py reads itself (the navigation, the level title, the notices'
label, the diagrams' names, the language notes)."""

_UI = re.compile(r"(?<![\w./])ui((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\"[A-Za-z_][A-Za-z0-9_]*\"\])+)")
_SCRIPT_TEXT = re.compile(r"\btext\.([A-Za-z_][A-Za-z0-9_]*)")
_SCRIPT = re.compile(r"\{% set text = ui\.([a-z_]+)\.script %\}")
_WHOLE = re.compile(r"\{% set \w+ = ui((?:\.[A-Za-z_][A-Za-z0-9_]*)+) %\}|(?<![\w./])ui((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\[(?![\"'])")


@cache
def used_keys(templates_dir: Path = TEMPLATES_DIR) -> tuple[tuple[str, ...], ...]:
    """Every key of ui.yml the templates and the generator read, as paths."""
    keys = set(READ_BY_CODE)
    for template in sorted(templates_dir.glob("*.j2")):
        source = template.read_text(encoding="utf-8")
        for match in _UI.finditer(source):
            keys.add(tuple(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", match.group(1))))
        script = _SCRIPT.search(source)
        if script:
            keys.update((script.group(1), "script", k) for k in _SCRIPT_TEXT.findall(source))
    return tuple(sorted(keys))


@cache
def whole_groups(templates_dir: Path = TEMPLATES_DIR) -> frozenset[tuple[str, ...]]:
    """Groups the templates read whole: handed to a script as JSON (`{% set x = ui.a.b %}`)
    or picked from by a value (`ui.a.b[key]`)."""
    found = set()
    for template in sorted(templates_dir.glob("*.j2")):
        for match in _WHOLE.finditer(template.read_text(encoding="utf-8")):
            found.add(tuple(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", match.group(1) or match.group(2))))
    return frozenset(found)


def ui_problems(doc: YamlDoc) -> Iterator[Problem]:
    """Each key a template reads is there, as words where words are read."""
    used = used_keys()
    groups = {k[:-1] for k in used if len(k) > 1} | whole_groups()
    for key in used:
        node, path = doc.data, ()
        for part in key:
            if not isinstance(node, dict) or part not in node:
                choices = list(node) if isinstance(node, dict) else []
                yield doc.problem(path, f"'{'.'.join(key)}' is missing{did_you_mean(part, choices)} - the templates read it; add it with its words")
                break
            node, path = node[part], (*path, part)
        else:
            want_group = key in groups
            if want_group != isinstance(node, dict):
                yield doc.problem(path, f"'{'.'.join(key)}' must be {'a group of keys' if want_group else 'one line of words'}, as the templates read it")
