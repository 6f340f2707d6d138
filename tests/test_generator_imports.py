"""generator/ has no import cycle: each module can be read knowing only those below it.

A cycle hides behind an import inside a function (content.py once imported translate.py
inside `load_content`, and translate.py imported content.py): so every import counts here,
wherever it stands in the module.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = "generator"


def imports(path: Path, modules: set[str]) -> set[str]:
    """The generator modules `path` imports, anywhere in it ('generator' is __init__.py)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == PACKAGE}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == PACKAGE:
            subs = {f"{node.module}.{a.name}" for a in node.names} & modules
            found |= subs if subs else {node.module}
    return found & modules


def graph(folder: Path) -> dict[str, set[str]]:
    names = {p: PACKAGE if p.stem == "__init__" else f"{PACKAGE}.{p.stem}" for p in folder.glob("*.py")}
    modules = set(names.values())
    return {name: imports(path, modules) - {name} for path, name in names.items()}


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle, as the modules along it, or [] when there is none."""
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> list[str]:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return trail[trail.index(nxt):] + [node, nxt] if nxt in trail else [node, nxt]
            if nxt not in state and (found := visit(nxt, trail + [node])):
                return found
        state[node] = "done"
        return []

    for start in sorted(edges):
        if start not in state and (found := visit(start, [])):
            return found
    return []


def test_generator_has_no_import_cycle():
    assert cycle(graph(ROOT / PACKAGE)) == []


def test_only_the_hook_imports_mkdocs():
    """The core is content in, pages out: any engine can run it (ENGINES.md)."""
    def imports_mkdocs(path: Path) -> bool:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name.split(".")[0] == "mkdocs" for name in names):
                return True
        return False

    assert sorted(p.name for p in (ROOT / PACKAGE).glob("*.py") if imports_mkdocs(p)) == ["mkdocs_hook.py"]


def test_the_cycle_check_finds_one_hidden_in_a_function(tmp_path):
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "content.py").write_text("def load():\n    from generator import translate\n", encoding="utf-8")
    (tmp_path / "translate.py").write_text("from generator.content import load\n", encoding="utf-8")
    found = cycle(graph(tmp_path))
    assert set(found) == {"generator.content", "generator.translate"}, found
