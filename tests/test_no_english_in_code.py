"""No reader-visible English in code: every word a reader sees is data (content/*.yml,
content/ui.yml, templates/), so a translation can give all of it.

The rule this scan enforces, and its limits:

- Scripts (overrides/assets/js/*.js): a string literal (quotes or a template literal's
  text, `${...}` left out) is flagged when it holds two or more English words in a row
  (letters joined by single spaces, not part of an id such as `chart__label` or
  `data-note`), or when it holds any word and lands straight in the page as text
  (`text:`, `textContent =`, `title:`, `"aria-label":`, `label:`, `placeholder:`, `alt:`,
  or `setAttribute` of one of those). Comments
  are not read. Not flagged: messages of `new Error(...)` and `console.*(...)`, which
  are for contributors reading the console (the page shows at most the error's name,
  from words), and the few literals in ALLOWED, each with its reason.
- Stylesheets (overrides/assets/**/*.css): a `content:` with a quoted string that holds
  a letter is flagged (the notices' "Note: " comes from ui.yml as --note-label).
- The generator (generator/*.py): the modules that write what a reader sees (PAGE_MODULES)
  are read with `ast`; a string constant (f-strings' text included) with two or more
  English words is flagged unless it is a docstring, or is inside a contributor-facing
  message (an argument of `problem(...)`, `Problem(...)`, `raise ...`, `print(...)`, a
  log call: `info`, `warning`, `error`, `debug`) or is in ALLOWED. The other modules only check content and speak to
  contributors, in English (CONTRIBUTING.md): validation messages are not reader text.

A single English word outside a text-like property is not flagged (ids, keys, MIME
types and enum values are single words too); tests/js/words.test.mjs checks the other
way round, that every key a script words its text from exists in content/ui.yml.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.helpers import ROOT

JS_DIR = ROOT / "overrides" / "assets" / "js"
CSS_DIR = ROOT / "overrides" / "assets"
GENERATOR = ROOT / "generator"

PAGE_MODULES = ("render.py", "content.py", "diagram.py", "drawing.py", "escape.py", "fields.py", "mkdocs_hook.py", "translate.py")
"""The generator's modules whose strings can reach a page (the rest validate content)."""

ALLOWED = {
    ("storage.js", "${...} is not available"): "a TypeError's message for contributors; the page shows only its name",
    ("mermaid-loader.js", "mermaid could not be loaded from ${...}"): "a rejected promise's message for the console",
    ("fields.py", "one of: "): "the Content fields page is the contributor reference of the English JSON Schemas; "
                               "its type words are one table with validate's English messages (schema.TYPES)",
    ("fields.py", "list of {...}"): "as above",
    ("fields.py", "{...}.<edition id>."): "as above: a field's path on the Content fields page",
    ("diagram.py", "graph TD"): "mermaid's syntax, not words",
    ("escape.py", '<span lang="en">{...}</span>'): "markup, not words: it marks English standing in for a string a translation lacks",
    ("mkdocs_hook.py", '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{...}</urlset>\n'):
        "a folder sitemap's XML, read by the theme's language switcher, never shown",
    ("drawing.py", "<!doctype html><html><body></body></html>"): "the empty page the build draws diagrams in",
    ("drawing.py", "async ([id, source, settings]) => { mermaid.initialize(settings); return (await mermaid.render(id, source)).svg; }"):
        "JavaScript the build runs to draw a diagram",
}
"""(file name, literal) -> why a reader never sees it, or why it stays English."""

ENGLISH_RUN = re.compile(r"(?<![\w\-./#@$])[A-Za-z]{2,}(?: [A-Za-z]+)+(?![\w\-/@])")
ANY_WORD = re.compile(r"[A-Za-z]{2,}")
TEXT_SINK = re.compile(r"""(?:(?:\btext|\btextContent|\btitle|["']aria-label["']|\blabel|\bplaceholder|\balt)\s*[:=]\s*"""
                       r"""|\bsetAttribute\(\s*["'](?:aria-label|title|alt|placeholder)["']\s*,.*)$""")
DEV_MESSAGE = re.compile(r"(?:\bnew \w*Error|\bconsole\.\w+)\(\s*$")


def js_literals(source: str) -> list[tuple[int, str, str]]:
    """(line, text, code before it on its line) of every string literal in `source`,
    comments and regular expression literals skipped; a template literal's `${...}`
    parts are kept as written, nested literals inside them read too."""
    found = []
    i, line, n = 0, 1, len(source)
    last = ""  # the last significant character, to tell a regex literal from a division

    def start_of_line(at: int) -> str:
        return source[source.rfind("\n", 0, at) + 1:at]

    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif source.startswith("//", i):
            i = source.find("\n", i) if "\n" in source[i:] else n
        elif source.startswith("/*", i):
            end = source.index("*/", i) + 2
            line += source.count("\n", i, end)
            i = end
        elif c == "/" and (last in "(,=:[!&|?{};+" or last == "" or re.search(r"\breturn\s*$", source[:i])):
            j = i + 1
            in_class = False
            while source[j] != "/" or in_class:
                if source[j] == "\\":
                    j += 1
                elif source[j] == "[":
                    in_class = True
                elif source[j] == "]":
                    in_class = False
                j += 1
            i = j + 1
            last = "/"
        elif c in "\"'`":
            j, text, start = i + 1, [], line
            before = start_of_line(i)
            while source[j] != c:
                if source[j] == "\\":
                    text.append(source[j:j + 2])
                    j += 2
                    continue
                if c == "`" and source.startswith("${", j):
                    depth, k = 1, j + 2
                    while depth:
                        depth += {"{": 1, "}": -1}.get(source[k], 0)
                        k += 1
                    inner = source[j + 2:k - 1]
                    found += [(start + ln - 1, t, b) for ln, t, b in js_literals(inner)]
                    text.append("${...}")
                    j = k
                    continue
                if source[j] == "\n":
                    line += 1
                text.append(source[j])
                j += 1
            found.append((start, "".join(text), before))
            i = j + 1
            last = c
        else:
            if not c.isspace():
                last = c
            i += 1
    return found


def reader_english(text: str, before: str) -> bool:
    """Whether a script's literal is English a reader would see (the module docstring's rule)."""
    if DEV_MESSAGE.search(before):
        return False
    words = text.replace("${...}", "n")  # a filled-in value reads as a word
    return bool(ENGLISH_RUN.search(words)) or bool(TEXT_SINK.search(before) and ANY_WORD.search(words))


def js_findings(path: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{line}: {text!r}"
            for line, text, before in js_literals(path.read_text(encoding="utf-8"))
            if reader_english(text, before) and (path.name, text) not in ALLOWED]


CSS_CONTENT = re.compile(r"\bcontent\s*:\s*([^;]*)")


def css_findings(path: Path) -> list[str]:
    out = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for match in CSS_CONTENT.finditer(re.sub(r"/\*.*?\*/", "", text)):
            if any(ANY_WORD.search(s) for s in re.findall(r"\"([^\"]*)\"|'([^']*)'", match.group(1)) for s in s if s):
                out.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0).strip()!r}")
    return out


CONTRIBUTOR_CALLS = re.compile(r"(?:^|\.)(?:problem|Problem|print|warn\w*|error|fail|exit|info|debug)$")


def py_findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # a docstring (of a module, a function or a name)
        contributor = isinstance(node, ast.Raise) or (
            isinstance(node, ast.Call) and CONTRIBUTOR_CALLS.search(ast.unparse(node.func)))
        if contributor:
            skip.update(id(n) for n in ast.walk(node))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in skip:
            text = "".join(v.value if isinstance(v, ast.Constant) else "{...}" for v in node.values)
            skip.update(id(v) for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
        else:
            continue
        if ENGLISH_RUN.search(text) and (path.name, text) not in ALLOWED:
            out.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    return out


def findings() -> list[str]:
    out = []
    for path in sorted(JS_DIR.glob("*.js")):
        out += js_findings(path)
    for path in sorted(CSS_DIR.rglob("*.css")):
        out += css_findings(path)
    for name in PAGE_MODULES:
        out += py_findings(GENERATOR / name)
    return out


def test_no_reader_visible_english_in_scripts_styles_or_the_generator():
    found = findings()
    assert not found, "English a reader would see, in code (move it to content/ui.yml, or say in ALLOWED why a reader never sees it):\n" + "\n".join(found)


@pytest.mark.parametrize("planted, where", [  # each as the scripts had it before their words were data
    ('h("p", { text: "Your plan is ready." });\n', "scripts"),
    ('h("button", { text: "Dismiss" });\n', "scripts"),
    ("const said = `All ${n} answered`;\n", "scripts"),
    ('host.setAttribute("aria-label", heading ? `Diagram: ${heading}` : "Diagram");\n', "scripts"),
])
def test_the_scan_finds_english_planted_in_a_script(planted, where):
    source = "// a comment with English words is fine\nconst re = /a b/g;\n" + planted
    found = {line for line, text, before in js_literals(source) if reader_english(text, before)}
    assert found == {3}, f"{planted!r} in {where} was not found"


def test_the_scan_lets_ids_selectors_and_contributor_errors_pass():
    source = """
    root.querySelector("[data-assessment-form] input[type=radio]:checked");
    h("li", { class: "assessment__notice assessment__notice--warning" });
    throw new Error("the page holds no assessment data");
    const type = "application/json";
    """
    assert [text for _, text, before in js_literals(source) if reader_english(text, before)] == []


def test_the_scan_finds_english_in_css_content_and_in_a_page_module(tmp_path):
    css = tmp_path / "x.css"
    css.write_text('.a::before { content: "Note: "; }\n.b::after { content: " (" attr(href) ")"; }\n', encoding="utf-8")
    found = [f.split(": ", 1)[0] for f in _relative(css_findings, css)]
    assert found == ["x.css:1"]
    module = tmp_path / "render.py"
    module.write_text('"""Docstring with words."""\nTITLE = "Your result here"\nraise_it = lambda: problem("a contributor message")\n', encoding="utf-8")
    assert [f.split(": ", 1)[0] for f in _relative(py_findings, module)] == ["render.py:2"]


def _relative(scan, path: Path) -> list[str]:
    """Run `scan` on a file outside the repository, naming it by its file name."""
    global ROOT
    saved, ROOT = ROOT, path.parent
    try:
        return scan(path)
    finally:
        ROOT = saved
