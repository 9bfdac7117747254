/* The widgets' front end on the book page: the Jupyter widgets HTML manager
 * talking to the Python in live-worker.js, with no kernel in between.
 *
 * This is the entry of a bundle that the build makes with the pinned esbuild
 * from the pinned npm packages (companion_tools/sphinx/live_widgets.py); the
 * bundle defines window.LearningRegionsInpage. live.js (not bundled, small)
 * loads it only when the reader asks for a live widget.
 *
 * - PageComm stands for a kernel comm: what the manager sends goes to the
 *   worker; what Python sends is handed to the comm's callbacks.
 * - After the worker has handled a message it says "idle", and the message's
 *   iopub status callback is called: the manager sends a control's next
 *   change only after that (otherwise only the first change would go out).
 * - Plotly figures in an Output widget are drawn by a renderer for
 *   application/vnd.plotly.v1+json with the page's shared plotly.js (loaded
 *   by charts.js) and re-coloured for dark mode the way charts.js does it.
 */
import { HTMLManager } from "@jupyter-widgets/html-manager/lib/htmlmanager";
import { Widget } from "@lumino/widgets";
import "@jupyter-widgets/controls/css/widgets-base.css";
import "@jupyter-widgets/controls/css/labvariables.css";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

// When the last change went to Python, its first answer came back, and the
// chart was drawn again (performance.now(), ms): the benchmark splits a
// redraw by these, so the next change knows where the time goes.
const timing = { sent: 0, answered: 0, drawStart: 0, drawn: 0 };

function charts() {
  // charts.js is on every widget page (companion_tools/sphinx/assets.py).
  const helpers = window.LearningRegionsCharts;
  if (!helpers) throw new Error("charts.js is missing from the page");
  return helpers;
}

/** ``layout`` with the page's light or dark colours (charts.js themeLayout,
 * whose dotted keys are written into a copy), so that one Plotly.react draws
 * the figure already themed. */
function themed(helpers, layout) {
  const copy = JSON.parse(JSON.stringify(layout || {}));
  const update = helpers.themeLayout({ layout: copy });
  Object.keys(update).forEach(function (path) {
    const keys = path.split(".");
    let node = copy;
    keys.slice(0, -1).forEach(function (key) {
      if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
      node = node[key];
    });
    node[keys[keys.length - 1]] = update[path];
  });
  return copy;
}

// The plot a widget's Output showed last, by the Output's DOM node. An Output
// is cleared and refilled on every change; drawing the new figure into the
// plot it had (Plotly.react) only redraws what changed, where a fresh div
// would be a whole new plot.
const lastPlot = new WeakMap();

class PlotlyRenderer extends Widget {
  constructor(options) {
    super();
    this.mimeType = options.mimeType;
    this.addClass("lr-inpage-plot-slot");
  }

  async renderModel(model) {
    const spec = model.data[this.mimeType];
    const helpers = charts();
    await new Promise(function (resolve, reject) { helpers.withPlotly(resolve, reject); });
    // The output area attaches this node after rendering: wait for it, so
    // plotly.js measures the real width.
    for (let i = 0; i < 30 && !this.node.isConnected; i++) {
      await new Promise(function (r) { window.requestAnimationFrame(r); });
    }
    const output = this.node.closest(".widget-output") || this.node.parentElement;
    let plot = output ? lastPlot.get(output) : null;
    if (!plot) {
      plot = document.createElement("div");
      plot.className = "lr-inpage-plot";
      if (output) lastPlot.set(output, plot);
    }
    this.node.appendChild(plot);
    const title = spec.layout && spec.layout.title && (spec.layout.title.text || spec.layout.title);
    plot.setAttribute("role", "figure");
    plot.setAttribute("aria-label", helpers.plainText(typeof title === "string" ? title : "") || "Chart");
    const config = Object.assign({}, helpers.config, spec.config || {});
    // Most changes move only the data: then the plot keeps its own layout
    // object (themed, autoranged), and plotly.js redraws the traces alone.
    const layoutText = JSON.stringify(spec.layout || {});
    const sameLayout = plot.layout && plot.lrLayoutText === layoutText;
    plot.lrLayoutText = layoutText;
    timing.drawStart = performance.now();
    await window.Plotly.react(plot, spec.data, sameLayout ? plot.layout : themed(helpers, spec.layout), config);
    if (!sameLayout) {
      // Axes that plotly.js added by itself (not in the spec) get their colours
      // now; a kept layout has them already.
      const missed = helpers.themeLayout(plot);
      const left = {};
      Object.keys(missed).forEach(function (path) {
        if (!(path.split(".")[0] in (spec.layout || {})) && /^(x|y)axis|^polar|^ternary|^geo/.test(path)) left[path] = missed[path];
      });
      if (Object.keys(left).length) await window.Plotly.relayout(plot, left);
    }
    timing.drawn = performance.now();
    plot.dataset.drawn = String(Date.now());
  }
}

let nextMsgId = 0;

class PageComm {
  constructor(runtime, commId, targetName) {
    this.runtime = runtime;
    this.comm_id = commId;
    this.target_name = targetName;
    this._onMsg = null;
    this._onClose = null;
    this._early = []; // messages that came before the model listened
  }

  _post(msgType, data, callbacks, metadata, buffers) {
    const msgId = "page-" + (++nextMsgId);
    if (msgType === "comm_msg") timing.sent = performance.now();
    const list = (buffers || []).map(function (b) {
      const view = ArrayBuffer.isView(b) ? b : new Uint8Array(b);
      return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
    });
    if (callbacks) this.runtime.callbacks.set(msgId, callbacks);
    this.runtime.post({
      type: "comm",
      msg: JSON.stringify({
        msg_type: msgType,
        header: { msg_id: msgId, msg_type: msgType },
        content: { comm_id: this.comm_id, data: data || {} },
        metadata: metadata || {},
      }),
      buffers: list,
    }, list);
    return msgId;
  }

  open(data, callbacks, metadata, buffers) { return this._post("comm_open", data, callbacks, metadata, buffers); }
  send(data, callbacks, metadata, buffers) { return this._post("comm_msg", data, callbacks, metadata, buffers); }
  close(data, callbacks, metadata, buffers) { return this._post("comm_close", data, callbacks, metadata, buffers); }

  on_msg(callback) {
    this._onMsg = callback;
    this._early.splice(0).forEach(callback);
  }

  on_close(callback) { this._onClose = callback; }

  _deliver(msg) {
    if (this._onMsg) this._onMsg(msg);
    else this._early.push(msg);
  }
}

class PageManager extends HTMLManager {
  constructor(runtime) {
    super();
    this.runtime = runtime;
    this.renderMime.addFactory({
      safe: true,
      mimeTypes: [PLOTLY_MIME],
      createRenderer: function (options) { return new PlotlyRenderer(options); },
    }, 0);
  }

  _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = new PageComm(this.runtime, modelId, targetName);
    this.runtime.comms.set(modelId, comm);
    if (data || metadata) comm.open(data, undefined, metadata, buffers);
    return Promise.resolve(comm);
  }

  _get_comm_info() { return Promise.resolve({}); }
}

/** One Python per page: the worker, its manager, and the widgets built so far. */
class Runtime {
  constructor(options) {
    this.options = options;
    this.comms = new Map();
    this.callbacks = new Map();
    this.pending = new Map();
    this.steps = [];
    this.manager = new PageManager(this);
    this.onKeep = options.onKeep || function () {};
    this.onError = options.onError || function () {};
    // live.js started the worker (and asked it to start Python) at the press,
    // before this bundle loaded; what it said meanwhile is in options.said.
    this.worker = options.worker;
    this.pageStep("bundle loaded (page)");
    const self = this;
    this.ready = new Promise(function (resolve, reject) {
      self._readyResolve = resolve;
      self._readyReject = reject;
    });
    const onError = function (event) {
      event.preventDefault();
      self.worker.close();
      self._readyReject(Object.assign(new Error(event.message || "the worker did not start"), { stage: "load" }));
    };
    this.worker.onmessage = function (event) { self._receive(event.data); };
    this.worker.onerror = onError;
    (options.said || []).splice(0).forEach(function (event) {
      if (event.type === "error") onError(event);
      else self._receive(event.data);
    });
  }

  post(message, transfer) { this.worker.postMessage(message, transfer || []); }

  /** A step seen by the page, in ms since the press started the worker (for the benchmark). */
  pageStep(name) {
    this.steps.push({ name: name, ms: Math.round(performance.now() - (this.options.startedAt || 0)) });
  }

  /** A step the worker saw, at a wall-clock time (the worker may be older than this page). */
  workerStep(name, at) {
    this.steps.push({ name: name, ms: Math.round(at - performance.timeOrigin - (this.options.startedAt || 0)) });
  }

  _receive(m) {
    if (m.type === "step") {
      this.workerStep(m.name, m.at);
    } else if (m.type === "ready") {
      // A page that joined a Python started by an earlier page of the visit.
      if (m.joined) this.workerStep("joined the running Python", m.at);
      this.shared = Boolean(m.shared);
      document.documentElement.dataset.inpagePython = "ready"; // as live.js does for an early start
      this._readyResolve(this);
    } else if (m.type === "failed") {
      this.worker.close(); // a new press starts a new worker
      this._readyReject(Object.assign(new Error(m.message), { stage: m.stage }));
    } else if (m.type === "comm") {
      if (timing.answered < timing.sent) timing.answered = performance.now();
      this._fromPython(JSON.parse(m.msg), m.buffers || []);
    } else if (m.type === "idle") {
      const callbacks = this.callbacks.get(m.msgId);
      this.callbacks.delete(m.msgId);
      if (callbacks && callbacks.iopub && callbacks.iopub.status) {
        callbacks.iopub.status({ content: { execution_state: "idle" } });
      }
    } else if (m.type === "built" || m.type === "error") {
      const waiting = this.pending.get(m.id);
      if (waiting) {
        this.pending.delete(m.id);
        if (m.type === "built") waiting.resolve(m.result);
        else waiting.reject(Object.assign(new Error(m.message), { stage: "python" }));
      } else if (m.type === "error") {
        this.onError(m.message);
      }
    }
  }

  _fromPython(msg, buffers) {
    if (msg.msg_type === "lr_keep") {
      // Python keeps the widget under the worker's prefix for this page ("client-N|").
      const key = msg.content.key;
      this.onKeep(key.slice(key.indexOf("|") + 1), msg.content.log);
      return;
    }
    const content = msg.content;
    const message = {
      header: { msg_type: msg.msg_type },
      parent_header: msg.parent_header || {},
      content: content,
      metadata: msg.metadata || {},
      buffers: buffers.map(function (b) { return new DataView(b); }),
      channel: "iopub",
    };
    if (msg.msg_type === "comm_open") {
      const comm = new PageComm(this, content.comm_id, content.target_name);
      this.comms.set(content.comm_id, comm);
      this.manager.handle_comm_open(comm, message).catch(this.onError);
    } else if (msg.msg_type === "comm_msg") {
      const comm = this.comms.get(content.comm_id);
      if (comm) comm._deliver(message);
    } else if (msg.msg_type === "comm_close") {
      const comm = this.comms.get(content.comm_id);
      this.comms.delete(content.comm_id);
      if (comm && comm._onClose) comm._onClose(message);
    }
  }

  /** Run a widget cell's code in Python and show its widget in `element`. */
  async build(key, cells, log, element) {
    await this.ready;
    const id = "build-" + (++nextMsgId);
    const self = this;
    const result = await new Promise(function (resolve, reject) {
      self.pending.set(id, { resolve: resolve, reject: reject });
      self.post({ type: "build", id: id, key: key, cells: cells, log: log || "[]" });
    });
    const model = await this.manager.get_model(result.model_id);
    const view = await this.manager.create_view(model);
    element.textContent = "";
    await this.manager.display_view(view, element);
    this.pageStep("view shown " + key + " (page)");
    return result;
  }
}

window.LearningRegionsInpage = {
  start: function (options) { return new Runtime(options); },
  timing: timing,
};
