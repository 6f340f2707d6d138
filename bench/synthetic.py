"""Synthetic, larger-but-valid content for the scaling benchmark.

Why: the model is small today, and we want to know whether the generator and the
build grow linearly before the content does. The schema caps some lists (at most
9 levels, 20 questions, 5 options, 6 focus areas), so "N times larger" means:

* every list the schema does not cap is N times longer: references, each level's
  reference list and "advance" steps, each option's references, each edition's
  terms and changes, and the changelog's releases;
* questions grow to min(20, 7*N) (the schema's cap), each a copy of an original
  with its own id; levels stay at 4 (so the page count stays the same);
* what that costs in bytes is measured, not assumed: `content_size` reports the
  YAML bytes and record counts, and the report uses those for the linearity check.

The content stays valid: the default edition's total is recomputed from the
questions (0..4 points each), its bands are stretched over the new total in the
original proportions, and every release carries the new scoring fingerprint
(`generator.scoring.fingerprint`). `make_content` checks the result with
`generator.load_content` before returning, so a benchmark never times an error path.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import yaml

FILES = ("model", "levels", "references", "editions", "questions", "changelog")
MAX_QUESTIONS = 20  # questions.schema.json maxItems


def read_content(content_dir: Path) -> dict[str, dict]:
    """The content files as plain data (dates kept as text, as the generator does)."""
    from generator.yamlfile import load_yaml

    data = {}
    for name in FILES:
        doc, problems = load_yaml(content_dir / f"{name}.yml", f"content/{name}.yml")
        if problems:
            raise RuntimeError(f"default content does not load: {problems}")
        data[name] = doc.data
    return data


def _copies(ids: list[str], factor: int) -> list[str]:
    """Each id followed by its synthetic copies: [a, a-x1, ..., b, b-x1, ...]."""
    return [rid if j == 0 else f"{rid}-x{j}" for rid in ids for j in range(factor)]


def scale(data: dict[str, dict], factor: int) -> dict[str, dict]:
    """Content `factor` times larger in the sense described in the module docstring."""
    from generator.scoring import fingerprint

    d = copy.deepcopy(data)
    if factor == 1:
        return d

    refs = d["references"]["references"]
    d["references"]["references"] = [
        r if j == 0 else {**r, "id": f"{r['id']}-x{j}", "title": f"{r['title']} (copy {j})", "url": _copy_url(r["url"], j)}
        for r in refs
        for j in range(factor)
    ]

    for level in d["levels"]["levels"]:
        level["references"] = _copies(level["references"], factor)
        level["advance"] = [s if j == 0 else f"{s} (Variant {j}.)" for s in level["advance"] for j in range(factor)]

    originals = d["questions"]["questions"]
    count = min(MAX_QUESTIONS, len(originals) * factor)
    questions = []
    for i in range(count):
        q = copy.deepcopy(originals[i % len(originals)])
        j = i // len(originals)
        if j:
            q["id"] = f"{q['id']}-x{j}"
            q["dimension"] = f"{q['dimension'][:40]} {j}"
        for option in q["options"]:
            if "references" in option:
                option["references"] = _copies(option["references"], factor)
        questions.append(q)
    d["questions"]["questions"] = questions

    default = d["editions"]["default"]
    for edition in d["editions"]["editions"]:
        edition["terms"] = {(t if j == 0 else f"{t} {j}"): v for t, v in edition["terms"].items() for j in range(factor)}
        edition["changes"] = [c if j == 0 else f"{c} (Variant {j}.)" for c in edition["changes"] for j in range(factor)]
        if edition["id"] == default:
            old = (edition["total"]["min"], edition["total"]["max"])
            low = sum(min(o["points"] for o in q["options"]) for q in questions)
            high = sum(max(o["points"] for o in q["options"]) for q in questions)
            edition["total"] = {"min": low, "max": high}
            _stretch_bands(edition, old, (low, high))

    newest = d["changelog"]["releases"][0]
    major = int(newest["version"].split(".")[0])
    releases = []
    for j in range(factor):  # newest first: major.(factor-1).0 ... major.0.0
        release = copy.deepcopy(newest)
        release["version"] = f"{major}.{factor - 1 - j}.0"
        release["changes"] = [f"Synthetic release {factor - 1 - j}: {c}" for c in release["changes"]]
        releases.append(release)
    d["changelog"]["releases"] = releases
    d["model"]["version"] = releases[0]["version"]

    scoring = fingerprint(d["questions"], d["levels"], d["editions"])
    for release in releases:
        release["scoring"] = scoring
    return d


def _copy_url(url: str, j: int) -> str:
    return f"{url}{'&' if '?' in url else '?'}bench-copy={j}"


def _stretch_bands(edition: dict, old: tuple[int, int], new: tuple[int, int]) -> None:
    """Map each of the edition's bands (keyed by level id, in level order) onto the new
    total range, keeping the proportions and the tiling."""
    (old_lo, old_hi), (new_lo, new_hi) = old, new

    def at(x: int) -> int:
        return new_lo + round((x - old_lo) * (new_hi - new_lo) / (old_hi - old_lo))

    ids = list(edition["bands"])
    starts = [at(edition["bands"][lid]["min"]) for lid in ids]
    edition["bands"] = {lid: {"min": starts[i], "max": starts[i + 1] - 1 if i + 1 < len(ids) else new_hi} for i, lid in enumerate(ids)}


class _WrittenOut(yaml.SafeDumper):
    """A value used twice is written out twice: `scale` shares objects between copies, which
    PyYAML would write as anchors and aliases, and the generator refuses those (a
    contributor's YAML must say each value in full)."""

    def ignore_aliases(self, data) -> bool:
        return True


def write_content(data: dict[str, dict], content_dir: Path) -> None:
    """Write the YAML files (pages/ and anything else in content_dir are left alone)."""
    for name in FILES:
        text = yaml.dump(data[name], Dumper=_WrittenOut, sort_keys=False, allow_unicode=True, width=1000)
        (content_dir / f"{name}.yml").write_text(text, encoding="utf-8")


def content_size(content_dir: Path) -> dict:
    """Bytes of YAML and record counts: the 'size' the linearity check divides by."""
    data = read_content(content_dir)
    return {
        "yaml_bytes": sum((content_dir / f"{n}.yml").stat().st_size for n in FILES),
        # compact JSON of the data: the same measure whether or not the YAML has comments
        "data_bytes": len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")),
        "references": len(data["references"]["references"]),
        "level_citations": sum(len(lv["references"]) for lv in data["levels"]["levels"]),
        "questions": len(data["questions"]["questions"]),
        "option_citations": sum(len(o.get("references", [])) for q in data["questions"]["questions"] for o in q["options"]),
        "releases": len(data["changelog"]["releases"]),
    }


def make_content(source_dir: Path, target_dir: Path, factor: int) -> dict:
    """Write `factor`x content into target_dir (a copy of content/), check it loads, return its size."""
    from generator import ContentError, load_content

    write_content(scale(read_content(source_dir), factor), target_dir)
    try:
        load_content(target_dir)
    except ContentError as err:  # a bug in this module, not a benchmark result
        raise RuntimeError(f"synthetic {factor}x content is invalid:\n{err.report()}") from None
    return content_size(target_dir)


if __name__ == "__main__":  # quick look: python bench/synthetic.py
    import sys
    import tempfile

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    for n in (1, 10, 100):
        with tempfile.TemporaryDirectory() as tmp:
            print(n, json.dumps(make_content(root / "content", Path(tmp), n)))
