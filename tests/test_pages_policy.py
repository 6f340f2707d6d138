"""What may be in content/pages (generator/pages.py): markdown pages with allow-listed
front matter and no raw script, meta, frame or event-handler markup, regular files
inside the repository, no page at a generated page's address, and a `_headers` file
whose Content-Security-Policy keeps scripts to the site's own files.

Each bad folder gets one `path:line:col: what - how to fix` line per problem, a count,
exit 1 and no traceback, from `python -m generator validate` and from the build.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator import load_content
from generator.render import render_site
from generator.translate import languages
from tests import helpers
from tests.helpers import CONTENT, ROOT, build_site

ABOUT = (CONTENT / "pages" / "about.md").read_text(encoding="utf-8")
END = ABOUT.count("\n") + 2
"""The line of a bad line added after a blank line at the end of the About page."""
HEADERS = (CONTENT / "pages" / "_headers").read_text(encoding="utf-8")
BODY = ABOUT.split("---\n", 2)[2]


def front(**keys) -> str:
    """A page whose front matter sets `keys` (values quoted as YAML, lists as written)."""
    quoted = {k: v if v.startswith("[") else json.dumps(v) for k, v in keys.items()}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in quoted.items()) + "---\n" + BODY


def headers_with_policy(policy: str) -> str:
    return "\n".join(
        f"  Content-Security-Policy: {policy}" if line.strip().startswith("Content-Security-Policy:") else line
        for line in HEADERS.splitlines()
    ) + "\n"


LINK = object()
"""Marks a file that is a symbolic link (to the value after it)."""

# (what, {path under content/pages: text, bytes, None to delete, or (LINK, target)}, expected "path:line:col: words")
BAD = [
    ("a script in the description", {"about.md": front(title="About", description='x"><script>alert(1)</script>')},
     "content/pages/about.md:3:1: 'description' holds"),
    ("a refresh meta tag in the description", {"about.md": front(description='"><meta http-equiv="refresh" content="0;url=https://evil.example">')},
     "content/pages/about.md:2:1: 'description' holds"),
    ("markup in the title", {"about.md": front(title="</title><script>alert(1)</script>")}, "content/pages/about.md:2:1: 'title' holds"),
    ("a quote in the title", {"about.md": front(title='About "us"')}, "content/pages/about.md:2:1: 'title' holds"),
    ("a template chosen in front matter", {"about.md": front(title="About", template="404.html")},
     "content/pages/about.md:3:1: front matter key 'template' is not allowed"),
    ("an author printed raw into the head", {"about.md": front(author='"><script>alert(1)</script>')},
     "content/pages/about.md:2:1: front matter key 'author' is not allowed"),
    ("settings without --- lines", {"about.md": 'Description: "><script>alert(1)</script>\n\n' + BODY},
     "content/pages/about.md:1:1: 'description' holds"),
    ("an unknown hide value", {"about.md": front(hide="[navigation, everything]")}, "content/pages/about.md:2:1: 'hide' may list only"),
    ("front matter YAML that reads but does not load", {"about.md": "---\ntitle: !!python/name:os.system\n---\n" + BODY},
     "content/pages/about.md:2:8: the front matter between the --- lines is not valid YAML"),
    ("a folder named _headers", {"_headers": None, "_headers/x.md": "# x\n"}, "content/pages/_headers:1:1: is not a file"),
    ("front matter that is not YAML", {"about.md": "---\ntitle: [unclosed\n---\n" + BODY}, "front matter between the --- lines is not valid YAML"),
    ("a raw script in the body", {"about.md": ABOUT + "\n<script>alert(1)</script>\n"}, f"content/pages/about.md:{END}:1: raw <script> is not allowed"),
    ("an upper-case script tag", {"about.md": ABOUT + "\nText <SCRIPT >alert(1)</SCRIPT>\n"}, f"content/pages/about.md:{END}:6: raw <script>"),
    ("a frame", {"about.md": ABOUT + '\n<iframe src="https://evil.example"></iframe>\n'}, f"content/pages/about.md:{END}:1: raw <iframe>"),
    ("a refresh meta tag in the body", {"about.md": ABOUT + '\n<meta http-equiv="refresh" content="0;url=https://evil.example">\n'},
     f"content/pages/about.md:{END}:1: raw <meta>"),
    ("a style element", {"about.md": ABOUT + "\n<style>body{display:none}</style>\n"}, "raw <style>"),
    ("an svg with onload", {"about.md": ABOUT + "\n<svg onload=alert(1)></svg>\n"}, "raw <svg>"),
    ("an onerror attribute", {"about.md": ABOUT + "\n<img src=x onerror=alert(1)>\n"}, f"content/pages/about.md:{END}:12: the event-handler attribute 'onerror='"),
    ("an onclick through attr_list", {"about.md": ABOUT + '\n[click](fields.md){: onclick="alert(1)" }\n'}, "the event-handler attribute 'onclick='"),
    ("a javascript: link", {"about.md": ABOUT + "\n[click](javascript:alert(1))\n"}, f"content/pages/about.md:{END}:9: a 'javascript:' address"),
    ("a javascript: link hidden by entities", {"about.md": ABOUT + '\n<a href="&#106;ava&#x09;script:alert(1)">x</a>\n'}, "a 'javascript:' address"),
    ("a data:text/html link", {"about.md": ABOUT + "\n[x]: data:text/html;base64,PHNjcmlwdD4=\n"}, "a 'data:text/html' address"),
    ("a plaintext element that swallows the page", {"about.md": ABOUT + "\nRead on: <plaintext>\n"}, f"content/pages/about.md:{END}:10: raw <plaintext>"),
    ("an unclosed textarea", {"about.md": ABOUT + "\n<textarea>\n"}, f"content/pages/about.md:{END}:1: raw <textarea>"),
    ("an xmp element", {"about.md": ABOUT + "\n<XMP>x</XMP>\n"}, "raw <xmp>"),
    ("a noembed element", {"about.md": ABOUT + "\n<noembed>\n"}, "raw <noembed>"),
    ("a noframes element", {"about.md": ABOUT + "\n<noframes>\n"}, "raw <noframes>"),
    ("a title element in the body", {"about.md": ABOUT + "\n<title>x\n"}, "raw <title>"),
    ("an unclosed select", {"about.md": ABOUT + "\n<select><option>pick\n"}, "raw <select>"),
    ("a frame with srcdoc", {"about.md": ABOUT + '\n<iframe srcdoc="<plaintext>"></iframe>\n'}, "raw <iframe>"),
    ("an unclosed comment in a raw block", {"about.md": ABOUT + "\n<div>\n<!--\n</div>\n\nThe rest.\n"}, f"content/pages/about.md:{END + 1}:1: '<!--' is never closed"),
    ("a comment closed only inside code", {"about.md": ABOUT + "\n<div>\n<!--\n</div>\n\n`-->`\n"}, "'<!--' is never closed"),
    ("a CDATA declaration", {"about.md": ABOUT + "\n<div>\n<![CDATA[\n</div>\n"}, "'<![' is a markup declaration"),
    ("a processing instruction", {"about.md": ABOUT + "\n<div>\n<?php\n</div>\n"}, "'<?p' is a markup declaration"),
    ("a quote left open in a raw block", {"about.md": ABOUT + '\n<div>\n<span title="x\n</div>\n\nThe rest.\n'}, f"content/pages/about.md:{END + 1}:1: an HTML tag that does not end on its line"),
    ("a tag without its end in a raw block", {"about.md": ABOUT + "\n<div>\n<a href=x\n</div>\n"}, "an HTML tag that does not end on its line"),
    ("a raw html page", {"evil.html": "<script>alert(1)</script>"}, "content/pages/evil.html:1:1: only markdown pages (.md)"),
    ("a script replacing the scorer", {"assets/js/assessment.js": "alert(1)"}, "content/pages/assets/js/assessment.js:1:1: only markdown pages"),
    ("the theme's not-found page replaced", {"404.html": "<script>alert(1)</script>"}, "content/pages/404.html:1:1: only markdown pages (.md)"),
    ("a stylesheet replacing the site's", {"assets/css/site.css": "body{display:none}"}, "content/pages/assets/css/site.css:1:1: only markdown pages"),
    ("a sitemap of one's own", {"sitemap.xml": "<urlset/>"}, "content/pages/sitemap.xml:1:1: only markdown pages"),
    ("a linked file from outside the repository", {"secrets.md": (LINK, "/etc/hostname")}, "content/pages/secrets.md:1:1: is a link to another file"),
    ("a linked folder", {"more": (LINK, "/etc")}, "content/pages/more:1:1: is a link to a folder elsewhere"),
    ("a page over the assessment", {"assessment.md": "# Mine\n"}, "content/pages/assessment.md:1:1: is published at /assessment/ like a generated page"),
    ("a page over the home page", {"index.md": "# Home\n"}, "content/pages/index.md:1:1: is published at / like a generated page"),
    ("a README standing for the home page", {"README.md": "# Home\n"}, "content/pages/README.md:1:1: is published at / like a generated page"),
    ("a page over a level", {"levels/managed.md": "# Managed\n"}, "content/pages/levels/managed.md:1:1: is published at /levels/managed/"),
    ("a folder index over a generated page", {"fields/index.md": "# Fields\n"}, "content/pages/fields/index.md:1:1: is published at /fields/"),
    ("a page that differs only in case", {"Changelog.md": "# Changes\n"}, "content/pages/Changelog.md:1:1: is published at /changelog/"),
    ("two hand-written pages at one address", {"about/index.md": "# About again\n"}, "is published at /about/ like another hand-written page"),
    ("a page that is not UTF-8", {"about.md": ABOUT.encode("utf-8") + "\nCaf\xe9\n".encode("latin-1")},
     f"content/pages/about.md:{END}:4: is not UTF-8 text (byte 0xe9)"),
    ("no _headers", {"_headers": None}, "content/pages/_headers:1:1: is missing"),
    ("an empty _headers", {"_headers": ""}, "content/pages/_headers:1:1: is empty"),
    ("a _headers with comments only", {"_headers": "# nothing here\n"}, "content/pages/_headers:1:1: is empty"),
    ("an empty policy", {"_headers": headers_with_policy("")}, "content/pages/_headers:6:1: the Content-Security-Policy is empty"),
    ("no policy line", {"_headers": "/*\n  Referrer-Policy: no-referrer\n"}, "content/pages/_headers:1:1: the '/*' block has no Content-Security-Policy"),
    ("no block for every page", {"_headers": "/about/*\n  Content-Security-Policy: script-src 'self'\n"}, "has no '/*' block"),
    ("a policy that allows inline script", {"_headers": headers_with_policy("default-src 'self'; script-src 'self' 'unsafe-inline'")},
     "lets scripts come from 'unsafe-inline'"),
    ("a policy without script sources", {"_headers": headers_with_policy("img-src 'self'")}, "sets neither script-src nor default-src"),
    ("a _headers that is not UTF-8", {"_headers": b"/*\n  X-Note: \xff\n"}, "content/pages/_headers:2:11: is not UTF-8"),
]

# Pages that must stay allowed: markup shown as code, harmless raw HTML, ordinary prose.
GOOD = [
    ("a script shown in a code block", {"about.md": ABOUT + "\n```html\n<script>alert(1)</script>\n<img onerror=x>\n```\n"}),
    ("a script shown in a code span", {"about.md": ABOUT + "\nNever write `<script>` or `onclick=` in a page.\n"}),
    ("harmless raw html", {"about.md": ABOUT + '\n<div markdown class="note">Some *text* and <a href="https://example.com/">a link</a>.</div>\n'}),
    ("prose with words like once= and on", {"about.md": ABOUT + "\nSet it once = twice as good; javascript is a language.\n"}),
    ("apostrophes and ampersands in front matter", {"about.md": front(title="About R&D", description="The project's own words.", hide="[toc]")}),
    ("swallowing elements shown as code", {"about.md": ABOUT + "\nNever write `<plaintext>` or `<textarea>`:\n\n```html\n<xmp>\n```\n"}),
    ("a closed comment over several lines", {"about.md": ABOUT + "\n<div>\n<!-- a note\nfor editors -->\n</div>\n\n<!---->\n"}),
    ("whole tags with quoted values, and a lone '<'", {"about.md": ABOUT + "\n<p class=\"a b\" title='x > y' data-x=1 hidden>1 < 2</p><br/>\n"}),
    ("words that start like those elements", {"about.md": ABOUT + "\n<titles> are not <selected> <textareas>.\n"}),
    ("a dot-file MkDocs leaves out", {".editorconfig": "root = true\n"}),
]


def apply(pages: Path, files: dict) -> None:
    for rel, value in files.items():
        target = pages / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if value is None:
            target.unlink()
        elif isinstance(value, tuple) and value[0] is LINK:
            target.symlink_to(value[1])
        elif isinstance(value, bytes):
            target.write_bytes(value)
        else:
            target.write_text(value, encoding="utf-8")


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path / "content"


def validate_lines(content: Path, capsys) -> tuple[int, list[str]]:
    result = helpers.validate(content, capsys)
    return result.returncode, result.stderr.splitlines()


@pytest.mark.parametrize("files,expected", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_hand_written_page_is_one_line_and_exit_1(content, capsys, files, expected):
    apply(content / "pages", files)
    code, lines = validate_lines(content, capsys)
    assert code == 1, f"validated: {lines}"
    matching = [line for line in lines if expected in line]
    assert matching, "\n".join(lines)
    assert all(" - " in line for line in matching), matching
    assert lines[-1].endswith("in content: nothing was built."), lines
    assert not any("Traceback" in line for line in lines)


TRANSLATIONS = languages(CONTENT)
TRANSLATED = f"content/translations/{TRANSLATIONS[0]}/pages" if TRANSLATIONS else ""
IN_TRANSLATIONS = [b for b in BAD if not any(rel.startswith("_headers") for rel in b[1])]
"""Every bad page folder but the `_headers` ones (only content/pages publishes one) holds
for a translation's pages too: MkDocs publishes that folder the same way, under /ja/."""


@pytest.mark.parametrize("files,expected", [b[1:] for b in IN_TRANSLATIONS], ids=[b[0] for b in IN_TRANSLATIONS])
def test_a_translations_pages_folder_is_held_to_the_same_policy(content, capsys, files, expected):
    if not TRANSLATIONS:
        pytest.skip("the content has no translation")
    pages = content.parent / TRANSLATED
    apply(pages, {rel: value.replace(ABOUT, (pages / "about.md").read_text(encoding="utf-8")) if isinstance(value, str) else value
                  for rel, value in files.items()})
    code, lines = validate_lines(content, capsys)
    assert code == 1, f"validated: {lines}"
    path, says = (expected.split(":", 1)[0], expected.split(": ", 1)[1]) if expected.startswith("content/pages/") else ("content/pages", expected)
    if "is published at" in says:  # a translation names its pages after English ones only
        says = "there is no English page"
    matching = [line for line in lines if line.startswith(path.replace("content/pages", TRANSLATED)) and says in line]
    assert matching, "\n".join(lines)
    assert all(" - " in line for line in matching), matching
    assert not any("Traceback" in line for line in lines)


def test_there_are_at_least_thirty_bad_folders():
    assert len(BAD) >= 30


@pytest.mark.parametrize("files", [g[1] for g in GOOD], ids=[g[0] for g in GOOD])
def test_a_harmless_page_stays_allowed(content, capsys, files):
    apply(content / "pages", files)
    code, lines = validate_lines(content, capsys)
    assert code == 0, "\n".join(lines)


def test_every_problem_is_reported_in_one_run(content, capsys):
    apply(content / "pages", {"about.md": front(template="x.html") + "\n<script>x</script>\n", "evil.html": "x", "_headers": ""})
    code, lines = validate_lines(content, capsys)
    assert code == 1
    assert lines[-1] == "4 problems in content: nothing was built.", lines


def test_the_generated_pages_the_policy_knows_are_the_ones_rendered(content_dir):
    from generator.content import read_documents
    from generator.pages import generated_pages

    levels = read_documents(content_dir)[0]["levels"]
    assert sorted(generated_pages({"levels": levels})) == sorted(render_site(load_content(content_dir)))


BUILD_CASES = ["a script in the description", "a raw html page", "no _headers", "an empty policy", "a page that is not UTF-8", "a page over the assessment"]


@pytest.mark.parametrize("what", BUILD_CASES)
def test_the_build_refuses_a_bad_page_and_leaves_the_previous_site(repo, what):
    files, expected = next(b[1:] for b in BAD if b[0] == what)
    site = repo / "out"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    apply(repo / "content" / "pages", files)
    result = build_site(site, repo / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert expected in output, output
    assert "Traceback" not in output
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert os.listdir(site) == ["index.html"]


ACCEPTED = [
    ("a second hand-written page, in a folder", {"guides/rollout.md": "# Rolling out\n\nSome words.\n"}),
    ("no About page", {"about.md": None}),
]
"""Hand-written page folders validate accepts (the change made in every language)."""


@pytest.mark.parametrize("files", [a[1] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_every_page_folder_validate_accepts_builds_in_every_language(repo, files, capsys):
    """Whatever validate accepts builds: the navigation lists the hand-written pages there
    are (MkDocs' strict build refuses a page it leaves out, or one it names that is not)."""
    folders = [repo / "content" / "pages", *sorted((repo / "content" / "translations").glob("*/pages"))]
    for folder in folders:
        apply(folder, files)
    code, lines = validate_lines(repo / "content", capsys)
    assert code == 0, "\n".join(lines)
    for config in ["mkdocs.yml", *sorted(p.name for p in repo.glob("mkdocs.*.yml"))]:
        result = build_site(repo / "out" / config, repo / config)
        assert result.returncode == 0, f"{config}:\n{result.stdout}{result.stderr}"
    for rel, value in files.items():
        page = repo / "out" / "mkdocs.yml" / rel.removesuffix(".md") / "index.html"
        assert page.is_file() == (value is not None), page


def test_each_page_script_in_the_one_list_exists_and_only_its_page_names_it(content_dir):
    """generator/pages.py GENERATED_PAGES names each page's own script; the page's front
    matter (overrides/main.html) and root element (page-modules.js) carry that name."""
    from generator.pages import GENERATED_PAGES

    pages = render_site(load_content(content_dir))
    for page in GENERATED_PAGES:
        if page.controller:
            assert (ROOT / "overrides" / "assets" / "js" / page.controller).is_file(), page
            assert f"\ncontroller: {page.controller}\n" in pages[page.path] and f'data-page-module="{page.controller}"' in pages[page.path], page
        else:
            assert "data-page-module" not in pages[page.path] and "\ncontroller:" not in pages[page.path], page
