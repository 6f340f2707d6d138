"""Generator alone vs the whole `mkdocs build`, on default, 10x and 100x content.

Why: the generator is the part we own; the build adds MkDocs, Material, markdown
and the search index. The ratio tells where time goes as content grows, and the
growth between scales tells whether anything is worse than linear.

Generator: `load_content` + `render_site` in this process, warm (the first call,
which also compiles the JSON Schema validators, is done under tracemalloc to get
the peak of Python allocations), then several timed repeats; the median counts (the fastest is kept too: on a
busy machine it is the least disturbed, so the growth check uses it).
It is also run once in a fresh interpreter, to compare like for like with the
build, which pays for interpreter start and imports too (peak RSS from wait4).
Build: `mkdocs build` of a copy of the project (tree.py), several repeats, median.
A phase breakdown (YAML reading, schema, rules, rendering) and the same YAML
parsed with libyaml show where the generator's own time goes.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import synthetic
import tree

COLD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
t0 = time.perf_counter()
from generator import load_content, render_site
t1 = time.perf_counter()
pages = render_site(load_content(sys.argv[2]))
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "run": t2 - t1, "pages": len(pages), "markdown_bytes": sum(len(p.encode()) for p in pages.values())}))
"""


def generator_warm(content_dir: Path, repeats: int) -> dict:
    from generator import load_content, render_site

    gc.collect()
    tracemalloc.start()
    pages = render_site(load_content(content_dir))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        render_site(load_content(content_dir))
        times.append(time.perf_counter() - start)
    return {
        "median": statistics.median(times),
        "min": min(times),
        "times": times,
        "tracemalloc_peak": peak,
        "pages": len(pages),
        "markdown_bytes": sum(len(p.encode("utf-8")) for p in pages.values()),
    }


def generator_cold(project: Path, content_dir: Path) -> dict:
    """One load+render in a fresh interpreter: time and that process's peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", COLD, str(project), str(content_dir)], stdout=subprocess.PIPE, env=tree.ENV, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        return {"ok": False}
    return {"ok": True, "wall": wall, "peak_rss": usage.ru_maxrss * 1024, **json.loads(out)}


def phases(content_dir: Path) -> dict:
    """Seconds per phase of one warm load+render, and the YAML parse with libyaml."""
    import yaml

    from generator.content import FILES, Content
    from generator.render import render_site
    from generator.rules import check_rules
    from generator.schema import schema_problems
    from generator.yamlfile import load_yaml

    out = {}
    t = time.perf_counter()
    docs = {n: load_yaml(content_dir / f"{n}.yml", n)[0] for n in FILES}
    out["yaml"] = time.perf_counter() - t
    t = time.perf_counter()
    for n, doc in docs.items():
        schema_problems(doc, f"{n}.schema.json")
    out["schema"] = time.perf_counter() - t
    t = time.perf_counter()
    check_rules(docs)
    out["rules"] = time.perf_counter() - t
    content = Content.from_documents(docs)
    t = time.perf_counter()
    render_site(content)
    out["render"] = time.perf_counter() - t
    texts = [(content_dir / f"{n}.yml").read_text(encoding="utf-8") for n in FILES]
    for name, loader in (("yaml_pure_parse", yaml.SafeLoader), ("yaml_libyaml_parse", getattr(yaml, "CSafeLoader", None))):
        if loader is None:
            out[name] = None
            continue
        t = time.perf_counter()
        for text in texts:  # what load_yaml does: one event pass (aliases), one compose
            for _ in yaml.parse(text, Loader=loader):
                pass
            yaml.compose(text, Loader=loader)
        out[name] = time.perf_counter() - t
    return out


SCALES = ((1, 7, 3), (10, 5, 3), (100, 3, 3))
"""(factor, generator repeats, build repeats)"""


def run(workdir: Path, base: Path, log=print) -> dict:
    """Measure every scale; `base` is the snapshot of the project (its content is 1x)."""
    results = {}
    for factor, gen_repeats, build_repeats in SCALES:
        project = tree.copy_project(workdir / f"scale-{factor}x", base)
        content_dir = project / "content"
        if factor > 1:
            synthetic.make_content(base / "content", content_dir, factor)
        size = synthetic.content_size(content_dir)
        log(f"  {factor}x: {size['yaml_bytes'] / 1024:.0f} KiB of YAML; generator...")
        gen = generator_warm(content_dir, gen_repeats)
        cold = generator_cold(project, content_dir)
        phase = phases(content_dir)
        log(f"  {factor}x: generator {gen['median']:.3f} s; mkdocs build x{build_repeats}...")
        builds = [tree.build(project, workdir / f"site-{factor}x") for _ in range(build_repeats)]
        ok = [b for b in builds if b["ok"]]
        build = {
            "ok": bool(ok),
            "error": next((b["error"] for b in builds if not b["ok"]), ""),
            "median": statistics.median(b["seconds"] for b in ok) if ok else None,
            "min": min(b["seconds"] for b in ok) if ok else None,
            "times": [b["seconds"] for b in ok],
            "peak_rss": max(b["peak_rss"] for b in ok) if ok else None,
            "cpu": statistics.median(b["cpu_seconds"] for b in ok) if ok else None,
        }
        log(f"  {factor}x: build {build['median'] or float('nan'):.3f} s")
        results[factor] = {"size": size, "generator": gen, "cold": cold, "phases": phase, "build": build}
    return results
