// @ts-check
/* Draws the Plotly charts that the book build placed on this page (built by
 * frontend/build.mjs into _static/learning-regions/charts.js).
 *
 * Each chart is a <div class="lr-chart" data-figure="ID"> next to a
 * <script type="application/json" id="ID"> holding the figure. Written for
 * this book; plotly.js itself is a bundle made at build time from the pinned
 * npm package (frontend/build.mjs, the trace types in frontend/plotly-traces.json).
 *
 * Drawing a chart is heavy work for a phone, so nothing is done until a chart
 * comes near the screen: then plotly.js is loaded (once, from this script's
 * own folder, named in data-plotly-file) and the charts in view are drawn one
 * per frame, so that the page stays responsive. Printing draws them all.
 */
import { themeLayout } from "./theme.js";

/** @typedef {HTMLElement & {layout?: Record<string, any>}} PlotElement */

const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
const here = script ? script.src : window.location.href;
const plotlyUrl = new URL((script && script.dataset.plotlyFile) || "", here).href;
/** @returns {any} plotly.js, once loaded */
import { chartConfig, fitWide } from "./chart-config.js";

const plotly = () => /** @type {any} */ (window).Plotly;

const CONFIG = chartConfig((query) => typeof window.matchMedia === "function" && window.matchMedia(query).matches);

function isDark() {
  return document.documentElement.dataset.theme === "dark";
}

/**
 * @param {HTMLElement} container
 * @param {string} reason
 */
function showFailure(container, reason) {
  container.textContent =
    "This chart could not be drawn (" + reason + "). The numbers behind it are in the table below the chart.";
  container.classList.add("lr-chart-failed");
}

let plotlyState = "idle"; // idle -> loading -> ready | failed
/** @type {(() => void)[]} */
const waiting = [];
/** @type {((error: Error) => void)[]} */
const failing = [];

/**
 * Run `callback` once plotly.js is loaded (loading it the first time).
 * @param {() => void} callback
 * @param {(error: Error) => void} [onFailure]
 */
function withPlotly(callback, onFailure) {
  if (plotlyState === "ready") return callback();
  if (plotlyState === "failed") return onFailure && onFailure(new Error("plotly.js did not load"));
  waiting.push(callback);
  if (onFailure) failing.push(onFailure);
  if (plotlyState !== "idle") return;
  plotlyState = "loading";
  const tag = document.createElement("script");
  tag.src = plotlyUrl;
  tag.onload = function () {
    plotlyState = "ready";
    plotly().setPlotConfig({
      // Maps draw land from the topojson files the build copied next to
      // this script, instead of fetching them from Plotly's CDN.
      topojsonURL: new URL("topojson/", here).href,
    });
    waiting.splice(0).forEach((run) => run());
  };
  tag.onerror = function () {
    plotlyState = "failed";
    failing.splice(0).forEach((fail) => fail(new Error("plotly.js did not load")));
    charts.forEach((c) => { if (!c.classList.contains("js-plotly-plot")) showFailure(c, "plotly.js did not load"); });
  };
  document.head.appendChild(tag);
}

/** @param {PlotElement} container */
function draw(container) {
  const source = document.getElementById(container.dataset.figure || "");
  if (!source) return showFailure(container, "its data is missing from the page");
  try {
    const figure = JSON.parse(source.textContent || "");
    figure.layout = fitWide(container, figure.layout, container.clientWidth);
    return plotly().newPlot(container, figure.data, figure.layout, CONFIG).then(function () {
      return plotly().relayout(container, themeLayout(container.layout, isDark()));
    });
  } catch (error) {
    showFailure(container, /** @type {Error} */ (error).message);
  }
}

// Charts waiting to be drawn, drawn one per animation frame.
/** @type {HTMLElement[]} */
const queue = [];
let drawing = false;

function drawNext() {
  const container = queue.shift();
  if (!container) { drawing = false; return; }
  Promise.resolve(draw(container)).then(function () {
    window.requestAnimationFrame(() => window.setTimeout(drawNext, 0));
  });
}

/** @param {HTMLElement} container */
function request(container) {
  if (container.dataset.queued) return;
  container.dataset.queued = "yes";
  queue.push(container);
  withPlotly(function () {
    if (!drawing) { drawing = true; drawNext(); }
  });
}

const charts = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll(".lr-chart")));
if ("IntersectionObserver" in window) {
  const observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        request(/** @type {HTMLElement} */ (entry.target));
      }
    });
  }, { rootMargin: "400px 0px" });
  charts.forEach((container) => observer.observe(container));
} else {
  charts.forEach(request);
}
window.addEventListener("beforeprint", () => charts.forEach(request));

// Re-colour the drawn charts (and the live widgets' charts, ../widgets/plotly.js)
// when the reader switches light and dark mode.
new MutationObserver(function () {
  document.querySelectorAll(".lr-chart.js-plotly-plot, .lr-inpage-plot.js-plotly-plot").forEach(function (element) {
    const container = /** @type {PlotElement} */ (element);
    plotly().relayout(container, themeLayout(container.layout, isDark()));
  });
}).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

// For the live widgets' charts (../widgets/plotly.js): the same plotly.js and look.
/** @type {any} */ (window).LearningRegionsCharts = {
  withPlotly: withPlotly,
  config: CONFIG,
  fitWide: fitWide,
  /** @param {unknown} text */
  plainText: function (text) {
    // DOMParser runs no script and loads nothing: a title is only read.
    const doc = new DOMParser().parseFromString(String(text).replace(/<br\s*\/?>/gi, " "), "text/html");
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
  },
};
