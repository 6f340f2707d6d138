"""Content is text, never markup: hostile strings in every text field come out as
exactly those characters, and nothing in them runs.

`hostile_build()` copies the repository, writes a corpus of hostile strings into every
text field of the content (within the schema's limits), and builds the site. This file
checks the built HTML without a browser: every value is in the page text where its
field is shown, no page carries an injected element, event handler or `javascript:`
address, and the self-assessment's embedded JSON parses back to the exact strings.
tests/browser/test_hostile_pages.py opens the same build in Chromium.
"""

from __future__ import annotations

import atexit
import copy
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.helpers import CONTENT, FIXTURE, build_site, repo_with

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "</script><script>window.__pwned=2</script>",
    '<img src=x onerror="window.__pwned=3">',
    '"><svg onload=window.__pwned=4>',
    "'><iframe srcdoc='<script>parent.__pwned=5</script>'>",
    "[click me](javascript:window.__pwned=6)",
    '<a href="javascript:window.__pwned=7">link</a>',
    "<b onmouseover=window.__pwned=8>hover me</b>",
    "{{7*7}} {{ config }} ${7*7} #{7*7}",
    "{% raw %}{% endraw %}{# not a comment #}",
    "---",
    "# Heading\n## Subheading",
    "- list item\n* star\n+ plus\n1. one",
    "| a | b |\n|---|---|\n| c | d |",
    "&lt;b&gt;not bold&lt;/b&gt; &amp; &#60; &copy;",
    '"]-->B[pwned]',
    'click L1 call alert() click L2 href "javascript:window.__pwned=9"',
    '%%{init: {"securityLevel":"loose"}}%%',
    "`code` ``double`` ```fence```",
    # Line/paragraph separators and bidi overrides are refused by validation now
    # (tests/test_trust_content.py), so they cannot reach a page to be tested here.
    "emoji \U0001F469\u200d\U0001F4BB\U0001F680 and \u00fcn\u00efc\u00f6d\u00e9",
    "Supercalifragilisticexpialidocious" * 3,
    "**bold** _em_ ~~strike~~ ==mark== ^sup^ ~sub~",
    "<!-- comment --> <style>*{display:none}</style>",
    "\\ backslash \\\\ and \\n not a newline",
    "[^1] footnote :smile: :material-alert: <br> &nbsp;",
    "' OR '1'='1'; DROP TABLE x;--",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=10>",
    "{: .md-button onclick=\"window.__pwned=11\" } {#id}",
]
"""Each payload that could run sets window.__pwned (and would be blocked by the CSP)."""

HOSTILE_URL = "https://example.com/\"><img/src=x/onerror=window.__pwned=12>?q=<script>window.__pwned=13</script>"
"""An address the schema accepts (https, no spaces) that tries to break out of href."""

LABEL, DIMENSION, SENTENCE, PARAGRAPHS = 120, 48, 400, 4000


@dataclass(frozen=True)
class Placed:
    """One content field set to a hostile `value`, and the pages that show it."""

    file: str
    path: tuple
    value: str
    pages: tuple[str, ...]


class _Corpus:
    """Hands out hostile strings in turn, each tagged so every field's value is unique."""

    def __init__(self):
        self.turn = 0
        self.count = 0

    def take(self, limit: int, multiline: bool) -> str:
        """The next string that fits in `limit` characters; a multi-line field gets up to
        three, one paragraph each."""
        self.count += 1
        tag = f" f{self.count}"
        sep = "\n\n" if multiline else " "
        parts: list[str] = []
        for _ in range(len(HOSTILE) * 2):
            text = HOSTILE[self.turn % len(HOSTILE)]
            text = text if multiline else " ".join(text.split("\n"))
            if len(sep.join([*parts, text])) + len(tag) > limit:
                if parts:
                    break
                self.turn += 1  # too long for this field: try the next one
                continue
            parts.append(text)
            self.turn += 1
            if len(parts) == (3 if multiline else 1):
                break
        assert parts, f"no hostile string fits in {limit} characters"
        return sep.join(parts) + tag


def _level_page(level: dict) -> str:
    return f"levels/{level['slug']}/"


def make_hostile(data: dict[str, dict]) -> tuple[dict[str, dict], list[Placed]]:
    """A copy of the content data with a hostile string in every text field."""
    data = copy.deepcopy(data)
    corpus = _Corpus()
    placed: list[Placed] = []
    levels = data["levels"]["levels"]
    level_pages = tuple(_level_page(lv) for lv in levels)

    def put(file: str, path: tuple, limit: int, pages: tuple[str, ...], multiline: bool = False) -> None:
        node = data[file]
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value = corpus.take(limit, multiline)
        placed.append(Placed(file, path, value, pages))

    put("model", ("name",), LABEL, ("",))
    put("model", ("short_name",), LABEL, ("", "assessment/"))
    put("model", ("former_name",), LABEL, ("",))
    put("model", ("tagline",), SENTENCE, ("",), multiline=True)
    put("model", ("definition",), PARAGRAPHS, ("",), multiline=True)
    put("model", ("source", "credit"), PARAGRAPHS, ("", "editions/", "references/", *level_pages), multiline=True)

    for i, level in enumerate(levels):
        page = _level_page(level)
        put("levels", ("levels", i, "name"), LABEL, ("", page, "editions/", "references/"))
        put("levels", ("levels", i, "summary"), SENTENCE, ("", page), multiline=True)
        put("levels", ("levels", i, "description"), PARAGRAPHS, (page,), multiline=True)
        for j in range(len(level["focus_areas"])):
            put("levels", ("levels", i, "focus_areas", j), LABEL, ("", page))
        for j in range(len(level["advance"])):
            put("levels", ("levels", i, "advance", j), SENTENCE, (page,), multiline=True)

    editions = data["editions"]["editions"]
    sources = {rid for e in editions for rid in e["sources"]}
    source = data["model"]["source"]["reference"]
    for k, ref in enumerate(data["references"]["references"]):
        pages = ["references/"]
        pages += [_level_page(lv) for lv in levels if ref["id"] in lv["references"]]
        if ref["id"] in sources:
            pages.append("editions/")
        if ref["id"] == source:
            pages += ["", *level_pages]
        put("references", ("references", k, "title"), LABEL, tuple(dict.fromkeys(pages)))
    data["references"]["references"][-1]["url"] = HOSTILE_URL

    topics = {t: None for e in editions for t in e["terms"]}
    for topic in topics:
        topics[topic] = corpus.take(100, multiline=False)
    for i, edition in enumerate(editions):
        default = edition["id"] == data["editions"]["default"]
        put("editions", ("editions", i, "name"), LABEL, ("editions/", *level_pages, *(("",) if default else ())))
        put("editions", ("editions", i, "summary"), PARAGRAPHS, ("editions/",), multiline=True)
        for j in range(len(edition["dates"])):
            put("editions", ("editions", i, "dates", j, "of"), LABEL, ("editions/",))
        for j in range(len(edition["changes"])):
            put("editions", ("editions", i, "changes", j), SENTENCE, ("editions/",), multiline=True)
        edition["terms"] = {topics[t]: v for t, v in edition["terms"].items()}
        for topic in edition["terms"]:
            placed.append(Placed("editions", ("editions", i, "terms", "<key>"), topic, ("editions/",)))
            put("editions", ("editions", i, "terms", topic), LABEL, ("editions/",))

    for q, question in enumerate(data["questions"]["questions"]):
        put("questions", ("questions", q, "dimension"), DIMENSION, ("assessment/", "references/"))
        put("questions", ("questions", q, "question"), SENTENCE, ("assessment/",), multiline=True)
        put("questions", ("questions", q, "help"), PARAGRAPHS, ("assessment/",), multiline=True)
        for o in range(len(question["options"])):
            put("questions", ("questions", q, "options", o, "text"), SENTENCE, ("assessment/",), multiline=True)

    for r, release in enumerate(data["changelog"]["releases"]):
        for j in range(len(release["changes"])):
            put("changelog", ("releases", r, "changes", j), SENTENCE, ("changelog/",), multiline=True)
    return data, placed


@dataclass(frozen=True)
class HostileBuild:
    repo: Path
    site: Path
    data: dict[str, dict]
    placed: list[Placed]

    def html(self, page: str) -> str:
        return (self.site / page / "index.html").read_text(encoding="utf-8")


def copy_repo(target: Path) -> Path:
    """What a build needs, with the frozen tests/fixtures/content (the page list and
    field counts below are that content's), copied; node_modules linked."""
    return repo_with(FIXTURE, target)


@functools.cache
def hostile_build() -> HostileBuild:
    """Build the hostile site once per test session (shared with the browser tests)."""
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    repo = copy_repo(work / "repo")
    original = {n: yaml.safe_load((repo / "content" / f"{n}.yml").read_text(encoding="utf-8"))
                for n in ("model", "levels", "references", "editions", "questions", "changelog")}
    data, placed = make_hostile(original)
    for name, value in data.items():
        (repo / "content" / f"{name}.yml").write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    site = work / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=repo, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"the hostile content does not build:\n{result.stdout}{result.stderr}"
    return HostileBuild(repo, site, data, placed)


ESCAPED_TWICE = ("&lt;script", "&lt;img", "&lt;svg", "&amp;lt;", "&amp;amp;", "&quot;", "&#91;")
"""Visible text that means something was HTML-escaped once too often."""
MERMAID_ENTITIES = ("#34;", "#60;script", "#91;")
"""Visible text that means mermaid's entity codes leaked out of a diagram."""


def escaped_twice(text: str, markers: tuple[str, ...] = ESCAPED_TWICE + MERMAID_ENTITIES) -> list[str]:
    """Markers of text escaped twice found in `text` (none of them is in the corpus)."""
    return [marker for marker in markers if marker in text]


def normal(text: str) -> str:
    """Whitespace collapsed, as markdown and browsers show it."""
    return " ".join(text.split())


def pages_of(build: HostileBuild) -> list[str]:
    return sorted({page for p in build.placed for page in p.pages})


@pytest.fixture(scope="module")
def build() -> HostileBuild:
    return hostile_build()


def _soup(build: HostileBuild, page: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(page), "html.parser")


def visible_text(soup: BeautifulSoup) -> str:
    """The page's text without script, style and template contents, diagram sources, or the <head>."""
    body = copy.copy(soup.body)
    for hidden in body.find_all(["script", "style", "template"]):
        hidden.decompose()
    for diagram in body.select("pre.mermaid"):  # mermaid source: the browser shows the drawing instead
        diagram.decompose()
    return normal(body.get_text(" "))


def test_the_corpus_is_hostile_enough():
    assert len(HOSTILE) >= 20
    assert sum("__pwned" in h for h in HOSTILE) >= 10


def test_every_text_field_holds_a_hostile_string(build):
    fields = {(p.file, p.path[:-1] if isinstance(p.path[-1], int) else p.path) for p in build.placed}
    assert len(build.placed) > 100
    # Every payload was used somewhere.
    used = "\n".join(p.value for p in build.placed)
    for payload in HOSTILE:
        assert payload in used or " ".join(payload.split("\n")) in used, payload
    assert fields


@pytest.mark.parametrize("page", ["", "levels/initial/", "levels/defined/", "levels/managed/", "levels/optimized/",
                                  "assessment/", "references/", "editions/", "changelog/"])
def test_each_value_is_text_on_the_pages_that_show_its_field(build, page):
    text = visible_text(_soup(build, page))
    missing = [p for p in build.placed if page in p.pages and normal(p.value) not in text]
    assert not missing, "\n".join(f"{p.file} {p.path}: {p.value!r}" for p in missing[:10])
    assert not escaped_twice(text), f"escaped twice: {escaped_twice(text)}"


def test_the_corpus_contains_no_twice_escaped_text():
    assert not escaped_twice("\n".join(HOSTILE + [HOSTILE_URL]))


def _site_pages(build: HostileBuild) -> list[Path]:
    return sorted(build.site.rglob("*.html"))


SAFE_SCRIPT_SOURCES = re.compile(r"^/?(\.\./)*(assets/|search/)")


def test_no_page_carries_injected_markup(build):
    problems = []
    for file in _site_pages(build):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        name = file.relative_to(build.site).as_posix()
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                values = value if isinstance(value, list) else [value]
                if attribute.lower().startswith("on"):
                    problems.append(f"{name}: <{element.name} {attribute}=...>")
                if attribute.lower() in ("href", "src", "action", "formaction", "srcdoc", "data"):
                    if any(re.sub(r"[\s\x00-\x1f]", "", str(v)).lower().startswith(("javascript:", "data:text/html", "vbscript:")) for v in values):
                        problems.append(f"{name}: <{element.name} {attribute}={value!r}>")
            if element.name in ("iframe", "object", "embed", "base", "svg", "math", "img", "form") and element.find_parent("article"):
                if not (element.name == "form" and element.has_attr("data-assessment-form")):
                    problems.append(f"{name}: injected <{element.name}> in the article")
            if element.name == "style" and element.find_parent("article"):
                problems.append(f"{name}: <style> in the article")
            if element.name == "script":
                kind = element.get("type", "")
                if element.get("src"):
                    if not SAFE_SCRIPT_SOURCES.match(element["src"]):
                        problems.append(f"{name}: script from {element['src']}")
                elif kind != "application/json":
                    problems.append(f"{name}: inline script {element.decode()[:80]!r}")
    assert not problems, "\n".join(problems[:20])


def test_links_to_the_hostile_address_stay_one_https_link(build):
    soup = _soup(build, "references/")
    links = [a for a in soup.find_all("a") if a.get("href", "").startswith("https://example.com/")]
    assert len(links) == 1
    href = links[0]["href"]
    assert not re.search(r"[\"'<> ]", href), href
    title = build.data["references"]["references"][-1]["title"]
    assert normal(links[0].get_text()) == normal(title)


def test_template_syntax_is_not_evaluated(build):
    text = visible_text(_soup(build, ""))
    assert "{{7*7}}" in text and "${7*7}" in text
    assert not re.search(r"(?<!\w)49(?!\w)", text), "a template evaluated 7*7"


def test_embedded_json_parses_back_to_the_exact_strings(build):
    soup = _soup(build, "assessment/")
    script = soup.find("script", id="assessment-data")
    assert script is not None
    raw = script.string
    assert "</" not in raw and "<" not in raw, "the JSON could close its element"
    data = json.loads(raw)
    content = build.data
    questions = content["questions"]["questions"]
    assert [q["dimension"] for q in data["questions"]] == [q["dimension"] for q in questions]
    assert [[o["text"] for o in q["options"]] for q in data["questions"]] == [[o["text"] for o in q["options"]] for q in questions]
    levels = content["levels"]["levels"]
    assert [(lv["name"], lv["summary"], lv["advance"]) for lv in data["levels"]] == [(lv["name"], lv["summary"], lv["advance"]) for lv in levels]
    refs = {r["id"]: (r["title"], r["url"]) for r in content["references"]["references"]}
    assert {rid: (r["title"], r["url"]) for rid, r in data["references"].items()} == refs
    default = next(e for e in content["editions"]["editions"] if e["id"] == content["editions"]["default"])
    assert data["edition"]["name"] == default["name"]


def test_page_titles_and_descriptions_are_escaped_once(build):
    soup = _soup(build, "")
    name = build.data["model"]["name"]
    # The <title> shows the text (html.parser decodes entities once, as a browser does).
    assert normal(name) in normal(soup.title.get_text())
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert normal(description) == normal(build.data["model"]["tagline"])


def test_the_language_switcher_writes_each_language_as_text(tmp_path):
    """A translation's name reaches every page of every other language, in the theme's
    language switcher: as text (escaped), never as markup, even where the words check
    lets markup through (a name may use <code>, as other words do)."""
    repo = repo_with(CONTENT, tmp_path / "repo")
    text = repo / "content" / "translations" / "ja" / "text.yml"
    was = yaml.safe_load(text.read_text(encoding="utf-8"))["ui"]["language"]["name"]
    name = f'{was} <code>x</code> "q" & <em>y</em>'
    edited = text.read_text(encoding="utf-8").replace(f"    name: {was}\n", f"    name: '{name}'\n", 1)
    assert edited != text.read_text(encoding="utf-8"), "the translation's name is no longer where this test looks"
    text.write_text(edited, encoding="utf-8")
    result = build_site(tmp_path / "site", repo / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = soup.select(".md-select__list a[hreflang='ja']")
    assert links, "no switcher entry for ja"
    assert normal(links[0].get_text()) == name
    assert not links[0].find(["code", "em"])
    assert all(a["href"].endswith("/ja/") for a in links)
