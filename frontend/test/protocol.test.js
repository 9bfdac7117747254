// The page's and the worker's checks of messages against protocol.json.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hasType, limit, make, problemWith } from "../src/protocol.js";
import { PROTOCOL } from "./helpers.js";

describe("hasType", () => {
  const cases = [
    ["string", "a", true], ["string", 1, false], ["number", 1.5, true], ["number", NaN, false],
    ["number", "1", false], ["boolean", false, true], ["object", {}, true], ["object", [], false],
    ["object", null, false], ["array", [], true], ["string[]", ["a", "b"], true], ["string[]", ["a", 1], false],
    ["string|null", null, true], ["string|null", undefined, false], ["number?", 3, true], ["any", undefined, true],
  ];
  for (const [declared, value, expected] of cases) {
    test(`${declared} ${expected ? "takes" : "refuses"} ${JSON.stringify(value)}`, () => {
      assert.equal(hasType(declared, value), expected);
    });
  }
  test("an unknown type in the protocol is a mistake, said at once", () => {
    assert.throws(() => hasType("strnig", "a"), /unknown type: strnig/);
  });
});

describe("problemWith", () => {
  const cases = [
    ["page_to_worker", { type: "bye" }, null],
    ["page_to_worker", { type: "build", id: "b1", key: "k/1", cells: ["x"], log: "[]" }, null],
    ["page_to_worker", { type: "build", id: "b1", key: "k/1", cells: ["x"] }, "build: log is missing"],
    ["page_to_worker", { type: "build", id: "b1", key: "k/1", cells: [1], log: "[]" }, "build: cells should be string[]"],
    ["page_to_worker", { type: "start", pyodideUrl: "p", lockFileURL: "l", packages: [] }, null],
    ["page_to_worker", { type: "start", pyodideUrl: "p", lockFileURL: "l", packages: [], idleCloseMs: "5" },
      "start: idleCloseMs should be number"],
    ["page_to_worker", { type: "ready", shared: true }, '"ready" is not a page_to_worker message'],
    ["page_to_worker", { type: "toString" }, '"toString" is not a page_to_worker message'],
    ["page_to_worker", [1, 2], "a message must be an object"],
    ["page_to_worker", null, "a message must be an object"],
    ["worker_to_page", { type: "error", id: null, message: "m" }, null],
    ["worker_to_page", { type: "idle", msgId: 7 }, "idle: msgId should be string|null"],
    ["python_to_page", { msg_type: "lr_keep", content: { key: "k", log: [] } }, null],
    ["python_to_page", { msg_type: "lr_keep", content: { key: "k" } }, "lr_keep: log is missing"],
    ["python_to_page", { msg_type: "lr_other", content: {} }, '"lr_other" is not a python_to_page message'],
  ];
  for (const [direction, message, expected] of cases) {
    test(`${direction} ${JSON.stringify(message)}`, () => {
      assert.equal(problemWith(PROTOCOL, direction, message), expected);
    });
  }
});

test("make adds the type and refuses a message the protocol does not allow", () => {
  assert.deepEqual(make(PROTOCOL, "worker_to_page", "heard"), { type: "heard" });
  assert.deepEqual(make(PROTOCOL, "worker_to_page", "idle", { msgId: "page-1" }), { type: "idle", msgId: "page-1" });
  assert.throws(() => make(PROTOCOL, "worker_to_page", "idle", {}), /idle: msgId is missing/);
  assert.throws(() => make(PROTOCOL, "worker_to_page", "hello"), /not a worker_to_page message/);
});

test("limits are numbers, read by name", () => {
  assert.equal(limit(PROTOCOL, "log_entries"), 400);
  assert.throws(() => limit(PROTOCOL, "nothing"), /no limit nothing/);
});
