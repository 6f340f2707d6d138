"""The canary's engines and its report.

CANARY_ENGINES (default "properdocs zensical") picks the engines, and CANARY_LANGUAGES
(default: English and every translation `make build` builds) the languages; a check runs
per engine and language, named `properdocs`, `zensical-ja`... Both must pass: a template
change that breaks either successor fails `make canary` (the pull request workflow's canary
job) before it lands. An engine put in REPORT_ONLY would have its checks expected to fail
(xfail, not strict), so `make canary` stays green while the report says which pass.
CANARY_REPORT, when set, is where the outcome of every check is written as JSON
(bench/engines_report.py turns it into the engines section of bench/results.md).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.translate import languages
from tests.browser import conftest as browser_checks
from tests.canary import engines
from tests.helpers import CONTENT

browser = browser_checks.browser
"""The browser tests' session Chromium, the same launch for the canary's checks."""

REPORT_ONLY: set[str] = set()
"""Engines whose checks are reported, not required: none since Zensical passed all five."""
_outcomes: dict[str, dict] = {}


def selected_engines() -> list[str]:
    """`engine` for English, `engine-language` for a translation."""
    chosen = os.environ.get("CANARY_LANGUAGES", " ".join(["en", *languages(CONTENT)])).split()
    return [engine if language == "en" else f"{engine}-{language}"
            for engine in os.environ.get("CANARY_ENGINES", "properdocs zensical").split() for language in chosen]


def engine_and_language(name: str) -> tuple[str, str]:
    engine, _, language = name.partition("-")
    return engine, language or "en"


def pytest_generate_tests(metafunc):
    if "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", selected_engines(), scope="session")


def pytest_collection_modifyitems(items):
    for item in items:
        engine = getattr(item, "callspec", None) and item.callspec.params.get("engine")
        if engine and engine_and_language(engine)[0] in REPORT_ONLY:
            item.add_marker(pytest.mark.xfail(reason=f"{engine} is report-only (see ENGINES.md)", strict=False))


@pytest.fixture(scope="session")
def builds(tmp_path_factory):
    made: dict[str, engines.Build] = {}

    def get(engine: str) -> engines.Build:
        if engine not in made:
            name, language = engine_and_language(engine)
            made[engine] = engines.build(name, tmp_path_factory.mktemp(engine), language)
            _outcomes.setdefault(engine, {"checks": {}})
            _outcomes[engine].update(seconds=round(made[engine].seconds, 2), built=made[engine].ok, notes=made[engine].notes)
        return made[engine]

    return get


def pytest_runtest_logreport(report):
    if report.when != "call" and not (report.when == "setup" and report.outcome != "passed"):
        return
    name = report.nodeid.split("::")[-1]
    engine = name.partition("[")[2].rstrip("]")
    passed = report.outcome == "passed"  # an expected failure is "skipped"; an xpass is "passed"
    message = "" if passed else (report.longrepr.reprcrash.message if hasattr(report.longrepr, "reprcrash") else str(report.longrepr))
    check = name.partition("[")[0].removeprefix("test_")
    _outcomes.setdefault(engine, {"checks": {}})["checks"][check] = {"passed": passed, "why": message.splitlines()[0][:300] if message else ""}


def pytest_sessionfinish(session):
    target = os.environ.get("CANARY_REPORT")
    if target and _outcomes:
        Path(target).write_text(json.dumps(_outcomes, indent=2) + "\n", encoding="utf-8")
