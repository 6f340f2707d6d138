"""`mkdocs serve` builds once, stays quiet while nothing changes (pages are handed to
MkDocs in memory, so the hook writes nothing it then watches), and rebuilds with the
new text when a content file is saved."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

COPY = ["mkdocs.yml", "generator", "templates", "schema", "overrides", "content"]


@pytest.fixture
def repo_copy(root, tmp_path):
    for name in COPY:
        src = root / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(root / "node_modules")
    return tmp_path


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


def test_serve_builds_once_and_rebuilds_when_content_changes(repo_copy):
    port = free_port()
    log = repo_copy / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
            cwd=repo_copy, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        url = f"http://127.0.0.1:{port}/levels/managed/"
        assert wait_for(lambda: "Level 3: Managed" in fetch(url), 60), log.read_text()
        time.sleep(4)  # a hook that wrote into the watched folders would trigger rebuilds now
        assert log.read_text().count("Building documentation") == 1, log.read_text()

        levels = repo_copy / "content" / "levels.yml"
        levels.write_text(levels.read_text().replace("Operational excellence is close.", "Operational excellence is near."))
        assert wait_for(lambda: "Operational excellence is near" in fetch(url), 60), log.read_text()
        time.sleep(4)
        assert log.read_text().count("Building documentation") == 2, log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
