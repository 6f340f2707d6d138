"""The README's sample output is what the commands print: its `validate` runs are
repeated on a copy of the frozen tests/fixtures/content, broken the way the README says,
and every line must come out word for word (line and column included, since the fixture
does not move). A content release never breaks this: the fixture stays as it was."""

from __future__ import annotations

import re
import shutil

from tests.helpers import FIXTURE, ROOT, validate

README = (ROOT / "README.md").read_text(encoding="utf-8")


def validate_block(n: int) -> list[str]:
    """The output lines of the README's n-th `python -m generator validate` sample."""
    blocks = re.findall(r"\$ \.venv/bin/python -m generator validate\n(.*?)(?:\n\$ |\n```)", README, flags=re.S)
    return blocks[n].splitlines()


def run_validate(content, capsys) -> list[str]:
    result = validate(content, capsys)
    return (result.stdout + result.stderr).splitlines()


def test_the_valid_sample_is_what_validate_prints(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    assert run_validate(content, capsys) == validate_block(0)


def test_the_broken_sample_is_what_validate_prints(tmp_path, capsys):
    """README: an overlap in the default edition's bands and a misspelled reference id."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    editions, levels = content / "editions.yml", content / "levels.yml"
    editions.write_text(editions.read_text(encoding="utf-8").replace("defined: {min: 10, max: 14}", "defined: {min: 10, max: 15}"), encoding="utf-8")
    levels.write_text(levels.read_text(encoding="utf-8").replace("      - prompt-flow-deploy\n", "      - prompt-flow-deploi\n", 1), encoding="utf-8")
    assert run_validate(content, capsys) == validate_block(1)
