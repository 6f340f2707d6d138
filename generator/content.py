"""The content as the generator sees it: `Content`, built from the English files once
they are read and schema-checked (`read_documents`), and the small helpers every page uses
(`fill`, `level_title`, `level_path`). Checking and loading a folder, in any language, is
generator/loader.py's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.pages import GENERATED_LEVEL
from generator.schema import schema_problems
from generator.yamlfile import YamlDoc, load_yaml

FILES = ("model", "levels", "references", "editions", "questions", "changelog", "ui")
"""One file per kind of thing: content/<name>.yml, checked by schema/<name>.schema.json."""


def fill(words: str, **values: object) -> str:
    """'Level {number}' + number=2 -> 'Level 2': each {name} in the site's words (ui.yml)
    replaced by its value. Only plain names: no attribute or index lookups."""
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), words)


PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
"""A value's place in the site's words: {name}."""


def level_title(level: dict, form: str, escape: Callable[[str], str] = str) -> str:
    """'Level 1: Initial': how page titles, headings, the navigation and links name a
    level, in the form ui.yml gives (`level_title`). `escape` makes the level's name
    safe where it lands (markdown, HTML); the words around it are ours."""
    return fill(form, number=level["number"], name=escape(level["name"]))


def level_path(level: dict) -> str:
    """'levels/initial.md': where a level's page sits in the docs folder."""
    return GENERATED_LEVEL.format(slug=level["slug"])


@dataclass(frozen=True)
class Coverage:
    """How much of the English a translation gives. Translations follow, never block: a
    string it lacks is shown in English (marked so, escape.English) and is a warning,
    printed by `validate`, shown as a line on the language's pages, never a failed build."""

    strings: int
    """How many strings a complete translation gives."""
    missing: tuple[str, ...] = ()
    """The ids of those it does not give yet (`levels.initial.summary`)."""
    warnings: tuple[Problem, ...] = ()
    """The strings and pages shown in English, and ids English no longer has."""

    @property
    def percent(self) -> int:
        """Translated, rounded down: 100 only when nothing is missing."""
        return (self.strings - len(self.missing)) * 100 // self.strings if self.strings else 100


@dataclass(frozen=True)
class Content:
    """Validated content. Lists keep the contributor's order; ids are unique."""

    model: dict
    levels: list[dict]
    references: dict[str, dict]
    kinds: dict[str, str]
    """Each kind of reference's label, by id, in the order level pages list them."""
    editions: list[dict]
    default_edition: str
    questions: list[dict]
    releases: list[dict]
    discuss_gap: int
    """questions.yml's `discuss_gap`: members this many points apart on a dimension are
    flagged "discuss" on the team view."""
    unscored: dict | None = None
    """questions.yml's `unscored` block (the "not applicable" and "don't know" answers), or None."""
    ui: dict = field(default_factory=dict)
    """The site's words (content/ui.yml), by group and key."""
    language: str = "en"
    """The language the text is in: 'en', or a translation's (content/translations/)."""
    draft: bool = False
    """True for a translation marked `status: draft`: pages carry a banner saying so."""
    coverage: Coverage | None = None
    """For a translation: what of the English it gives (its warnings never fail a build)."""
    warnings: tuple[Problem, ...] = ()
    """Things that do not stop a build here but that the strict site build refuses:
    prose stating a count the data contradicts."""
    positions: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)
    """Where each value stands: {file name (FILES): {data path: (line, col)}}."""

    @classmethod
    def from_documents(cls, docs: dict[str, YamlDoc], warnings: tuple[Problem, ...] = ()) -> Content:
        """Assemble checked documents (one per name in FILES) into a Content."""
        data = {name: doc.data for name, doc in docs.items()}
        return cls(
            warnings=warnings,
            positions={name: doc.at for name, doc in docs.items()},
            model=data["model"],
            levels=data["levels"]["levels"],
            references={r["id"]: r for r in data["references"]["references"]},
            kinds={k["id"]: k["label"] for k in data["references"]["kinds"]},
            editions=data["editions"]["editions"],
            default_edition=data["editions"]["default"],
            questions=data["questions"]["questions"],
            unscored=data["questions"].get("unscored"),
            discuss_gap=data["questions"]["discuss_gap"],
            releases=data["changelog"]["releases"],
            ui=data["ui"],
        )

    @property
    def version(self) -> str:
        return self.model["version"]

    def line(self, name: str, path: tuple) -> int | None:
        """The line of the value at `path` in content/<name>.yml, if known."""
        where = self.positions.get(name, {}).get(tuple(path))
        return where[0] if where else None

    def level_title(self, level: dict, escape: Callable[[str], str] = str) -> str:
        return level_title(level, self.ui["level_title"], escape)

    def edition(self, edition_id: str) -> dict:
        return next(e for e in self.editions if e["id"] == edition_id)


def read_documents(root: Path) -> tuple[dict[str, YamlDoc], dict[str, YamlDoc], list[Problem]]:
    """Parse and schema-check every content file. Returns the schema-valid documents,
    every document that parsed, and the problems found."""
    docs: dict[str, YamlDoc] = {}
    parsed: dict[str, YamlDoc] = {}
    problems: list[Problem] = []
    for name in FILES:
        display = f"content/{name}.yml"
        doc, found = load_yaml(root / f"{name}.yml", display)
        problems += found
        if doc is None:
            continue
        parsed[name] = doc
        found = schema_problems(doc, f"{name}.schema.json")
        problems += found
        if not found:
            docs[name] = doc
    return docs, parsed, problems
