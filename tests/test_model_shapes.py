"""Content changes through pull requests never need a change to tests/, templates/,
schema/ or Python: any shape of model validates and renders, every field that can change
a result demands a MAJOR version, and CONTRIBUTING.md's new-edition recipe works.

The proof that content-only changes keep the suite green is tests/conftest.py's
`content_dir`: every test that reads content/ also runs on a copy after a PATCH release
and after each shape change.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from generator import ContentError, load_content, render_site
from tests import model_shapes
from tests.helpers import ROOT, copy_content

GUIDE = ROOT / "CONTRIBUTING.md"
MAJOR = "bump version to 2.0.0"


def problems(content: Path) -> list[str]:
    try:
        load_content(content)
    except ContentError as err:
        return [p.message for p in err.problems]
    return []


@pytest.mark.parametrize("shape", model_shapes.SHAPES)
def test_each_shape_validates_and_renders_a_page_per_level(shape, tmp_path):
    content = copy_content(tmp_path)
    model_shapes.reshape(content, shape)
    loaded = load_content(content)
    assert loaded.warnings == ()
    pages = render_site(loaded)
    assert {f"levels/{lv['slug']}.md" for lv in loaded.levels} <= set(pages)


def test_a_level_missing_from_an_older_edition_is_shown_honestly(tmp_path):
    content = copy_content(tmp_path)
    model_shapes.reshape(content, "five-levels")
    pages = render_site(load_content(content))
    assert pages["levels/autonomous.md"].count("not in this edition") == 2  # the two older editions
    assert "not in this edition" in pages["editions.md"]


# --- The fingerprint covers everything that can change a result -------------------------------


def _edit(file: str, change):
    def apply(content: Path) -> None:
        path = content / f"{file}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        model_shapes.write(content, {file: data})
    return apply


def _second_default_candidate(content: Path) -> None:
    """An edition with the default's total but other bands, recorded as a valid release."""
    data = model_shapes.read(content)
    default = data["editions"]["editions"][0]
    other = {**default, "id": "alternative", "name": "Alternative", "bands": dict(default["bands"])}
    first, second = list(other["bands"])[:2]
    other["bands"][first] = {**other["bands"][first], "max": other["bands"][first]["max"] + 1}
    other["bands"][second] = {**other["bands"][second], "min": other["bands"][second]["min"] + 1}
    data["editions"]["editions"].append(other)
    model_shapes.write(content, {"editions": data["editions"]})
    model_shapes.rescore(content)


def _swap_first_two_options(data):
    options = data["questions"][0]["options"]
    options[0], options[1] = options[1], options[0]


SCORING_EDITS = {
    "default edition": _edit("editions", lambda d: d.update(default="alternative")),
    "a band of the default edition": _edit("editions", lambda d: (d["editions"][0]["bands"]["initial"].update(max=10), d["editions"][0]["bands"]["defined"].update(min=11))),
    "a band of an older edition": _edit("editions", lambda d: (d["editions"][1]["bands"]["initial"].update(max=12), d["editions"][1]["bands"]["defined"].update(min=13))),
    "an option's points (same total)": _edit("questions", lambda d: d["questions"][0]["options"].pop(-2)),
    "option order": _edit("questions", _swap_first_two_options),
    "a level's number": _edit("levels", lambda d: d["levels"][0].update(number=2)),
    "a question removed": _edit("questions", lambda d: d["questions"].pop()),
}


@pytest.mark.parametrize("field", SCORING_EDITS)
def test_changing_a_scoring_field_demands_a_major_version(field, tmp_path):
    content = copy_content(tmp_path)
    _second_default_candidate(content)
    assert problems(content) == []
    SCORING_EDITS[field](content)
    assert any(MAJOR.replace("2.0.0", "") in m and "scoring" in m for m in problems(content)), problems(content)


def test_a_wording_change_keeps_the_fingerprint(tmp_path):
    content = copy_content(tmp_path)
    _edit("questions", lambda d: d["questions"][0].update(question="Reworded: how do you pick models?"))(content)
    _edit("levels", lambda d: d["levels"][0].update(name="Starting"))(content)
    assert problems(content) == []


# --- CONTRIBUTING.md's recipe, followed ---------------------------------------------------------


def follow_the_new_edition_recipe(content: Path) -> dict[str, str]:
    """CONTRIBUTING.md's "Publish a new edition of the model", step by step, on `content`:
    its question, its edition on top and made the default, a MAJOR release. Returns what
    the guide says: the edition's id and name, and the fingerprint it quotes."""
    guide = GUIDE.read_text(encoding="utf-8")
    question = re.search(r"```yaml\n(  - id: agents\n.*?)```", guide, flags=re.S).group(1)
    edition = textwrap.dedent(re.search(r"<!-- recipe: new-edition -->\n   ```yaml\n(.*?)   ```", guide, flags=re.S).group(1))
    edition = textwrap.indent(edition, "  ") if not edition.startswith("  ") else edition
    default = re.search(r"Set `default:` at the top of the file to the new id \(`(default: [\w-]+)`\)", guide).group(1)
    quoted = re.search(r"- version: 2\.0\.0\n\s+date: \S+\n\s+scoring: ([0-9a-f]{12})", guide).group(1)
    (content / "questions.yml").write_text((content / "questions.yml").read_text(encoding="utf-8") + question, encoding="utf-8")
    editions = (content / "editions.yml").read_text(encoding="utf-8")
    editions = re.sub(r"^default: .*$", default, editions, count=1, flags=re.M).replace("editions:\n", "editions:\n" + edition, 1)
    (content / "editions.yml").write_text(editions, encoding="utf-8")
    model_shapes.release(content, "major", "New question on agents and tool use.")
    return {"id": default.split()[1], "name": yaml.safe_load(edition)[0]["name"], "scoring": quoted}


def test_the_new_edition_recipe_in_the_guide_works(tmp_path):
    content = copy_content(tmp_path)
    recipe = follow_the_new_edition_recipe(content)
    assert problems(content) == []
    assert yaml.safe_load((content / "changelog.yml").read_text(encoding="utf-8"))["releases"][0]["scoring"] == recipe["scoring"]
