/* The book page's Python: Pyodide in a module Web Worker, started by
 * live-widgets.js when the reader asks for a live widget (or the page is idle).
 *
 * Pyodide comes from the site's own files (the copy the live notebooks use,
 * live/static/pyodide/), with a lock file the build wrote for this runtime:
 * the companion's package, ipywidgets and a plotly wheel trimmed of its
 * JavaScript, and no IPython. The Python side of the bridge is
 * learning_regions/page_runtime.py; this file only carries messages.
 *
 * page -> worker: {type: "start", pyodideUrl, lockFileURL, packages}
 *                 {type: "build", id, key, cells, log}
 *                 {type: "comm", msg, buffers}
 * worker -> page: {type: "step", name, ms} | {type: "ready"} | {type: "failed", stage, message}
 *                 {type: "built", id, result} | {type: "error", id, message}
 *                 {type: "comm", msg, buffers} | {type: "idle", msgId}
 */
"use strict";

let runtime = null; // learning_regions.page_runtime, once imported
let started = null;
const t0 = performance.now();

function step(name) {
  self.postMessage({ type: "step", name: name, ms: Math.round(performance.now() - t0) });
}

function post(text, buffers) {
  const list = buffers.toJs();
  buffers.destroy();
  const arrays = list.map(function (b) { return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); });
  self.postMessage({ type: "comm", msg: text, buffers: arrays }, arrays);
}

// Pyodide loses some start-up failures (the wasm file not loading) in a
// promise nobody awaits, and loadPyodide never settles: report them here.
let loaded = false;
let failedAlready = false; // a start-up fault was reported
function startFailed(reason, event) {
  if (failedAlready) {
    if (event) event.preventDefault(); // the same fault surfacing again: said already
    return;
  }
  if (loaded) return;
  if (event) event.preventDefault(); // said in words on the page, not as an uncaught error
  loaded = true;
  failedAlready = true;
  self.postMessage({ type: "failed", stage: "load", message: String(reason && reason.message || reason) });
}
self.addEventListener("unhandledrejection", function (event) { startFailed(event.reason, event); });
// Pyodide only logs a wasm file that did not arrive ("wasm instantiation
// failed!") and then waits for ever: watch the start-up's own fetches, so that
// a runtime file that fails to load is reported at once.
const siteFetch = self.fetch.bind(self);
self.fetch = function (resource, init) {
  return siteFetch(resource, init).then(function (response) {
    if (!response.ok) startFailed(new Error(String(resource) + ": HTTP " + response.status));
    return response;
  }, function (error) {
    startFailed(new Error(String(resource && resource.url || resource) + ": " + (error && error.message || error)));
    throw error;
  });
};
self.addEventListener("error", function (event) { startFailed(event.message, event); });

function fetchNow(url) {
  // A worker may fetch synchronously: Python's import cannot wait for a promise.
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(url + ": HTTP " + request.status);
  return new Uint8Array(request.response);
}

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
    const indexURL = new URL("./", options.pyodideUrl).href;
    const pyodide = await loadPyodide({
      indexURL: indexURL,
      lockFileContents: lock,
      packageBaseUrl: new URL("./", options.lockFileURL).href,
      stdLibURL: lock.info.lr_stdlib ? indexURL + lock.info.lr_stdlib : undefined,
      packages: options.packages,
      checkAPIVersion: true,
      // -OO, as the pre-compiled bytecode was made (precompile.py OPTIMIZE):
      // a source compiled here (a deferred module) must not expect docstrings
      // the pre-compiled modules no longer have.
      env: { PYTHONOPTIMIZE: "2" },
      stdout: function () {},
      stderr: function () {},
    });
    step("pyodide and packages");
    stage = "import";
    // The sources no widget imported at build time are in one more zip,
    // fetched (synchronously, from Python's import) only if one is imported.
    const deferred = lock.info.lr_deferred;
    if (deferred) {
      const url = indexURL + deferred.file;
      const sources = pyodide.pyimport("learning_regions.deferred_sources");
      sources.install(deferred.files, function () { return fetchNow(url); });
      sources.destroy();
    }
    runtime = pyodide.pyimport("learning_regions.page_runtime");
    runtime.install(post);
    step("ipywidgets imported");
    // The widgets' module (and plotly with it) while the reader waits for nothing yet.
    pyodide.runPython("import learning_regions.widgets");
    step("widgets imported");
    if (loaded) return; // a failure was reported already
    loaded = true;
    self.postMessage({ type: "ready" });
  } catch (error) {
    if (loaded) return;
    loaded = true;
    self.postMessage({ type: "failed", stage: error.stage || stage, message: String(error && error.message || error) });
  }
}

function lastLine(error) {
  // A Python exception arrives with its whole traceback: the reader gets its last line.
  const lines = String(error && error.message || error).trim().split("\n");
  return lines[lines.length - 1];
}

self.onmessage = async function (event) {
  const m = event.data;
  if (m.type === "start") {
    if (!started) started = start(m);
    return;
  }
  await started;
  if (!runtime) return;
  if (m.type === "build") {
    try {
      const result = runtime.build(m.key, m.cells, m.log || "[]");
      const plain = result.toJs({ dict_converter: Object.fromEntries });
      result.destroy();
      step("widget " + m.key);
      self.postMessage({ type: "built", id: m.id, result: plain });
    } catch (error) {
      self.postMessage({ type: "error", id: m.id, message: lastLine(error) });
    }
  } else if (m.type === "comm") {
    let msgId = null;
    try {
      msgId = JSON.parse(m.msg).header.msg_id;
      runtime.receive(m.msg, (m.buffers || []).map(function (b) { return new Uint8Array(b); }));
    } catch (error) {
      self.postMessage({ type: "error", id: null, message: lastLine(error) });
    }
    // The HTML manager throttles a control's updates until the kernel says
    // it is idle again: say so after each message.
    self.postMessage({ type: "idle", msgId: msgId });
  }
};
