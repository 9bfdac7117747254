// Plotly's toolbar: on the laptop when the pointer is over a chart, never on a phone or a touch screen.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chartConfig } from "../src/site/chart-config.js";

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
    assert.equal(config.responsive, true);
  });
}
