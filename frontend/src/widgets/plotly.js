// @ts-check
/* Plotly figures in an Output widget (application/vnd.plotly.v1+json), drawn
 * with the page's shared plotly.js (loaded by charts.js) and coloured for the
 * page's light or dark mode (../site/theme.js). */
import { Widget } from "@lumino/widgets";
import { addedAxes, themed } from "../site/theme.js";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

// When the last change went to Python, its first answer came back, and the
// chart was drawn again (performance.now(), ms): the benchmark splits a
// redraw by these, so the next change knows where the time goes.
export const timing = { sent: 0, answered: 0, drawStart: 0, drawn: 0 };

/** @returns {any} the helpers charts.js exposes */
function charts() {
  // charts.js is on every widget page (companion_tools/sphinx/assets.py).
  const helpers = /** @type {any} */ (window).LearningRegionsCharts;
  if (!helpers) throw new Error("charts.js is missing from the page");
  return helpers;
}

function isDark() {
  return document.documentElement.dataset.theme === "dark";
}

/** @typedef {HTMLDivElement & {layout?: Record<string, any>, lrLayoutText?: string}} PlotDiv */

// The plot a widget's Output showed last, by the Output's DOM node. An Output
// is cleared and refilled on every change; drawing the new figure into the
// plot it had (Plotly.react) only redraws what changed, where a fresh div
// would be a whole new plot.
/** @type {WeakMap<Element, PlotDiv>} */
const lastPlot = new WeakMap();

export class PlotlyRenderer extends Widget {
  /** @param {{mimeType: string}} options */
  constructor(options) {
    super();
    this.mimeType = options.mimeType;
    this.addClass("lr-inpage-plot-slot");
  }

  /** @param {{data: Record<string, any>}} model */
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
    let plot = output ? lastPlot.get(output) : undefined;
    if (!plot) {
      plot = /** @type {PlotDiv} */ (document.createElement("div"));
      plot.className = "lr-inpage-plot";
      if (output) lastPlot.set(output, plot);
    }
    this.node.appendChild(plot);
    const layout = helpers.fitWide(plot, spec.layout || {}, (output || this.node).clientWidth);
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
    const Plotly = /** @type {any} */ (window).Plotly;
    await Plotly.react(plot, spec.data, sameLayout ? plot.layout : themed(layout, isDark()), config);
    if (!sameLayout) {
      // Axes that plotly.js added by itself (not in the spec) get their colours
      // now; a kept layout has them already.
      const left = addedAxes(plot.layout || {}, spec.layout, isDark());
      if (Object.keys(left).length) await Plotly.relayout(plot, left);
    }
    timing.drawn = performance.now();
    plot.dataset.drawn = String(Date.now());
  }
}
