// @ts-check
/* The page controller: makes widgets live on the book page.
 *
 * Each [data-inpage-widget] container (companion_tools/sphinx/inpage/containers.py)
 * holds the widget's kernel-free view, a button, a status line and the widget
 * cells' code (container.js drives one). Nothing heavy loads with the page:
 * pressing the button (or, when the reader chose so, opening a widget page)
 * loads the widget bundle (loader.js) and starts one Python in a worker
 * (channel.js, ../worker.js). The real widget then replaces the stand-in in
 * place. Python may also start early, when the page is idle and a widget is
 * near the screen (not when the browser saves data).
 *
 * What the reader does to a live widget is kept in this browser only
 * (storage.js) and replayed when it goes live again. A fault (no WebAssembly,
 * a file that does not load, a Python error) leaves the stand-in with one
 * plain sentence (sentences.js).
 *
 * Signals for readers' scripts and the tests (no private state is needed):
 * <html data-inpage-python="ready"> once Python is up; <html
 * data-inpage-early-start> what the early start decided; the container's
 * class lr-inpage-on once its widget is live; data-inpage-kept (entries) and
 * the event "lr-inpage:kept" each time a change was kept; the event
 * "lr-inpage:message" for each message to or from the worker (the widget
 * bundle's runtime.js). Options: options.js (window.lrInpageOptions, read once here).
 */
import protocolFile from "../../../learning_regions/inpage/protocol.json";
import { limit, make } from "../protocol.js";
import { firstControl, skipLink } from "./a11y.js";
import { openChannel } from "./channel.js";
import { WidgetContainer } from "./container.js";
import { loadBundle } from "./loader.js";
import { readOptions } from "./options.js";
import * as say from "./sentences.js";
import { KeptAnswers } from "./storage.js";

/** @typedef {import("../protocol.js").Protocol} Protocol */
/** @typedef {import("./loader.js").Runtime} Runtime */
/** @typedef {import("./channel.js").Channel} Channel */

const PROTOCOL = /** @type {Protocol} */ (protocolFile);
const script = /** @type {HTMLScriptElement} */ (document.currentScript);
const here = script.src;
const config = script.dataset;
const options = readOptions(/** @type {any} */ (window).lrInpageOptions);
const store = storage();
const kept = new KeptAnswers(store, location.pathname, {
  kept_log_chars: limit(PROTOCOL, "kept_log_chars"), kept_text_chars: limit(PROTOCOL, "kept_text_chars"),
  log_entries: limit(PROTOCOL, "log_entries"), path_depth: limit(PROTOCOL, "path_depth"),
});
/** @type {Promise<Runtime> | null} */
let runtime = null; // one Python per page, shared by its widgets
/** @type {Map<string, WidgetContainer>} */
const containers = new Map();

/** @param {string} name */
function url(name) { return new URL(name, here).href; } // next to this script
/** @param {string} name */
function pageUrl(name) { return new URL(name, location.href).href; } // relative to the page

function storage() {
  try { return window.localStorage; } catch (error) { return null; }
}

/**
 * @param {string} type
 * @param {Record<string, unknown>} [fields]
 */
function toWorker(type, fields) { return make(PROTOCOL, "page_to_worker", type, fields); }

function saveData() {
  const connection = /** @type {any} */ (navigator).connection;
  return Boolean(connection && connection.saveData);
}

/** The worker, started by an early start or a press; what it says before the
 * bundle has run is kept for the runtime (a worker's messages with no
 * listener are lost).
 * @type {{worker: Channel, said: (MessageEvent | ErrorEvent)[], startedAt: number} | null} */
let early = null;

function startPython() {
  if (early) return early;
  /** @type {{worker: Channel, said: (MessageEvent | ErrorEvent)[], startedAt: number}} */
  const started = {
    worker: openChannel({
      script: url(config.worker || ""), name: "learning-regions " + config.runtime,
      dedicatedWorker: options.dedicatedWorker, heardWithinMs: options.heardWithinMs,
      bye: () => toWorker("bye"),
    }),
    said: [],
    startedAt: performance.now(),
  };
  started.worker.onmessage = function (event) {
    started.said.push(event);
    if (event.data && event.data.type === "ready") document.documentElement.dataset.inpagePython = "ready";
  };
  started.worker.onerror = function (event) { event.preventDefault(); started.said.push(event); };
  /** @type {Record<string, unknown>} */
  const start = {
    pyodideUrl: pageUrl(config.pyodide || ""), lockFileURL: pageUrl(config.lock || ""),
    packages: (config.packages || "").split(","),
  };
  // How long a shared Python outlives its last page (the worker's own default otherwise).
  if (options.idleCloseMs !== undefined) start.idleCloseMs = options.idleCloseMs;
  // The site's colour (companion_colour), which the readers' own marks in the charts take.
  if (config.accent) start.accent = config.accent;
  started.worker.postMessage(toWorker("start", start));
  early = started;
  return started;
}

/** Python stopped for good (or never started): the next press starts anew.
 * @param {{worker: Channel}} python */
function forget(python) {
  runtime = null;
  python.worker.close();
  if (early === python) early = null;
}

function startRuntime() {
  if (runtime) return runtime;
  if (typeof WebAssembly !== "object") {
    return Promise.reject(Object.assign(new Error("no WebAssembly"), { stage: "wasm" }));
  }
  // Python starts at once (or started early), in parallel with the widget
  // bundle and plotly.js: the worker needs neither.
  const python = startPython();
  const helpers = /** @type {any} */ (window).LearningRegionsCharts;
  if (helpers) helpers.withPlotly(function () {}, function () {});
  const starting = loadBundle(url(config.css || ""), url(config.bundle || "")).then(function (bundle) {
    const started = bundle.start({
      worker: python.worker,
      said: python.said,
      startedAt: python.startedAt,
      onKeep: (key, log) => { const container = containers.get(key); if (container) container.keep(log); },
      onError: function (message) {
        console.warn("learning-regions: Python could not handle a change:", message);
        containers.forEach((c) => { if (c.live) c.tell(say.PYTHON_PROBLEM, true); });
      },
      onStopped: function (message) {
        console.warn("learning-regions: Python stopped:", message);
        forget(python);
        containers.forEach((c) => c.stopped());
      },
    });
    bundle.runtime = started; // for the benchmark and readers' scripts
    return started.ready;
  });
  starting.catch(() => forget(python));
  runtime = starting;
  return starting;
}

/** @param {HTMLElement[]} list */
function startWhenNear(list) {
  // Early start: once the page has loaded and is idle, and a widget is within
  // a screen's height of the view, Python starts in the background, so that
  // the press mostly shows what is ready. Only the worker: plotly.js and the
  // widget bundle would be long tasks on the page's own thread (Lighthouse
  // counted them as blocking time); they load at the press.
  if (!list.length || !("IntersectionObserver" in window)) return "off: not supported";
  /** @param {() => void} callback */
  function idle(callback) {
    if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 3000 });
    else setTimeout(callback, 1500);
  }
  function watch() {
    const observer = new IntersectionObserver(function (entries) {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      idle(function () {
        if (typeof WebAssembly !== "object") return;
        startPython();
        document.documentElement.dataset.inpageEarlyStart = "started";
      });
    }, { rootMargin: "100% 0px" });
    list.forEach((container) => observer.observe(container));
  }
  if (document.readyState === "complete") idle(watch);
  else window.addEventListener("load", () => idle(watch), { once: true });
  return "waiting";
}

const elements = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll("[data-inpage-widget]")));
elements.forEach(function (element, index) {
  const container = new WidgetContainer(element, {
    kept: kept, startRuntime: startRuntime, textChars: limit(PROTOCOL, "text_chars"),
  });
  containers.set(container.key, container);
  // A hand on the button: start Python while the reader decides.
  container.button.addEventListener("pointerenter", function () { if (!saveData()) startRuntime().catch(function () {}); });
  if (!element.id) element.id = "lr-inpage-widget-" + (index + 1);
  skipLink(element, elements.length > 1 ? "Skip to widget " + (index + 1) : "Skip to the widget",
    () => (container.live && firstControl(container.slot)) || container.button);
});

// Another tab of this page kept (or cleared) a widget's answers.
window.addEventListener("storage", function (event) {
  if (store === null || event.storageArea !== store) return;
  const widget = kept.widgetOf(event.key);
  const container = widget === null ? undefined : containers.get(widget);
  if (container) container.changedElsewhere(event.newValue);
});

/** What the early start decided (a signal for the tests and readers' scripts). */
let earlyStart = "off: save-data";
if (kept.autoStart() && !saveData()) {
  earlyStart = "off: the reader starts widgets by themselves";
  containers.forEach((container) => container.goLive(false));
} else if (!saveData()) {
  earlyStart = options.earlyStart ? startWhenNear(elements) : "off: option";
}
document.documentElement.dataset.inpageEarlyStart = earlyStart;
