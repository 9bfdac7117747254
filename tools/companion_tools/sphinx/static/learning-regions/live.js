/* The button that makes a widget live on the book page.
 *
 * Each [data-inpage-widget] container (written by companion_tools/sphinx/live_widgets.py)
 * holds the widget's kernel-free view, a button, a status line and the
 * widget cells' code. Nothing heavy loads with the page: pressing the button
 * (or, when the reader chose so, opening a widget page) loads the front-end
 * bundle (live-widgets-*.js, the Jupyter widgets HTML manager) and starts one
 * Python for the page in a Web Worker (live-worker.js). The real widget then
 * replaces the stand-in in place. Python may also start early, when the page
 * is idle and a widget is near the screen (not when the browser saves data).
 *
 * What the reader does to a live widget is kept in this browser only
 * (localStorage, per page and widget) and replayed when it goes live again;
 * "Clear my answers" forgets it. A fault (no WebAssembly, a file that does not
 * load, a Python error) leaves the stand-in with one plain sentence.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var here = script.src;
  var config = script.dataset;
  var AUTO_KEY = "lr-inpage:auto";
  var runtime = null; // one Python per page, shared by its widgets

  function url(name) { return new URL(name, here).href; } // next to this script
  function pageUrl(name) { return new URL(name, location.href).href; } // relative to the page

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function kept(key) {
    var store = storage();
    try { return (store && store.getItem("lr-inpage:" + location.pathname + ":" + key)) || "[]"; } catch (e) { return "[]"; }
  }

  function keep(key, log) {
    var store = storage();
    try {
      if (log && log.length) store.setItem("lr-inpage:" + location.pathname + ":" + key, JSON.stringify(log));
      else store.removeItem("lr-inpage:" + location.pathname + ":" + key);
    } catch (error) { /* private mode or full: the widget still works, nothing is kept */ }
    var container = document.querySelector('[data-inpage-widget="' + CSS.escape(key) + '"]');
    if (container && log && log.length) container.querySelector(".lr-inpage-clear").hidden = false;
  }

  function autoStart() {
    var store = storage();
    try { return store && store.getItem(AUTO_KEY) === "yes"; } catch (e) { return false; }
  }

  function saveData() {
    return Boolean(navigator.connection && navigator.connection.saveData);
  }

  function say(container, text, failed) {
    var status = container.querySelector(".lr-inpage-status");
    status.textContent = text;
    status.classList.toggle("lr-inpage-failed", Boolean(failed));
  }

  function failure(error) {
    var stage = error && error.stage;
    if (stage === "wasm") {
      return "This browser cannot run Python in the page (it has no WebAssembly). The view below works " +
        "without it; for the real widget, use the notebook in JupyterLab.";
    }
    if (stage === "python") {
      return "The widget could not start in this browser (Python said: " + error.message + "). The view below " +
        "still works; the notebook in JupyterLab has the real widget.";
    }
    return "Python could not be started here: a file of this site did not load. Check the connection and " +
      "press the button again; the view below still works.";
  }

  var bundle = null;

  function loadBundle() {
    if (bundle) return bundle;
    bundle = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = url(config.css);
      document.head.appendChild(css);
      var tag = document.createElement("script");
      tag.src = url(config.bundle);
      tag.onload = function () { resolve(window.LearningRegionsInpage); };
      tag.onerror = function () { bundle = null; reject(Object.assign(new Error("the widget bundle did not load"), { stage: "load" })); };
      document.head.appendChild(tag);
    });
    return bundle;
  }

  // Python runs in a worker. Where the browser keeps a SharedWorker alive
  // while the reader moves between pages (it reads the `extendedLifetime`
  // option: Chromium), every widget page of the site, in every tab, is a
  // client of one Python: a second widget page needs no second start.
  // Elsewhere each page has a dedicated Worker of its own. Either way the page
  // talks to it through a channel: postMessage, onmessage, onerror, close.
  // A shared worker that has not answered the page's first message within
  // HEARD_WITHIN_MS (it was closing as the page joined, or it crashed) is left
  // for a dedicated one, so a press never waits for ever.
  // window.lrInpageDedicatedWorker = true asks for the dedicated route, and
  // window.lrInpageHeardWithinMs sets that wait (the tests use both).
  var HEARD_WITHIN_MS = typeof window.lrInpageHeardWithinMs === "number" ? window.lrInpageHeardWithinMs : 15000;

  function openChannel() {
    var script = url(config.worker);
    var listeners = { message: null, error: null };
    var unheard = []; // what the page said before the worker said anything
    var heard = false;
    var target = null; // {post, close} of the worker in use
    var watchdog = null;

    function fromWorker(event) {
      heard = true;
      unheard = [];
      clearTimeout(watchdog);
      if (listeners.message) listeners.message(event);
    }
    function workerError(event) { if (listeners.error) listeners.error(event); }

    function dedicated() {
      var worker = new Worker(script, { type: "module" });
      worker.onmessage = fromWorker;
      worker.onerror = workerError;
      channel.shared = false;
      target = { post: function (m, t) { worker.postMessage(m, t || []); }, close: function () { worker.terminate(); } };
    }

    function shared() {
      if (typeof SharedWorker !== "function" || window.lrInpageDedicatedWorker) return false;
      var keepsAlive = false;
      var worker;
      try {
        // The name ties the worker to this build's runtime: a page of a newer
        // build never joins an older Python.
        worker = new SharedWorker(script, {
          type: "module", name: "learning-regions " + config.runtime,
          get extendedLifetime() { keepsAlive = true; return true; },
        });
      } catch (error) { return false; } // no module SharedWorker here
      if (!keepsAlive) { worker.port.close(); return false; } // it would end with this page anyway
      var port = worker.port;
      port.onmessage = fromWorker;
      worker.onerror = workerError;
      window.addEventListener("pagehide", function (event) {
        // Leaving for good: Python closes this page's widgets. A page kept in
        // the back-forward cache keeps them, for when it comes back.
        if (!event.persisted) port.postMessage({ type: "bye" });
      });
      channel.shared = true;
      target = {
        post: function (m, t) { port.postMessage(m, t || []); },
        close: function () { port.postMessage({ type: "bye" }); port.close(); },
      };
      return true;
    }

    var channel = {
      shared: false,
      postMessage: function (message, transfer) {
        if (!heard) {
          unheard.push(message);
          if (channel.shared && !watchdog) {
            watchdog = setTimeout(function () {
              if (heard) return;
              target.close();
              dedicated();
              unheard.forEach(function (m) { target.post(m); });
            }, HEARD_WITHIN_MS);
          }
        }
        target.post(message, transfer);
      },
      set onmessage(listener) { listeners.message = listener; },
      set onerror(listener) { listeners.error = listener; },
      close: function () { clearTimeout(watchdog); target.close(); },
    };
    if (!shared()) dedicated();
    return channel;
  }

  // The worker, started by an early start or a press; what it says before the
  // bundle has run is kept for the runtime (a worker's messages with no
  // listener are lost).
  var early = null; // {worker, said, startedAt}

  function startPython() {
    if (early) return early;
    var started = { worker: null, said: [], startedAt: performance.now() };
    started.worker = openChannel();
    started.worker.onmessage = function (event) {
      started.said.push(event);
      if (event.data && event.data.type === "ready") {
        // For readers' scripts and the tests: Python is up (bundle or not).
        document.documentElement.dataset.inpagePython = "ready";
      }
    };
    started.worker.onerror = function (event) { event.preventDefault(); started.said.push(event); };
    started.worker.postMessage({ type: "start", pyodideUrl: pageUrl(config.pyodide), lockFileURL: pageUrl(config.lock),
                                 packages: config.packages.split(","),
                                 // How long a shared Python outlives its last page (the worker's own default otherwise).
                                 idleCloseMs: typeof window.lrInpageIdleCloseMs === "number" ? window.lrInpageIdleCloseMs : undefined });
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
    var python = startPython();
    var helpers = window.LearningRegionsCharts;
    if (helpers) helpers.withPlotly(function () {}, function () {});
    runtime = loadBundle().then(function (live) {
      var started = live.start({
        worker: python.worker,
        said: python.said,
        startedAt: python.startedAt,
        onKeep: keep,
        onError: function (message) {
          document.querySelectorAll("[data-inpage-widget].lr-inpage-on").forEach(function (c) {
            say(c, "Python reported a problem (" + message + "); the widget may not respond. Reload the page to start again.", true);
          });
        },
      });
      window.LearningRegionsInpage.runtime = started; // for the benchmark and readers' scripts
      return started.ready;
    });
    runtime.catch(function () {
      runtime = null;
      python.worker.close();
      if (early === python) early = null; // a new press starts a new worker
    });
    return runtime;
  }

  // The profiler's download link is a data: URL written by Python; a Blob
  // link downloads the same text without a long URL in the page.
  function blobLinks(slot) {
    var made = [];
    function convert() {
      slot.querySelectorAll('a[download][href^="data:"]').forEach(function (link) {
        var href = link.getAttribute("href");
        var comma = href.indexOf(",");
        var meta = href.slice(5, comma);
        var body = href.slice(comma + 1);
        var text = /;base64$/.test(meta) ? atob(body) : decodeURIComponent(body);
        var blob = new Blob([text], { type: meta.split(";")[0] || "text/plain" });
        made.splice(0).forEach(URL.revokeObjectURL);
        var blobUrl = URL.createObjectURL(blob);
        made.push(blobUrl);
        link.href = blobUrl;
      });
    }
    new MutationObserver(convert).observe(slot, { childList: true, subtree: true });
  }

  // ipywidgets' sliders draw a handle (role="slider") that carries no name:
  // give it the slider's own label, so screen readers say what it sets.
  function nameSliders(slot) {
    function name() {
      slot.querySelectorAll(".widget-slider").forEach(function (slider) {
        var label = slider.querySelector(".widget-label");
        var text = label ? label.textContent.trim() : "";
        slider.querySelectorAll('[role="slider"]').forEach(function (handle) {
          if (text && handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
        });
      });
    }
    new MutationObserver(name).observe(slot, { childList: true, subtree: true });
  }

  function goLive(container, focusAfter) {
    if (container.classList.contains("lr-inpage-busy") || container.classList.contains("lr-inpage-on")) return;
    var button = container.querySelector(".lr-inpage-start");
    var slot = container.querySelector(".lr-inpage-slot");
    var standIn = container.querySelector(".lr-inpage-stand-in");
    var key = container.dataset.inpageWidget;
    var cells = JSON.parse(container.querySelector(".lr-inpage-cells").textContent);
    container.classList.add("lr-inpage-busy");
    button.setAttribute("aria-disabled", "true");
    say(container, "Starting Python…");
    var started = performance.now();
    startRuntime().then(function (live) {
      return live.build(key, cells, kept(key), slot);
    }).then(function (result) {
      var hadFocus = standIn.contains(document.activeElement);
      slot.hidden = false;
      standIn.hidden = true;
      container.classList.remove("lr-inpage-busy");
      container.classList.add("lr-inpage-on");
      container.dataset.inpageMs = String(Math.round(performance.now() - started));
      button.textContent = "Live: Python runs in this browser";
      container.querySelector(".lr-inpage-auto").hidden = false;
      if (result.restored) container.querySelector(".lr-inpage-clear").hidden = false;
      say(container, result.restored ? "Ready. Your earlier answers on this page are back." : "Ready.");
      if (hadFocus || focusAfter) {
        var first = slot.querySelector("input, select, textarea, button, [tabindex]");
        if (first) first.focus();
      }
    }).catch(function (error) {
      container.classList.remove("lr-inpage-busy");
      button.removeAttribute("aria-disabled");
      say(container, failure(error), true);
    });
  }

  function clearAnswers(container) {
    var key = container.dataset.inpageWidget;
    keep(key, []);
    if (!container.classList.contains("lr-inpage-on")) {
      container.querySelector(".lr-inpage-clear").hidden = true;
      say(container, "Your answers on this page were cleared.");
      return;
    }
    var cells = JSON.parse(container.querySelector(".lr-inpage-cells").textContent);
    say(container, "Clearing your answers…");
    startRuntime().then(function (live) {
      return live.build(key, cells, "[]", container.querySelector(".lr-inpage-slot"));
    }).then(function () {
      say(container, "Your answers on this page were cleared; the widget starts afresh.");
    }).catch(function (error) { say(container, failure(error), true); });
  }

  var containers = Array.prototype.slice.call(document.querySelectorAll("[data-inpage-widget]"));
  containers.forEach(function (container) {
    var button = container.querySelector(".lr-inpage-start");
    var auto = container.querySelector(".lr-inpage-auto input");
    blobLinks(container.querySelector(".lr-inpage-slot"));
    nameSliders(container.querySelector(".lr-inpage-slot"));
    button.addEventListener("click", function () { goLive(container); });
    // A hand on the button: start Python while the reader decides.
    button.addEventListener("pointerenter", function () { if (!saveData()) startRuntime().catch(function () {}); });
    container.querySelector(".lr-inpage-clear").addEventListener("click", function () { clearAnswers(container); });
    if (kept(container.dataset.inpageWidget) !== "[]") container.querySelector(".lr-inpage-clear").hidden = false;
    auto.checked = autoStart();
    auto.addEventListener("change", function () {
      var store = storage();
      try { if (auto.checked) store.setItem(AUTO_KEY, "yes"); else store.removeItem(AUTO_KEY); } catch (e) { /* not kept */ }
    });
  });
  if (autoStart() && !saveData()) {
    containers.forEach(function (container) { goLive(container); });
  } else if (!saveData() && !window.lrInpageNoEarlyStart) {
    startWhenNear(containers);
  }

  // Early start: once the page has loaded and is idle, and a widget is within
  // a screen's height of the view, Python starts in the background, so that
  // the press mostly shows what is ready. Never when the browser asks to save
  // data; a script can opt out first with window.lrInpageNoEarlyStart = true
  // (the benchmark does, to time a cold press).
  function startWhenNear(list) {
    if (!list.length || !("IntersectionObserver" in window)) return;
    function idle(callback) {
      if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 3000 });
      else setTimeout(callback, 1500);
    }
    function watch() {
      var observer = new IntersectionObserver(function (entries) {
        if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
        observer.disconnect();
        // Only the worker: plotly.js and the widget bundle would be long
        // tasks on the page's own thread (Lighthouse counted them as
        // blocking time); they load at the press.
        idle(function () { if (typeof WebAssembly === "object") startPython(); });
      }, { rootMargin: "100% 0px" });
      list.forEach(function (container) { observer.observe(container); });
    }
    if (document.readyState === "complete") idle(watch);
    else window.addEventListener("load", function () { idle(watch); }, { once: true });
  }
})();
