"""The README's Japanese screenshots: the home page and a held-back assessment result, at
1280 px and on a 390 px phone, from the built site (`make build` first). Needs a Japanese
font (Debian: fonts-noto-cjk), or the text shows as boxes. Run from the repository:

    .venv/bin/python docs-assets/japanese.py
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import load_content  # noqa: E402
from generator.render import assessment_data  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.questionnaire import answer  # noqa: E402

OUT = ROOT / "docs-assets"
SHOTS = [  # (viewport, home page shot, result shot)
    ((1280, 1000), OUT / "ja-home.png", None),
    ((1280, 900), None, OUT / "ja-assessment-result.png"),
    ((390, 844), OUT / "phone" / "ja-home-390.png", OUT / "phone" / "ja-result-390.png"),
]


def main() -> None:
    model = assessment_data(load_content(ROOT / "content"))
    points = [4, 4, 4, 4, 4, 0, 0]  # level 4 by total, held back by the last two dimensions
    answers = dict(zip([q["id"] for q in model["questions"]], points))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / "site"))
    handler.func.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/ja/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for (width, height), home, result in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height}, color_scheme="light")
            if home:
                page.goto(url)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(home))
            if result:
                page.goto(url + "assessment/")
                page.locator("[data-assessment][data-ready]").wait_for(state="attached")
                answer(page, answers)
                page.locator("[data-result][data-level]").wait_for(state="attached")
                page.evaluate("document.getElementById('your-result-title').scrollIntoView(); scrollBy(0, -60)")
                page.wait_for_timeout(300)
                page.screenshot(path=str(result))
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
