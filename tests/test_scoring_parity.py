"""The browser's scorer (overrides/assets/js/scoring.js) and the Python reference scorer
(generator/scoring.py) agree on every possible set of answers to the real questionnaire.

One node process imports scoring.js, reads the page's model (`assessment_data`) from
stdin, scores every combination of options and prints one JSON line per combination.
"""

from __future__ import annotations

import itertools
import json
import math
import shutil
import subprocess

import pytest

from generator.content import load_content
from generator.render import assessment_data
from generator.scoring import score

NODE = shutil.which("node")

# Enumerates combinations like itertools.product: the last question changes fastest.
ENUMERATE = """
import { score } from %(module)s;
let input = "";
for await (const chunk of process.stdin) input += chunk;
const model = JSON.parse(input);
const choices = model.questions.map((q) => q.options.map((o) => o.points));
const pick = choices.map(() => 0);
const lines = [];
for (;;) {
  const answers = Object.fromEntries(model.questions.map((q, i) => [q.id, choices[i][pick[i]]]));
  lines.push(JSON.stringify([answers, score(answers, model)]));
  let i = pick.length - 1;
  while (i >= 0 && ++pick[i] === choices[i].length) pick[i--] = 0;
  if (i < 0) break;
}
process.stdout.write(lines.join("\\n") + "\\n");
"""


@pytest.fixture(scope="module")
def model(root):
    return assessment_data(load_content(root / "content"))


def run_js_scorer(root, model) -> list[str]:
    module = (root / "overrides" / "assets" / "js" / "scoring.js").as_uri()
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", ENUMERATE % {"module": json.dumps(module)}],
        input=json.dumps(model), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def stricter(model: dict) -> dict:
    """The model with another held-back rule: two points or fewer cap at the level below the top."""
    top = max(b["number"] for b in model["bands"])
    return {**model, "held_back": {"points": 2, "level": top - 1, "says": "{level}", "each": "{dimension}"}}


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("variant", [lambda m: m, stricter], ids=["content", "stricter-held-back"])
def test_js_and_python_scorers_agree_on_every_combination(root, model, variant):
    model = variant(model)
    expected_count = math.prod(len(q["options"]) for q in model["questions"])
    assert 1 < expected_count <= 2_000_000, "more combinations than an exhaustive run can take"

    lines = run_js_scorer(root, model)
    assert len(lines) == expected_count

    seen = set()
    differences = []
    held_back = 0
    for line in lines:
        answers, js = json.loads(line)
        seen.add(tuple(answers[q["id"]] for q in model["questions"]))
        py = score(answers, model)
        if js != py or any(type(a["ratio"]) not in (int, float) for a in js["dimensions"]):
            differences.append((answers, js, py))
        held_back += js["heldBack"] is not None
    assert not differences, f"{len(differences)} differences, first: {differences[0]}"
    # The held-back rule is exercised both ways: some results are held back, some not.
    if model["held_back"]:
        assert 0 < held_back < expected_count, f"{held_back} of {expected_count} held back"

    # Every combination was scored exactly once, in the same order as itertools.product.
    assert len(seen) == expected_count
    product = itertools.product(*[[o["points"] for o in q["options"]] for q in model["questions"]])
    assert seen == set(product)


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
