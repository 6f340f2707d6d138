"""One idea, one term, throughout a translation: each language's glossary
(content/translations/<language>/glossary.yml) says how it names an idea of the English
text. Every text whose English names the idea uses the term, and no text of the
translation (text.yml and its pages) uses a word the glossary retired for it.

Text is compared by where it stands: the English and the translated Content hold the same
shape, so a level's summary is compared with that level's summary, and so on.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest
import yaml

from generator import load_content
from generator.translate import TRANSLATIONS, languages
from tests.helpers import CONTENT

LANGUAGES = languages(CONTENT)


def glossary(language: str) -> list[dict]:
    return yaml.safe_load((CONTENT / TRANSLATIONS / language / "glossary.yml").read_text(encoding="utf-8"))["terms"]


def pairs(english: object, translated: object, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(path, English text, translated text) for every text both hold at the same place."""
    if isinstance(english, dict) and isinstance(translated, dict):
        for key in english.keys() & translated.keys():
            yield from pairs(english[key], translated[key], f"{path}.{key}" if path else str(key))
    elif isinstance(english, list) and isinstance(translated, list):
        for i, (e, t) in enumerate(zip(english, translated)):
            yield from pairs(e, t, f"{path}.{i}")
    elif isinstance(english, str) and isinstance(translated, str) and english != translated:
        yield path, english, translated


def texts(language: str) -> list[tuple[str, str]]:
    """(path, text) of every translated text of `language`, and of its hand-written pages."""
    english, translated = load_content(CONTENT), load_content(CONTENT, language)
    found = [(p, t) for field in dataclasses.fields(english) if field.compare
             for p, _, t in pairs(getattr(english, field.name), getattr(translated, field.name), field.name)]
    pages = CONTENT / TRANSLATIONS / language / "pages"
    return found + [(p.name, p.read_text(encoding="utf-8")) for p in sorted(pages.rglob("*.md"))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_glossary(language):
    terms = glossary(language)
    assert terms and all(t["en"] and t["term"] for t in terms), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_idea_takes_the_glossarys_term(language):
    english, translated = load_content(CONTENT), load_content(CONTENT, language)
    both = [x for field in dataclasses.fields(english) if field.compare
            for x in pairs(getattr(english, field.name), getattr(translated, field.name), field.name)]
    assert len(both) > 100, "the texts were not lined up"
    wrong = [f"{path}: says '{'/'.join(t['en'])}' but not '{t['term']}': {text[:120]}"
             for t in glossary(language) for path, en, text in both
             if any(phrase.casefold() in en.casefold() for phrase in t["en"]) and not re.search(t["term"], text, re.I)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_uses_a_retired_word(language):
    wrong = [f"{path}: '{word}' (say '{t['term']}')" for t in glossary(language) for word in t["not"]
             for path, text in texts(language) if word.casefold() in text.casefold()]
    assert not wrong, "\n".join(wrong)
