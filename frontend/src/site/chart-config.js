// @ts-check
/**
 * Plotly's options for every chart of the site (and the live widgets' plots,
 * which take them through LearningRegionsCharts.config). On a narrow screen
 * or a touch screen the toolbar would sit over the chart's title, and a tap
 * shows it: it is left out there (zoom and pan stay on the chart itself).
 * plotly.js 4 adds a "Share chart" button that uploads the chart to Plotly
 * Cloud; a reader's scores never leave the page, so it is always off.
 * @param {(query: string) => boolean} matches
 */
export function chartConfig(matches) {
  const small = matches("(max-width: 640px)") || matches("(pointer: coarse)");
  return {
    responsive: true,
    displaylogo: false,
    showSendToCloud: false,
    displayModeBar: small ? false : "hover",
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
  };
}

/**
 * The width (px) a chart needs when its column is narrower than the width its
 * layout asks for (`layout.meta.min_width`: the Preface's network, whose map
 * keeps true directions and so shrinks to a sliver on a phone); 0 when it fits.
 * The chart is then drawn that wide, in a box that scrolls sideways.
 * @param {Record<string, any> | undefined} layout
 * @param {number} available the column's width, px
 */
export function wideWidth(layout, available) {
  const wanted = Number(layout && layout.meta && layout.meta.min_width) || 0;
  return wanted > 0 && available > 0 && available < wanted ? wanted : 0;
}

/**
 * A chart in a sideways-scrolling box is on a narrow screen, mostly a touch
 * one: a swipe there must scroll the box and the page, not draw a zoom box
 * (plotly.js's drag would zoom, and "double-click to zoom back out" cannot be
 * done by touch). Applied to the layout before drawing.
 * @param {Record<string, any>} layout
 * @returns {Record<string, any>}
 */
export function scrollNotZoom(layout) {
  const axis = (/** @type {Record<string, any> | undefined} */ a) => Object.assign({}, a || {}, { fixedrange: true });
  return Object.assign({}, layout, { dragmode: false, xaxis: axis(layout.xaxis), yaxis: axis(layout.yaxis) });
}

/**
 * Put `chart` in a box that scrolls sideways (made once, with a line above it
 * saying so, styled as site-fixes.js's line over a wide table: .lr-scroll-hint),
 * the chart `width` px wide; the box takes the keyboard focus, so the arrow keys
 * scroll it too.
 * @param {HTMLElement} chart
 * @param {number} width
 */
export function scrollSideways(chart, width) {
  chart.style.width = width + "px";
  chart.style.minWidth = width + "px";
  const parent = chart.parentElement;
  if (!parent || parent.classList.contains("lr-chart-scroll")) return;
  const box = document.createElement("div");
  box.className = "lr-chart-scroll";
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "Chart, wider than the screen: scroll sideways to see all of it");
  parent.insertBefore(box, chart);
  box.appendChild(chart);
  const hint = document.createElement("p");
  hint.className = "lr-scroll-hint";
  hint.setAttribute("aria-hidden", "true"); // the region's name says it
  hint.textContent = "This chart is wider than the screen: swipe or scroll sideways to see all of it.";
  parent.insertBefore(hint, box);
}

/**
 * The layout to draw `chart` with: when its column is narrower than the layout
 * asks (wideWidth), the chart goes into its sideways-scrolling box and the
 * layout neither zooms nor pans on a drag (scrollNotZoom); else `layout` as it is.
 * @param {HTMLElement} chart
 * @param {Record<string, any>} layout
 * @param {number} available the column's width, px
 * @returns {Record<string, any>}
 */
export function fitWide(chart, layout, available) {
  const wide = wideWidth(layout, available);
  if (!wide) return layout;
  scrollSideways(chart, wide);
  return scrollNotZoom(layout);
}
