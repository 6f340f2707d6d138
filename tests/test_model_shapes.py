"""Content changes through pull requests never need a change to tests/, templates/,
schema/ or Python: any shape of model validates and renders, every field that can change
a result demands a MAJOR version, and CONTRIBUTING.md's new-edition recipe works.

The last test is the proof: it applies a content-only release and each shape change to
a copy of the repository's content/ and runs the unit suite there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from generator import ContentError, load_content, render_site
from tests import model_shapes

ROOT = model_shapes.ROOT
FIXTURE = ROOT / "tests" / "fixtures" / "content"
GUIDE = ROOT / "CONTRIBUTING.md"
MAJOR = "bump version to 2.0.0"


def fixture_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def problems(content: Path) -> list[str]:
    try:
        load_content(content)
    except ContentError as err:
        return [p.message for p in err.problems]
    return []


@pytest.mark.parametrize("shape", model_shapes.SHAPES)
def test_each_shape_validates_and_renders_a_page_per_level(shape, tmp_path):
    content = fixture_copy(tmp_path)
    model_shapes.reshape(content, shape)
    loaded = load_content(content)
    assert loaded.warnings == ()
    pages = render_site(loaded)
    assert {f"levels/{lv['slug']}.md" for lv in loaded.levels} <= set(pages)


def test_a_level_missing_from_an_older_edition_is_shown_honestly(tmp_path):
    content = fixture_copy(tmp_path)
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
    content = fixture_copy(tmp_path)
    _second_default_candidate(content)
    assert problems(content) == []
    SCORING_EDITS[field](content)
    assert any(MAJOR.replace("2.0.0", "") in m and "scoring" in m for m in problems(content)), problems(content)


def test_a_wording_change_keeps_the_fingerprint(tmp_path):
    content = fixture_copy(tmp_path)
    _edit("questions", lambda d: d["questions"][0].update(question="Reworded: how do you pick models?"))(content)
    _edit("levels", lambda d: d["levels"][0].update(name="Starting"))(content)
    assert problems(content) == []


# --- CONTRIBUTING.md's recipe, followed ---------------------------------------------------------


def test_the_new_edition_recipe_in_the_guide_works(tmp_path):
    guide = GUIDE.read_text(encoding="utf-8")
    question = re.search(r"```yaml\n(  - id: agents\n.*?)```", guide, flags=re.S).group(1)
    edition = textwrap.dedent(re.search(r"<!-- recipe: new-edition -->\n   ```yaml\n(.*?)   ```", guide, flags=re.S).group(1))
    edition = textwrap.indent(edition, "  ") if not edition.startswith("  ") else edition
    default = re.search(r"Set `default:` at the top of the file to the new id \(`(default: [\w-]+)`\)", guide).group(1)
    quoted = re.search(r"- version: 2\.0\.0\n\s+date: \S+\n\s+scoring: ([0-9a-f]{12})", guide).group(1)

    content = fixture_copy(tmp_path)
    (content / "questions.yml").write_text((content / "questions.yml").read_text(encoding="utf-8") + question, encoding="utf-8")
    editions = (content / "editions.yml").read_text(encoding="utf-8")
    editions = re.sub(r"^default: .*$", default, editions, count=1, flags=re.M).replace("editions:\n", "editions:\n" + edition, 1)
    (content / "editions.yml").write_text(editions, encoding="utf-8")
    model_shapes.release(content, "major", "New question on agents and tool use.")
    assert problems(content) == []
    assert yaml.safe_load((content / "changelog.yml").read_text(encoding="utf-8"))["releases"][0]["scoring"] == quoted


# --- The proof: content edits keep the unit suite green -----------------------------------------

# Files that read only tests/fixtures (or no content) cannot see content/, so the proof skips
# them to stay quick; every other unit test runs on the edited copy.
NOT_CONTENT = [
    "tests/browser", "tests/canary", "tests/test_bad_content.py", "tests/test_trust_content.py", "tests/test_readme.py",
    "tests/test_cli.py", "tests/test_render.py", "tests/test_hostile_text.py",
    "tests/test_workflows.py", "tests/test_serve.py", "tests/test_model_shapes.py", "tests/test_drawing.py",
    "tests/test_translations.py",  # its cases edit today's translations, keyed by today's ids
]


def repo_copy(target: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    (target / ".venv").symlink_to(ROOT / ".venv")  # for tests that run `make`
    return target


PROOF_EDITS = ["release+tiny", "eight-questions+five-levels+one-to-four"]
"""Each run applies its edits one after the other to one copy: a wording release followed
by the smallest shape, then the other three shapes (three MAJOR releases). Every edit is
covered in two runs of the suite (each run takes about a minute)."""


def test_the_proof_covers_every_edit():
    assert {edit for run in PROOF_EDITS for edit in run.split("+")} == {"release", *model_shapes.SHAPES}


@pytest.mark.parametrize("edits", PROOF_EDITS)
def test_a_content_only_change_keeps_the_unit_suite_green(edits, tmp_path):
    repo = repo_copy(tmp_path / "repo")
    for edit in edits.split("+"):
        if edit == "release":
            model_shapes.release(repo / "content", "minor", "Clearer wording.")
        else:
            model_shapes.reshape(repo / "content", edit)
    if edits != "release":
        # A new shape (questions, levels) is translated afresh: the translations, keyed
        # by the old ids, go, as a contributor marks them draft and redoes them.
        shutil.rmtree(repo / "content" / "translations", ignore_errors=True)
        for config in repo.glob("mkdocs.*.yml"):
            config.unlink()
    changed = subprocess.run(["git", "diff", "--no-index", "--stat", str(ROOT / "content"), str(repo / "content")], capture_output=True, text=True).stdout
    assert changed, "the edit changed nothing"
    ignore = [f"--ignore={p}" for p in NOT_CONTENT]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *ignore, "tests"],
                            cwd=repo, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
