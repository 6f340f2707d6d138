"""What a hand-written page in content/pages may be, checked before every build.

content/pages is MkDocs' docs folder: every file in it is published as it is. So a raw
.html page would skip the Content-Security-Policy <meta>, a .js file could replace the
site's own scorer, a link could publish a file from outside the repository, and front
matter is printed raw into <head>, where a <meta http-equiv="refresh"> needs no script
to send readers to another host. GitHub Pages sends no headers, so nothing else would
stop any of it. The policy below is data; the code under it only applies it and reports
every breach as `path:line:col: what - how to fix`.
"""

from __future__ import annotations

import html
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from generator.errors import Problem

# --- The policy ---------------------------------------------------------------------------

DISPLAY = "content/pages"
"""How the folder is named in problems, whatever folder was checked."""

PAGE_SUFFIX = ".md"
"""Hand-written pages are markdown: MkDocs turns them into pages that carry the policy."""

OTHER_ALLOWED = ("_headers",)
"""The one file published as it is: the HTTP headers, read by Netlify and Cloudflare Pages."""

MAX_PAGE_BYTES = 1_000_000
"""A page larger than this is refused: nothing hand-written comes close."""

FRONT_MATTER = {
    "title": "text",
    "description": "text",
    "hide": ("navigation", "toc", "footer", "path"),
}
"""Front matter keys a page may set, and what each may hold: plain text, or a list of the
named choices. Everything else (template, author, extra head tags...) is refused."""

TEXT_FORBIDS = '<>"'
"""Characters that plain front matter text may not hold: the theme prints it unescaped
into <head> and into attribute values."""

FORBIDDEN_TAGS = (
    "script", "meta", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "link", "style", "form", "svg", "math", "template", "noscript", "portal",
)
"""Raw HTML elements a page may not contain: each can run code, load another host or
change how the page is read. Other raw HTML (div, span, a, img, table...) is fine."""

SWALLOWING_TAGS = ("plaintext", "xmp", "textarea", "title", "noembed", "noframes", "select")
"""Raw HTML elements that turn what follows them into text, or drop it (the browser reads
the rest of the document as their content until a closing tag that may never come): the
page would show its own markup and lose its footer and the theme's scripts."""

FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
"""Link targets that are code rather than addresses."""

@dataclass(frozen=True)
class GeneratedPage:
    """A page generator/render.py writes, besides the one per level."""

    path: str
    """Its address in the docs folder."""
    template: str
    """Its template in templates/."""
    made_from: str
    """What a contributor edits to change it, from the repository's root ("Edit this page")."""
    controller: str | None = None
    """Its own script in overrides/assets/js/, loaded on that page only (overrides/main.html,
    and page-modules.js after instant navigation)."""


GENERATED_PAGES = (
    GeneratedPage("index.md", "home.md.j2", "content/model.yml"),
    GeneratedPage("references.md", "references.md.j2", "content/references.yml"),
    GeneratedPage("editions.md", "editions.md.j2", "content/editions.yml"),
    GeneratedPage("assessment.md", "assessment.md.j2", "content/questions.yml", "assessment.js"),
    GeneratedPage("team.md", "team.md.j2", "templates/team.md.j2", "team-page.js"),
    GeneratedPage("progress.md", "progress.md.j2", "templates/progress.md.j2", "progress-page.js"),
    GeneratedPage("fields.md", "fields.md.j2", "schema/"),
    GeneratedPage("changelog.md", "changelog.md.j2", "content/changelog.yml"),
)
"""The one list of the generated pages: the renderer, "Edit this page", the pages policy and
the page scripts all read it."""

GENERATED = tuple(page.path for page in GENERATED_PAGES)
GENERATED_LEVEL = "levels/{slug}.md"
"""The pages generator/render.py writes (tests/test_pages_policy.py checks they agree):
a hand-written page at the same address would replace or lose one of them."""

HEADERS_REQUIRED = ("Content-Security-Policy",)
SCRIPT_SRC_FORBIDS = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")
"""What the policy's script sources may never allow: the site's scripts are all its own files."""

# --- Applying it --------------------------------------------------------------------------

_YAML_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)  # as MkDocs reads it
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")  # MultiMarkdown style
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"<\s*(" + "|".join(FORBIDDEN_TAGS) + r")(?![\w-])", re.IGNORECASE)
_TAG_START = re.compile(r"<(?=[A-Za-z])")
_WHOLE_TAG = re.compile(r"""<[A-Za-z][\w:-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>""")
_DECLARATION = re.compile(r"<!--|<![A-Za-z\[]|<\?[A-Za-z]")
_SWALLOWING = re.compile(r"<\s*(" + "|".join(SWALLOWING_TAGS) + r")(?![\w-])", re.IGNORECASE)
_HANDLER = re.compile(r"[<{][^<>{}]*?(?<![\w-])(on[a-z]+)\s*=", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\s\x00-\x1f]")


def page_problems(folder: Path, docs: Mapping | None = None) -> list[Problem]:
    """Every problem with the hand-written pages in `folder` (content/pages).

    `docs` are the schema-valid content documents: the level slugs in them name the
    generated level pages. A content folder without a pages folder (unit tests,
    benchmarks) has no hand-written pages; MkDocs refuses to build without one.
    """
    folder = Path(folder)
    if not folder.is_dir() and not folder.is_symlink():
        return []
    problems: list[Problem] = []
    taken = {_address(p): p for p in generated_pages(docs)}
    for file, rel in published_files(folder, problems):
        display = f"{DISPLAY}/{rel}"
        address = _address(rel)
        if address in taken:
            other = taken[address]
            what = "a generated page" if other in generated_pages(docs) else "another hand-written page"
            problems.append(Problem(display, 1, 1, f"is published at /{address + '/' if address else ''} like {what} ({other}) - rename this file"))
            continue
        taken[address] = rel
        problems += _page_text_problems(file, display)
    if not folder.is_symlink():
        problems += headers_problems(folder / "_headers")
    return problems


def generated_pages(docs: Mapping | None = None) -> list[str]:
    """The generated page paths, level pages included when levels.yml passed its schema."""
    pages = list(GENERATED)
    levels = docs.get("levels") if docs else None
    data = getattr(levels, "data", None)
    if isinstance(data, dict):
        pages += [GENERATED_LEVEL.format(slug=lv["slug"]) for lv in data.get("levels", []) if isinstance(lv, dict) and "slug" in lv]
    return pages


def _address(rel: str) -> str:
    """Where MkDocs publishes a markdown page (index.md and README.md stand for their folder),
    lower-cased because many file systems ignore case."""
    path = PurePosixPath(rel)
    if path.name.lower() in ("index.md", "readme.md"):
        return path.parent.as_posix().lower().removeprefix(".")
    return path.with_suffix("").as_posix().lower()


def published_files(folder: Path, problems: list[Problem], display: str = DISPLAY, others: tuple[str, ...] = OTHER_ALLOWED):
    """(file, relative path) of every markdown page MkDocs would publish from `folder`
    (content/pages, or a translation's pages, named `display` in problems). Any other
    file but `others`, links and special files are problems: MkDocs publishes every file
    of its docs folder as it is, and a link can publish a file from anywhere."""
    if folder.is_symlink():
        problems.append(Problem(display, 1, 1, f"is a link to another folder - make {display} a real folder inside the repository"))
        return
    for file, rel in _walk(folder, problems, display):
        if rel in others:
            continue
        if not rel.endswith(PAGE_SUFFIX):
            allowed = f" and {', '.join(others)}" if others else ""
            problems.append(Problem(f"{display}/{rel}", 1, 1, f"only markdown pages ({PAGE_SUFFIX}){allowed} may be in {display}: "
                                    "any other file is published as it is, outside the site's checks - remove it "
                                    "(the site's own scripts, styles and images live in overrides/assets/)"))
            continue
        yield file, rel


def _walk(folder: Path, problems: list[Problem], display: str = DISPLAY):
    """(file, relative path) of every regular file MkDocs would publish. Links and special
    files are problems: a link can publish a file from anywhere on the machine."""
    for here, dirs, files in os.walk(folder, followlinks=False):
        base = Path(here)
        for name in sorted(dirs):
            rel = (base / name).relative_to(folder).as_posix()
            if name.startswith(".") or (base / name).is_symlink():
                dirs.remove(name)
                if not name.startswith("."):  # MkDocs leaves dot-folders out
                    problems.append(Problem(f"{display}/{rel}", 1, 1, "is a link to a folder elsewhere - copy the pages in as real files"))
        dirs.sort()
        for name in sorted(files):
            if name.startswith("."):  # MkDocs leaves dot-files out of the site
                continue
            path = base / name
            rel = path.relative_to(folder).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(Problem(f"{display}/{rel}", 1, 1, "is a link to another file, which would be published from outside the repository - "
                                        "replace it with a real file"))
            elif not stat.S_ISREG(mode):
                problems.append(Problem(f"{display}/{rel}", 1, 1, "is not a regular file - remove it"))
            else:
                yield path, rel


def _read_text(file: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file as text, or a problem naming where it stops being UTF-8."""
    try:
        raw = file.read_bytes()
    except OSError as err:
        return None, [Problem(display, 1, 1, f"cannot read the file ({err.strerror}) - check that it exists and is readable")]
    if len(raw) > MAX_PAGE_BYTES:
        return None, [Problem(display, 1, 1, f"is {len(raw):,} bytes, more than the {MAX_PAGE_BYTES:,} a page may have - split it")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Problem(display, line, col, f"is not UTF-8 text (byte 0x{raw[err.start]:02x}) - save the file as UTF-8 in your editor")]


def _page_text_problems(file: Path, display: str) -> list[Problem]:
    text, problems = _read_text(file, display)
    if text is None:
        return problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body_start, problems = _front_matter(text, display)
    for key, (value, line, col) in meta.items():
        problems += _setting_problems(key, value, display, line, col, fenced=text.startswith("---"))
    return problems + _body_problems(text.split("\n"), body_start, display)


def _front_matter(text: str, display: str) -> tuple[dict, int, list[Problem]]:
    """{key: (value, line, col)} read the way MkDocs reads it, and the body's first line (0-based)."""
    found = _YAML_FRONT.match(text)
    if found:
        end_line = text[: found.end()].count("\n")
        try:
            node = yaml.compose(found.group(1), Loader=yaml.SafeLoader)
            data = yaml.safe_load(found.group(1))
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
            return {}, end_line, [Problem(display, line, col, "the front matter between the --- lines is not valid YAML - write one 'key: value' per line")]
        if not isinstance(node, yaml.MappingNode):
            return {}, end_line, [Problem(display, 2, 1, "the front matter between the --- lines must be 'key: value' lines - for example 'title: About this site'")]
        at = {key.value: key.start_mark for key, _ in node.value}
        meta = {str(key): (value, at[str(key)].line + 2, at[str(key)].column + 1) if str(key) in at else (value, 2, 1)
                for key, value in data.items()}
        return meta, end_line, []
    # Without --- lines MkDocs still reads leading "key: value" lines as settings.
    lines = text.split("\n")
    meta, key, index = {}, None, 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        if m := _META_LINE.match(line):
            key = m.group("key").lower()
            meta[key] = (m.group("value").strip(), index + 1, m.start("key") + 1)
        elif (m := _META_MORE.match(line)) and key:
            value, at, col = meta[key]
            meta[key] = (f"{value} {m.group('value').strip()}", at, col)
        else:
            break
    else:
        index = len(lines)
    return meta, index if meta else 0, []


def _setting_problems(key: str, value, display: str, line: int, col: int, fenced: bool) -> list[Problem]:
    allowed = FRONT_MATTER.get(key)
    if allowed is None:
        keys = ", ".join(FRONT_MATTER)
        hint = "" if fenced else " (MkDocs reads a first line like 'Note: ...' as a setting: start the page with a heading)"
        return [Problem(display, line, col, f"front matter key '{key}' is not allowed - a page may set only {keys}{hint}")]
    if allowed == "text":
        if not isinstance(value, str) or not value.strip():
            return [Problem(display, line, col, f"'{key}' must be plain text - write it on the same line, for example {key}: About this site")]
        bad = sorted({c for c in value if c in TEXT_FORBIDS or (ord(c) < 32 and c != "\t")})
        if bad:
            shown = " ".join(repr(c) for c in bad)
            return [Problem(display, line, col, f"'{key}' holds {shown}, which the theme would print as markup into the page's <head> - "
                            "use plain words (write 'and' for &, quote with ' ')")]
        return []
    items = value if isinstance(value, list) else [value]
    wrong = [item for item in items if item not in allowed]
    if wrong:
        return [Problem(display, line, col, f"'{key}' may list only {', '.join(allowed)}, not {', '.join(map(str, wrong))} - remove the others")]
    return []


def _body_problems(lines: list[str], start: int, display: str) -> list[Problem]:
    """Raw HTML that could run code or leave the site, outside code blocks and code spans."""
    problems: list[Problem] = []
    fence = None
    shown: list[tuple[int, str]] = []  # (line, the line outside code), for what spans lines
    for index in range(start, len(lines)):
        line = lines[index]
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        at = index + 1
        shown.append((at, visible))
        for m in _TAG.finditer(visible):
            problems.append(Problem(display, at, m.start() + 1, f"raw <{m.group(1).lower()}> is not allowed in a page: it could run code or load "
                                    "another site - remove it (show code in a ``` block)"))
        for m in _SWALLOWING.finditer(visible):
            problems.append(Problem(display, at, m.start() + 1, f"raw <{m.group(1).lower()}> is not allowed in a page: the browser would show "
                                    "the rest of the page as text or drop it - remove it (show code in a ``` block)"))
        for m in _TAG_START.finditer(visible):
            if not _WHOLE_TAG.match(visible, m.start()):
                problems.append(Problem(display, at, m.start() + 1, "an HTML tag that does not end on its line (a '>' missing, or a quote "
                                        "left open): the browser would read the rest of the page into it - end the tag on this line, "
                                        "or write a '<' that is not a tag as &lt;"))
        for m in _HANDLER.finditer(visible):
            problems.append(Problem(display, at, m.start(1) + 1, f"the event-handler attribute '{m.group(1)}=' is not allowed: "
                                    "the site's scripts are files, never attributes - remove it"))
        plain = _INVISIBLE.sub("", html.unescape(visible)).lower()
        for scheme in FORBIDDEN_SCHEMES:
            if scheme in plain:
                col = visible.lower().find(scheme[:4]) + 1 or 1
                problems.append(Problem(display, at, col, f"a '{scheme}' address is code, not a link - link to an https:// page instead"))
    return problems + _swallowing_declarations(shown, display)


def _swallowing_declarations(shown: list[tuple[int, str]], display: str) -> list[Problem]:
    """An HTML comment that is never closed (markdown passes one inside a raw HTML block
    through as it is, and the browser then reads the rest of the page as the comment), and
    the declarations HTML reads as bogus comments (<![CDATA[, <!DOCTYPE, <?...). One pass:
    a comment is closed when a --> comes after it anywhere below."""
    text = "\n".join(visible for _, visible in shown)
    last_close = max(text.rfind("-->"), text.rfind("--!>"))
    problems: list[Problem] = []
    offset = 0
    for at, visible in shown:
        for m in _DECLARATION.finditer(visible):
            if m.group(0) == "<!--":
                if visible.startswith((">", "->"), m.end()) or last_close >= offset + m.end():
                    continue
                why = "is never closed with -->: the browser would hide the rest of the page in it - close it, or remove it"
            else:
                why = "is a markup declaration, which the browser reads as a comment that can swallow what follows - remove it (show code in a ``` block)"
            problems.append(Problem(display, at, m.start() + 1, f"'{m.group(0)}' {why}"))
        offset += len(visible) + 1
    return problems


def headers_problems(file: Path) -> list[Problem]:
    """The `_headers` file exists and gives every page a Content-Security-Policy that
    keeps scripts to the site's own files."""
    display = f"{DISPLAY}/{file.name}"
    if not file.exists() and not file.is_symlink():
        return [Problem(display, 1, 1, "is missing: it holds the site's Content-Security-Policy - restore it (git checkout -- content/pages/_headers)")]
    if file.is_symlink():
        return []  # reported by the folder walk
    if not file.is_file():
        return [Problem(display, 1, 1, "is not a file - replace it with the file from git (git checkout -- content/pages/_headers)")]
    text, problems = _read_text(file, display)
    if text is None:
        return problems
    headers = parse_headers(text)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return [Problem(display, 1, 1, "is empty: it must hold the site's Content-Security-Policy - restore it (git checkout -- content/pages/_headers)")]
    if "/*" not in headers:
        return [Problem(display, 1, 1, "has no '/*' block (headers for every page) - restore it (git checkout -- content/pages/_headers)")]
    block_line = headers["/*"]["_line"]
    for name in HEADERS_REQUIRED:
        if name not in headers["/*"]:
            problems.append(Problem(display, block_line, 1, f"the '/*' block has no {name} line - add '  {name}: ...' under it (see HOSTING.md)"))
    if "Content-Security-Policy" in headers["/*"]:
        policy, line = headers["/*"]["Content-Security-Policy"]
        problems += _policy_problems(policy, display, line)
    return problems


def _policy_problems(policy: str, display: str, line: int) -> list[Problem]:
    directives = {d.split()[0].lower(): d.split()[1:] for d in policy.split(";") if d.split()}
    if not directives:
        return [Problem(display, line, 1, "the Content-Security-Policy is empty - it must keep scripts to the site's own files (see HOSTING.md)")]
    sources = directives.get("script-src", directives.get("default-src"))
    if sources is None:
        return [Problem(display, line, 1, "the Content-Security-Policy sets neither script-src nor default-src - add script-src 'self'")]
    loose = [s for s in sources if s.lower() in SCRIPT_SRC_FORBIDS]
    if loose:
        return [Problem(display, line, 1, f"the Content-Security-Policy lets scripts come from {' '.join(loose)} - keep script-src 'self'")]
    return []


def parse_headers(text: str) -> dict[str, dict]:
    """`_headers` as {path: {"_line": n, name: (value, line)}}: a path line, then its
    headers indented under it (the Netlify / Cloudflare Pages format)."""
    blocks: dict[str, dict] = {}
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = blocks.setdefault(line.strip(), {"_line": number})
        elif current is not None and ":" in line:
            name, value = line.strip().split(":", 1)
            current[name.strip()] = (value.strip(), number)
    return blocks


META_IGNORED = ("frame-ancestors", "report-uri", "report-to", "sandbox")
"""Directives browsers ignore in a <meta> policy (only a header can carry them)."""


def meta_policy(policy: str) -> str:
    """The policy as the pages' <meta> tag carries it: without META_IGNORED, one space
    between words. Done here, not in a template, so any engine can print it as is."""
    kept = [" ".join(words) for words in (d.split() for d in policy.split(";")) if words and words[0] not in META_IGNORED]
    return "; ".join(kept)


def content_security_policy(file: Path) -> str:
    """The policy every page carries, from the '/*' block of `_headers` (checked above)."""
    value, _ = parse_headers(file.read_text(encoding="utf-8-sig"))["/*"]["Content-Security-Policy"]
    return value
