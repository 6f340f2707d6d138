"""The only MkDocs glue: validate content, hand the generated pages to MkDocs in
memory, and serve mermaid from the site.

Listed under `hooks:` in mkdocs.yml. Pages go in through `File.generated`, so nothing
is written into the docs folder and `mkdocs serve` does not rebuild in a loop.
Validation runs in `on_config`, before MkDocs cleans `site/`, so a build that fails
on content leaves the previous site as it was.
"""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as a package
    sys.path.insert(0, str(ROOT))

from generator import ContentError, load_content, render_site  # noqa: E402
from generator.pages import content_security_policy  # noqa: E402
from generator.render import nav  # noqa: E402

MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MERMAID_URI = "assets/vendor/mermaid.min.js"

HEADERS = ROOT / "content" / "pages" / "_headers"

_pages: dict[str, str] = {}
_serving = False


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
    try:
        content = load_content(ROOT / "content")
    except ContentError as err:
        raise Abort(err.report()) from None
    _pages.clear()
    _pages.update(render_site(content))
    config.nav = nav(content)
    source = content.references[content.model["source"]["reference"]]
    config.copyright = (
        f'Content version {html.escape(content.version)}. Based on <a href="{html.escape(source["url"])}">'
        f"{html.escape(source['title'])}</a> (Microsoft Learn), in this project's own words."
    )
    config.extra["content_version"] = content.version
    # `mkdocs serve` injects an inline live-reload script, which the policy would block.
    # load_content checked content/pages/_headers, so its policy is there to read.
    config.extra["csp"] = "" if _serving else content_security_policy(HEADERS)
    return config


def on_files(files: Files, config) -> Files:
    if not MERMAID.is_file():
        raise Abort(f"{MERMAID.relative_to(ROOT)} is missing - run 'npm ci' (or 'make install') to install mermaid")
    for path, markdown in _pages.items():
        files.append(File.generated(config, path, content=markdown))
    files.append(File.generated(config, MERMAID_URI, abs_src_path=str(MERMAID)))
    return files
