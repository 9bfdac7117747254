// @ts-check
/* The widget bundle (inpage-widgets-<digest>.js/.css: the Jupyter widgets
 * HTML manager, frontend/src/widgets/), loaded once, only when a widget goes
 * live: it is a long task on the page's thread, so an early start leaves it
 * for the press. */

/**
 * @typedef {import("../widgets/runtime.js").Runtime} Runtime
 * @typedef {{start: (options: import("../widgets/runtime.js").RuntimeOptions) => Runtime,
 *            timing: Record<string, number>, runtime?: Runtime}} WidgetsBundle
 */

/** @type {Promise<WidgetsBundle> | null} */
let loading = null;

/**
 * Load the bundle's CSS and script (once; again after a failure).
 * @param {string} cssUrl
 * @param {string} jsUrl
 * @returns {Promise<WidgetsBundle>}
 */
export function loadBundle(cssUrl, jsUrl) {
  if (loading) return loading;
  loading = new Promise(function (resolve, reject) {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = cssUrl;
    document.head.appendChild(css);
    const tag = document.createElement("script");
    tag.src = jsUrl;
    tag.onload = function () { resolve(/** @type {any} */ (window).LearningRegionsInpage); };
    tag.onerror = function () {
      loading = null;
      reject(Object.assign(new Error("the widget bundle did not load"), { stage: "load" }));
    };
    document.head.appendChild(tag);
  });
  return loading;
}
