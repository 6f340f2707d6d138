/*
 * The language switcher carries the part of the address after "#": a team link or a
 * share link opened in one language opens the same team or answers in the other (the
 * fragment holds ids and points, never words, so it means the same on every language's
 * site). The theme writes the switcher's links without it, and the fragment changes
 * while a page is open (the team view writes its team there), so it is added when a
 * link is followed, not when the page is built; and a plain click is followed here,
 * since the theme's switcher handler (it looks the page up in the sitemap) drops it.
 *
 * A classic script at the end of <body> (overrides/main.html); one listener on the
 * document catches every switcher link, instant navigation included.
 */
(() => {
  const follow = (event) => {
    const link = event.target.closest?.("a.md-select__link[hreflang]");
    if (!link || !location.hash) return;
    const target = new URL(link.href, location.href);
    if (target.origin !== location.origin) return;
    target.hash = location.hash;
    link.href = target.href;
    // A plain click: the theme's own switcher handler would go to the page without the
    // fragment, so go here instead (a modified click opens the link, fragment and all).
    if (event.type === "click" && event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      location.assign(target.href);
    }
  };
  // Capture: before the theme's own handlers and the browser's default action read href.
  document.addEventListener("click", follow, true);
  document.addEventListener("auxclick", follow, true);
})();
