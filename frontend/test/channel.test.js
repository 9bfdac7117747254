// The channel's decisions: which worker, and what to say again when a shared worker stays silent.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { firstRoute, keepShared, Unheard } from "../src/inpage/channel.js";

describe("which worker", () => {
  const first = [
    [{ sharedWorkerExists: true, dedicatedAsked: false }, "shared"],
    [{ sharedWorkerExists: true, dedicatedAsked: true }, "dedicated"],
    [{ sharedWorkerExists: false, dedicatedAsked: false }, "dedicated"],
  ];
  for (const [where, route] of first) {
    test(`first ${JSON.stringify(where)} -> ${route}`, () => assert.equal(firstRoute(where), route));
  }
  const kept = [
    [{ made: true, keepsAlive: true }, "shared"],
    [{ made: true, keepsAlive: false }, "dedicated"], // the browser ignores extendedLifetime: it would die with the page
    [{ made: false, keepsAlive: false }, "dedicated"], // no module SharedWorker
  ];
  for (const [shared, route] of kept) {
    test(`keep ${JSON.stringify(shared)} -> ${route}`, () => assert.equal(keepShared(shared), route));
  }
});

describe("the watchdog", () => {
  test("a shared worker starts one watchdog, for the first message", () => {
    const unheard = new Unheard();
    assert.equal(unheard.said("start", true), true);
    assert.equal(unheard.said("build", true), false);
    assert.deepEqual(unheard.expired(), ["start", "build"]);
  });
  test("a dedicated worker needs none", () => {
    const unheard = new Unheard();
    assert.equal(unheard.said("start", false), false);
  });
  test("once the worker spoke, nothing is said again", () => {
    const unheard = new Unheard();
    unheard.said("start", true);
    unheard.answered();
    assert.equal(unheard.expired(), null);
    assert.equal(unheard.said("build", true), false);
    assert.deepEqual(unheard.messages, []);
  });
});
