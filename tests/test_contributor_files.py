"""What a contributor relies on: editor help from the schema modelines and descriptions,
the linters passing on what is in the repository, the "Content fields" page matching the
schemas, and CONTRIBUTING.md naming commands and files that exist and quoting messages
that the checks really print.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from generator import ContentError, load_content, render_site
from generator.content import FILES
from tests.helpers import CONTENT, FIXTURE, ROOT

CONTENT_FILES = sorted((CONTENT).glob("*.yml"))
SCHEMA_DIR = ROOT / "schema"
SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def resolve(node: dict) -> dict:
    """Follow `$ref` into defs.schema.json (`defs.schema.json#/definitions/x` or, inside
    defs itself, `#/definitions/x`); keys written beside the `$ref` win."""
    ref = node.get("$ref")
    if not ref:
        return node
    file, _, pointer = ref.partition("#")
    assert pointer.startswith("/definitions/"), f"unexpected $ref {ref}"
    assert file in ("", "defs.schema.json"), f"unexpected $ref {ref}"
    target = _schema("defs.schema.json")["definitions"][pointer.removeprefix("/definitions/")]
    return {**resolve(target), **{k: v for k, v in node.items() if k != "$ref"}}


def properties(node: dict, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], dict]]:
    """Every property reachable from `node`, as (names from the file's root, resolved schema).
    List items and free-form keys (`additionalProperties`) add no name of their own."""
    node = resolve(node)
    found = []
    for name, child in node.get("properties", {}).items():
        found.append((path + (name,), resolve(child)))
        found += properties(child, path + (name,))
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            found += properties(node[key], path)
    return found


def undescribed(schema: dict) -> list[str]:
    """Dotted paths of the properties in `schema` (and in its definitions) without a description."""
    nodes = [("", schema)] + [(f"definitions.{n}", d) for n, d in schema.get("definitions", {}).items()]
    return [".".join(filter(None, (prefix, *path))) for prefix, node in nodes for path, prop in properties(node) if not prop.get("description", "").strip()]


class TestSchemaModelines:
    @pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.name)
    def test_content_file_starts_with_a_modeline_naming_its_own_schema(self, path):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first)
        assert match, f"{path.name}: first line must be '# yaml-language-server: $schema=../schema/{path.stem}.schema.json', got {first!r}"
        assert match.group(1) == f"../schema/{path.stem}.schema.json"
        assert (path.parent / match.group(1)).resolve().is_file()

    def test_every_content_file_is_one_the_generator_reads(self):
        assert sorted(p.stem for p in CONTENT_FILES) == sorted(FILES)

    def test_every_schema_but_the_shared_one_belongs_to_a_content_file(self):
        translations = ["translation.schema.json"]  # content/translations/<language>/text.yml
        assert sorted(p.name for p in SCHEMAS) == sorted([f"{n}.schema.json" for n in FILES] + ["defs.schema.json"] + translations)


class TestSchemaDescriptions:
    @pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
    def test_every_property_has_a_description(self, path):
        assert undescribed(_schema(path.name)) == []

    @pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
    def test_schema_has_a_title_and_description_for_the_editor(self, path):
        schema = _schema(path.name)
        assert schema.get("title", "").strip() and schema.get("description", "").strip()

    def test_missing_description_is_found_even_when_nested(self):
        schema = {"properties": {"a": {"description": "A.", "type": "array", "items": {"properties": {"b": {"type": "string"}}}}}}
        assert undescribed(schema) == ["a.b"]

    def test_description_reached_through_a_ref_counts(self):
        schema = {"properties": {"slug": {"$ref": "defs.schema.json#/definitions/slug"}}}
        assert undescribed(schema) == []


def _lint(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300)


class TestLinters:
    def test_yamllint_passes_on_content_and_github(self):
        result = _lint("yamllint", "-f", "parsable", "content", ".github")
        assert result.returncode == 0, result.stdout + result.stderr

    def test_yamllint_flags_yes_as_a_value_but_accepts_the_workflow_on_key(self, tmp_path):
        sample = tmp_path / "sample.yml"
        sample.write_text("on:\n  push:\nflag: yes\nlong: " + " ".join(["word"] * 40) + "\n", encoding="utf-8")
        result = _lint("yamllint", "-c", str(ROOT / ".yamllint.yml"), "-f", "parsable", str(sample))
        problems = result.stdout.splitlines()
        assert len(problems) == 1, problems
        assert problems[0].startswith(f"{sample}:3:7: [warning] truthy value should be one of [false, true] (truthy)")

    def test_ruff_check_passes(self):
        result = _lint("ruff", "check", "--no-cache")
        assert result.returncode == 0, result.stdout + result.stderr

    def test_ruff_check_reports_an_unused_import(self, tmp_path):
        sample = tmp_path / "sample.py"
        sample.write_text("import os\n", encoding="utf-8")
        result = _lint("ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(sample))
        assert result.returncode == 1 and "F401" in result.stdout


def _page_keys(page: str) -> dict[str, set[tuple[str, ...]]]:
    """{content file: {key as a tuple of names}} read from the "Content fields" page's tables.
    `levels[].bands.<edition id>.min` becomes ('levels', 'bands', 'min')."""
    keys: dict[str, set[tuple[str, ...]]] = {}
    section = None
    for line in page.splitlines():
        if heading := re.match(r"^## `(content/\w+\.yml)`$", line):
            section = keys.setdefault(heading.group(1), set())
        elif (row := re.match(r"^\| `([^`]+)` \|", line)) and section is not None:
            parts = [p.removesuffix("[]") for p in row.group(1).split(".")]
            section.add(tuple(p for p in parts if not p.startswith("<")))
    return keys


@pytest.fixture(scope="module")
def page_keys(content_dir) -> dict[str, set[tuple[str, ...]]]:
    return _page_keys(render_site(load_content(content_dir))["fields.md"])


class TestContentFieldsPage:
    def test_page_has_a_section_per_content_file(self, page_keys):
        assert sorted(page_keys) == sorted(f"content/{name}.yml" for name in FILES)

    @pytest.mark.parametrize("name", FILES)
    def test_page_lists_exactly_the_keys_of_the_schema(self, page_keys, name):
        schema_keys = {path for path, _ in properties(_schema(f"{name}.schema.json"))}
        listed = page_keys[f"content/{name}.yml"]
        assert sorted(schema_keys - listed) == [], "in the schema but missing from the Content fields page"
        assert sorted(listed - schema_keys) == [], "on the Content fields page but not in the schema"


class TestContributingGuide:
    GUIDE = ROOT / "CONTRIBUTING.md"

    def test_every_make_target_it_names_exists(self):
        guide = self.GUIDE.read_text(encoding="utf-8")
        makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
        targets = set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.M))
        named = set(re.findall(r"(?:`|^)make ([a-z][\w-]*)", guide, flags=re.M))  # in code, not prose
        assert named and sorted(named - targets) == []

    def test_every_repository_file_it_names_exists(self):
        guide = self.GUIDE.read_text(encoding="utf-8")
        named = set(re.findall(r"`((?:content|schema|generator|templates|tests|\.github)/[\w./-]+\.\w+)`", guide))
        assert named and sorted(p for p in named if not (ROOT / p).exists()) == []

    def test_every_yaml_snippet_parses(self):
        snippets = re.findall(r"```yaml\n(.*?)```", self.GUIDE.read_text(encoding="utf-8"), flags=re.S)
        assert snippets
        for snippet in snippets:
            yaml.safe_load(snippet)

    def test_pull_request_template_has_the_checklist(self):
        template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
        boxes = re.findall(r"^- \[ \] (.+)$", template, flags=re.M)
        for item in ("make validate", "version", "make serve", "credit"):
            assert any(item in box for box in boxes), f"no checklist item about {item!r}"


# Each breaks a copy of content/ the way CONTRIBUTING.md says its example messages were made:
# (file, text to replace, replacement).
GUIDE_EXAMPLES = {
    "overlapping-bands": ("editions.yml", "defined: {min: 10, max: 14}", "defined: {min: 9, max: 14}"),
    "unknown-reference": ("levels.yml", "      - prompt-flow-deploy\n", "      - prompt-flow-deploi\n"),
    "missing-key": ("references.yml", "    url: https://learn.microsoft.com/azure/ai-services/content-safety/overview\n", ""),
    "unknown-key": ("references.yml", "    title: Azure Content Safety\n", "    titel: Azure Content Safety\n"),
    "not-allowed": ("references.yml", "    kind: workshop\n", "    kind: tutorial\n"),
    "out-of-range": ("questions.yml", "      - points: 4\n        level: optimized\n        text: New models", "      - points: 5\n        level: optimized\n        text: New models"),
    "version-mismatch": ("model.yml", "version: 1.0.0\n", "version: 1.1.0\n"),
    "tab": ("references.yml", "  - id: content-safety\n", "  - id: content-safety\n\ttitle: x\n"),
    "indentation": ("references.yml", "    title: Azure Content Safety\n", "     title: Azure Content Safety\n"),
}


@pytest.mark.parametrize("example", GUIDE_EXAMPLES)
def test_guide_quotes_the_messages_validate_prints_today(example, tmp_path):
    """The example messages in CONTRIBUTING.md are real: break a copy of content/ the same
    way and the same words come out. Line numbers are not compared (they move with content).
    The copy is the frozen tests/fixtures/content, so a content release never breaks this."""
    name, old, new = GUIDE_EXAMPLES[example]
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    source = (copy / name).read_text(encoding="utf-8")
    assert source.count(old) == 1, f"tests/fixtures/content/{name} changed: pick a new way to break it for the '{example}' example"
    (copy / name).write_text(source.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(copy)
    quoted = {m.group(1) for m in re.finditer(r"^content/\S+?:\d+:\d+: (.+)$", TestContributingGuide.GUIDE.read_text(encoding="utf-8"), flags=re.M)}
    printed = [p.message for p in caught.value.problems if p.path == f"content/{name}"]
    assert any(message in quoted for message in printed), f"none of {printed} is quoted in CONTRIBUTING.md"
