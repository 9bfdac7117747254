// Plotly's toolbar: on the laptop when the pointer is over a chart, never on a phone or a touch screen;
// never a button that sends the chart to another host.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chartConfig, scrollNotZoom, wideWidth } from "../src/site/chart-config.js";

const cases = [
  ["a laptop", [], "hover"],
  ["a phone (narrow and touch)", ["(max-width: 640px)", "(pointer: coarse)"], false],
  ["a narrow window with a mouse", ["(max-width: 640px)"], false],
  ["a tablet (wide, touch)", ["(pointer: coarse)"], false],
];
for (const [what, true_queries, shown] of cases) {
  test(`the toolbar on ${what}: ${shown}`, () => {
    const config = chartConfig((query) => true_queries.includes(query));
    assert.equal(config.displayModeBar, shown);
    assert.equal(config.displaylogo, false);
    assert.equal(config.showSendToCloud, false);
    assert.equal(config.responsive, true);
  });
}

// A chart that asks for a width (layout.meta.min_width) is drawn that wide, scrolling
// sideways, only when its column is narrower; every other chart fits its column.

const widths = [
  ["the network on a phone", { meta: { min_width: 600 } }, 358, 600],
  ["the network on a laptop", { meta: { min_width: 600 } }, 760, 0],
  ["the network in a column just wide enough", { meta: { min_width: 600 } }, 600, 0],
  ["a chart that asks for nothing", { title: { text: "x" } }, 358, 0],
  ["no layout", undefined, 358, 0],
  ["a width that is not a number", { meta: { min_width: "wide" } }, 358, 0],
  ["a column not measured yet", { meta: { min_width: 600 } }, 0, 0],
];
for (const [what, layout, available, expected] of widths) {
  test(`the width for ${what}: ${expected}`, () => {
    assert.equal(wideWidth(layout, available), expected);
  });
}

test("a sideways-scrolling chart neither zooms nor pans on a drag, and keeps its own axes", () => {
  const layout = { title: { text: "t" }, xaxis: { visible: false, range: [0, 1] }, yaxis: { scaleanchor: "x" } };
  const fixed = scrollNotZoom(layout);
  assert.equal(fixed.dragmode, false);
  assert.deepEqual(fixed.xaxis, { visible: false, range: [0, 1], fixedrange: true });
  assert.deepEqual(fixed.yaxis, { scaleanchor: "x", fixedrange: true });
  assert.equal(layout.dragmode, undefined, "the figure's own layout is not changed");
  assert.deepEqual(scrollNotZoom({}).xaxis, { fixedrange: true });
});
