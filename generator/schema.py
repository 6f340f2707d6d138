"""Check a content file against its JSON Schema, in words a contributor can act on.

The schemas in schema/ are the one source of truth: editors use them through the
`yaml-language-server` modeline, and this module uses the same files. jsonschema's
own messages are written for programmers, so each kind of failure is reworded
here and placed on the line and column of the offending key or value.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from jsonschema import Draft7Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource

from generator.errors import HIDDEN, Problem, did_you_mean
from generator.yamlfile import YamlDoc

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

TYPES = {
    # JSON Schema type: (word on the 'Content fields' page, what a message expects, how to fix)
    "string": ("text", "text", "write it as text, in quotes if it looks like a number, true/false or a date"),
    "integer": ("whole number", "a whole number", "write a whole number without quotes, like 3"),
    "number": ("number", "a number", "write a number without quotes"),
    "object": ("mapping", "a mapping (key: value lines)", "write 'key: value' lines indented under it"),
    "array": ("list", "a list (lines starting with '- ')", "write one '- entry' line per item, indented under it"),
    "boolean": ("true/false", "true or false", "write true or false"),
    "null": ("nothing", "nothing", "leave it empty"),
}
"""How each JSON Schema type is named to a contributor: the one table for the field
reference (generator/fields.py) and the validation messages."""


@cache
def load_schemas() -> dict[str, dict]:
    """Every schema in schema/, by file name."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}


# --- How this project reads its schemas -------------------------------------------------
#
# jsonschema, as it comes, lets through three things this content must not hold. Each is
# fixed here, once, for every schema (present and future), instead of in each pattern:
#
# * `"type": "integer"` accepts 4.0 (a float with no fraction). Pages would then say
#   "Level 4.0". Here a whole number is an int, never a float.
# * `"pattern"` runs Python's `re.search`, whose `$` also matches before a final line
#   break, so `^[a-z]+$` accepted "models\n". JSON Schema patterns are ECMA-262
#   regexes, where `$` means the end of the text: each `$` is read as `\Z`.
# * Text can carry characters nobody sees: control characters (NUL, escape...), line and
#   paragraph separators, bidi overrides that show "txt.exe" as "exe.txt". Every string
#   (and every mapping key) is checked; only text marked `"x-multiline": true` in its
#   schema (sentences, paragraphs) may hold plain line breaks.
# * `"format": "date"` is checked against the calendar: 2026-02-31 is not a day.

HIDDEN_NAMES = {
    "\n": ("a line break", "write one line of plain text"),
    "\r": ("a carriage return", "remove it (save the file with plain LF line endings)"),
    "\t": ("a tab", "use spaces instead"),
    "\x00": ("a NUL character", "remove it"),
    "\u2028": ("a line separator", "remove it; in text that may span lines, use an ordinary line break"),
    "\u2029": ("a paragraph separator", "remove it; in text that may span lines, leave a blank line instead"),
}
"""What each hidden character is called in a message, and how to get rid of it."""


def _hidden_name(char: str) -> tuple[str, str]:
    if char in HIDDEN_NAMES:
        return HIDDEN_NAMES[char]
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "a bidirectional-text control", "remove it: it reorders how the text around it is shown"
    return "an invisible control character", "remove it (retype the text around it if you cannot see it)"


def hidden_character(text: str, multiline: bool = False) -> tuple[int, str] | None:
    """The first character of `text` a reader cannot see, as (index, char), or None.
    A plain line break is allowed when `multiline`."""
    for match in HIDDEN.finditer(text):
        if not (multiline and match.group(0) == "\n"):
            return match.start(), match.group(0)
    return None


def _hidden_error(text: str, schema: dict, is_key: bool) -> ValidationError | None:
    found = hidden_character(text, multiline=not is_key and schema.get("x-multiline") is True)
    if found is None:
        return None
    index, char = found
    return ValidationError(f"hidden character U+{ord(char):04X}", validator="x-hidden", validator_value=(index, char, is_key),
                           instance=text, schema=schema, path=[text] if is_key else [])


_TYPE = Draft7Validator.VALIDATORS["type"]


def _type_and_text(validator, types, instance, schema) -> Iterator[ValidationError]:
    """The usual type check, then hidden characters in text and in mapping keys."""
    yield from _TYPE(validator, types, instance, schema)
    types = [types] if isinstance(types, str) else types
    if isinstance(instance, str) and "string" in types:
        error = _hidden_error(instance, schema, is_key=False)
        if error:
            yield error
    elif isinstance(instance, dict) and "object" in types:
        for key in instance:
            error = _hidden_error(key, schema, is_key=True) if isinstance(key, str) else None
            if error:
                yield error


@cache
def ecma_regex(pattern: str) -> re.Pattern:
    """A JSON Schema (ECMA-262) pattern as a Python regex: `$` outside a character class
    becomes `\\Z`, so it no longer matches before a trailing line break."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class and char == "]":
            in_class = False
        elif not in_class and char == "[":
            in_class = True
            out.append(char)
            i += 1
            for opener in ("^", "]"):  # '[]...]' and '[^]...]': a leading ']' is literal
                if pattern[i:i + 1] == opener:
                    out.append(opener)
                    i += 1
            continue
        out.append(r"\Z" if char == "$" and not in_class else char)
        i += 1
    return re.compile("".join(out))


def _pattern(validator, pattern, instance, schema) -> Iterator[ValidationError]:
    """ECMA-262 `pattern`. Text with a hidden character is skipped: that is reported as
    its problem (see _type_and_text), and thousands of such values stay cheap."""
    if not isinstance(instance, str) or hidden_character(instance, multiline=schema.get("x-multiline") is True):
        return
    if not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _whole_number(checker, instance) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


DATE_SHAPE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date")
def calendar_date(text: object) -> bool:
    """A YYYY-MM-DD that names a real day. Text of another shape passes here: the field's
    pattern reports the shape, with its own hint, and one message per mistake is enough."""
    match = DATE_SHAPE.match(text) if isinstance(text, str) else None
    if not match:
        return True
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return True
    return day <= calendar.monthrange(year, month)[1]


ContentValidator = validators.extend(
    Draft7Validator,
    validators={"type": _type_and_text, "pattern": _pattern},
    type_checker=Draft7Validator.TYPE_CHECKER.redefine("integer", _whole_number),
)
"""Draft 7, read the way this project means it (see above)."""


ANNOTATIONS = ("description", "title", "markdownDescription")
"""Keys a node may set beside its `$ref`; Draft 7 ignores any other sibling of `$ref`."""

VALUES = ("enum", "const", "default", "examples")
"""Keys whose value is data, not a schema: never searched for `$ref`."""


def inline_refs(node: object, file: str, seen: tuple = ()) -> object:
    """`node` with every `$ref` replaced by what it points to, so validating follows no
    references (about half of validation time went to looking them up). Draft 7's rule
    stays: a `$ref`'s siblings do not validate; annotations (a local description) win.
    A reference that leads back to itself is left for the registry to follow."""
    if isinstance(node, list):
        return [inline_refs(x, file, seen) for x in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        target_file, _, pointer = ref.partition("#")
        target_file = target_file or file
        if (target_file, pointer) in seen:
            return node
        target = load_schemas()[target_file]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        inlined = inline_refs(target, target_file, (*seen, (target_file, pointer)))
        return {**inlined, **{k: v for k, v in node.items() if k in ANNOTATIONS}}
    return {k: v if k in VALUES else inline_refs(v, file, seen) for k, v in node.items()}


@cache
def _validator(name: str):
    schemas = load_schemas()
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    return ContentValidator(inline_refs(schemas[name], name), registry=registry, format_checker=FORMATS)


def schema_problems(doc: YamlDoc, schema_name: str) -> list[Problem]:
    """All the ways `doc` breaks `schema_name`, one Problem each. Where a value holds a
    hidden character, that is the one problem reported there: its other complaints
    (pattern, length, unknown key) all stem from it."""
    errors = list(_validator(schema_name).iter_errors(doc.data))
    problems = [(_reword(err, doc), err.validator == "x-hidden") for err in errors]
    hidden_at = {(p.line, p.col) for p, hidden in problems if hidden}
    return [p for p, hidden in problems if hidden or (p.line, p.col) not in hidden_at]


def describe(value: object) -> str:
    """How a value looks to the contributor, for 'got ...' parts of messages."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (put the text in quotes if you meant text)"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def where_in(data: object, path: tuple) -> str:
    """'level 'managed' > bands.genaiops.max': a readable name for a place in the data."""
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            item = node[step]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                parts.append(f"'{item['id']}'")
            elif isinstance(item, dict) and "points" in item:
                parts.append(f"option {step + 1}")
            else:
                parts.append(f"item {step + 1}")
        else:
            parts.append(str(step))
        node = node[step] if isinstance(node, (dict, list)) and _has(node, step) else None
    return " > ".join(parts) if parts else "the file"


def _has(node, step) -> bool:
    return step in node if isinstance(node, dict) else isinstance(step, int) and 0 <= step < len(node)


def _reword(err, doc: YamlDoc) -> Problem:
    """One message per JSON Schema keyword (REWORD), placed where the mistake is."""
    path = tuple(err.absolute_path)
    return REWORD.get(err.validator, _other)(err, doc, path, where_in(doc.data, path))


def _unknown_key(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    allowed = list(_schema_of(err).get("properties", {}))
    extra = next((k for k in err.instance if k not in allowed), "?")
    return doc.problem(path + (extra,), f"{place}: unknown key '{extra}'{did_you_mean(extra, allowed)} - allowed keys: {', '.join(allowed)}", key=True)


def _missing(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    """jsonschema reports each missing key as its own error; all of them get the same
    message (and so become one problem), naming every missing key."""
    schema = _schema_of(err)
    missing = [k for k in err.validator_value if k not in err.instance]
    if len(missing) == 1:
        return doc.problem(path, f"{place}: missing key '{missing[0]}' - add it ({_field_help(schema, missing[0])})")
    keys = ", ".join(f"'{k}'" for k in missing)
    helps = "; ".join(f"{k}: {_field_help(schema, k)}" for k in missing)
    return doc.problem(path, f"{place}: missing keys {keys} - add them ({helps})")


def _wrong_type(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    wanted = str(err.validator_value)
    _, expected, fix = TYPES.get(wanted, (wanted, wanted, "see the schema"))
    if wanted == "integer" and isinstance(err.instance, float) and err.instance.is_integer():
        fix = f"write {int(err.instance)}, without the decimal point"
    return doc.problem(path, f"{place}: expected {expected}, got {describe(err.instance)} - {fix}")


def not_allowed(place: str, value: object, choices: list[str]) -> str:
    """The message for a value outside a fixed list: the schema's enums and the lists
    kept in content (a reference's kind) say it the same way."""
    return f"{place}: {describe(value)} is not allowed{did_you_mean(value, choices)} - use one of: {', '.join(choices)}"


def _limit(what, size: str, fix: str = ""):
    """A reworder for a length, count or range keyword: '<what the value is> <size> <limit>'."""

    def reword(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
        return doc.problem(path, f"{place}: {what(err.instance)} {size} {err.validator_value}" + (f" - {fix}" if fix else ""))

    return reword


def _chars(text: str) -> str:
    return f"text is {len(text)} characters long; it must be"


def _entries(items) -> str:
    return f"has {len(items)} entries; it needs"


def _out_of_range(value) -> str:
    return f"{describe(value)} is out of range - it must be"


def _enum(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    return doc.problem(path, not_allowed(place, err.instance, [str(c) for c in err.validator_value]))


def _no_match(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    hint = _schema_of(err).get("x-hint", f"it must match {err.validator_value}")
    return doc.problem(path, f"{place}: {describe(err.instance)} is not valid - {hint}")


def _not_a_day(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    return doc.problem(path, f"{place}: {describe(err.instance)} is not a day in the calendar - check the day and the month ({_month_days(err.instance)})")


def _repeated(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    return doc.problem(path, f"{place}: lists the same entry twice - remove the repeat")


def _bad_key(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    return doc.problem(path, f"{place}: key {describe(err.instance)} is not a valid id - use lowercase letters, digits and hyphens")


def _other(err, doc: YamlDoc, path: tuple, place: str) -> Problem:  # pragma: no cover - REWORD covers every keyword in schema/
    return doc.problem(path, f"{place}: {err.message} - see the schema")


def _schema_of(err) -> dict:
    return err.schema if isinstance(err.schema, dict) else {}


def _hidden_problem(err, doc: YamlDoc, path: tuple, place: str) -> Problem:
    index, char, is_key = err.validator_value
    what, fix = _hidden_name(char)
    where = f"character {index + 1} of {'key ' if is_key else ''}{describe(err.instance)}"
    if char == "\n" and not is_key:
        fix = "write one line of plain text (only sentences and paragraphs may span lines)"
    return doc.problem(path, f"{place}: {where} is {what} (U+{ord(char):04X}) - {fix}", key=is_key)


def _month_days(text: str) -> str:
    year, month, _ = (int(g) for g in DATE_SHAPE.match(text).groups())
    return f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"


def _field_help(schema: dict, key: str) -> str:
    text = resolve(schema.get("properties", {}).get(key, {})).get("description")
    return text.rstrip(".") if text else "see the schema"


def resolve(node: dict) -> dict:
    """A schema node with its `defs.schema.json#/definitions/x` reference followed; the
    node's own keys (a local description) win over the definition's."""
    ref = node.get("$ref")
    if not ref:
        return node
    target = load_schemas()["defs.schema.json"]["definitions"][ref.split("/")[-1]]
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}


REWORD = {
    "additionalProperties": _unknown_key,
    "required": _missing,
    "x-hidden": _hidden_problem,
    "type": _wrong_type,
    "format": _not_a_day,
    "enum": _enum,
    "pattern": _no_match,
    "minLength": _limit(_chars, "at least", "write it out"),
    "maxLength": _limit(_chars, "at most", "shorten it"),
    "minItems": _limit(_entries, "at least", "add the missing ones"),
    "minProperties": _limit(_entries, "at least", "add the missing ones"),
    "maxItems": _limit(_entries, "at most", "remove some"),
    "minimum": _limit(_out_of_range, "at least"),
    "maximum": _limit(_out_of_range, "at most"),
    "uniqueItems": _repeated,
    "propertyNames": _bad_key,
}
"""From each JSON Schema keyword the schemas use to the message a contributor reads.
tests/test_one_source.py checks that every keyword in schema/ has an entry here."""
