// @ts-check
/* One Python per page: the worker, the widget manager, and the widgets built so far.
 *
 * The page controller (../inpage/index.js) started the worker (and asked it
 * to start Python) before this bundle loaded; what the worker said meanwhile
 * comes in options.said. Every message from the worker is checked against
 * the protocol (learning_regions/inpage/protocol.json) before it is used.
 *
 * For readers' scripts and the tests, every message the page sends to the
 * worker or hears from it is announced as a DOM event "lr-inpage:message" on
 * document, with detail {direction: "sent" | "heard", type}.
 */
import protocolFile from "../../../learning_regions/inpage/protocol.json";
import { make, problemWith } from "../protocol.js";
import { PageComm, newMsgId } from "./comm.js";
import { PageManager } from "./manager.js";
import { timing } from "./plotly.js";

/** @typedef {import("../protocol.js").Protocol} Protocol */
/** @typedef {import("../inpage/channel.js").Channel} Channel */
/**
 * @typedef {{worker: Channel, said?: (MessageEvent | ErrorEvent)[], startedAt?: number,
 *            onKeep?: (key: string, log: unknown[]) => void, onError?: (message: string) => void,
 *            onStopped?: (message: string) => void}} RuntimeOptions
 * @typedef {{model_id: string, restored: number, set_aside: string | null}} BuildResult
 */

const PROTOCOL = /** @type {Protocol} */ (protocolFile);

/**
 * @param {"sent" | "heard"} direction
 * @param {string} type
 */
function announce(direction, type) {
  document.dispatchEvent(new CustomEvent("lr-inpage:message", { detail: { direction: direction, type: type } }));
}

export class Runtime {
  /** @param {RuntimeOptions} options */
  constructor(options) {
    this.options = options;
    /** @type {Map<string, PageComm>} */
    this.comms = new Map();
    /** @type {Map<string, any>} */
    this.callbacks = new Map();
    /** @type {Map<string, {resolve: (result: BuildResult) => void, reject: (error: Error) => void}>} */
    this.pending = new Map();
    /** @type {{name: string, ms: number}[]} */
    this.steps = [];
    this.shared = false;
    this.manager = new PageManager(this);
    this.onKeep = options.onKeep || function () {};
    this.onError = options.onError || function () {};
    this.onStopped = options.onStopped || function () {};
    this.isReady = false;
    this.worker = options.worker;
    this.pageStep("bundle loaded (page)");
    /** @type {(runtime: Runtime) => void} */
    let resolveReady = () => {};
    /** @type {(error: Error) => void} */
    let rejectReady = () => {};
    /** @type {Promise<Runtime>} */
    this.ready = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
    this.resolveReady = resolveReady;
    this.rejectReady = rejectReady;
    /** @param {ErrorEvent} event */
    const onError = (event) => {
      event.preventDefault();
      this.worker.close();
      this.rejectReady(Object.assign(new Error(event.message || "the worker did not start"), { stage: "load" }));
    };
    this.worker.onmessage = (event) => this.heard(event.data);
    this.worker.onerror = onError;
    (options.said || []).splice(0).forEach((event) => {
      if (event.type === "error") onError(/** @type {ErrorEvent} */ (event));
      else this.heard(/** @type {MessageEvent} */ (event).data);
    });
  }

  /**
   * Send a page_to_worker message (checked against the protocol).
   * @param {string} type
   * @param {Record<string, unknown>} fields
   * @param {Transferable[]} [transfer]
   */
  post(type, fields, transfer) {
    this.worker.postMessage(make(PROTOCOL, "page_to_worker", type, fields), transfer || []);
    announce("sent", type);
  }

  /** A step seen by the page, in ms since the press started the worker (for the benchmark).
   * @param {string} name */
  pageStep(name) {
    this.steps.push({ name: name, ms: Math.round(performance.now() - (this.options.startedAt || 0)) });
  }

  /** A step the worker saw, at a wall-clock time (the worker may be older than this page).
   * @param {string} name
   * @param {number} at */
  workerStep(name, at) {
    this.steps.push({ name: name, ms: Math.round(at - performance.timeOrigin - (this.options.startedAt || 0)) });
  }

  /** A message from the worker. @param {any} m */
  heard(m) {
    const problem = problemWith(PROTOCOL, "worker_to_page", m);
    if (problem) {
      this.onError("the page could not read a message from Python: " + problem);
      return;
    }
    announce("heard", m.type);
    switch (m.type) {
      case "heard":
        break;
      case "step":
        this.workerStep(m.name, m.at);
        break;
      case "ready":
        // A page that joined a Python started by an earlier page of the visit.
        if (m.joined) this.workerStep("joined the running Python", m.at);
        this.shared = Boolean(m.shared);
        this.isReady = true;
        document.documentElement.dataset.inpagePython = "ready"; // as the page controller does for an early start
        this.resolveReady(this);
        break;
      case "failed": {
        // Python did not start, or stopped for good (fatal): a new press starts a new worker.
        this.worker.close();
        const error = Object.assign(new Error(m.message), { stage: m.fatal ? "stopped" : m.stage });
        this.rejectReady(error);
        this.pending.forEach((waiting) => waiting.reject(error));
        this.pending.clear();
        if (this.isReady) {
          delete document.documentElement.dataset.inpagePython;
          this.onStopped(m.message);
        }
        break;
      }
      case "comm":
        if (timing.answered < timing.sent) timing.answered = performance.now();
        this.fromPython(JSON.parse(m.msg), m.buffers || []);
        break;
      case "idle": {
        const callbacks = this.callbacks.get(m.msgId);
        this.callbacks.delete(m.msgId);
        if (callbacks && callbacks.iopub && callbacks.iopub.status) {
          callbacks.iopub.status({ content: { execution_state: "idle" } });
        }
        break;
      }
      case "built":
      case "error": {
        const waiting = this.pending.get(m.id);
        if (waiting) {
          this.pending.delete(m.id);
          if (m.type === "built") waiting.resolve(m.result);
          else waiting.reject(Object.assign(new Error(m.message), { stage: "python" }));
        } else if (m.type === "error") {
          this.onError(m.message);
        }
        break;
      }
    }
  }

  /**
   * A message Python posted: one of its own (python_to_page), or a widget's.
   * @param {any} msg
   * @param {ArrayBuffer[]} buffers
   */
  fromPython(msg, buffers) {
    if (typeof msg.msg_type === "string" && msg.msg_type.startsWith("lr_")) {
      const problem = problemWith(PROTOCOL, "python_to_page", msg);
      if (problem) return this.onError("the page could not read a message from Python: " + problem);
      switch (msg.msg_type) {
        case "lr_keep": {
          // Python keeps the widget under the worker's prefix for this page ("client-N|").
          const key = msg.content.key;
          this.onKeep(key.slice(key.indexOf("|") + 1), msg.content.log);
          break;
        }
      }
      return;
    }
    const content = msg.content;
    const message = {
      header: { msg_type: msg.msg_type },
      parent_header: msg.parent_header || {},
      content: content,
      metadata: msg.metadata || {},
      buffers: buffers.map((b) => new DataView(b)),
      channel: "iopub",
    };
    if (msg.msg_type === "comm_open") {
      const comm = new PageComm(this, content.comm_id, content.target_name);
      this.comms.set(content.comm_id, comm);
      this.manager.handle_comm_open(/** @type {any} */ (comm), /** @type {any} */ (message)).catch(this.onError);
    } else if (msg.msg_type === "comm_msg") {
      const comm = this.comms.get(content.comm_id);
      if (comm) comm.deliver(message);
    } else if (msg.msg_type === "comm_close") {
      const comm = this.comms.get(content.comm_id);
      this.comms.delete(content.comm_id);
      if (comm && comm.onClose) comm.onClose(message);
    }
  }

  /**
   * Run a widget cell's code in Python and show its widget in `element`.
   * @param {string} key
   * @param {string[]} cells
   * @param {string} log the kept log, as JSON text
   * @param {HTMLElement} element
   * @returns {Promise<BuildResult>}
   */
  async build(key, cells, log, element) {
    await this.ready;
    const id = "build-" + newMsgId();
    /** @type {BuildResult} */
    const result = await new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject: reject });
      this.post("build", { id: id, key: key, cells: cells, log: log || "[]" });
    });
    const model = await this.manager.get_model(result.model_id);
    const view = await this.manager.create_view(/** @type {any} */ (model));
    element.textContent = "";
    await this.manager.display_view(view, element);
    this.pageStep("view shown " + key + " (page)");
    return result;
  }
}
