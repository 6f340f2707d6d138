"""Measurements in Chromium (Playwright): which pages load mermaid, what each page
transfers, and how long the self-assessment takes to show its result.

Why: mermaid is by far the largest script, so it must be fetched only by pages
that draw a diagram; and the result should appear within one frame of the last
answer. Both can only be seen in a real browser.

Mermaid: every page of the built site is opened from the local gzip server
(tree.serve_dir) in a fresh context (empty cache), waiting for network idle; a
page "loads mermaid" when it requested assets/vendor/mermaid.min.js. Whether the
page has a diagram is read from its HTML (`class="mermaid"`).

Result render: on /assessment/, with storage cleared, every question but the
last is answered by clicking a radio input; then, inside the page, the clock
starts (performance.now()), the last radio is clicked, and a MutationObserver
stops it when `[data-result]` gets `data-score` ("DOM") and the next
requestAnimationFrame stops it again ("next frame", i.e. before that frame is
painted). Repeated with different answers, median. Also run with the CPU
throttled 4x through the DevTools protocol, as Lighthouse's mobile profile does.
If the page has no questions or no result within 3 s, the row is "pending".
"""

from __future__ import annotations

import contextlib
import statistics

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
MERMAID = "assets/vendor/mermaid.min.js"


@contextlib.contextmanager
def launch():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def visit_pages(base_url: str, pages: list[str], site) -> list[dict]:
    """For each page: did it request mermaid, does it have a diagram, requests and bytes."""
    rows = []
    with launch() as browser:
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            requests = []
            page.on("requestfinished", lambda r, acc=requests: acc.append(r))
            page.goto(base_url + path, wait_until="networkidle")
            page.wait_for_timeout(300)  # a late lazy load would show up here
            transferred = 0
            for r in requests:
                try:
                    sizes = r.sizes()
                    transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                except Exception:
                    pass
            html = (site / (path if path.endswith(".html") else path + "index.html")).read_text(encoding="utf-8")
            rows.append(
                {
                    "page": "/" + path,
                    "mermaid": any(r.url.endswith(MERMAID) for r in requests),
                    "diagram": 'class="mermaid"' in html,
                    "requests": len(requests),
                    "transferred": transferred,
                }
            )
            context.close()
    return rows


RESULT_JS = """
async ([choice, timeout]) => {
  const result = document.querySelector('[data-result]');
  const sets = [...document.querySelectorAll('fieldset[data-question]')];
  if (!result || !sets.length) return {status: 'no questions or no [data-result] on the page'};
  const radios = fs => [...fs.querySelectorAll('input[type=radio]')];
  sets.slice(0, -1).forEach((fs, i) => { const r = radios(fs); r[(choice + i) % r.length].click(); });
  if (result.hasAttribute('data-score')) return {status: 'data-score was set before the last answer'};
  const lastRadios = radios(sets[sets.length - 1]);
  const last = lastRadios[choice % lastRadios.length];
  return await new Promise(resolve => {
    let done = false, t0 = 0;
    const finish = value => { if (!done) { done = true; observer.disconnect(); clearTimeout(timer); resolve(value); } };
    const observer = new MutationObserver(() => {
      if (done || !result.hasAttribute('data-score')) return;
      const dom = performance.now() - t0;
      observer.disconnect();
      requestAnimationFrame(() => finish({status: 'ok', dom, frame: performance.now() - t0,
        score: result.getAttribute('data-score'), level: result.getAttribute('data-level')}));
    });
    observer.observe(result, {attributes: true, attributeFilter: ['data-score'], subtree: false});
    const timer = setTimeout(() => finish({status: 'no data-score within ' + timeout + ' ms of the last answer'}), timeout);
    t0 = performance.now();
    last.click();
  });
}
"""


def result_render(base_url: str, repeats: int = 5, throttles=(1, 4)) -> dict:
    out = {}
    with launch() as browser:
        for rate in throttles:
            runs, problem = [], None
            for i in range(repeats):
                context = browser.new_context()
                page = context.new_page()
                errors = []
                page.on("pageerror", lambda e, acc=errors: acc.append(str(e)))
                page.goto(base_url + "assessment/", wait_until="networkidle")
                page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
                page.reload(wait_until="networkidle")
                if rate != 1:
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                r = page.evaluate(RESULT_JS, [i, 3000])
                context.close()
                if r.get("status") != "ok":
                    problem = r.get("status") + (f" (page errors: {'; '.join(errors)[:300]})" if errors else "")
                    break
                runs.append(r)
            if problem:
                out[rate] = {"ok": False, "reason": problem}
            else:
                out[rate] = {
                    "ok": True,
                    "dom_median": statistics.median(r["dom"] for r in runs),
                    "frame_median": statistics.median(r["frame"] for r in runs),
                    "dom_max": max(r["dom"] for r in runs),
                    "runs": runs,
                }
    return out
