"""Loading YAML: values keep their line and column, and YAML's quiet surprises are refused."""

from __future__ import annotations

from generator.yamlfile import load_yaml


def load(tmp_path, text: str | bytes):
    path = tmp_path / "levels.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_yaml(path, "content/levels.yml")


def test_positions_of_values_and_keys_are_remembered(tmp_path):
    doc, problems = load(tmp_path, "levels:\n  - id: initial\n    name: Initial\n")
    assert problems == []
    assert doc.data == {"levels": [{"id": "initial", "name": "Initial"}]}
    assert doc.at[("levels", 0, "name")] == (3, 11)
    assert doc.key_at[("levels", 0, "name")] == (3, 5)


def test_duplicate_key_is_refused_with_both_lines(tmp_path):
    _, problems = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [str(p) for p in problems] == ["content/levels.yml:3:1: duplicate key 'a' (first at line 1) - keep one of them"]


def test_dates_stay_text(tmp_path):
    doc, _ = load(tmp_path, "date: 2026-11-25\n")
    assert doc.data == {"date": "2026-11-25"}


def test_tab_is_reported_where_it_stands(tmp_path):
    _, problems = load(tmp_path, "a:\n\tb: 1\n")
    assert (problems[0].line, problems[0].col) == (2, 1)
    assert "tab" in problems[0].message


def test_syntax_error_has_a_position_and_a_hint(tmp_path):
    _, problems = load(tmp_path, "a: [1, 2\nb: 3\n")
    assert len(problems) == 1 and problems[0].line >= 1 and "YAML syntax error" in problems[0].message


def test_bom_and_non_utf8_are_refused(tmp_path):
    _, problems = load(tmp_path, b"\xef\xbb\xbfa: 1\n")
    assert "byte-order mark" in problems[0].message
    _, problems = load(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert (problems[0].line, problems[0].col) == (2, 7) and "not UTF-8" in problems[0].message


def test_aliases_are_refused(tmp_path):
    _, problems = load(tmp_path, "a: &x 1\nb: *x\n")
    assert {p.line for p in problems} == {1, 2}


def test_empty_file_is_refused(tmp_path):
    _, problems = load(tmp_path, "# only a comment\n")
    assert "empty" in problems[0].message
