"""A reference marked retiring in content/references.yml says so beside the reading on
the References page, the level pages and in the plan's data, in every language; from
its date on the pages say it is retired and `validate` prints a notice that does not
fail, while the strict build still passes (no time bomb in CI).

The clock is moved with GENAIOPS_TODAY (generator/status.py), never waited for. The
tests mark a reference of a copy of content/ themselves, so they hold whatever readings
the content recommends today.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import load_content, render_site, status
from generator.render import assessment_data
from generator.translate import languages
from tests import model_shapes
from tests.conftest import build_site
from tests.helpers import CONTENT, ROOT, repo_with

DATE = "2027-04-20"
BEFORE, AFTER = "2027-04-19", "2027-04-21"


def marked_copy(tmp_path: Path) -> tuple[Path, str, dict]:
    """A copy of content/ where the first level's first reading retires on DATE, replaced
    by another reference; returns (folder, that reference's id, the first level)."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    levels = yaml.safe_load((folder / "levels.yml").read_text(encoding="utf-8"))["levels"]
    refs = yaml.safe_load((folder / "references.yml").read_text(encoding="utf-8"))["references"]
    rid = levels[0]["references"][0]
    others = [r["id"] for r in refs if r["id"] != rid]
    path = folder / "references.yml"
    text = path.read_text(encoding="utf-8")
    entry = re.search(rf"^  - id: {re.escape(rid)}\n(?:    .*\n)*", text, flags=re.M)
    kept = re.sub(r"^    status:\n(?:      .*\n)*", "", entry.group(0), flags=re.M)  # whatever it says today
    marked = kept + f"    status:\n      state: retiring\n      date: {DATE}\n      replaced_by: {others[0]}\n      notice: {others[1]}\n"
    path.write_text(text.replace(entry.group(0), marked, 1), encoding="utf-8")
    model_shapes.release(folder, "minor", "A reading retires.")
    return folder, rid, levels[0]


def words(content, key: str) -> str:
    """The longest fixed part of the sentence (between placeholders) that the other one
    (retiring, retired) lacks, in content's language."""
    other = content.ui["common"]["retired" if key == "retiring" else "retiring"]
    parts = [x.strip() for x in re.split(r"\{[a-z_]+\}", content.ui["common"][key]) if x.strip() not in other]
    return max(parts, key=len)


def test_state_follows_the_date_and_the_mark():
    ref = {"status": {"state": "retiring", "date": DATE, "replaced_by": "a", "notice": "b"}}
    assert status.state(ref, datetime.date.fromisoformat(BEFORE)) == status.RETIRING
    assert status.state(ref, datetime.date.fromisoformat(DATE)) == status.RETIRED
    assert status.state({"status": {**ref["status"], "state": "retired"}}, datetime.date.fromisoformat(BEFORE)) == status.RETIRED
    assert status.state({"id": "x"}) is None


@pytest.mark.parametrize("today, key", [(BEFORE, "retiring"), (AFTER, "retired")])
def test_pages_and_the_plan_data_say_it_in_every_language(tmp_path, monkeypatch, today, key):
    folder, rid, level = marked_copy(tmp_path)
    monkeypatch.setenv(status.TODAY, today)
    for language in ["en", *languages(folder)]:
        content = load_content(folder, language)
        said = words(content, key)
        other = words(content, "retired" if key == "retiring" else "retiring")
        pages = render_site(content)
        level_page = pages[f"levels/{level['slug']}.md"]
        line = next(x for x in level_page.splitlines() if content.references[rid]["url"] in x and x.startswith("- "))
        assert said in line and other not in line, (language, line)
        refs_page = pages["references.md"]
        section = refs_page.split(f"{{ #{rid} }}")[1].split("\n### ")[0]
        assert said in section, (language, section)
        plan = assessment_data(content)["references"][rid]
        assert said in plan["status"] and DATE in plan["status"], (language, plan)


def validate_on(folder: Path, today: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--content", str(folder), "validate"],
                          cwd=ROOT, env={**os.environ, status.TODAY: today}, capture_output=True, text=True)


def test_validate_gives_a_notice_after_the_date_and_still_passes(tmp_path):
    folder, rid, _ = marked_copy(tmp_path)
    before, after = validate_on(folder, BEFORE), validate_on(folder, AFTER)
    assert before.returncode == 0 and after.returncode == 0, before.stderr + after.stderr
    assert "notice" not in before.stderr
    notice = [x for x in after.stderr.splitlines() if ": notice: " in x]
    mine = [x for x in notice if f"reference '{rid}' " in x]
    assert len(mine) == 1 and "retired" in mine[0] and mine[0].startswith("content/references.yml:"), after.stderr
    assert "content OK" in after.stdout


def test_strict_build_passes_after_the_date_and_the_page_says_retired(tmp_path):
    folder, rid, level = marked_copy(tmp_path)
    """In a translation when there is one (its words differ most from the code's), else English."""
    repo = repo_with(folder, tmp_path / "repo")
    language = next((x for x in languages(folder) if (ROOT / f"mkdocs.{x}.yml").is_file()), "en")
    config = "mkdocs.yml" if language == "en" else f"mkdocs.{language}.yml"
    shutil.copy2(ROOT / config, repo)
    result = build_site(tmp_path / "site", repo / config, env={**os.environ, status.TODAY: AFTER})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "notice" in result.stdout + result.stderr
    page = (tmp_path / "site" / "levels" / level["slug"] / "index.html").read_text(encoding="utf-8")
    said = words(load_content(folder, language), "retired")
    assert said in page, said
