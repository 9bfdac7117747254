/* Draws the Plotly charts that the book build placed on this page.
 *
 * Each chart is a <div class="lr-chart" data-figure="ID"> next to a
 * <script type="application/json" id="ID"> holding the figure. Written for
 * this book; plotly.js itself is a bundle made at build time from the pinned
 * npm package (companion_tools/sphinx/plotly_bundle.py).
 *
 * Drawing a chart is heavy work for a phone, so nothing is done until a chart
 * comes near the screen: then plotly.js is loaded (once, from this script's
 * own folder, named in data-plotly-file) and the charts in view are drawn one
 * per frame, so that the page stays responsive. Printing draws them all.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var here = script ? script.src : window.location.href;
  var plotlyUrl = new URL(script.dataset.plotlyFile, here).href;

  var CONFIG = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
  };

  function isDark() {
    return document.documentElement.dataset.theme === "dark";
  }

  // Chart text follows the page's light or dark mode: the figure's colours
  // stay, text and grid colours change for every axis the chart has.
  function themeLayout(container) {
    var dark = isDark();
    var ink = dark ? "#e8e8e8" : "#1f1f1f";
    var grid = dark ? "#4a4a4a" : "#e2e2e2";
    var update = {
      "font.color": ink,
      "title.font.color": ink,
      "legend.font.color": ink,
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
    };
    var layout = container.layout || {};
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = grid;
        update[key + ".color"] = ink;
      } else if (/^polar\d*$/.test(key)) {
        update[key + ".bgcolor"] = "rgba(0,0,0,0)";
        update[key + ".radialaxis.gridcolor"] = grid;
        update[key + ".angularaxis.gridcolor"] = grid;
        update[key + ".radialaxis.color"] = ink;
        update[key + ".angularaxis.color"] = ink;
      } else if (/^ternary\d*$/.test(key)) {
        update[key + ".bgcolor"] = "rgba(0,0,0,0)";
        ["aaxis", "baxis", "caxis"].forEach(function (axis) {
          update[key + "." + axis + ".gridcolor"] = grid;
          update[key + "." + axis + ".color"] = ink;
        });
      } else if (/^geo\d*$/.test(key)) {
        update[key + ".bgcolor"] = "rgba(0,0,0,0)";
      }
    });
    return update;
  }

  function showFailure(container, reason) {
    container.textContent =
      "This chart could not be drawn (" + reason + "). The numbers behind it are in the table below the chart.";
    container.classList.add("lr-chart-failed");
  }

  var plotlyState = "idle"; // idle -> loading -> ready | failed
  var waiting = [];

  var failing = [];

  function withPlotly(callback, onFailure) {
    if (plotlyState === "ready") return callback();
    if (plotlyState === "failed") return onFailure && onFailure(new Error("plotly.js did not load"));
    waiting.push(callback);
    if (onFailure) failing.push(onFailure);
    if (plotlyState !== "idle") return;
    plotlyState = "loading";
    var tag = document.createElement("script");
    tag.src = plotlyUrl;
    tag.onload = function () {
      plotlyState = "ready";
      window.Plotly.setPlotConfig({
        // Maps draw land from the topojson files the build copied next to
        // this script, instead of fetching them from Plotly's CDN.
        topojsonURL: new URL("topojson/", here).href,
      });
      waiting.splice(0).forEach(function (run) { run(); });
    };
    tag.onerror = function () {
      plotlyState = "failed";
      failing.splice(0).forEach(function (fail) { fail(new Error("plotly.js did not load")); });
      charts.forEach(function (c) { if (!c.classList.contains("js-plotly-plot")) showFailure(c, "plotly.js did not load"); });
    };
    document.head.appendChild(tag);
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.figure);
    if (!source) return showFailure(container, "its data is missing from the page");
    try {
      var figure = JSON.parse(source.textContent);
      return window.Plotly.newPlot(container, figure.data, figure.layout, CONFIG).then(function () {
        return window.Plotly.relayout(container, themeLayout(container));
      });
    } catch (error) {
      showFailure(container, error.message);
    }
  }

  // Charts waiting to be drawn, drawn one per animation frame.
  var queue = [];
  var drawing = false;

  function drawNext() {
    var container = queue.shift();
    if (!container) { drawing = false; return; }
    Promise.resolve(draw(container)).then(function () {
      window.requestAnimationFrame(function () { window.setTimeout(drawNext, 0); });
    });
  }

  function request(container) {
    if (container.dataset.queued) return;
    container.dataset.queued = "yes";
    queue.push(container);
    withPlotly(function () {
      if (!drawing) { drawing = true; drawNext(); }
    });
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll(".lr-chart"));
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          request(entry.target);
        }
      });
    }, { rootMargin: "400px 0px" });
    charts.forEach(function (container) { observer.observe(container); });
  } else {
    charts.forEach(request);
  }
  window.addEventListener("beforeprint", function () { charts.forEach(request); });

  // Re-colour the drawn charts (and the live widgets' charts, live-widgets.js)
  // when the reader switches light and dark mode.
  new MutationObserver(function () {
    document.querySelectorAll(".lr-chart.js-plotly-plot, .lr-inpage-plot.js-plotly-plot").forEach(function (container) {
      window.Plotly.relayout(container, themeLayout(container));
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

  // For the live widgets' charts (live-widgets.js): the same plotly.js, look and colours.
  window.LearningRegionsCharts = {
    withPlotly: withPlotly,
    themeLayout: themeLayout,
    config: CONFIG,
    plainText: function (text) {
      // DOMParser runs no script and loads nothing: a title is only read.
      var doc = new DOMParser().parseFromString(String(text).replace(/<br\s*\/?>/gi, " "), "text/html");
      return doc.body.textContent.replace(/\s+/g, " ").trim();
    },
  };
})();
