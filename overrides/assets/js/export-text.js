/*
 * What a user typed, safe in a file they paste elsewhere: the one way every Markdown and
 * CSV export of the site (the plan's, the team summary's) writes a string, so a name, a
 * note, a team or a dimension cannot become markup in an issue tracker or a formula in a
 * spreadsheet, whichever export it goes through. Pure: strings in, strings out.
 *
 * Markdown: every character that could start markup (links, images, emphasis, code, HTML,
 * headings, lists, table pipes, and what GitHub turns into a link by itself: "://", "www.",
 * an e-mail's "@") is escaped with a backslash and line breaks become
 * spaces, so the text shows as written, on one line, also inside a table cell. Link
 * addresses are the model's https ones, with parentheses, spaces and angle brackets
 * percent-encoded.
 *
 * CSV (RFC 4180): every cell quoted, rows ended with CRLF, line breaks inside a cell
 * made spaces, and a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * first) starts with an apostrophe. A byte-order mark first, because spreadsheet
 * programs read a CSV as UTF-8 (accents, Japanese) only with one.
 */

export const BOM = "\ufeff";

/** Text that Markdown shows as written, on one line (in a paragraph, a list or a table cell). */
export function markdownText(text) {
  return String(text ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_{}[\]()<>#|~!&$^@]/g, "\\$&")
    // What GitHub's Markdown links by itself: an address (scheme://), a www. name, an e-mail (the @ above).
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/^[-+=]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** A link address as Markdown reads it whole. */
export const markdownUrl = (url) => String(url).replace(/[\s()<>]/g, (c) => encodeURIComponent(c).replace("(", "%28").replace(")", "%29"));

/** A Markdown table: a header row and rows of cells, every cell through markdownText. */
export function markdownTable(head, rows) {
  const line = (row) => `| ${row.map(markdownText).join(" | ")} |`;
  return [line(head), `|${head.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

/** One CSV cell: quoted, on one line, never a formula. */
export function csvCell(value) {
  const text = String(value ?? "").replace(/\r\n?|\n/g, " ");
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A whole CSV file: the byte-order mark, then each row's cells through csvCell, CRLF after each row. */
export const csvFile = (rows) => `${BOM}${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
