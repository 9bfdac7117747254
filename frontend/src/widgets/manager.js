// @ts-check
/* The Jupyter widgets HTML manager, with the worker in place of a kernel. */
import { HTMLManager } from "@jupyter-widgets/html-manager/lib/htmlmanager";
import { PageComm } from "./comm.js";
import { PLOTLY_MIME, PlotlyRenderer } from "./plotly.js";
import { mended } from "./views.js";

/** @typedef {import("./comm.js").CommHost & {comms: Map<string, PageComm>}} ManagerHost */

export class PageManager extends HTMLManager {
  /** @param {ManagerHost} host */
  constructor(host) {
    super();
    this.host = host;
    this.renderMime.addFactory({
      safe: true,
      mimeTypes: [PLOTLY_MIME],
      createRenderer: (options) => /** @type {any} */ (new PlotlyRenderer(options)),
    }, 0);
  }

  /**
   * @param {string} targetName
   * @param {string} modelId
   * @param {any} [data]
   * @param {any} [metadata]
   * @param {any[]} [buffers]
   * @returns {Promise<any>}
   */
  _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = new PageComm(this.host, modelId, targetName);
    this.host.comms.set(modelId, comm);
    if (data || metadata) comm.open(data, undefined, metadata, buffers);
    return Promise.resolve(comm);
  }

  /** @returns {Promise<any>} */
  _get_comm_info() { return Promise.resolve({}); }

  /**
   * ipywidgets' classes, with the views this page mends (views.js).
   * @param {string} className
   * @param {string} moduleName
   * @param {string} moduleVersion
   * @returns {Promise<any>}
   */
  async loadClass(className, moduleName, moduleVersion) {
    const loaded = await super.loadClass(className, moduleName, moduleVersion);
    return moduleName === "@jupyter-widgets/controls" ? mended(className, loaded) : loaded;
  }
}
