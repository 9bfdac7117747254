// Chart colours for light and dark mode (site/theme.js), for static charts and live widgets alike.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addedAxes, themeLayout, themed, withUpdate } from "../src/site/theme.js";

describe("themeLayout", () => {
  const cases = [
    ["no layout, light", null, false, { "font.color": "#1f1f1f" }],
    ["an x axis, dark", { xaxis: {} }, true, { "xaxis.gridcolor": "#4a4a4a", "xaxis.color": "#e8e8e8" }],
    ["a second y axis", { yaxis2: {} }, false, { "yaxis2.gridcolor": "#e2e2e2" }],
    ["a polar subplot", { polar: {} }, true, { "polar.radialaxis.color": "#e8e8e8", "polar.bgcolor": "rgba(0,0,0,0)" }],
    ["a ternary subplot", { ternary: {} }, false, { "ternary.caxis.gridcolor": "#e2e2e2" }],
    ["a map", { geo: {} }, false, { "geo.bgcolor": "rgba(0,0,0,0)" }],
  ];
  for (const [name, layout, dark, expected] of cases) {
    test(name, () => {
      const update = themeLayout(layout, dark);
      for (const [path, colour] of Object.entries(expected)) assert.equal(update[path], colour, path);
    });
  }
  test("axes it does not know are left alone", () => {
    assert.deepEqual(Object.keys(themeLayout({ xaxisfoo: {}, title: {} }, false)).filter((k) => k.startsWith("xaxis")), []);
  });
});

test("withUpdate writes dotted paths into a copy and leaves the layout as it was", () => {
  const layout = { title: { text: "T" }, xaxis: { range: [0, 1] } };
  const copy = withUpdate(layout, { "title.font.color": "red", "xaxis.color": "blue", paper_bgcolor: "white" });
  assert.deepEqual(copy, { title: { text: "T", font: { color: "red" } }, xaxis: { range: [0, 1], color: "blue" }, paper_bgcolor: "white" });
  assert.deepEqual(layout, { title: { text: "T" }, xaxis: { range: [0, 1] } });
});

test("themed is the layout with its own colours", () => {
  assert.equal(themed({ polar: {} }, true).polar.radialaxis.gridcolor, "#4a4a4a");
});

test("addedAxes colours only the axes plotly.js added by itself", () => {
  const drawn = { xaxis: {}, yaxis: {}, polar: {}, font: {} };
  const spec = { polar: {} };
  assert.deepEqual(Object.keys(addedAxes(drawn, spec, false)).sort(),
    ["xaxis.color", "xaxis.gridcolor", "yaxis.color", "yaxis.gridcolor"]);
});
