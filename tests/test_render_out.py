"""`python -m generator render --out DIR` gives any engine what MkDocs gets from the
hook: every page in DIR/docs, and in DIR/nav.yml the same nav, copyright and extra
settings that mkdocs_hook.py puts on MkDocs' config (compared here, so they stay in step).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.config import load_config

from generator import load_content, render_site

ROOT = Path(__file__).resolve().parent.parent


def test_render_out_writes_every_page_and_the_hook_settings(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "render", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pages = set(render_site(load_content(ROOT / "content")))
    handwritten = {p.relative_to(ROOT / "content" / "pages").as_posix() for p in (ROOT / "content" / "pages").rglob("*") if p.is_file()}
    written = {p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    assert written == pages | handwritten
    settings = yaml.safe_load((tmp_path / "nav.yml").read_text(encoding="utf-8"))

    from generator import mkdocs_hook
    config = load_config(str(ROOT / "mkdocs.yml"))
    mkdocs_hook.on_startup("build", dirty=False)
    mkdocs_hook.on_config(config)
    assert settings["nav"] == config.nav
    assert settings["copyright"] == config.copyright
    assert settings["site_name"] == config.site_name
    assert settings["extra"] == {key: config.extra[key] for key in settings["extra"]}
    assert {"content_version", "csp", "note_label", "language_note"} <= settings["extra"].keys()


def test_render_positional_still_writes_only_the_generated_pages(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "render", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.md").is_file() and not (tmp_path / "nav.yml").exists() and not (tmp_path / "about.md").exists()


def test_render_needs_a_folder():
    result = subprocess.run([sys.executable, "-m", "generator", "render"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "--out" in result.stderr
