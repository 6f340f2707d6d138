/*
 * The one way this site's modules touch Web Storage (the theme's classic scripts have
 * their twin in theme-base.js, which must run before any module can).
 *
 * Browsers may refuse storage in several places, and each must be survived:
 *   - reading `window.localStorage` itself throws (SecurityError: storage blocked for
 *     the site, some private modes, sandboxed frames), on every access;
 *   - `getItem`/`setItem`/`removeItem` throw (disabled, QuotaExceededError when full);
 *   - the property is missing or not a Storage at all.
 *
 * Invariants: nothing here throws; the storage object is looked up anew on every call
 * (never cached at load, when it may throw and later work, or the other way round);
 * every call answers {ok: true, value} or {ok: false, error}, where `error` is an Error
 * (or DOMException) whose `name` can be shown to a person. Values are strings in and
 * out, exactly as Storage keeps them; parsing them is the readers' job (answers.js).
 */

/** The storage area `name` ("localStorage" or "sessionStorage") of `host`, or an error. */
function area(name, host) {
  try {
    const storage = host[name];
    if (storage && typeof storage.getItem === "function") return { ok: true, value: storage };
    return { ok: false, error: new TypeError(`${name} is not available`) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Run `use(storage)` against the area, turning any exception into {ok: false, error}. */
function attempt(name, host, use) {
  const found = area(name, host);
  if (!found.ok) return found;
  try {
    return { ok: true, value: use(found.value) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * A safe handle on one storage area. `host` is `globalThis` in the page (tests pass a
 * stand-in). The handle holds no state of its own.
 */
export function openStorage(name = "localStorage", host = globalThis) {
  return Object.freeze({
    /** {ok, value}: the saved string, or null when nothing is saved under `key`. */
    read: (key) => attempt(name, host, (storage) => storage.getItem(key)),
    /** {ok}: `text` saved under `key`. */
    write: (key, text) => attempt(name, host, (storage) => void storage.setItem(key, text)),
    /** {ok}: nothing saved under `key` any more. */
    remove: (key) => attempt(name, host, (storage) => void storage.removeItem(key)),
    /** Whether a `storage` event's storageArea is this area (false when it cannot be told). */
    holds: (storageArea) => {
      const found = area(name, host);
      return found.ok && storageArea === found.value;
    },
  });
}
