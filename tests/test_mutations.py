"""Whatever a contributor does to valid content, loading it either works or fails with
problems that point somewhere: never a crash.

Hypothesis takes the real content, changes one thing (deletes a key, swaps a value's type,
puts random text, numbers, nothing or lists in place of a value, duplicates or swaps list
items, adds a random key, or types random characters into the file), writes the result
to a fresh folder and loads it. `load_content` must return content, which must then
render, or raise ContentError whose every problem has a line and column from 1 and a
message; any other exception fails the test.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import ContentError, load_content, render_site
from generator.content import FILES
from tests.helpers import CONTENT

ORIGINAL = {name: yaml.safe_load((CONTENT / f"{name}.yml").read_text(encoding="utf-8")) for name in FILES}


def dump(data) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False, allow_unicode=True)


ORIGINAL_TEXT = {name: dump(data) for name, data in ORIGINAL.items()}
"""Written once: each example dumps only the file it changed (dumping them all was half its time)."""

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(text, st.integers(min_value=-10**6, max_value=10**6), st.none(), st.booleans(),
                    st.floats(allow_nan=False), st.sampled_from(["", "genaiops", "1.0.0", "https://x.example/", "0", "-"]))
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=4),
    st.dictionaries(st.sampled_from(["id", "min", "max", "name", "text", "points", "x"]), scalars, max_size=3),
)
keys = st.one_of(text.filter(bool), st.sampled_from(["id", "slug", "name", "min", "max", "points", "references", "bands", "url"]))


def _children(node) -> list:
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


@st.composite
def place(draw, data):
    """A path to some node of `data`: each step goes deeper or stops there."""
    path: list = []
    node = data
    while _children(node) and draw(st.integers(0, 3)):
        step = draw(st.sampled_from(_children(node)))
        path.append(step)
        node = node[step]
    return path


def _parent_and_key(data, path):
    node = data
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


@st.composite
def mutated(draw) -> tuple[dict[str, object], dict[str, str]]:
    """All content files as data, one of them changed, plus any raw text overrides."""
    files = copy.deepcopy(ORIGINAL)
    name = draw(st.sampled_from(FILES))
    data = files[name]
    path = draw(place(data))
    kind = draw(st.sampled_from(["delete", "replace", "duplicate", "swap", "insert-key", "type-text"]))
    node = data
    for step in path:
        node = node[step]

    if kind == "delete" and path:
        parent, key = _parent_and_key(data, path)
        del parent[key]
    elif kind == "replace" and path:
        parent, key = _parent_and_key(data, path)
        parent[key] = draw(values)
    elif kind == "duplicate" and isinstance(node, list) and node:
        i = draw(st.integers(0, len(node) - 1))
        node.insert(i, copy.deepcopy(node[i]))
    elif kind == "swap" and isinstance(node, list) and len(node) > 1:
        i, j = draw(st.lists(st.integers(0, len(node) - 1), min_size=2, max_size=2, unique=True))
        node[i], node[j] = node[j], node[i]
    elif kind == "insert-key" and isinstance(node, dict):
        node[draw(keys)] = draw(values)
    elif kind != "type-text":
        files[name] = draw(values) if not path else data  # the whole file replaced, or nothing applicable

    texts = {**ORIGINAL_TEXT, name: dump(files[name])}
    if kind == "type-text":
        at = draw(st.integers(0, len(texts[name])))
        texts[name] = texts[name][:at] + draw(st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@` \n\tab1")), min_size=1, max_size=6)) + texts[name][at:]
    return name, texts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_a_mutation_is_loaded_or_reported_never_crashes(mutation):
    name, texts = mutation
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        for n, t in texts.items():
            (content / f"{n}.yml").write_text(t, encoding="utf-8")
        try:
            loaded = load_content(content)
        except ContentError as err:
            assert err.problems, "ContentError without problems"
            for problem in err.problems:
                assert problem.path.startswith("content/") and problem.path.endswith(".yml"), problem
                assert problem.line >= 1 and problem.col >= 1, problem
                assert problem.message.strip(), problem
                file_lines = texts[problem.path.removeprefix("content/").removesuffix(".yml")].count("\n") + 1
                assert problem.line <= file_lines, f"{problem} points past the end of the file ({file_lines} lines)"
        else:
            assert render_site(loaded)


def test_the_originals_load():
    """The starting point is valid, so a failure above comes from the mutation."""
    with tempfile.TemporaryDirectory() as folder:
        for n, text in ORIGINAL_TEXT.items():
            (Path(folder) / f"{n}.yml").write_text(text, encoding="utf-8")
        assert load_content(folder).version == ORIGINAL["model"]["version"]
