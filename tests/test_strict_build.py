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

from generator import drawing
from tests.helpers import build_site

BROKEN = {
    "a link to a page that does not exist": ("[gone](no-such-page.md)", "no-such-page.md"),
    "an anchor that no page has": ("[anchor](fields.md#no-such-heading)", "#no-such-heading"),
    "an anchor on this very page that does not exist": ("[here](#nowhere-on-this-page)", "#nowhere-on-this-page"),
    "a link to a level that does not exist": ("[level](levels/expert.md)", "levels/expert.md"),
    "an absolute link into the site": ("[abs](/assessment/)", "/assessment/"),
}


def break_about_page(repo, link: str) -> None:
    about = repo / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\nSee {link}.\n", encoding="utf-8")


NO_SITE_URL = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ""}


@pytest.mark.parametrize("what", BROKEN)
def test_the_test_helper_fails_on_a_broken_link(repo, what):
    link, shown = BROKEN[what]
    break_about_page(repo, link)
    result = build_site(repo / "out", repo / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{what} built green:\n{output}"
    assert shown in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize("flags", [["--strict", "-q"], ["--strict", "--quiet"], ["--strict"]])
def test_mkdocs_build_strict_fails_even_when_quiet(repo, flags):
    break_about_page(repo, BROKEN["an anchor that no page has"][0])
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", *flags, "-d", str(repo / "out")],
                            cwd=repo, env=NO_SITE_URL, capture_output=True, text=True)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "no-such-heading" in result.stderr


def run_make_build(repo):
    # `-o` marks the install steps as done: the copy shares the repository's .venv and node_modules.
    return subprocess.run(["make", "-o", ".venv/.installed", "-o", "node_modules/.installed", "build"],
                          cwd=repo, env=NO_SITE_URL, capture_output=True, text=True)


def test_make_build_fails_on_a_broken_link_and_keeps_the_previous_site(repo):
    good = run_make_build(repo)
    assert good.returncode == 0, good.stdout + good.stderr
    if os.access(drawing.CHROMIUM, os.X_OK):  # and by default the diagram is drawn, as it is published
        assert '<svg id="progression"' in (repo / "site" / "index.html").read_text(encoding="utf-8")
    before = (repo / "site" / "about" / "index.html").read_text(encoding="utf-8")

    break_about_page(repo, BROKEN["a link to a page that does not exist"][0])
    bad = run_make_build(repo)
    assert bad.returncode != 0, bad.stdout + bad.stderr
    assert "no-such-page.md" in bad.stderr
    assert (repo / "site" / "about" / "index.html").read_text(encoding="utf-8") == before
    assert not (repo / "site.new").exists()


def test_the_first_build_of_make_serve_fails_on_a_broken_link(repo):
    """A user who runs `make serve` expects what `make build` would refuse to be refused."""
    break_about_page(repo, BROKEN["an anchor that no page has"][0])
    port = 8000 + os.getpid() % 1000
    proc = subprocess.Popen(
        ["make", "-o", ".venv/.installed", "-o", "node_modules/.installed", "serve", f"SERVE_ADDR=127.0.0.1:{port}"],
        cwd=repo, env=NO_SITE_URL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate()
        pytest.fail("make serve kept serving a site with a broken link")
    assert proc.returncode != 0
    assert "no-such-heading" in stderr
