"""Bad content is refused, each problem reported where it is.

Every case applies a small edit to a copy of tests/fixtures/content/ and runs
`python -m generator --content <copy> validate` as a contributor would. The run must
exit 1 without a traceback, print every problem as `path:line:col: what - how to fix`
and a final count, and put each problem on the line (and file) the case expects.

Expected places are found by searching the edited file for a piece of text, not by
line number, so the corpus survives edits to content/ elsewhere in the file; an edit
whose text is no longer in content/ fails loudly instead of testing nothing.

The last test proves the other half of the promise: a `mkdocs build` that fails on
content leaves the previously built site exactly as it was.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.helpers import CONTENT, ROOT, build_site, copy_content, repo_with, validate

"""A frozen copy of content/ at one release: the corpus tests the checks, not today's
content, so contributors can change content/ without touching this file."""

PROBLEM = re.compile(r"^(content/[a-z]+\.yml):(\d+):(\d+): (.+ - .+)$")
SUMMARY = re.compile(r"^(\d+) problems? in content: nothing was built\.$")


# --- Edits: each changes one file of the content copy ------------------------------------


@dataclass(frozen=True)
class Sub:
    """Replace the `nth` occurrence of `old` with `new` in content/<file>.yml."""

    file: str
    old: str
    new: str
    nth: int = 1

    def apply(self, content: Path) -> None:
        path = content / f"{self.file}.yml"
        data = path.read_bytes()
        old, new = self.old.encode(), self.new.encode()
        start = -1
        for _ in range(self.nth):
            start = data.find(old, start + 1)
            assert start >= 0, f"edit no longer applies: {self.old!r} (occurrence {self.nth}) is not in {self.file}.yml"
        path.write_bytes(data[:start] + new + data[start + len(old):])


@dataclass(frozen=True)
class Line:
    """Replace the whole line containing `contains` (first occurrence) with `new`."""

    file: str
    contains: str
    new: str

    def apply(self, content: Path) -> None:
        path = content / f"{self.file}.yml"
        lines = path.read_text(encoding="utf-8").split("\n")
        i = next((i for i, line in enumerate(lines) if self.contains in line), None)
        assert i is not None, f"edit no longer applies: no line with {self.contains!r} in {self.file}.yml"
        lines[i] = self.new
        path.write_text("\n".join(lines), encoding="utf-8")


@dataclass(frozen=True)
class Text:
    """Rewrite the text of a file with a function."""

    file: str
    change: Callable[[str], str]

    def apply(self, content: Path) -> None:
        path = content / f"{self.file}.yml"
        path.write_text(self.change(path.read_text(encoding="utf-8")), encoding="utf-8")


@dataclass(frozen=True)
class Bytes:
    """Rewrite the raw bytes of a file (encodings, sizes, whole files)."""

    file: str
    change: Callable[[bytes], bytes]

    def apply(self, content: Path) -> None:
        path = content / f"{self.file}.yml"
        path.write_bytes(self.change(path.read_bytes()))


@dataclass(frozen=True)
class Delete:
    file: str

    def apply(self, content: Path) -> None:
        (content / f"{self.file}.yml").unlink()


@dataclass(frozen=True)
class Rescore:
    """Write today's scoring fingerprint into the newest release (as a contributor
    who bumped only the minor version would)."""

    def apply(self, content: Path) -> None:
        sys.path.insert(0, str(ROOT))
        from generator.scoring import SCORING_FILES, fingerprint

        value = fingerprint(*(yaml.safe_load((content / f"{n}.yml").read_text(encoding="utf-8")) for n in SCORING_FILES))
        path = content / "changelog.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"scoring: [0-9a-f]{12}", f"scoring: {value}", text, count=1), encoding="utf-8")


def _insert_bytes(anchor: bytes, extra: bytes) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        assert anchor in data, f"edit no longer applies: {anchor!r}"
        return data.replace(anchor, anchor + extra, 1)

    return change


# --- Expectations: where a problem must be reported ---------------------------------------


@dataclass(frozen=True)
class At:
    """A problem in content/<file>.yml on the line where `find` (nth occurrence) starts in
    the edited file, or on `line`; its message contains `says`. With `exact`, the column
    must be that of `find`'s first character too."""

    file: str
    find: str | None = None
    says: str = ""
    nth: int = 1
    line: int | None = None
    exact: bool = False

    def place(self, content: Path) -> tuple[str, int, int | None]:
        display = f"content/{self.file}.yml"
        if self.find is None:
            return display, self.line or 1, 1 if self.exact else None
        text = (content / f"{self.file}.yml").read_bytes().decode("utf-8", errors="replace")
        start = -1
        for _ in range(self.nth):
            start = text.find(self.find, start + 1)
            assert start >= 0, f"expectation cannot be placed: {self.find!r} is not in the edited {self.file}.yml"
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        return display, line, col if self.exact else None


@dataclass(frozen=True)
class Case:
    id: str
    edits: list = field(default_factory=list)
    expect: list[At] = field(default_factory=list)


SCORING = At("changelog", "scoring:", says="scoring (questions, options, points, levels, bands or the default edition)")
"""Any change to bands or points also changes the scoring fingerprint."""

MANAGED_URL = "url: https://learn.microsoft.com/azure/ai-studio/how-to/model-catalog\n"

NEW_REFERENCE = """
  - id: {id}
    title: Another document
    url: {url}
    kind: doc
"""

def relevel(text: str, old: str, new: str) -> Sub:
    """The option whose text starts with `text` indicates level `new` instead of `old`."""
    return Sub("questions", f"        level: {old}\n        text: {text}", f"        level: {new}\n        text: {text}")


HELD_BACK_ANCHOR = "    changes:\n      - The discipline is called GenAIOps"
HELD_BACK = """    held_back:
      points: 1
      level: {level}
      says: "{says}"
      each: "{{dimension}} ({{points}}/{{max}})"
"""

NA_ANCHOR = "    dimension: Grounding data and retrieval (RAG)\n"
UNSCORED = """unscored:
  not_applicable: Not applicable to us
  dont_know: Don't know
  most: {most}
  rounding: {rounding}
  says: "{says}"
  too_many: "No level: {{unscored}} of them."
"""

CASES = [
    # --- YAML syntax ---
    Case("unclosed-quote",
         [Sub("model", "name: GenAIOps maturity model", 'name: "GenAIOps maturity model')],
         [At("model", 'name: "GenAIOps', says="quote")]),
    Case("unclosed-single-quote-in-list",
         [Sub("levels", "      - Basic metrics", "      - 'Basic metrics")],
         [At("levels", "'Basic metrics", says="quote")]),
    Case("unclosed-flow-mapping",
         [Sub("editions", "initial: {min: 0, max: 9}", "initial: {min: 0, max: 9")],
         [At("editions", "initial: {min: 0, max: 9", says="'}'")]),
    Case("unclosed-flow-sequence",
         [Sub("editions", "sources: [learn-genaiops-maturity, learn-genaiops-assessment]", "sources: [learn-genaiops-maturity, learn-genaiops-assessment")],
         [At("editions", "sources: [learn-genaiops-maturity", says="']'")]),
    Case("key-indented-too-little",
         [Sub("levels", "    slug: managed", "   slug: managed")],
         [At("levels", "   slug: managed", says="indentation")]),
    Case("key-indented-too-much",
         [Sub("levels", "    slug: managed", "      slug: managed")],
         [At("levels", "      slug: managed", says="indentation")]),
    Case("colon-inside-plain-text",
         [Sub("levels", "summary: Experimenting with", "summary: Note: experimenting with")],
         [At("levels", "summary: Note:", says="quotes")]),
    Case("list-item-at-mapping-indent",
         [Sub("levels", "      - Fine-tuning\n", "      - Fine-tuning\n    - stray item\n")],
         [At("levels", "    - stray item", says="indentation")]),
    Case("multiple-documents",
         [Sub("model", "version: 1.0.0\n", "version: 1.0.0\n---\nversion: 2.0.0\n")],
         [At("model", "---\n", says="document")]),
    Case("complex-key",
         [Sub("questions", "  - id: models\n", "  - id: models\n    ? [a, b]\n    : c\n")],
         [At("questions", "[a, b]", says="plain words", exact=True)]),
    Case("python-tag-on-a-list",
         [Sub("model", "short_name: GenAIOps", "short_name: !!python/object/apply:os.system [echo]")],
         [At("model", "!!python", says="tag '!!python/object/apply:os.system' is not supported", exact=True)]),
    Case("python-tag-on-text",
         [Sub("model", "short_name: GenAIOps", "short_name: !!python/name:os.system GenAIOps")],
         [At("model", "!!python", says="cannot read this value", exact=True)]),
    Case("key-without-colon",
         [Sub("model", "short_name: GenAIOps", "short_name GenAIOps")],
         [At("model", "short_name GenAIOps", says="could not find expected ':'", exact=True)]),
    # --- Tabs ---
    Case("tab-indentation",
         [Sub("levels", "    slug: managed", "\tslug: managed")],
         [At("levels", "\tslug", says="tab", exact=True)]),
    Case("tab-inside-value",
         [Sub("model", "former_name: LLMOps", "former_name:\tLLMOps")],
         [At("model", "\tLLMOps", says="tab", exact=True)]),
    # --- Duplicate keys ---
    Case("duplicate-top-level-key",
         [Sub("model", "former_name: LLMOps\n", "former_name: LLMOps\nname: Another name\n")],
         [At("model", "name: Another name", says="duplicate key 'name' (first at line", exact=True)]),
    Case("duplicate-nested-key",
         [Sub("levels", "    slug: managed\n", "    slug: managed\n    slug: managed-again\n")],
         [At("levels", "slug: managed-again", says="duplicate key 'slug'", exact=True)]),
    Case("duplicate-key-in-flow-mapping",
         [Sub("editions", "defined: {min: 10, max: 14}", "defined: {min: 10, max: 14, min: 11}")],
         [At("editions", "min: 11", says="duplicate key 'min'", exact=True)]),
    # --- Wrong types ---
    Case("text-for-number",
         [Sub("levels", "    number: 3", '    number: "3"')],
         [At("levels", '"3"', says="expected a whole number, got '3'", exact=True)]),
    Case("yes-for-text",
         [Sub("levels", "    name: Managed", "    name: yes")],
         [At("levels", "name: yes", says="got true")]),
    Case("float-for-points",
         [Sub("questions", "      - points: 2\n", "      - points: 2.5\n")],
         [At("questions", "2.5", says="expected a whole number, got the number 2.5", exact=True)]),
    Case("number-for-text",
         [Sub("references", "title: Azure Content Safety", "title: 42")],
         [At("references", "title: 42", says="expected text, got the number 42")]),
    Case("list-for-mapping",
         [Sub("editions", "      managed: {min: 15, max: 19}", "      managed: [15, 19]")],
         [At("editions", "[15, 19]", says="expected a mapping", exact=True)]),
    Case("mapping-for-list",
         [Sub("levels", "    focus_areas:\n      - Advanced automation\n      - Continuous improvement", "    focus_areas: {automation: advanced}")],
         [At("levels", "{automation", says="expected a list", exact=True)]),
    Case("empty-value",
         [Line("levels", "summary: Advanced LLM workflows", "    summary:")],
         [At("levels", "    summary:\n", says="got nothing")]),
    Case("empty-list-item",
         [Sub("levels", "      - Explore LLM APIs", "      -")],
         [At("levels", "      -\n", says="got nothing")]),
    Case("version-read-as-number",
         [Sub("model", "version: 1.0.0", "version: 1.0")],
         [At("model", "1.0\n", says="expected text, got the number 1.0", exact=True)]),
    Case("top-level-list",
         [Bytes("model", lambda _: b"# a list, not a mapping\n- id: genaiops\n")],
         [At("model", "- id", says="expected a mapping")]),
    # --- Missing required fields ---
    Case("missing-slug",
         [Sub("levels", "    slug: managed\n", "")],
         [At("levels", "id: managed", says="missing key 'slug'", exact=True)]),
    Case("two-missing-keys",
         [Sub("levels", "    name: Managed\n    slug: managed\n", "")],
         [At("levels", "id: managed", says="missing keys 'name', 'slug' - add them (name: ", exact=True)]),
    Case("missing-model-version",
         [Line("model", "version: 1.0.0", "")],
         [At("model", "id: genaiops", says="missing key 'version'")]),
    Case("missing-option-text",
         [Line("questions", "text: One model is used", "")],
         [At("questions", "points: 0", says="missing key 'text'", exact=True)]),
    Case("missing-reference-kind",
         [Sub("references", "    url: https://learn.microsoft.com/azure/ai-services/content-safety/overview\n    kind: doc\n",
              "    url: https://learn.microsoft.com/azure/ai-services/content-safety/overview\n")],
         [At("references", "id: content-safety", says="missing key 'kind'")]),
    # --- Unknown fields ---
    Case("misspelled-key",
         [Sub("levels", "    slug: managed", "    slgu: managed")],
         [At("levels", "slgu", says="unknown key 'slgu' (did you mean 'slug'?)", exact=True),
          At("levels", "id: managed", says="missing key 'slug'")]),
    Case("unknown-top-level-key",
         [Sub("model", "tagline:", "taglines: extra\ntagline:")],
         [At("model", "taglines:", says="(did you mean 'tagline'?) - allowed keys:", exact=True)]),
    Case("unknown-key-in-range",
         [Sub("editions", "defined: {min: 10, max: 14}", "defined: {min: 10, max: 14, mid: 12}")],
         [At("editions", "mid: 12", says="unknown key 'mid'", exact=True)]),
    # --- Empty lists ---
    Case("empty-focus-areas",
         [Sub("levels", "    focus_areas:\n      - Advanced automation\n      - Continuous improvement", "    focus_areas: []")],
         [At("levels", "[]", says="it needs at least 1", exact=True)]),
    Case("empty-changes",
         [Sub("changelog", "    changes:\n      - First release", "    changes: []\n    # - First release")],
         [At("changelog", "[]", says="at least 1", exact=True)]),
    Case("empty-reference-catalog",
         [Bytes("references", lambda _: b"references: []\n")],
         [At("references", "[]", says="at least 1", exact=True), At("references", line=1, says="missing key 'kinds'")]),
    Case("repeated-id-in-reading-list",
         [Sub("levels", "      - finetune-azure-ml\n", "      - finetune-azure-ml\n      - finetune-azure-ml\n")],
         [At("levels", "- finetune-azure-ml", says="lists the same entry twice")]),
    # --- Bands ---
    Case("overlapping-bands",
         [Sub("editions", "defined: {min: 10, max: 14}", "defined: {min: 9, max: 14}")],
         [At("editions", "defined: {min: 9, max: 14}", says="must not overlap"), SCORING]),
    Case("gapped-bands",
         [Sub("editions", "defined: {min: 10, max: 14}", "defined: {min: 11, max: 14}")],
         [At("editions", "defined: {min: 11, max: 14}", says="a total of 10 has no level"), SCORING]),
    Case("band-stops-short-of-total",
         [Sub("editions", "optimized: {min: 20, max: 28}", "optimized: {min: 20, max: 27}")],
         [At("editions", "27}", says="but totals reach 28", exact=True), SCORING]),
    Case("band-starts-after-total",
         [Sub("editions", "initial: {min: 0, max: 9}", "initial: {min: 1, max: 9}")],
         [At("editions", "1, max: 9}", says="but totals start at 0", exact=True), SCORING]),
    Case("band-runs-backwards",
         [Sub("editions", "managed: {min: 15, max: 19}", "managed: {min: 19, max: 15}")],
         [At("editions", "19, max: 15", says="runs backwards", exact=True), SCORING]),
    Case("band-for-unknown-level",
         [Sub("editions", "      defined: {min: 10, max: 14}", "      defnied: {min: 10, max: 14}")],
         [At("editions", "defnied:", says="unknown level 'defnied' (did you mean 'defined'?)", exact=True),
          At("editions", "bands:", says="(the default) has no band for level 'defined'"),
          At("editions", "managed: {min: 15, max: 19}", says="a total of 10-14 has no level"), SCORING]),
    Case("default-edition-missing-a-level",
         [Sub("editions", "      managed: {min: 15, max: 19}\n", ""),
          Sub("editions", "defined: {min: 10, max: 14}", "defined: {min: 10, max: 19}")],
         [At("editions", "bands:", says="(the default) has no band for level 'managed'"), SCORING]),
    Case("bands-out-of-level-order",
         [Sub("editions", "      defined: {min: 12, max: 16}\n      managed: {min: 17, max: 21}\n", "      managed: {min: 17, max: 21}\n      defined: {min: 12, max: 16}\n")],
         [At("editions", "bands:", nth=2, says="list the bands lowest level first"), SCORING]),
    Case("edition-total-not-matching-questions",
         [Sub("editions", "total: {min: 0, max: 28}", "total: {min: 0, max: 30}")],
         [At("editions", "total: {min: 0, max: 30}", says="the questions add up to 0-28"),
          At("editions", "optimized: {min: 20, max: 28}", says="but totals reach 30"), SCORING]),
    Case("edition-total-backwards",
         [Sub("editions", "total: {min: 7, max: 28}", "total: {min: 28, max: 7}")],
         [At("editions", "total: {min: 28, max: 7}", says="min must not be above max"),
          At("editions", "initial: {min: 7, max: 11}", says="but totals start at 28"),
          At("editions", "optimized: {min: 22, max: 28}", says="but totals reach 7"), SCORING]),
    # --- Unknown ids ---
    Case("unknown-reference-in-level",
         [Sub("levels", "      - prompt-flow-deploy\n", "      - prompt-flow-deplyo\n")],
         [At("levels", "prompt-flow-deplyo", says="unknown reference 'prompt-flow-deplyo' (did you mean 'prompt-flow-deploy'?)", exact=True)]),
    Case("unknown-reference-in-option",
         [Sub("questions", "references: [prompt-flow-deploy, prompt-flow]", "references: [prompt-flow-deploy, prompt-flwo]")],
         [At("questions", "prompt-flwo", says="(did you mean 'prompt-flow'?)", exact=True)]),
    Case("unknown-source-reference",
         [Sub("model", "reference: learn-genaiops-maturity", "reference: learn-genaiops-maturty")],
         [At("model", "learn-genaiops-maturty", says="did you mean 'learn-genaiops-maturity'", exact=True)]),
    Case("unknown-edition-source",
         [Sub("editions", "sources: [learn-genaiops-maturity,", "sources: [learn-genaiops-maturiti,")],
         [At("editions", "learn-genaiops-maturiti", says="did you mean 'learn-genaiops-maturity'", exact=True)]),
    Case("unknown-default-edition",
         [Sub("editions", "default: genaiops", "default: genaiop")],
         [At("editions", "genaiop\n", says="(did you mean 'genaiops'?)", exact=True), SCORING]),
    Case("unknown-kind",
         [Sub("references", "kind: video", "kind: vidoe")],
         [At("references", "vidoe", says="(did you mean 'video'?)", exact=True)]),
    # --- Duplicate ids and slugs ---
    Case("duplicate-reference-id",
         [Sub("references", "    kind: course\n", "    kind: course\n" + NEW_REFERENCE.format(id="prompt-flow", url="https://example.com/other"), nth=2)],
         [At("references", "prompt-flow\n    title: Another", says="reference id 'prompt-flow' is used twice", exact=True)]),
    Case("duplicate-reference-url",
         [Sub("references", "    kind: course\n", "    kind: course\n" + NEW_REFERENCE.format(id="catalog-again", url="https://learn.microsoft.com/azure/ai-studio/how-to/model-catalog"), nth=2)],
         [At("references", MANAGED_URL, nth=2, says="same address as 'model-catalog'")]),
    Case("duplicate-level-id",
         [Sub("levels", "  - id: defined", "  - id: initial")],
         [At("levels", "initial\n    number: 2", says="level id 'initial' is used twice (first at line", exact=True),
          SCORING]),
    Case("duplicate-slug",
         [Sub("levels", "    slug: defined", "    slug: initial")],
         [At("levels", "slug: initial", nth=2, says="slug 'initial' is used twice")]),
    Case("duplicate-question-id",
         [Sub("questions", "  - id: prompts", "  - id: models")],
         [At("questions", "id: models", nth=2, says="question id 'models' is used twice"), SCORING]),
    Case("duplicate-edition-id",
         [Text("editions", lambda text: text + text[text.index("  - id: genaiops"):text.index("  - id: llmops-2024-draft")])],
         [At("editions", "genaiops\n    name", nth=2, says="edition id 'genaiops' is used twice (first at line", exact=True)]),
    # --- Ids, slugs, addresses ---
    Case("bad-slug",
         [Sub("levels", "    slug: managed", "    slug: Managed Level")],
         [At("levels", "Managed Level", says="is not valid - use lowercase letters", exact=True)]),
    Case("bad-id",
         [Sub("references", "    kind: course\n", "    kind: course\n" + NEW_REFERENCE.format(id="Another_Doc", url="https://example.com/other"), nth=2)],
         [At("references", "Another_Doc", says="is not valid - use lowercase letters, digits and single hyphens", exact=True)]),
    Case("renamed-reference-breaks-its-citations",
         [Sub("references", "  - id: genai-for-beginners", "  - id: genai-beginners")],
         [At("levels", "- genai-for-beginners", says="unknown reference 'genai-for-beginners' (did you mean 'genai-beginners'?)")]),
    Case("http-url",
         [Sub("references", MANAGED_URL, MANAGED_URL.replace("https://", "http://"))],
         [At("references", "http://learn", says="starting with https://", exact=True)]),
    Case("javascript-url",
         [Sub("references", MANAGED_URL, "url: javascript:alert(1)\n")],
         [At("references", "javascript:", says="starting with https://", exact=True)]),
    Case("url-with-spaces",
         [Sub("references", MANAGED_URL, "url: https://learn.microsoft.com/azure/model catalog\n")],
         [At("references", "https://learn.microsoft.com/azure/model catalog", says="starting with https://")]),
    Case("label-on-two-lines",
         [Sub("levels", "    name: Managed\n", "    name: |-\n      Managed\n      twice\n")],
         [At("levels", "|-\n      Managed", says="write one line of plain text", exact=True)]),
    Case("title-too-long",
         [Sub("references", "title: Azure Content Safety", "title: Azure Content Safety" + " and more" * 12)],
         [At("references", "Azure Content Safety and more", says="it must be at most 120 - shorten it", exact=True)]),
    # --- Questions and levels ---
    Case("two-options-with-the-same-points",
         [Sub("questions", "      - points: 1\n        level: initial\n        text: People try", "      - points: 0\n        level: initial\n        text: People try")],
         [At("questions", "points: 0\n        level: initial\n        text: People try", says="0 points is given to two options"), SCORING]),
    Case("options-out-of-order",
         [Sub("questions", "      - points: 3\n        level: managed\n        text: Model versions", "      - points: 4\n        level: managed\n        text: Model versions"),
          Sub("questions", "      - points: 4\n        level: optimized\n        text: New models", "      - points: 3\n        level: optimized\n        text: New models")],
         [At("questions", "3\n        level: optimized\n        text: New models", says="but 3 comes after 4", exact=True), SCORING]),
    # --- Levels indicated by options, and the held-back rule ---
    Case("option-names-unknown-level",
         [relevel("Model versions", "managed", "manged")],
         [At("questions", "manged", says="unknown level 'manged' (did you mean 'managed'?)", exact=True)]),
    Case("option-levels-go-down",
         [relevel("Candidate models", "defined", "optimized")],
         [At("questions", "managed\n        text: Model versions", says="level 'managed' comes after 'optimized'", exact=True),
          At("questions", "    options:\n", says="no option indicates level 'defined'")]),
    Case("level-not-reachable",
         [relevel("Candidate models", "defined", "initial")],
         [At("questions", "    options:\n", says="no option indicates level 'defined' - every level must be reachable")]),
    Case("held-back-names-unknown-level",
         [Sub("editions", HELD_BACK_ANCHOR, HELD_BACK.format(level="defind", says="Level {total_level}, held to {level} by {dimensions}") + HELD_BACK_ANCHOR)],
         [At("editions", "defind", says="held_back names unknown level 'defind' (did you mean 'defined'?)", exact=True)]),
    Case("held-back-unknown-placeholder",
         [Sub("editions", HELD_BACK_ANCHOR, HELD_BACK.format(level="defined", says="Level {total_levl}, held to {level} by {dimensions}") + HELD_BACK_ANCHOR)],
         [At("editions", "says:", says="unknown placeholder '{total_levl}' (did you mean 'total_level'?)")]),
    Case("level-numbered-out-of-order",
         [Sub("levels", "    number: 3", "    number: 4")],
         [At("levels", "number: 4", nth=1, says="this one should be 3"), SCORING]),
    # --- "Not applicable" and "don't know" (questions.yml's unscored block) ---
    Case("not-applicable-without-unscored-block",
         [Sub("questions", NA_ANCHOR, NA_ANCHOR + "    not_applicable: true\n")],
         [At("questions", "not_applicable: true", says="question 'grounding' allows not applicable, but questions.yml has no unscored block", exact=True), SCORING]),
    Case("not-applicable-as-text",
         [Sub("questions", NA_ANCHOR, NA_ANCHOR + '    not_applicable: "yes"\n')],
         [At("questions", '"yes"', says="not_applicable: expected true or false, got 'yes' - write true or false", exact=True)]),
    Case("unscored-most-not-below-the-question-count",
         [Sub("questions", "questions:\n", UNSCORED.format(most=7, rounding="half-up", says="{points} of {points_max}") + "questions:\n")],
         [At("questions", "7\n", says="unscored most is 7, but there are only 7 questions - make it at most 6", exact=True), SCORING]),
    Case("unscored-unknown-rounding",
         [Sub("questions", "questions:\n", UNSCORED.format(most=2, rounding="half-even", says="{points} of {points_max}") + "questions:\n")],
         [At("questions", "half-even", says="'half-even' is not allowed (did you mean 'half-up'?) - use one of: half-up, down, up", exact=True)]),
    Case("unscored-unknown-placeholder",
         [Sub("questions", "questions:\n", UNSCORED.format(most=2, rounding="half-up", says="{points} of {point_max}") + "questions:\n")],
         [At("questions", "says:", says="unscored says has unknown placeholder '{point_max}' (did you mean 'points_max'?)"), SCORING]),
    # --- Encodings and file sizes ---
    Case("non-utf8-byte",
         [Bytes("levels", _insert_bytes(b"Explore LLM ", b"\xe9"))],
         [At("levels", "\ufffdAPIs", says="byte 0xe9 is not UTF-8", exact=True)]),
    Case("byte-order-mark",
         [Bytes("model", lambda data: codecs.BOM_UTF8 + data)],
         [At("model", line=1, says="byte-order mark", exact=True)]),
    Case("huge-file",
         [Bytes("references", lambda data: data + b"# " + b"x" * 1_000_001 + b"\n")],
         [At("references", line=1, says="at most 1,000,000", exact=True)]),
    Case("empty-file",
         [Bytes("changelog", lambda _: b"")],
         [At("changelog", line=1, says="the file is empty", exact=True)]),
    Case("only-comments",
         [Bytes("editions", lambda _: b"# nothing yet\n")],
         [At("editions", line=1, says="the file is empty")]),
    Case("nul-byte",
         [Bytes("model", _insert_bytes(b"former_name: LLM", b"\x00"))],
         [At("model", line=1, says="NUL character")]),
    Case("missing-file",
         [Delete("questions")],
         [At("questions", line=1, says="cannot read the file")]),
    # --- Anchors and aliases ---
    Case("anchor-and-alias",
         [Sub("model", "short_name: GenAIOps", "short_name: &short GenAIOps"),
          Sub("model", "former_name: LLMOps", "former_name: *short")],
         [At("model", "&short", says="anchors and aliases", exact=True),
          At("model", "*short", says="anchors and aliases", exact=True)]),
    Case("merge-key",
         [Sub("editions", "total: {min: 0, max: 28}", "total: {<<: {min: 0}, max: 28}")],
         [At("editions", "<<", says="keys must be plain words", exact=True)]),
    # --- Versions ---
    Case("scoring-changed-without-version-bump",
         [Sub("editions", "defined: {min: 10, max: 14}", "defined: {min: 10, max: 13}"),
          Sub("editions", "managed: {min: 15, max: 19}", "managed: {min: 14, max: 19}")],
         [At("changelog", "scoring:", says="bump version to 2.0.0")]),
    Case("scoring-changed-with-minor-bump",
         [Sub("editions", "defined: {min: 10, max: 14}", "defined: {min: 10, max: 13}"),
          Sub("editions", "managed: {min: 15, max: 19}", "managed: {min: 14, max: 19}"),
          Sub("model", "version: 1.0.0", "version: 1.1.0"),
          Sub("changelog", "releases:\n", "releases:\n  - version: 1.1.0\n    date: 2026-12-01\n    scoring: 000000000000\n    changes: [Bands moved.]\n"),
          Rescore()],
         [At("changelog", "version: 1.1.0", says="needs a major bump: use 2.0.0")]),
    Case("version-ahead-of-changelog",
         [Sub("model", "version: 1.0.0", "version: 1.1.0")],
         [At("model", "1.1.0", says="the newest release in content/changelog.yml is 1.0.0", exact=True)]),
    Case("changelog-ahead-of-version",
         [Sub("changelog", "  - version: 1.0.0", "  - version: 1.0.1")],
         [At("model", "1.0.0", says="the newest release in content/changelog.yml is 1.0.1", exact=True)]),
    Case("releases-not-newest-first",
         [Sub("changelog", "releases:\n", "releases:\n  - version: 0.9.0\n    date: 2026-10-01\n    scoring: 3a742d40528f\n    changes: [Draft.]\n")],
         [At("changelog", "0.9.0", says="is not newer", exact=True),
          At("model", "1.0.0", says="newest release in content/changelog.yml is 0.9.0")]),
    Case("bad-date",
         [Sub("changelog", "date: 2026-11-25", "date: 2026-13-01")],
         [At("changelog", "2026-13-01", says="YYYY-MM-DD", exact=True)]),
    # --- The site's words are words: a few inline elements and links, nothing else ---
    Case("ui-refresh-meta",
         [Sub("ui", "take_assessment: Take the self-assessment", """take_assessment: '<meta http-equiv="refresh" content="0;url=https://evil.example">'""")],
         [At("ui", "take_assessment:", says="'home.take_assessment' holds the markup '<meta http-equiv")]),
    Case("ui-script-in-footer",
         [Sub("ui", 'in this project\'s own words."', 'in this project\'s own words.<script src=https://evil.example/x.js></script>"')],
         [At("ui", "footer:", says="'common.footer' holds the markup '<script")]),
    Case("ui-plaintext-in-level-title",
         [Sub("ui", 'level_title: "Level {number}: {name}"', 'level_title: "Level {number}: {name}<plaintext>"')],
         [At("ui", "level_title:", says="holds the markup '<plaintext>'")]),
    Case("ui-allowed-element-with-attribute",
         [Sub("ui", "after the <code>#</code>", 'after the <code style="display:block">#</code>')],
         [At("ui", "share_help:", says="words may use only <code>, <strong>, <em>, <kbd>, <br> without attributes")]),
    Case("ui-comment-that-hides-the-page",
         [Sub("ui", "take_assessment: Take the self-assessment", "take_assessment: Take the self-assessment <!--")],
         [At("ui", "take_assessment:", says="holds the markup '<!--'")]),
    Case("ui-autolink",
         [Sub("ui", "take_assessment: Take the self-assessment", "take_assessment: Take it at <https://evil.example>")],
         [At("ui", "take_assessment:", says="holds the markup '<https://evil.example>'")]),
    Case("ui-javascript-link",
         [Sub("ui", "[self-assessment](assessment.md) and downloads", "[self-assessment](javascript:alert(1)) and downloads")],
         [At("ui", "Each person takes", says="links to 'javascript:alert(1' - a link in the words goes to a page of the site")]),
    Case("ui-javascript-link-hidden-by-entities",
         [Sub("ui", "[self-assessment](assessment.md) and downloads", "[self-assessment](&#106;ava&#x09;script:alert(1)) and downloads")],
         [At("ui", "Each person takes", says="a link in the words goes to")]),
    Case("ui-link-to-another-host-without-scheme",
         [Sub("ui", "[self-assessment](assessment.md) and downloads", "[self-assessment](//evil.example/) and downloads")],
         [At("ui", "Each person takes", says="links to '//evil.example/'")]),
    Case("ui-image",
         [Sub("ui", "take_assessment: Take the self-assessment", "take_assessment: '![x](https://evil.example/pixel.png) Take it'")],
         [At("ui", "take_assessment:", says="holds the image")]),
    Case("ui-attribute-list",
         [Sub("ui", "take_assessment: Take the self-assessment", "take_assessment: 'Take the self-assessment{: hidden }'")],
         [At("ui", "take_assessment:", says="markdown would read as the element's attributes")]),
    Case("ui-code-fence-that-swallows-the-page",
         [Sub("ui", "take_assessment: Take the self-assessment", "take_assessment: '```'")],
         [At("ui", "take_assessment:", says="opens a code block")]),
    Case("ui-line-breaks",
         [Sub("ui", "take_assessment: Take the self-assessment", 'take_assessment: "Take it\\n\\n<b>now</b>"')],
         [At("ui", "take_assessment:", says="is a line break")]),
    Case("bad-fingerprint",
         [Sub("changelog", "scoring: ", "scoring: x")],
         [At("changelog", "x3", says="12-character fingerprint", exact=True)]),
]


def parse_report(stderr: str) -> list[tuple[str, int, int, str]]:
    """Check the report's shape and return its problems as (path, line, col, message)."""
    *lines, summary = stderr.rstrip("\n").split("\n")
    problems = []
    for line in lines:
        match = PROBLEM.match(line)
        assert match, f"not 'path:line:col: what - how to fix': {line!r}"
        path, row, col, message = match.groups()
        assert int(row) >= 1 and int(col) >= 1, line
        problems.append((path, int(row), int(col), message))
    counted = SUMMARY.match(summary)
    assert counted, f"last line is not the problem count: {summary!r}"
    assert int(counted.group(1)) == len(problems), stderr
    return problems


def test_the_corpus_is_big_enough_and_named_uniquely():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


def test_an_unedited_copy_is_valid(tmp_path, capsys):
    result = validate(copy_content(tmp_path), capsys)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_content_is_reported_where_it_is(case, tmp_path, capsys):
    content = copy_content(tmp_path)
    for edit in case.edits:
        edit.apply(content)
    result = validate(content, capsys)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    assert result.stdout == "", "problems go to stderr only"
    problems = parse_report(result.stderr)

    expected = [at.place(content) for at in case.expect]
    got = [(path, line) for path, line, _, _ in problems]
    assert sorted(got) == sorted((path, line) for path, line, _ in expected), "\n" + result.stderr
    for at, (path, line, col) in zip(case.expect, expected):
        here = [p for p in problems if p[0] == path and p[1] == line and at.says in p[3]]
        assert here, f"no problem at {path}:{line} says {at.says!r}:\n{result.stderr}"
        if col is not None:
            assert any(p[2] == col for p in here), f"{path}:{line}: expected column {col}:\n{result.stderr}"


# --- A failing build leaves the previous site alone -----------------------------------------


def _snapshot(site: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(site).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(site.rglob("*")) if p.is_file()
    }


@pytest.mark.build
def test_a_failing_build_leaves_the_previous_site_untouched(tmp_path):
    repo = repo_with(CONTENT, tmp_path / "repo")
    site = tmp_path / "site"

    first = build_site(site, repo / "mkdocs.yml", flags=("-q",))
    assert first.returncode == 0, first.stderr
    before = _snapshot(site)
    assert "index.html" in before and "levels/managed/index.html" in before

    Sub("levels", "    slug: managed", "    slug: Managed Level").apply(repo / "content")
    second = build_site(site, repo / "mkdocs.yml", flags=("-q",))
    output = second.stdout + second.stderr
    assert second.returncode == 1, output
    assert "Traceback" not in output, output
    lines = [line for line in output.splitlines() if line.strip()]
    problem = At("levels", "Managed Level").place(repo / "content")
    assert lines[0].startswith(f"{problem[0]}:{problem[1]}:"), output
    assert PROBLEM.match(lines[0]), output
    assert SUMMARY.match(lines[1]) and len(lines) == 2, output
    assert _snapshot(site) == before, "the failed build changed the previous site"
