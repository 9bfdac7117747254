// @ts-check
/* Chart text follows the page's light or dark mode: the figure's colours
 * stay, text and grid colours change for every axis the chart has. Pure
 * functions of a Plotly layout (charts.js and the live widgets' renderer use
 * them; the tests run them in Node). */

/**
 * @typedef {Record<string, any>} Layout
 * @typedef {Record<string, string>} LayoutUpdate  dotted paths, as Plotly.relayout takes them
 */

/**
 * The colours for `layout` in light or dark mode, as a Plotly.relayout update.
 * @param {Layout | null | undefined} layout
 * @param {boolean} dark
 * @returns {LayoutUpdate}
 */
export function themeLayout(layout, dark) {
  const ink = dark ? "#e8e8e8" : "#1f1f1f";
  const grid = dark ? "#4a4a4a" : "#e2e2e2";
  /** @type {LayoutUpdate} */
  const update = {
    "font.color": ink,
    "title.font.color": ink,
    "legend.font.color": ink,
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
  };
  Object.keys(layout || {}).forEach(function (key) {
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

/**
 * A copy of `layout` with `update`'s dotted paths written into it (what
 * Plotly.relayout would make of it), so that one Plotly.react draws the
 * figure already themed.
 * @param {Layout | null | undefined} layout
 * @param {LayoutUpdate} update
 * @returns {Layout}
 */
export function withUpdate(layout, update) {
  /** @type {Layout} */
  const copy = JSON.parse(JSON.stringify(layout || {}));
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

/**
 * `layout` in the page's colours.
 * @param {Layout | null | undefined} layout
 * @param {boolean} dark
 */
export function themed(layout, dark) {
  return withUpdate(layout, themeLayout(layout, dark));
}

/**
 * Of the colours `drawn` (a layout plotly.js completed) needs, those for the
 * axes plotly.js added by itself, which `spec` (the figure as sent) lacks.
 * @param {Layout} drawn
 * @param {Layout | null | undefined} spec
 * @param {boolean} dark
 * @returns {LayoutUpdate}
 */
export function addedAxes(drawn, spec, dark) {
  const missed = themeLayout(drawn, dark);
  /** @type {LayoutUpdate} */
  const left = {};
  Object.keys(missed).forEach(function (path) {
    if (!(path.split(".")[0] in (spec || {})) && /^(x|y)axis|^polar|^ternary|^geo/.test(path)) left[path] = missed[path];
  });
  return left;
}
