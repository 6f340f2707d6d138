/*
 * What every page controller of the site does the same way (the self-assessment, the
 * team view, progress): start on each page view, read the page's embedded data, show
 * notices, read picked or dropped files, and offer downloads. A new page or button
 * takes these from here, so files are refused, read and worded alike on every page.
 *
 * The DOM helpers only; no storage, and every word comes from the caller's words
 * (content/ui.yml, worded by words.js `say`).
 */

import { fileSizeNotice } from "./answers.js";
import { h } from "./dom.js";
import { say } from "./words.js";

/**
 * Run `init(root)` once for each element matching `selector`, now and on every later
 * page view (mkdocs-material's document$ emits on instant navigation too).
 */
export function startPages(selector, init) {
  const bound = new WeakSet();
  const start = () => {
    for (const root of document.querySelectorAll(selector)) {
      if (bound.has(root)) continue;
      bound.add(root);
      init(root);
    }
  };
  const documents = window.document$;
  if (typeof documents?.subscribe === "function") documents.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}

/** The page's JSON `id`, inside the inert `template` under `root` (or in the page as a fallback). */
export function pageData(root, template, id) {
  const script = root.querySelector(template)?.content.getElementById(id) ?? document.getElementById(id);
  if (!script) throw new Error(`the page holds no ${id}`);
  return JSON.parse(script.textContent);
}

/** Notices ({kind, key, values}) as the one list every page shows, worded from `words`; none: no nodes. */
export function noticeList(notices, words) {
  if (!notices.length) return [];
  return [h("ul", { class: "assessment__notice-list" }, ...notices.map((n) => h("li", { class: `assessment__notice assessment__notice--${n.kind}`, text: say(words, n) })))];
}

/**
 * Read picked or dropped files as text: a Promise of [{name, text}] or [{name, notice}]
 * in the order given, where `notice` says why a file was not read (too large to be an
 * answers file, refused before reading; or a read error).
 */
export function readFiles(files) {
  return Promise.all(
    [...files].map((file) => {
      const tooLarge = fileSizeNotice(file.size, file.name);
      if (tooLarge) return { name: file.name, notice: tooLarge };
      return file.text().then(
        (text) => ({ name: file.name, text }),
        (err) => ({ name: file.name, notice: { kind: "warning", key: "fileUnreadable", values: { name: file.name, reason: err?.name ?? "?" } } }),
      );
    }),
  );
}

/**
 * A download's file name that says whose result it is: `parts` (the model, what it is,
 * a team, a name, the date) joined by "-", each cut to what a file name may hold (letters
 * and digits of any script kept, anything else a "-"), empty ones left out.
 */
export function fileName(parts, extension) {
  const clean = (part) => Array.from(String(part ?? "").normalize("NFC").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "")).slice(0, 40).join("");
  return `${parts.map(clean).filter(Boolean).join("-")}.${extension}`;
}

/** Offer `text` as a file download named `name`. */
export function offerDownload(text, type, name) {
  const href = URL.createObjectURL(new Blob([text], { type }));
  // Not attached to the document, so the theme's instant navigation never sees the click.
  h("a", { href, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(href), 60000);
}

/**
 * Copy a read-only field's text (a share or team link) and say so in `status`, beside
 * the button; where the browser refuses the clipboard, the text is selected and `status`
 * says how to copy it by hand (words.copied, words.copyManual).
 */
export function copyField(field, status, words) {
  const manual = () => {
    field.focus();
    field.select();
    status.textContent = words.copyManual;
  };
  status.textContent = "";
  if (!navigator.clipboard?.writeText) {
    manual();
    return;
  }
  navigator.clipboard.writeText(field.value).then(() => {
    status.textContent = words.copied;
  }, manual);
}
