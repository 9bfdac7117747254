// Where the kept answers live, and what happens when storage refuses.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AUTO_KEY, KeptAnswers, keptKey } from "../src/inpage/storage.js";
import { MemoryStorage } from "./helpers.js";

const keys = [
  ["/notebooks/pnc-readings.html", "pnc-readings/1", "lr-inpage:/notebooks/pnc-readings.html:pnc-readings/1"],
  ["/companion/notebooks/x.html", "x/3", "lr-inpage:/companion/notebooks/x.html:x/3"],
];
for (const [pathname, widget, key] of keys) {
  test(`the key of ${widget} on ${pathname}`, () => assert.equal(keptKey(pathname, widget), key));
}

test("a log is kept, read back as text and forgotten when empty", () => {
  const store = new MemoryStorage();
  const kept = new KeptAnswers(store, "/p.html");
  assert.equal(kept.text("w/1"), "[]");
  assert.equal(kept.keep("w/1", [{ path: "1", data: {} }]), true);
  assert.equal(kept.text("w/1"), '[{"path":"1","data":{}}]');
  kept.keep("w/1", []);
  assert.equal(store.getItem(keptKey("/p.html", "w/1")), null);
});

test("no storage (private mode, blocked): nothing is kept and nothing breaks", () => {
  const kept = new KeptAnswers(null, "/p.html");
  assert.equal(kept.keep("w/1", [1]), false);
  assert.equal(kept.text("w/1"), "[]");
  assert.equal(kept.autoStart(), false);
});

test("a full storage says it did not keep the log", () => {
  const kept = new KeptAnswers(new MemoryStorage(40), "/p.html");
  assert.equal(kept.keep("w/1", ["x".repeat(100)]), false);
});

test("the choice to start by itself", () => {
  const store = new MemoryStorage();
  const kept = new KeptAnswers(store, "/p.html");
  kept.setAutoStart(true);
  assert.equal(store.getItem(AUTO_KEY), "yes");
  assert.equal(kept.autoStart(), true);
  kept.setAutoStart(false);
  assert.equal(kept.autoStart(), false);
});
