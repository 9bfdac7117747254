// @ts-check
/* What the bar above a widget says to the reader: one plain sentence per
 * situation, no stack traces, no Python names. */

/**
 * Why the widget could not go live, for the reader.
 * @param {{stage?: string, message?: string} | null | undefined} error
 */
export function failure(error) {
  const stage = error && error.stage;
  if (stage === "wasm") {
    return "This browser cannot run Python in the page (it has no WebAssembly). The view below works " +
      "without it; for the real widget, use the notebook in JupyterLab.";
  }
  if (stage === "python") {
    return "The widget could not start in this browser (Python said: " + ((error && error.message) || "nothing") +
      "). The view below still works; the notebook in JupyterLab has the real widget.";
  }
  if (stage === "stopped") return STOPPED;
  return "Python could not be started here: a file of this site did not load. Check the connection and " +
    "press the button again; the view below still works.";
}

/** Python raised while handling a change (the details go to the console, not to the reader). */
export const PYTHON_PROBLEM = "Python could not handle that change, so the widget may not respond. " +
  "Reload the page to start again; the answers kept so far stay.";

export const STOPPED = "Python stopped working in this tab (it was given more than it could hold). " +
  "Press the button to start it again; the answers kept so far are safe.";

/**
 * When answers were kept, in the reader's words and time zone.
 * @param {number | null} at ms since the epoch
 */
export function keptAt(at) {
  if (at === null) return "";
  const date = new Date(at);
  const today = new Date().toDateString() === date.toDateString();
  const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return " (kept " + (today ? "today at " + time : "on " + date.toLocaleDateString() + " at " + time) + ")";
}

/**
 * The widget is live (its kept answers back, or set aside; the focus on it).
 * @param {{restored: number, at: number | null, focused: boolean, setAside?: boolean}} how
 */
export function ready(how) {
  const focus = how.focused ? " The keyboard focus went to the widget's first control." : "";
  if (how.setAside) return SET_ASIDE + focus;
  return "Ready." + (how.restored ? " Your answers kept in this browser are back" + keptAt(how.at) + "." : "") + focus;
}

/** After a reload: what is kept, and how to get it back. */
export const KEPT_HINT = "Your answers on this page are kept in this browser: press “Make this widget live” " +
  "to bring them back.";

export const SET_ASIDE = "Ready, afresh: your earlier answers on this page could not be brought back (they were " +
  "damaged, or made by another version of the widget). They were kept aside in this browser; " +
  "“Remove the set-aside answers” deletes them.";

export const ASIDE_REMOVED = "The set-aside answers were removed from this browser.";

/**
 * A paste or an edit refused before it reached Python.
 * @param {number} length
 * @param {number} most
 */
export function tooLong(length, most) {
  return "That text is too long for this widget (" + length.toLocaleString("en") + " characters; it takes at most " +
    most.toLocaleString("en") + "). Nothing was pasted.";
}

export const DISPLACED = "This page is open in another tab too, and the answers kept now are the ones from there: " +
  "what you do in this tab is no longer kept. Reload this tab to continue from those answers.";

export const DISPLACED_CLEARED = "Your answers on this page were cleared in another tab: what you do in this tab " +
  "is no longer kept. Reload this tab to start afresh.";

export const FULL = "Your answers can no longer be kept in this browser: its storage for this site is full. " +
  "They stay while this page is open; to keep them, export them (the profiler's Export box) or note them down " +
  "before you leave, and clear the answers you no longer need on other pages.";

export const UNAVAILABLE = "This browser keeps nothing for this site (private mode, or storage switched off): " +
  "your answers stay only while this page is open.";

export const STARTING = "Starting Python…";
export const LIVE_BUTTON = "Live: Python runs in this browser";
export const START_BUTTON = "Make this widget live";
export const CONFIRM_CLEAR = "Clear your answers on this page? The widget starts afresh.";
export const CLEARING = "Clearing your answers…";
export const RESTORING = "Bringing your answers back…";
export const CLEARED = "Your answers on this page were cleared. “Undo” brings them back.";
export const UNDONE = "Your answers are back.";
export const UNDO_FAILED = "Your answers could not be put back: this browser's storage for this site is full.";

/**
 * What the drop zone of a live widget with a file button says while files are dragged over it.
 * @param {string} label the file button's label
 * @param {boolean} multiple whether it takes several files at once
 */
export function dropHere(label, multiple) {
  return (multiple ? "Drop the files here to load them" : "Drop the file here to load it") +
    " (the button “" + label + "” does the same from the keyboard)";
}

/**
 * Files dropped on a live widget, handed to its file button.
 * @param {number} count
 * @param {string} label
 */
export function dropped(count, label) {
  return (count === 1 ? "1 file" : count.toLocaleString("en") + " files") + " dropped on the widget: it reads " +
    (count === 1 ? "it" : "them") + " as if chosen with “" + label + "”.";
}

/**
 * Several files dropped on a widget that takes one at a time.
 * @param {number} count
 * @param {string} label
 */
export function oneFileOnly(count, label) {
  return count.toLocaleString("en") + " files were dropped, but “" + label + "” takes one file at a time, so " +
    "nothing was loaded. Drop one file, or choose it with the button.";
}

/** @param {string} label */
export function cannotTakeFiles(label) {
  return "“" + label + "” cannot take files just now, so the files dropped were not loaded.";
}

export const NO_FILES_DROPPED = "What was dropped holds no file, so nothing was loaded.";
