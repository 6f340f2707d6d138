"""The field reference: every key of every content file, read from the schemas
themselves so the 'Content fields' page cannot drift from what validation checks.
"""

from __future__ import annotations

from generator.content import FILES
from generator.schema import load_schemas

TYPE_WORDS = {"string": "text", "integer": "whole number", "array": "list", "object": "mapping", "boolean": "true/false"}


def _resolve(node: dict) -> dict:
    """Follow a `defs.schema.json#/definitions/x` reference, keeping the local description."""
    ref = node.get("$ref")
    if not ref:
        return node
    target = load_schemas()["defs.schema.json"]["definitions"][ref.split("/")[-1]]
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}


def _type(node: dict) -> str:
    if "enum" in node:
        return "one of: " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type", "")
    if kind == "array":
        return f"list of {_type(_resolve(node.get('items', {}))) or 'entries'}"
    return TYPE_WORDS.get(kind, kind)


def _rows(node: dict, prefix: str) -> list[dict]:
    rows = []
    required = set(node.get("required", []))
    for key, child in node.get("properties", {}).items():
        child = _resolve(child)
        path = f"{prefix}{key}"
        rows.append({"key": path, "type": _type(child), "required": key in required, "description": child.get("description", "")})
        if child.get("type") == "object" and "properties" in child:
            rows += _rows(child, f"{path}.")
        items = _resolve(child.get("items", {})) if child.get("type") == "array" else {}
        if items.get("type") == "object":
            rows += _rows(items, f"{path}[].")
        extra = child.get("additionalProperties")
        if isinstance(extra, dict) and _resolve(extra).get("type") == "object":
            rows += _rows(_resolve(extra), f"{path}.<edition id>.")
    return rows


def schema_fields() -> list[dict]:
    """[{file, schema, title, description, rows: [{key, type, required, description}]}] per content file."""
    schemas = load_schemas()
    return [
        {
            "file": f"content/{name}.yml",
            "schema": f"schema/{name}.schema.json",
            "title": schemas[f"{name}.schema.json"]["title"],
            "description": schemas[f"{name}.schema.json"]["description"],
            "rows": _rows(schemas[f"{name}.schema.json"], ""),
        }
        for name in FILES
    ]
