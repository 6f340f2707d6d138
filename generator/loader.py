"""Load a content folder: read each English file and check it against its schema, the rules
across files and the hand-written pages policy; lay a translation over it when asked; hand
back one `Content`, or raise `ContentError` listing every problem.

It sits above content.py (what content is) and translate.py (what a translation may
change), so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

from generator import translate
from generator.content import Content, read_documents
from generator.errors import ContentError, Problem
from generator.pages import page_problems
from generator.prose import count_warnings
from generator.rules import check_rules


def load_content(root: Path | str = "content", language: str = "en") -> Content:
    """Read, check and return the content under `root` (raises ContentError), in
    `language`: English, or a translation in root/translations/<language>/."""
    root = Path(root)
    docs, parsed, problems = read_documents(root)
    problems += check_rules(docs, parsed)
    problems += page_problems(root / "pages", docs)
    problems += translate.language_problems(root)  # in every language's build: one list of languages, built whole
    overlay = coverage = None
    if language != "en" and not problems:
        if language not in translate.languages(root):
            problems.append(Problem(f"content/{translate.TRANSLATIONS}/{language}", 1, 1, f"there is no translation '{language}'"
                                    f" - the translations are: {', '.join(translate.languages(root)) or 'none yet'}; add content/{translate.TRANSLATIONS}/{language}/ to start one"))
        else:
            overlay, found, coverage = translate.read_overlay(root, language, {name: doc.data for name, doc in docs.items()})
            problems += found
    if problems:
        raise ContentError(problems)
    counts = {"level": len(docs["levels"].data["levels"]), "question": len(docs["questions"].data["questions"])}
    warnings = tuple(sorted(set(count_warnings(docs["model"], counts, root / "pages"))))
    content = Content.from_documents(docs, warnings)
    if overlay is None:
        return content
    return translate.translated(content, language, overlay.data, coverage)

