"""One place for each fact: every fact the site states has one source, and every other
spelling of it is derived from that source.

Runs on the frozen tests/fixtures/content, and on copies of it with one fact changed: the
change must reach every page that states the fact."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import load_content, render_site
from generator import rules as rules_module
from generator.content import level_path
from generator.escape import html_text, md_inline
from generator.fields import _type
from generator.mkdocs_hook import mkdocs_href
from generator.render import ASSESSMENT, assessment_data, directory_href, nav, references_by_kind, site_facts
from generator.schema import REWORD, TYPES, load_schemas
from tests.helpers import CONTENT, FIXTURE, ROOT

CODE = sorted([*(ROOT / "generator").glob("*.py"), *(ROOT / "templates").glob("*.j2")])

@pytest.fixture(scope="module")
def content():
    return load_content(FIXTURE)


@pytest.fixture(scope="module")
def pages(content):
    return render_site(content)


def changed_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """The fixture content with one fact changed, by text."""
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    text = (copy / f"{name}.yml").read_text(encoding="utf-8")
    assert text.count(old) == 1, f"tests/fixtures/content/{name}.yml changed: pick another fact to change"
    (copy / f"{name}.yml").write_text(text.replace(old, new), encoding="utf-8")
    return copy


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --- A level's title and address ---------------------------------------------------------


def test_every_link_to_a_level_page_is_titled_by_level_title(content, pages):
    for page, text in pages.items():
        for level in content.levels:
            for label, target in re.findall(r"\[([^\]]*)\]\(([^)]*)\)", text):
                if target.endswith(f"{level['slug']}.md") and md_inline(level["name"]) in label:
                    assert label == content.level_title(level, md_inline), f"{page}: [{label}]({target})"


def test_level_pages_and_the_navigation_use_the_same_title(content, pages):
    in_nav = next(item["Levels"] for item in nav(content) if "Levels" in item)
    assert in_nav == [{content.level_title(lv, html_text): level_path(lv)} for lv in content.levels]
    for level in content.levels:
        page = pages[level_path(level)]
        assert f"# {content.level_title(level, md_inline)}\n" in page
        assert f'title: "{content.level_title(level)}"' in page


def test_no_code_or_template_spells_a_level_title_itself():
    spelled = re.compile(r"[Ll]evel \{(level|lv|step|next|previous)|[Ll]evel \{\{|[Ll]evel %d|number \}\}\. |number'?\]\}\. ")
    found = [relative(p) for p in CODE if spelled.search(p.read_text(encoding="utf-8"))]
    assert sorted(set(found)) == [], "level titles come from content.level_title, in the form content/ui.yml gives"


def test_no_code_or_template_spells_a_level_page_address_itself():
    spelled = re.compile(r"levels/\{|levels/\{\{|\.slug \}\}\.md|\.slug\]\}\.md")
    found = [relative(p) for p in CODE if spelled.search(p.read_text(encoding="utf-8"))]
    assert found == ["generator/pages.py"], "level page paths come from pages.GENERATED_LEVEL through content.level_path"


def test_links_between_pages_are_relative_to_the_page_that_holds_them(pages):
    assert "](../levels/" not in pages["levels/initial.md"]
    assert "](defined.md)" in pages["levels/initial.md"]
    assert "](levels/defined.md)" in pages[ASSESSMENT]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_questionnaire_gets_level_urls_as_mkdocs_serves_them(content, directory_urls):
    config = SimpleNamespace(docs_dir=str(CONTENT / "pages"), site_dir=str(ROOT / "site"), use_directory_urls=directory_urls)
    urls = [lv["url"] for lv in assessment_data(content, mkdocs_href(config))["levels"]]
    expected = "../levels/{}/" if directory_urls else "levels/{}.html"
    assert urls == [expected.format(lv["slug"]) for lv in content.levels]


def test_the_default_hrefs_are_what_mkdocs_gives_with_this_sites_setting(content, pages):
    config = SimpleNamespace(docs_dir=str(CONTENT / "pages"), site_dir=str(ROOT / "site"), use_directory_urls=True)
    for target in pages:
        for page in pages:
            assert directory_href(target, page) == mkdocs_href(config)(target, page), (target, page)
    setting = re.search(r"^use_directory_urls: (\w+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert setting.group(1) == "true", "the default href follows use_directory_urls: true; change directory_href with it"


# --- Reference kinds ----------------------------------------------------------------------


def test_kinds_and_their_labels_come_from_references_yml(content):
    all_kinds = [ref_id for ref_id in content.references]
    groups = references_by_kind(content, all_kinds)
    labels = [label for label, _ in groups]
    assert labels == [content.kinds[k] for k in content.kinds if any(r["kind"] == k for r in content.references.values())]


def test_no_code_template_or_schema_lists_the_kinds(content):
    labels = list(content.kinds.values())
    for path in CODE:
        text = path.read_text(encoding="utf-8")
        assert not [label for label in labels if label in text], f"{relative(path)} names a kind's label"
    kind = load_schemas()["references.schema.json"]["properties"]["references"]["items"]["properties"]["kind"]
    assert "enum" not in kind, "the kinds are listed in content/references.yml, not in the schema"


def test_a_new_kind_needs_only_a_line_in_references_yml(tmp_path):
    copy = changed_copy(tmp_path, "references", "  - id: tool\n    label: Tools\n", "  - id: tool\n    label: Tools\n  - id: podcast\n    label: Podcasts\n")
    refs = copy / "references.yml"
    refs.write_text(refs.read_text(encoding="utf-8").replace("kind: video", "kind: podcast", 1), encoding="utf-8")
    content = load_content(copy)
    level = next(lv for lv in content.levels if any(content.references[r]["kind"] == "podcast" for r in lv["references"]))
    assert "### Podcasts" in render_site(content)[level_path(level)]


# --- Site facts ---------------------------------------------------------------------------


def test_the_sources_publisher_comes_from_model_yml(tmp_path):
    content = load_content(changed_copy(tmp_path, "model", "  publisher: Microsoft Learn\n", "  publisher: Example Docs\n"))
    pages = render_site(content)
    for path in ["index.md", "references.md", "editions.md", level_path(content.levels[0])]:
        assert "(Example Docs)." in pages[path], path
    assert "(Example Docs)" in site_facts(content)["copyright"]


def test_no_code_or_template_names_the_source():
    assert [relative(p) for p in CODE if "Microsoft Learn" in p.read_text(encoding="utf-8")] == []


def test_the_site_is_named_after_the_model(content):
    assert site_facts(content)["site_name"] == html_text(content.model["name"])
    site_name = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    assert site_name != content.model["name"] and "model.yml" in site_name, "mkdocs.yml's site_name is a placeholder: the hook sets the model's"


# --- The schema's words, once -------------------------------------------------------------

ANNOTATIONS = {"$schema", "$id", "$ref", "title", "description", "definitions", "properties", "items", "x-hint", "x-multiline"}
"""Schema keys that describe rather than check, so need no message of their own."""


def _keywords(node) -> set[str]:
    if isinstance(node, list):
        return set().union(*(_keywords(n) for n in node))
    if not isinstance(node, dict):
        return set()
    found = set(node) - ANNOTATIONS
    for key, value in node.items():
        if key in ("properties", "definitions"):
            found |= set().union(*(_keywords(v) for v in value.values()))
        elif isinstance(value, (dict, list)):
            found |= _keywords(value)
    return found


def test_every_keyword_the_schemas_use_has_a_message():
    used = set().union(*(_keywords(s) for s in load_schemas().values()))
    assert used - set(REWORD) == set(), "add a rewording function to schema.REWORD"


def test_the_field_reference_and_the_messages_share_one_table_of_type_words():
    for name, (word, _, _) in TYPES.items():
        assert _type({"type": name, "items": {"type": "string"}}) == (f"list of {TYPES['string'][0]}" if name == "array" else word)


def test_every_rule_runs_through_the_registry():
    registered = {fn.__name__ for _, _, fn in rules_module.RULES}
    public = {name for name, value in vars(rules_module).items()
              if callable(value) and getattr(value, "__module__", "") == rules_module.__name__ and not name.startswith("_")}
    assert public - {"rule", "check_rules"} == registered


def test_the_questionnaire_data_carries_no_spelled_address(content):
    data = json.dumps(assessment_data(content))
    assert "levels/{" not in data and ".md" not in data
