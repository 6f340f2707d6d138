"""`mkdocs serve` builds once, stays quiet while nothing changes (pages are handed to
MkDocs in memory, so the hook writes nothing it then watches), and rebuilds with the
new text when a content file is saved."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds: float):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_serve_builds_once_and_rebuilds_when_content_changes(repo):
    """Two saves, two rebuilds, and no more: a hook that wrote into the watched folders
    would set off a build after every build, so the count would run ahead of the saves
    by the time the second save's words are served."""
    port = free_port()
    log = repo / "serve.log"
    with log.open("w") as out:
        proc = start_serve(repo, port, out)
    try:
        url = f"http://127.0.0.1:{port}/levels/managed/"
        assert wait_for(lambda: "Level 3: Managed" in fetch(url), 60), log.read_text()
        levels = repo / "content" / "levels.yml"
        for before, after in (("Operational excellence is close.", "Operational excellence is near."),
                              ("Operational excellence is near.", "Operational excellence is in reach.")):
            levels.write_text(levels.read_text().replace(before, after))
            assert wait_for(lambda after=after: after.rstrip(".") in fetch(url), 60), log.read_text()
        assert log.read_text().count("Building documentation") == 3, log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def start_serve(repo, port: int, log):
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}", "--livereload"],
        cwd=repo, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


# (what breaks, file under the copy, text replaced, replacement, a line the page must list)
BREAKS = [
    ("an unknown reference id", "content/levels.yml", "- prompt-flow-deploy", "- prompt-flow-deploi", "content/levels.yml:"),
    ("a script in a hand-written page", "content/pages/about.md", "## Your answers", "<script>alert(1)</script>\n\n## Your answers",
     "content/pages/about.md:"),
    ("an empty _headers", "content/pages/_headers", None, "", "content/pages/_headers:1:1: is empty"),
]


def test_serve_keeps_the_last_good_site_and_lists_the_problems_on_every_page(repo):
    """After a good first build, a save that makes content invalid keeps the last good
    pages and shows the problems on each page (the browser reloads to them); fixing
    the content brings the new pages back."""
    port = free_port()
    log = repo / "serve.log"
    with log.open("w") as out:
        proc = start_serve(repo, port, out)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "Level 3: Managed" in fetch(base + "levels/managed/"), 60), log.read_text()
        for what, rel, old, new, listed in BREAKS:
            target = repo / rel
            good = target.read_text(encoding="utf-8")
            assert old is None or old in good, what
            target.write_text(new if old is None else good.replace(old, new), encoding="utf-8")
            for page in ("", "levels/managed/", "about/"):
                assert wait_for(lambda page=page, listed=listed: listed in fetch(base + page), 60), f"{what}: {page} does not list the problem\n{log.read_text()[-3000:]}"
                html = fetch(base + page)
                assert "content-problems" in html and "last good" in html, what
            assert "Level 3: Managed" in fetch(base + "levels/managed/"), f"{what}: the last good page is gone"
            assert "<script>alert(1)</script>" not in fetch(base + "about/"), f"{what}: the bad page was published"
            assert proc.poll() is None, f"{what}: serve stopped\n{log.read_text()}"
            target.write_text(good, encoding="utf-8")
            assert wait_for(lambda: "content-problems" not in fetch(base + "about/"), 60), f"{what}: the problems stay after the fix"

        # A file that would replace the site's scorer is not published while it is refused.
        (repo / "content" / "pages" / "assets" / "js").mkdir(parents=True)
        (repo / "content" / "pages" / "assets" / "js" / "assessment.js").write_text("window.pwned = 1", encoding="utf-8")
        assert wait_for(lambda: "only markdown pages" in fetch(base + "assessment/"), 60), log.read_text()[-3000:]
        assert "window.pwned" not in fetch(base + "assets/js/assessment.js")
        assert "Traceback" not in log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.parametrize("rel,old,new,listed", [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS])
def test_serve_with_invalid_content_at_the_start_fails_with_one_line_per_problem(repo, rel, old, new, listed):
    target = repo / rel
    good = target.read_text(encoding="utf-8")
    target.write_text(new if old is None else good.replace(old, new), encoding="utf-8")
    log = repo / "serve.log"
    with log.open("w") as out:
        proc = start_serve(repo, free_port(), out)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.terminate()
        proc.wait(timeout=20)
        pytest.fail("serve started with invalid content")
    text = log.read_text()
    assert proc.returncode == 1, text
    assert listed in text and "nothing was built" in text, text
    assert "Traceback" not in text
