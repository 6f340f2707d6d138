"""Build the site with one engine into a folder, and time it: MkDocs and ProperDocs
from mkdocs.yml as it is (both run the hook), Zensical from the engine-neutral folder
that `python -m generator render --out` writes (Zensical ignores `hooks:`).

Used by the canary tests (tests/canary/test_engines.py) and the bench engines row
(bench/engines.py), so both build exactly the same way. Run on its own to see a build:

    .venv/bin/python -m tests.canary.engines zensical /tmp/zensical-site [ja]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import ROOT

BIN = Path(sys.executable).parent
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
ENGINES = ("mkdocs", "properdocs", "zensical")

QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
"""Material's MkDocs 2.0 notice, and the ProperDocs line it adds when ProperDocs is
installed: both off, so build logs stay readable."""


@dataclass
class Build:
    engine: str
    site: Path
    ok: bool = False
    seconds: float = 0.0
    log: str = ""
    notes: list[str] = field(default_factory=list)
    """What had to be changed for this engine to build at all (empty: built as-is)."""


def build(engine: str, work: Path, language: str = "en") -> Build:
    """Build with `engine` under `work` (created); the site is `work/site`. A `language`
    other than English builds that translation alone, from `mkdocs.<language>.yml` as
    `make build` does (Zensical: from `render --out --language`)."""
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    config = "mkdocs.yml" if language == "en" else f"mkdocs.{language}.yml"
    if engine in ("mkdocs", "properdocs"):
        return _run(Build(engine, site), [str(BIN / engine), "build", "--strict", "-f", config, "-d", str(site)], ROOT)
    if engine == "zensical":
        return build_zensical(work, site, language)
    raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")


def build_zensical(work: Path, site: Path, language: str = "en") -> Build:
    """Render the pages, write a Zensical config, build. The render and config steps are
    timed too: they are the part of the build the hook does under MkDocs.

    Zensical 0.0.x renders templates with MiniJinja, which has no Python string methods:
    overrides/main.html splits the policy with `csp.split(";")` and the build stops. Then
    the build is run again with no policy (`extra.csp: ""`), so the other checks still
    say what else works; `notes` records it and the CSP check fails, as it should."""
    result = Build("zensical", site)
    started = time.perf_counter()
    shutil.rmtree(work / "docs", ignore_errors=True)
    render = subprocess.run([sys.executable, "-m", "generator", "render", "--out", str(work),
                             *(["--language", language] if language != "en" else [])],
                            cwd=ROOT, capture_output=True, text=True)
    if render.returncode:
        result.log = render.stdout + render.stderr
        return result
    (work / "docs" / "assets" / "vendor").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MERMAID, work / "docs" / "assets" / "vendor" / "mermaid.min.js")
    settings = (work / "nav.yml").read_text(encoding="utf-8")
    config = work / "zensical.yml"
    config.write_text(zensical_config(settings, language), encoding="utf-8")
    command = [str(BIN / "zensical"), "build", "--clean", "-f", str(config)]
    _run(result, command, work, started)
    if not result.ok and "has no method named split" in result.log:
        result.notes.append("overrides/main.html: `csp.split` is not supported by MiniJinja; rebuilt with extra.csp empty (no CSP meta)")
        config.write_text(zensical_config(re.sub(r"^  csp: .*$", '  csp: ""', settings, flags=re.M), language), encoding="utf-8")
        first = result.log
        _run(result, command, work, started)
        result.log = first + "\n--- rebuilt with extra.csp empty ---\n" + result.log
    return result


def zensical_config(settings: str, language: str = "en") -> str:
    """mkdocs.yml without the hook (the pages are already in docs/), with absolute paths
    to the theme overrides, the theme's language (what `mkdocs.<language>.yml` sets on top
    of mkdocs.yml: Zensical does not read INHERIT), and the hook's settings (nav.yml) appended."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text, languages = re.subn(r"^(  language: )en$", rf"\g<1>{language}", text, flags=re.M)
    text, hooks = re.subn(r"^hooks:\n(?:  - .*\n)+", "", text, flags=re.M)
    text = re.sub(r"^watch:\n(?:  - .*\n)+", "", text, flags=re.M)
    text = re.sub(r"^site_url: .*\n", "", text, flags=re.M)
    text = re.sub(r"^docs_dir: .*$", "docs_dir: docs", text, flags=re.M)
    text = re.sub(r"^site_dir: .*$", "site_dir: site", text, flags=re.M)
    text = re.sub(r"^(  custom_dir: )overrides$", rf"\g<1>{ROOT / 'overrides'}", text, flags=re.M)
    # mkdocs.yml's own `extra:` entries join the ones the hook sets (one `extra:` key).
    own_extra = re.search(r"^extra:\n((?:  .*\n)+)", text, flags=re.M)
    if own_extra:
        text = text.replace(own_extra.group(0), "")
        settings = (re.sub(r"^extra:\n", lambda m: m.group(0) + own_extra.group(1), settings, count=1, flags=re.M)
                    if re.search(r"^extra:$", settings, flags=re.M) else settings + "\nextra:\n" + own_extra.group(1))
    clash = [key for key in ("nav", "copyright", "extra") if re.search(rf"^{key}:", text, flags=re.M)]
    if hooks != 1 or clash or languages != 1:
        raise RuntimeError(f"mkdocs.yml changed shape (hooks blocks: {hooks}, theme languages: {languages}, keys the hook sets: {clash}): update zensical_config")
    return text + "\n" + settings


def _run(result: Build, command: list[str], cwd: Path, started: float | None = None) -> Build:
    started = time.perf_counter() if started is None else started
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **QUIET})
    result.seconds = time.perf_counter() - started
    result.log = done.stdout + done.stderr
    result.ok = done.returncode == 0 and (result.site / "index.html").is_file()
    return result


if __name__ == "__main__":
    b = build(sys.argv[1], Path(sys.argv[2]), *sys.argv[3:4])
    print(b.log)
    print(f"{b.engine}: {'built' if b.ok else 'FAILED'} in {b.seconds:.2f} s into {b.site}" + "".join(f"\n  note: {n}" for n in b.notes))
    sys.exit(0 if b.ok else 1)
