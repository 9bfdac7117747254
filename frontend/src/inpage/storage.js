// @ts-check
/* The reader's kept answers: where they are stored and what a kept log may be.
 *
 * What the reader does to a live widget is logged by Python (the widget's
 * place in its tree and the change or click, learning_regions/inpage/session.py)
 * and kept here, in the browser's localStorage, per page and widget. Nothing
 * here touches the DOM: the store is any object with localStorage's
 * getItem/setItem/removeItem (the tests give a Map-backed one).
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
 * @typedef {{getItem(key: string): string | null, setItem(key: string, value: string): void, removeItem(key: string): void}} Store
 */

/** The page's kept answers, over a Store (or none: private mode, storage blocked). */
export class KeptAnswers {
  /**
   * @param {Store | null} store
   * @param {string} pathname
   */
  constructor(store, pathname) {
    this.store = store;
    this.pathname = pathname;
  }

  /**
   * A widget's kept log as JSON text ("[]" when nothing is kept or storage is unavailable).
   * @param {string} widget
   */
  text(widget) {
    try {
      return (this.store && this.store.getItem(keptKey(this.pathname, widget))) || "[]";
    } catch (error) {
      return "[]";
    }
  }

  /**
   * Keep a widget's log (an empty log forgets it).
   * @param {string} widget
   * @param {unknown[]} log
   * @returns {boolean} whether it was kept
   */
  keep(widget, log) {
    if (!this.store) return false;
    try {
      if (log.length) this.store.setItem(keptKey(this.pathname, widget), JSON.stringify(log));
      else this.store.removeItem(keptKey(this.pathname, widget));
      return true;
    } catch (error) {
      return false; // private mode or full: the widget still works, nothing is kept
    }
  }

  /** Whether the reader chose to start Python by itself on widget pages. */
  autoStart() {
    try {
      return Boolean(this.store && this.store.getItem(AUTO_KEY) === "yes");
    } catch (error) {
      return false;
    }
  }

  /** @param {boolean} on */
  setAutoStart(on) {
    try {
      if (!this.store) return;
      if (on) this.store.setItem(AUTO_KEY, "yes");
      else this.store.removeItem(AUTO_KEY);
    } catch (error) { /* not kept */ }
  }
}
