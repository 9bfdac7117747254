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
  return "Python could not be started here: a file of this site did not load. Check the connection and " +
    "press the button again; the view below still works.";
}

/**
 * A problem Python reported while the widget was live.
 * @param {string} message
 */
export function pythonProblem(message) {
  return "Python reported a problem (" + message + "); the widget may not respond. Reload the page to start again.";
}

/**
 * The widget is live.
 * @param {{restored: number}} result
 */
export function ready(result) {
  return result.restored ? "Ready. Your earlier answers on this page are back." : "Ready.";
}

export const STARTING = "Starting Python…";
export const LIVE_BUTTON = "Live: Python runs in this browser";
export const CLEARING = "Clearing your answers…";
export const CLEARED_OFF = "Your answers on this page were cleared.";
export const CLEARED_ON = "Your answers on this page were cleared; the widget starts afresh.";
