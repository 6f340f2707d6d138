"""Translations (content/translations/<language>/) are text overlays on the English content.

Each case edits a copy of content/ and loads one language: a broken overlay is refused
with one line per problem, `path:line:col: what - how to fix`, on the line of the edit.
Then: every language scores the same (the questionnaire's data differs only in its words).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import ContentError, load_content
from generator.render import assessment_data, render_site
from generator.translate import languages
from tests.helpers import CONTENT, ROOT, copy_content

LANGUAGES = languages(CONTENT)
ONE_LINE = re.compile(r"^(content/translations/[a-z]+/[a-z/]+\.(yml|md)):(\d+):(\d+): [^\n]+ - [^\n]+$")


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # under content/translations/ja/
    old: str
    new: str
    says: str  # a piece of the one message expected
    at: str | None = None  # text on the line the problem points at (None: line 1 of a page)


CASES = [
    Case("placeholder lost", "text.yml", 'level_title: "レベル {number}: {name}"', 'level_title: "レベル {number}: {nom}"',
         "'ui.level_title' has the placeholders {nom}, {number}, the English {name}, {number}", at="level_title:"),
    Case("unknown status", "text.yml", "status: complete", "status: finished", "status", at="status: finished"),
    Case("page without English", "pages/about.md", None, None, "there is no English page content/pages/abuot.md", at=None),
    Case("refresh in the words", "text.yml", "    take_assessment: 自己評価を始める\n",
         """    take_assessment: '<meta http-equiv="refresh" content="0;url=https://evil.example">'\n""",
         "'ui.home.take_assessment' holds the markup '<meta http-equiv", at="take_assessment:"),
    Case("markup in the language's name", "text.yml", "    name: 日本語\n", "    name: 日本語<img src=x>\n",
         "'ui.language.name' holds the markup '<img src=x>'", at="name: 日本語<img"),
    Case("plaintext in the words", "text.yml", "<code>#</code> より後ろ", "<plaintext>#</code> より後ろ",
         "'ui.assessment.share_help' holds the markup '<plaintext>", at="share_help:"),
    Case("javascript link in the words", "text.yml", "[自己評価](assessment.md)の合計", "[自己評価](javascript:alert(1))の合計",
         "'ui.home.scores' links to 'javascript:alert(1' - a link in the words goes to", at="scores:"),
    Case("line breaks in the words", "text.yml", "    take_assessment: 自己評価を始める\n", '    take_assessment: "始める\\n\\n```"\n',
         "'ui.home.take_assessment' holds a line break", at="take_assessment:"),
]

WARNINGS = [
    Case("missing string", "text.yml", "    summary: 大規模言語モデルを試している段階で、共有された実践はまだない。\n", "",
         "1 string of the English content is not translated yet and shown in English: levels.initial.summary", at="status: complete"),
    Case("unknown id", "text.yml", "  initial:\n    name: 初期", "  initail:\n    name: 初期",
         "'levels.initail' is not in the English content (did you mean 'initial'?)", at="initail:"),
    Case("unknown option", "text.yml", "      4: 新しいモデルやバージョン", "      5: 新しいモデルやバージョン",
         "'questions.models.options.5' is not in the English content", at="5: 新しいモデルやバージョン"),
    Case("extra list entry", "text.yml", "      - 基本的な指標\n", "      - 基本的な指標\n      - 余分な項目\n",
         "'levels.initial.focus_areas.3' is not in the English content", at="余分な項目"),
]
"""Translations follow, never block: what a translation lacks, or has that English no
longer does, is a warning on its line; the site shows English there (marked lang="en")."""


def apply(case: Case, content: Path) -> Path:
    file = content / "translations" / "ja" / case.file
    if case.old is None:  # a page renamed to a name English does not have
        file.rename(file.with_name("abuot.md"))
        return file.with_name("abuot.md")
    text = file.read_text(encoding="utf-8")
    assert case.old in text, f"{case.name}: the edit's text is no longer in {file}"
    file.write_text(text.replace(case.old, case.new, 1), encoding="utf-8")
    return file


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_broken_translation_is_refused_on_the_line_of_the_problem(case, tmp_path):
    content = copy_content(tmp_path, CONTENT)
    file = apply(case, content)
    with pytest.raises(ContentError) as err:
        load_content(content, "ja")
    lines = [str(p) for p in err.value.problems]
    mine = [line for line in lines if case.says in line]
    assert mine, f"no problem says {case.says!r}:\n" + "\n".join(lines)
    match = ONE_LINE.match(mine[0])
    assert match, f"not one line 'path:line:col: what - how to fix': {mine[0]}"
    if case.at:
        wanted = next(i for i, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if case.at in line)
        assert int(match.group(3)) == wanted, mine[0]


@pytest.mark.parametrize("case", WARNINGS, ids=lambda c: c.name)
def test_what_a_translation_lacks_or_has_over_is_a_warning_on_its_line(case, tmp_path):
    content = copy_content(tmp_path, CONTENT)
    file = apply(case, content)
    ja = load_content(content, "ja")
    lines = [str(p) for p in ja.coverage.warnings]
    mine = [line for line in lines if case.says in line]
    assert mine, f"no warning says {case.says!r}:\n" + "\n".join(lines)
    match = ONE_LINE.match(mine[0])
    assert match, f"not one line 'path:line:col: what - how to fix': {mine[0]}"
    wanted = next(i for i, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if case.at in line)
    assert int(match.group(3)) == wanted, mine[0]


def test_a_string_a_translation_lacks_is_english_marked_lang_en_with_its_coverage_on_every_page(tmp_path):
    from generator.escape import English
    from generator.render import engine_settings

    content = copy_content(tmp_path, CONTENT)
    apply(WARNINGS[0], content)
    english, ja = load_content(content), load_content(content, "ja")
    summary = ja.levels[0]["summary"]
    assert summary == english.levels[0]["summary"] and isinstance(summary, English)
    assert not isinstance(ja.levels[0]["name"], English)
    assert ja.coverage.missing == ("levels.initial.summary",) and 0 < ja.coverage.percent < 100
    page = render_site(ja)["levels/initial.md"]
    assert '<span lang="en">' in page and page.count('lang="en"') == page.count("<span lang=\"en\">") >= 1
    note = engine_settings(ja, "")["extra"]["language_note"]
    assert note.startswith(ja.ui["language"]["translated"]) and f"{ja.coverage.percent}" in note and str(ja.coverage.strings) in note
    assert engine_settings(load_content(CONTENT, "ja"), "")["extra"]["language_note"] == ja.ui["language"]["translated"], "complete: no count"


def test_a_word_of_the_site_a_translation_lacks_is_english_marked_lang_en(tmp_path):
    content = copy_content(tmp_path, CONTENT)
    text = content / "translations" / "ja" / "text.yml"
    kept = text.read_text(encoding="utf-8")
    line = next(line for line in kept.splitlines(keepends=True) if line.startswith("    bands_heading: "))
    text.write_text(kept.replace(line, "", 1), encoding="utf-8")
    ja = load_content(content, "ja")
    assert ja.coverage.missing == ("ui.editions.bands_heading",)
    english = load_content(content).ui["editions"]["bands_heading"]
    assert f'## <span lang="en">{english}</span>' in render_site(ja)["editions.md"]


def test_a_draft_may_leave_strings_out_and_shows_them_in_english_with_a_banner(tmp_path):
    content = copy_content(tmp_path, CONTENT)
    text = content / "translations" / "ja" / "text.yml"
    edited = text.read_text(encoding="utf-8").replace("status: complete", "status: draft")
    edited = edited.replace("    summary: 大規模言語モデルを試している段階で、共有された実践はまだない。\n", "")
    text.write_text(edited, encoding="utf-8")
    ja = load_content(content, "ja")
    assert ja.draft and ja.levels[0]["summary"] == load_content(content).levels[0]["summary"]
    assert ja.levels[0]["name"] == "初期"
    from generator.render import engine_settings
    assert engine_settings(ja, "")["extra"]["language_note"].startswith(ja.ui["language"]["draft"])


def test_a_language_that_is_not_there_is_refused_with_the_closest_one(tmp_path):
    with pytest.raises(ContentError, match=r"there is no translation 'jp' - the translations are: es, ja"):
        load_content(CONTENT, "jp")


def test_every_translation_is_published_complete():
    for language in LANGUAGES:
        assert not load_content(CONTENT, language).draft, language


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


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_scores_the_same_and_differs_only_in_words(language):
    english, translated = load_content(CONTENT), load_content(CONTENT, language)
    en, tr = assessment_data(english), assessment_data(translated)
    assert _scoring(tr) == _scoring(en)
    assert [q["options"][0]["text"] for q in tr["questions"]] != [q["options"][0]["text"] for q in en["questions"]]
    assert render_site(translated).keys() == render_site(english).keys()


def test_a_new_release_keeps_translations_valid_and_shows_its_notes_in_english_marked_so(tmp_path):
    from tests import model_shapes

    content = copy_content(tmp_path, CONTENT)
    model_shapes.release(content, "minor", "Clearer wording.")
    ja = load_content(content, "ja")
    assert not ja.draft
    page = render_site(ja)["changelog.md"]
    notes = page.split("## ")[1]
    assert '<div lang="en" markdown>' in notes and "Clearer wording" in notes.split('<div lang="en"')[1]
    assert ja.ui["changelog"]["untranslated"] in notes
    # The release below it reads as it did before: translated if the translation gave it,
    # in English (marked) if not. Whether it is translated today is content, not this test's.
    before = render_site(load_content(CONTENT, "ja"))["changelog.md"].split("## ")[1]
    assert ('<div lang="en"' in page.split("## ")[2]) == ('<div lang="en"' in before), "a translated release stays in the translation's language"


def test_unknown_keys_are_located_and_suggested_for_without_rescanning(tmp_path, monkeypatch):
    """Thousands of unknown keys in one mapping: each is located and given a suggestion
    from choices prepared once per parent, not once per key (which made the check grow
    with the square of the keys: bench/validate_size.py, 'unknown translation keys')."""
    from generator import errors

    content = copy_content(tmp_path, CONTENT)
    text = content / "translations" / "ja" / "text.yml"
    extra = "".join(f"    sumary_{i}: x\n" for i in range(2000))
    edited = text.read_text(encoding="utf-8").replace("  initial:\n    name: 初期\n", "  initial:\n    name: 初期\n" + extra, 1)
    text.write_text(edited, encoding="utf-8")
    prepared = []
    real = errors._Catalog.of
    monkeypatch.setattr(errors._Catalog, "of", classmethod(lambda cls, choices: prepared.append(1) or real(choices)))
    unknown = [p for p in load_content(content, "ja").coverage.warnings if "is not in the English content" in p.message]
    assert len(unknown) == 2000
    assert "did you mean 'summary'" in unknown[0].message  # past errors.MAX_LOOKUPS mistakes, none is suggested for
    assert [p.line for p in unknown] == sorted(p.line for p in unknown) and len({p.line for p in unknown}) == 2000
    assert len(prepared) < 10, f"the choices were prepared {len(prepared)} times for 2000 keys of one mapping"


# --- One list of languages: content/translations/'s folders, each with its build ---------


def _repo(tmp_path: Path) -> Path:
    from tests import model_shapes

    return model_shapes.repo_with(CONTENT, tmp_path / "repo")


def _validate(repo: Path) -> tuple[int, str]:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "generator", "--content", str(repo / "content"), "validate"],
                            cwd=repo, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


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
def test_every_language_validate_accepts_is_built_and_no_other(edit, says, tmp_path):
    """validate, every build and `make build`'s list (`python -m generator languages`)
    refuse the same folders and configurations, with the file and the fix."""
    import subprocess
    import sys

    repo = _repo(tmp_path)
    edit(repo)
    code, output = _validate(repo)
    assert code == 1 and says in output, output
    listed = subprocess.run([sys.executable, "-m", "generator", "languages"], cwd=repo, capture_output=True, text=True)
    assert listed.returncode == 1 and listed.stdout == "" and says in listed.stderr, listed
    from tests.helpers import build_site

    built = build_site(tmp_path / "site", repo / "mkdocs.yml")
    assert built.returncode == 1 and says in built.stdout + built.stderr, built.stdout + built.stderr


def test_the_language_list_is_the_translation_folders(tmp_path):
    import subprocess
    import sys

    listed = subprocess.run([sys.executable, "-m", "generator", "languages"], cwd=ROOT, capture_output=True, text=True)
    assert listed.returncode == 0 and listed.stdout.split() == LANGUAGES and LANGUAGES


def test_a_draft_without_a_hand_written_page_validates_and_builds_with_the_english_page(tmp_path):
    """Whatever validate accepts builds: a draft's missing page is the English one, as a
    draft's missing strings are."""
    from tests.helpers import build_site

    repo = _repo(tmp_path)
    text = repo / "content/translations/ja/text.yml"
    text.write_text(text.read_text(encoding="utf-8").replace("status: complete", "status: draft"), encoding="utf-8")
    (repo / "content/translations/ja/pages/about.md").unlink()
    code, output = _validate(repo)
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


def test_a_complete_translation_without_a_hand_written_page_validates_with_a_warning(tmp_path):
    """A new English page never blocks: the translation's site shows the English page
    (the hook and `render --out`, tested with a draft above) until it is translated."""
    content = copy_content(tmp_path, CONTENT)
    (content / "translations/ja/pages/about.md").unlink()
    ja = load_content(content, "ja")
    assert not ja.draft
    assert ("content/translations/ja/pages/about.md:1:1: is missing: content/pages/about.md is not translated yet and is shown in English"
            " - translate it here when you can") in [str(w) for w in ja.coverage.warnings]


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
