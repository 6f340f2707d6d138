"""Render validated content into markdown pages through the Jinja2 templates in templates/.

`render_site(content)` is the whole core: content in, `{page path: markdown}` out.
Templates hold every word of page structure; this module only prepares the data
each template needs (derived views such as 'references grouped by kind').
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator import escape
from generator.content import Content
from generator.diagram import progression, progression_steps
from generator.fields import schema_fields

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Jinja for markdown output: undefined names fail loudly, and every piece of
    content goes through an escaping filter chosen for where it lands."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=escape.md_inline,
        paragraphs=escape.md_paragraphs,
        mermaid=escape.mermaid_text,
        json_html=escape.json_for_html,
        html=escape.html_text,
        url=escape.md_url,
        fm=escape.front_matter_text,
    )
    return env


def level_path(level: dict) -> str:
    return f"levels/{level['slug']}.md"


def render_site(content: Content, templates_dir: Path = TEMPLATES_DIR) -> dict[str, str]:
    """Every generated page, by path relative to the docs folder."""
    env = environment(templates_dir)
    common = {"content": content, "model": content.model, "level_path": level_path}
    pages = {
        "index.md": env.get_template("home.md.j2").render(
            **common, diagram=progression(content.levels), steps=progression_steps(content.levels)
        ),
        "references.md": env.get_template("references.md.j2").render(**common, cited_by=cited_by(content)),
        "editions.md": env.get_template("editions.md.j2").render(**common, terms=term_rows(content)),
        "assessment.md": env.get_template("assessment.md.j2").render(**common, data=assessment_data(content)),
        "fields.md": env.get_template("fields.md.j2").render(**common, files=schema_fields()),
        "changelog.md": env.get_template("changelog.md.j2").render(**common),
    }
    template = env.get_template("level.md.j2")
    for i, level in enumerate(content.levels):
        pages[level_path(level)] = template.render(
            **common,
            level=level,
            previous=content.levels[i - 1] if i else None,
            next=content.levels[i + 1] if i + 1 < len(content.levels) else None,
            by_kind=references_by_kind(content, level["references"]),
        )
    return pages


def nav(content: Content) -> list:
    """The site's navigation, in MkDocs' `nav` format. Titles are HTML-escaped because
    themes print them raw."""
    title = escape.html_text
    return [
        {"Home": "index.md"},
        {"Levels": [{str(title(f"{lv['number']}. {lv['name']}")): level_path(lv)} for lv in content.levels]},
        {"Self-assessment": "assessment.md"},
        {"References": "references.md"},
        {"Editions": "editions.md"},
        {"About": ["about.md", "fields.md", "changelog.md"]},
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


def term_rows(content: Content) -> list[tuple[str, list[str | None]]]:
    """[(topic, [that topic's wording in each edition, or None]), ...] for the side-by-side table."""
    topics = list(dict.fromkeys(t for e in content.editions for t in e["terms"]))
    return [(t, [e["terms"].get(t) for e in content.editions]) for t in topics]


def assessment_data(content: Content) -> dict:
    """What the questionnaire script needs, embedded in the page as JSON."""
    edition = content.edition(content.default_edition)
    return {
        "model": content.model["id"],
        "version": content.version,
        "edition": {"id": edition["id"], "name": edition["name"]},
        "questions": [
            {
                "id": q["id"],
                "dimension": q["dimension"],
                "options": [
                    {"points": o["points"], "text": o["text"], "references": o.get("references", [])} for o in q["options"]
                ],
            }
            for q in content.questions
        ],
        "bands": [
            {"level": lv["id"], "number": lv["number"], "min": edition["bands"][lv["id"]]["min"], "max": edition["bands"][lv["id"]]["max"]}
            for lv in content.levels
        ],
        "levels": [
            {"id": lv["id"], "number": lv["number"], "name": lv["name"], "summary": lv["summary"], "url": f"../levels/{lv['slug']}/", "advance": lv["advance"]}
            for lv in content.levels
        ],
        "references": {rid: {"title": r["title"], "url": r["url"], "kind": r["kind"]} for rid, r in content.references.items()},
        "total": dict(edition["total"]),
    }
