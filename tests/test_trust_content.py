"""Trust, round two: content that looks harmless but is not is refused, in one line
per problem, and the command line never shows a traceback.

* Control characters: every string field the schemas reach refuses line breaks
  (one-line fields), NUL and other control characters, line/paragraph separators
  and bidi overrides; multi-paragraph text may hold plain line breaks only.
* Numbers and dates: `4.0` is not a whole number, `2026-02-31` is not a date.
* Files that are not files: FIFOs, folders, devices, huge files and symlinks that
  leave the content folder are refused before anything is read.
* Deep nesting, an output path that is a file, a closed pipe and another working
  folder give one clear line (or success), never a traceback.
* Did-you-mean still finds the near miss among thousands of ids (its speed is
  measured by bench/validate_size.py, not here).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator import ContentError, load_content
from generator.errors import did_you_mean
from generator.schema import load_schemas
from generator.yamlfile import load_yaml
from tests.helpers import FIXTURE, copy_content, run_cli

FILES = ("model", "levels", "references", "editions", "questions", "changelog")
MULTILINE_DEFS = ("sentence", "paragraphs")
"""Definitions in defs.schema.json for multi-paragraph text: these may hold a line break."""

PROBLEM = re.compile(r"^content/[a-z]+\.yml:\d+:\d+: .+ - .+$")

REFUSED_EVERYWHERE = {
    "NUL": "\x00",
    "carriage return": "\r",
    "tab": "\t",
    "escape": "\x1b",
    "bell": "\x07",
    "delete": "\x7f",
    "next line (C1)": "\x85",
    "C1 CSI": "\x9b",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}
"""Characters no text field may hold: they are invisible, reorder what readers see, or
end a line in some readers but not in others."""

INJECTED = {"line feed": "\n", "CRLF": "\r\n", **REFUSED_EVERYWHERE}


# --- helpers ----------------------------------------------------------------------------


def assert_one_line_per_problem(result: subprocess.CompletedProcess) -> list[str]:
    """The promise: exit 1, no traceback, `path:line:col: what - how` lines and a count."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    *lines, summary = result.stderr.rstrip("\n").split("\n")
    assert re.fullmatch(r"\d+ problems? in content: nothing was built\.", summary), result.stderr
    for line in lines:
        assert PROBLEM.match(line), line
    return lines


def data_of(content: Path, name: str):
    doc, problems = load_yaml(content / f"{name}.yml", f"content/{name}.yml")
    assert not problems, problems
    return doc.data


class _Dumper(yaml.SafeDumper):
    """Writes text holding a hidden character double-quoted, where YAML escapes it
    (`"\\N"`): PyYAML would write a raw NEL in single quotes, which reads back as a space."""


def _text(dumper: yaml.SafeDumper, text: str):
    style = '"' if any(ch in text for ch in INJECTED.values()) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def write(content: Path, name: str, data) -> None:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    (content / f"{name}.yml").write_text(text, encoding="utf-8")


def problems_in(content: Path, name: str) -> list:
    try:
        load_content(content)
    except ContentError as err:
        return [p for p in err.problems if p.path == f"content/{name}.yml"]
    return []


# --- walking the schemas ----------------------------------------------------------------


def _resolve(node: dict) -> tuple[dict, str]:
    """Follow a `$ref` into defs.schema.json; return the target and the definition's name."""
    ref = node.get("$ref", "")
    if not ref:
        return node, ""
    name = ref.split("/")[-1]
    return load_schemas()["defs.schema.json"]["definitions"][name], name


def string_fields(schema: dict, data, path: tuple = ()) -> list[tuple[tuple, bool, bool]]:
    """(path, is_key, multiline) for every string in `data` that `schema` types as text,
    and every mapping key the schema lets the contributor choose."""
    node, name = _resolve(schema)
    if node.get("type") == "string" and isinstance(data, str):
        return [(path, False, name in MULTILINE_DEFS)]
    found = []
    if isinstance(data, dict):
        props = node.get("properties", {})
        extra = node.get("additionalProperties")
        for key, value in data.items():
            if key in props:
                found += string_fields(props[key], value, path + (key,))
            elif isinstance(extra, dict):
                found.append((path + (key,), True, False))
                found += string_fields(extra, value, path + (key,))
    elif isinstance(data, list) and isinstance(node.get("items"), dict):
        for i, item in enumerate(data):
            found += string_fields(node["items"], item, path + (i,))
    return found


def inject(data, path: tuple, is_key: bool, char: str):
    """Append `char` to the string (or mapping key) at `path`, in place."""
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if is_key:
        items = list(parent.items())
        parent.clear()
        parent.update({(k + char if k == last else k): v for k, v in items})
    else:
        parent[last] = parent[last] + char


def test_the_schema_walk_reaches_every_file_and_both_kinds_of_field():
    schemas = load_schemas()
    fields = {name: string_fields(schemas[f"{name}.schema.json"], data_of(FIXTURE, name)) for name in FILES}
    assert all(fields.values()), {n: len(f) for n, f in fields.items()}
    everything = [f for fs in fields.values() for f in fs]
    assert len(everything) > 150
    assert any(multi for _, _, multi in everything) and any(not multi for _, _, multi in everything)
    assert any(is_key for _, is_key, _ in everything)  # edition terms and level bands


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("label", list(INJECTED))
def test_control_characters_are_refused_in_every_string_field(tmp_path, name, label):
    """Append the character to every string (and chosen key) of one file; each field must
    get its own problem at its own place, except plain line breaks in multi-paragraph text."""
    char = INJECTED[label]
    content = copy_content(tmp_path)
    data = data_of(content, name)
    fields = string_fields(load_schemas()[f"{name}.schema.json"], data)
    for path, is_key, _ in sorted(fields, key=lambda f: (-len(f[0]), f[1])):  # deepest first, keys last: keys rename parents
        inject(data, path, is_key, char)
    write(content, name, data)

    written = load_yaml(content / f"{name}.yml", f"content/{name}.yml")[0]
    assert written.data == data, "the injected characters must survive writing and reading the YAML"
    places = {(p.line, p.col) for p in problems_in(content, name)}

    def where(path: tuple, is_key: bool):
        renamed = tuple(s + char if isinstance(s, str) and (path[:i + 1], True) in keys else s for i, s in enumerate(path))
        return (written.key_at if is_key else written.at)[renamed]

    keys = {(p, True) for p, k, _ in fields if k}
    missed = [path for path, is_key, multi in fields
              if not (multi and char == "\n") and where(path, is_key) not in places]
    assert not missed, f"{label!r} accepted in {name}.yml at {missed[:5]}"
    if char == "\n":
        multi = [where(path, False) for path, _, m in fields if m]
        assert not places & set(multi), "a line break must stay allowed in multi-paragraph text"


@pytest.mark.parametrize("value", ['"models\\n"', '"models\\r"', '"\\nmodels"', '"mod\\u2028els"', '"mod\\0els"', '"models\\u202e"'])
def test_an_id_with_a_hidden_character_is_one_problem_with_a_fix(tmp_path, value):
    content = copy_content(tmp_path)
    path = content / "questions.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: models\n", f"  - id: {value}\n", 1), encoding="utf-8")
    lines = assert_one_line_per_problem(run_cli("--content", str(content), "validate"))
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if value in row)
    here = [row for row in lines if row.startswith(f"content/questions.yml:{line}:")]
    assert len(here) == 1, lines
    assert "U+" in here[0] and " - " in here[0]


def test_a_slug_with_a_trailing_newline_publishes_nothing(tmp_path):
    content = copy_content(tmp_path)
    path = content / "levels.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    slug: managed\n", '    slug: "managed\\n"\n'), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(content)
    assert any("slug" in p.message and "line break" in p.message for p in err.value.problems), err.value.report()


@pytest.mark.parametrize("text", ["Plain words.", "Two lines\nof one sentence.", "Para one.\n\nPara two.", "caf\u00e9 \U0001F680 \u4e2d\u6587 \u05e2\u05d1\u05e8\u05d9\u05ea"])
def test_ordinary_text_and_line_breaks_in_paragraphs_stay_valid(tmp_path, text):
    content = copy_content(tmp_path)
    data = data_of(content, "model")
    data["definition"] = text
    data["name"] = text.split("\n")[0]
    write(content, "model", data)
    load_content(content)


# --- numbers and dates ------------------------------------------------------------------


@pytest.mark.parametrize(("file", "old", "new"), [
    ("levels", "    number: 1\n", "    number: 1.0\n"),
    ("levels", "    number: 4\n", "    number: 4.0\n"),
    ("editions", "defined: {min: 10, max: 14}", "defined: {min: 10.0, max: 14}"),
    ("editions", "defined: {min: 10, max: 14}", "defined: {min: 10, max: 1.4e+1}"),
    ("editions", "total: {min: 0, max: 28}", "total: {min: 0, max: 28.0}"),
    ("questions", "      - points: 2\n", "      - points: 2.0\n"),
    ("questions", "      - points: 0\n", "      - points: -0.0\n"),
])
def test_a_number_with_a_decimal_point_is_not_a_whole_number(tmp_path, file, old, new):
    content = copy_content(tmp_path)
    path = content / f"{file}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    lines = assert_one_line_per_problem(run_cli("--content", str(content), "validate"))
    assert any(f"content/{file}.yml:" in row and "expected a whole number" in row for row in lines), lines


@pytest.mark.parametrize("date", ["2026-02-31", "2026-02-29", "2025-04-31", "2100-02-29", "2026-06-31"])
def test_a_date_that_is_not_in_the_calendar_is_refused(tmp_path, date):
    content = copy_content(tmp_path)
    path = content / "changelog.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"date: \d{4}-\d\d-\d\d", f"date: {date}", text, count=1), encoding="utf-8")
    lines = assert_one_line_per_problem(run_cli("--content", str(content), "validate"))
    assert len(lines) == 1 and date in lines[0] and "calendar" in lines[0], lines


@pytest.mark.parametrize("date", ["2024-02-29", "2000-02-29", "2026-12-31"])
def test_a_real_date_is_accepted(tmp_path, date):
    content = copy_content(tmp_path)
    path = content / "changelog.yml"
    path.write_text(re.sub(r"date: \d{4}-\d\d-\d\d", f"date: {date}", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    load_content(content)


# --- files that are not files -----------------------------------------------------------


def _refused(content: Path, name: str, says: str) -> None:
    lines = assert_one_line_per_problem(run_cli("--content", str(content), "validate", timeout=30))
    assert any(row.startswith(f"content/{name}.yml:1:1:") and says in row for row in lines), lines


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    content = copy_content(tmp_path)
    (content / "levels.yml").unlink()
    os.mkfifo(content / "levels.yml")
    _refused(content, "levels", "not a regular file")


def test_a_folder_is_refused(tmp_path):
    content = copy_content(tmp_path)
    (content / "model.yml").unlink()
    (content / "model.yml").mkdir()
    _refused(content, "model", "not a regular file")


def test_a_device_is_refused(tmp_path):
    content = copy_content(tmp_path)
    (content / "references.yml").unlink()
    (content / "references.yml").symlink_to("/dev/zero")
    lines = assert_one_line_per_problem(run_cli("--content", str(content), "validate", timeout=30))
    assert any(row.startswith("content/references.yml:1:1:") for row in lines), lines


def test_a_huge_sparse_file_is_refused_before_it_is_read(tmp_path):
    content = copy_content(tmp_path)
    with open(content / "changelog.yml", "r+b") as f:
        f.truncate(8 * 1024**3)  # 8 GiB of holes: reading it whole would exhaust memory
    _refused(content, "changelog", "at most 1,000,000")


def test_a_symlink_out_of_the_content_folder_is_refused(tmp_path):
    content = copy_content(tmp_path)
    outside = tmp_path / "elsewhere.yml"
    shutil.move(content / "model.yml", outside)
    (content / "model.yml").symlink_to(outside)
    _refused(content, "model", "outside the content folder")


def test_a_symlink_inside_the_content_folder_is_followed(tmp_path):
    content = copy_content(tmp_path)
    shutil.move(content / "model.yml", content / "model-real.yml")
    (content / "model.yml").symlink_to("model-real.yml")
    load_content(content)


# --- deep nesting and the command line --------------------------------------------------


@pytest.mark.parametrize(("opener", "closer", "depth"), [("[", "]", 500), ("[", "]", 999), ("{a: ", "}", 600), ("[", "]", 5000)])
def test_deeply_nested_collections_are_one_problem(tmp_path, opener, closer, depth):
    content = copy_content(tmp_path)
    path = content / "model.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"x: {opener * depth}1{closer * depth}\n", encoding="utf-8")
    lines = assert_one_line_per_problem(run_cli("--content", str(content), "validate"))
    assert any(row.startswith("content/model.yml:") and "nested" in row for row in lines), lines


def test_deep_block_nesting_is_one_problem(tmp_path):
    content = copy_content(tmp_path)
    path = content / "model.yml"
    nested = "".join(f"{'  ' * i}k{i}:\n" for i in range(300)) + "  " * 300 + "v\n"
    path.write_text(path.read_text(encoding="utf-8") + nested, encoding="utf-8")
    lines = assert_one_line_per_problem(run_cli("--content", str(content), "validate"))
    assert any("nested" in row for row in lines), lines


def _one_clear_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and " - " in lines[0], result.stderr
    return lines[0]


def test_render_into_a_file_is_one_clear_line(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("keep me", encoding="utf-8")
    assert "a-file" in _one_clear_line(run_cli("render", str(target)))
    assert target.read_text(encoding="utf-8") == "keep me"


def test_render_where_a_page_folder_is_a_file_is_one_clear_line(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "levels").write_text("in the way", encoding="utf-8")
    assert "levels" in _one_clear_line(run_cli("render", str(out)))


def test_render_where_a_page_is_a_folder_is_one_clear_line(tmp_path):
    out = tmp_path / "out"
    (out / "index.md").mkdir(parents=True)
    assert "index.md" in _one_clear_line(run_cli("render", str(out)))


@pytest.mark.parametrize(("args", "code"), [(("validate",), 0), (("fingerprint",), 0), (("render", "{out}"), 0)])
def test_a_closed_pipe_is_not_a_traceback(tmp_path, args, code):
    read, write_end = os.pipe()
    os.close(read)  # like `| head -c0`: the reader is gone before anything is written
    try:
        args = tuple(a.format(out=tmp_path / "out") for a in args)
        result = run_cli(*args, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert result.returncode == code, result.stderr


def test_a_closed_pipe_on_bad_content_still_fails(tmp_path):
    content = copy_content(tmp_path)
    (content / "model.yml").write_text("id: [\n", encoding="utf-8")
    read, write_end = os.pipe()
    os.close(read)
    try:
        result = run_cli("--content", str(content), "validate", stdout=subprocess.PIPE, stderr=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 1


def test_the_default_content_is_found_from_another_folder(tmp_path):
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK:")


def test_a_missing_content_folder_is_one_clear_line(tmp_path):
    line = _one_clear_line(run_cli("--content", str(tmp_path / "nowhere"), "validate"))
    assert "nowhere" in line


# --- did you mean -----------------------------------------------------------------------


def test_did_you_mean_finds_the_near_miss_among_thousands():
    ids = [f"reference-{n:05d}" for n in range(8000)] + ["prompt-flow-deploy"]
    assert did_you_mean("prompt-flow-deplyo", ids) == " (did you mean 'prompt-flow-deploy'?)"
    assert did_you_mean("Prompt_Flow_Deploy", ids) == " (did you mean 'prompt-flow-deploy'?)"
    assert did_you_mean("reference-01234", ids) == " (did you mean 'reference-01234'?)"
    assert did_you_mean("zzzzzzzz", ids) == ""


def test_did_you_mean_gives_the_same_answer_for_a_repeated_mistake():
    known = dict.fromkeys(["genai-for-beginners", "prompt-flow", "content-safety"])
    first = [did_you_mean("prompt-flwo", known) for _ in range(3)]
    assert first == [" (did you mean 'prompt-flow'?)"] * 3
    known["prompt-flwo"] = None  # a different catalog gives a fresh answer
    assert did_you_mean("prompt-flwo", known) == " (did you mean 'prompt-flwo'?)"


def test_many_unknown_ids_each_get_a_problem(tmp_path):
    content = copy_content(tmp_path)
    path = content / "levels.yml"
    text = path.read_text(encoding="utf-8")
    bad = "".join(f"      - missing-ref-{n}\n" for n in range(300))
    path.write_text(text.replace("      - prompt-flow-deploy\n", "      - prompt-flow-deploy\n" + bad, 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(content)
    unknown = [p for p in err.value.problems if "unknown reference 'missing-ref-" in p.message]
    assert len(unknown) == 300
