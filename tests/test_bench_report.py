"""The bench report computes met and missed from the numbers (bench/targets.py), shows a
target's advice only when it is missed, and says why when a measurement is missing.

Fast, no browser, no build: results are small dicts shaped like bench/results.json, and
the limits are read from the targets table, so changing a target never breaks a test.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import report  # noqa: E402
import targets  # noqa: E402


def row(results: dict, target_id: str) -> targets.Row:
    return next(r for r in targets.rows(results) if r.target.id == target_id)


def render(dom_ms: float) -> dict:
    return {"render": {1: {"ok": True, "dom_median": dom_ms, "frame_median": dom_ms + 0.4, "dom_max": dom_ms + 1}}}


def weight(**gzip_by_page: float) -> dict:
    return {"weight": [{"kind": "own JS", "name": f"loaded by the {page} page", "files": ["a.js", "b.js"], "raw": 3 * size, "gzip": size}
                       for page, size in gzip_by_page.items()]}


def lighthouse(form: str, **score_by_page: int) -> dict:
    return {"lighthouse": [{"page": page, "form": form, "ok": True, "performance": score, "accessibility": 100,
                            "metrics": {"total-blocking-time": f"{page} tbt"}, "opportunities": [], "scripts": [],
                            "failing_accessibility": [], "failing_performance": []} for page, score in score_by_page.items()]}


def test_a_missed_target_is_reported_missed_and_a_met_one_met():
    limit = targets.target("result_render").limit
    slow, fast = row(render(limit * 1.5), "result_render"), row(render(limit / 2), "result_render")
    assert (slow.result, fast.result) == ("missed", "met")
    assert "| **missed** |" in "\n".join(report.targets_section([slow]))
    assert "| met |" in "\n".join(report.targets_section([fast]))


@pytest.mark.parametrize("target_id", ["result_render", "validate_1mb", "generator_100x"])
def test_an_under_limit_is_missed_at_the_limit_itself(target_id):
    t = targets.target(target_id)
    assert t.op == "<" and not t.met(t.limit) and t.met(t.limit * 0.99)


def test_own_js_is_judged_by_the_heaviest_page_and_the_limit_itself_is_met():
    limit = targets.target("page_js").limit
    at_limit = row(weight(home=limit / 10, assessment=limit), "page_js")
    assert at_limit.result == "met" and "assessment" in at_limit.reading.shown
    over = row(weight(home=limit / 10, team=limit + 1), "page_js")
    assert over.result == "missed" and "team" in over.reading.shown


def test_advice_is_shown_only_when_its_target_is_missed():
    limit = targets.target("page_js").limit
    advice = targets.target("page_js").advice
    assert advice
    assert advice in "\n".join(report.targets_section([row(weight(team=limit * 2), "page_js")]))
    assert advice not in "\n".join(report.targets_section([row(weight(team=limit / 2), "page_js")]))


def test_lighthouse_details_name_only_the_pages_below_target():
    limit = targets.target("performance_mobile").limit
    got = row(lighthouse("mobile", home=limit, level=limit - 5), "performance_mobile")
    assert got.result == "missed" and got.reading.value == limit - 5
    assert "level tbt" in got.reading.detail and "home tbt" not in got.reading.detail
    assert row(lighthouse("mobile", home=limit), "performance_desktop").result == "not measured"


def test_a_measurement_that_failed_is_not_measured_with_its_reason():
    got = row({"render": {"error": "RuntimeError: no browser"}}, "result_render")
    assert got.result == "not measured" and got.reason == "RuntimeError: no browser"
    assert "RuntimeError: no browser" in "\n".join(report.targets_section([got]))
    assert row({}, "validate_1mb").result == "not measured"


def test_a_valid_case_that_does_not_validate_is_called_out():
    case = {"bytes": 10**6, "seconds": 1.0, "exit": 0, "problems": 0}
    assert row({"validate_size": {"valid": case}}, "validate_1mb").reading.detail == ""
    failed = row({"validate_size": {"valid": {**case, "exit": 1, "problems": 1}}}, "validate_1mb")
    assert "did not validate" in failed.reading.detail


def test_every_target_has_its_own_id_and_a_comparison():
    ids = [t.id for t in targets.TARGETS]
    assert len(ids) == len(set(ids))
    assert all(t.op in targets.OPS and t.how and t.what for t in targets.TARGETS)


def test_the_committed_results_give_one_row_per_target(tmp_path):
    """Whatever the last `make bench` measured, each target gets a row with a result."""
    results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    out = tmp_path / "results.md"
    report.write(results, out)
    text = out.read_text(encoding="utf-8")
    section = text.split("## Targets", 1)[1].split("\n## ", 1)[0]
    for t in targets.TARGETS:
        line = next(x for x in section.splitlines() if x.startswith(f"| {t.what} |"))
        assert any(f"| {r} |" in line for r in ("met", "**missed**", "not measured"))


def test_a_run_where_every_measurement_failed_still_reports_each_target():
    failed = {"error": "RuntimeError: boom"}
    results = {"elapsed": 1.0, "machine": {"Cores": "2 logical"}, "lighthouse": failed, "languages": failed, "validate_size": failed,
               **{k: failed for k in ("scaling", "serve", "weight", "pages", "render")}}
    text = report.report(results)
    assert all(r.result == "not measured" for r in targets.rows(results))
    assert text.count("| not measured |") == len(targets.TARGETS)


def test_each_lighthouse_run_shows_the_load_and_the_speed_of_the_machine_it_started_on():
    runs = lighthouse("mobile", home=97)["lighthouse"]
    runs[0].update(all_performance=[96, 97, 99], all_load=[0.91, 1.02, 0.88], all_benchmark_index=[2467, 1710, 2301])
    text = "\n".join(report.lighthouse_section(runs))
    assert "| 0.91 / 1.02 / 0.88 | 2467 / 1710 / 2301 |" in text
