"""What a content change does, for the reviewer of a pull request: `python -m generator diff`.

A text diff of YAML shows lines. A reviewer needs to know what they mean: which levels,
questions, options, references, editions and translated words were added, removed or
reworded; whether scoring moved (the fingerprint before and after) and, if it did, how
many of all answer combinations now land on another level; which share links and files
still fit; the version bump the change needs against the one it declares; and which pages
of the site change. Every part is worked out from the two content folders alone.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.content import FILES
from generator.errors import ContentError
from generator.loader import load_content
from generator.render import assessment_data, render_site
from generator.scoring import SCORING_FILES, fingerprint
from generator.translate import TRANSLATIONS
from generator.yamlfile import LOADER, leaves

ROOT = Path(__file__).resolve().parent.parent
LEVEL_CHANGES = ROOT / "tools" / "level-changes.mjs"
EXHAUSTIVE_UP_TO = 2_000_000
"""Answer combinations scored one by one up to this many; above it, a seeded sample."""
SAMPLE = 200_000

KINDS = (  # (what, file, list key, what names one)
    ("level", "levels", "levels", "id"),
    ("question", "questions", "questions", "id"),
    ("reference", "references", "references", "id"),
    ("edition", "editions", "editions", "id"),
)
BUMP_ORDER = ("none", "patch", "minor", "major")


@dataclass
class Changes:
    """What changed, by kind: added and removed ids, reworded fields ('question models: why')."""

    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    reworded: list[str] = field(default_factory=list)

    def any(self) -> bool:
        return any(self.added.values()) or any(self.removed.values()) or bool(self.reworded)


def read_raw(folder: Path) -> dict[str, dict]:
    """Each content file's data, as YAML reads it (no checks: the base may predate them)."""
    data = {}
    for name in FILES:
        path = folder / f"{name}.yml"
        data[name] = _yaml(path) if path.is_file() else {}
    return data


def flatten(value) -> dict[str, object]:
    """{'a': {'b': [1]}} -> {'a.b.0': 1}: every leaf by its path, to compare two documents."""
    return {".".join(str(p) for p in path): leaf for path, leaf in leaves(value)}


def entity_changes(before: dict, after: dict) -> Changes:
    changes = Changes()
    for what, file, key, ident in KINDS:
        old = _by_id(before.get(file, {}), key, ident)
        new = _by_id(after.get(file, {}), key, ident)
        changes.added[what] = [i for i in new if i not in old]
        changes.removed[what] = [i for i in old if i not in new]
        for i in (i for i in new if i in old):
            a, b = flatten(old[i]), flatten(new[i])
            for path in sorted(set(a) | set(b)):
                if a.get(path) != b.get(path):
                    changes.reworded.append(f"{what} `{i}`: `{path}`")
    for file in ("model", "changelog", "ui"):
        a, b = flatten(before.get(file, {})), flatten(after.get(file, {}))
        if file == "changelog":  # a new release is the change's own record, not a change to review
            continue
        for path in sorted(set(a) | set(b)):
            if a.get(path) != b.get(path) and (file, path) != ("model", "version"):  # the version: see ### Version
                changes.reworded.append(f"`content/{file}.yml`: `{path}`")
    return changes


def _by_id(doc, key: str, ident: str) -> dict[str, dict]:
    items = doc.get(key, []) if isinstance(doc, dict) else []
    if isinstance(items, dict):  # references.yml keeps a mapping or a list, by id
        return {str(k): v for k, v in items.items()}
    return {str(item.get(ident)): item for item in items if isinstance(item, dict)}


def translation_changes(before: Path, after: Path) -> dict[str, list[str]]:
    """Per language, the keys of its words and the hand-written pages that changed."""
    found: dict[str, list[str]] = {}
    names = {p.name for base in (before, after) if (base / TRANSLATIONS).is_dir() for p in (base / TRANSLATIONS).iterdir() if p.is_dir()}
    for language in sorted(names):
        old, new = before / TRANSLATIONS / language, after / TRANSLATIONS / language
        changed = []
        a = flatten(_yaml(old / "text.yml")) if (old / "text.yml").is_file() else {}
        b = flatten(_yaml(new / "text.yml")) if (new / "text.yml").is_file() else {}
        changed += [f"`{path}`" for path in sorted(set(a) | set(b)) if a.get(path) != b.get(path)]
        changed += [f"page `{p}`" for p in _changed_files(old / "pages", new / "pages")]
        if changed:
            found[language] = changed
    return found


def _yaml(path: Path):
    """A file's data, read by libyaml where PyYAML has it (LOADER: a safe loader, as
    yaml.safe_load; the pure-Python reader made a report take seconds)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}


def _changed_files(old: Path, new: Path) -> list[str]:
    files = lambda folder: {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else {}  # noqa: E731
    a, b = files(old), files(new)
    return sorted(p for p in set(a) | set(b) if a.get(p) != b.get(p))


def needed_bump(scoring_changed: bool, changes: Changes, translations: dict, pages_changed: list[str]) -> tuple[str, str]:
    """The smallest version bump the change needs, and why (CONTRIBUTING.md's rules)."""
    if scoring_changed:
        return "major", "scoring changed: the same answers can give another result"
    added = [f"{what} {', '.join(f'`{i}`' for i in ids)}" for what, ids in changes.added.items() if ids]
    removed = [f"{what} {', '.join(f'`{i}`' for i in ids)}" for what, ids in changes.removed.items() if ids]
    if added or removed:
        return "minor", "added " + "; ".join(added) if added else "removed " + "; ".join(removed)
    if changes.reworded or translations or pages_changed:
        return "patch", "wording only: no id added or removed, scoring unchanged"
    return "none", "nothing a reader sees changed"


def declared_bump(old: str, new: str) -> str:
    try:
        a, b = [tuple(int(x) for x in str(v).split(".")) for v in (old, new)]
    except ValueError:
        return "none"
    if b[0] > a[0]:
        return "major"
    if b[:2] > a[:2]:
        return "minor"
    return "patch" if b > a else "none"


def level_changes(before: dict, after: dict, node: str = "node") -> dict | None:
    """How many answer combinations land on another level (by total, or in practice), scored
    by the site's own scorer (scoring.js) through tools/level-changes.mjs. None when the two
    models do not take the same answers (then old answers do not all fit: see `fit`)."""
    if _answers(before) != _answers(after) or not shutil.which(node):
        return None
    count = 1
    for answers in _answers(before).values():
        count *= len(answers)
    request = {"before": before, "after": after, "sample": 0 if count <= EXHAUSTIVE_UP_TO else SAMPLE}
    result = subprocess.run([node, str(LEVEL_CHANGES)], input=json.dumps(request), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _answers(model: dict) -> dict[str, list]:
    """Every answer each question takes: its options' points, then 'na' and 'dk' where allowed."""
    unscored = bool(model.get("unscored"))
    return {q["id"]: [o["points"] for o in q["options"]] + (["na"] if q.get("not_applicable") else []) + (["dk"] if unscored else [])
            for q in model["questions"]}


def fit(before: dict, after: dict) -> list[str]:
    """What happens to share links and files made before the change."""
    old, new = _answers(before), _answers(after)
    lines = []
    if gone := [q for q in old if q not in new]:
        lines.append(f"Answers to {', '.join(f'`{q}`' for q in gone)} are left out when an older link or file opens (the question is gone).")
    if added := [q for q in new if q not in old]:
        lines.append(f"Older links and files leave {', '.join(f'`{q}`' for q in added)} unanswered: the page asks for it before it gives a level.")
    for q in (q for q in old if q in new):
        if lost := [str(a) for a in old[q] if a not in new[q]]:
            lines.append(f"`{q}`: an older answer of {', '.join(lost)} no longer exists and is left out when it opens.")
    if not lines:
        lines.append("Every share link and file made before this change still fits: the same questions take the same answers.")
    return lines


def model_diff(before_dir: Path, after_dir: Path) -> str:
    """The Markdown report of what the change from `before_dir` to `after_dir` does."""
    out = ["## What this content change does", ""]
    try:
        before, after = load_content(before_dir), load_content(after_dir)
    except ContentError as err:
        return "\n".join([*out, "The content does not validate, so its effect cannot be worked out:", "", "```text", err.report(), "```", ""])
    raw_before, raw_after = read_raw(before_dir), read_raw(after_dir)
    prints = [fingerprint(*(raw[n] for n in SCORING_FILES)) for raw in (raw_before, raw_after)]
    scoring_changed = prints[0] != prints[1]
    changes = entity_changes(raw_before, raw_after)
    translations = translation_changes(before_dir, after_dir)
    pages_before, pages_after = render_site(before), render_site(after)
    pages = sorted(p for p in set(pages_before) | set(pages_after) if pages_before.get(p) != pages_after.get(p))
    pages += [f"{p} (hand-written)" for p in _changed_files(before_dir / "pages", after_dir / "pages")]

    out += ["### Model", ""]
    for verb, found in (("Added", changes.added), ("Removed", changes.removed)):
        out += [f"- {verb} {what}: {', '.join(f'`{i}`' for i in ids)}" for what, ids in found.items() if ids]
    out += [f"- Changed {item}" for item in changes.reworded]
    if not changes.any():
        out.append("- No change to the English model.")
    out += ["", "### Translations", ""]
    out += [f"- {language}: {', '.join(items)}" for language, items in translations.items()] or ["- No change."]

    out += ["", "### Scoring", "", f"Fingerprint {prints[0]} -> {prints[1]}: " + ("**scoring changed**." if scoring_changed else "unchanged."), ""]
    model_before, model_after = assessment_data(before), assessment_data(after)
    if scoring_changed:
        moved = level_changes(model_before, model_after)
        if moved is None:
            out.append("The questions take other answers now, so old and new results are not compared answer for answer.")
        else:
            how = "all" if not moved["sampled"] else f"a seeded sample of {moved['scored']:,} of the"
            out.append(f"Of {how} {moved['combinations']:,} answer combinations, **{moved['changed']:,}** change level "
                       f"({moved['changed_practical']:,} change the level in practice):")
            out += ["", "| Level before | Combinations | Change level | To |", "|---|---|---|---|"]
            order = [lv["id"] for lv in model_before["levels"]] + ["none"]
            for level, row in sorted(moved["by_level"].items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)):
                to = ", ".join(f"{k}: {v:,}" for k, v in sorted(row["to"].items()))
                out.append(f"| {level} | {row['combinations']:,} | {row['changed']:,} | {to or '-'} |")
        out.append("")
    out += ["### Share links and files", ""] + [f"- {line}" for line in fit(model_before, model_after)]

    need, why = needed_bump(scoring_changed, changes, translations, pages)
    declared = declared_bump(before.version, after.version)
    verdict = "matches" if declared == need else ("is more than needed" if BUMP_ORDER.index(declared) > BUMP_ORDER.index(need) else "**is not enough**")
    out += ["", "### Version", "", f"Needs a **{need.upper()}** bump ({why}). It declares {before.version} -> {after.version}, "
            f"a {declared.upper()} bump, which {verdict}.", ""]
    out += ["### Pages that change", ""] + ([f"- `{p}`" for p in pages] or ["- None."]) + [""]
    return "\n".join(out)


def content_at(revision: str, repo: Path, into: Path) -> Path:
    """content/ as it was at a git revision, written out under `into`."""
    archive = subprocess.run(["git", "archive", revision, "content"], cwd=repo, capture_output=True, check=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "content"


def default_base(repo: Path) -> str:
    """The merge base with the default branch: origin's when there is one, else main."""
    for branch in ("origin/HEAD", "origin/main", "main"):
        found = subprocess.run(["git", "merge-base", "HEAD", branch], cwd=repo, capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.strip()
    return "HEAD"
