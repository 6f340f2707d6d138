"""Translations follow, never block (issue #23): an English change that a translation does
not have yet validates with a warning per language, every language's site builds under
`--strict`, and the translated sites show the new strings in English, marked lang="en".

The change is CONTRIBUTING.md's own recipe ("Publish a new edition of the model"), followed
on a copy of the real repository with its translations left as they are.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser

import pytest

from generator import load_content
from generator.render import language_note
from generator.translate import languages
from tests import model_shapes
from tests.helpers import CONTENT, build_site, generator_command, repo_with, validate
from tests.test_model_shapes import follow_the_new_edition_recipe

LANGUAGES = languages(CONTENT)


class _EnglishText(HTMLParser):
    """The text inside elements marked lang="en", as a reader sees it (entities read)."""

    VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang") == "en" or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1]:
            self.text.append(data)


def english_text(page: str) -> str:
    parser = _EnglishText()
    parser.feed(page)
    return " ".join(" ".join(parser.text).split())


@pytest.mark.build  # three MkDocs builds: `make test`, not the quick loop
def test_the_new_edition_recipe_on_the_real_content_warns_per_language_and_every_site_builds(tmp_path, capsys):
    repo = repo_with(CONTENT, tmp_path / "repo")
    recipe = follow_the_new_edition_recipe(repo / "content")

    done = validate(repo / "content", capsys)
    assert done.returncode == 0, done.stderr
    for language in LANGUAGES:
        loaded = load_content(repo / "content", language)
        missing = loaded.coverage.missing
        assert f"editions.{recipe['id']}.name" in missing and "questions.agents.question" in missing
        count = f"{len(missing)} string{'s' if len(missing) != 1 else ''}"
        assert f"; {language}: {count} in English" in done.stdout, done.stdout
        warning = f"content/translations/{language}/text.yml:"
        lines = [line for line in done.stderr.splitlines() if line.startswith(warning) and ": warning: " in line]
        assert any(f"{count} of the English content are not translated yet" in line and f"editions.{recipe['id']}.name" in line
                   for line in lines), done.stderr
        assert 0 < loaded.coverage.percent < 100

    for config, language in [("mkdocs.yml", "en"), *((f"mkdocs.{lang}.yml", lang) for lang in LANGUAGES)]:
        site = tmp_path / "site" / language
        built = build_site(site, repo / config)
        assert built.returncode == 0, built.stdout + built.stderr
        editions = (site / "editions" / "index.html").read_text(encoding="utf-8")
        if language == "en":
            assert 'lang="en"' not in editions.split("<article", 1)[1], "English pages need no marks"
            continue
        assert recipe["name"] in english_text(editions.split("<article", 1)[1]), f"{language}: the new edition's name is not marked English"
        question = next(q for q in load_content(repo / "content").questions if q["id"] == "agents")
        form = english_text((site / "assessment" / "index.html").read_text(encoding="utf-8"))
        assert all(" ".join(text.split()) in form for text in (question["question"], question["help"], question["options"][0]["text"])), \
            f"{language}: the new question's words are not marked English in the form"
        about = (site / "about" / "index.html").read_text(encoding="utf-8")
        shown = re.search(r'<p class="language-note[^"]*">(.*?)</p>', about, flags=re.S)
        coverage = load_content(repo / "content", language).coverage
        assert shown and html.unescape(shown.group(1)) == language_note(load_content(repo / "content", language)), f"{language}: no coverage on About"
        assert f"{coverage.percent}" in shown.group(1) and f"{len(coverage.missing)}" in shown.group(1)


def test_a_patch_release_after_the_new_edition_validates_with_its_note_in_english(tmp_path, capsys):
    """The same copy, one PATCH later: its English change note is a record (shown in
    English, marked so, by templates/changelog.md.j2), not a string the translations lack."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    follow_the_new_edition_recipe(content)
    before = {language: load_content(content, language).coverage.missing for language in LANGUAGES}
    model_shapes.release(content, "patch", "Clearer wording of a step.")
    done = validate(content, capsys)
    assert done.returncode == 0, done.stderr
    for language in LANGUAGES:
        assert load_content(content, language).coverage.missing == before[language]
        assert f"; {language}: {len(before[language])} strings in English" in done.stdout, done.stdout
    rendered = generator_command(capsys, "--content", str(content), "render", "--out", str(tmp_path / "engine"), "--language", LANGUAGES[-1])
    assert rendered.returncode == 0 and f"content/translations/{LANGUAGES[-1]}/text.yml:" in rendered.stderr and ": warning: " in rendered.stderr, \
        "other engines' builds hear the warnings too"
