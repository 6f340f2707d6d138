"""Report: turn the raw numbers `bench/run.py` measured (bench/results.json) into
bench/results.md, comparing each with its target and saying what would reach it.

Measuring is run.py's job; this module only reads the JSON and writes markdown, so a
report can be rewritten (wording, targets) without measuring again:

    .venv/bin/python bench/report.py [--results bench/results.json] [--output bench/results.md]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import tree  # noqa: E402

TARGETS = {
    "ratio": 0.05,  # generator <= 5% of the full build, default content
    "gen100": 2.0,  # seconds, 100x content
    "own_js": 15 * 1024,  # bytes gzipped
    "own_js_assessment": 20 * 1024,  # bytes gzipped, what the assessment page loads (issue 10)
    "perf": 95,
    "a11y": 100,
    "render": 16.0,  # ms
}


A11Y_FIXES = {
    "aria-dialog-name": 'Material\'s search box (`div.md-search`, role=dialog) has no name; give it one, e.g. `aria-label="Search"` '
    "by overriding partials/search.html in overrides/",
    "color-contrast": "override the color named above in overrides/assets/css/site.css (Material's defaults fall short here)",
    "link-in-text-block": "underline links in running text (`.md-typeset a { text-decoration: underline }` in site.css), "
    "since the indigo link color is too close to the text color",
}
"""How to fix the accessibility audits seen so far; others are reported without a hint."""


# --- formatting -------------------------------------------------------------------


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def kib(n: float | None) -> str:
    if n is None:
        return "-"
    return f"{n / 1024:.1f} KiB" if n < 1024 * 1024 else f"{n / 2**20:.2f} MiB"


def mib(n: float | None) -> str:
    return "-" if n is None else f"{n / 2**20:.0f} MiB"


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return out + [""]


def exponent(t0: float, t1: float, s0: float, s1: float) -> float:
    """k in time ~ size^k between two points: 1 is linear, below 1 is fixed costs showing."""
    return math.log(t1 / t0) / math.log(s1 / s0)


# --- report -----------------------------------------------------------------------


def report(r: dict) -> str:
    L: list[str] = []
    L += ["# Benchmark results", ""]
    L += [
        f"Written by `make bench` (`bench/run.py`) in {r['elapsed']:.0f} s. A benchmark, not a test: it reports and "
        "never fails on slowness. Every number is from one run on the machine below, on a snapshot of the project "
        "taken at the start of the run; timings on a shared 2-core machine move by 10-20 % between runs.",
        "",
    ]
    busy = [
        k for k in ("Load average at start", "Load average at end") if float(r["machine"].get(k, "0").split(" ")[0]) > (os.cpu_count() or 1)
    ]
    if busy:
        L += [
            f"**The machine was busy during this run** ({' and '.join(k.lower() for k in busy)} above its {os.cpu_count()} "
            "cores, see below): timings and Lighthouse's mobile scores are inflated; re-run `make bench` on a quiet machine "
            "before comparing runs.",
            "",
        ]
    L += ["## Machine", ""]
    L += table(["", ""], [[k, v] for k, v in r["machine"].items()])

    targets = target_rows(r)
    L += ["## Targets", ""]
    L += table(["Target", "Measured", "Result", "Why, and what would reach it"], targets)

    L += scaling_section(r["scaling"])
    L += serve_section(r["serve"])
    L += weight_section(r["weight"], r["pages"])
    L += lighthouse_section(r["lighthouse"])
    L += render_section(r["render"])
    if "languages" in r:  # bench/languages.py: one build per language
        import languages
        L += languages.section(r["languages"])
    if "validate_size" in r:  # bench/validate_size.py: best and worst case on ~1 MB of content
        import validate_size
        L += ["", "## Validation on 1 MB of content", ""] + (validate_size.table(r["validate_size"]) if "error" not in r["validate_size"] else [f"Not measured: {r['validate_size']['error']}"])
    return "\n".join(L).rstrip() + "\n"


def target_rows(r: dict) -> list[list[str]]:
    rows = []
    sc = r["scaling"]
    if "error" in sc or not sc.get(1, {}).get("build", {}).get("ok"):
        rows.append(["Generator <= 5 % of full build (default content)", "not measured", "-", sc.get("error", "build failed")])
    else:
        one = sc[1]
        gen, build = one["generator"]["median"], one["build"]["median"]
        ratio = gen / build
        p = one["phases"]
        est, frac = libyaml_estimate(gen, p)
        parts = f"YAML {ms(p['yaml'])}, schema {ms(p['schema'])}, rules {ms(p['rules'])}, render {ms(p['render'])} (one run)"
        if ratio <= TARGETS["ratio"]:
            why = f"{ms(gen)} of {ms(build)}: {parts}."
        else:
            need = TARGETS["ratio"] * build
            why = (
                f"The build takes only {ms(build)} (interpreter, MkDocs and Material start-up, markdown, search index), so 5 % "
                f"leaves {ms(need)} for the generator, which takes {ms(gen)}: {parts}. YAML is already parsed with libyaml; "
                f"most of the rest is Jinja compiling the templates afresh on every build and jsonschema building its "
                f"validators: caching compiled templates on disk (Jinja's `FileSystemBytecodeCache`) and the validators "
                f"between `mkdocs serve` rebuilds would reach it. The target is a ratio against a build that is itself "
                f"under a second."
                if libyaml_in_use()
                else f"The build takes only {ms(build)} (interpreter, MkDocs and Material start-up, markdown, search index), so 5 % "
                f"leaves {ms(need)} for the generator, which takes {ms(gen)}: {parts}. Parsing with libyaml "
                f"(`yaml.CSafeLoader`, already installed; it keeps line marks) instead of the pure-Python `SafeLoader` "
                f"would cut ~{frac:.0%} of it (-> ~{ms(est)}, ~{est / build:.0%} of the build)"
                + (
                    f"; below {ms(need)} also needs the schema check and rendering to shrink, e.g. by checking and rendering "
                    f"only the files that changed (cache by file hash) - or a looser target, the whole build being "
                    f"{ms(build)}."
                    if est > need
                    else ", which meets the target."
                )
            )
        rows.append(
            [
                "Generator <= 5 % of full build (default content)",
                f"{ratio:.1%} ({ms(gen)} / {ms(build)})",
                "met" if ratio <= TARGETS["ratio"] else "**missed**",
                why,
            ]
        )
    if "error" in sc or 100 not in sc:
        rows.append(["100x content generates in < 2 s", "not measured", "-", sc.get("error", "")])
    else:
        h = sc[100]
        gen = h["generator"]["median"]
        p = h["phases"]
        est, frac = libyaml_estimate(gen, p)
        parts = f"YAML {ms(p['yaml'])}, schema {ms(p['schema'])}, rules {ms(p['rules'])}, render {ms(p['render'])} (one run)"
        why = f"{parts}." + (
            f" PyYAML's pure-Python parser is most of it: the same files parse (events + compose, as "
            f"`load_yaml` does) in {ms(p['yaml_pure_parse'])} pure-Python vs {ms(p['yaml_libyaml_parse'])} "
            f"with libyaml; switching `load_yaml` to `yaml.CSafeLoader` would cut ~{frac:.0%}, to ~{ms(est)}"
            + ("." if est < TARGETS["gen100"] else "; the schema check would then be the next largest part.")
            + (" Making `cited_references_exist` look ids up in a set removes the rules' quadratic part." if p["rules"] > 0.1 else "")
            if gen > TARGETS["gen100"]
            else ""
        )
        rows.append(["100x content generates in < 2 s", ms(gen), "met" if gen < TARGETS["gen100"] else "**missed**", why])

    w = r["weight"]
    if "error" in w:
        rows.append(["Own JS <= 15 KiB gzipped", "not measured", "-", w["error"]])
    else:
        own = next(x for x in w if x["name"] == "own JS, all files")
        names = ", ".join(f.split("/")[-1] for f in own["files"])
        ok = own["gzip"] <= TARGETS["own_js"]
        rows.append(
            [
                "Own JS <= 15 KiB gzipped",
                f"{kib(own['gzip'])} ({len(own['files'])} files)",
                "met" if ok else "**missed**",
                f"overrides/assets/js: {names}."
                + ("" if ok else " Move code that only one page needs into a module that page imports, and drop dependencies.")
                + (" assessment.js is still a placeholder: re-run when it lands." if _placeholder() else ""),
            ]
        )

        loaded = next((x for x in w if x["name"] == "loaded by the assessment page"), None)
        if loaded:
            ok = loaded["gzip"] <= TARGETS["own_js_assessment"]
            others = "; ".join(f"{x['name'].removeprefix('loaded by the ')}: {kib(x['gzip'])}" for x in w if x["name"].startswith("loaded by") and x is not loaded)
            rows.append(
                [
                    "Own JS loaded by the assessment page <= 20 KiB gzipped",
                    f"{kib(loaded['gzip'])} ({len(loaded['files'])} files, each gzipped alone)",
                    "met" if ok else "**missed**",
                    f"Minified by `make build` (tools/minify-js.mjs); script tags plus the modules they import. Other pages: {others}.",
                ]
            )

    pages = r["pages"]
    if "error" in pages:
        rows.append(["Mermaid only on pages with a diagram", "not measured", "-", pages["error"]])
    else:
        wrong = [p["page"] for p in pages if p["mermaid"] and not p["diagram"]]
        missing = [p["page"] for p in pages if p["diagram"] and not p["mermaid"]]
        loaders = [p["page"] for p in pages if p["mermaid"]]
        ok = not wrong and not missing
        why = f"Requested by: {', '.join(loaders) or 'no page'}; pages with a diagram: {', '.join(p['page'] for p in pages if p['diagram']) or 'none'}."
        if wrong:
            why += f" Loaded without a diagram on {', '.join(wrong)}."
        if missing:
            why += f" Not loaded although the page has a diagram: {', '.join(missing)} (diagram not drawn?)."
        rows.append(["Mermaid only on pages with a diagram", f"{len(loaders)} of {len(pages)} pages", "met" if ok else "**missed**", why])

    lh = r["lighthouse"]
    if isinstance(lh, dict):
        rows.append(["Lighthouse performance >= 95 and accessibility 100", "not measured", "-", lh["error"]])
    else:
        rows += lighthouse_targets(lh)

    rr = r["render"]
    base = rr.get(1) if isinstance(rr, dict) else None
    if "error" in rr:
        rows.append(["Assessment result render < 16 ms", "not measured", "-", rr["error"]])
    elif not base or not base["ok"]:
        rows.append(
            [
                "Assessment result render < 16 ms",
                "pending",
                "pending",
                f"{(base or {}).get('reason', '')} - the assessment script is not finished yet; the measurement code is in bench/browser.py, re-run `make bench`.",
            ]
        )
    else:
        ok = base["dom_median"] < TARGETS["render"]
        rows.append(
            [
                "Assessment result render < 16 ms",
                f"{base['dom_median']:.1f} ms (next frame {base['frame_median']:.1f} ms)",
                "met" if ok else "**missed**",
                "Last answer to `data-score` set on `[data-result]`, median of 5, unthrottled CPU."
                + (
                    ""
                    if ok
                    else " Profile the change handler: render the result once, without re-reading every question's answer from the DOM."
                ),
            ]
        )
    return rows


def libyaml_in_use() -> bool:
    """Whether generator/yamlfile.py already parses with libyaml (then the estimate below is moot)."""
    import yaml

    from generator.yamlfile import LOADER

    return LOADER is getattr(yaml, "CSafeLoader", None)


def libyaml_estimate(gen: float, p: dict) -> tuple[float, float]:
    """Generator time if load_yaml parsed with libyaml: the share of one phased run that
    the faster parser saves, applied to the median (shares are steadier than times)."""
    if p.get("yaml_libyaml_parse") is None:
        return gen, 0.0
    total = p["yaml"] + p["schema"] + p["rules"] + p["render"]
    saved = min(max(p["yaml_pure_parse"] - p["yaml_libyaml_parse"], 0), p["yaml"])
    frac = saved / total if total else 0.0
    return gen * (1 - frac), frac


def short(page: str) -> str:
    return page.split(" ")[0]


def lighthouse_targets(lh: list[dict]) -> list[list[str]]:
    """One row per form factor for performance, one row for accessibility (it does not
    depend on the form factor, so its failing audits are listed once)."""
    rows = []
    broken = [x for x in lh if not x["ok"]]
    for x in broken:
        rows.append([f"Lighthouse {x['form']} {short(x['page'])}", "could not run", "-", x["error"][:400]])
    good = [x for x in lh if x["ok"]]
    for form in dict.fromkeys(x["form"] for x in good):
        runs = [x for x in good if x["form"] == form]
        measured = ", ".join(f"{short(x['page'])} {x['performance']}" for x in runs)
        why = []
        for x in runs:
            if x["performance"] >= TARGETS["perf"]:
                continue
            text = (
                f"{short(x['page'])}: "
                + ", ".join(f"{k.replace('-', ' ')} {v}" for k, v in x["metrics"].items())
                + (f"; main-thread time by script: {', '.join(x['scripts'])}" if x.get("scripts") else "")
                + ("; " + "; ".join(x["opportunities"][:3]) if x["opportunities"] else "")
            )
            if x.get("scripts") and x["scripts"][0].startswith("mermaid"):
                text += (
                    ". Mermaid is the largest cost here: drawing the progression diagram at build time (inline SVG; the "
                    "text equivalent stays) or loading mermaid only when the diagram scrolls into view would take it off "
                    "the critical path"
                )
            why.append(text)
        if why and form == "mobile":
            why.append(
                "Mobile scores scale the main-thread time measured on this shared machine by 4 (see the load average "
                "above), so they move by several points between runs"
            )
        ok = all(x["performance"] >= TARGETS["perf"] for x in runs)
        rows.append(
            [
                f"Lighthouse performance >= 95 ({form})",
                measured,
                "met" if ok else "**missed**",
                ". ".join(w.rstrip(".") for w in why) + "." if why else "All three pages at or above target.",
            ]
        )
    if good:
        by_page = {}
        for x in good:
            by_page.setdefault(short(x["page"]), set()).add(x["accessibility"])
        measured = ", ".join(f"{p} {'/'.join(str(v) for v in sorted(vs))}" for p, vs in by_page.items())
        seen: dict[str, dict] = {}
        for x in good:
            for a in x["failing_accessibility"]:
                entry = seen.setdefault(a["id"], {**a, "pages": []})
                if short(x["page"]) not in entry["pages"]:
                    entry["pages"].append(short(x["page"]))
        why = [
            f"{a['title']} ({', '.join(a['pages'])})"
            + (f": {a['example']}" if a["example"] else "")
            + (f". Fix: {A11Y_FIXES[a['id']]}" if a["id"] in A11Y_FIXES else "")
            for a in seen.values()
        ]
        ok = all(x["accessibility"] >= TARGETS["a11y"] for x in good)
        rows.append(
            [
                "Lighthouse accessibility 100 (desktop and mobile)",
                measured,
                "met" if ok else "**missed**",
                " ".join(f"{i + 1}. {w.rstrip('.')}." for i, w in enumerate(why)) if why else "All three pages at 100.",
            ]
        )
    return rows


def _placeholder() -> bool:
    js = tree.REPO / "overrides" / "assets" / "js" / "assessment.js"
    return js.is_file() and js.stat().st_size < 200 and "placeholder" in js.read_text()


PHASES = {
    "yaml": "reading YAML",
    "schema": "schema check",
    "rules": "rules",
    "render": "rendering",
    "yaml_pure_parse": "pure-Python YAML parse",
    "yaml_libyaml_parse": "libyaml parse",
}


def scaling_section(sc: dict) -> list[str]:
    L = ["## Generator alone vs full `mkdocs build`", ""]
    if "error" in sc:
        return L + [f"Could not run: {sc['error']}", ""]
    import synthetic

    L += [
        'What "10x" and "100x" mean (made by `bench/synthetic.py` in a temporary folder, valid content):',
        synthetic.__doc__.split('so "N times larger" means:', 1)[1].split("The content stays valid")[0].strip(),
        "",
    ]
    L += [
        'Generator = `load_content` + `render_site` in-process, warm, median of several runs; "cold" = the same once in a '
        "fresh interpreter (includes start-up and imports). Build = `mkdocs build` of a copy of the project into a "
        "temporary folder (subprocess, median of 3; peak RSS from `wait4`). Generator memory = tracemalloc peak of "
        "Python allocations during one load+render.",
        "",
    ]
    rows = []
    for factor, x in sc.items():
        s, g, c, b = x["size"], x["generator"], x["cold"], x["build"]
        rows.append(
            [
                f"{factor}x",
                kib(s["yaml_bytes"]),
                kib(s["data_bytes"]),
                f"{s['references']} / {s['level_citations']} / {s['questions']} / {s['option_citations']} / {s['releases']}",
                kib(g["markdown_bytes"]),
                f"{ms(g['median'])} (min {ms(g['min'])}, n={len(g['times'])})",
                ms(c.get("run")) + (f" + {ms(c['import'])} imports" if c.get("ok") else ""),
                mib(g["tracemalloc_peak"]),
                mib(c.get("peak_rss")),
                f"{ms(b['median'])} (min {ms(b['min'])})" if b["ok"] else "failed: " + b["error"][-200:],
                mib(b["peak_rss"]),
                f"{g['median'] / b['median']:.1%}" if b["ok"] else "-",
            ]
        )
    L += table(
        [
            "Content",
            "YAML",
            "Data (JSON)",
            "Refs / level cites / questions / option cites / releases",
            "Markdown out",
            "Generator (warm)",
            "Generator (cold)",
            "Gen. memory (tracemalloc)",
            "Gen. peak RSS (cold)",
            "mkdocs build",
            "Build peak RSS",
            "Generator / build",
        ],
        rows,
    )

    L += [
        'Where the generator\'s time goes (one warm run each; "YAML parse" = the event pass and compose that `load_yaml` '
        "does, pure-Python PyYAML as used today vs libyaml):",
        "",
    ]
    rows = [
        [f"{f}x", ms(p["yaml"]), ms(p["schema"]), ms(p["rules"]), ms(p["render"]), ms(p["yaml_pure_parse"]), ms(p["yaml_libyaml_parse"])]
        for f, p in ((f, x["phases"]) for f, x in sc.items())
    ]
    worse = []
    if 10 in sc and 100 in sc:
        s10, s100 = sc[10]["size"]["data_bytes"], sc[100]["size"]["data_bytes"]
        ks = {}
        for key in PHASES:
            a, b = sc[10]["phases"][key], sc[100]["phases"][key]
            ks[key] = exponent(a, b, s10, s100) if a and b and a > 0.001 else None
        rows.append(["k, 10x -> 100x"] + [f"{ks[key]:.2f}" if ks[key] is not None else "-" for key in PHASES])
        worse = [key for key, k in ks.items() if k is not None and k > 1.3]
    L += table(
        ["Content", "Read YAML (load_yaml)", "Schema check", "Rules", "Render", "YAML parse, pure Python", "YAML parse, libyaml"], rows
    )
    if "rules" in worse:
        L += [
            "The rules grow worse than linear: `cited_references_exist` checks each citation with `ref not in known`, "
            "where `known` is a list, so its cost is citations x references. A set would make it linear.",
            "",
        ]
    other = [PHASES[k] for k in worse if k != "rules"]
    if other:
        L += [f"Also worse than linear between 10x and 100x: {', '.join(other)}.", ""]

    factors = [f for f in sc if sc[f]["build"]["ok"]]
    rows = []
    for a, b in zip(factors, factors[1:]):
        sa, sb = sc[a]["size"]["data_bytes"], sc[b]["size"]["data_bytes"]
        ga, gb = sc[a]["generator"]["min"], sc[b]["generator"]["min"]
        ba, bb = sc[a]["build"]["min"], sc[b]["build"]["min"]
        rows.append(
            [
                f"{a}x -> {b}x",
                f"x{sb / sa:.1f}",
                f"x{gb / ga:.1f} (k={exponent(ga, gb, sa, sb):.2f})",
                f"x{bb / ba:.1f} (k={exponent(ba, bb, sa, sb):.2f})",
            ]
        )
    L += [
        "Growth (k in time ~ size^k, size = data bytes, time = fastest run of each, the least disturbed by other "
        "jobs: k = 1 is linear, k < 1 means fixed costs still dominate, k > 1 is worse than linear):",
        "",
    ]
    L += table(["Step", "Size", "Generator time", "Build time"], rows)
    last = rows[-1] if rows else None
    if last and len(factors) >= 3:
        a, b = factors[-2], factors[-1]
        sa, sb = sc[a]["size"]["data_bytes"], sc[b]["size"]["data_bytes"]
        kg = exponent(sc[a]["generator"]["min"], sc[b]["generator"]["min"], sa, sb)
        kb = exponent(sc[a]["build"]["min"], sc[b]["build"]["min"], sa, sb)
        verdict = lambda k: "linearly" if 0.85 <= k <= 1.15 else ("less than linearly (fixed costs)" if k < 0.85 else "worse than linearly")  # noqa: E731
        first = exponent(sc[factors[0]]["generator"]["min"], sc[a]["generator"]["min"], sc[factors[0]]["size"]["data_bytes"], sa)
        L += [
            f"Between {a}x and {b}x the generator grows {verdict(kg)} (k={kg:.2f}) and the build {verdict(kb)} (k={kb:.2f})."
            + (
                f" From {factors[0]}x to {a}x both grow less than the content because fixed costs (validator set-up, "
                "MkDocs start-up, theme files, search) dominate at the default size."
                if 0 < first < 0.85
                else ""
            )
            + " The page count stays at the default's (levels are fixed), so larger content means larger pages, not more of them.",
            "",
        ]
    return L


def serve_section(sv: dict) -> list[str]:
    L = ["## `mkdocs serve`: save a YAML file -> reloaded page", ""]
    if not sv.get("ok"):
        return L + [f"Could not measure: {sv.get('error')}", "", "```", sv.get("log", "").strip(), "```", ""]
    L += [
        "A copy of the project is served; Chromium keeps `/levels/managed/` open; each round rewrites that level's "
        "`summary` in content/levels.yml with a new marker and polls the page every 10 ms until the marker shows "
        '(MkDocs\' livereload rebuilds and reloads the page). "Rebuild" is MkDocs\' own "Documentation built in" time.',
        "",
    ]
    rows = [
        [i + 1, ms(x["seconds"]), ms(x["rebuild"]), ms(x["seconds"] - x["rebuild"]) if x["rebuild"] else "-"]
        for i, x in enumerate(sv["rounds"])
    ]
    rows.append(["**median**", f"**{ms(sv['median'])}**", ms(sv["rebuild_median"]), ""])
    L += table(["Round", "Save -> page shows the edit", "of which rebuild", "the rest (watch, reload, page load)"], rows)
    return L


def weight_section(w, pages) -> list[str]:
    L = ["## Bytes per page type and asset", ""]
    if "error" in w:
        L += [f"Could not measure: {w['error']}", ""]
    else:
        L += ["Files of the default site as built, gzip level 6.", ""]
        L += table(["Kind", "What", "Raw", "gzip"], [[x["kind"], x["name"], kib(x["raw"]), kib(x["gzip"])] for x in w])
    L += [
        "Which pages load mermaid, and what a first visit transfers (Chromium, empty cache, local server gzipping "
        "text, until network idle; bytes are response bodies as sent plus headers):",
        "",
    ]
    if "error" in pages:
        return L + [f"Could not measure: {pages['error']}", ""]
    home = next((p["transferred"] for p in pages if p["page"].split(" ")[0] in ("/", "home")), None)
    others = sorted(p["transferred"] for p in pages if p["page"].split(" ")[0] not in ("/", "home"))
    if home and others:
        median = others[len(others) // 2]
        L += [f"Home page vs the median other page: {kib(home)} / {kib(median)} = {home / median:.2f}x (target: 1.5x or less).", ""]
    L += table(
        ["Page", "Has a diagram", "Loads mermaid.min.js", "Requests", "Transferred"],
        [
            [p["page"], "yes" if p["diagram"] else "no", "**yes**" if p["mermaid"] else "no", p["requests"], kib(p["transferred"])]
            for p in pages
        ],
    )
    return L


def lighthouse_section(lh) -> list[str]:
    L = ["## Lighthouse", ""]
    if isinstance(lh, dict):
        return L + [f"Could not run: {lh['error']}", ""]
    L += [
        "`node_modules/.bin/lighthouse` against the default site on a local server (127.0.0.1, gzip), headless Chromium, "
        "`--only-categories=performance,accessibility`; desktop = `--preset=desktop`, mobile = Lighthouse's default "
        "(simulated slow 4G, 4x CPU slowdown). Desktop: one run per page; mobile: up to three runs (fewer when the run "
        "is short of time), the one with the median performance score is shown. Accessibility does not depend on the run.",
        "",
    ]
    rows = []
    for x in lh:
        if not x["ok"]:
            rows.append([x["form"], x["page"], "error", "error", x["error"][:300], "", ""])
            continue
        m = x["metrics"]
        rows.append(
            [
                x["form"],
                x["page"],
                x["performance"]
                if len(x.get("all_performance", [])) < 2
                else f"{x['performance']} (runs: {', '.join(map(str, x['all_performance']))})",
                x["accessibility"],
                ", ".join(
                    f"{k.replace('first-contentful-paint', 'FCP').replace('largest-contentful-paint', 'LCP').replace('total-blocking-time', 'TBT').replace('cumulative-layout-shift', 'CLS').replace('speed-index', 'SI')} {v}"
                    for k, v in m.items()
                ),
                "; ".join([a["title"] for a in x["failing_accessibility"] + x["failing_performance"]] + x["opportunities"]) or "-",
                ", ".join(x.get("scripts", [])) or "-",
            ]
        )
    L += table(
        ["Form factor", "Page", "Performance", "Accessibility", "Metrics", "Failing audits / opportunities", "Main-thread time by script"],
        rows,
    )
    return L


def render_section(rr) -> list[str]:
    L = ["## Self-assessment: last answer -> rendered result", ""]
    if "error" in rr:
        return L + [f"Could not measure: {rr['error']}", ""]
    L += [
        "In Chromium on /assessment/ (storage cleared): every question but the last is answered by clicking a radio "
        "input; then `performance.now()`, a click on the last radio, and a MutationObserver waits for `data-score` on "
        '`[data-result]` ("DOM"); "next frame" is the following requestAnimationFrame, just before that frame is '
        "painted. 5 runs with different answers; 4x = CPU throttled through the DevTools protocol.",
        "",
    ]
    rows = []
    for rate, x in rr.items():
        label = "unthrottled" if rate == 1 else f"{rate}x CPU slowdown"
        if x["ok"]:
            rows.append([label, f"{x['dom_median']:.1f} ms", f"{x['dom_max']:.1f} ms", f"{x['frame_median']:.1f} ms"])
        else:
            rows.append([label, "pending", "pending", f"pending: {x['reason']}"])
    L += table(["CPU", "DOM updated (median)", "DOM updated (max)", "Next frame (median)"], rows)
    return L


# --- main -------------------------------------------------------------------------


def _int_keys(d):
    return {int(k) if isinstance(k, str) and k.isdigit() else k: v for k, v in d.items()} if isinstance(d, dict) else d


def write(r: dict, output: Path) -> None:
    """Write the report for results read back from JSON, where number keys (scale
    factors 1/10/100, CPU slow-down rates) became strings."""
    r = {**r, **{k: _int_keys(r[k]) for k in ("scaling", "render") if k in r}}
    output.write_text(report(r), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", type=Path, default=BENCH / "results.json")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(tree.REPO))  # validate_size and libyaml_in_use import the generator
    write(json.loads(args.results.read_text(encoding="utf-8")), args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
