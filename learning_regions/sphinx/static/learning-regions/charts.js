/* Draws the Plotly charts that the book build placed on this page.
 *
 * Each chart is a <div class="lr-chart" data-figure="ID"> next to a
 * <script type="application/json" id="ID"> holding the figure. This file and
 * plotly.js are loaded with `defer`, so they run in order once the page is
 * parsed. Written for this book; plotly.js itself comes from the installed
 * plotly package at build time.
 */
(function () {
  "use strict";

  // Maps draw land from the topojson files the build copied next to this
  // script, instead of fetching them from Plotly's CDN.
  var here = document.currentScript ? document.currentScript.src : window.location.href;
  if (window.Plotly) {
    window.Plotly.setPlotConfig({ topojsonURL: new URL("topojson/", here).href });
  }

  var CONFIG = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
  };

  function isDark() {
    return document.documentElement.dataset.theme === "dark";
  }

  // Chart text follows the page's light or dark mode. The figure's own colours
  // are kept for light mode; dark mode swaps text and grid colours only.
  function themeLayout() {
    var dark = isDark();
    var ink = dark ? "#e8e8e8" : "#1f1f1f";
    var grid = dark ? "#4a4a4a" : "#e2e2e2";
    return {
      "font.color": ink,
      "title.font.color": ink,
      "legend.font.color": ink,
      "paper_bgcolor": "rgba(0,0,0,0)",
      "plot_bgcolor": "rgba(0,0,0,0)",
      "xaxis.gridcolor": grid,
      "yaxis.gridcolor": grid,
      "xaxis.color": ink,
      "yaxis.color": ink,
    };
  }

  function showFailure(container, error) {
    container.textContent =
      "This chart could not be drawn (" + error + "). The numbers behind it are in the table below the chart.";
    container.classList.add("lr-chart-failed");
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.figure);
    if (!source) {
      showFailure(container, "its data is missing from the page");
      return;
    }
    if (typeof window.Plotly === "undefined") {
      showFailure(container, "plotly.js did not load");
      return;
    }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(container, figure.data, figure.layout, CONFIG).then(function () {
      window.Plotly.relayout(container, themeLayout());
    });
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll(".lr-chart"));
  charts.forEach(function (container) {
    try {
      draw(container);
    } catch (error) {
      showFailure(container, error.message);
    }
  });

  // Re-colour the charts when the reader switches between light and dark mode.
  new MutationObserver(function () {
    charts.forEach(function (container) {
      if (container.classList.contains("js-plotly-plot")) {
        window.Plotly.relayout(container, themeLayout());
      }
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
