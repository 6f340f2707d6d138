"""What the benchmark ran on and what it measured.

Why: timings mean little without the machine, the tool versions and the commit
they belong to, so results.md starts with them.
"""

from __future__ import annotations

import datetime
import os
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from tree import REPO


def _cmd(*args: str) -> str:
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
        return proc.stdout.strip() or proc.stderr.strip()
    except Exception as err:
        return f"unavailable ({type(err).__name__})"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        return f"{kib / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        return "unknown"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git() -> str:
    head = _cmd("git", "-C", str(REPO), "rev-parse", "--short", "HEAD")
    dirty = _cmd("git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no")
    return f"{head}" + (" with uncommitted changes" if dirty and not dirty.startswith("unavailable") else "")


def describe(lighthouse_version: str) -> dict[str, str]:
    chromium = _cmd("/usr/bin/chromium", "--version")
    chromium = next((line for line in chromium.splitlines() if line.startswith("Chromium")), chromium)
    return {
        "Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "Commit": _git(),
        "CPU": _cpu_model(),
        "Cores": f"{os.cpu_count()} logical (os.cpu_count)",
        "RAM": _ram(),
        "OS": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "Python": platform.python_version(),
        "Node": _cmd("node", "--version"),
        "Chromium": chromium,
        "MkDocs / Material": f"{_version('mkdocs')} / {_version('mkdocs-material')}",
        "Jinja2 / PyYAML / jsonschema": f"{_version('Jinja2')} / {_version('PyYAML')} / {_version('jsonschema')}",
        "Playwright (Python)": _version("playwright"),
        "Lighthouse": lighthouse_version,
    }
