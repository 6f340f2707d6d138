"""Build time per language: `mkdocs build` of English (mkdocs.yml) and of each translation
(mkdocs.<language>.yml), each repeated, median; and all of them one after the other, as
`make build` runs them. One build per language, so the total should be about the sum."""

from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path

import tree

REPEATS = 3


def _build(project: Path, config: str, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(tree.MKDOCS), "build", "-q", "-f", str(project / config), "-d", str(site)],
                   env=tree.ENV, cwd=project, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def configs(project: Path) -> dict[str, str]:
    """{language: config file}: English first."""
    from generator.translate import CONFIG, languages  # the one list of languages, as `make build` builds them

    return {"en": "mkdocs.yml", **{lang: CONFIG.format(language=lang) for lang in languages(project / "content")}}


def run(workdir: Path, base: Path, log=print) -> dict:
    out = workdir / "languages"
    per = {}
    for lang, config in configs(base).items():
        times = [_build(base, config, out / f"{lang}-{i}") for i in range(REPEATS)]
        per[lang] = {"median": statistics.median(times), "runs": times}
        log(f"  {lang}: {per[lang]['median']:.2f} s")
    totals = []
    for i in range(REPEATS):
        site = out / f"all-{i}"
        start = time.perf_counter()
        for lang, config in configs(base).items():
            _build(base, config, site if lang == "en" else site / lang)
        totals.append(time.perf_counter() - start)
    return {"languages": per, "all": {"median": statistics.median(totals), "runs": totals}, "repeats": REPEATS}


def section(r: dict) -> list[str]:
    L = ["", "## Build time per language", ""]
    if "error" in r:
        return L + [f"Not measured: {r['error']}"]
    L += [f"`mkdocs build` of each language's configuration, {r['repeats']} runs each, median (a separate process "
          "each, as `make build` runs them):", ""]
    rows = [f"| {lang} | {x['median']:.2f} s |" for lang, x in r["languages"].items()]
    total = sum(x["median"] for x in r["languages"].values())
    L += ["| Language | Build |", "|---|---|", *rows,
          f"| all, one after the other | {r['all']['median']:.2f} s (the sum of the medians: {total:.2f} s) |"]
    return L
