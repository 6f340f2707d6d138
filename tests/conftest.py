"""Shared test fixtures: the repository root, the content as published and as a contributor
may change it, and a built site. Plain helpers are in tests/helpers.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import model_shapes
from tests.helpers import CONTENT, FIXTURE, ROOT, build_site, repo_with

CONTENT_EDITS = {
    "content": (),
    "patch": ("patch",),
    **{shape: (shape,) for shape in model_shapes.SHAPES},
}
"""content/ as it is, after a PATCH release (a reworded English string and one English
change note, neither translated), and after each shape change a contributor may make
(tests/model_shapes.py). A test that reads content/ runs on each: that is the proof that
content-only pull requests never need a change to tests/. The translations stay as they
are on every one, as a contributor who writes only English leaves them: what they lack is
shown in English, what English no longer has is a warning (translations follow, never block).
"""


BUILDING_FIXTURES = {"built_site", "repo", "build", "builds"}
"""Fixtures that build a site with MkDocs: a test that uses one is marked `build`."""


def pytest_configure(config):
    config.addinivalue_line("markers", "build: builds, serves or link-checks a site (left out of `make check`, the quick loop)")


def pytest_collection_modifyitems(items):
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session", params=list(CONTENT_EDITS))
def content_dir(request, tmp_path_factory) -> Path:
    """The repository's content/ (`content`), or a copy edited the way a contributor would
    (the other ids), its translations left as they were. Read-only: copy it to change it."""
    edits = CONTENT_EDITS[request.param]
    if not edits:
        return CONTENT
    folder = tmp_path_factory.mktemp(request.param) / "content"
    shutil.copytree(CONTENT, folder)
    for edit in edits:
        if edit == "patch":
            model_shapes.patch(folder, "Clearer wording.")
        else:
            model_shapes.reshape(folder, edit)
    return folder


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of what builds the site, with the frozen fixture content as its content/: for
    tests of the build and serve commands, which break and mend that copy."""
    return repo_with(FIXTURE, tmp_path / "repo")


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
