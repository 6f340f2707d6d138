"""Check every internal link of a built site with linkchecker, over HTTP on 127.0.0.1.

linkchecker drops root privileges to `nobody`, which may not read files in a build
folder, so the site is served from this process instead and checked by URL.
External links are not fetched here (CI has no network); the weekly workflow
checks them. Usage: python tests/check_links.py SITE_DIR [--extern]. Exit 1 on any broken link.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def check(site: Path, extern: bool = False) -> int:
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    command = [str(Path(sys.executable).parent / "linkchecker"), "--no-status", "--output=text", "--no-warnings"]
    command += ["--check-extern"] if extern else []
    try:
        result = subprocess.run(command + [url], text=True, capture_output=True)
    finally:
        httpd.shutdown()
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(check(Path(args[0] if args else "site"), extern="--extern" in sys.argv))
