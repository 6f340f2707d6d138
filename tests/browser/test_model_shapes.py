"""Any shape of model works end to end in Chromium: the site's own content and two
models made from tests/fixtures/content the way a contributor would (tests/model_shapes.py):
a tiny three-question three-level model, and one with an eighth question, a fifth level
and options worth 1-4 points, the three shape changes published one after the other. For
each: every band edge scores its level, a share link restores the result in a fresh
browser, and a download imports back. Expectations come from each model's own data."""

from __future__ import annotations

import json
import shutil

import pytest

from generator import load_content
from generator.render import assessment_data
from tests import model_shapes
from tests.browser.conftest import Server, assert_clean, guarded_context, read_headers
from tests.browser.questionnaire import PATH, answer, answers_for_total, band_edges, checked, expect_result, level_of, open_assessment
from tests.helpers import CONTENT, FIXTURE

MODELS = ["content", "tiny", "eight-questions+five-levels+one-to-four"]


def test_the_models_cover_every_shape():
    assert {shape for model in MODELS[1:] for shape in model.split("+")} == set(model_shapes.SHAPES)


@pytest.fixture(scope="module", params=MODELS)
def shaped(request, root, built_site, tmp_path_factory):
    """(site folder, the page's assessment data) for one model."""
    if request.param == "content":
        return built_site, assessment_data(load_content(CONTENT))
    work = tmp_path_factory.mktemp(request.param)
    content = work / "content"
    shutil.copytree(FIXTURE, content)
    for shape in request.param.split("+"):
        model_shapes.reshape(content, shape)
    return model_shapes.build(content, work), assessment_data(load_content(content))


@pytest.fixture(scope="module")
def server(shaped):
    """Overrides conftest's server: the page fixtures serve this model's site."""
    site, _ = shaped
    srv = Server(site, read_headers(site))
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def model(shaped):
    return shaped[1]


def test_every_band_edge_scores_its_level(page, model):
    edges = band_edges(model)
    assert len({level for _, level in edges}) == len(model["levels"])
    open_assessment(page)
    for total, level in edges:  # each edge answered over the last, as a person changes answers
        answer(page, answers_for_total(model, total))
        expect_result(page, total, level)
        name = next(lv["name"] for lv in model["levels"] if lv["number"] == level)
        # The level by total comes first (a held-back result shows the level in practice beside it).
        assert name in page.locator(".assessment__level").first.inner_text()


def test_share_link_and_download_restore_the_result(page, browser, server, model, tmp_path):
    low, high = model["total"]["min"], model["total"]["max"]
    total = (low + high) // 2
    answers = answers_for_total(model, total)
    open_assessment(page)
    answer(page, answers)
    expect_result(page, total, level_of(model, total))
    link = page.locator("[data-share-url]").get_attribute("data-share-url")
    with page.expect_download() as info:
        page.locator('[data-export="json"]').click()
    path = tmp_path / "answers.json"
    info.value.save_as(path)
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == answers

    fresh = guarded_context(browser, server)
    try:
        other = fresh.new_page()
        other.goto(link)
        expect_result(other, total, level_of(model, total))
        assert checked(other) == answers
        other.goto(server.url + PATH)
        other.evaluate("localStorage.clear()")
        other.reload()
        other.locator("[data-assessment][data-ready]").wait_for(state="attached")
        assert checked(other) == {}
        other.locator("[data-import]").set_input_files(str(path))
        expect_result(other, total, level_of(model, total))
        assert checked(other) == answers
        assert_clean(fresh, [other])
    finally:
        fresh.close()
