"""Turn the maturity model's YAML content into markdown pages.

The core is pure: `load_content(root)` reads and validates content/, and
`render_site(content)` returns `{page path: markdown}`. Nothing here imports
MkDocs; `mkdocs_hook.py` is the only glue between the two.
"""

from generator.content import Content
from generator.errors import ContentError, Problem
from generator.loader import load_content
from generator.render import render_site

__all__ = ["Content", "ContentError", "Problem", "load_content", "render_site"]
