"""Read one YAML content file into plain data, remembering where each value stands.

`yaml.safe_load` forgets positions and silently keeps the second of two duplicate
keys. Contributors need both, so this walks PyYAML's node tree itself and turns
each failure into a `Problem` with a line and column.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from generator.errors import Problem

MAX_BYTES = 1_000_000
"""A content file larger than this is refused: nothing legitimate comes close."""

MAX_DEPTH = 20
"""Lists and mappings nest at most this deep (content needs 6). Deeper nesting is refused
before the tree is built: a thousand nested `[` would otherwise exhaust Python's stack."""

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (about 30 times faster), else the pure-Python one."""

Where = tuple[int, int]
DataPath = tuple[object, ...]


@dataclass
class YamlDoc:
    """A file's data plus the (line, col) of every value and of every mapping key."""

    path: str
    data: object = None
    at: dict[DataPath, Where] = field(default_factory=dict)
    key_at: dict[DataPath, Where] = field(default_factory=dict)

    def where(self, path: DataPath, key: bool = False) -> Where:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        table = self.key_at if key else self.at
        path = tuple(path)
        while path not in table and path:
            path = path[:-1]
        return table.get(path, self.at.get((), (1, 1)))

    def problem(self, path: DataPath, message: str, key: bool = False) -> Problem:
        line, col = self.where(path, key=key and tuple(path) in self.key_at)
        return Problem(self.path, line, col, message)


class _Constructor(SafeConstructor):
    """Safe constructor that keeps dates as the text the contributor wrote."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


def leaves(value: object, prefix: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """(path, value) for every value under `value` that is not a mapping or a list, its path
    the keys and list indexes that lead to it from `prefix`, as the data has them."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            yield from leaves(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, (*prefix, i))
    else:
        yield prefix, value


def _mark(mark) -> Where:
    return (mark.line + 1, mark.column + 1)


def load_yaml(file: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Load `file`; on failure return None and the problems (never raise)."""
    raw, problem = read_bounded(file)
    if problem:
        return None, [Problem(display, 1, 1, problem)]
    text, problems = _decode(raw, display)
    if problems:
        return None, problems
    problems = _refuse_tabs_and_aliases(text, display)
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(err, display)]
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML marks nearly all errors
        return None, [Problem(display, 1, 1, f"YAML error: {err}")]
    if node is None:
        return None, [Problem(display, 1, 1, "the file is empty - it must hold the keys its schema describes")]
    doc = YamlDoc(display)
    problems = []
    doc.data = _build(node, (), doc, problems, _Constructor())
    return (None if problems else doc), problems


_TOO_DEEP = f"lists and mappings are nested more than {MAX_DEPTH} deep here - content needs far less; remove the extra brackets or indentation"

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"this is {kind}, not a regular file - a content file must be an ordinary text file"


def read_bounded(file: Path) -> tuple[bytes, str]:
    """The bytes of `file`, or '' and why it cannot be content. Never hangs or floods memory.

    Looking comes before reading: a symlink out of the content folder, a folder, a FIFO
    (which would wait for a writer forever), a device (endless) or a file over MAX_BYTES
    is refused from its metadata. The file is then opened without blocking, checked again
    on the open handle (it may have been swapped meanwhile), and read at most one byte
    past the limit.
    """
    try:
        folder = file.parent.resolve(strict=True)
        target = file.resolve(strict=True)
        if not target.is_relative_to(folder):
            return b"", f"this is a link to {target}, outside the content folder - put the file itself in the content folder"
        if problem := _unsuitable(os.stat(target)):
            return b"", problem
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if problem := _unsuitable(os.fstat(handle.fileno())):
                return b"", problem
            return handle.read(MAX_BYTES + 1), ""
    except (OSError, RuntimeError) as err:  # RuntimeError: a symlink loop, on Python 3.11
        reason = getattr(err, "strerror", None) or str(err)
        return b"", f"cannot read the file ({reason}) - check that it exists and is readable"


def _unsuitable(info: os.stat_result) -> str:
    if not stat.S_ISREG(info.st_mode):
        return _not_regular(info.st_mode)
    if info.st_size > MAX_BYTES:
        return _too_big(info.st_size)
    return ""


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes; a content file may hold at most {MAX_BYTES:,} - split it or remove what does not belong"


_OPENERS = {
    "while parsing a flow mapping": ("the { } mapping that starts here", "close it with '}' on the same line and separate its entries with commas"),
    "while parsing a flow sequence": ("the [ ] list that starts here", "close it with ']' on the same line and separate its entries with commas"),
    "while scanning a simple key": ("the key that starts here", "put ': ' after the key, or join this line to the one above"),
}


_PLAIN_WORDS = {
    "mapping values are not allowed in this context": "a 'key: value' cannot start here (is this line indented more than the ones around it?)",
    "mapping values are not allowed here": "a 'key: value' cannot start here (is this line indented more than the ones around it?)",
    "did not find expected key": "expected the next 'key:' at the indentation of the lines above",
    "did not find expected '-' indicator": "expected the next list entry ('- ...') at the indentation of the entries above",
}
"""libyaml's and PyYAML's wording for the commonest slips, in a contributor's words."""


def _syntax_problem(err: yaml.MarkedYAMLError, display: str) -> Problem:
    """Place a syntax error where the contributor has to fix it.

    PyYAML marks where it gave up, which for an unclosed quote is the end of the
    file and for an unclosed bracket the line after it; the opening is the place
    to look, so those errors are reported there.
    """
    problem = err.problem or "not valid YAML"
    context = err.context or ""
    found = err.problem_mark or err.context_mark
    opened = err.context_mark if context else None
    if opened and context == "while scanning a quoted scalar" and "end of stream" in problem:
        line, col = _mark(opened)
        return Problem(display, line, col, "YAML syntax error: the quoted text that starts here is never closed - add the closing quote at the end of the value")
    if opened and context in _OPENERS:
        what, fix = _OPENERS[context]
        line, col = _mark(opened)
        at = f" (at line {found.line + 1}, column {found.column + 1})" if found else ""
        return Problem(display, line, col, f"YAML syntax error: {problem}{at} in {what} - {fix}")
    line, col = _mark(found) if found else (1, 1)
    if "nesting depth" in problem:  # libyaml's own limit (1000), met while scanning ahead
        return Problem(display, line, col, _TOO_DEEP)
    if context == "expected a single document in the stream":
        return Problem(display, line, col, "YAML syntax error: a second YAML document starts here ('---') - a content file holds one document; remove the '---' line")
    context = f" {context}" if context else ""
    problem = _PLAIN_WORDS.get(problem, problem)
    return Problem(display, line, col, f"YAML syntax error: {problem}{context} - check the indentation, colons and quotes here")


def _decode(raw: bytes, display: str) -> tuple[str, list[Problem]]:
    if len(raw) > MAX_BYTES:  # the file grew after it was measured
        return "", [Problem(display, 1, 1, _too_big(len(raw)))]
    if raw.startswith(codecs.BOM_UTF8):
        return "", [Problem(display, 1, 1, "the file starts with a byte-order mark (BOM) - save it as UTF-8 without BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        byte = raw[err.start]
        return "", [Problem(display, line, col, f"byte 0x{byte:02x} is not UTF-8 - save the file as UTF-8")]


def _refuse_tabs_and_aliases(text: str, display: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "\t" in line:
            problems.append(Problem(display, number, line.index("\t") + 1, "tab character - YAML content here uses spaces only; replace the tab with spaces"))
    if "\x00" in text:
        problems.append(Problem(display, 1, 1, "the file contains a NUL character - it is not a text file"))
    if problems:
        return problems
    depth = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = _mark(event.start_mark)
                problems.append(Problem(display, line, col, "YAML anchors and aliases (&name, *name) are not supported - write the value out in full"))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = _mark(event.start_mark)
                    problems.append(Problem(display, line, col, _TOO_DEEP))
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # compose() reports syntax errors with their position
    except RecursionError:  # pragma: no cover - the depth limit stops long before
        problems.append(Problem(display, 1, 1, _TOO_DEEP))
    return problems


_PLAIN_TAGS = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}


def _build(node, path: DataPath, doc: YamlDoc, problems: list[Problem], ctor: _Constructor):
    doc.at[path] = _mark(node.start_mark)
    if type(node) in _PLAIN_TAGS and node.tag != _PLAIN_TAGS[type(node)]:
        line, col = _mark(node.start_mark)
        problems.append(Problem(doc.path, line, col, f"cannot read this value (YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not supported) - remove the tag"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _mark(key_node.start_mark)
                problems.append(Problem(doc.path, line, col, "keys must be plain words - write a simple key such as 'name:'"))
                continue
            key = key_node.value
            if key in result:
                first_line = doc.key_at[path + (key,)][0]
                line, col = _mark(key_node.start_mark)
                problems.append(Problem(doc.path, line, col, f"duplicate key '{key}' (first at line {first_line}) - keep one of them"))
                continue
            doc.key_at[path + (key,)] = _mark(key_node.start_mark)
            result[key] = _build(value_node, path + (key,), doc, problems, ctor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, problems, ctor) for i, item in enumerate(node.value)]
    try:
        return ctor.construct_object(node, deep=True)
    except yaml.YAMLError as err:
        line, col = _mark(node.start_mark)
        problems.append(Problem(doc.path, line, col, f"cannot read this value ({getattr(err, 'problem', err)}) - put it in quotes"))
        return None
