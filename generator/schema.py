"""Check a content file against its JSON Schema, in words a contributor can act on.

The schemas in schema/ are the one source of truth: editors use them through the
`yaml-language-server` modeline, and this module uses the same files. jsonschema's
own messages are written for programmers, so each kind of failure is reworded
here and placed on the line and column of the offending key or value.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft7Validator
from referencing import Registry, Resource

from generator.errors import Problem, did_you_mean
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


@cache
def _validator(name: str) -> Draft7Validator:
    schemas = load_schemas()
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    return Draft7Validator(schemas[name], registry=registry)


def schema_problems(doc: YamlDoc, schema_name: str) -> list[Problem]:
    """All the ways `doc` breaks `schema_name`, one Problem each."""
    return [_reword(err, doc) for err in _validator(schema_name).iter_errors(doc.data)]


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
    if kind == "type":
        wanted = str(err.validator_value)
        return doc.problem(path, f"{place}: expected {TYPE_NAMES.get(wanted, wanted)}, got {describe(err.instance)} - {TYPE_FIXES.get(wanted, 'see the schema')}")
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
