"""The team view at scale, in Chromium: 1,000 member files dropped on it at once, and the
length of a team link for 100 members.

Why: a team of a large organization may collect hundreds of answer files; the view reads
every file, works out the medians and draws the table and chart in one go, and the team
link must stay short enough to paste into a chat or a ticket (about 2,000 characters).

Render: on /team/, a `change` listener (capture phase, so before the page's own) starts the
clock when the files are set on the picker; a MutationObserver stops it when the page says
how many members it counted ([data-team-body] .team__count). That includes reading the
files (File.text), checking each as an import, scoring, and drawing. Median of 3 fresh
pages. The files are made here: the model's own questions (read from the page's data),
answers cycling through each question's options, so no two files are the same.

Link: the length of the page's own team link (`[data-team-link]`) after 100 such files,
without names (the default), whole address included.
"""

from __future__ import annotations

import json
import statistics

from browser import launch

MODEL_JS = "() => JSON.parse(document.querySelector('template[data-team-data]').content.getElementById('team-data').textContent).model"

TIMED_JS = """
() => { window.__teamDone = new Promise((resolve) => {
  const input = document.querySelector("[data-team-files]");
  const body = document.querySelector("[data-team-body]");
  let start = null;
  input.addEventListener("change", () => { start = performance.now(); }, { capture: true, once: true });
  new MutationObserver((_, observer) => {
    if (start !== null && body.querySelector(".team__count")) {
      observer.disconnect();
      resolve({ ms: performance.now() - start, count: body.querySelector(".team__count").textContent });
    }
  }).observe(body, { childList: true, subtree: true });
}); }
"""


def member_files(model: dict, n: int) -> list[dict]:
    questions = model["questions"]
    files = []
    for i in range(n):
        answers = {}
        for k, q in enumerate(questions):
            points = sorted(o["points"] for o in q["options"])
            answers[q["id"]] = points[(i // (len(points) ** (k % 3))) % len(points)]
        record = {"model": model["model"], "version": model["version"], "answers": answers, "note": i}
        files.append({"name": f"member-{i}.json", "mimeType": "application/json", "buffer": json.dumps(record).encode()})
    return files


def run(base_url: str, members: int = 1000, link_members: int = 100, repeats: int = 3) -> dict:
    with launch() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base_url + "team/", wait_until="networkidle")
        model = page.evaluate(MODEL_JS)
        page.set_input_files("[data-team-files]", member_files(model, link_members))
        page.wait_for_selector("[data-team-link]")
        link = page.locator("[data-team-link]").input_value()
        context.close()
        files = member_files(model, members)
        runs = []
        for _ in range(repeats):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e, acc=errors: acc.append(str(e)))
            page.goto(base_url + "team/", wait_until="networkidle")
            page.evaluate(TIMED_JS)
            page.set_input_files("[data-team-files]", files)
            result = page.evaluate("window.__teamDone")
            context.close()
            if errors:
                return {"ok": False, "reason": f"page errors: {'; '.join(errors)[:300]}"}
            runs.append(result)
    return {"ok": True, "members": members, "ms_median": statistics.median(r["ms"] for r in runs), "runs": runs,
            "link_members": link_members, "link_chars": len(link)}
