// Web Storage that refuses to work (overrides/assets/js/storage.js and the theme's
// twin, theme-base.js + theme-palette.js): blocked storage, throwing methods, a full
// quota, odd saved values. Nothing may throw; the site must behave as if nothing was saved.

import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { describe, test } from "node:test";
import vm from "node:vm";

import { openStorage } from "../../overrides/assets/js/storage.js";

const JS = new URL("../../overrides/assets/js/", import.meta.url);
const source = (name) => readFileSync(new URL(name, JS), "utf8");

/** A working Storage stand-in backed by a Map. */
class MemoryStorage {
  #items = new Map();
  getItem(key) {
    return this.#items.has(String(key)) ? this.#items.get(String(key)) : null;
  }
  setItem(key, value) {
    this.#items.set(String(key), String(value));
  }
  removeItem(key) {
    this.#items.delete(String(key));
  }
}

const blocked = () => new DOMException("The operation is insecure.", "SecurityError");

/** Ways a browser's storage refuses to work: [what, install(host)], `host` a plain object. */
const REFUSALS = [
  ["the localStorage getter throws (blocked storage)", (host) => Object.defineProperty(host, "localStorage", { get: () => { throw blocked(); } })],
  ["the sessionStorage getter throws too", (host) => {
    for (const name of ["localStorage", "sessionStorage"]) Object.defineProperty(host, name, { get: () => { throw blocked(); } });
  }],
  ["every method throws", (host) => {
    host.localStorage = { getItem() { throw blocked(); }, setItem() { throw blocked(); }, removeItem() { throw blocked(); } };
  }],
  ["writing exceeds the quota", (host) => {
    const storage = new MemoryStorage();
    storage.setItem = () => { throw new DOMException("full", "QuotaExceededError"); };
    host.localStorage = storage;
  }],
  ["there is no localStorage", () => {}],
  ["localStorage is null", (host) => { host.localStorage = null; }],
  ["localStorage is not a Storage", (host) => { host.localStorage = "not storage"; }],
  ["the getter throws a non-Error", (host) => Object.defineProperty(host, "localStorage", { get: () => { throw "blocked"; } })],
];

describe("storage.js never throws when storage refuses", () => {
  for (const [what, install] of REFUSALS) {
    test(what, () => {
      const host = {};
      install(host);
      const storage = openStorage("localStorage", host);
      for (const result of [storage.read("k"), storage.write("k", "v"), storage.remove("k")]) {
        assert.equal(typeof result.ok, "boolean");
        if (!result.ok) assert.ok(result.error !== undefined);
      }
      assert.equal(storage.holds({}), false);
    });
  }

  test("blocked storage reports the browser's reason (SecurityError)", () => {
    const host = {};
    REFUSALS[0][1](host);
    const read = openStorage("localStorage", host).read("k");
    assert.equal(read.ok, false);
    assert.equal(read.error.name, "SecurityError");
  });

  test("the storage is looked up on every call: blocked at first, working later", () => {
    let refuse = true;
    const real = new MemoryStorage();
    const host = {};
    Object.defineProperty(host, "localStorage", { get: () => { if (refuse) throw blocked(); return real; } });
    const storage = openStorage("localStorage", host);
    assert.equal(storage.write("k", "v").ok, false);
    refuse = false;
    assert.deepEqual(storage.write("k", "v"), { ok: true, value: undefined });
    assert.deepEqual(storage.read("k"), { ok: true, value: "v" });
    assert.equal(storage.holds(real), true);
    assert.deepEqual(storage.remove("k"), { ok: true, value: undefined });
    assert.deepEqual(storage.read("k"), { ok: true, value: null });
  });
});

describe("only storage.js and theme-base.js touch Web Storage", () => {
  // Comments may name localStorage, and code may pass its name as a string to
  // openStorage; any other use must go through the wrapper.
  const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const name of readdirSync(JS).filter((file) => file.endsWith(".js"))) {
    if (name === "storage.js" || name === "theme-base.js") continue;
    test(name, () => {
      assert.doesNotMatch(code(source(name)), /(?<!["'])\b(localStorage|sessionStorage)\b(?!["'])|Storage\.prototype/);
    });
  }
});

// -- the theme's classic scripts, run as the page runs them ------------------------------

const VALID_NAME = /^[A-Za-z_:][-A-Za-z0-9_.:]*$/;

/** A window for theme-base.js (+ theme-palette.js), with `install` shaping its storage. */
function themeWindow(install, { inputs = true } = {}) {
  const attributes = new Map();
  const input = (media, scheme) => ({
    getAttribute: (name) => ({ "data-md-color-media": media, "data-md-color-scheme": scheme, "data-md-color-primary": "indigo", "data-md-color-accent": "indigo" })[name] ?? null,
  });
  const window = {
    URL,
    location: new URL("http://127.0.0.1:8000/levels/"),
    matchMedia: (query) => ({ matches: query.includes("light") }),
    document: {
      currentScript: { dataset: { scope: "/" } },
      querySelector: (selector) => (!inputs ? null : selector.includes("light") ? input("(prefers-color-scheme: light)", "default") : input("(prefers-color-scheme: dark)", "slate")),
      body: {
        setAttribute(name, value) {
          // As browsers do: a name that is not an XML name throws InvalidCharacterError.
          if (!VALID_NAME.test(name)) throw new DOMException(`'${name}' is not a valid attribute name.`, "InvalidCharacterError");
          attributes.set(name, String(value));
        },
      },
    },
  };
  window.window = window;
  install(window);
  vm.createContext(window);
  vm.runInContext(source("theme-base.js"), window);
  return { window, attributes, run: (name) => vm.runInContext(source(name), window) };
}

describe("the theme's storage helpers never throw", () => {
  for (const [what, install] of REFUSALS) {
    test(`${what}: __md_get reads nothing, __md_set saves nothing, the palette script runs`, () => {
      const theme = themeWindow(install);
      assert.equal(vm.runInContext('__md_get("__palette")', theme.window), null);
      assert.equal(vm.runInContext('__md_set("__palette", {index: 1, color: {scheme: "slate"}})', theme.window), false);
      assert.equal(vm.runInContext('__md_get("__tabs", undefined)', theme.window), null);
      theme.run("theme-palette.js");
      assert.equal(theme.attributes.size, 0);
    });
  }

  test("working storage: a palette saved by the theme is restored before paint", () => {
    const storage = new MemoryStorage();
    const theme = themeWindow((w) => { w.localStorage = storage; });
    const palette = { index: 1, color: { media: "(prefers-color-scheme: dark)", scheme: "slate", primary: "indigo", accent: "indigo" } };
    assert.equal(vm.runInContext(`__md_set("__palette", ${JSON.stringify(palette)})`, theme.window), true);
    assert.equal(storage.getItem("/.__palette"), JSON.stringify(palette));
    assert.deepEqual(JSON.parse(JSON.stringify(vm.runInContext('__md_get("__palette")', theme.window))), palette);
    theme.run("theme-palette.js");
    assert.equal(theme.attributes.get("data-md-color-scheme"), "slate");
    assert.equal(theme.attributes.get("data-md-color-media"), "(prefers-color-scheme: dark)");
  });

  test("an explicit storage argument is used (the bundle passes sessionStorage)", () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const theme = themeWindow((w) => { w.localStorage = local; w.session = session; });
    vm.runInContext('__md_set("__outdated", true, session)', theme.window);
    assert.equal(session.getItem("/.__outdated"), "true");
    assert.equal(local.getItem("/.__outdated"), null);
    assert.equal(vm.runInContext('__md_get("__outdated", session)', theme.window), true);
  });
});

// Saved palettes the theme's code cannot use: [what, saved text]. Each must read as
// nothing saved, so neither theme-palette.js nor the bundle's toggle trips over it.
const ODD_PALETTES = [
  ["an index that is a string", '{"index":"dark","color":{"scheme":"slate"}}'],
  ["no index", '{"color":{"scheme":"slate"}}'],
  ["a negative index", '{"index":-1,"color":{"scheme":"slate"}}'],
  ["a fractional index", '{"index":0.5,"color":{"scheme":"slate"}}'],
  ["a color key that is not an attribute name", '{"index":0,"color":{"bad key":"x"}}'],
  ["a color key with markup", '{"index":0,"color":{"<img src=x onerror=alert(1)>":"x"}}'],
  ["an unknown color key", '{"index":0,"color":{"onclick":"alert(1)"}}'],
  ["a color value that is an object", '{"index":0,"color":{"scheme":{"toString":1}}}'],
  ["a color value that is very long", JSON.stringify({ index: 0, color: { scheme: "x".repeat(1000) } })],
  ["color as a string", '{"index":0,"color":"slate"}'],
  ["color as an array", '{"index":0,"color":["slate"]}'],
  ["a number", "5"],
  ["a string", '"slate"'],
  ["an array", "[0]"],
  ["true", "true"],
  ["not JSON", "{index: 0"],
  ["__proto__ as color key", '{"index":0,"color":{"__proto__":{"scheme":"slate"}}}'],
  ["deeply nested", `{"index":0,"color":${"[".repeat(5000)}${"]".repeat(5000)}}`],
];

describe("an odd saved palette reads as nothing saved, and the palette script never throws", () => {
  for (const [what, text] of ODD_PALETTES) {
    test(what, () => {
      const storage = new MemoryStorage();
      storage.setItem("/.__palette", text);
      const theme = themeWindow((w) => { w.localStorage = storage; });
      assert.equal(vm.runInContext('__md_get("__palette")', theme.window), null);
      theme.run("theme-palette.js");
      assert.equal(theme.attributes.size, 0);
    });
  }

  test("a palette that follows the system, with no toggle on the page, is left alone", () => {
    const storage = new MemoryStorage();
    storage.setItem("/.__palette", '{"index":0,"color":{"media":"(prefers-color-scheme)"}}');
    const theme = themeWindow((w) => { w.localStorage = storage; }, { inputs: false });
    theme.run("theme-palette.js");
    assert.equal(theme.attributes.size, 0);
  });

  for (const [key, text] of [["__tabs", '"not a list"'], ["__tabs", "[1,2]"], ["__announce", '"x"'], ["__outdated", '"yes"'], ["__consent", "[]"]]) {
    test(`${key} saved as ${text} reads as nothing saved`, () => {
      const storage = new MemoryStorage();
      storage.setItem(`/.${key}`, text);
      const theme = themeWindow((w) => { w.localStorage = storage; });
      assert.equal(vm.runInContext(`__md_get(${JSON.stringify(key)})`, theme.window), null);
    });
  }
});
