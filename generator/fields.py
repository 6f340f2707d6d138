"""The field reference: every key of every content file, read from the schemas
themselves so the 'Content fields' page cannot drift from what validation checks.
"""

from __future__ import annotations

from generator.content import FILES
from generator.schema import TYPES, load_schemas, resolve


def _type(node: dict) -> str:
    if "enum" in node:
        return "one of: " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type", "")
    if kind == "array":
        return f"list of {_type(resolve(node.get('items', {}))) or 'entries'}"
    return TYPES[kind][0] if kind in TYPES else kind


def _rows(node: dict, prefix: str) -> list[dict]:
    rows = []
    required = set(node.get("required", []))
    for key, child in node.get("properties", {}).items():
        child = resolve(child)
        path = f"{prefix}{key}"
        rows.append({"key": path, "type": _type(child), "required": key in required, "description": child.get("description", "")})
        if child.get("type") == "object" and "properties" in child:
            rows += _rows(child, f"{path}.")
        items = resolve(child.get("items", {})) if child.get("type") == "array" else {}
        if items.get("type") == "object":
            rows += _rows(items, f"{path}[].")
        extra = child.get("additionalProperties")
        if isinstance(extra, dict) and resolve(extra).get("type") == "object":
            rows += _rows(resolve(extra), f"{path}.<edition id>.")
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
