// The plotly.js entry frontend/build.mjs bundles: one module per listed trace type.
import assert from "node:assert/strict";
import { test } from "node:test";
import { plotlyEntry } from "../build.mjs";

const cases = [
  [["scatter"], []],
  [["scatter", "bar"], ["bar"]],
  [["bar", "scattergeo", "scatterpolar"], ["bar", "scattergeo", "scatterpolar"]],
];
for (const [traces, modules] of cases) {
  test(`${traces.join(", ")} -> ${modules.join(", ") || "core only"}`, () => {
    const entry = plotlyEntry(traces);
    assert.match(entry, /require\("plotly\.js\/lib\/core"\)/);
    assert.deepEqual([...entry.matchAll(/require\("plotly\.js\/lib\/(\w+)"\)/g)].map((m) => m[1]).filter((m) => m !== "core"), modules);
  });
}
