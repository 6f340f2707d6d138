"""CONTRIBUTING.md's "Your first pull request, step by step" is run as written: its
commands, in order, on a git repository holding a copy of the repository's content/ (git
for real, `make validate` and `generator diff` in this process, as the Makefile runs them),
with its edits made where it says (the first level's summary, a PATCH release). Each
output must still read like the guide's, line for line, in shape: numbers, commit ids,
fingerprints and the names in backticks may differ, so a content release never breaks
this, while a reworded message, a new line or a lost one does.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.__main__ import main
from tests import model_shapes
from tests.helpers import CONTENT, ROOT, copy_content, validate

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under `## heading`, up to the next `## ` heading outside a code block."""
    lines, inside, fenced = [], False, False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            if inside:
                break
            inside = line.strip() == f"## {heading}"
            continue
        if inside:
            lines.append(line)
    return "".join(lines)


WALKTHROUGH = section(GUIDE, "Your first pull request, step by step")
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "A Contributor", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "A Contributor", "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": "/nonexistent", "LC_ALL": "C"}
STAGE = re.compile(r"^validate\s+\d+\.\d s$")
"""The line the Makefile's `took` prints after the stage (its time varies)."""


@dataclass
class Command:
    line: str
    output: list[str]


def commands(text: str = WALKTHROUGH) -> list[Command]:
    """Every `$ command` of the walkthrough's console blocks, in order, with the lines it printed."""
    found: list[Command] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append(Command(line[2:], []))
            else:
                found[-1].output.append(line)
    return found


def snippet(name: str) -> str:
    """The YAML block after `<!-- walkthrough: NAME -->`."""
    return re.search(rf"<!-- walkthrough: {name} -->\n```yaml\n(.*?)```", WALKTHROUGH, flags=re.S).group(1)


def shape(lines: list[str]) -> list[str]:
    """What must not change: the words and the layout. Runs of lines that read the same
    (a list of pages) count once."""
    shaped = []
    for line in lines:
        line = re.sub(r"`[^`]*`", "`X`", line)
        line = re.sub(r"\b[0-9a-f]{7,40}\b", "H", line)
        line = re.sub(r"\d+(?:[.,]\d+)*", "N", line)
        line = re.sub(r"\b(N (?:[a-z-]+ )?[a-z-]+?)s\b", r"\1", line)
        line = re.sub(r"(; [a-z]{2,3}(?: complete| draft|: N string in English))+$", "; LANGUAGES", line)
        shaped.append(line)
    while shaped and not shaped[-1].strip():  # a blank line at the end is not seen in a terminal
        shaped.pop()
    return [line for line, _ in itertools.groupby(shaped)]


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, capture_output=True, text=True, timeout=60)


class Walk:
    """The contributor's clone: content/ under git on `main`, with an `origin` to push to."""

    def __init__(self, tmp_path: Path, capsys):
        self.repo, self.capsys = tmp_path / "clone", capsys
        origin = tmp_path / "origin.git"
        git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
        self.content = copy_content(self.repo, CONTENT)
        for args in (("init", "-q", "-b", "main"), ("add", "content"), ("commit", "-qm", "The repository as cloned"),
                     ("remote", "add", "origin", str(origin)), ("push", "-q", "origin", "main")):
            done = git(*args, cwd=self.repo)
            assert done.returncode == 0, done.stderr

    def run(self, line: str) -> list[str] | None:
        """What `line` prints, run the way the guide says; None where the guide shows no output."""
        command, _, grep = line.partition(" | grep ")
        words = shlex.split(command)
        if words[0] == "git":
            done = git(*words[1:], cwd=self.repo)
            assert done.returncode == 0, f"{line}: {done.stderr}"
            printed = (done.stdout + done.stderr).splitlines()
        elif words == ["make", "validate"]:
            done = validate(self.content, self.capsys)
            assert done.returncode == 0, f"{line}: {done.stderr}"
            recipe = re.search(r"^validate: .*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M).group(1)
            assert "\t$(PY) -m generator validate\n" in recipe, "the Makefile's validate runs something else now"
            printed = [".venv/bin/python -m generator validate", *done.stdout.splitlines(), "STAGE"]
        elif words[:4] == [".venv/bin/python", "-m", "generator", "diff"]:
            code = main(["--content", str(self.content), *words[3:]])
            out = self.capsys.readouterr()
            assert code == 0, f"{line}: {out.err}"
            printed = out.out.splitlines()
        else:
            raise AssertionError(f"the walkthrough runs {line!r}: teach this test how to run it")
        if grep:
            after, pattern = re.fullmatch(r'-A (\d+) "(.+)"', grep).groups()
            start = next(i for i, text in enumerate(printed) if pattern in text)
            printed = printed[start:start + int(after) + 1]
        return printed


def test_the_walkthrough_runs_as_written_and_prints_what_it_shows(tmp_path, capsys):
    walk = Walk(tmp_path, capsys)
    steps = commands()
    assert [c.line.split()[:2] for c in steps][:1] == [["git", "switch"]], "the walkthrough starts with a branch"
    edited = released = False
    for step in steps:
        if step.line == "make validate" and not edited:  # step 2, before the first check
            summary = yaml.safe_load(snippet("edit"))["summary"]
            levels = walk.content / "levels.yml"
            text = levels.read_text(encoding="utf-8")
            first = re.search(r"^    summary: .+$", text, flags=re.M)
            levels.write_text(text[:first.start()] + f"    summary: {summary}" + text[first.end():], encoding="utf-8")
            assert summary in levels.read_text(encoding="utf-8") and text != levels.read_text(encoding="utf-8")
            edited = True
        elif step.line == "make validate" and edited and not released:  # step 5, before the second check
            release = yaml.safe_load(snippet("release"))["releases"][0]
            model_shapes.release(walk.content, "patch", release["changes"][0])
            released = True
        printed = walk.run(step.line)
        if step.line.startswith("git push"):
            assert step.output == [], "a push prints what the host says: the guide shows none"
            continue
        shown = ["STAGE" if STAGE.match(line) else line for line in step.output]
        assert shape(printed) == shape(shown), f"$ {step.line}: prints\n" + "\n".join(printed)
    assert edited and released, "the walkthrough checks its edit and its release with make validate"


def test_the_walkthroughs_release_is_a_patch_on_the_version_it_shows():
    """The release snippet and the diff's version lines agree with each other."""
    release = yaml.safe_load(snippet("release"))["releases"][0]
    declares = re.findall(r"It declares (\S+) -> (\S+), a (\w+) bump", WALKTHROUGH)
    assert declares[0][0] == declares[0][1] and declares[0][2] == "NONE"
    assert declares[-1] == (declares[0][0], release["version"], "PATCH")
    assert f"version {release['version']};" in WALKTHROUGH and f"version: {release['version']}" in WALKTHROUGH


def test_the_shape_keeps_words_and_lets_numbers_and_names_move():
    assert shape(["- `a.md`", "- `b.md`", "Fingerprint c1bb5cd539ea -> 0123456789ab: unchanged."]) == \
        shape(["- `x.md`", "Fingerprint 43e56535b442 -> 43e56535b442: unchanged."])
    assert shape(["content OK: 4 levels, 1 hand-written page; es complete; ja complete"]) == \
        shape(["content OK: 5 levels, 2 hand-written pages; es: 3 strings in English; ja complete"])
    assert shape(["Needs a **PATCH** bump"]) != shape(["Needs a **MINOR** bump"])
    assert shape(["- No change."]) != shape(["- No change.", "- Another line."])


@pytest.mark.parametrize("command", ["make serve", "python -m generator validate"])
def test_an_unknown_command_is_not_skipped(command, tmp_path, capsys):
    walk = Walk.__new__(Walk)
    with pytest.raises(AssertionError, match="teach this test"):
        walk.run(command)
