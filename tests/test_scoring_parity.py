"""The browser's scorer (overrides/assets/js/scoring.js) and the Python reference scorer
(tests/scoring_oracle.py, the oracle) agree on the real questionnaire's answers, "not applicable" and
"don't know" included, and on other rules a contributor may write.

One node process imports scoring.js, reads the page's model (`assessment_data`) and the
answers to score from stdin (or enumerates every combination itself), and prints one
JSON line per result.

Every combination of every question's answers is 6^6 x 7 = 326,592 with today's
questions (five options and "don't know" each, and "not applicable" on one), and 7^7 =
823,543 with "not applicable" on all: scoring them all took over three minutes on two
busy cores, so the run is exhaustive per rule plus a seeded random sample instead:

- every combination of options alone (5^7 = 78,125: the total, bands, held-back rule and
  weakest dimensions without unscored answers, as before "don't know" existed);
- the scaling rule's every input: each count of questions answered with an option, with
  every sum their points can make (the others "not applicable" or "don't know");
- a seeded random sample over all answers, "na" and "dk" included (SAMPLE);
- the same two, per-rule and sampled, under other rules a contributor may write (a
  stricter held-back rule, rounding down and up, "not applicable" on every question).
"""

from __future__ import annotations

import itertools
import json
import math
import random
import shutil
import subprocess

import pytest

from generator import load_content
from generator.render import assessment_data
from tests.helpers import CONTENT
from tests.scoring_oracle import DONT_KNOW, NOT_APPLICABLE, score

NODE = shutil.which("node")
SAMPLE = {"content": 30_000, "other": 10_000}
"""Random combinations over all answers, for the content's rules and per other rule
(seeded, so a failure repeats)."""

# Enumerates combinations like itertools.product (the last question changes fastest) when
# given no list of answers; prints score()'s result for each, one JSON line each.
SCORE_ALL = """
import { score } from %(module)s;
let input = "";
for await (const chunk of process.stdin) input += chunk;
const { model, answers } = JSON.parse(input);
const choices = model.questions.map((q) => [...q.options.map((o) => o.points), ...(q.not_applicable ? ["na"] : []), ...(model.unscored ? ["dk"] : [])]);
const lines = [];
const run = (a) => lines.push(JSON.stringify(score(a, model)));
if (answers) for (const a of answers) run(a);
else {
  const pick = choices.map(() => 0);
  for (;;) {
    run(Object.fromEntries(model.questions.map((q, i) => [q.id, choices[i][pick[i]]])));
    let i = pick.length - 1;
    while (i >= 0 && ++pick[i] === choices[i].length) pick[i--] = 0;
    if (i < 0) break;
  }
}
process.stdout.write(lines.join("\\n") + "\\n");
"""


@pytest.fixture(scope="module")
def model(root):
    return assessment_data(load_content(CONTENT))


def choices(model: dict) -> list[list]:
    """Each question's possible answers, in the order SCORE_ALL enumerates them."""
    return [
        [o["points"] for o in q["options"]] + ([NOT_APPLICABLE] if q["not_applicable"] else []) + ([DONT_KNOW] if model["unscored"] else [])
        for q in model["questions"]
    ]


def js_scores(root, model: dict, answers: list[dict] | None = None) -> list[dict]:
    module = (root / "overrides" / "assets" / "js" / "scoring.js").as_uri()
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", SCORE_ALL % {"module": json.dumps(module)}],
        input=json.dumps({"model": model, "answers": answers}), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def compare(model: dict, answers: list[dict], js: list[dict]) -> dict[str, int]:
    """Assert both scorers agree on each of `answers`; count how often each rule applied."""
    assert len(js) == len(answers)
    differences = [(a, j, p) for a, j in zip(answers, js, strict=True) if j != (p := score(a, model))]
    assert not differences, f"{len(differences)} differences, first (answers, js, python): {differences[0]}"
    return {
        "held back": sum(j["heldBack"] is not None for j in js),
        "no level": sum(j["level"] is None for j in js),
        "scaled": sum(j["level"] is not None and j["answered"] < len(model["questions"]) for j in js),
        "complete": sum(j["answered"] == len(model["questions"]) for j in js),
    }


def every_rule_applies(model: dict, seen: dict[str, int], count: int) -> None:
    """Each rule is exercised both ways: some results apply it, some do not."""
    rules = ["no level", "scaled", "complete"] + (["held back"] if model["held_back"] else [])
    for name in rules:
        assert 0 < seen[name] < count, f"{name}: {seen[name]} of {count}"


def sample(model: dict, count: int, seed: str) -> list[dict]:
    rng = random.Random(seed)
    ids = [q["id"] for q in model["questions"]]
    return [dict(zip(ids, (rng.choice(c) for c in choices(model)), strict=True)) for _ in range(count)]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_js_and_python_scorers_agree_on_every_option_combination_each_rule_and_a_sample(root, model):
    ids = [q["id"] for q in model["questions"]]
    options = [[o["points"] for o in q["options"]] for q in model["questions"]]
    every = [dict(zip(ids, combo, strict=True)) for combo in itertools.product(*options)]
    assert len(every) == math.prod(len(o) for o in options) <= 2_000_000
    answers = every + per_rule(model) + sample(model, SAMPLE["content"], "parity-content")
    every_rule_applies(model, compare(model, answers, js_scores(root, model, answers)), len(answers))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_js_enumeration_covers_every_answer_of_every_question(root, model):
    """SCORE_ALL's own enumeration (no answers given) walks itertools.product order: kept
    for a full run by hand; checked here on a two-question model."""
    questions = model["questions"][1:3]
    low, high = (sum(f(o["points"] for o in q["options"]) for q in questions) for f in (min, max))
    small = {**model, "questions": questions, "total": {"min": low, "max": high}, "bands": [{**model["bands"][0], "min": low, "max": high}]}
    js = js_scores(root, small)
    combos = list(itertools.product(*choices(small)))
    assert len(js) == len(combos) == math.prod(len(c) for c in choices(small))
    assert [tuple(d["unscored"] or d["points"] for d in r["dimensions"]) for r in js] == combos


def stricter(model: dict) -> dict:
    """Another held-back rule: two points or fewer cap at the level below the top."""
    top = max(b["number"] for b in model["bands"])
    return {**model, "held_back": {"points": 2, "level": top - 1, "says": "{level}", "each": "{dimension}"}}


def rounding(way: str):
    return lambda model: {**model, "unscored": {**model["unscored"], "rounding": way}}


def na_everywhere(model: dict) -> dict:
    """Every question allows "not applicable", and up to three may go unscored."""
    return {**model, "questions": [{**q, "not_applicable": True} for q in model["questions"]], "unscored": {**model["unscored"], "most": 3}}


def per_rule(model: dict) -> list[dict]:
    """For every count of questions answered with an option (the others "dk", or "na"
    where allowed), every sum their points can make: all the inputs of the scaling rule."""
    ids = [q["id"] for q in model["questions"]]
    cases = []
    for answered in range(len(ids) + 1):
        questions = model["questions"][:answered]
        options = [sorted(o["points"] for o in q["options"]) for q in questions]
        skipped = {q["id"]: NOT_APPLICABLE if q["not_applicable"] and i % 2 else DONT_KNOW for i, q in enumerate(model["questions"][answered:])}
        # Raise the answers one option at a time, first question first: every sum appears.
        pick = [0] * answered
        while True:
            cases.append({**{q["id"]: options[i][pick[i]] for i, q in enumerate(questions)}, **skipped})
            i = next((i for i in range(answered) if pick[i] + 1 < len(options[i])), None)
            if i is None:
                break
            pick[i] += 1
    return cases


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("variant", [stricter, rounding("down"), rounding("up"), na_everywhere], ids=["stricter-held-back", "round-down", "round-up", "na-everywhere"])
def test_js_and_python_scorers_agree_under_other_rules(root, model, variant):
    model = variant(model)
    answers = per_rule(model) + sample(model, SAMPLE["other"], f"parity-{json.dumps(model['unscored'])}-{json.dumps(model['held_back'])}")
    seen = compare(model, answers, js_scores(root, model, answers))
    every_rule_applies(model, seen, len(answers))


def test_every_sum_of_every_answered_count_is_a_per_rule_case(model):
    cases = per_rule(model)
    sums = {(sum(isinstance(v, int) for v in c.values()), sum(v for v in c.values() if isinstance(v, int))) for c in cases}
    reach = [[sum(f(o["points"] for o in q["options"]) for q in model["questions"][:k]) for f in (min, max)] for k in range(len(model["questions"]) + 1)]
    assert sums == {(k, s) for k, (low, high) in enumerate(reach) for s in range(low, high + 1)}


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_both_scorers_reject_incomplete_answers(root, model):
    answers = {q["id"]: q["options"][0]["points"] for q in model["questions"][1:]}
    with pytest.raises(ValueError, match=f'no answer for question "{model["questions"][0]["id"]}"'):
        score(answers, model)
    module = (root / "overrides" / "assets" / "js" / "scoring.js").as_uri()
    script = f"import {{ score }} from {json.dumps(module)}; score({json.dumps(answers)}, {json.dumps(model)});"
    result = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f'no answer for question "{model["questions"][0]["id"]}"' in result.stderr
