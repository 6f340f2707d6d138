/*
 * The site's own result, read the same way by every page that takes one in. A share
 * link this site wrote holds the answers (answers.js) and may hold targets and notes
 * (notes.js: "_t", "_team", "_date", "_n.<id>"); a page that needs only the answers
 * (team view, progress) must still accept such a link, and name only what it truly
 * cannot use. So the parts are split here, once, for every page, and not by each
 * page's own reading of the fragment.
 *
 * Pure: strings and objects in, new plain objects out; no DOM, no storage.
 */

import { readFragment } from "./answers.js";
import { splitFragment } from "./notes.js";

/** The part of a pasted line that a share link carries after "#" (the whole line when it has none). */
export function linkFragment(line) {
  const text = String(line ?? "").trim();
  const hash = text.indexOf("#");
  return hash < 0 ? text : text.slice(hash + 1);
}

/**
 * The answers of a share link (a whole address, or only its fragment), as answers.js's
 * readFragment returns them ({found, answers, notices}), and the member's `name` when
 * the link carries one ("_name", only when its maker included the notes), else null;
 * its targets and notes, which this site writes beside the answers, are set aside
 * rather than named as unknown.
 */
export function readLinkAnswers(line, model) {
  const { answers, extras } = splitFragment(linkFragment(line));
  const given = extras.find(([key]) => key === "_name")?.[1];
  let name = null;
  try {
    name = given === undefined ? null : decodeURIComponent(given);
  } catch {
    // A broken %-escape: no name, the answers still count.
  }
  return { ...readFragment(answers, model), name };
}
