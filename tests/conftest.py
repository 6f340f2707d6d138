"""Shared test fixtures: the repository root and a built site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def build_site(out: Path, config: Path = ROOT / "mkdocs.yml", env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into `out`, the way `make build` runs it (`env`: the
    environment, if not this process's)."""
    env = {**(os.environ if env is None else env), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        cwd=config.parent, env=env, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built from the repository's content. `SITE_DIR` reuses a build made
    by `make test`; otherwise the tests build their own copy."""
    if os.environ.get("SITE_DIR"):
        site = Path(os.environ["SITE_DIR"]).resolve()
        assert (site / "index.html").is_file(), f"SITE_DIR={site} holds no built site"
        return site
    out = tmp_path_factory.mktemp("site")
    result = build_site(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
