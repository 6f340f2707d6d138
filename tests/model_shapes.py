"""Edits a contributor makes to content/, as code: a content-only release, and the
shape changes the model may go through (an eighth question, a fifth level, options worth
1-4 points, a tiny three-question model). Each works on any valid content folder, so
tests apply them both to the frozen tests/fixtures/content and to a copy of content/.

Every shape change publishes a new edition (the default) and a MAJOR release with the
new scoring fingerprint, as CONTRIBUTING.md tells a contributor to. Also a command:
`python -m tests.model_shapes rescore DIR` writes DIR's fingerprint into its newest release.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a command: `python tests/model_shapes.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.content import FILES  # noqa: E402
from generator.prose import restate_counts  # noqa: E402
from generator.scoring import SCORING_FILES, fingerprint  # noqa: E402
from tests.helpers import build_site, repo_with  # noqa: E402,F401  (repo_with: for the tests that import it from here)

Data = dict[str, dict]


def read(folder: Path) -> Data:
    return {name: yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8")) for name in FILES}


class _Indented(yaml.SafeDumper):
    """Lists indented under their key, as the content files write them."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data):  # content refuses anchors: write shared values out
        return True


def write(folder: Path, data: Data) -> None:
    for name, doc in data.items():
        text = yaml.dump(doc, Dumper=_Indented, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"{name}.yml").write_text(f"# yaml-language-server: $schema=../schema/{name}.schema.json\n{text}", encoding="utf-8")


def rescore(folder: Path) -> str:
    """Write the folder's scoring fingerprint into its newest release; return it."""
    value = fingerprint(*(yaml.safe_load((folder / f"{n}.yml").read_text(encoding="utf-8")) for n in SCORING_FILES))
    path = folder / "changelog.yml"
    path.write_text(re.sub(r"scoring: [0-9a-f]{12}", f"scoring: {value}", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    return value


def _bump(version: str, part: str) -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    return {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}"}[part]


def release(folder: Path, part: str, change: str) -> str:
    """Bump model.yml's version and add a release on top of changelog.yml, by text, the
    way a contributor edits: comments and layout stay. Returns the new version."""
    model = folder / "model.yml"
    text = model.read_text(encoding="utf-8")
    old = re.search(r"^version: (\S+)$", text, flags=re.M).group(1)
    new = _bump(old, part)
    model.write_text(text.replace(f"version: {old}\n", f"version: {new}\n", 1), encoding="utf-8")
    log = folder / "changelog.yml"
    text = log.read_text(encoding="utf-8")
    entry = f"releases:\n  - version: {new}\n    date: 2026-12-01\n    scoring: 000000000000\n    changes:\n      - {change}\n"
    log.write_text(text.replace("releases:\n", entry, 1), encoding="utf-8")
    rescore(folder)
    if part != "major":  # text-only: the fingerprint must not have moved
        releases = yaml.safe_load(log.read_text(encoding="utf-8"))["releases"]
        assert releases[0]["scoring"] == releases[1]["scoring"], "a text-only release changed scoring"
    return new


def patch(folder: Path, change: str) -> str:
    """A wording fix as a PATCH release: the first level's summary reworded in English, by
    text, and one English change note; no translation touched. Returns the new version."""
    levels = folder / "levels.yml"
    text = levels.read_text(encoding="utf-8")
    line = re.search(r"^ +summary: (?![|>])(.+)$", text, flags=re.M)
    assert line, f"{levels}: no one-line summary to reword"
    levels.write_text(text[:line.start(1)] + "Plainly put, " + text[line.start(1):], encoding="utf-8")
    return release(folder, "patch", change)


def _spread(low: int, high: int, level_ids: list[str]) -> dict:
    """Bands that tile low..high over the levels, as even as whole numbers allow."""
    n, width = len(level_ids), (high - low + 1) / len(level_ids)
    cuts = [low + round(i * width) for i in range(n)] + [high + 1]
    return {lid: {"min": cuts[i], "max": cuts[i + 1] - 1} for i, lid in enumerate(level_ids)}


def publish_edition(data: Data, edition_id: str, name: str, change: str, replace: bool = False) -> None:
    """A new edition on top, made the default: totals from the questions, even bands.
    With `replace`, it is the only edition (a new model rather than a new edition)."""
    questions = data["questions"]["questions"]
    low = sum(min(o["points"] for o in q["options"]) for q in questions)
    high = sum(max(o["points"] for o in q["options"]) for q in questions)
    level_ids = [lv["id"] for lv in data["levels"]["levels"]]
    default = next(e for e in data["editions"]["editions"] if e["id"] == data["editions"]["default"])
    edition = {
        "id": edition_id, "name": name, "dates": [{"date": "2026-12-01", "of": "date of the source"}], "total": {"min": low, "max": high},
        "bands": _spread(low, high, level_ids), "sources": list(default["sources"]),
        "summary": f"{change} Totals run from {low} to {high}.",
        "terms": dict(default["terms"]), "changes": [change],
    }
    if "held_back" in default:
        edition["held_back"] = dict(default["held_back"])
    if replace:
        data["editions"]["editions"] = []
    data["editions"]["editions"].insert(0, edition)
    data["editions"]["default"] = edition_id


def spread_option_levels(data: Data) -> None:
    """Each question's options indicate the levels lowest first, as evenly as whole
    options allow, from the lowest level to the highest (as a contributor adding a level
    or dropping an option must)."""
    top = len(data["levels"]["levels"]) - 1
    for q in data["questions"]["questions"]:
        last = max(len(q["options"]) - 1, 1)
        for i, option in enumerate(q["options"]):
            option["level"] = data["levels"]["levels"][int(i * top / last + 0.5)]["id"]


def _restate(data: Data, folder: Path) -> None:
    """Prose that counts levels or questions says the new counts (validate warns otherwise)."""
    counts = {"level": len(data["levels"]["levels"]), "question": len(data["questions"]["questions"])}
    for key in ("tagline", "definition"):
        data["model"][key] = restate_counts(data["model"][key], counts)
    for page in (folder / "pages").glob("*.md"):
        page.write_text(restate_counts(page.read_text(encoding="utf-8"), counts), encoding="utf-8")


def eight_questions(data: Data) -> str:
    questions = data["questions"]["questions"]
    extra = copy.deepcopy(questions[-1])
    extra.update(id="agents", dimension="Agents and tool use", question="How are the tools your agents call controlled?")
    questions.append(extra)
    publish_edition(data, "with-agents", "With an agents question", "A question on agents is added.")
    return "An agents question; totals grow."


def five_levels(data: Data) -> str:
    levels = data["levels"]["levels"]
    extra = copy.deepcopy(levels[-1])
    extra.update(id="autonomous", number=len(levels) + 1, name="Autonomous", slug="autonomous", summary="Systems that improve themselves under watch.")
    levels.append(extra)
    spread_option_levels(data)
    publish_edition(data, "five-levels", "Five levels", "A fifth level is added; earlier editions do not have it.")
    return "A fifth level."


def one_to_four(data: Data) -> str:
    for q in data["questions"]["questions"]:
        q["options"] = [o for o in q["options"] if o["points"] != min(p["points"] for p in q["options"])]
    spread_option_levels(data)
    publish_edition(data, "one-to-four", "Options from one point", "The lowest option of each question is dropped.")
    return "Options worth 1-4 points."


def tiny(data: Data) -> str:
    data["questions"]["questions"] = data["questions"]["questions"][:3]
    levels = data["levels"]["levels"] = data["levels"]["levels"][:3]
    levels[-1]["advance"] = levels[-1]["advance"][:1]
    spread_option_levels(data)
    publish_edition(data, "tiny", "Tiny", "Three questions and three levels.", replace=True)
    return "A three-question, three-level model."


SHAPES: dict[str, Callable[[Data], str]] = {
    "eight-questions": eight_questions, "five-levels": five_levels, "one-to-four": one_to_four, "tiny": tiny,
}


def reshape(folder: Path, shape: str) -> str:
    """Apply a shape change to a content folder, as a MAJOR release. Returns the version."""
    data = read(folder)
    change = SHAPES[shape](data)
    _restate(data, folder)
    write(folder, data)
    return release(folder, "major", change)


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    print(rescore(folder) if command == "rescore" else reshape(folder, command))


# --- Whole sites from a content folder ------------------------------------------------------

def build(content: Path, work: Path) -> Path:
    """Build the site of `content` in `work`, as `make build` would; return the site folder."""
    repo = repo_with(content, work / "repo")
    site = work / "site"
    result = build_site(site, repo / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return site
