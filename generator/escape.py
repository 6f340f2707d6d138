"""Escaping for every place content text lands: markdown, mermaid, embedded JSON.

Content is plain text, never markup. Each function here turns plain text into
something its target language shows literally, so a contributor's `<script>` or
`[link](javascript:...)` appears as those characters and nothing runs.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

_MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+\-.!|~^=:$@%'\"]")


class English(str):
    """Text a translation does not give yet, standing in in English on its site.

    translate.translated() marks every string the overlay leaves out with this type, so
    the page says which words are English: `md` and `paragraphs` wrap it in
    `<span lang="en">` (browsers pick the font, screen readers the voice), as release
    notes not yet translated are wrapped (templates/changelog.md.j2). Everywhere else
    (front matter, mermaid, JSON, HTML attributes through `html`) it is the plain text it
    is: a `str`, and `str(text)` drops the mark."""

    __slots__ = ()


def _in_english(text: object, escaped: str) -> str:
    return f'<span lang="en">{escaped}</span>' if isinstance(text, English) and escaped else escaped


def as_printed(value: object) -> object:
    """Jinja's `finalize`, for what a template prints as it is: the site's words
    (ui.yml), which are markdown of their own. One a translation lacks is wrapped in
    `<span lang="en">` as `md` wraps content; anything else is left as it is (filters'
    results are never `English`, so text is never marked twice)."""
    return _in_english(value, value) if isinstance(value, English) else value


def _entity(match: re.Match) -> str:
    return f"&#{ord(match.group(0))};"


def md_inline(text: object) -> str:
    """Plain text -> markdown that renders as exactly that text, on one line.

    HTML-escape first, then write every character markdown (or one of its
    extensions) could act on as a numeric entity: entities are never syntax.
    """
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    return _in_english(text, _MARKDOWN_SYNTAX.sub(_entity, escaped))


def md_paragraphs(text: object) -> str:
    """Plain text with blank-line paragraphs -> markdown paragraphs."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    return "\n\n".join(md_inline(English(p) if isinstance(text, English) else p) for p in paragraphs if p.strip())


def mermaid_text(text: object) -> str:
    """Plain text -> a mermaid label body, to be written inside double quotes.

    Everything but letters, digits and spaces becomes a mermaid entity code
    (`#60;`), which mermaid turns into an HTML entity: shown, never parsed.
    """
    return "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"#{ord(c)};" for c in " ".join(str(text).split()))


def json_for_html(data: object) -> Markup:
    """JSON that is safe inside <script type="application/json"> in HTML and markdown.

    `<`, `>`, `&` and `'` become \\u escapes, so a `</script>` inside a string
    cannot close the element; JSON.parse restores them.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return Markup(text)


def html_text(text: object) -> Markup:
    """Plain text -> HTML text (for raw HTML blocks inside the markdown)."""
    return Markup(html.escape(" ".join(str(text).split()), quote=True))


def html_content(text: object) -> Markup:
    """Plain text -> HTML text between tags (never an attribute's value, where `html`
    goes): as `html`, with English standing in marked `<span lang="en">`."""
    return Markup(_in_english(text, html_text(text)))


_URL_UNSAFE = re.compile(r"[\s()<>\"'`\\\[\]{}|^]")


def md_url(url: object) -> str:
    """An address for a markdown link target: characters that could end the link,
    or break out of the attribute it becomes, are percent-encoded."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), str(url))


def css_string(text: object) -> str:
    """Text as a quoted CSS string, for a custom property in a <style> element: quotes
    and backslashes escaped, and `<` too, so the text cannot close the element."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>\n' else c for c in str(text))
    return f'"{escaped}"'


def front_matter_text(text: object) -> str:
    """A front-matter value (page title, description) as MkDocs themes print it:
    raw into HTML, so it is HTML-escaped here, then quoted as YAML."""
    return json.dumps(html.escape(" ".join(str(text).split()), quote=True), ensure_ascii=False)
