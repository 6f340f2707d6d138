"""The test suite keeps one place for each helper and reads content/ in one way.

- Where the repository is, where its content is, how a content folder is copied, how the
  CLI and MkDocs are run: tests/helpers.py. A test module that defines its own copy drifts
  from the others (there were 20 ROOTs, 3 content copiers and 5 build helpers).
- A test that reads content/ takes it from `content_dir` (it then also runs on a release
  and on every model shape) or names it `CONTENT` from helpers, on purpose: a path built by
  hand from the root is neither, and is where a test quietly pins today's content.
- No test quotes a translation's own words (what a translator wrote, not English): a test
  that edits a translation by its text today breaks when a translator rewords it. Tests
  find their place by structure (tests/test_translations.py's Overlay) instead.
- No node test quotes content/ui.yml's English (issue #23): a test that expects "Staying
  at level 3" turns red when a contributor rewords the sentence. The node tests take the
  words from tests/js/words.mjs (WORDS, `fill`, `wording`) and fill them in.
"""

from __future__ import annotations

import ast
import re

import yaml

from generator.yamlfile import LOADER, leaves
from tests import helpers
from tests.helpers import CONTENT, ROOT

SHARED = {name for name, value in vars(helpers).items()
          if name.isupper() or (callable(value) and not name.startswith("_") and getattr(value, "__module__", "") == helpers.__name__)}
"""What helpers.py offers: its functions and its constants."""

MODULES = sorted(p for p in (ROOT / "tests").rglob("*.py") if p.name != "helpers.py" and "fixtures" not in p.parts)
CONTENT_BY_HAND = re.compile(r"""\b(?:ROOT|root)\s*/\s*["']content["']""")


def relative(path) -> str:
    return path.relative_to(ROOT).as_posix()


def module_level_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def test_no_test_module_defines_its_own_copy_of_a_shared_helper():
    assert {"ROOT", "CONTENT", "FIXTURE", "copy_content", "build_site", "repo_with", "run_cli", "validate"} <= SHARED
    copies = {relative(p): sorted(module_level_names(ast.parse(p.read_text(encoding="utf-8"))) & SHARED) for p in MODULES}
    assert {path: names for path, names in copies.items() if names} == {}, "import these from tests/helpers.py"


def test_no_test_builds_the_content_path_by_hand():
    found = [f"{relative(p)}:{n}" for p in MODULES if p.name != "test_suite_shape.py" for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if CONTENT_BY_HAND.search(line)]
    assert found == [], "take the `content_dir` fixture, or CONTENT from tests/helpers.py"


def test_the_checks_above_find_what_they_look_for():
    planted = ast.parse("ROOT = 1\ndef copy_content(): pass\ndef mine(): pass\n")
    assert module_level_names(planted) & SHARED == {"ROOT", "copy_content"}
    assert CONTENT_BY_HAND.search('load_content(ROOT / "content")') and CONTENT_BY_HAND.search("root/'content'")
    assert not CONTENT_BY_HAND.search('tmp_path / "content"')


def _lines(folder, pattern: str) -> set[str]:
    return {line.strip() for file in folder.glob(pattern) for _, value in leaves(yaml.load(file.read_text(encoding="utf-8"), Loader=LOADER))
            if isinstance(value, str) for line in value.splitlines() if line.strip()}


def translators_words(english: set[str], translated: set[str]) -> set[str]:
    """Lines a translation has that English does not: long enough to be a translator's
    words rather than a shared term (two characters of Japanese, twelve of Spanish)."""
    return {line for line in translated - english if len(line) >= (2 if not line.isascii() else 12)}


def test_no_test_quotes_a_translations_own_words():
    words = translators_words(_lines(CONTENT, "*.yml"), _lines(CONTENT, "translations/*/text.yml"))
    texts = {relative(p): p.read_text(encoding="utf-8") for p in MODULES if p.name != "test_suite_shape.py"}
    found = {path: sorted(w for w in words if w in text)[:3] for path, text in texts.items()}
    assert {path: words for path, words in found.items() if words} == {}, "find the place by the overlay's structure, not its words"


def test_the_translators_words_rule_finds_a_quote():
    words = translators_words({"Initial", "Evaluation"}, {"Initial", "初期", "Evaluación de la calidad", "JSON"})
    assert words == {"初期", "Evaluación de la calidad"}
    assert any(w in 'text.replace("    name: 初期\\n", "")' for w in words)


NODE_TESTS = ROOT / "tests" / "js"


def test_the_node_suite_reads_content_only_through_words_py(content_dir):
    """The node tests take the content's words from content/ui.yml alone, through
    tests/js/words.py (words.mjs runs it; no other node test reads a file of content/ or
    runs a process). So a content change that leaves ui.yml as it is (the PATCH release
    of `content_dir`, every model shape) gives the node suite the same input: this is
    the cheap proof that such a pull request keeps `make test-node` green."""
    sources = {p.name: re.sub(r"(?m)^\s*//.*$", "", p.read_text(encoding="utf-8")) for p in NODE_TESTS.glob("*.mjs")}  # code, not comments
    python = sorted(name for name, text in sources.items() if re.search(r"\bPYTHON\b|python3?\b|\.py\b", text))
    files = sorted(name for name, text in sources.items() if re.search(r"(?:readFileSync|readdirSync|new URL|join)\([^)]*\bcontent\b", text))
    assert python == ["words.mjs"] and files == [], "a node test reads content/ by itself: read it through tests/js/words.py"
    words = (NODE_TESTS / "words.py").read_text(encoding="utf-8")
    assert re.findall(r'"content" / "(\w+\.yml)"', words) == ["ui.yml"] and words.count('"content"') == 1
    if content_dir != helpers.CONTENT:
        ui = [yaml.load((folder / "ui.yml").read_text(encoding="utf-8"), Loader=LOADER) for folder in (content_dir, helpers.CONTENT)]
        assert ui[0] == ui[1], \
            "this content change rewords the site's words: the node tests would need to take it too"


UI_WORDS_MIN = 12
"""Shorter pieces of ui.yml ("Dimension", "Level {number}") are words a test may name for
itself; from twelve characters on, a piece is the site's sentence."""


def ui_pieces(ui: dict) -> set[str]:
    """The English words of content/ui.yml as a test could quote them: each leaf string cut
    at its placeholders and line breaks, stripped, at least UI_WORDS_MIN characters."""
    pieces = set()
    for _, value in leaves(ui):
        if isinstance(value, str):
            for piece in re.split(r"\{\w+\}|\n", value):
                if len(piece.strip()) >= UI_WORDS_MIN:
                    pieces.add(piece.strip())
    return pieces


_JS_TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)
  | (?P<regex>(?<=[(,=:\[!&|?{};])\s*/(?![/*])(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/)
""", re.VERBOSE | re.DOTALL)


def js_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) for each piece of a string, template or regex literal in JavaScript
    `source` (comments skipped; a template cut at its ${...}; escapes taken as the
    character they stand for, so /1\\.9\\.0/ reads 1.9.0)."""
    found = []
    for m in _JS_TOKEN.finditer(source):
        if m.group("comment"):
            continue
        literal = m.group("string") or m.group("regex").strip()
        parts = re.split(r"\$\{[^}]*\}", literal[1:-1]) if literal[0] == "`" else [literal[1:-1]]
        line = source.count("\n", 0, m.start()) + 1
        found += [(line, re.sub(r"\\(.)", r"\1", part)) for part in parts]
    return found


def quoted_ui_words(pieces: set[str], source: str) -> list[tuple[int, str]]:
    """(line, piece) where a literal of `source` holds a piece of ui.yml, or is itself a
    part of one long enough to be a phrase (four words or more, as a test that checks a
    sentence's start has; shorter, it is a test's own name for a case)."""
    hits = []
    for line, text in js_literals(source):
        phrase = text.strip() if len(text.strip()) >= UI_WORDS_MIN and len(text.split()) >= 4 else None
        for piece in sorted(pieces):
            if piece in text or (phrase and phrase in piece):
                hits.append((line, piece))
                break
    return hits


def test_no_node_test_quotes_the_sites_english():
    pieces = ui_pieces(yaml.load((CONTENT / "ui.yml").read_text(encoding="utf-8"), Loader=LOADER))
    found = [f"{relative(p)}:{line}: {piece!r}" for p in sorted(NODE_TESTS.glob("*.mjs"))
             for line, piece in quoted_ui_words(pieces, p.read_text(encoding="utf-8"))]
    assert found == [], "these node tests quote content/ui.yml: take the words from tests/js/words.mjs " \
        "(WORDS, fill, wording) so a rewording keeps them green\n" + "\n".join(found)


def test_the_ui_words_rule_finds_a_quote():
    pieces = ui_pieces({"a": {"staying": "Staying at level {number}", "note": "Every dimension is at its target: raise it."}, "b": "Short {x}"})
    assert pieces == {"Staying at level", "Every dimension is at its target: raise it."}
    planted = "\n".join([
        "// Staying at level 3, said in a comment, is not a quote",
        'assert.ok(h3.includes("Staying at level 3"));',
        "assert.ok(p.startsWith('Every dimension is at'));",
        "assert.match(text, /Staying at level \\d/);",
        "const t = `${x} Staying at level ${n}`; const r = a / 2 / b;",
        'assert.equal(h3, fill(WORDS.staying, { number: 3 }));',
    ])
    assert quoted_ui_words(pieces, planted) == [(2, "Staying at level"), (3, "Every dimension is at its target: raise it."),
                                                  (4, "Staying at level"), (5, "Staying at level")]


EXPRESSION_WAIT = re.compile(r"""wait_for_function\(\s*f?["'](?!\s*(?:\(|[A-Za-z_$][\w$]*\s*=>|async\b|function\b))""")
"""`page.wait_for_function("a.b === 1")`: Playwright evaluates an expression string with
`eval` in the page, which the site's CSP (script-src 'self') blocks, so the wait fails
whenever the condition is not true at once. A function (`"() => a.b === 1"`) is called,
not evaluated, and works under the policy."""


def test_browser_tests_wait_on_functions_not_expression_strings():
    found = [f"{p.relative_to(ROOT)}:{n}" for p in MODULES if "browser" in p.parts or "canary" in p.parts
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if EXPRESSION_WAIT.search(line)]
    assert not found, f"pass wait_for_function a function ('() => ...'), not an expression: {found}"


def test_the_expression_wait_rule_finds_one():
    assert EXPRESSION_WAIT.search('page.wait_for_function("window.x >= 2")')
    assert EXPRESSION_WAIT.search("page.wait_for_function(f'document.lang === {x}')")
    assert not EXPRESSION_WAIT.search('page.wait_for_function("() => window.x >= 2")')
    assert not EXPRESSION_WAIT.search('page.wait_for_function("(id) => go(id)", arg=1)')
