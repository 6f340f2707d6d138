"""Checks the schema cannot express: ids that must exist, bands that must tile the
total range, versions that must move when scoring moves.

Each rule is a small function of the parsed documents that yields Problems. A rule
runs only when every file it reads passed its schema, so it can trust the shapes; a file
a rule names as `loose` need only parse (the rule reads it defensively).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise

from generator.errors import Problem, did_you_mean, unknown_placeholders
from generator.schema import not_allowed, where_in
from generator.scoring import SCORING_FILES, fingerprint
from generator.words import markup_problems, ui_problems
from generator.yamlfile import YamlDoc

Docs = dict[str, YamlDoc]
Rule = Callable[[Docs], Iterator[Problem]]
RULES: list[tuple[tuple[str, ...], tuple[str, ...], Rule]] = []


def rule(*needs: str, loose: tuple[str, ...] = ()):
    """Register a rule that reads the named files (each schema-valid) and the `loose` ones
    (each parsed, perhaps against its schema: a typo in one reference must not hide every
    unknown citation)."""

    def register(fn: Rule) -> Rule:
        RULES.append((needs, loose, fn))
        return fn

    return register


def check_rules(docs: Docs, parsed: Docs | None = None) -> list[Problem]:
    """Run every rule whose files are there: `docs` holds the schema-valid files, `parsed`
    every file that parsed."""
    parsed = parsed or docs
    return [
        p
        for needs, loose, fn in RULES
        if all(n in docs for n in needs) and all(n in parsed for n in loose)
        for p in fn({**docs, **{n: parsed[n] for n in loose}})
    ]


def _reference_ids(doc: YamlDoc | None) -> list[str] | None:
    """Reference ids from a parsed references.yml, even one that broke its schema."""
    refs = doc.data.get("references") if doc and isinstance(doc.data, dict) else None
    if not isinstance(refs, list) or not refs:
        return None  # no catalog to check against: the schema already reported it
    return [r["id"] for r in refs if isinstance(r, dict) and isinstance(r.get("id"), str)]


def _unique(doc: YamlDoc, items: list[dict], list_path: tuple, key: str, what: str) -> Iterator[Problem]:
    seen: dict[object, int] = {}
    for i, item in enumerate(items):
        value = item[key]
        if value in seen:
            first = doc.where(list_path + (seen[value], key))[0]
            yield doc.problem(list_path + (i, key), f"{what} '{value}' is used twice (first at line {first}) - each {what} must be unique; rename one")
        else:
            seen[value] = i


@rule("levels")
def unique_level_ids_and_slugs(docs: Docs) -> Iterator[Problem]:
    doc = docs["levels"]
    yield from _unique(doc, doc.data["levels"], ("levels",), "id", "level id")
    yield from _unique(doc, doc.data["levels"], ("levels",), "slug", "slug")


@rule("references")
def unique_references(docs: Docs) -> Iterator[Problem]:
    doc = docs["references"]
    refs = doc.data["references"]
    yield from _unique(doc, refs, ("references",), "id", "reference id")
    seen: dict[str, str] = {}
    for i, ref in enumerate(refs):
        if ref["url"] in seen and seen[ref["url"]] != ref["id"]:
            yield doc.problem(("references", i, "url"), f"reference '{ref['id']}': same address as '{seen[ref['url']]}' - one document is one reference; cite '{seen[ref['url']]}' instead")
        seen.setdefault(ref["url"], ref["id"])


@rule("references")
def kinds_are_listed(docs: Docs) -> Iterator[Problem]:
    """Each reference's kind is one of `kinds:`, the one list of kinds (the level pages
    take their order and headings from it)."""
    doc = docs["references"]
    yield from _unique(doc, doc.data["kinds"], ("kinds",), "id", "kind")
    kinds = [k["id"] for k in doc.data["kinds"]]
    for i, ref in enumerate(doc.data["references"]):
        if ref["kind"] not in kinds:
            path = ("references", i, "kind")
            yield doc.problem(path, not_allowed(where_in(doc.data, path), ref["kind"], kinds))


@rule("references")
def status_names_references(docs: Docs) -> Iterator[Problem]:
    """A retiring reference names its replacement and its notice by id, as levels cite."""
    doc = docs["references"]
    ids = [r["id"] for r in doc.data["references"]]
    for i, ref in enumerate(doc.data["references"]):
        for key in ("replaced_by", "notice") if "status" in ref else ():
            named = ref["status"][key]
            if named not in ids or named == ref["id"]:
                why = "names the reference itself" if named == ref["id"] else f"unknown reference '{named}'{did_you_mean(named, ids)}"
                yield doc.problem(("references", i, "status", key), f"reference '{ref['id']}': status > {key}: {why} - name another reference of content/references.yml")


@rule("editions")
def unique_editions_and_default(docs: Docs) -> Iterator[Problem]:
    doc = docs["editions"]
    editions = doc.data["editions"]
    yield from _unique(doc, editions, ("editions",), "id", "edition id")
    ids = [e["id"] for e in editions]
    if doc.data["default"] not in ids:
        yield doc.problem(("default",), f"default edition '{doc.data['default']}' does not exist{did_you_mean(doc.data['default'], ids)} - use one of: {', '.join(ids)}")
    for i, e in enumerate(editions):
        if e["total"]["min"] > e["total"]["max"]:
            yield doc.problem(("editions", i, "total"), f"edition '{e['id']}': total runs from {e['total']['min']} down to {e['total']['max']} - min must not be above max")


@rule("questions")
def questions_are_well_formed(docs: Docs) -> Iterator[Problem]:
    doc = docs["questions"]
    questions = doc.data["questions"]
    yield from _unique(doc, questions, ("questions",), "id", "question id")
    for qi, q in enumerate(questions):
        points = [o["points"] for o in q["options"]]
        for oi, p in enumerate(points):
            if p in points[:oi]:
                yield doc.problem(("questions", qi, "options", oi, "points"), f"question '{q['id']}': {p} points is given to two options - each option needs different points")
            elif oi and p < points[oi - 1]:
                yield doc.problem(("questions", qi, "options", oi, "points"), f"question '{q['id']}': options must go from fewest to most points, but {p} comes after {points[oi - 1]} - reorder them")


@rule("levels")
def levels_are_numbered_in_order(docs: Docs) -> Iterator[Problem]:
    doc = docs["levels"]
    for i, level in enumerate(doc.data["levels"]):
        if level["number"] != i + 1:
            yield doc.problem(("levels", i, "number"), f"level '{level['id']}': number {level['number']} is out of order - levels are listed lowest first and numbered 1, 2, 3...; this one should be {i + 1}")


def _known(doc: YamlDoc, cited: list[tuple[tuple, str]], known: dict[str, None], owner: str) -> Iterator[Problem]:
    """Each (path in `doc`, reference id) of `cited` names a reference in references.yml."""
    for path, ref in cited:
        if ref not in known:
            yield doc.problem(path, f"{owner}: unknown reference '{ref}'{did_you_mean(ref, known)} - references are listed in content/references.yml")


def _catalog(docs: Docs) -> dict[str, None]:
    """The reference ids, ordered (for suggestions) and constant-time to look up. None
    when there is no catalog to check against: the schema reported that already."""
    ids = _reference_ids(docs["references"])
    return None if ids is None else dict.fromkeys(ids)


def _each(path: tuple, ids: list[str]) -> list[tuple[tuple, str]]:
    return [(path + (j,), ref) for j, ref in enumerate(ids)]


@rule("levels", loose=("references",))
def levels_cite_known_references(docs: Docs) -> Iterator[Problem]:
    levels, known = docs["levels"], _catalog(docs)
    for i, level in enumerate(levels.data["levels"] if known is not None else ()):
        yield from _known(levels, _each(("levels", i, "references"), level["references"]), known, f"level '{level['id']}'")


@rule("questions", loose=("references",))
def options_cite_known_references(docs: Docs) -> Iterator[Problem]:
    questions, known = docs["questions"], _catalog(docs)
    for qi, q in enumerate(questions.data["questions"] if known is not None else ()):
        for oi, option in enumerate(q["options"]):
            cited = _each(("questions", qi, "options", oi, "references"), option.get("references", []))
            yield from _known(questions, cited, known, f"question '{q['id']}', option {oi + 1}")


@rule("editions", loose=("references",))
def editions_cite_known_sources(docs: Docs) -> Iterator[Problem]:
    editions, known = docs["editions"], _catalog(docs)
    for i, e in enumerate(editions.data["editions"] if known is not None else ()):
        yield from _known(editions, _each(("editions", i, "sources"), e["sources"]), known, f"edition '{e['id']}'")


@rule("model", loose=("references",))
def model_source_is_a_known_reference(docs: Docs) -> Iterator[Problem]:
    model, known = docs["model"], _catalog(docs)
    if known is not None:
        yield from _known(model, [(("source", "reference"), model.data["source"]["reference"])], known, "source")


@rule("levels", "editions")
def bands_tile_each_edition(docs: Docs) -> Iterator[Problem]:
    """Per edition, bands name known levels, lowest first, touch without overlap and cover
    the total. An edition may leave out a level it did not have; the default may not."""
    doc = docs["editions"]
    level_ids = [lv["id"] for lv in docs["levels"].data["levels"]]
    if len(set(level_ids)) != len(level_ids):
        return  # a level id used twice is reported on its own; bands cannot be placed yet
    default = doc.data["default"]
    for i, edition in enumerate(doc.data["editions"]):
        bands = edition["bands"]
        for key in bands:
            if key not in level_ids:
                yield doc.problem(("editions", i, "bands", key), f"edition '{edition['id']}': band for unknown level '{key}'{did_you_mean(key, level_ids)} - levels are listed in content/levels.yml", key=True)
        present = [lid for lid in level_ids if lid in bands]
        listed = [key for key in bands if key in level_ids]
        if listed != present:
            yield doc.problem(("editions", i, "bands"), f"edition '{edition['id']}': bands are listed as {', '.join(listed)}, but levels go {', '.join(present)} - list the bands lowest level first, in the order of content/levels.yml", key=True)
        if edition["id"] == default:
            missing = [lid for lid in level_ids if lid not in bands]
            if missing:
                yield doc.problem(("editions", i, "bands"), f"edition '{edition['id']}' (the default) has no band for level {', '.join(repr(m) for m in missing)} - the edition the site scores with needs a band for every level; add one, or make another edition the default", key=True)
        yield from _tile(doc, i, edition, present)


def _tile(doc: YamlDoc, i: int, edition: dict, level_ids: list[str]) -> Iterator[Problem]:
    eid, total, bands = edition["id"], edition["total"], edition["bands"]
    banded = []
    for lid in level_ids:
        band = bands[lid]
        if band["min"] > band["max"]:
            yield doc.problem(("editions", i, "bands", lid, "min"), f"edition '{eid}': band {band['min']}-{band['max']} of level '{lid}' runs backwards - min must not be above max")
        else:
            banded.append((lid, band))
    if len(banded) != len(level_ids) or not banded:
        return
    at = lambda lid, end: ("editions", i, "bands", lid, end)  # noqa: E731
    first_id, first = banded[0]
    if first["min"] != total["min"]:
        yield doc.problem(at(first_id, "min"), f"edition '{eid}': band of level '{first_id}' starts at {first['min']}, but totals start at {total['min']} - make it start at {total['min']}")
    for (prev_id, prev), (cur_id, cur) in pairwise(banded):
        if cur["min"] <= prev["max"]:
            yield doc.problem(at(cur_id, "min"), f"edition '{eid}': bands must not overlap: '{prev_id}' ends at {prev['max']}, '{cur_id}' starts at {cur['min']} - {_overlap_fix(prev_id, prev, cur_id, cur, total)}")
        elif cur["min"] > prev["max"] + 1:
            gap = f"{prev['max'] + 1}" if cur["min"] == prev["max"] + 2 else f"{prev['max'] + 1}-{cur['min'] - 1}"
            yield doc.problem(at(cur_id, "min"), f"edition '{eid}': bands leave a gap: '{prev_id}' ends at {prev['max']}, '{cur_id}' starts at {cur['min']}, so a total of {gap} has no level - make '{cur_id}' start at {prev['max'] + 1}")
    last_id, last = banded[-1]
    if last["max"] != total["max"]:
        yield doc.problem(at(last_id, "max"), f"edition '{eid}': band of level '{last_id}' ends at {last['max']}, but totals reach {total['max']} - make it end at {total['max']}")


def _overlap_fix(prev_id: str, prev: dict, cur_id: str, cur: dict, total: dict) -> str:
    """Only fixes that keep both bands non-empty and inside the total range."""
    fixes = []
    if total["min"] <= cur["min"] - 1 and prev["min"] <= cur["min"] - 1:
        fixes.append(f"make '{prev_id}' end at {cur['min'] - 1}")
    if prev["max"] + 1 <= min(cur["max"], total["max"]):
        fixes.append(f"make '{cur_id}' start at {prev['max'] + 1}")
    return " or ".join(fixes) or f"give each level its own part of {total['min']}-{total['max']}, one band after the other"


@rule("questions", "editions")
def default_edition_fits_the_questions(docs: Docs) -> Iterator[Problem]:
    doc = docs["editions"]
    default = doc.data["default"]
    questions = docs["questions"].data["questions"]
    low = sum(min(o["points"] for o in q["options"]) for q in questions)
    high = sum(max(o["points"] for o in q["options"]) for q in questions)
    for i, e in enumerate(doc.data["editions"]):
        if e["id"] == default and (e["total"]["min"], e["total"]["max"]) != (low, high):
            yield doc.problem(("editions", i, "total"), f"edition '{default}' (the default): total is {e['total']['min']}-{e['total']['max']}, but the questions add up to {low}-{high} - if the questions changed on purpose, publish a new edition: add it at the top of editions.yml with total {{min: {low}, max: {high}}} and its bands, and make it the default (CONTRIBUTING.md, 'Publish a new edition of the model')")


def _semver(text: str) -> tuple[int, int, int]:
    major, minor, patch = (int(x) for x in text.split("."))
    return major, minor, patch


@rule("model", "changelog", "questions", "levels", "editions")
def version_moves_with_scoring(docs: Docs) -> Iterator[Problem]:
    """The newest release is the model's version and records today's scoring fingerprint;
    a release whose scoring differs from the one before it bumps the major version."""
    log = docs["changelog"]
    releases = log.data["releases"]
    version = docs["model"].data["version"]
    newest = releases[0]
    if newest["version"] != version:
        yield docs["model"].problem(("version",), f"version is {version}, but the newest release in content/changelog.yml is {newest['version']} - add a release for {version} at the top of changelog.yml, or set version back")
    for i, (new, old) in enumerate(pairwise(releases)):
        if _semver(new["version"]) <= _semver(old["version"]):
            yield log.problem(("releases", i, "version"), f"release {new['version']} is listed above {old['version']} but is not newer - releases go newest first, each with a higher version")
        elif new["scoring"] != old["scoring"] and _semver(new["version"])[0] <= _semver(old["version"])[0]:
            yield log.problem(("releases", i, "version"), f"release {new['version']} changes scoring since {old['version']} but keeps major version {_semver(old['version'])[0]} - a scoring change needs a major bump: use {_semver(old['version'])[0] + 1}.0.0")
    current = fingerprint(*(docs[name].data for name in SCORING_FILES))
    if newest["scoring"] != current:
        major = _semver(newest["version"])[0] + 1
        yield log.problem(("releases", 0, "scoring"), f"scoring (questions, options, points, levels, bands or the default edition) differs from what release {newest['version']} records: {newest['scoring']}, now {current} - if {newest['version']} is already published, bump version to {major}.0.0 in content/model.yml and add a release at the top of this file with scoring: {current}; if {newest['version']} is new in your change, write scoring: {current} (see CONTRIBUTING.md)")


def _level_numbers(docs: Docs) -> dict[str, int] | None:
    """Each level id's number, or None when a level id is used twice (reported on its own)."""
    levels = docs["levels"].data["levels"]
    numbers = {lv["id"]: lv["number"] for lv in levels}
    return numbers if len(numbers) == len(levels) else None


@rule("questions", "levels")
def options_indicate_levels(docs: Docs) -> Iterator[Problem]:
    """Each option names a known level; going down a question's options the levels never
    go down, and every level is indicated by some option of every question (a question
    with fewer options than there are levels spans them: its first option indicates the
    lowest level and its last the highest)."""
    doc, numbers = docs["questions"], _level_numbers(docs)
    if numbers is None:
        return
    for qi, q in enumerate(doc.data["questions"]):
        known = []
        for oi, option in enumerate(q["options"]):
            lid, path = option["level"], ("questions", qi, "options", oi, "level")
            if lid not in numbers:
                yield doc.problem(path, f"question '{q['id']}', option {oi + 1}: unknown level '{lid}'{did_you_mean(lid, numbers)} - levels are listed in content/levels.yml")
                continue
            if known and numbers[lid] < numbers[known[-1]]:
                yield doc.problem(path, f"question '{q['id']}', option {oi + 1}: level '{lid}' comes after '{known[-1]}' - an option worth more points never indicates a lower level; reorder the levels of the options")
            known.append(lid)
        if len(known) != len(q["options"]):
            continue
        levels = list(numbers)
        if len(known) >= len(levels):
            missing = [lid for lid in levels if lid not in known]
            rule_ = "every level must be reachable in every dimension"
        else:
            missing = [lid for lid in dict.fromkeys((levels[0], levels[-1])) if lid not in known]
            rule_ = "with fewer options than levels, the options must still reach the lowest and the highest level"
        if missing:
            yield doc.problem(("questions", qi, "options"), f"question '{q['id']}': no option indicates level {', '.join(repr(m) for m in missing)} - {rule_}; give it to an option", key=True)


HELD_BACK_PLACEHOLDERS = {"says": ("total_level", "level", "dimensions"), "each": ("dimension", "points", "max")}


@rule("editions", "levels")
def held_back_rules_are_known(docs: Docs) -> Iterator[Problem]:
    """An edition's held-back rule names a known level and fills only known placeholders."""
    doc, numbers = docs["editions"], _level_numbers(docs)
    if numbers is None:
        return
    for i, e in enumerate(doc.data["editions"]):
        rule_ = e.get("held_back")
        if rule_ is None:
            continue
        where = ("editions", i, "held_back")
        if rule_["level"] not in numbers:
            yield doc.problem(where + ("level",), f"edition '{e['id']}': held_back names unknown level '{rule_['level']}'{did_you_mean(rule_['level'], numbers)} - levels are listed in content/levels.yml")
        yield from unknown_placeholders(doc, where, rule_, HELD_BACK_PLACEHOLDERS, f"edition '{e['id']}': held_back")


UNSCORED_PLACEHOLDERS = {
    "says": ("answered", "points", "points_max", "not_applicable", "dont_know"),
    "too_many": ("unscored", "most", "not_applicable", "dont_know"),
}


@rule("questions")
def unscored_answers_fit(docs: Docs) -> Iterator[Problem]:
    """The `unscored` block leaves at least one question to score, fills only known
    placeholders, and is there when a question allows "not applicable"."""
    doc = docs["questions"]
    questions, block = doc.data["questions"], doc.data.get("unscored")
    if block is None:
        for qi, q in enumerate(questions):
            if q.get("not_applicable"):
                yield doc.problem(("questions", qi, "not_applicable"), f"question '{q['id']}' allows not applicable, but questions.yml has no unscored block - add one at the top (its wording, most and rounding), or remove not_applicable", key=True)
        return
    if block["most"] >= len(questions):
        yield doc.problem(("unscored", "most"), f"unscored most is {block['most']}, but there are only {len(questions)} questions - make it at most {len(questions) - 1}, so a level always rests on one answered question at least")
    yield from unknown_placeholders(doc, ("unscored",), block, UNSCORED_PLACEHOLDERS, "unscored")


@rule("ui")
def ui_has_every_key_the_templates_read(docs: Docs) -> Iterator[Problem]:
    """content/ui.yml has every key the templates and the generator read (generator/words.py)."""
    yield from ui_problems(docs["ui"])


@rule("ui")
def ui_words_are_words(docs: Docs) -> Iterator[Problem]:
    """The site's words hold no markup but a few inline elements and links to pages or
    https:// (generator/words.py, INLINE_MARKUP): markdown would pass the rest through."""
    yield from markup_problems(docs["ui"])
