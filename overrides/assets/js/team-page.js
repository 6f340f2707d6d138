/*
 * The team view page's controller: reads answer files (picker or drag and drop) and
 * pasted share links, hands them to team.js, and draws the result. Nothing leaves the
 * browser and nothing is stored: closing the page forgets the team.
 *
 * Every word shown comes from the page's JSON (`text`, from templates/team.md.j2), with
 * {name} placeholders filled here. Content and inputs go into the page as text only.
 * Notices appear next to the inputs that caused them (the controls are above them).
 * A team link (#team=...) opens the team it holds; the page's own team link and the
 * downloads (JSON, CSV, Markdown) are made from what is shown.
 */

import { seriesChart, seriesLegend } from "./chart.js";
import { copyField, fileName, noticeList, offerDownload, pageData, readFiles, startPages } from "./page-shell.js";
import { answerText, fill, h, heldBackText, levelText, unscoredText } from "./report-view.js";
import { MAX_INPUTS, MAX_LINK_MEMBERS, readTeamFragment, teamAnswer, teamCsv, teamFragment, teamMarkdown, teamRecord, teamView } from "./team.js";


/** Members beyond this many are left out of the table's columns (the list has them all). */
const MAX_COLUMNS = 12;

/** The team view on screen: a team link pasted into the address opens there. One listener
 * for the module, not one per visit (they piled up under the theme's instant navigation). */
let shown = null;
window.addEventListener("hashchange", () => shown?.root.isConnected && shown.openLink());

class TeamPage {
  constructor(root) {
    const { model, text, answerWords, discussGap } = pageData(root, "template[data-team-data]", "team-data");
    this.root = root;
    this.model = model;
    // The page's words, and those of answers.js's notices (a file or link it reads).
    this.text = { ...answerWords, ...text };
    this.gap = discussGap;
    this.inputs = [];
    this.links = 0;
    this.notices = [];
    this.parts = {
      files: root.querySelector("[data-team-files]"),
      drop: root.querySelector("[data-team-inputs]"),
      links: root.querySelector("[data-team-links]"),
      addLinks: root.querySelector("[data-team-add-links]"),
      names: root.querySelector("[data-team-names]"),
      clear: root.querySelector("[data-team-clear]"),
      notices: root.querySelector("[data-team-notices]"),
      body: root.querySelector("[data-team-body]"),
    };
    const { files, drop, addLinks, names, clear } = this.parts;
    files.addEventListener("change", () => {
      this.addFiles([...files.files]);
      files.value = "";
    });
    drop.addEventListener("dragover", (event) => {
      event.preventDefault();
      drop.classList.add("team__inputs--over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("team__inputs--over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("team__inputs--over");
      this.addFiles([...(event.dataTransfer?.files ?? [])]);
    });
    addLinks.addEventListener("click", () => this.addLinks());
    names.addEventListener("change", () => this.render());
    clear.addEventListener("click", () => {
      this.inputs = [];
      this.links = 0;
      this.say([{ kind: "info", key: "cleared", values: {} }]);
    });
    root.addEventListener("click", (event) => {
      const format = event.target.closest?.("[data-team-export]")?.dataset.teamExport;
      if (format) this.download(format);
      if (event.target.closest?.("[data-team-copy]")) copyField(root.querySelector("[data-team-link]"), root.querySelector("[data-team-copied]"), this.text);
    });
    shown = this;
    if (!this.openLink()) this.render();
  }

  /** Open the team link in the address, if there is one (it replaces the inputs); say whether there was. */
  openLink() {
    const read = readTeamFragment(location.hash, this.model);
    if (!read.found) return false;
    this.inputs = read.inputs.map((input) => ({ ...input, source: fill(this.text.linkMember, { n: input.source }) }));
    this.links = 0;
    // Names in the link: its maker showed them, so they are shown here too.
    if (read.inputs.some((input) => input.name)) this.parts.names.checked = true;
    const opened = read.inputs.length ? [{ kind: "info", key: "opened", values: { n: read.inputs.length } }] : [];
    this.say([...opened, ...read.notices]);
    // A link opened is a team to look at: show what it held, not the page's introduction.
    this.parts.notices.scrollIntoView({ block: "start" });
    return true;
  }

  /** Read the files as text (huge ones refused before reading), then add them all at once. */
  addFiles(files) {
    const room = Math.max(0, MAX_INPUTS + 1 - this.inputs.length);
    readFiles(files.slice(0, room)).then((reads) =>
      this.add(
        reads.filter((r) => !r.notice).map((r) => ({ kind: "file", source: r.name, text: r.text })),
        reads.filter((r) => r.notice).map((r) => r.notice),
      ),
    );
  }

  addLinks() {
    const lines = this.parts.links.value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    const added = lines.map((line) => ({ kind: "link", source: fill(this.text.linkName, { n: ++this.links }), text: line }));
    this.parts.links.value = "";
    this.add(added, []);
  }

  add(inputs, refused) {
    this.inputs = [...this.inputs, ...inputs];
    this.say([{ kind: "info", key: "added", values: { n: inputs.length } }, ...refused]);
  }

  say(notices) {
    this.notices = notices;
    this.render();
  }

  labels(view) {
    const showNames = this.parts.names.checked;
    return view.members.map((m) => (showNames && m.name ? `${m.label} (${m.name})` : m.label));
  }

  download(format) {
    const { model, text } = this;
    const view = teamView(this.inputs, model, this.gap);
    if (!view.members.length) return;
    const labels = this.labels(view);
    const date = new Date();
    const words = { ...text, total: text.teamTotal };
    const files = {
      json: () => [`${JSON.stringify(teamRecord(view, model, labels, date), null, 2)}\n`, "application/json", "json"],
      csv: () => [teamCsv(view, model, labels, words), "text/csv", "csv"],
      markdown: () => [teamMarkdown(view, model, labels, words, date), "text/markdown", "md"],
    };
    if (!Object.hasOwn(files, format)) return;
    const [body, type, extension] = files[format]();
    offerDownload(body, type, fileName([model.model, "team", date.toISOString().slice(0, 10)], extension));
  }

  render() {
    const view = teamView(this.inputs, this.model, this.gap);
    const notices = [...this.notices, ...view.notices, ...view.left.map((l) => l.why)];
    this.parts.notices.replaceChildren(...noticeList(notices, this.text));
    this.parts.body.replaceChildren(...this.report(view));
    // The address holds the team shown, so a reload or a bookmark brings it back.
    const fragment = teamFragment(view.members, this.model, this.parts.names.checked);
    if (location.hash.replace(/^#/, "") !== fragment) history.replaceState(history.state, "", `${location.pathname}${location.search}${fragment ? `#${fragment}` : ""}`);
  }

  report(view) {
    const { text, model } = this;
    if (!view.members.length) return [h("p", { "data-team-empty": "", text: text.none })];
    const labels = this.labels(view);
    const who = (m) => labels[view.members.indexOf(m)];
    const level = model.levels.find((l) => l.number === view.level);
    const link = new URL(location.href);
    const withNames = this.parts.names.checked && view.members.some((m) => m.name);
    link.hash = teamFragment(view.members, model, withNames);
    const nodes = [
      h("p", { class: "team__count", text: fill(text.count, { members: view.members.length, left: view.left.length }) }),
      // No level when too many of the team's medians are "don't know" (nobody answered with an option).
      ...(level
        ? [
            h("p", { class: "team__result", "data-team-total": String(view.total), "data-team-level": String(view.level), text: fill(text.teamResult, { total: view.total, max: model.total.max, level: levelText(model, view.result, text) }) }),
            ...(unscoredText(model, view.result) ? [h("p", { "data-team-unscored": "", text: unscoredText(model, view.result) })] : []),
          ]
        : [h("p", { class: "team__result", "data-team-level": "none", text: unscoredText(model, view.result) })]),
      ...(view.result.heldBack ? [h("p", { class: "assessment__held-back", "data-team-held-back": "", text: heldBackText(model, view.result) })] : []),
      ...(level ? [h("p", {}, h("a", { href: level.url, text: fill(text.levelLink, { number: level.number, name: level.name }) }))] : []),
      h("h3", { text: text.byDimension }),
      ...seriesChart({
        id: "team-chart",
        rows: view.dimensions.map((d) => {
          const q = model.questions.find((x) => x.id === d.id);
          return { label: q.dimension, max: Math.max(...q.options.map((o) => o.points)) };
        }),
        // A dimension no member has points for draws nothing (never a 0) and says so in the table.
        series: [{ name: text.median, shape: "bar", values: view.dimensions.map((d) => d.median), ranges: view.dimensions.map((d) => (d.median === null ? null : [d.min, d.max])) }],
        title: text.chartTitle,
        description: text.chartDescription,
        valueLabel: (values, max, i) => (view.dimensions[i].median === null ? "–" : fill(text.chartValue, { median: values[0], max, min: view.dimensions[i].min, top: view.dimensions[i].max })),
      }),
      seriesLegend([
        { shape: "bar", text: text.legendMedian },
        { shape: "bar", range: true, text: text.legendRange },
      ]),
      this.table(view),
      h("h3", { text: text.spread }),
      h(
        "ul",
        { "data-team-spread": "" },
        ...view.levels.map((l) => {
          const lv = model.levels.find((x) => x.number === l.level);
          return h("li", { text: fill(text.spreadItem, { number: lv.number, name: lv.name, members: l.members.join(text.listSeparator) }) });
        }),
      ),
      h("h3", { text: text.members }),
      this.memberTable(view, who),
      h("p", { class: "team__share" }, h("label", { for: "team-link", text: text.teamLink })),
      h(
        "div",
        { class: "team__link-row" },
        h("input", { type: "text", id: "team-link", class: "team__link", readonly: "", value: link.href, "data-team-link": link.href, "aria-describedby": "team-link-help" }),
        h("button", { type: "button", class: "md-button", "data-team-copy": "", text: text.copyLink }),
        h("span", { class: "team__copied", role: "status", "data-team-copied": "" }),
      ),
      h("p", { id: "team-link-help", class: "team__link-help", text: (withNames ? text.teamLinkHelpNames : text.teamLinkHelp) + (view.members.length > MAX_LINK_MEMBERS ? ` ${fill(text.linkCapped, { max: MAX_LINK_MEMBERS })}` : "") }),
      h(
        "p",
        { class: "team__export" },
        `${text.export} `,
        ...["json", "csv", "markdown"].flatMap((f) => [h("button", { type: "button", class: "md-button", "data-team-export": f, text: text[`export${f[0].toUpperCase()}${f.slice(1)}`] }), " "]),
      ),
    ];
    return nodes;
  }

  table(view) {
    const { text, model } = this;
    const columns = view.members.length <= MAX_COLUMNS;
    const head = [text.dimension, ...(columns ? this.labels(view) : []), text.median, text.min, text.max, text.discuss];
    // Bold marks what to discuss first: the flagged rows, or, when every row is flagged, the widest apart.
    const gaps = view.dimensions.filter((d) => d.discuss).map((d) => d.max - d.min);
    const every = gaps.length === view.dimensions.length;
    const first = (d) => d.discuss && (!every || d.max - d.min === Math.max(...gaps));
    const rows = view.dimensions.map((d) => {
      const q = model.questions.find((x) => x.id === d.id);
      const answers = columns ? view.members.map((m) => answerText(model, m.answers[d.id])) : [];
      const cells = [q.dimension, ...answers, answerText(model, teamAnswer(d, view.members)), answerText(model, d.min), answerText(model, d.max), d.discuss ? fill(text.discussYes, { gap: d.max - d.min }) : text.discussNo];
      return h("tr", { "data-team-dimension": d.id, ...(d.discuss ? { "data-discuss": "" } : {}), ...(first(d) ? { "data-discuss-first": "" } : {}) }, ...cells.map((c, i) => h(i ? "td" : "th", i ? {} : { scope: "row" }, c)));
    });
    const table = h("table", { "data-team-table": "dimensions", "data-no-cards": "" }, h("thead", {}, h("tr", {}, ...head.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, ...rows));
    // Wide teams scroll sideways inside the column (the dimension column stays in view), never past it.
    const wrap = h("div", { class: "md-typeset__table team__table" }, table);
    const all = every ? [h("p", { "data-discuss-all": "", text: fill(text.discussAll, { gap: this.gap, widest: Math.max(...gaps) }) })] : [];
    return h("div", {}, ...(columns ? [] : [h("p", { text: fill(text.manyMembers, { max: MAX_COLUMNS }) })]), ...all, wrap);
  }

  memberTable(view, who) {
    const { text, model } = this;
    const head = [text.member, text.source, text.total, text.level];
    const rows = view.members.map((m) => h("tr", { "data-team-member": m.label }, ...[who(m), m.source, answerText(model, m.total), levelText(model, m, text)].map((c) => h("td", {}, c))));
    return h("div", { class: "md-typeset__table" }, h("table", { "data-team-table": "members" }, h("thead", {}, h("tr", {}, ...head.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, ...rows)));
  }
}

startPages("[data-team]", (root) => new TeamPage(root));
