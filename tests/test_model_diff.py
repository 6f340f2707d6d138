"""`python -m generator diff`: what a reviewer reads about a content pull request.

Each case edits a copy of content the way a contributor would (tests/model_shapes.py makes
the release) and reads the report: what changed, whether scoring moved and how many answer
combinations change level (checked against the tests' own scorer), which links still fit,
and the version bump the change needs against the one it declares.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import yaml

from generator import load_content
from generator.diff import model_diff
from generator.render import assessment_data
from tests import model_shapes
from tests.helpers import CONTENT, FIXTURE, copy_content, run_cli
from tests.scoring_oracle import score


def edited(tmp_path: Path, source: Path = FIXTURE) -> tuple[Path, Path]:
    before = copy_content(tmp_path / "before", source)
    return before, copy_content(tmp_path / "after", source)


def edit_yaml(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    model_shapes.write(folder, {name: data})


def section(report: str, title: str) -> str:
    return report.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]


def test_a_wording_change_needs_a_patch_and_keeps_scoring(tmp_path):
    before, after = edited(tmp_path)
    edit_yaml(after, "levels", lambda d: d["levels"][0].update(summary="Reworded for clarity."))
    model_shapes.release(after, "patch", "Clearer wording.")
    report = model_diff(before, after)
    assert "Changed level `initial`: `summary`" in section(report, "Model")
    assert "unchanged." in section(report, "Scoring")
    assert "Needs a **PATCH** bump" in report and "which matches" in report
    assert "still fits" in section(report, "Share links and files")
    assert "`levels/initial.md`" in section(report, "Pages that change")


def test_a_new_reference_needs_a_minor(tmp_path):
    before, after = edited(tmp_path)
    edit_yaml(after, "references", lambda d: d["references"].append(
        {"id": "new-reading", "title": "A new reading", "url": "https://example.org/reading", "kind": d["kinds"][0]["id"]}))
    model_shapes.release(after, "minor", "A new reading.")
    report = model_diff(before, after)
    assert "Added reference: `new-reading`" in report
    assert "Needs a **MINOR** bump" in report and "which matches" in report
    assert "`references.md`" in section(report, "Pages that change")


def test_a_band_moved_by_one_point_needs_a_major_and_counts_the_answers_that_change_level(tmp_path):
    before, after = edited(tmp_path)

    def move(data):
        default = next(e for e in data["editions"] if e["id"] == data["default"])
        first, second = list(default["bands"])[:2]
        default["bands"][first]["max"] -= 1
        default["bands"][second]["min"] -= 1

    edit_yaml(after, "editions", move)
    model_shapes.release(after, "major", "The second band starts one point lower.")
    report = model_diff(before, after)

    old, new = (assessment_data(load_content(folder)) for folder in (before, after))
    combos = list(itertools.product(*[[o["points"] for o in q["options"]] for q in old["questions"]]))
    ids = [q["id"] for q in old["questions"]]
    expected = sum(score(dict(zip(ids, c)), old)["level"] != score(dict(zip(ids, c)), new)["level"] for c in combos)
    assert expected > 0
    assert "**scoring changed**" in report
    assert f"Of all {len(combos):,} answer combinations, **{expected:,}** change level" in report
    assert "Needs a **MAJOR** bump" in report and "which matches" in report


def test_a_new_question_needs_a_major_and_marks_the_old_links(tmp_path):
    before, after = edited(tmp_path)
    model_shapes.reshape(after, "eight-questions")
    report = model_diff(before, after)
    assert "Added question: `agents`" in report
    assert "not compared answer for answer" in section(report, "Scoring")
    assert "Older links and files leave `agents` unanswered" in section(report, "Share links and files")
    assert "Needs a **MAJOR** bump" in report and "which matches" in report


def test_a_translation_only_change_names_the_language_and_the_key(tmp_path):
    before, after = edited(tmp_path, CONTENT)
    language = sorted(p.name for p in (after / "translations").iterdir() if p.is_dir())[0]
    text = after / "translations" / language / "text.yml"
    first = re.search(r"^(\s+)(\w+): (\S.*)$", text.read_text(encoding="utf-8"), flags=re.M)
    text.write_text(text.read_text(encoding="utf-8").replace(first.group(0), f"{first.group(1)}{first.group(2)}: {first.group(3)} (x)", 1), encoding="utf-8")
    report = model_diff(before, after)
    assert f"- {language}: `" in section(report, "Translations") and first.group(2) in section(report, "Translations")
    assert "No change to the English model." in report
    assert "Needs a **PATCH** bump" in report and "**is not enough**" in report  # no release was added


def test_a_declared_bump_that_is_too_small_is_called_out(tmp_path):
    before, after = edited(tmp_path)
    edit_yaml(after, "references", lambda d: d["references"].append(
        {"id": "another", "title": "Another", "url": "https://example.org/another", "kind": d["kinds"][0]["id"]}))
    model_shapes.release(after, "patch", "A new reading, called a fix.")
    assert "Needs a **MINOR** bump" in (report := model_diff(before, after)) and "**is not enough**" in report


def test_the_command_compares_with_a_git_revision(tmp_path):
    repo = tmp_path / "repo"
    copy_content(repo, FIXTURE)
    git = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "content")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    edit_yaml(repo / "content", "levels", lambda d: d["levels"][0].update(summary="Reworded."))
    model_shapes.release(repo / "content", "patch", "Clearer wording.")
    result = run_cli("--content", str(repo / "content"), "diff", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## What this content change does") and "Needs a **PATCH** bump" in result.stdout
    bad = run_cli("--content", str(repo / "content"), "diff", "no-such-revision")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "no-such-revision" in bad.stderr
