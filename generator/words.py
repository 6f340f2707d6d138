"""The site's words (content/ui.yml): which keys the templates and the generator read,
so a missing or misshapen key is a one-line content error, never a template crash.

The keys come from the templates themselves (`ui.<group>.<key>`, and `text.<key>` in the
pages whose script gets `ui.<page>.script` as `text`) plus the few the generator reads.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from generator.errors import Problem, did_you_mean
from generator.yamlfile import YamlDoc, leaves

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

READ_BY_CODE = (
    *(("nav", k) for k in ("home", "levels", "assessment", "team", "progress", "references", "editions", "about")),
    ("level_title",),
    ("common", "note"), ("common", "diagram"), ("common", "diagram_named"),
    ("language", "name"), ("language", "translated"), ("language", "draft"), ("language", "coverage"),
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


# --- What the words may hold --------------------------------------------------------------
# The words land in markdown pages (headings, paragraphs, table cells) and in the theme's
# HTML (navigation, notices), mostly as written: markdown passes raw HTML through, and
# GitHub Pages sends no headers, so a <meta http-equiv="refresh"> in one word would send
# every reader of the page elsewhere. Words are text with a little markdown; this is the
# whole of what they may use, checked for English (content/ui.yml) and every translation's
# `ui` group alike.

INLINE_MARKUP = ("code", "strong", "em", "kbd", "br")
"""The HTML elements words may use, bare (`<code>#</code>`, `<br>`): no attributes."""

LINK_TARGETS = "a page of the site (assessment.md, editions.md#bands) or an https:// address"
"""What a markdown link in the words may point at."""

_TAGLIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ALLOWED_TAG = re.compile(r"<(/?)(" + "|".join(INLINE_MARKUP) + r")\s*/?>", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)|^\s*\[[^\]]*\]:\s*<?(\S*)")
_IMAGE = re.compile(r"!\[")
_FENCE = re.compile(r"`{3,}|~{3,}")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
_INVISIBLE = re.compile(r"[\s\x00-\x1f]")


def _shown(text: str, at: int) -> str:
    return repr(text[at:at + 40] + ("..." if len(text) > at + 40 else ""))


def word_problem(text: str) -> str | None:
    """What makes `text` more than words ('' never), or None when it is fine."""
    if "\n" in text or "\r" in text:
        return "holds a line break, which would start a new block of the page - write the words on one line (in YAML, >- folds lines)"
    for m in _TAGLIKE.finditer(text):
        tag = _ALLOWED_TAG.match(text, m.start())
        if not tag or (tag.group(1) and tag.group(2).lower() == "br"):
            return (f"holds the markup {_shown(text, m.start())}, which pages would print as HTML - words may use only "
                    f"{', '.join(f'<{t}>' for t in INLINE_MARKUP)} without attributes, and links as [words](target); "
                    "to show a '<', write it followed by a space or as &lt;")
    if m := _IMAGE.search(text):
        return f"holds the image {_shown(text, m.start())} - words carry no images; remove it"
    for m in _LINK_TARGET.finditer(text):
        target = m.group(1) if m.group(1) is not None else m.group(2)
        plain = _INVISIBLE.sub("", html.unescape(target)).lower()
        if not plain.startswith("https://") and (_SCHEME.match(plain) or plain.startswith(("//", "\\", "/\\"))):
            return f"links to {target!r} - a link in the words goes to {LINK_TARGETS}"
    if m := _FENCE.search(text):
        return f"holds {m.group(0)!r}, which opens a code block that would hold the rest of the page - write at most two in a row"
    rest = _PLACEHOLDER.sub("", text)
    if "{" in rest or "}" in rest:
        at = min(i for i in (rest.find("{"), rest.find("}")) if i >= 0)
        return (f"holds the brace in {_shown(rest, at)}, which markdown would read as the element's attributes - braces "
                "only mark a {placeholder}; write the words without them")
    return None


def markup_problems(doc: YamlDoc, prefix: tuple = ()) -> Iterator[Problem]:
    """A problem for each of the words under `prefix` in `doc` (content/ui.yml, or a
    translation's text.yml at ('ui',)) that holds more than INLINE_MARKUP and links."""
    node = doc.data
    for part in prefix:
        node = node.get(part) if isinstance(node, dict) else None
    for path, value in leaves(node, tuple(prefix)):
        if isinstance(value, str) and (why := word_problem(value)):
            yield doc.problem(path, f"'{'.'.join(str(p) for p in path)}' {why}")
