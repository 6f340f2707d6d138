"""Translations: a language is a set of text overlays keyed by the English content's ids.

content/translations/<language>/text.yml gives, for each thing English content names by
id (a level, a question and its options by points, a kind of reference, an edition, a
release, a group of the site's words in ui.yml), the same text in that language. It
never repeats structure: ids, points, levels' numbers, bands, URLs and order come only
from the English files, so a translation cannot change scoring. Hand-written pages are
translated whole, one file per English page, in content/translations/<language>/pages/.

`english_text(docs)` lists every string a translation gives, by key (a path such as
('levels', 'initial', 'advance', 2)); `overlay_problems` checks an overlay against it
(placeholders that differ are errors; unknown keys and missing strings warnings:
translations follow the English, never block it); `translated` applies it, English
standing in, marked so, for what it does not give yet.
Pure: data in, data out.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import yaml

from generator.content import PLACEHOLDER, Content, Coverage
from generator.errors import Problem, did_you_mean
from generator.escape import English
from generator.pages import PAGE_SUFFIX, _page_text_problems, published_files
from generator.schema import schema_problems
from generator.words import markup_problems
from generator.yamlfile import YamlDoc, leaves, load_yaml

ENGLISH = "en"
"""The language of content/ itself."""

TRANSLATIONS = "translations"
"""content/translations/<language>/: one folder per language."""

TEXT_FILE = "text.yml"
PAGES = "pages"
STATUSES = ("complete", "draft")

Key = tuple
MODEL_TEXT = ("name", "tagline", "definition")
LEVEL_TEXT = ("name", "summary", "description")
LEVEL_LISTS = ("focus_areas", "advance")
QUESTION_TEXT = ("dimension", "question", "help", "why")
EDITION_TEXT = ("name", "summary")
UNSCORED_TEXT = ("not_applicable", "dont_know", "says", "too_many")


def _strings(prefix: Key, value: object) -> Iterator[tuple[Key, str]]:
    """Every string under `value` (mappings and lists walked), keyed from `prefix`."""
    for path, leaf in leaves(value, prefix):
        yield _key(path), leaf


def _key(parts: Key) -> Key:
    """Keys compare as text: an option's points (0) and a list's index are '0' in YAML keys."""
    return tuple(str(p) for p in parts)


def english_text(data: Mapping[str, object]) -> tuple[dict[Key, str], set[Key]]:
    """(every string a complete translation gives, by key; keys it may give but need not).
    `data`: each English content file's data, by name (content.FILES)."""
    text: dict[Key, str] = _Keyed()
    model = data["model"]
    text.update({("model", k): model[k] for k in MODEL_TEXT})
    text[("model", "credit")] = model["source"]["credit"]
    for lv in data["levels"]["levels"]:
        text.update({("levels", lv["id"], k): lv[k] for k in LEVEL_TEXT})
        for k in LEVEL_LISTS:
            text.update(_strings(("levels", lv["id"], k), lv[k]))
    for q in data["questions"]["questions"]:
        text.update({("questions", q["id"], k): q[k] for k in QUESTION_TEXT})
        text.update({("questions", q["id"], "options", o["points"]): o["text"] for o in q["options"]})
    unscored = data["questions"].get("unscored")
    if unscored:
        text.update({("unscored", k): unscored[k] for k in UNSCORED_TEXT})
    text.update({("kinds", k["id"]): k["label"] for k in data["references"]["kinds"]})
    for e in data["editions"]["editions"]:
        key = ("editions", e["id"])
        text.update({(*key, k): e[k] for k in EDITION_TEXT})
        text.update(_strings((*key, "dates"), [d["of"] for d in e["dates"]]))
        text.update(_strings((*key, "changes"), e.get("changes", [])))
        text.update(_strings((*key, "terms"), e["terms"]))
        if e.get("held_back"):
            text.update({(*key, "held_back", k): e["held_back"][k] for k in ("says", "each")})
        for topic in e["terms"]:
            text[("topics", topic)] = topic
    text.update(_strings(("ui",), data["ui"]))
    optional = {("references", r["id"], "title") for r in data["references"]["references"]}
    # Release notes are a record: a release not translated yet is shown in English, marked
    # so (templates/changelog.md.j2), rather than holding every English release back.
    for release in data["changelog"]["releases"]:
        optional.update(k for k, _ in _strings(("changelog", release["version"]), release["changes"]))
    return dict(text), optional


class _Keyed(dict):
    """A dict whose keys are stored as text (`_key`)."""

    def __setitem__(self, key, value):
        super().__setitem__(_key(key), value)

    def update(self, other=(), **kw):
        for k, v in dict(other, **kw).items():
            self[k] = v


def _name(key: Key) -> str:
    return ".".join(str(k) for k in key)


def overlay_problems(doc: YamlDoc, english: dict[Key, str], optional: set[Key]) -> tuple[list[Problem], list[Problem], list[Key]]:
    """(problems, warnings, missing keys) of a schema-valid overlay. Problems: strings
    that lose or add a {placeholder}, empty strings. Warnings, since translations follow
    and never block an English change: keys English does not have (with the closest
    one: a renamed id leaves its translation behind), and the strings the overlay does
    not give yet, which the site shows in English."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    given = dict(_strings((), {k: v for k, v in doc.data.items() if k != "status"}))
    known = english.keys() | optional
    prefixes = {k[:i] for k in known for i in range(1, len(k) + 1)}
    children: dict[Key, list[str]] = {}  # prepared once: one list per parent, so did_you_mean prepares each once too
    for p in sorted(prefixes):
        children.setdefault(p[:-1], []).append(p[-1])
    unknown: set[Key] = set()
    for key, value in given.items():
        if key not in known:
            first = next(key[:i] for i in range(1, len(key) + 1) if key[:i] not in prefixes)
            if first not in unknown:
                unknown.add(first)
                siblings = children.get(first[:-1], [])
                warnings.append(doc.problem(_at(doc, first), f"'{_name(first)}' is not in the English content{did_you_mean(first[-1], siblings)}, "
                                            "so it is not shown - move it to the English id, or delete it", key=True))
            continue
        source = english.get(key) or ""
        if key in english and _placeholders(value) != _placeholders(source):
            problems.append(doc.problem(_at(doc, key), f"'{_name(key)}' has the placeholders {_shown(_placeholders(value))}, the English "
                                        f"{_shown(_placeholders(source))} - keep each {{name}} of the English as it is"))
        elif not value.strip():
            problems.append(doc.problem(_at(doc, key), f"'{_name(key)}' is empty - write the translation, or leave the key out (English stands in)"))
    missing = [k for k in english if k not in given]
    if missing:
        shown = ", ".join(_name(k) for k in missing[:SHOWN]) + (f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else "")
        warnings.append(doc.problem(("status",), f"{len(missing)} string{'s' if len(missing) != 1 else ''} of the English content "
                                    f"{'are' if len(missing) != 1 else 'is'} not translated yet and shown in English: {shown} - translate "
                                    "them here when you can"))
    return problems, warnings, missing


SHOWN = 20
"""Ids a warning names before 'and N more'."""


def _at(doc: YamlDoc, key: Key) -> tuple:
    """`key` as the document's own data path (list indexes are numbers there), for its
    position. Direct lookups, not a scan of each mapping: a file may hold tens of
    thousands of unknown keys, each located here."""
    path, node = [], doc.data
    for part in key:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            path.append(int(part))
            node = node[int(part)]
        elif isinstance(node, dict):  # a key as written (text, or an option's points), found without a scan
            match = part if part in node else int(part) if part.isdigit() and int(part) in node else next((k for k in node if str(k) == part), part)
            path.append(match)
            node = node.get(match)
        else:
            path.append(part)
    return tuple(path)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _shown(names: set[str]) -> str:
    return ", ".join("{" + n + "}" for n in sorted(names)) if names else "none"


def page_problems(folder: Path, english_pages: list[str], display: str) -> list[Problem]:
    """A translation's hand-written pages: no page English does not have, and each held
    to the same rules as English pages; like content/pages, the folder holds markdown
    pages only (MkDocs publishes any file there, in that language's folder of the site,
    outside every check). A page it lacks is `missing_pages`' warning."""
    problems: list[Problem] = []
    pages = dict((rel, file) for file, rel in published_files(folder, problems, display, others=())) if folder.exists() or folder.is_symlink() else {}
    found = sorted(pages)
    for rel in found:
        if rel not in english_pages:
            hint = did_you_mean(rel, english_pages)
            problems.append(Problem(f"{display}/{rel}", 1, 1, f"there is no English page content/pages/{rel}{hint} - "
                                    "name each translated page after the English page it translates"))
        else:
            problems += _page_text_problems(pages[rel], f"{display}/{rel}")
    return problems


def missing_pages(folder: Path, english_pages: list[str], display: str) -> list[Problem]:
    """Warnings: each English page the translation does not have yet, which its site
    shows in English (the MkDocs hook and `render --out` put the English page there)."""
    return [Problem(f"{display}/{rel}", 1, 1, f"is missing: content/pages/{rel} is not translated yet and is shown in English - "
                    "translate it here when you can") for rel in english_pages if not (folder / rel).is_file()]


def english_pages(root: Path) -> list[str]:
    folder = root / "pages"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(f"*{PAGE_SUFFIX}")) if folder.is_dir() else []


def languages(root: Path) -> list[str]:
    """The languages content/translations/ has a folder for, in name order: the one list
    of languages. `validate`, every build, the language switcher, the Makefile (through
    `python -m generator languages`) and the tests read it; `language_problems` checks it."""
    folder = Path(root) / TRANSLATIONS
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
"""A translation folder's name: a language tag (ja, pt-BR), as the site's addresses
(/ja/), hreflang and the theme's language take it."""

CONFIG = "mkdocs.{language}.yml"
"""Each language's MkDocs configuration, beside mkdocs.yml: what `make build` builds."""

CONFIG_SETTINGS = {"INHERIT": "mkdocs.yml", "docs_dir": "content/translations/{language}/pages", "site_dir": "site/{language}",
                   ("theme", "language"): "{language}"}
"""What a language's configuration must say (the rest it inherits from mkdocs.yml)."""


def language_problems(root: Path) -> list[Problem]:
    """The list of languages is one everybody can build: each folder of
    content/translations/ is named by a language code, is a real folder and, where
    content/ sits in the site's repository (mkdocs.yml beside it), has its
    mkdocs.<language>.yml saying CONFIG_SETTINGS; and no such configuration is left
    without its folder (it would be built from nothing, or never)."""
    root = Path(root)
    folder = root / TRANSLATIONS
    problems: list[Problem] = []
    found = languages(root)
    for language in found:
        display = f"content/{TRANSLATIONS}/{language}"
        if language == ENGLISH:
            problems.append(Problem(display, 1, 1, "is English, the language of content/ itself - name a translation's folder by its language code, "
                                    "as the site's address shows it (es, ja, pt-BR)"))
        elif not LANGUAGE_CODE.fullmatch(language):
            problems.append(Problem(display, 1, 1, "is not named by a language code - name a translation's folder by its language code, "
                                    "as the site's address shows it (es, ja, pt-BR)"))
        elif (folder / language).is_symlink():
            problems.append(Problem(display, 1, 1, "is a link to another folder - make the translation a real folder inside the repository"))
    repo = root.parent
    if not (repo / "mkdocs.yml").is_file():
        return problems
    for language in found:
        config = repo / CONFIG.format(language=language)
        if not LANGUAGE_CODE.fullmatch(language) or language == ENGLISH:
            continue
        if not config.is_file():
            problems.append(Problem(f"content/{TRANSLATIONS}/{language}", 1, 1, f"has no {config.name}, so no build makes its pages - "
                                    f"copy mkdocs.{_example(found, language)}.yml to {config.name} and write {language} in it"))
            continue
        problems += _config_problems(config, language, found)
    for config in sorted(repo.glob(CONFIG.format(language="*"))):
        language = config.name.split(".", 1)[1].removesuffix(".yml")
        if language not in found:
            problems.append(Problem(config.name, 1, 1, f"builds the language '{language}', but content/{TRANSLATIONS}/{language}/ does not exist - "
                                    f"add that folder (its text.yml and pages/), or delete {config.name}"))
    return problems


def _example(found: list[str], language: str) -> str:
    return next((other for other in found if other != language and LANGUAGE_CODE.fullmatch(other)), "ja")


class _ConfigLoader(yaml.SafeLoader):
    """MkDocs' configuration as data: its own tags (!ENV, !!python/name) read as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config_problems(config: Path, language: str, found: list[str]) -> list[Problem]:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict):
        return [Problem(config.name, 1, 1, f"is not a MkDocs configuration - copy mkdocs.{_example(found, language)}.yml and write {language} in it")]
    problems = []
    for key, wanted in CONFIG_SETTINGS.items():
        node = data
        for part in key if isinstance(key, tuple) else (key,):
            node = node.get(part) if isinstance(node, dict) else None
        wanted = wanted.format(language=language)
        if node != wanted:
            name = ".".join(key) if isinstance(key, tuple) else key
            problems.append(Problem(config.name, 1, 1, f"{name} is {node!r}, but this language's configuration needs {wanted!r} - write {name}: {wanted}"))
    return problems


def language_names(root: Path) -> list[tuple[str, str]]:
    """[(language, its name in its own words), ...]: English, then each translation, for
    the language switcher. Names are ui.yml's `language.name` and each translation's; a
    file that does not say (the build of that language reports why) shows the code."""

    def name(file: Path, path: tuple[str, ...], code: str) -> str:
        doc, _ = load_yaml(file, str(file))
        node = doc.data if doc else None
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, str) and node.strip() else code

    root = Path(root)
    return [(ENGLISH, name(root / "ui.yml", ("language", "name"), ENGLISH))] + [
        (lang, name(root / TRANSLATIONS / lang / TEXT_FILE, ("ui", "language", "name"), lang)) for lang in languages(root)
    ]


def read_overlay(root: Path, language: str, data: Mapping[str, object]) -> tuple[YamlDoc | None, list[Problem], Coverage | None]:
    """Read and check content/translations/<language>/ against the English `data`:
    (the overlay, or None when it has problems; the problems; its coverage)."""
    display = f"content/{TRANSLATIONS}/{language}"
    doc, problems = load_yaml(Path(root) / TRANSLATIONS / language / TEXT_FILE, f"{display}/{TEXT_FILE}")
    if doc is None:
        return None, problems, None
    problems += schema_problems(doc, "translation.schema.json")
    if problems:
        return None, problems, None
    english, optional = english_text(data)
    found, warnings, missing = overlay_problems(doc, english, optional)
    problems += found
    problems += markup_problems(doc, ("ui",))
    folder, pages = Path(root) / TRANSLATIONS / language / PAGES, english_pages(Path(root))
    problems += page_problems(folder, pages, f"{display}/{PAGES}")
    warnings += missing_pages(folder, pages, f"{display}/{PAGES}")
    coverage = Coverage(len(english), tuple(_name(k) for k in missing), tuple(warnings))
    return (None if problems else doc), problems, coverage


def translated(content: Content, language: str, overlay: Mapping, coverage: Coverage | None = None) -> Content:
    """`content` with every string the overlay gives in its language; ids, numbers, URLs
    and order untouched. What the overlay leaves out stays English, marked `English`
    (escape.py), so the pages say `lang="en"` around it."""
    text = dict(_strings((), {k: v for k, v in overlay.items() if k != "status"}))

    def get(key: Key, english: str) -> str:
        found = text.get(_key(key))
        if found is not None:
            return found
        return English(english) if isinstance(english, str) else english

    def strings(prefix: Key, value):
        if isinstance(value, dict):
            return {k: strings((*prefix, k), v) for k, v in value.items()}
        if isinstance(value, list):
            return [strings((*prefix, i), v) for i, v in enumerate(value)]
        return get(prefix, value)

    model = copy.deepcopy(content.model)
    for k in MODEL_TEXT:
        model[k] = get(("model", k), model[k])
    model["source"]["credit"] = get(("model", "credit"), model["source"]["credit"])
    levels = []
    for lv in content.levels:
        key = ("levels", lv["id"])
        levels.append({**lv, **{k: get((*key, k), lv[k]) for k in LEVEL_TEXT},
                       **{k: strings((*key, k), lv[k]) for k in LEVEL_LISTS}})
    questions = []
    for q in content.questions:
        key = ("questions", q["id"])
        options = [{**o, "text": get((*key, "options", o["points"]), o["text"])} for o in q["options"]]
        questions.append({**q, **{k: get((*key, k), q[k]) for k in QUESTION_TEXT}, "options": options})
    editions = []
    for e in content.editions:
        key = ("editions", e["id"])
        edition = {**e, **{k: get((*key, k), e[k]) for k in EDITION_TEXT},
                   "dates": [{**d, "of": get((*key, "dates", i), d["of"])} for i, d in enumerate(e["dates"])],
                   "changes": strings((*key, "changes"), e.get("changes", [])),
                   "terms": {get(("topics", t), t): get((*key, "terms", t), v) for t, v in e["terms"].items()}}
        if e.get("held_back"):
            edition["held_back"] = {**e["held_back"], **{k: get((*key, "held_back", k), e["held_back"][k]) for k in ("says", "each")}}
        editions.append(edition)
    unscored = content.unscored and {**content.unscored, **{k: get(("unscored", k), content.unscored[k]) for k in UNSCORED_TEXT}}
    releases = [{**r, "changes": strings(("changelog", r["version"]), r["changes"]),
                 "untranslated": _key(("changelog", r["version"], 0)) not in text} for r in content.releases]
    references = {rid: {**r, "title": get(("references", rid, "title"), r["title"])} for rid, r in content.references.items()}
    return replace(
        content, language=language, draft=overlay["status"] == "draft", coverage=coverage, model=model, levels=levels, questions=questions, unscored=unscored, editions=editions, releases=releases,
        references=references, kinds={k: get(("kinds", k), label) for k, label in content.kinds.items()},
        ui=strings(("ui",), content.ui),
    )
