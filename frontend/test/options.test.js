// window.lrInpageOptions: one options object, read once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULTS, readOptions } from "../src/inpage/options.js";

const cases = [
  ["nothing set", undefined, {}],
  ["not an object", "dedicated", {}],
  ["the dedicated route", { dedicatedWorker: true }, { dedicatedWorker: true }],
  ["no early start", { earlyStart: false }, { earlyStart: false }],
  ["a shorter watchdog", { heardWithinMs: 0 }, { heardWithinMs: 0 }],
  ["an idle close", { idleCloseMs: 1500 }, { idleCloseMs: 1500 }],
  ["wrong types keep the defaults", { dedicatedWorker: "yes", heardWithinMs: -1, idleCloseMs: Infinity, earlyStart: 0 }, {}],
  ["unknown names are ignored", { somethingElse: 1 }, {}],
];
for (const [name, given, changed] of cases) {
  test(name, () => {
    assert.deepEqual(readOptions(given), { ...DEFAULTS, ...changed });
  });
}
