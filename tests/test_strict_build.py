"""Every way the site is built fails on any MkDocs warning: a broken link or anchor in
a hand-written page must never build green and deploy.

MkDocs counts warnings for `--strict` through a log handler, and `-q`/`--quiet` raises
the log level above WARNING, so with `--strict -q` MkDocs 1.6 counted nothing and
passed. These tests build a copy of the repository with broken links the way each
build path does (the test helper, `make build`, a bare `mkdocs build --strict -q`
as some tests and scripts run it, and the first build of `mkdocs serve`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests import model_shapes
from tests.conftest import build_site

BROKEN = {
    "a link to a page that does not exist": ("[gone](no-such-page.md)", "no-such-page.md"),
    "an anchor that no page has": ("[anchor](fields.md#no-such-heading)", "#no-such-heading"),
    "an anchor on this very page that does not exist": ("[here](#nowhere-on-this-page)", "#nowhere-on-this-page"),
    "a link to a level that does not exist": ("[level](levels/expert.md)", "levels/expert.md"),
    "an absolute link into the site": ("[abs](/assessment/)", "/assessment/"),
}


@pytest.fixture
def repo_copy(root, tmp_path):
    return model_shapes.repo_with(root / "content", tmp_path)


def break_about_page(repo, link: str) -> None:
    about = repo / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\nSee {link}.\n", encoding="utf-8")


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""}


@pytest.mark.parametrize("what", BROKEN)
def test_the_test_helper_fails_on_a_broken_link(repo_copy, what):
    link, shown = BROKEN[what]
    break_about_page(repo_copy, link)
    result = build_site(repo_copy / "out", repo_copy / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{what} built green:\n{output}"
    assert shown in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize("flags", [["--strict", "-q"], ["--strict", "--quiet"], ["--strict"]])
def test_mkdocs_build_strict_fails_even_when_quiet(repo_copy, flags):
    break_about_page(repo_copy, BROKEN["an anchor that no page has"][0])
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", *flags, "-d", str(repo_copy / "out")],
                            cwd=repo_copy, env=ENV, capture_output=True, text=True)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "no-such-heading" in result.stderr


def run_make_build(repo):
    # `-o` marks the install steps as done: the copy shares the repository's .venv and node_modules.
    return subprocess.run(["make", "-o", ".venv/.installed", "-o", "node_modules/.installed", "build"],
                          cwd=repo, env=ENV, capture_output=True, text=True)


def test_make_build_fails_on_a_broken_link_and_keeps_the_previous_site(repo_copy):
    good = run_make_build(repo_copy)
    assert good.returncode == 0, good.stdout + good.stderr
    before = (repo_copy / "site" / "about" / "index.html").read_text(encoding="utf-8")

    break_about_page(repo_copy, BROKEN["a link to a page that does not exist"][0])
    bad = run_make_build(repo_copy)
    assert bad.returncode != 0, bad.stdout + bad.stderr
    assert "no-such-page.md" in bad.stderr
    assert (repo_copy / "site" / "about" / "index.html").read_text(encoding="utf-8") == before
    assert not (repo_copy / "site.new").exists()


def test_the_first_build_of_make_serve_fails_on_a_broken_link(repo_copy):
    """A user who runs `make serve` expects what `make build` would refuse to be refused."""
    break_about_page(repo_copy, BROKEN["an anchor that no page has"][0])
    port = 8000 + os.getpid() % 1000
    proc = subprocess.Popen(
        ["make", "-o", ".venv/.installed", "-o", "node_modules/.installed", "serve", f"SERVE_ADDR=127.0.0.1:{port}"],
        cwd=repo_copy, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate()
        pytest.fail("make serve kept serving a site with a broken link")
    assert proc.returncode != 0
    assert "no-such-heading" in stderr
