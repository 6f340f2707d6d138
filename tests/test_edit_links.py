"""The contributor path from the site: with a repository configured (the deploy workflow
sets REPO_URL and EDIT_URI), every page's "Edit this page" link leads to the file the page
is made from (a level's page to its line in content/levels.yml), never to generated
markdown; without one (local builds, tests), no page has an edit or repository link."""

from __future__ import annotations

import os
import re

import pytest

from generator import load_content, render_site
from generator.render import handwritten_source, page_sources
from tests.helpers import CONTENT, ROOT, build_site

REPO = "https://github.com/example/genaiops-site"
EDIT = f"{REPO}/blob/main/"
EDIT_LINK = re.compile(r'<a href="([^"]*)" title="Edit this page"[^>]*rel="edit"')
NO_REPO = {k: v for k, v in os.environ.items() if k not in ("REPO_URL", "REPO_NAME", "EDIT_URI")}


@pytest.fixture(scope="module")
def content(content_dir):
    return load_content(content_dir)


def on_disk(source: str, content_dir) -> object:
    """A source path from the repository's root, found where this run's content is."""
    path = source.split("#")[0]
    return content_dir / path.removeprefix("content/") if path.startswith("content/") else ROOT / path


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, object]:
    """The site built with a repository and without one."""
    sites = {}
    for name, env in (("with", {**NO_REPO, "REPO_URL": REPO, "EDIT_URI": "blob/main/"}), ("without", NO_REPO)):
        out = tmp_path_factory.mktemp(f"site-{name}")
        result = build_site(out, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[name] = out
    return sites


def html_pages(site) -> dict[str, str]:
    return {p.relative_to(site).parent.as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("index.html")}


def test_every_generated_page_has_a_source_file_that_exists(content, content_dir):
    sources = page_sources(content)
    assert set(sources) == set(render_site(content))
    for page, source in sources.items():
        assert on_disk(source, content_dir).exists(), f"{page}: {source}"
        assert not source.endswith(".md"), f"{page} points at generated markdown: {source}"


def test_a_level_page_points_at_the_line_of_its_entry(content, content_dir):
    lines = (content_dir / "levels.yml").read_text(encoding="utf-8").splitlines()
    for level in content.levels:
        path, line = page_sources(content)[f"levels/{level['slug']}.md"].split("#L")
        assert path == "content/levels.yml"
        assert lines[int(line) - 1].strip() == f"- id: {level['id']}"


def test_a_hand_written_page_is_its_own_source():
    assert handwritten_source("about.md") == "content/pages/about.md"


def test_with_a_repository_every_page_links_to_its_source_to_edit(builds):
    content = load_content(CONTENT)  # the site built from it
    expected = {page.removesuffix(".md").removesuffix("index").rstrip("/"): EDIT + source
                for page, source in page_sources(content).items()}
    expected["about"] = EDIT + "content/pages/about.md"
    found = {page if page != "." else "": EDIT_LINK.findall(html) for page, html in html_pages(builds["with"]).items()}
    assert found == {page: [url] for page, url in expected.items()}
    assert f'href="{REPO}"' in html_pages(builds["with"])["."]  # the header's repository link


def test_the_repository_link_asks_github_for_nothing(builds):
    """The theme fetches stars and forks for data-md-component="source": not here."""
    home = html_pages(builds["with"])["."]
    assert 'class="md-source"' in home and 'data-md-component="source"' not in home


def test_without_a_repository_no_page_has_an_edit_or_repository_link(builds):
    for page, html in html_pages(builds["without"]).items():
        assert 'rel="edit"' not in html and 'class="md-source"' not in html, page
