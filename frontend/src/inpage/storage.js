// @ts-check
/* The reader's kept answers: where they are stored and what a kept log may be.
 *
 * What the reader does to a live widget is logged by Python (the widget's
 * place in its tree and the change or click, learning_regions/inpage/session.py)
 * and kept here, in the browser's localStorage, per page and widget, as
 * {"v": 1, "at": <ms>, "log": [...]} (an older copy holds the bare list).
 * Nothing here touches the DOM: the store is any object with localStorage's
 * getItem/setItem/removeItem (the tests give a Map-backed one).
 *
 * A kept log is checked before it is sent to Python (logProblem: its size, its
 * shape, each entry's; Python then checks each entry against the widget at
 * its path). One that fails is never deleted: it is set aside under a key of
 * its own, which the reader can remove.
 */

/** Where the reader's choice to start Python by itself on widget pages is kept. */
export const AUTO_KEY = "lr-inpage:auto";

/**
 * The storage key of a widget's kept log on a page.
 * @param {string} pathname the page's location.pathname
 * @param {string} widget the container's data-inpage-widget
 */
export function keptKey(pathname, widget) {
  return "lr-inpage:" + pathname + ":" + widget;
}

/**
 * Where a kept log that could not be replayed is set aside.
 * @param {string} pathname
 * @param {string} widget
 */
export function asideKey(pathname, widget) {
  return "lr-inpage-aside:" + pathname + ":" + widget;
}

/** @typedef {{kept_log_chars: number, kept_text_chars: number, log_entries: number, path_depth: number}} Limits */

const PATH = /^(?:\d{1,4}(?:\.\d{1,4})*)?$/;

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @param {unknown} value */
function isScalar(value) {
  return value === null || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

/**
 * @param {Record<string, unknown>} object
 * @param {string[]} keys
 */
function hasExactly(object, keys) {
  const own = Object.keys(object);
  return own.length === keys.length && keys.every((k) => own.includes(k));
}

/**
 * Why `entry` is not a log entry a reader's action could have made (null if it is).
 * @param {unknown} entry
 * @param {Limits} limits
 * @returns {string | null}
 */
export function entryProblem(entry, limits) {
  if (!isObject(entry) || !hasExactly(entry, ["path", "data"])) return "an entry is not {path, data}";
  const path = entry.path;
  if (typeof path !== "string" || !PATH.test(path) || path.split(".").length > limits.path_depth) {
    return "an entry's path is not a widget's place";
  }
  const data = entry.data;
  if (!isObject(data)) return "an entry's data is not an object";
  if (data.method === "custom") {
    const content = data.content;
    return hasExactly(data, ["method", "content"]) && isObject(content) && hasExactly(content, ["event"]) &&
      content.event === "click" ? null : "an entry is a message no reader sends";
  }
  if (data.method !== "update" || !hasExactly(data, ["method", "state"]) || !isObject(data.state)) {
    return "an entry is a message no reader sends";
  }
  const keys = Object.keys(data.state);
  if (keys.length !== 1 || (keys[0] !== "value" && keys[0] !== "index")) return "an entry sets what no reader sets";
  const value = data.state[keys[0]];
  if (typeof value === "string") return value.length <= limits.kept_text_chars ? null : "an entry's text is too long";
  if (isScalar(value)) return null;
  if (Array.isArray(value) && value.length <= 64 && value.every(isScalar)) return null;
  return "an entry's value is not a number, a choice, a yes/no or a text";
}

/**
 * Why `log` cannot be replayed (null if it may be: Python checks it further).
 * @param {unknown} log
 * @param {Limits} limits
 * @returns {string | null}
 */
export function logProblem(log, limits) {
  if (!Array.isArray(log)) return "the kept answers are not a list";
  if (log.length > limits.log_entries) return "the kept answers are too many";
  for (const entry of log) {
    const problem = entryProblem(entry, limits);
    if (problem) return problem;
  }
  return null;
}

/**
 * @typedef {{log: unknown[], at: number | null, problem: string | null}} Kept
 */

/**
 * A kept text (null: nothing kept) read and checked.
 * @param {string | null} text
 * @param {Limits} limits
 * @returns {Kept}
 */
export function readKept(text, limits) {
  if (text === null || text === "") return { log: [], at: null, problem: null };
  if (text.length > limits.kept_log_chars) return { log: [], at: null, problem: "the kept answers are too long" };
  /** @type {unknown} */
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { log: [], at: null, problem: "the kept answers are not JSON" };
  }
  const record = isObject(value) && value.v === 1 ? value : { log: value, at: null };
  const at = typeof record.at === "number" && Number.isFinite(record.at) ? record.at : null;
  const problem = logProblem(record.log, limits);
  return problem ? { log: [], at: null, problem: problem } : { log: /** @type {unknown[]} */ (record.log), at: at, problem: null };
}

/**
 * The text a log is kept as.
 * @param {unknown[]} log
 * @param {number} at when (ms since the epoch)
 */
export function keptText(log, at) {
  return JSON.stringify({ v: 1, at: at, log: log });
}

/**
 * @typedef {{getItem(key: string): string | null, setItem(key: string, value: string): void, removeItem(key: string): void}} Store
 * @typedef {"kept" | "full" | "unavailable" | "displaced"} KeepResult
 */

/** The page's kept answers, over a Store (or none: private mode, storage blocked). */
export class KeptAnswers {
  /**
   * @param {Store | null} store
   * @param {string} pathname
   * @param {Limits} limits
   * @param {() => number} [now]
   */
  constructor(store, pathname, limits, now) {
    this.store = store;
    this.pathname = pathname;
    this.limits = limits;
    this.now = now || Date.now;
    /** @type {Set<string>} widgets whose kept log another tab changed since this tab last kept it */
    this.displaced = new Set();
  }

  /** @param {string} key */
  get(key) {
    try {
      return this.store ? this.store.getItem(key) : null;
    } catch (error) {
      return null;
    }
  }

  /**
   * A widget's kept log, checked.
   * @param {string} widget
   * @returns {Kept & {text: string | null}}
   */
  read(widget) {
    const text = this.get(keptKey(this.pathname, widget));
    return Object.assign(readKept(text, this.limits), { text: text });
  }

  /**
   * Keep a widget's log (an empty log forgets it). A tab that another tab
   * overwrote keeps nothing more (it would silently undo that tab's work).
   * @param {string} widget
   * @param {unknown[]} log
   * @returns {KeepResult}
   */
  keep(widget, log) {
    if (!this.store) return "unavailable";
    if (this.displaced.has(widget)) return "displaced";
    const key = keptKey(this.pathname, widget);
    try {
      if (log.length) this.store.setItem(key, keptText(log, this.now()));
      else this.store.removeItem(key);
      return "kept";
    } catch (error) {
      return isQuotaError(error) ? "full" : "unavailable";
    }
  }

  /**
   * Another tab changed (or removed) this widget's kept log.
   * @param {string} widget
   */
  displace(widget) { this.displaced.add(widget); }

  /**
   * Set a widget's kept text aside (not deleted: the reader may remove it),
   * and forget it under its usual key.
   * @param {string} widget
   * @param {string} text
   * @returns {boolean} whether the copy was kept aside
   */
  setAside(widget, text) {
    if (!this.store) return false;
    try {
      this.store.setItem(asideKey(this.pathname, widget), text);
    } catch (error) {
      return false; // full: it stays where it was
    }
    try { this.store.removeItem(keptKey(this.pathname, widget)); } catch (error) { /* kept where it was */ }
    return true;
  }

  /** @param {string} widget */
  hasAside(widget) { return this.get(asideKey(this.pathname, widget)) !== null; }

  /** @param {string} widget */
  removeAside(widget) {
    try { if (this.store) this.store.removeItem(asideKey(this.pathname, widget)); } catch (error) { /* nothing */ }
  }

  /**
   * Forget a widget's kept log; returns what it was (for an undo).
   * @param {string} widget
   * @returns {string | null}
   */
  clear(widget) {
    const key = keptKey(this.pathname, widget);
    const text = this.get(key);
    try { if (this.store) this.store.removeItem(key); } catch (error) { /* nothing kept anyway */ }
    this.displaced.delete(widget);
    return text;
  }

  /**
   * Put back what clear() returned.
   * @param {string} widget
   * @param {string} text
   * @returns {boolean}
   */
  restore(widget, text) {
    try {
      if (!this.store) return false;
      this.store.setItem(keptKey(this.pathname, widget), text);
      return true;
    } catch (error) {
      return false;
    }
  }

  /**
   * The widget a storage key is the kept log of, on this page (null: another key).
   * @param {string | null} key
   */
  widgetOf(key) {
    const prefix = keptKey(this.pathname, "");
    return key && key.startsWith(prefix) ? key.slice(prefix.length) : null;
  }

  /** Whether the reader chose to start Python by itself on widget pages. */
  autoStart() { return this.get(AUTO_KEY) === "yes"; }

  /** @param {boolean} on */
  setAutoStart(on) {
    try {
      if (!this.store) return;
      if (on) this.store.setItem(AUTO_KEY, "yes");
      else this.store.removeItem(AUTO_KEY);
    } catch (error) { /* not kept */ }
  }
}

/** @param {unknown} error */
export function isQuotaError(error) {
  const name = error && /** @type {{name?: string}} */ (error).name;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED";
}
