"""Print, as JSON, the groups of content/ui.yml that the self-assessment's scripts word their
notices with (tests/js/words.mjs reads this output: node has no YAML reader here)."""

import json
import sys
from pathlib import Path

import yaml

UI = Path(__file__).resolve().parents[2] / "content" / "ui.yml"


def groups(ui: dict) -> dict:
    """The `answers` group and each page's `script` group, as the pages hand them over."""
    return {"answers": ui["answers"], "assessment": ui["assessment"]["script"],
            "team": ui["team"]["script"], "progress": ui["progress"]["script"]}


if __name__ == "__main__":
    json.dump(groups(yaml.safe_load(UI.read_text(encoding="utf-8"))), sys.stdout, ensure_ascii=False)
