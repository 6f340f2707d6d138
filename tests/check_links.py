"""Check every internal link of a built site with linkchecker, over HTTP on 127.0.0.1.

linkchecker drops root privileges to `nobody`, which may not read files in a build
folder, so the site is served from this process instead and checked by URL.
External links are not fetched here (CI has no network); the weekly workflow
checks them with `--extern --csv FILE`: linkchecker then reports as CSV on its standard
output (it runs as `nobody`, which may not write files here) and this script saves it.
Usage: python tests/check_links.py [SITE_DIR] [--extern] [--csv FILE].
Exit 0 when every link works, 1 on any broken link, 2 and up when linkchecker failed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        # linkchecker waits 0.1-0.6 s between requests to one host (at most 10 a second)
        # unless the host answers with this header; this server is ours, so it may.
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()

    def log_message(self, *args):
        pass


UNTHROTTLED = "[checking]\nmaxrequestspersecond=1000\n"
"""linkchecker's settings for the site's own server: no pause between requests (about 30 s
of waiting for 150 pages otherwise). Other hosts keep linkchecker's own limit."""


def check(site: Path, extern: bool = False, csv: Path | None = None) -> int:
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    output = "csv/utf-8" if csv else "text"
    command = [str(Path(sys.executable).parent / "linkchecker"), "--no-status", f"--output={output}"]
    # Outside links keep their warnings: a redirect is one, and the weekly report lists moved links.
    command += ["--check-extern", "--threads", "4", "--timeout", "30"] if extern else ["--no-warnings"]
    with tempfile.NamedTemporaryFile("w", suffix=".rc", delete=False) as config:
        config.write(UNTHROTTLED)
    Path(config.name).chmod(0o644)  # linkchecker reads it after dropping root for `nobody`
    try:
        result = subprocess.run(command + ["--config", config.name, url], text=True, capture_output=True)
    finally:
        httpd.shutdown()
        Path(config.name).unlink()
    if csv:
        csv.write_text(result.stdout, encoding="utf-8")
    else:
        sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--extern", action="store_true", help="also fetch links to other hosts")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="save linkchecker's report as CSV to FILE")
    args = parser.parse_args(argv)
    return check(args.site, extern=args.extern, csv=args.csv)


if __name__ == "__main__":
    sys.exit(main())
