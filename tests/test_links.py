"""The internal link check (tests/check_links.py, run by `make links`) really fails on a broken link."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.build  # linkchecker on small sites: seconds each

spec = importlib.util.spec_from_file_location("check_links", ROOT / "tests" / "check_links.py")
check_links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_links)


def _site(tmp_path: Path, target: str) -> Path:
    (tmp_path / "index.html").write_text(f'<html><body><a href="{target}">next</a></body></html>', encoding="utf-8")
    (tmp_path / "there.html").write_text("<html><body>here</body></html>", encoding="utf-8")
    tmp_path.chmod(0o755)
    return tmp_path


def test_link_check_passes_when_every_internal_link_resolves(tmp_path):
    assert check_links.check(_site(tmp_path, "there.html")) == 0


def test_link_check_fails_on_a_broken_internal_link(tmp_path, capsys):
    assert check_links.check(_site(tmp_path, "missing.html")) != 0
    assert "missing.html" in capsys.readouterr().out


def test_csv_report_is_saved_for_the_weekly_workflow(tmp_path):
    """links.yml runs `check_links.py site --extern --csv FILE` and reads FILE with
    .github/scripts/dead_links.py: the report names the broken link."""
    (tmp_path / "site").mkdir()
    site = _site(tmp_path / "site", "missing.html")
    report = tmp_path / "report.csv"
    assert check_links.check(site, csv=report) == 1
    text = report.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# created by LinkChecker") and "missing.html" in text
