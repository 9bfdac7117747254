// @ts-check
/* The button that makes a widget live on the book page (the page controller).
 *
 * Each [data-inpage-widget] container (written by
 * companion_tools/sphinx/inpage/containers.py) holds the widget's kernel-free
 * view, a button, a status line and the widget cells' code. Nothing heavy
 * loads with the page: pressing the button (or, when the reader chose so,
 * opening a widget page) loads the widget bundle (loader.js) and starts one
 * Python in a worker (channel.js, ../worker.js). The real widget then
 * replaces the stand-in in place. Python may also start early, when the page
 * is idle and a widget is near the screen (not when the browser saves data).
 *
 * What the reader does to a live widget is kept in this browser only
 * (storage.js) and replayed when it goes live again; "Clear my answers"
 * forgets it. A fault (no WebAssembly, a file that does not load, a Python
 * error) leaves the stand-in with one plain sentence (sentences.js).
 *
 * Signals for readers' scripts and the tests (no private state is needed):
 * <html data-inpage-python="ready"> once Python is up; the container's class
 * lr-inpage-on once its widget is live, data-inpage-kept (entries) and the
 * event "lr-inpage:kept" each time a change was kept; <html
 * data-inpage-early-start> says what the early start decided. Options:
 * options.js (window.lrInpageOptions, read once here).
 */
import protocolFile from "../../../learning_regions/inpage/protocol.json";
import { make } from "../protocol.js";
import { blobLinks, nameSliders } from "./a11y.js";
import { openChannel } from "./channel.js";
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
const kept = new KeptAnswers(storage(), location.pathname);
/** @type {Promise<Runtime> | null} */
let runtime = null; // one Python per page, shared by its widgets

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

/** @param {string} key */
function containerOf(key) {
  return /** @type {HTMLElement | null} */ (document.querySelector('[data-inpage-widget="' + CSS.escape(key) + '"]'));
}

/**
 * Python logged what the reader did to a widget: keep it.
 * @param {string} key
 * @param {unknown[]} log
 */
function keep(key, log) {
  kept.keep(key, log);
  const container = containerOf(key);
  if (!container) return;
  if (log.length) part(container, ".lr-inpage-clear").hidden = false;
  container.dataset.inpageKept = String(log.length);
  container.dispatchEvent(new CustomEvent("lr-inpage:kept", { bubbles: true, detail: { entries: log.length } }));
}

function saveData() {
  const connection = /** @type {any} */ (navigator).connection;
  return Boolean(connection && connection.saveData);
}

/**
 * @param {HTMLElement} container
 * @param {string} selector
 */
function part(container, selector) {
  return /** @type {HTMLElement} */ (container.querySelector(selector));
}

/**
 * @param {HTMLElement} container
 * @param {string} text
 * @param {boolean} [failed]
 */
function tell(container, text, failed) {
  const status = part(container, ".lr-inpage-status");
  status.textContent = text;
  status.classList.toggle("lr-inpage-failed", Boolean(failed));
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
  started.worker.postMessage(toWorker("start", start));
  early = started;
  return started;
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
      onKeep: keep,
      onError: function (message) {
        document.querySelectorAll("[data-inpage-widget].lr-inpage-on").forEach(function (c) {
          tell(/** @type {HTMLElement} */ (c), say.pythonProblem(message), true);
        });
      },
    });
    bundle.runtime = started; // for the benchmark and readers' scripts
    return started.ready;
  });
  starting.catch(function () {
    runtime = null;
    python.worker.close();
    if (early === python) early = null; // a new press starts a new worker
  });
  runtime = starting;
  return starting;
}

/**
 * @param {HTMLElement} container
 * @param {boolean} [focusAfter]
 */
function goLive(container, focusAfter) {
  if (container.classList.contains("lr-inpage-busy") || container.classList.contains("lr-inpage-on")) return;
  const button = part(container, ".lr-inpage-start");
  const slot = part(container, ".lr-inpage-slot");
  const standIn = part(container, ".lr-inpage-stand-in");
  const key = container.dataset.inpageWidget || "";
  const cells = JSON.parse(part(container, ".lr-inpage-cells").textContent || "[]");
  container.classList.add("lr-inpage-busy");
  button.setAttribute("aria-disabled", "true");
  tell(container, say.STARTING);
  const started = performance.now();
  startRuntime().then(function (live) {
    return live.build(key, cells, kept.text(key), slot);
  }).then(function (result) {
    const hadFocus = standIn.contains(document.activeElement);
    slot.hidden = false;
    standIn.hidden = true;
    container.classList.remove("lr-inpage-busy");
    container.classList.add("lr-inpage-on");
    container.dataset.inpageMs = String(Math.round(performance.now() - started));
    button.textContent = say.LIVE_BUTTON;
    part(container, ".lr-inpage-auto").hidden = false;
    if (result.restored) part(container, ".lr-inpage-clear").hidden = false;
    tell(container, say.ready(result));
    if (hadFocus || focusAfter) {
      const first = /** @type {HTMLElement | null} */ (slot.querySelector("input, select, textarea, button, [tabindex]"));
      if (first) first.focus();
    }
  }).catch(function (error) {
    container.classList.remove("lr-inpage-busy");
    button.removeAttribute("aria-disabled");
    tell(container, say.failure(error), true);
  });
}

/** @param {HTMLElement} container */
function clearAnswers(container) {
  const key = container.dataset.inpageWidget || "";
  keep(key, []);
  if (!container.classList.contains("lr-inpage-on")) {
    part(container, ".lr-inpage-clear").hidden = true;
    tell(container, say.CLEARED_OFF);
    return;
  }
  const cells = JSON.parse(part(container, ".lr-inpage-cells").textContent || "[]");
  tell(container, say.CLEARING);
  startRuntime().then(function (live) {
    return live.build(key, cells, "[]", part(container, ".lr-inpage-slot"));
  }).then(function () {
    tell(container, say.CLEARED_ON);
  }).catch(function (error) { tell(container, say.failure(error), true); });
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

const containers = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll("[data-inpage-widget]")));
containers.forEach(function (container) {
  const button = part(container, ".lr-inpage-start");
  const auto = /** @type {HTMLInputElement} */ (part(container, ".lr-inpage-auto input"));
  const slot = part(container, ".lr-inpage-slot");
  blobLinks(slot);
  nameSliders(slot);
  button.addEventListener("click", () => goLive(container));
  // A hand on the button: start Python while the reader decides.
  button.addEventListener("pointerenter", function () { if (!saveData()) startRuntime().catch(function () {}); });
  part(container, ".lr-inpage-clear").addEventListener("click", () => clearAnswers(container));
  if (kept.text(container.dataset.inpageWidget || "") !== "[]") part(container, ".lr-inpage-clear").hidden = false;
  auto.checked = kept.autoStart();
  auto.addEventListener("change", () => kept.setAutoStart(auto.checked));
});
/** What the early start decided (a signal for the tests and readers' scripts). */
let early_start = "off: save-data";
if (kept.autoStart() && !saveData()) {
  early_start = "off: the reader starts widgets by themselves";
  containers.forEach((container) => goLive(container));
} else if (!saveData()) {
  early_start = options.earlyStart ? startWhenNear(containers) : "off: option";
}
document.documentElement.dataset.inpageEarlyStart = early_start;
