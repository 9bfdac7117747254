// @ts-check
/* The book's Python: Pyodide in a module worker, started by the page
 * controller (inpage/index.js) when the reader asks for a live widget (or a
 * widget page is idle).
 *
 * One Python for the visit. The page opens this script as a SharedWorker
 * where the browser can keep one alive across the site's pages
 * (`extendedLifetime`): every widget page of the site, in every tab, is then
 * a client of the same Python, and a second widget page builds its widget at
 * once instead of starting Python again. Elsewhere it is a dedicated Worker
 * with the page as its only client. The code below is the same for both.
 *
 * Pyodide comes from the site's own files (the copy the live notebooks use,
 * live/static/pyodide/), with a lock file the build wrote for this runtime:
 * the companion's package, ipywidgets and a plotly wheel trimmed of its
 * JavaScript, and no IPython. The Python side of the bridge is
 * learning_regions/inpage/ (the runtime package); this file carries messages and routes
 * each of Python's answers to the page whose message (or build) it answers:
 * a page's widgets are its own, so whatever Python says while handling one
 * page's message is for that page.
 *
 * A SharedWorker with no page left for IDLE_CLOSE_MS (the reader is reading
 * elsewhere, or left the site) closes itself and gives its memory back, and
 * says so on the BroadcastChannel "learning-regions-inpage"; the next widget
 * page then starts Python again.
 *
 * The messages (both ways) are those of learning_regions/inpage/protocol.json:
 * each page message is checked against it, and each answer is made by it.
 * `at` is a wall-clock time in ms (timeOrigin + now), which the page turns
 * into its own clock.
 */
import protocolFile from "../../learning_regions/inpage/protocol.json";
import { make, problemWith } from "./protocol.js";

/** @typedef {import("./protocol.js").Protocol} Protocol */
/** @typedef {{postMessage: (message: any, transfer?: Transferable[]) => void}} Port */
/** @typedef {{port: Port, prefix: string}} Client */

const PROTOCOL = /** @type {Protocol} */ (protocolFile);
const scope = /** @type {any} */ (self);
const SHARED = typeof scope.SharedWorkerGlobalScope === "function" && self instanceof scope.SharedWorkerGlobalScope;
/** @type {any} */
let runtime = null; // learning_regions.inpage, once imported
/** @type {Promise<void> | null} */
let started = null; // the start-up, once asked for
let loaded = false; // start-up over (ready or failed)
let failedAlready = false; // a start-up fault was reported
/** @type {Set<Client>} */
const clients = new Set();
let nextClient = 0;
const IDLE_CLOSE_MS = 5 * 60 * 1000;
let idleCloseMs = IDLE_CLOSE_MS; // a start message may set another (the tests do)
/** @type {ReturnType<typeof setTimeout> | undefined} */
let idleTimer;
/** @type {Client | null} */
let current = null; // the client whose message Python is handling

function now() { return performance.timeOrigin + performance.now(); }

/**
 * A worker_to_page message, checked against the protocol.
 * @param {string} type
 * @param {Record<string, unknown>} [fields]
 */
function toPage(type, fields) { return make(PROTOCOL, "worker_to_page", type, fields); }

/**
 * @param {Client | null} client
 * @param {string} type
 * @param {Record<string, unknown>} [fields]
 * @param {Transferable[]} [transfer]
 */
function tell(client, type, fields, transfer) {
  if (client) client.port.postMessage(toPage(type, fields), transfer || []);
}

/**
 * @param {string} type
 * @param {Record<string, unknown>} [fields]
 */
function everyone(type, fields) {
  const message = toPage(type, fields);
  clients.forEach((client) => client.port.postMessage(message));
}

/** Close this shared worker, and say so to every page of the site.
 * @param {string} reason */
function closeShared(reason) {
  try {
    const channel = new BroadcastChannel("learning-regions-inpage");
    channel.postMessage(make(PROTOCOL, "worker_broadcast", "closed", { reason: reason }));
    channel.close();
  } catch (error) { /* no BroadcastChannel: nobody to tell */ }
  self.close();
}

/** @param {string} name */
function step(name) { everyone("step", { name: name, at: now() }); }

/**
 * Python's post: a message for the page whose message Python is handling.
 * @param {string} text
 * @param {any} buffers a Python list of bytes-like objects
 */
function post(text, buffers) {
  const list = buffers.toJs();
  buffers.destroy();
  /** @type {ArrayBuffer[]} */
  const arrays = list.map((/** @type {Uint8Array} */ b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  tell(current, "comm", { msg: text, buffers: arrays }, arrays);
}

/**
 * Pyodide loses some start-up failures (the wasm file not loading) in a
 * promise nobody awaits, and loadPyodide never settles: report them here.
 * @param {any} reason
 * @param {Event} [event]
 */
function startFailed(reason, event) {
  if (failedAlready) {
    if (event) event.preventDefault(); // the same fault surfacing again: said already
    return;
  }
  if (loaded) return;
  if (event) event.preventDefault(); // said in words on the page, not as an uncaught error
  failed({ stage: "load", message: String((reason && reason.message) || reason) });
}

/** @param {{stage: string, message: string}} fault */
function failed(fault) {
  loaded = true;
  failedAlready = true;
  everyone("failed", { stage: fault.stage, message: fault.message });
  // A Python that did not start serves nobody: the next press starts a new one.
  if (SHARED) closeShared("failed");
}

self.addEventListener("unhandledrejection", (event) => startFailed(event.reason, event));
// Pyodide only logs a wasm file that did not arrive ("wasm instantiation
// failed!") and then waits for ever: watch the start-up's own fetches, so that
// a runtime file that fails to load is reported at once.
const siteFetch = self.fetch.bind(self);
self.fetch = function (resource, init) {
  return siteFetch(resource, init).then(function (response) {
    if (!response.ok) startFailed(new Error(String(resource) + ": HTTP " + response.status));
    return response;
  }, function (error) {
    const where = resource instanceof Request ? resource.url : String(resource);
    startFailed(new Error(where + ": " + ((error && error.message) || error)));
    throw error;
  });
};
self.addEventListener("error", (event) => startFailed(event.message, event));

/** @param {string} url */
function fetchNow(url) {
  // A worker may fetch synchronously: Python's import cannot wait for a promise.
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(url + ": HTTP " + request.status);
  return new Uint8Array(request.response);
}

/** @param {{pyodideUrl: string, lockFileURL: string, packages: string[], accent?: string}} options */
async function start(options) {
  let stage = "load";
  try {
    if (typeof WebAssembly !== "object") {
      throw Object.assign(new Error("this browser has no WebAssembly"), { stage: "wasm" });
    }
    // The lock names the pre-compiled standard library: fetch it while the
    // Pyodide script loads, so the two do not wait for each other.
    const lockFile = fetch(options.lockFileURL).then(function (r) {
      if (!r.ok) throw new Error(options.lockFileURL + ": " + r.status);
      return r.json();
    });
    const { loadPyodide } = await import(options.pyodideUrl);
    step("script");
    const lock = await lockFile;
    // Pyodide's own files are the live notebooks' copy; the page's packages
    // and standard library are beside its lock (<site>/inpage-runtime/).
    const indexURL = new URL("./", options.pyodideUrl).href;
    const runtimeURL = new URL("./", options.lockFileURL).href;
    const pyodide = await loadPyodide({
      indexURL: indexURL,
      lockFileContents: lock,
      packageBaseUrl: runtimeURL,
      stdLibURL: lock.info.lr_stdlib ? runtimeURL + lock.info.lr_stdlib : undefined,
      packages: options.packages,
      checkAPIVersion: true,
      // -OO, as the pre-compiled bytecode was made (trace.py OPTIMIZE):
      // a source compiled here (a deferred module) must not expect docstrings
      // the pre-compiled modules no longer have.
      // LEARNING_REGIONS_ACCENT: the site's colour for the readers' own marks (charts.palette.yours).
      env: options.accent ? { PYTHONOPTIMIZE: "2", LEARNING_REGIONS_ACCENT: options.accent } : { PYTHONOPTIMIZE: "2" },
      stdout: function () {},
      stderr: function () {},
    });
    step("pyodide and packages");
    stage = "import";
    // The sources no widget imported at build time are in one more zip,
    // fetched (synchronously, from Python's import) only if one is imported.
    const deferred = lock.info.lr_deferred;
    if (deferred) {
      const url = runtimeURL + deferred.file;
      const sources = pyodide.pyimport("learning_regions.inpage.deferred");
      sources.install(deferred.files, () => fetchNow(url));
      sources.destroy();
    }
    const pageRuntime = pyodide.pyimport("learning_regions.inpage");
    pageRuntime.install(post);
    step("ipywidgets imported");
    // The widgets' module (and plotly with it) while the reader waits for nothing yet.
    pyodide.runPython("import learning_regions.widgets");
    step("widgets imported");
    if (loaded) return; // a failure was reported already
    loaded = true;
    runtime = pageRuntime;
    everyone("ready", { shared: SHARED });
  } catch (error) {
    if (loaded) return;
    const fault = /** @type {any} */ (error);
    failed({ stage: fault.stage || stage, message: String((fault && fault.message) || fault) });
  }
}

/**
 * Whether Pyodide can no longer run anything (a stack overflow in wasm, no
 * memory): every later call would fail, in this page and in every other the
 * shared worker serves.
 * @param {any} error
 */
function isFatal(error) {
  return Boolean(error && (error.pyodide_fatal_error || /fatally failed/.test(String(error.message))));
}

/**
 * Python stopped for good: every page hears it, and this worker ends, so
 * that the next press (here or on any page) starts a new Python.
 * @param {any} error
 */
function stopped(error) {
  runtime = null;
  everyone("failed", { stage: "python", message: lastLine(error), fatal: true });
  if (SHARED) closeShared("failed");
  else self.close();
}

/** @param {any} error */
function lastLine(error) {
  // A Python exception arrives with its whole traceback: the reader gets its last line.
  const lines = String((error && error.message) || error).trim().split("\n");
  return lines[lines.length - 1];
}

/**
 * Run `work` for `client`: what Python posts meanwhile goes to that client.
 * @template T
 * @param {Client | null} client
 * @param {() => T} work
 * @returns {T}
 */
function answering(client, work) {
  current = client;
  try { return work(); } finally { current = null; }
}

/** A page went away: its widgets are closed (a reload builds new ones);
 * with no page left for a while, the shared Python ends.
 * @param {Client} client */
function leave(client) {
  if (!clients.delete(client)) return;
  if (runtime) answering(null, () => runtime.forget(client.prefix));
  if (SHARED && clients.size === 0) {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => { if (clients.size === 0) closeShared("idle"); }, idleCloseMs);
  }
}

/**
 * A message from a page.
 * @param {Client} client
 * @param {any} m
 */
async function handle(client, m) {
  const problem = problemWith(PROTOCOL, "page_to_worker", m);
  if (problem) {
    tell(client, "error", { id: null, message: "the worker could not read a message from the page: " + problem });
    return;
  }
  switch (m.type) {
    case "start":
      tell(client, "heard"); // the page waits for this before trusting a shared worker
      if (typeof m.idleCloseMs === "number" && m.idleCloseMs >= 0) idleCloseMs = m.idleCloseMs;
      if (!started) started = start(m);
      else if (runtime) tell(client, "ready", { shared: SHARED, joined: true, at: now() });
      return;
    case "bye":
      leave(client);
      return;
  }
  await started;
  // A page that said "bye" while Python was starting: nothing to build for it.
  if (!runtime || !clients.has(client)) return;
  switch (m.type) {
    case "build":
      try {
        const result = answering(client, () => runtime.build(client.prefix + m.key, m.cells, m.log || "[]"));
        const plain = result.toJs({ dict_converter: Object.fromEntries });
        result.destroy();
        tell(client, "step", { name: "widget " + m.key, at: now() });
        tell(client, "built", { id: m.id, result: plain });
      } catch (error) {
        if (isFatal(error)) return stopped(error);
        tell(client, "error", { id: m.id, message: lastLine(error) });
      }
      break;
    case "comm": {
      /** @type {string | null} */
      let msgId = null;
      try {
        const id = JSON.parse(m.msg).header.msg_id;
        msgId = typeof id === "string" ? id : null;
        answering(client, () => runtime.receive(m.msg, (m.buffers || []).map((/** @type {ArrayBuffer} */ b) => new Uint8Array(b))));
      } catch (error) {
        if (isFatal(error)) return stopped(error);
        tell(client, "error", { id: null, message: lastLine(error) });
      }
      // The HTML manager throttles a control's updates until the kernel says
      // it is idle again: say so after each message.
      tell(client, "idle", { msgId: msgId });
      break;
    }
  }
}

/** @param {any} port a MessagePort, or the dedicated worker's own scope */
function connect(port) {
  // Each page's widgets are kept in Python under its own prefix, so two tabs
  // of the same page never share a widget.
  /** @type {Client} */
  const client = { port: port, prefix: "client-" + (++nextClient) + "|" };
  clients.add(client);
  clearTimeout(idleTimer);
  port.onmessage = (/** @type {MessageEvent} */ event) => handle(client, event.data);
  // Where the browser says so, a page that ended without a "bye" (dropped
  // from the back-forward cache, a crash) counts as gone too.
  if (SHARED) port.addEventListener("close", () => leave(client));
}

if (SHARED) scope.onconnect = (/** @type {MessageEvent} */ event) => connect(event.ports[0]);
else connect(self);
