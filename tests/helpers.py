"""What many test files need, in one place: where things are, copies of content and of the
repository, and the two ways to run the project's commands (the CLI and an MkDocs build).

Fixtures live in tests/conftest.py; plain functions live here, so a test module, a
benchmark or tests/model_shapes.py can import them without pytest.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.translate import CONFIG, languages

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
"""The repository's content: what the site publishes. Tests that read it take the
`content_dir` fixture instead (tests/conftest.py), so they also run on edited copies."""


def _fixture() -> Path:
    """tests/fixtures/content, a frozen model (content 1.0.0 as it was released), with the
    site's words beside it: content/ui.yml is read from its one place, never copied by hand.
    Made once per test process in a folder of its own, removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="genaiops-fixture-")) / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "content", folder)
    shutil.copy2(CONTENT / "ui.yml", folder / "ui.yml")
    atexit.register(shutil.rmtree, folder.parent, True)
    return folder


FIXTURE = _fixture()
"""A frozen, valid content folder: for tests that need known ids, counts and facts. Read-only:
tests change a copy (`copy_content`)."""

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
"""The environment `make` gives MkDocs (Makefile): Material's MkDocs 2.0 notices off."""


def copy_content(tmp_path: Path, source: Path = FIXTURE) -> Path:
    """A copy of a content folder (the frozen fixture unless told) at tmp_path/content."""
    target = tmp_path / "content"
    shutil.copytree(source, target)
    return target


def run_cli(*args: str, cwd: Path = ROOT, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` in a process of its own, as a contributor runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output="stdout" not in kwargs, text=True, timeout=timeout, **kwargs)


def build_site(out: Path, config: Path = ROOT / "mkdocs.yml", env: dict | None = None, flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into `out`, the way `make build` runs it (`env`: the
    environment, if not this process's; `flags`: more options, such as -q)."""
    env = {**(os.environ if env is None else env), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *flags, "-f", str(config), "-d", str(out)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=300,
    )


SITE_PARTS = ("mkdocs.yml", "Makefile", "generator", "templates", "schema", "overrides", "tools")


def repo_with(content: Path, repo: Path) -> Path:
    """A copy of what builds the site (mkdocs.yml, the Makefile, the code, templates, tools and
    schemas) in `repo`, with `content` as its content/; copied, not linked, since the hook
    finds content/ next to its own resolved path. node_modules and .venv are linked, so
    `make -o ...` and the browser pieces work there. The one way tests make a repository."""
    repo.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, repo / part)
    shutil.copytree(content, repo / "content")
    for language in languages(repo / "content"):  # each translation's build, as the repository has it
        shutil.copy2(ROOT / CONFIG.format(language=language), repo / CONFIG.format(language=language))
    for linked in ("node_modules", ".venv"):
        (repo / linked).symlink_to(ROOT / linked)
    return repo


def validate(content: Path, capsys) -> subprocess.CompletedProcess:
    """`python -m generator --content DIR validate`, run in this process with pytest's
    `capsys`: what it printed and its exit code, as the finished command would give them.
    A case takes milliseconds instead of a new Python's quarter second; tests/test_cli.py
    runs the command as a process of its own."""
    return generator_command(capsys, "--content", str(content), "validate")


def generator_command(capsys, *args: str) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` run in this process (`validate` above, `render`, `diff`,
    `languages`): what it printed and its exit code, argparse's usage errors (exit 2) too."""
    from generator.__main__ import main

    capsys.readouterr()  # only what this command prints
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    printed = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, printed.out, printed.err)
