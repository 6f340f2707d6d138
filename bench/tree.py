"""Throw-away copies of the site project, MkDocs runs on them, and a local web server.

Why: the MkDocs hook reads content from ROOT/content, ROOT being the folder its own
file sits in, so the only way to build other content (synthetic, or edited by the
serve benchmark) without touching the shared work tree is to build a copy of the
project. Every measurement therefore works on a snapshot taken at the start of the
run, which also keeps a run consistent while others edit the tree.

`serve_dir` is the web server the browser and Lighthouse measurements use. It
gzips text responses when the client accepts it, as a static host such as GitHub
Pages does, so transfer sizes and Lighthouse's compression audit see what a
reader would get; a plain `http.server` would send everything uncompressed.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", *sorted(p.name for p in REPO.glob("mkdocs.*.yml")), "generator", "templates", "schema", "overrides", "content", "tools")
"""What a build needs besides node_modules (which is symlinked, not copied)."""

MKDOCS = Path(sys.executable).parent / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "PRERENDER_DIAGRAMS": "1"}
"""Builds as the deploy workflow does: the diagram drawn at build time (generator/drawing.py;
the first build of a snapshot draws it, later ones read the cache)."""


def copy_project(target: Path, source: Path = REPO) -> Path:
    """Copy the parts of `source` a build needs into `target`; return target."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=ignore)
        else:
            shutil.copy2(src, target / part)
    (target / "node_modules").symlink_to((REPO / "node_modules").resolve(), target_is_directory=True)
    return target


def minify(tree: Path, site: Path) -> None:
    """The step `make build` takes after MkDocs: the site's own scripts minified, so what
    is weighed and timed is what readers download."""
    subprocess.run(["node", str(tree / "tools" / "minify-js.mjs"), str(site)], check=True, stdout=subprocess.DEVNULL)


def build(tree: Path, site: Path) -> dict:
    """One `mkdocs build` of `tree` into `site`, as a child process.

    Returns wall seconds, the child's own peak RSS (from wait4, so it is this build's
    peak and not the high-water mark of every child so far), and its exit status.
    """
    cmd = [str(MKDOCS), "build", "-q", "-f", str(tree / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": seconds,
        "peak_rss": usage.ru_maxrss * 1024,  # Linux reports KiB
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "ok": proc.returncode == 0,
        "error": stderr.strip()[-2000:] if proc.returncode else "",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".md")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped (level 6) when the client asks for it; quiet log."""

    cache: dict[str, bytes] = {}

    def log_message(self, *args):  # keep the benchmark's output readable
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash address
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = self.cache.get(str(path))
        if body is None:
            body = self.cache[str(path)] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_dir(directory: Path):
    """Serve `directory` on 127.0.0.1; yields the base URL (ending in '/')."""
    handler = type("Handler", (_Handler,), {"cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path ('' for home, 'levels/managed/'...)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":
            pages.append(rel)
        elif rel.endswith("index.html"):
            pages.append(rel[: -len("index.html")])
    return pages
