/*
 * The notes on screen and on paper: the list of notes under the result, and the header
 * a printout starts with (team, date, content version, edition, share link). Notes and
 * the model in, new detached nodes out; every word comes from `words` (the page's texts,
 * templates/assessment.md.j2), and notes go in as text only (textContent), never as HTML.
 */

import { h } from "./dom.js";
import { fill } from "./words.js";

/** The notes under the result: a heading and one item per dimension with a note; none: no nodes. */
export function notesNodes(model, notes, words) {
  const noted = model.questions.filter((q) => notes.answers[q.id]?.trim());
  if (!noted.length) return [];
  return [
    h("h3", { text: words.notesTitle }),
    h(
      "dl",
      { class: "assessment__notes", "data-notes-list": "" },
      ...noted.flatMap((q) => [h("dt", { text: q.dimension }), h("dd", { "data-note-of": q.id, text: notes.answers[q.id].trim() })]),
    ),
  ];
}

/** The printout's header: title, team and date when given, version and edition, the share link. */
export function printHeadNodes(model, notes, link, words) {
  const who = [notes.team.trim() && fill(words.printTeam, { team: notes.team.trim() }), notes.date && fill(words.printDate, { date: notes.date })].filter(Boolean);
  return [
    h("p", { class: "assessment__print-title", text: words.printTitle }),
    ...(who.length ? [h("p", { "data-print-who": "", text: who.join(" · ") })] : []),
    h("p", { text: fill(words.printVersion, { version: model.version, edition: model.edition.name }) }),
    h("p", { class: "assessment__print-link" }, `${words.printLink} `, h("span", { "data-print-link": "", text: link })),
  ];
}
