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

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping (key: value lines)",
    "array": "a list (lines starting with '- ')",
    "boolean": "true or false",
    "null": "nothing",
}

TYPE_FIXES = {
    "string": "write it as text, in quotes if it looks like a number, true/false or a date",
    "integer": "write a whole number without quotes, like 3",
    "number": "write a number without quotes",
    "object": "write 'key: value' lines indented under it",
    "array": "write one '- entry' line per item, indented under it",
    "boolean": "write true or false",
}


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


@cache
def _validator(name: str):
    schemas = load_schemas()
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    return ContentValidator(schemas[name], registry=registry, format_checker=FORMATS)


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
    path = tuple(err.absolute_path)
    place = where_in(doc.data, path)
    kind = err.validator
    schema = err.schema if isinstance(err.schema, dict) else {}
    if kind == "additionalProperties" and isinstance(err.instance, dict):
        allowed = list(schema.get("properties", {}))
        extra = next((k for k in err.instance if k not in allowed), "?")
        return doc.problem(path + (extra,), f"{place}: unknown key '{extra}'{did_you_mean(extra, allowed)} - allowed keys: {', '.join(allowed)}", key=True)
    if kind == "required":
        # jsonschema reports each missing key as its own error; all of them get the same
        # message (and so become one problem), naming every missing key.
        missing = [k for k in err.validator_value if k not in err.instance]
        if len(missing) == 1:
            return doc.problem(path, f"{place}: missing key '{missing[0]}' - add it ({_field_help(schema, missing[0])})")
        keys = ", ".join(f"'{k}'" for k in missing)
        helps = "; ".join(f"{k}: {_field_help(schema, k)}" for k in missing)
        return doc.problem(path, f"{place}: missing keys {keys} - add them ({helps})")
    if kind == "x-hidden":
        return _hidden_problem(err, doc, path, place)
    if kind == "type":
        wanted = str(err.validator_value)
        fix = TYPE_FIXES.get(wanted, "see the schema")
        if wanted == "integer" and isinstance(err.instance, float) and err.instance.is_integer():
            fix = f"write {int(err.instance)}, without the decimal point"
        return doc.problem(path, f"{place}: expected {TYPE_NAMES.get(wanted, wanted)}, got {describe(err.instance)} - {fix}")
    if kind == "format":
        return doc.problem(path, f"{place}: {describe(err.instance)} is not a day in the calendar - check the day and the month ({_month_days(err.instance)})")
    if kind == "enum":
        choices = [str(c) for c in err.validator_value]
        return doc.problem(path, f"{place}: {describe(err.instance)} is not allowed{did_you_mean(err.instance, choices)} - use one of: {', '.join(choices)}")
    if kind == "pattern":
        hint = schema.get("x-hint", f"it must match {err.validator_value}")
        return doc.problem(path, f"{place}: {describe(err.instance)} is not valid - {hint}")
    if kind in ("minLength", "maxLength"):
        size = "at least" if kind == "minLength" else "at most"
        return doc.problem(path, f"{place}: text is {len(err.instance)} characters long; it must be {size} {err.validator_value} - {'write it out' if kind == 'minLength' else 'shorten it'}")
    if kind in ("minItems", "maxItems", "minProperties"):
        size, fix = ("at most", "remove some") if kind == "maxItems" else ("at least", "add the missing ones")
        return doc.problem(path, f"{place}: has {len(err.instance)} entries; it needs {size} {err.validator_value} - {fix}")
    if kind in ("minimum", "maximum"):
        size = "at least" if kind == "minimum" else "at most"
        return doc.problem(path, f"{place}: {describe(err.instance)} is out of range - it must be {size} {err.validator_value}")
    if kind == "uniqueItems":
        return doc.problem(path, f"{place}: lists the same entry twice - remove the repeat")
    if kind == "propertyNames":
        return doc.problem(path, f"{place}: key {describe(err.instance)} is not a valid id - use lowercase letters, digits and hyphens")
    return doc.problem(path, f"{place}: {err.message} - see the schema")  # pragma: no cover - every keyword we use is handled above


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
    prop = schema.get("properties", {}).get(key, {})
    text = prop.get("description") or _resolve_description(prop)
    return text.rstrip(".") if text else "see the schema"


def _resolve_description(prop: dict) -> str:
    ref = prop.get("$ref", "")
    if "#/definitions/" in ref:
        name = ref.split("#/definitions/")[1]
        return load_schemas()["defs.schema.json"]["definitions"].get(name, {}).get("description", "")
    return ""
