"""`python -m generator validate`: a summary and exit 0 on good content; one line per
problem, a count and exit 1 on bad content; never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.helpers import FIXTURE, run_cli


@pytest.fixture
def content_copy(root, tmp_path):
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def test_valid_content_prints_a_summary_and_exits_0(root, content_copy):
    result = run_cli("--content", str(content_copy), "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK: 4 levels, 7 questions, 23 references, 2 editions, version 1.0.0")


def test_the_summary_counts_one_of_a_kind_in_the_singular(root, content_copy):
    editions = content_copy / "editions.yml"
    text = editions.read_text(encoding="utf-8")
    editions.write_text(text[:text.index("  - id: llmops-2024-draft")], encoding="utf-8")
    subprocess.run([sys.executable, "-m", "tests.model_shapes", "rescore", str(content_copy)], cwd=root, check=True)
    result = run_cli("--content", str(content_copy), "validate")
    assert result.returncode == 0, result.stderr
    assert ", 1 edition, " in result.stdout and "editions" not in result.stdout


def test_overlapping_bands_name_the_file_line_and_fix(root, content_copy):
    editions = content_copy / "editions.yml"
    text = editions.read_text(encoding="utf-8")
    editions.write_text(text.replace("defined: {min: 10, max: 14}", "defined: {min: 10, max: 15}"), encoding="utf-8")
    result = run_cli("--content", str(content_copy), "validate")
    assert result.returncode == 1
    line = next(n for n, row in enumerate(editions.read_text().splitlines(), 1) if "managed: {min: 15, max: 19}" in row)
    lines = result.stderr.splitlines()
    assert (
        f"content/editions.yml:{line}:22: edition 'genaiops': bands must not overlap: "
        "'defined' ends at 15, 'managed' starts at 15 - make 'defined' end at 14 or make 'managed' start at 16"
    ) in lines
    # A band change is a scoring change, so the version check speaks too.
    assert any(row.startswith("content/changelog.yml:") and "bump version to 2.0.0" in row for row in lines)
    assert lines[-1] == "2 problems in content: nothing was built."


def test_a_suggested_fix_never_leaves_the_total_range(root, content_copy):
    editions = content_copy / "editions.yml"
    text = editions.read_text(encoding="utf-8")
    editions.write_text(text.replace("managed: {min: 15, max: 19}", "managed: {min: 15, max: 28}"), encoding="utf-8")
    result = run_cli("--content", str(content_copy), "validate")
    overlap = next(line for line in result.stderr.splitlines() if "must not overlap" in line)
    assert overlap.endswith("'managed' ends at 28, 'optimized' starts at 20 - make 'managed' end at 19")
    assert "29" not in overlap


def test_every_problem_is_reported_in_one_run(root, content_copy):
    refs = content_copy / "references.yml"
    refs.write_text(refs.read_text().replace("kind: video", "kind: vidoe").replace("id: content-safety", "id: content-safty"))
    result = run_cli("--content", str(content_copy), "validate")
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any("'vidoe' is not allowed (did you mean 'video'?)" in line for line in lines)
    assert any("unknown reference 'content-safety' (did you mean 'content-safty'?)" in line for line in lines)
    assert lines[-1].endswith("problems in content: nothing was built.")
