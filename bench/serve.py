"""`mkdocs serve`: time from saving a content YAML file to the reloaded page.

Why: contributors edit YAML with `make serve` open; this is the wait they feel.
A copy of the project is served (tree.py), so editing its content/levels.yml does
not touch the shared work tree. Chromium (Playwright) keeps the level page open;
each round rewrites that level's summary with a new marker and polls the page
(every 10 ms, across MkDocs' livereload navigation) until the marker is visible.
The clock starts just before the file is written. MkDocs' own "built in" time for
the rebuild is read from its log, to split the wait into rebuild and the rest
(file watching, livereload's long poll, page load).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

import tree
from browser import launch

LEVEL = "managed"
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _wait_http(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"mkdocs serve did not answer on {url} within {timeout:.0f} s")


def _replace_summary(levels_yml: Path, level_id: str, text: str) -> None:
    """Rewrite `summary:` of one level, keeping the rest of the file byte for byte."""
    lines = levels_yml.read_text(encoding="utf-8").split("\n")
    inside = False
    for i, line in enumerate(lines):
        if re.match(r"\s*- id:\s*", line):
            inside = line.split(":", 1)[1].strip() == level_id
        elif inside and re.match(r"\s+summary:", line):
            indent = line[: len(line) - len(line.lstrip())]
            lines[i] = f"{indent}summary: {text}"
            levels_yml.write_text("\n".join(lines), encoding="utf-8")
            return
    raise RuntimeError(f"no one-line summary for level '{level_id}' in {levels_yml}")


def _shows(page, marker: str) -> bool:
    try:
        return bool(page.evaluate("m => !!document.body && document.body.innerText.includes(m)", marker))
    except Exception:  # the page is navigating (livereload): not yet
        return False


def run(workdir: Path, base: Path, rounds: int = 3, timeout: float = 60, log=print) -> dict:
    project = tree.copy_project(workdir / "serve", base)
    port = tree.free_port()
    logfile = workdir / "serve.log"
    cmd = [str(tree.MKDOCS), "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    with open(logfile, "w") as out:
        proc = subprocess.Popen(cmd, env=tree.ENV, stdout=out, stderr=subprocess.STDOUT, cwd=project)
    try:
        url = f"http://127.0.0.1:{port}/levels/{LEVEL}/"
        _wait_http(url, proc)
        rows = []
        with launch() as browser:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            time.sleep(1.0)  # let the watcher settle after the first build
            for i in range(rounds):
                marker = f"Benchmark edit {i + 1} at {time.time_ns()}."
                builds_before = len(BUILT.findall(logfile.read_text()))
                start = time.perf_counter()
                _replace_summary(project / "content" / "levels.yml", LEVEL, marker)
                while not _shows(page, marker):
                    if time.perf_counter() - start > timeout:
                        raise RuntimeError(f"the page did not show the edit within {timeout:.0f} s")
                    time.sleep(0.01)
                seconds = time.perf_counter() - start
                time.sleep(0.5)  # let the log catch up
                built = [float(x) for x in BUILT.findall(logfile.read_text())[builds_before:]]
                rows.append({"seconds": seconds, "rebuild": built[0] if built else None, "rebuilds": len(built)})
                log(f"  serve round {i + 1}: {seconds:.2f} s")
                time.sleep(1.0)
        return {
            "ok": True,
            "rounds": rows,
            "median": statistics.median(r["seconds"] for r in rows),
            "rebuild_median": statistics.median(r["rebuild"] for r in rows if r["rebuild"] is not None)
            if any(r["rebuild"] for r in rows)
            else None,
        }
    except Exception as err:  # report, do not fail the benchmark
        tail = logfile.read_text()[-1500:] if logfile.exists() else ""
        return {"ok": False, "error": f"{type(err).__name__}: {err}", "log": tail}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
