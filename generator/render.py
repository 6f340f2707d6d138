"""Render validated content into markdown pages through the Jinja2 templates in templates/.

`render_site(content)` is the whole core: content in, `{page path: markdown}` out.
Templates hold every word of page structure; this module only prepares the data
each template needs (derived views such as 'references grouped by kind').
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import cache
from pathlib import Path

import jinja2
from jinja2 import pass_context

from generator import escape, status
from generator.content import Content, fill, level_path
from generator.diagram import progression, progression_steps
from generator.fields import schema_fields
from generator.pages import DISPLAY as PAGES_DISPLAY
from generator.pages import GENERATED_PAGES, meta_policy
from generator.translate import ENGLISH

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

ASSESSMENT = "assessment.md"
TEAM = "team.md"
PROGRESS = "progress.md"

MADE_FROM = {page.path: page.made_from for page in GENERATED_PAGES}
"""The file each generated page (but a level's) is made from, from the repository's root."""

HANDWRITTEN = ("about.md",)
"""The hand-written pages of content/pages today; callers that read the folder pass its
pages (translate.english_pages), so whatever page validate accepts is in the navigation
(MkDocs refuses a page left out of it, and a page it names that is not there)."""


Href = Callable[[str, str], str]
"""(target page, linking page), both paths in the docs folder -> the href a browser follows."""


def page_link(target: str, page: str) -> str:
    """A markdown link target from `page` to `target` (paths in the docs folder). MkDocs
    turns it into the URL it serves `target` at, whatever `use_directory_urls` says."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def _directory_url(path: str) -> str:
    stem = path.removesuffix(".md")
    folder, name = posixpath.split(stem)
    return (folder + "/" if folder else "") if name == "index" else stem + "/"


def directory_href(target: str, page: str) -> str:
    """The href MkDocs gives a link from `page` to `target` with `use_directory_urls: true`
    (this site's setting). Only for callers without MkDocs (tests, the CLI): the hook
    passes MkDocs' own answer, and tests/test_one_source.py checks the two agree."""
    return posixpath.relpath(_directory_url(target) or ".", _directory_url(page) or ".") + "/"


@pass_context
def _link(context, target: str) -> str:
    return page_link(target, context["page"])


@pass_context
def _level_title(context, level: dict, escaper: str | None = None) -> str:
    """`level | level_title("md")`: the title, with the name through that escaping filter."""
    return context["content"].level_title(level, context.environment.filters[escaper] if escaper else str)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the system's temporary folder between processes, so a
    fresh `mkdocs build` skips Jinja's compiler (most of the generator's first-call
    time). Jinja checks each entry against its template's source, so an edited template
    is compiled again; where no private cache folder can be made, templates are simply
    compiled each time. Jinja does not check the environment's compile-time settings
    (`finalize`): the file name carries them, so change it with them."""
    try:  # the name says the compile-time settings (finalize): code compiled without them is never read
        return jinja2.FileSystemBytecodeCache(pattern="__jinja2_genaiops_finalize_%s.cache")
    except (OSError, RuntimeError):
        return None


class _Environment(jinja2.Environment):
    """`ui.team.clear` is the key `clear` of the site's words, not the dict's method."""

    def getattr(self, obj, attribute):
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Jinja for markdown output: undefined names fail loudly, and every piece of
    content goes through an escaping filter chosen for where it lands. Built once per
    process (and per folder): Jinja then compiles each template once, not per build;
    a template edited under `mkdocs serve` is still reloaded, as its file is newer."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=escape.as_printed,
    )
    env.filters.update(
        md=escape.md_inline,
        paragraphs=escape.md_paragraphs,
        mermaid=escape.mermaid_text,
        json_html=escape.json_for_html,
        html=escape.html_text,
        html_content=escape.html_content,
        url=escape.md_url,
        fm=escape.front_matter_text,
        level_title=_level_title,
        fill=fill,
    )
    env.globals.update(level_path=level_path, link=_link, ref_state=status.state)
    return env


Draw = Callable[[str, str], "str | None"]
"""(diagram id, mermaid source) -> the diagram as SVG, or None to draw it in the browser
(generator/drawing.py draws at build time)."""


def render_site(content: Content, templates_dir: Path = TEMPLATES_DIR, href: Href = directory_href,
                draw: Draw | None = None) -> dict[str, str]:
    """Every generated page, by path relative to the docs folder. `href` links pages from
    data that MkDocs does not read as links (the questionnaire's JSON); `draw`, when given,
    turns the diagram into SVG at build time."""
    env = environment(templates_dir)
    common = {"content": content, "model": content.model, "ui": content.ui}
    diagram = progression(content.levels, content.ui["level_title"])
    own = {  # what each page's template needs beyond the common context
        "index.md": lambda: {"diagram": diagram, "steps": progression_steps(content.levels),
                             "drawing": draw("progression", diagram) if draw else None},
        "references.md": lambda: {"cited_by": cited_by(content), "by_kind": references_by_kind(content, list(content.references))},
        "editions.md": lambda: {"terms": term_rows(content), "same_words": same_words(content)},
        ASSESSMENT: lambda: {"data": assessment_data(content, href), "team_url": href(TEAM, ASSESSMENT), "progress_url": href(PROGRESS, ASSESSMENT)},
        TEAM: lambda: {"data": assessment_data(content, href, TEAM)},
        PROGRESS: lambda: {"data": assessment_data(content, href, PROGRESS)},
        "fields.md": lambda: {"files": schema_fields()},
    }
    pages = {
        page.path: env.get_template(page.template).render(**common, page=page.path, controller=page.controller, **own.get(page.path, dict)())
        for page in GENERATED_PAGES
    }
    template = env.get_template("level.md.j2")
    for i, level in enumerate(content.levels):
        pages[level_path(level)] = template.render(
            **common,
            page=level_path(level),
            level=level,
            previous=content.levels[i - 1] if i else None,
            next=content.levels[i + 1] if i + 1 < len(content.levels) else None,
            by_kind=references_by_kind(content, level["references"]),
        )
    return pages


def page_sources(content: Content) -> dict[str, str]:
    """For "Edit this page": where each generated page is made from, as a path from the
    repository's root, with `#L<line>` where the page is one entry of a file (a level's
    page: its entry in content/levels.yml). Hand-written pages: `handwritten_source`."""
    sources = dict(MADE_FROM)
    for i, level in enumerate(content.levels):
        line = content.line("levels", ("levels", i))
        sources[level_path(level)] = "content/levels.yml" + (f"#L{line}" if line else "")
    return sources


def handwritten_source(page: str) -> str:
    """'about.md' -> 'content/pages/about.md': a hand-written page is its own source."""
    return f"{PAGES_DISPLAY}/{page}"


def site_facts(content: Content) -> dict[str, str]:
    """What MkDocs' configuration says about the site, from content: its name (the
    model's) and the footer line crediting the source. Both are HTML: the theme prints
    them raw (and leaves escaped text alone where it escapes)."""
    footer = environment().get_template("copyright.html.j2").render(content=content, model=content.model, ui=content.ui)
    return {"site_name": escape.html_text(content.model["name"]), "copyright": footer.strip()}


def engine_settings(content: Content, policy: str, handwritten: tuple[str, ...] = HANDWRITTEN) -> dict:
    """Everything an engine's configuration needs from content beyond mkdocs.yml: the
    nav (with `handwritten`, the pages of content/pages), the site's name and footer, and
    `extra` for overrides/main.html (the content version, and the policy for the <meta>
    tag; "" for none). One source for the MkDocs hook and for `python -m generator render
    --out`, which engines without hooks read."""
    return {
        "nav": nav(content, handwritten),
        **{key: str(value) for key, value in site_facts(content).items()},  # plain text, not Markup
        "extra": {
            "content_version": content.version,
            "csp": meta_policy(policy) if policy else "",
            "note_label": escape.css_string(content.ui["common"]["note"]),
            "diagram_label": str(content.ui["common"]["diagram"]),  # plain str: English standing in is a str subclass
            "diagram_label_named": str(content.ui["common"]["diagram_named"]),
            "language_note": language_note(content),
            "language_draft": content.draft,
        },
    }


def language_note(content: Content) -> str:
    """The line above every page of a translated site (About included, where translators
    look): that it is a translation, or a draft, and, while English stands in for some of
    its strings, how much is translated (`language.coverage`). "" in English."""
    if content.language == ENGLISH:
        return ""
    words = content.ui["language"]
    note = words["draft" if content.draft else "translated"]
    coverage = content.coverage
    if coverage and coverage.missing:
        note = fill(words["coverage"], note=note, percent=coverage.percent, count=len(coverage.missing), total=coverage.strings)
    return str(note)


def nav(content: Content, handwritten: tuple[str, ...] = HANDWRITTEN) -> list:
    """The site's navigation, in MkDocs' `nav` format: the hand-written pages under About,
    about.md first. Titles are HTML-escaped because themes print them raw; a hand-written
    page's title is its own (MkDocs reads it from the page)."""
    about = sorted(handwritten, key=lambda page: (page != "about.md", page))
    title = escape.html_text
    words = {key: str(title(text)) for key, text in content.ui["nav"].items()}
    return [
        {words["home"]: "index.md"},
        {words["levels"]: [{str(content.level_title(lv, title)): level_path(lv)} for lv in content.levels]},
        {words["assessment"]: "assessment.md"},
        {words["team"]: "team.md"},
        {words["progress"]: "progress.md"},
        {words["references"]: "references.md"},
        {words["editions"]: "editions.md"},
        {words["about"]: [*about, "fields.md", "changelog.md"]},
    ]


def references_by_kind(content: Content, ids: list[str]) -> list[tuple[str, list[dict]]]:
    """[(kind's label, [reference, ...]), ...] in the order of `kinds:` in references.yml,
    keeping the level's order within a kind."""
    refs = [content.references[i] for i in ids]
    groups = {kind: [r for r in refs if r["kind"] == kind] for kind in content.kinds}
    return [(content.kinds[kind], group) for kind, group in groups.items() if group]


def cited_by(content: Content) -> dict[str, dict[str, list]]:
    """For each reference id: the levels that recommend it and the questions whose options cite it."""
    table = {rid: {"levels": [], "questions": []} for rid in content.references}
    for level in content.levels:
        for rid in level["references"]:
            table[rid]["levels"].append(level)
    for q in content.questions:
        for rid in dict.fromkeys(r for o in q["options"] for r in o.get("references", [])):
            table[rid]["questions"].append(q)
    return table


def reading_status(content: Content, ref: dict) -> dict:
    """{"status": the sentence saying the reference retires or is retired, in the page's
    language, with titles for links} for the plan's scripts, or {} for most references."""
    state = status.state(ref)
    if not state:
        return {}
    refs = content.references
    return {"status": fill(content.ui["common"][state], date=ref["status"]["date"],
                           replacement=refs[ref["status"]["replaced_by"]]["title"], notice=refs[ref["status"]["notice"]]["title"])}


def term_rows(content: Content) -> list[tuple[str, list[str | None]]]:
    """[(topic, [that topic's wording in each edition, or None]), ...] for the side-by-side table."""
    topics = list(dict.fromkeys(t for e in content.editions for t in e["terms"]))
    return [(t, [e["terms"].get(t) for e in content.editions]) for t in topics]


def same_words(content: Content) -> list[tuple[dict, str, list[str]]]:
    """[(edition, word, [its topics]), ...]: where one edition's source gives the same word
    for several topics (two levels both called "maturing"), which the page says in words,
    lest the table look like a copying mistake."""
    found = []
    for e in content.editions:
        topics: dict[str, list[str]] = {}
        for topic, word in e["terms"].items():
            topics.setdefault(word.casefold(), []).append(topic)
        found += [(e, e["terms"][alike[0]], alike) for alike in topics.values() if len(alike) > 1]
    return found


def assessment_data(content: Content, href: Href = directory_href, page: str = ASSESSMENT) -> dict:
    """What the questionnaire script (and the team view) needs, embedded in the page as
    JSON. Its level URLs are hrefs from `page`, as the site serves them: MkDocs does not
    rewrite links inside JSON."""
    edition = content.edition(content.default_edition)
    numbers = {lv["id"]: lv["number"] for lv in content.levels}
    held_back = edition.get("held_back")
    return {
        "model": content.model["id"],
        "version": content.version,
        "edition": {"id": edition["id"], "name": edition["name"]},
        "questions": [
            {
                "id": q["id"],
                "dimension": q["dimension"],
                "why": q["why"],
                "not_applicable": bool(content.unscored) and q.get("not_applicable", False),
                "options": [
                    {"points": o["points"], "level": numbers[o["level"]], "text": o["text"], "references": o.get("references", [])} for o in q["options"]
                ],
            }
            for q in content.questions
        ],
        "bands": [
            {"level": lv["id"], "number": lv["number"], "min": edition["bands"][lv["id"]]["min"], "max": edition["bands"][lv["id"]]["max"]}
            for lv in content.levels
        ],
        "levels": [
            {"id": lv["id"], "number": lv["number"], "name": lv["name"], "summary": lv["summary"], "url": href(level_path(lv), page), "advance": lv["advance"]}
            for lv in content.levels
        ],
        "references": {rid: {"title": r["title"], "url": r["url"], "kind": r["kind"], **reading_status(content, r)} for rid, r in content.references.items()},
        "kinds": dict(content.kinds),
        "total": dict(edition["total"]),
        "held_back": held_back and {**held_back, "level": numbers[held_back["level"]], "between": content.ui["common"]["list_long"]},
        "unscored": content.unscored,
    }
