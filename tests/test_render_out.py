"""`python -m generator render --out DIR` (run in this process) gives any engine what MkDocs gets from the
hook: every page in DIR/docs, and in DIR/nav.yml the same nav, copyright and extra
settings that mkdocs_hook.py puts on MkDocs' config (compared here, so they stay in step).
"""

from __future__ import annotations

import pytest
import yaml
from mkdocs.config import load_config

from generator import load_content, render_site
from generator.translate import languages
from tests.helpers import CONTENT, ROOT, generator_command

LANGUAGES = ["en", *languages(CONTENT)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_render_out_writes_every_page_and_the_hook_settings(tmp_path, language, capsys):
    """In each language: its pages (content/pages, or the translation's) and the settings
    the hook gives the build of that language (mkdocs.yml, mkdocs.<language>.yml)."""
    result = generator_command(capsys, "render", "--out", str(tmp_path), "--language", language)
    assert result.returncode == 0, result.stderr
    pages = render_site(load_content(CONTENT, language))
    source = CONTENT / ("pages" if language == "en" else f"translations/{language}/pages")
    handwritten = {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()}
    written = {p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    assert written == set(pages) | handwritten
    assert (tmp_path / "docs" / "index.md").read_text(encoding="utf-8") == pages["index.md"]
    settings = yaml.safe_load((tmp_path / "nav.yml").read_text(encoding="utf-8"))

    from generator import mkdocs_hook
    config = load_config(str(ROOT / ("mkdocs.yml" if language == "en" else f"mkdocs.{language}.yml")))
    mkdocs_hook.on_startup("build", dirty=False)
    mkdocs_hook.on_config(config)
    assert settings["nav"] == config.nav
    assert settings["copyright"] == config.copyright
    assert settings["site_name"] == config.site_name
    assert settings["extra"] == {key: config.extra[key] for key in settings["extra"]}
    assert {"content_version", "csp", "note_label", "language_note"} <= settings["extra"].keys()


def test_render_in_each_language_gives_different_words_for_the_same_pages(tmp_path, capsys):
    for language in LANGUAGES:
        result = generator_command(capsys, "render", str(tmp_path / language), "--language", language)
        assert result.returncode == 0, result.stderr
    homes = {language: (tmp_path / language / "index.md").read_text(encoding="utf-8") for language in LANGUAGES}
    assert len(set(homes.values())) == len(LANGUAGES)
    assert {p.relative_to(tmp_path / language).as_posix() for language in LANGUAGES for p in (tmp_path / language).rglob("*.md")} == {
        p.relative_to(tmp_path / "en").as_posix() for p in (tmp_path / "en").rglob("*.md")}


def test_render_names_the_languages_there_are_when_asked_for_another(tmp_path, capsys):
    result = generator_command(capsys, "render", "--out", str(tmp_path), "--language", "xx")
    assert result.returncode == 1
    assert result.stderr == f"--language xx: there is no content/translations/xx/ - use one of: {', '.join(LANGUAGES)}\n"
    assert not any(tmp_path.iterdir())


def test_render_positional_still_writes_only_the_generated_pages(tmp_path, capsys):
    result = generator_command(capsys, "render", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.md").is_file() and not (tmp_path / "nav.yml").exists() and not (tmp_path / "about.md").exists()


def test_render_needs_a_folder(capsys):
    result = generator_command(capsys, "render")
    assert result.returncode == 2 and "--out" in result.stderr
