// @ts-check
/* The widgets' front end on the book page: the Jupyter widgets HTML manager
 * talking to the Python in ../worker.js, with no kernel in between.
 *
 * This is the entry of a bundle that frontend/build.mjs makes with the pinned
 * esbuild from the pinned npm packages (inpage-widgets-<digest>.js/.css); it
 * defines window.LearningRegionsInpage. The page controller (../inpage/)
 * loads it only when the reader asks for a live widget.
 *
 * - runtime.js: the worker's messages, the widgets built so far;
 * - comm.js: a kernel comm whose messages go to the worker;
 * - manager.js: the HTML manager with that comm;
 * - plotly.js: Plotly figures in an Output, drawn with the page's plotly.js.
 * After the worker has handled a message it says "idle", and the message's
 * iopub status callback is called: the manager sends a control's next change
 * only after that (otherwise only the first change would go out).
 */
import { Runtime } from "./runtime.js";
import { timing } from "./plotly.js";
import "@jupyter-widgets/controls/css/widgets-base.css";
import "@jupyter-widgets/controls/css/labvariables.css";

/** @type {any} */ (window).LearningRegionsInpage = {
  /** @param {import("./runtime.js").RuntimeOptions} options */
  start: (options) => new Runtime(options),
  timing: timing,
};
