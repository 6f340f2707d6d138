"""The bench's targets as one table of data, and the measured row of each.

Why: a target, its limit and whether it was met are facts, not prose. TARGETS holds each
target once (id, what, the limit and its comparison, how it is measured, the function
that reads its value from bench/results.json, and advice shown only when it is missed,
where there is advice that holds); `rows` reads each value and computes met or missed,
so no result is ever written by hand and a changed limit changes every row that uses it.
"""

from __future__ import annotations

import operator
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from fmt import kib, ms


class NotMeasured(Exception):
    """The measurement did not run or failed; the message says why."""


@dataclass(frozen=True)
class Reading:
    value: float
    shown: str
    detail: str = ""


@dataclass(frozen=True)
class Target:
    id: str
    what: str
    op: str
    limit: float
    unit: Callable[[float], str]
    how: str
    read: Callable[[dict, Target], Reading]
    advice: str = ""

    @property
    def goal(self) -> str:
        return f"{self.op} {self.unit(self.limit)}"

    def met(self, value: float) -> bool:
        return OPS[self.op](value, self.limit)


@dataclass(frozen=True)
class Row:
    target: Target
    reading: Reading | None
    reason: str = ""

    @property
    def result(self) -> str:
        if self.reading is None:
            return "not measured"
        return "met" if self.target.met(self.reading.value) else "missed"


OPS = {"<": operator.lt, "<=": operator.le, ">=": operator.ge, "=": operator.eq}


def pct(x: float) -> str:
    return f"{x:.1%}"


def score(x: float) -> str:
    return f"{x:.0f}"


def times(x: float) -> str:
    return f"{x:.2f}x"


def pages(x: float) -> str:
    return f"{x:.0f} pages"


def in_ms(x: float) -> str:
    return f"{x:.1f} ms"


def chars(x: float) -> str:
    return f"{x:,.0f} characters"


def part(r: dict, key: str):
    """One measurement's results, or NotMeasured with the reason it has none."""
    if key not in r:
        raise NotMeasured(f"no `{key}` in results.json")
    if isinstance(r[key], dict) and "error" in r[key]:
        raise NotMeasured(r[key]["error"])
    return r[key]


def short(page: str) -> str:
    return page.split(" ")[0]


def phases(p: dict) -> str:
    return f"YAML {ms(p['yaml'])}, schema {ms(p['schema'])}, rules {ms(p['rules'])}, render {ms(p['render'])} (one run)."


# --- how each value is read from results.json ---------------------------------------


def generator_share(r: dict, t: Target) -> Reading:
    one = part(r, "scaling").get(1)
    if not one or not one["build"]["ok"]:
        raise NotMeasured((one or {}).get("build", {}).get("error", "no 1x run")[-200:])
    gen, build = one["generator"]["median"], one["build"]["median"]
    return Reading(gen / build, f"{pct(gen / build)} ({ms(gen)} / {ms(build)})", phases(one["phases"]))


def generator_100x(r: dict, t: Target) -> Reading:
    h = part(r, "scaling").get(100)
    if not h:
        raise NotMeasured("no 100x run")
    return Reading(h["generator"]["median"], ms(h["generator"]["median"]), phases(h["phases"]))


def page_js(r: dict, t: Target) -> Reading:
    loaded = [x for x in part(r, "weight") if x["name"].startswith("loaded by the ")]
    if not loaded:
        raise NotMeasured("no page's scripts were weighed")
    name = lambda x: x["name"].removeprefix("loaded by the ")  # noqa: E731
    worst = max(loaded, key=lambda x: x["gzip"])
    return Reading(worst["gzip"], f"{kib(worst['gzip'])} ({name(worst)}, {len(worst['files'])} files)",
                   "Each page: " + "; ".join(f"{name(x)} {kib(x['gzip'])}" for x in loaded) + ".")


def mermaid(r: dict, t: Target) -> Reading:
    visited = part(r, "pages")
    wrong = [p["page"] for p in visited if p["mermaid"] and not p["diagram"]]
    missing = [p["page"] for p in visited if p["diagram"] and not p["mermaid"]]
    loaders = [p["page"] for p in visited if p["mermaid"]]
    detail = f"Loaded by: {', '.join(loaders) or 'no page'}; a diagram on: {', '.join(p['page'] for p in visited if p['diagram']) or 'no page'}."
    detail += f" Loaded without a diagram: {', '.join(wrong)}." if wrong else ""
    detail += f" Not loaded although the page has a diagram: {', '.join(missing)}." if missing else ""
    return Reading(len(wrong) + len(missing), f"{len(wrong) + len(missing)} (loaded on {len(loaders)} of {len(visited)} pages)", detail)


def home_weight(r: dict, t: Target) -> Reading:
    visited = part(r, "pages")
    home = next((p["transferred"] for p in visited if short(p["page"]) in ("/", "home")), None)
    others = sorted(p["transferred"] for p in visited if short(p["page"]) not in ("/", "home"))
    if not home or not others:
        raise NotMeasured("the home page or every other page is missing")
    median = statistics.median_high(others)
    return Reading(home / median, f"{times(home / median)} ({kib(home)} / {kib(median)})")


def lighthouse_runs(r: dict, forms: tuple[str, ...]) -> tuple[list[dict], list[str]]:
    """Lighthouse's good runs of these form factors, and why the others failed."""
    lh = r.get("lighthouse", {"error": "no `lighthouse` in results.json"})
    if isinstance(lh, dict):
        raise NotMeasured(lh["error"])
    runs = [x for x in lh if x["form"] in forms]
    broken = [f"{x['form']} {short(x['page'])} could not run: {x['error'][:300]}" for x in runs if not x["ok"]]
    good = [x for x in runs if x["ok"]]
    if not good:
        raise NotMeasured("; ".join(broken) or f"no {' or '.join(forms)} run")
    return good, broken


def performance(form: str) -> Callable[[dict, Target], Reading]:
    def read(r: dict, t: Target) -> Reading:
        good, broken = lighthouse_runs(r, (form,))
        below = [
            f"{short(x['page'])}: "
            + ", ".join(f"{k.replace('-', ' ')} {v}" for k, v in x["metrics"].items())
            + (f"; main-thread time by script: {', '.join(x['scripts'])}" if x.get("scripts") else "")
            + "".join(f"; {o}" for o in x["opportunities"][:3])
            for x in good
            if not t.met(x["performance"])
        ]
        return Reading(min(x["performance"] for x in good), ", ".join(f"{short(x['page'])} {x['performance']}" for x in good),
                       " ".join(f"{w}." for w in broken + below))
    return read


def accessibility(r: dict, t: Target) -> Reading:
    good, broken = lighthouse_runs(r, ("desktop", "mobile"))
    by_page: dict[str, set] = {}
    failing: dict[str, dict] = {}
    for x in good:
        by_page.setdefault(short(x["page"]), set()).add(x["accessibility"])
        for a in x["failing_accessibility"]:
            seen = failing.setdefault(a["id"], {**a, "pages": []})
            seen["pages"] += [short(x["page"])] if short(x["page"]) not in seen["pages"] else []
    audits = [f"{a['title']} ({', '.join(a['pages'])})" + (f": {a['example']}" if a["example"] else "") for a in failing.values()]
    return Reading(min(x["accessibility"] for x in good), ", ".join(f"{p} {'/'.join(map(str, sorted(v)))}" for p, v in by_page.items()),
                   " ".join(f"{w.rstrip('.')}." for w in broken + audits))


def result_render(r: dict, t: Target) -> Reading:
    rates = part(r, "render")
    base = rates.get(1)
    if not base or not base["ok"]:
        raise NotMeasured((base or {}).get("reason", "no unthrottled run"))
    slowed = [f"{rate}x CPU slowdown: {x['dom_median']:.1f} ms" for rate, x in rates.items() if rate != 1 and x["ok"]]
    return Reading(base["dom_median"], f"{base['dom_median']:.1f} ms (next frame {base['frame_median']:.1f} ms)",
                   "; ".join(slowed) + "." if slowed else "")


def team_render(r: dict, t: Target) -> Reading:
    got = part(r, "team")
    if not got.get("ok"):
        raise NotMeasured(got.get("reason", "not measured"))
    return Reading(got["ms_median"] / 1000, f"{got['ms_median']:.0f} ms for {got['members']} member files (median of {len(got['runs'])})", "")


def team_link(r: dict, t: Target) -> Reading:
    got = part(r, "team")
    if not got.get("ok"):
        raise NotMeasured(got.get("reason", "not measured"))
    return Reading(got["link_chars"], f"{got['link_chars']} characters for {got['link_members']} members", "")


def validation(r: dict, t: Target) -> Reading:
    cases = part(r, "validate_size")
    name, worst = max(cases.items(), key=lambda c: c[1]["seconds"])
    valid = cases.get("valid", {"exit": 0})
    return Reading(worst["seconds"], f"{ms(worst['seconds'])} ({name}, {worst['bytes'] / 1e6:.2f} MB)",
                   f"The valid case did not validate (exit {valid['exit']}; problems: {valid['problems']}): "
                   "the run measured a failing check, not valid content." if valid["exit"] else "")


# --- the table ----------------------------------------------------------------------

LIGHTHOUSE_PAGES = "home, a level page, the assessment, team and progress pages on the local gzip server (mobile: in every language)"

TARGETS = (
    Target("generator_share", "Generator's share of the full build, default content", "<=", 0.05, pct,
           "scaling.py: `load_content` + `render_site` (warm, median) / `mkdocs build` (median of 3), 1x content", generator_share),
    Target("generator_100x", "Generator on 100x content", "<", 2.0, ms,
           "scaling.py: the same, warm, median of 3, on bench/synthetic.py's 100x content", generator_100x),
    Target("page_js", "Own JS one page loads, gzipped (the heaviest page)", "<=", 20 * 1024, kib,
           "weight.py: a page's script tags under assets/js/ and the modules they import, minified as `make build` does, "
           "each file gzipped alone; home, assessment, team and progress pages", page_js,
           advice="Move code that only one page needs into a module only that page imports (page-modules.js)."),
    Target("mermaid_only_with_diagram", "Pages loading mermaid without a diagram, or a diagram without mermaid", "=", 0, pages,
           "browser.py: every page in Chromium; loads mermaid = requested assets/vendor/mermaid.min.js; "
           'has a diagram = `class="mermaid"` in its HTML (none when the build draws it)', mermaid),
    Target("home_weight", "First visit: home page / the median other page, bytes transferred", "<=", 1.5, times,
           "browser.py: Chromium, empty cache, gzip, until network idle; response bodies plus headers", home_weight),
    Target("performance_desktop", "Lighthouse performance, desktop (lowest page)", ">=", 95, score,
           f"lighthouse.py: `--preset=desktop`, one run each on {LIGHTHOUSE_PAGES}", performance("desktop")),
    Target("performance_mobile", "Lighthouse performance, mobile (lowest page)", ">=", 95, score,
           f"lighthouse.py: simulated slow 4G and 4x CPU slowdown, median of up to 3 runs each on {LIGHTHOUSE_PAGES}",
           performance("mobile"),
           advice="Mobile scores multiply the main-thread time measured on this shared machine by 4, so they move by "
           "several points between runs: check the load average above before acting on a miss."),
    Target("accessibility", "Lighthouse accessibility (lowest page, desktop and mobile)", ">=", 100, score,
           f"lighthouse.py: the same runs, on {LIGHTHOUSE_PAGES}", accessibility),
    Target("result_render", "Self-assessment: last answer -> result in the DOM (median)", "<", 16, in_ms,
           "browser.py: click on the last radio until `data-score` is set on `[data-result]`, 5 runs, unthrottled CPU",
           result_render),
    Target("team_render", "Team view: 1,000 member files dropped -> the team drawn (median)", "<", 1.0, ms,
           "team.py: Chromium, from the picker's change event to the page's count of members, 3 fresh pages", team_render),
    Target("team_link_100", "Team link for 100 members, whole address", "<", 2000, chars,
           "team.py: the page's own team link after 100 member files, names left out (the default)", team_link),
    Target("validate_1mb", "`generator validate` on ~1 MB of content (slowest case)", "<", 5.0, ms,
           "validate_size.py: valid content and three kinds of mistakes by the thousand, best of 3 each", validation),
)


def target(target_id: str) -> Target:
    return next(t for t in TARGETS if t.id == target_id)


def rows(r: dict) -> list[Row]:
    """Every target's measured row, in the table's order; one that could not be read says why."""
    out = []
    for t in TARGETS:
        try:
            out.append(Row(t, t.read(r, t)))
        except NotMeasured as why:
            out.append(Row(t, None, str(why)))
    return out
