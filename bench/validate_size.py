"""Validation time on about 1 MB of content, best case and worst cases.

Why: validation must stay fast however many mistakes the content holds (the limit is
the `validate_1mb` target in targets.py). It used to grow with the square of the mistakes
(the did-you-mean search compared every unknown id with every known one).

Cases, each written into a temporary copy of content/ and checked with
`python -m generator --content <copy> validate`, as a contributor runs it (interpreter
start included; best of three runs):

* valid: synthetic.py's content scaled to about 1 MB, no problems;
* unknown ids: the same, with every citation (levels and options) misspelled, each
  differently, so each needs its own suggestion search: thousands of problems;
* hidden characters: the same, with a control character appended to every text value:
  thousands of schema problems;
* the issue's shape: 8,000 references, and 200 citations of ids that do not exist;
* unknown translation keys: the repository's content, with its first translation's
  text.yml grown to about 1 MB by keys English does not have (in the site's words, and
  one level more under a level), each its own problem to locate and suggest for.

Usage: .venv/bin/python bench/validate_size.py   (prints a table; `run()` returns the numbers)
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402

TARGET_BYTES = 1_000_000


def _typo(ref_id: str, n: int) -> str:
    """A different misspelling for each citation: one letter dropped, a tag added."""
    cut = n % max(1, len(ref_id) - 1)
    return f"{ref_id[:cut]}{ref_id[cut + 1:]}-t{n}"


def _misspell_citations(data: dict) -> None:
    n = 0
    for level in data["levels"]["levels"]:
        level["references"] = [_typo(r, n := n + 1) for r in level["references"]]
    for question in data["questions"]["questions"]:
        for option in question["options"]:
            option["references"] = [_typo(r, n := n + 1) for r in option.get("references", [])]


def _hide_characters(node):
    """Every text value with a NUL appended (keys and structure left alone)."""
    if isinstance(node, dict):
        return {k: _hide_characters(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_hide_characters(v) for v in node]
    return node + "\x00" if isinstance(node, str) else node


def _issue_shape(data: dict) -> None:
    """8,000 references (short titles and addresses, so references.yml stays under the
    1 MB cap) and 200 citations of ids that do not exist."""
    refs = data["references"]["references"]
    template = refs[0]
    for n in range(len(refs), 8000):
        refs.append({**template, "id": f"catalog-entry-{n}", "title": f"Entry {n}", "url": f"https://example.com/d/{n}"})
    data["levels"]["levels"][0]["references"] += [f"catalog-entyr-{n}" for n in range(200)]


def _unknown_translation_keys(content: Path, size: int = TARGET_BYTES) -> None:
    """Grow the first translation's text.yml to about `size` bytes with keys English does
    not have: a flat run under `ui` (one mapping of tens of thousands of keys) and a run
    of misspelled level fields, each a problem of its own."""
    import yaml

    text = sorted((content / "translations").glob("*/text.yml"))[0]
    data = yaml.safe_load(text.read_text(encoding="utf-8"))
    level = next(iter(data["levels"]))
    n = (size - len(text.read_bytes())) // 33  # about 32 bytes a key, as written below: stays under the size cap
    data["ui"].update({f"unknown_word_{i:06d}": f"words {i}" for i in range(n // 2)})
    data["levels"][level].update({f"sumary_{i:06d}": f"words {i}" for i in range(n // 2)})
    out = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    text.write_text(out, encoding="utf-8")


def _yaml_bytes(data: dict) -> int:
    import yaml

    return sum(len(yaml.safe_dump(data[n], sort_keys=False, allow_unicode=True, width=1000).encode()) for n in synthetic.FILES)


def _scaled_to(source: Path, size: int) -> dict:
    """synthetic.py's content grown to about `size` bytes of YAML (some lists are capped,
    so bytes do not grow in proportion to the factor: measure, then correct once)."""
    original = synthetic.read_content(source)
    factor = max(1, round(size / _yaml_bytes(original)))
    data = synthetic.scale(original, factor)
    factor = max(1, round(factor * size / _yaml_bytes(data)))
    return synthetic.scale(original, factor)


def _validate(content: Path, project: Path, repeats: int = 3) -> tuple[float, int, int]:
    """Best wall time of `repeats` CLI runs, the exit code, and the number of problems
    (errors and warnings, each a `path:line:col: ...` line; a translation's unknown keys
    are warnings, so that case exits 0)."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "generator", "--content", str(content), "validate"],
                                cwd=project, capture_output=True, text=True, timeout=600)
        times.append(time.perf_counter() - start)
    located = re.compile(r"^\S+:\d+:\d+: ")
    problems = sum(1 for line in (result.stdout + result.stderr).splitlines() if located.match(line))
    return min(times), result.returncode, problems


def run(workdir: Path, project: Path = ROOT, log=print) -> dict:
    """Write each case under `workdir` and time `project`'s generator on it:
    {case: {bytes, seconds, exit, problems}}. Each case folder holds the source's other
    files (ui.yml, pages/), without which even the valid case fails; not its translations,
    which would report every synthetic text as untranslated."""
    source = project / "content"
    base = _scaled_to(source, TARGET_BYTES)
    cases = {
        "valid": base,
        "unknown ids": copy.deepcopy(base),
        "hidden characters": _hide_characters(base),
        "8,000 references, 200 unknown": synthetic.read_content(source),
    }
    _misspell_citations(cases["unknown ids"])
    _issue_shape(cases["8,000 references, 200 unknown"])
    results = {}
    translated = workdir / "unknown-translation-keys"
    shutil.copytree(source, translated)
    _unknown_translation_keys(translated)
    for name, data in [*cases.items(), ("unknown translation keys", None)]:
        content = workdir / name.replace(" ", "-").replace(",", "")
        if data is None:
            size = max(p.stat().st_size for p in content.glob("translations/*/text.yml"))
        else:
            shutil.copytree(source, content, ignore=shutil.ignore_patterns("translations"))
            synthetic.write_content(data, content)
            size = sum((content / f"{n}.yml").stat().st_size for n in synthetic.FILES)
        seconds, code, problems = _validate(content, project)
        results[name] = {"bytes": size, "seconds": seconds, "exit": code, "problems": problems}
        log(f"  validate {name}: {size / 1e6:.2f} MB, {problems} problems, {seconds:.2f} s")
    return results


def table(results: dict, limit: float) -> list[str]:
    rows = [f"| Case | YAML | Problems | Exit | Seconds (best of 3) | Under {limit:g} s |", "|---|---:|---:|---:|---:|---|"]
    for name, r in results.items():
        ok = "yes" if r["seconds"] < limit else "**no**"
        rows.append(f"| {name} | {r['bytes'] / 1e6:.2f} MB | {r['problems']:,} | {r['exit']} | {r['seconds']:.2f} | {ok} |")
    return rows


if __name__ == "__main__":
    import targets

    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="validate-size-") as tmp:
        print("\n".join(table(run(Path(tmp)), targets.target("validate_1mb").limit)))
