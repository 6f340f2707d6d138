"""Translations (content/translations/<language>/) are text overlays on the English content.

Each case edits a copy of the content (`content_dir`: content/ as it is, after a PATCH
release and after each model shape, its translations left as they were) and loads one
language: a broken overlay is refused with one line per problem, `path:line:col: what -
how to fix`, on the line of the edit; what an overlay lacks, or has that English no longer
does, is a warning on its line. The edits find their place by the overlay's structure (a
level's summary, a word of the site, a question's options), never by today's words, so a
contributor's change to the content or a translation never needs a change here.
Then: every language scores the same (the questionnaire's data differs only in its words).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from generator import ContentError, load_content
from generator.content import read_documents
from generator.escape import English
from generator.render import assessment_data, engine_settings, render_site
from generator.translate import english_text, languages, read_overlay
from generator.yamlfile import leaves, load_yaml
from tests.helpers import CONTENT, copy_content, validate

ONE_LINE = re.compile(r"^(content/translations/[a-z]+/[a-z/]+\.(yml|md)):(\d+):(\d+): [^\n]+ - [^\n]+$")


@cache
def _english_data(content: Path) -> dict:
    """Each English content file's data, by name, as load_content hands it to a translation."""
    return {name: doc.data for name, doc in read_documents(content)[0].items()}


@cache
def _english(content: Path) -> dict:
    """Every string a complete translation of `content` gives, by key (generator/translate.py)."""
    return english_text(_english_data(content))[0]


@cache
def _loaded(content: Path, language: str | None = None):
    """`content` loaded (in `language`), once: the content before a test's edit."""
    return load_content(content, language) if language else load_content(content)


def dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


class Overlay:
    """A translation's text.yml, edited by data path, line by line, as a translator edits
    it by hand (comments and layout kept). Each edit returns the line it landed on."""

    def __init__(self, content: Path, language: str, source: Path):
        self.content, self.language, self.source = content, language, source
        self.file = content / "translations" / language / "text.yml"
        self.lines = self.file.read_text(encoding="utf-8").splitlines(keepends=True)
        doc, problems = load_yaml(self.file, str(self.file))
        assert doc is not None, problems
        self.doc = doc
        self.english = _english(source)

    def leaves(self, under: tuple = ()) -> list[tuple[tuple, str]]:
        """(path, text) of the overlay's strings under `under`, in file order."""
        node = self.doc.data
        for part in under:
            node = node[part]
        return list(leaves(node, under))

    def required(self, path: tuple) -> bool:
        """English has this string and needs it translated (not a record such as a release note)."""
        return tuple(str(p) for p in path) in self.english

    def _span(self, path: tuple) -> tuple[int, int, int]:
        """(first line index, line index after it, indentation) of the entry at `path`:
        a mapping key with its value, or a list item, with every line nested under it."""
        if path in self.doc.key_at:
            line, col = self.doc.key_at[path]
            indent = col - 1
        else:  # a list item: its value stands two columns after the dash
            line, col = self.doc.at[path]
            indent = col - 3
        start = end = line - 1
        end += 1
        while end < len(self.lines) and (not self.lines[end].strip() or len(self.lines[end]) - len(self.lines[end].lstrip(" ")) > indent):
            end += 1
        while end - 1 > start and not self.lines[end - 1].strip():
            end -= 1
        return start, end, indent

    def _save(self) -> None:
        self.file.write_text("".join(self.lines), encoding="utf-8")

    def set(self, path: tuple, value: str) -> int:
        start, end, indent = self._span(path)
        head = self.lines[start].split(":", 1)[0] if path in self.doc.key_at else " " * indent + "-"
        self.lines[start:end] = [f"{head}: {json.dumps(value, ensure_ascii=False)}\n" if path in self.doc.key_at
                                 else f"{head} {json.dumps(value, ensure_ascii=False)}\n"]
        self._save()
        return start + 1

    def delete(self, path: tuple) -> None:
        start, end, _ = self._span(path)
        del self.lines[start:end]
        self._save()

    def rename(self, path: tuple, key: str) -> int:
        start, _, indent = self._span(path)
        self.lines[start] = " " * indent + key + ":" + self.lines[start].split(":", 1)[1]
        self._save()
        return start + 1

    def append(self, path: tuple, text: str) -> int:
        """One more item at the end of the list at `path`."""
        _, end, indent = self._span((*path, len(self._node(path)) - 1))
        self.lines.insert(end, " " * indent + f"- {text}\n")
        self._save()
        return end + 1

    def _node(self, path: tuple):
        node = self.doc.data
        for part in path:
            node = node[part]
        return node

    def status_line(self) -> int:
        return self.doc.key_at[("status",)][0]


def _word(overlay: Overlay) -> tuple:
    """A word of the site the overlay translates: one line, no markup, link or placeholder."""
    return next((path for path, text in overlay.leaves(("ui",))
                 if isinstance(text, str) and overlay.required(path) and not re.search(r"[\n<\[{]", text)), None)


def _placeholder(overlay: Overlay) -> tuple:
    return next((path for path, text in overlay.leaves(("ui",)) if isinstance(text, str) and re.search(r"\{[a-z_]+\}", text)), None)


def _entry(overlay: Overlay, group: str) -> tuple:
    """A translated string of the first entry of `group` (levels, questions) with one, a mapping key."""
    return next((path for path, text in overlay.leaves((group,))
                 if len(path) == 3 and isinstance(text, str) and overlay.required(path) and "\n" not in text), None)


def _options(overlay: Overlay) -> tuple:
    return next(((*path[:3],) for path, _ in overlay.leaves(("questions",)) if len(path) == 4 and path[2] == "options"), None)


def _longer_list(overlay: Overlay) -> tuple:
    """A list of a level's strings (focus areas, steps) as long as English's or longer."""
    for path, _ in overlay.leaves(("levels",)):
        if len(path) == 4 and isinstance(path[3], int) and path[3] == 0:
            here = len(overlay._node(path[:3]))
            if here >= sum(1 for key in overlay.english if key[:3] == tuple(str(p) for p in path[:3])):
                return path[:3]
    return None


@dataclass(frozen=True)
class Edit:
    """A way to break (or leave behind) a translation: `find` picks the place in the
    overlay (None: this content has no such place), `apply` edits it and returns what the
    one message says and the line it points at (None: line 1 of a page)."""

    name: str
    find: Callable[[Overlay], object]
    apply: Callable[[Overlay, object], tuple[str, int | None]]


def _rename_page(overlay: Overlay, page: Path) -> tuple[str, None]:
    renamed = page.with_name(page.stem[::-1] + "x.md")
    page.rename(renamed)
    return f"there is no English page content/pages/{renamed.name}", None


def _misspelled(word: str) -> str:
    return word[:-2] + word[-1] + word[-2] if len(word) > 2 and word[-1] != word[-2] else word + "x"


def _placeholder_lost(overlay: Overlay, path: tuple) -> tuple[str, int]:
    text = overlay._node(path)
    return f"'{dotted(path)}' has the placeholders", overlay.set(path, re.sub(r"\{([a-z_]+)\}", r"{\1x}", text, count=1))


def _unknown_option(overlay: Overlay, path: tuple) -> tuple[str, int]:
    points = max(int(k[3]) for k in overlay.english if k[:3] == tuple(path)) + 1
    first = next(iter(overlay._node(path)))
    return f"'{dotted(path)}.{points}' is not in the English content", overlay.rename((*path, first), str(points))


def _missing(overlay: Overlay, path: tuple) -> tuple[str, int]:
    before = len(_loaded(overlay.source, overlay.language).coverage.missing) + 1
    overlay.delete(path)
    return (f"{before} string{'s' if before != 1 else ''} of the English content {'are' if before != 1 else 'is'} not translated yet"
            f" and shown in English: "), overlay.status_line()


CASES = [
    Edit("placeholder lost", _placeholder, _placeholder_lost),
    Edit("unknown status", lambda o: ("status",), lambda o, p: ("status", o.set(p, "finished"))),
    Edit("page without English", lambda o: next(iter(sorted((o.file.parent / "pages").glob("*.md"))), None), lambda o, page: _rename_page(o, page)),
    Edit("refresh in the words", _word, lambda o, p: (f"'{dotted(p)}' holds the markup '<meta http-equiv",
                                                      o.set(p, '<meta http-equiv="refresh" content="0;url=https://evil.example">'))),
    Edit("markup in the language's name", lambda o: ("ui", "language", "name") if o.leaves(("ui",)) and "language" in o.doc.data["ui"]
         and "name" in o.doc.data["ui"]["language"] else None,
         lambda o, p: ("'ui.language.name' holds the markup '<img src=x>'", o.set(p, o._node(p) + "<img src=x>"))),
    Edit("plaintext in the words", _word, lambda o, p: (f"'{dotted(p)}' holds the markup '<plaintext>", o.set(p, "<plaintext>#</code> x"))),
    Edit("javascript link in the words", _word, lambda o, p: (f"'{dotted(p)}' links to 'javascript:alert(1' - a link in the words goes to",
                                                              o.set(p, "[x](javascript:alert(1))"))),
    Edit("line breaks in the words", _word, lambda o, p: (f"'{dotted(p)}' holds a line break", o.set(p, "x\n\n```"))),
]

WARNINGS = [
    Edit("missing string", lambda o: _entry(o, "levels"), _missing),
    Edit("unknown id", lambda o: next(iter(o.doc.data.get("levels") or ()), None),
         lambda o, level: (f"'levels.{_misspelled(level)}' is not in the English content (did you mean '{level}'?)",
                           o.rename(("levels", level), _misspelled(level)))),
    Edit("unknown option", _options, _unknown_option),
    Edit("extra list entry", _longer_list, lambda o, p: (f"'{dotted(p)}.{len(o._node(p))}' is not in the English content", o.append(p, "x"))),
]
"""Translations follow, never block: what a translation lacks, or has that English no
longer does, is a warning on its line; the site shows English there (marked lang="en")."""


def overlay_of(content_dir: Path, tmp_path: Path) -> Overlay:
    """A copy of `content_dir` and its first translation, or a skip when it has none."""
    found = languages(content_dir)
    if not found:
        pytest.skip("this content has no translation")
    return Overlay(copy_content(tmp_path, content_dir), found[0], content_dir)


def edited(edit: Edit, content_dir: Path, tmp_path: Path) -> tuple[Overlay, str, int | None]:
    overlay = overlay_of(content_dir, tmp_path)
    place = edit.find(overlay)
    if place is None:
        pytest.skip(f"{edit.name}: this content has no place to make the edit")
    says, line = edit.apply(overlay, place)
    return overlay, says, line


def _one_line(lines: list[str], says: str, line: int | None) -> None:
    mine = [found for found in lines if says in found]
    assert mine, f"no line says {says!r}:\n" + "\n".join(lines)
    match = ONE_LINE.match(mine[0])
    assert match, f"not one line 'path:line:col: what - how to fix': {mine[0]}"
    if line is not None:
        assert int(match.group(3)) == line, mine[0]


def checked(overlay: Overlay) -> tuple[list[str], list[str]]:
    """(problems, warnings) of the edited translation, read as load_content reads it
    (translate.read_overlay) against the English, which no edit here touches, so the
    English is checked once per content folder rather than once per case."""
    _, problems, coverage = read_overlay(overlay.content, overlay.language, _english_data(overlay.source))
    return [str(p) for p in problems], [str(w) for w in coverage.warnings] if coverage else []


@pytest.mark.parametrize("edit", CASES, ids=lambda c: c.name)
def test_a_broken_translation_is_refused_on_the_line_of_the_problem(edit, content_dir, tmp_path):
    overlay, says, line = edited(edit, content_dir, tmp_path)
    _one_line(checked(overlay)[0], says, line)


@pytest.mark.parametrize("edit", WARNINGS, ids=lambda c: c.name)
def test_what_a_translation_lacks_or_has_over_is_a_warning_on_its_line(edit, content_dir, tmp_path):
    overlay, says, line = edited(edit, content_dir, tmp_path)
    _one_line(checked(overlay)[1], says, line)


def test_load_content_refuses_what_the_translation_check_refuses_and_keeps_its_warnings(tmp_path):
    """The seam the cases above rely on: load_content raises the overlay's problems and
    keeps its warnings in the translation's coverage."""
    overlay, says, line = edited(CASES[0], CONTENT, tmp_path / "refused")
    with pytest.raises(ContentError) as err:
        load_content(overlay.content, overlay.language)
    _one_line([str(p) for p in err.value.problems], says, line)
    overlay, says, line = edited(WARNINGS[1], CONTENT, tmp_path / "warned")
    _one_line([str(w) for w in load_content(overlay.content, overlay.language).coverage.warnings], says, line)


def test_the_edits_above_find_their_place_in_the_repositorys_content(tmp_path):
    """On content/ itself every edit has its place, so none of the cases above skips there."""
    overlay = overlay_of(CONTENT, tmp_path)
    assert [edit.name for edit in CASES + WARNINGS if edit.find(overlay) is None] == []


def test_a_string_a_translation_lacks_is_english_marked_lang_en_with_its_coverage_on_every_page(content_dir, tmp_path):
    overlay = overlay_of(content_dir, tmp_path)
    path = next((p for p in overlay.leaves(("levels",)) if len(p[0]) == 3 and p[0][2] == "summary"), (None,))[0]
    if path is None:
        pytest.skip("the translation gives no level's summary")
    before = _loaded(content_dir, overlay.language)
    overlay.delete(path)
    english, loaded = load_content(overlay.content), load_content(overlay.content, overlay.language)
    index = next(i for i, lv in enumerate(english.levels) if lv["id"] == path[1])
    summary = loaded.levels[index]["summary"]
    assert summary == english.levels[index]["summary"] and isinstance(summary, English)
    assert set(loaded.coverage.missing) == {*before.coverage.missing, dotted(path)} and 0 < loaded.coverage.percent < 100
    page = render_site(loaded)[f"levels/{english.levels[index]['slug']}.md"]
    assert '<span lang="en">' in page and page.count('lang="en"') == page.count("<span lang=\"en\">") >= 1
    note = engine_settings(loaded, "")["extra"]["language_note"]
    assert note.startswith(loaded.ui["language"]["translated"]) and f"{loaded.coverage.percent}" in note and str(loaded.coverage.strings) in note
    if not before.coverage.missing:
        assert engine_settings(before, "")["extra"]["language_note"] == before.ui["language"]["translated"], "complete: no count"


def test_a_word_of_the_site_a_translation_lacks_is_english_marked_lang_en(content_dir, tmp_path):
    overlay = overlay_of(content_dir, tmp_path)
    key = ("ui", "editions", "bands_heading")  # a heading of the editions page (templates/editions.md.j2)
    if key in overlay.doc.key_at:
        overlay.delete(key)
    loaded = load_content(overlay.content, overlay.language)
    assert dotted(key) in loaded.coverage.missing
    english = load_content(overlay.content).ui["editions"]["bands_heading"]
    assert f'## <span lang="en">{english}</span>' in render_site(loaded)["editions.md"]


def test_a_draft_may_leave_strings_out_and_shows_them_in_english_with_a_banner(content_dir, tmp_path):
    overlay = overlay_of(content_dir, tmp_path)
    path = _entry(overlay, "levels")
    if path is None:
        pytest.skip("the translation gives no level's words")
    kept = overlay._node((*path[:2], "name")) if path[2] != "name" and "name" in overlay._node(path[:2]) else None
    overlay.set(("status",), "draft")
    overlay.delete(path)
    loaded, english = load_content(overlay.content, overlay.language), load_content(overlay.content)
    index = next(i for i, lv in enumerate(english.levels) if lv["id"] == path[1])
    assert loaded.draft and loaded.levels[index][path[2]] == english.levels[index][path[2]]
    if kept is not None:
        assert loaded.levels[index]["name"] == kept
    assert engine_settings(loaded, "")["extra"]["language_note"].startswith(loaded.ui["language"]["draft"])


def test_a_language_that_is_not_there_is_refused_with_the_closest_one(content_dir):
    found = languages(content_dir)
    if not found:
        pytest.skip("this content has no translation")
    wrong = _misspelled(found[0])
    with pytest.raises(ContentError, match=re.escape(f"there is no translation '{wrong}' - the translations are: {', '.join(found)}")):
        load_content(content_dir, wrong)


def test_a_translation_is_a_draft_exactly_when_its_file_says_so(content_dir):
    for language in languages(content_dir):
        said = re.search(r"^status: (\w+)$", (content_dir / "translations" / language / "text.yml").read_text(encoding="utf-8"), re.M).group(1)
        assert load_content(content_dir, language).draft == (said == "draft"), language


def _scoring(data: dict) -> dict:
    """The questionnaire's data without its words: what scoring and share links read."""
    return {
        "model": data["model"], "version": data["version"], "edition": data["edition"]["id"], "total": data["total"],
        "questions": [(q["id"], [(o["points"], o["level"], o["references"]) for o in q["options"]]) for q in data["questions"]],
        "bands": data["bands"],
        "levels": [(lv["id"], lv["number"], lv["url"]) for lv in data["levels"]],
        "references": {rid: (r["url"], r["kind"]) for rid, r in data["references"].items()},
        "held_back": data["held_back"] and {k: v for k, v in data["held_back"].items() if k in ("points", "level")},
    }


def test_every_language_scores_the_same_and_differs_only_in_words(content_dir):
    english = load_content(content_dir)
    en = assessment_data(english)
    for language in languages(content_dir):
        translated = load_content(content_dir, language)
        assert _scoring(assessment_data(translated)) == _scoring(en), language
        given = Overlay.__new__(Overlay)  # only the overlay's data: which option texts it gives
        given.doc = load_yaml(content_dir / "translations" / language / "text.yml", language)[0]
        for q_en, q_tr in zip(english.questions, translated.questions, strict=True):
            for o_en, o_tr in zip(q_en["options"], q_tr["options"], strict=True):
                text = ((given.doc.data.get("questions") or {}).get(q_en["id"]) or {}).get("options", {}).get(str(o_en["points"]))
                assert o_tr["text"] == (text if text is not None else o_en["text"]), (language, q_en["id"], o_en["points"])
                assert isinstance(o_tr["text"], English) == (text is None), "English standing in is marked, a translation is not"
        assert render_site(translated).keys() == render_site(english).keys()


def test_a_new_release_keeps_translations_valid_and_shows_its_notes_in_english_marked_so(content_dir, tmp_path):
    from tests import model_shapes

    content = copy_content(tmp_path, content_dir)
    model_shapes.release(content, "minor", "Clearer wording.")
    for language in languages(content):
        loaded = load_content(content, language)
        assert loaded.draft == _loaded(content_dir, language).draft
        page = render_site(loaded)["changelog.md"]
        notes = page.split("## ")[1]
        assert '<div lang="en" markdown>' in notes and "Clearer wording" in notes.split('<div lang="en"')[1]
        assert loaded.ui["changelog"]["untranslated"] in notes
        # The release below it reads as it did before: translated if the translation gave it,
        # in English (marked) if not. Whether it is translated today is content, not this test's.
        before = render_site(_loaded(content_dir, language))["changelog.md"].split("## ")[1]
        assert ('<div lang="en"' in page.split("## ")[2]) == ('<div lang="en"' in before), "a translated release stays in the translation's language"


def test_unknown_keys_are_located_and_suggested_for_without_rescanning(tmp_path, monkeypatch):
    """Thousands of unknown keys in one mapping: each is located and given a suggestion
    from choices prepared once per parent, not once per key (which made the check grow
    with the square of the keys: bench/validate_size.py, 'unknown translation keys').
    On content/ alone: the cost of the check, not the content, is what it measures."""
    from generator import errors

    overlay = overlay_of(CONTENT, tmp_path)
    level = next(iter(overlay.doc.data["levels"]))
    start, end, indent = overlay._span(("levels", level))
    overlay.lines[start + 1:start + 1] = [" " * (indent + 2) + f"sumary_{i}: x\n" for i in range(2000)]
    overlay._save()
    prepared = []
    real = errors._Catalog.of
    monkeypatch.setattr(errors._Catalog, "of", classmethod(lambda cls, choices: prepared.append(1) or real(choices)))
    unknown = [p for p in load_content(overlay.content, overlay.language).coverage.warnings if "is not in the English content" in p.message]
    assert len(unknown) == 2000
    assert "did you mean 'summary'" in unknown[0].message  # past errors.MAX_LOOKUPS mistakes, none is suggested for
    assert [p.line for p in unknown] == sorted(p.line for p in unknown) and len({p.line for p in unknown}) == 2000
    assert len(prepared) < 10, f"the choices were prepared {len(prepared)} times for 2000 keys of one mapping"


# --- One list of languages: content/translations/'s folders, each with its build ---------


def _repo(tmp_path: Path) -> Path:
    from tests import model_shapes

    return model_shapes.repo_with(CONTENT, tmp_path / "repo")


def _validate(repo: Path, capsys) -> tuple[int, str]:
    done = validate(repo / "content", capsys)
    return done.returncode, done.stdout + done.stderr


LANGUAGE_LISTS = [
    ("a folder without its build", lambda repo: shutil.copytree(repo / "content/translations/ja", repo / "content/translations/fr"),
     "content/translations/fr:1:1: has no mkdocs.fr.yml, so no build makes its pages"),
    ("a build without its folder", lambda repo: (repo / "mkdocs.ja.yml").rename(repo / "mkdocs.de.yml"),
     "mkdocs.de.yml:1:1: builds the language 'de', but content/translations/de/ does not exist"),
    ("a build from another folder", lambda repo: (repo / "mkdocs.ja.yml").write_text(
        (repo / "mkdocs.ja.yml").read_text(encoding="utf-8").replace("translations/ja/pages", "translations/es/pages"), encoding="utf-8"),
     "mkdocs.ja.yml:1:1: docs_dir is 'content/translations/es/pages', but this language's configuration needs 'content/translations/ja/pages'"),
    ("a build in another language", lambda repo: (repo / "mkdocs.ja.yml").write_text(
        (repo / "mkdocs.ja.yml").read_text(encoding="utf-8").replace("language: ja", "language: es"), encoding="utf-8"),
     "mkdocs.ja.yml:1:1: theme.language is 'es'"),
    ("a folder named with markup", lambda repo: shutil.copytree(repo / "content/translations/ja", repo / 'content/translations/ja"><b>x'),
     """content/translations/ja"><b>x:1:1: is not named by a language code"""),
    ("a folder named English", lambda repo: shutil.copytree(repo / "content/translations/ja", repo / "content/translations/en"),
     "content/translations/en:1:1: is English, the language of content/ itself"),
    ("a folder named with spaces", lambda repo: shutil.copytree(repo / "content/translations/ja", repo / "content/translations/ja jp"),
     "content/translations/ja jp:1:1: is not named by a language code"),
]


@pytest.mark.parametrize("edit,says", [c[1:] for c in LANGUAGE_LISTS], ids=[c[0] for c in LANGUAGE_LISTS])
def test_every_language_validate_accepts_is_built_and_no_other(edit, says, tmp_path, capsys):
    """validate, every build and `make build`'s list (`python -m generator languages`)
    refuse the same folders and configurations, with the file and the fix."""
    from generator.__main__ import main

    repo = _repo(tmp_path)
    edit(repo)
    code, output = _validate(repo, capsys)
    assert code == 1 and says in output, output
    code = main(["--content", str(repo / "content"), "languages"])
    listed = capsys.readouterr()
    assert code == 1 and listed.out == "" and says in listed.err, listed
    from tests.helpers import build_site

    built = build_site(tmp_path / "site", repo / "mkdocs.yml")
    assert built.returncode == 1 and says in built.stdout + built.stderr, built.stdout + built.stderr


def test_the_language_list_is_the_translation_folders(content_dir, capsys):
    from generator.__main__ import main

    code = main(["--content", str(content_dir), "languages"])
    assert code == 0 and capsys.readouterr().out.split() == languages(content_dir)


def test_a_draft_without_a_hand_written_page_validates_and_builds_with_the_english_page(tmp_path, capsys):
    """Whatever validate accepts builds: a draft's missing page is the English one, as a
    draft's missing strings are."""
    from tests.helpers import build_site

    repo = _repo(tmp_path)
    text = repo / "content/translations/ja/text.yml"
    text.write_text(text.read_text(encoding="utf-8").replace("status: complete", "status: draft"), encoding="utf-8")
    (repo / "content/translations/ja/pages/about.md").unlink()
    code, output = _validate(repo, capsys)
    assert code == 0, output
    built = build_site(tmp_path / "site", repo / "mkdocs.ja.yml")
    assert built.returncode == 0, built.stdout + built.stderr
    page = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    english_title = re.search(r"^# (.+)$", (CONTENT / "pages/about.md").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert english_title.split()[0] in page
    assert 'lang="ja"' in page
    from generator.__main__ import main

    assert main(["--content", str(repo / "content"), "render", "--out", str(tmp_path / "engine"), "--language", "ja"]) == 0
    assert (tmp_path / "engine" / "docs" / "about.md").read_bytes() == (CONTENT / "pages/about.md").read_bytes(), "other engines get the same page"


def test_a_complete_translation_without_a_hand_written_page_validates_with_a_warning(content_dir, tmp_path):
    """A new English page never blocks: the translation's site shows the English page
    (the hook and `render --out`, tested with a draft above) until it is translated."""
    overlay = overlay_of(content_dir, tmp_path)
    page = next(iter(sorted((overlay.file.parent / "pages").glob("*.md"))), None)
    if page is None:
        pytest.skip("the translation has no hand-written page")
    page.unlink()
    loaded = load_content(overlay.content, overlay.language)
    assert loaded.draft == _loaded(content_dir, overlay.language).draft
    where = f"content/translations/{overlay.language}/pages/{page.name}"
    assert (f"{where}:1:1: is missing: content/pages/{page.name} is not translated yet and is shown in English"
            " - translate it here when you can") in [str(w) for w in loaded.coverage.warnings]


@pytest.mark.parametrize("mark", ["md", "paragraphs", "html_content"])
def test_english_standing_in_is_escaped_first_then_marked(mark):
    """The mark wraps text already escaped for where it lands: a contributor's markup in an
    English string a translation lacks is shown as characters, as everywhere else."""
    from generator import escape

    hostile = escape.English('<img src=x onerror="alert(1)"> *bold* [x](javascript:alert(1))')
    shown = {"md": escape.md_inline, "paragraphs": escape.md_paragraphs, "html_content": escape.html_content}[mark](hostile)
    assert shown.startswith('<span lang="en">') and shown.endswith("</span>") and shown.count("<") == 2, shown
    assert escape.md_inline(str(hostile)).count("<") == 0 and escape.html_text(hostile).count("<") == 0, "plain text and attributes are never marked"
    assert escape.as_printed(escape.md_inline(hostile)) == escape.md_inline(hostile), "a filter's result is never marked twice"
