// @ts-check
/* A kernel comm for the HTML manager, with the worker in place of a kernel:
 * what the manager sends goes to the worker; what Python sends is handed to
 * the comm's callbacks. */
import { timing } from "./plotly.js";

let nextMsgId = 0;

/** A message id of this page ("page-N"). */
export function newMsgId() {
  return "page-" + (++nextMsgId);
}

/**
 * @typedef {{post: (type: string, fields: Record<string, unknown>, transfer?: Transferable[]) => void,
 *            callbacks: Map<string, any>}} CommHost
 */

export class PageComm {
  /**
   * @param {CommHost} host
   * @param {string} commId
   * @param {string} targetName
   */
  constructor(host, commId, targetName) {
    this.host = host;
    this.comm_id = commId;
    this.target_name = targetName;
    /** @type {((msg: any) => void) | null} */
    this.onMsg = null;
    /** @type {((msg: any) => void) | null} */
    this.onClose = null;
    /** @type {any[]} messages that came before the model listened */
    this.early = [];
  }

  /**
   * @param {string} msgType
   * @param {any} data
   * @param {any} callbacks
   * @param {any} metadata
   * @param {(ArrayBuffer | ArrayBufferView)[]} [buffers]
   */
  commMessage(msgType, data, callbacks, metadata, buffers) {
    const msgId = newMsgId();
    if (msgType === "comm_msg") timing.sent = performance.now();
    const list = (buffers || []).map(function (b) {
      const view = ArrayBuffer.isView(b) ? b : new Uint8Array(b);
      return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
    });
    if (callbacks) this.host.callbacks.set(msgId, callbacks);
    this.host.post("comm", {
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

  /** @param {any} data @param {any} [callbacks] @param {any} [metadata] @param {any[]} [buffers] */
  open(data, callbacks, metadata, buffers) { return this.commMessage("comm_open", data, callbacks, metadata, buffers); }
  /** @param {any} data @param {any} [callbacks] @param {any} [metadata] @param {any[]} [buffers] */
  send(data, callbacks, metadata, buffers) { return this.commMessage("comm_msg", data, callbacks, metadata, buffers); }
  /** @param {any} [data] @param {any} [callbacks] @param {any} [metadata] @param {any[]} [buffers] */
  close(data, callbacks, metadata, buffers) { return this.commMessage("comm_close", data, callbacks, metadata, buffers); }

  /** @param {(msg: any) => void} callback */
  on_msg(callback) {
    this.onMsg = callback;
    this.early.splice(0).forEach(callback);
  }

  /** @param {(msg: any) => void} callback */
  on_close(callback) { this.onClose = callback; }

  /** A message from Python for this comm. @param {any} msg */
  deliver(msg) {
    if (this.onMsg) this.onMsg(msg);
    else this.early.push(msg);
  }
}
