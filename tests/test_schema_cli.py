"""Every content file passes its schema under check-jsonschema run from the repository
root, with no network: the CLI and the pre-commit hook read the same schemas as the
generator and editors, so `$ref: defs.schema.json` must resolve to the file beside the
schema (which a relative `$id` broke: it was resolved against the working directory).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import CONTENT, ROOT

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
CONTENT_FILES = sorted((CONTENT).glob("*.yml"))

# Any attempt to fetch a schema goes to a closed port and fails the check.
OFFLINE = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": ""}


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.name)
def test_content_file_passes_check_jsonschema_offline(path: Path) -> None:
    schema = f"schema/{path.stem}.schema.json"
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--no-cache", "--schemafile", schema, f"content/{path.name}"],
                            cwd=ROOT, env=OFFLINE, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_a_broken_file_fails_check_jsonschema(tmp_path: Path) -> None:
    """The check really checks: a level without its required keys is refused."""
    bad = tmp_path / "levels.yml"
    bad.write_text("levels:\n  - id: initial\n", encoding="utf-8")
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--no-cache", "--schemafile", "schema/levels.schema.json", str(bad)],
                            cwd=ROOT, env=OFFLINE, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr


def test_pre_commit_runs_check_jsonschema_on_content() -> None:
    hooks = [h for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"] for h in repo["hooks"]]
    hook = next((h for h in hooks if h["id"] == "check-jsonschema"), None)
    assert hook, "no check-jsonschema hook in .pre-commit-config.yaml"
    assert "check-jsonschema" in hook["entry"] and hook["pass_filenames"] is False
    result = subprocess.run(shlex.split(hook["entry"]), cwd=ROOT, env=OFFLINE,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
