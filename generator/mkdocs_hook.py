"""The only MkDocs glue: validate content, hand the generated pages to MkDocs in
memory, and serve mermaid from the site.

Each page's "Edit this page" link (when mkdocs.yml has a repository: the deploy workflow
sets one) goes to the file the page is made from, not to generated markdown.

Listed under `hooks:` in mkdocs.yml. Pages go in through `File.generated`, so nothing
is written into the docs folder and `mkdocs serve` does not rebuild in a loop.
Validation runs in `on_config`, before MkDocs cleans `site/`, so a build that fails
on content leaves the previous site as it was.

Under `mkdocs serve`, only the first build fails on invalid content. After that, a save
that makes content invalid rebuilds the last good site (its generated pages and a copy
of content/pages as it was) with the problems listed at the top of every page, so the
browser shows them instead of waiting for a rebuild that never comes.
"""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as a package
    sys.path.insert(0, str(ROOT))

from generator import ContentError, load_content, render_site, status  # noqa: E402
from generator.drawing import drawer  # noqa: E402
from generator.pages import content_security_policy  # noqa: E402
from generator.render import Href, engine_settings, handwritten_source, page_sources  # noqa: E402
from generator.translate import ENGLISH, english_pages, language_names  # noqa: E402

MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MERMAID_URI = "assets/vendor/mermaid.min.js"

HEADERS = ROOT / "content" / "pages" / "_headers"

log = logging.getLogger("mkdocs.hooks.content")
_pages: dict[str, str] = {}
_sources: dict[str, str] = {}
"""Each generated page's source file (and line), for the edit link (generator/render.py)."""
_serving = False
_last_good: dict | None = None
"""While serving: what the last good build used (nav, footer, version, content/pages)."""


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def count_warnings_in_strict_mode(config) -> None:
    """`--strict` counts warnings through a log handler, and `-q` raises the log level
    above WARNING, so with both MkDocs 1.6 sees no warning and builds green. Strict wins:
    warnings are logged (and so counted) whatever the log level asked for."""
    logger = logging.getLogger("mkdocs")
    if config.strict and logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)


def on_config(config):
    count_warnings_in_strict_mode(config)
    config.extra["content_problems"] = []
    language = config.theme["language"]
    try:
        content = load_content(ROOT / "content", language)
    except ContentError as err:
        if not (_serving and _last_good):
            raise Abort(err.report()) from None
        return _keep_last_good_site(config, err)
    for warning in content.warnings:  # `--strict` counts these and fails the build
        log.warning("%s:%d:%d: %s", warning.path, warning.line, warning.col, warning.message)
    for notice in status.notices(content):  # a retired reading: said, never a build failure
        log.info("%s:%d:%d: notice: %s", notice.path, notice.line, notice.col, notice.message)
    for warning in content.coverage.warnings if content.coverage else ():  # translations follow, never block: not counted
        log.info("%s:%d:%d: %s", warning.path, warning.line, warning.col, warning.message)
    _pages.clear()
    _pages.update(render_site(content, href=mkdocs_href(config), draw=drawer()))
    _sources.clear()
    _sources.update(page_sources(content))
    if language != ENGLISH:  # a translated page is edited in its translation
        _sources.update(dict.fromkeys(_sources, f"content/translations/{language}/text.yml"))
    # load_content checked content/pages/_headers, so its policy is there to read.
    # `mkdocs serve` injects an inline live-reload script, which the policy would block.
    settings = engine_settings(content, "" if _serving else content_security_policy(HEADERS), tuple(english_pages(ROOT / "content")))
    config.nav = settings["nav"]
    config.site_name, config.copyright = settings["site_name"], settings["copyright"]
    config.extra.update(settings["extra"])
    config.extra["languages"] = language_names(ROOT / "content")
    theme_words(config, content.ui["common"])
    if language != ENGLISH and config.site_url:  # each language's site sits in a folder of the English one
        config.site_url = config.site_url.rstrip("/") + f"/{language}/"
    if _serving:
        _remember_good_site(config)
    return config


def theme_words(config, words: dict) -> None:
    """The words mkdocs.yml gives the theme in English (the color toggle's labels, the
    headings' link title), in the page's language from content/ui.yml."""
    for palette in config.theme["palette"]:
        if "toggle" in palette:
            palette["toggle"]["name"] = words["to_light" if palette.get("scheme") == "slate" else "to_dark"]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = words["permalink"]


def mkdocs_href(config) -> Href:
    """Links between pages as MkDocs resolves them, for data it does not read as links
    (the questionnaire's JSON): right whatever `use_directory_urls` says."""

    def url(path: str) -> str:
        return File(path, config.docs_dir, config.site_dir, config.use_directory_urls).url

    return lambda target, page: get_relative_url(url(target), url(page))


def _remember_good_site(config) -> None:
    global _last_good
    docs = Path(config.docs_dir)
    _last_good = {
        "nav": config.nav,
        "site_name": config.site_name,
        "copyright": config.copyright,
        "version": config.extra["content_version"],
        "languages": config.extra["languages"],
        # The files passed the pages policy: regular files, none of them links.
        "docs": {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file() and not p.is_symlink()},
    }


def _keep_last_good_site(config, err: ContentError):
    """Serve the last good pages, with the problems listed on each (overrides/main.html)."""
    print(err.report().replace("nothing was built.", "still serving the last good pages, with these problems listed on each."), file=sys.stderr)
    config.nav = _last_good["nav"]
    config.site_name = _last_good["site_name"]
    config.copyright = _last_good["copyright"]
    config.extra["content_version"] = _last_good["version"]
    config.extra["languages"] = _last_good["languages"]
    config.extra["csp"] = ""
    config.extra["content_problems"] = [str(p) for p in err.problems]
    return config


def on_files(files: Files, config) -> Files:
    if not MERMAID.is_file():
        raise Abort(f"{MERMAID.relative_to(ROOT)} is missing - run 'npm ci' (or 'make install') to install mermaid")
    if config.extra.get("content_problems"):
        _use_last_good_docs(files, config)
    language = config.theme["language"]
    for file in files.documentation_pages():
        file.edit_uri = handwritten_source(file.src_uri) if language == ENGLISH else f"content/translations/{language}/pages/{file.src_uri}"
    if language != ENGLISH:
        _english_where_untranslated(files, config)
    for path, markdown in _pages.items():
        files.append(page := File.generated(config, path, content=markdown))
        page.edit_uri = _sources[path]
    files.append(File.generated(config, MERMAID_URI, abs_src_path=str(MERMAID)))
    for folder in sorted({page.url for page in files.documentation_pages()} - {""}):
        if folder.endswith("/"):
            files.append(File.generated(config, f"{folder}sitemap.xml", content=folder_sitemap(config.site_url, folder)))
    return files


def _english_where_untranslated(files: Files, config) -> None:
    """A translation may not have a hand-written page yet (validate warns): the English
    page stands in, as English stands in for every string a translation lacks, so the
    navigation finds every page it names. The English pages passed the pages policy."""
    english = ROOT / "content" / "pages"
    for rel in english_pages(ROOT / "content"):
        if files.get_file_from_path(rel) is None:
            files.append(page := File.generated(config, rel, content=(english / rel).read_bytes()))
            page.edit_uri = handwritten_source(rel)


def folder_sitemap(site_url: str | None, folder: str) -> str:
    """The sitemap of one page's folder: that page, when the site has an address (as
    MkDocs' own sitemap.xml lists pages only then).

    The theme asks for `sitemap.xml` beside every page a `<link rel="alternate">` names
    (its language switcher maps pages with it, material's integrations/alternate); those
    links name the same page in the other languages (on_page_context), so without this
    file each page asked for two that are not there (404)."""
    url = f"<url><loc>{site_url}{folder}</loc></url>" if site_url else ""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{url}</urlset>\n'


def on_page_context(context, page, config, nav):
    """The same page in every language, for the theme's language switcher and hreflang
    links (`extra.alternate`, overrides/main.html), the other languages only, and the
    English page as `x-default` (`extra.x_default`). Absolute when the site has an address
    (the deploy workflow's SITE_URL); else from the host's root, where local builds and
    the tests serve the site (MkDocs' `url` filter cannot climb out of a site's folder)."""
    here = config.theme["language"]
    top = config.site_url or "/"
    if here != ENGLISH:
        top = top.removesuffix(f"{here}/")
    # The theme prints these raw (its templates do not escape): each is HTML-escaped here,
    # so one language's name or folder never reaches another language's pages as markup.
    config.extra["alternate"] = [
        {"name": html.escape(name), "lang": html.escape(lang), "link": html.escape(top + ("" if lang == ENGLISH else f"{lang}/") + page.url)}
        for lang, name in config.extra["languages"]
        if lang != here  # the theme takes an alternate of the page itself for another site, and stops navigating instantly
    ]
    config.extra["x_default"] = html.escape(top + page.url) if config.extra["alternate"] else ""  # the English page, for readers of any other language
    return context


def _use_last_good_docs(files: Files, config) -> None:
    """Swap what is in content/pages now (refused by the pages policy, perhaps) for the
    copy kept from the last good build."""
    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        if file.generated_by is None and file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs):
            files.remove(file)
    for rel, content in _last_good["docs"].items():
        files.append(File.generated(config, rel, content=content))
