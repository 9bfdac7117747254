// The kept answers: their keys, what a kept log may hold, and what happens when storage refuses.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AUTO_KEY, KeptAnswers, asideKey, entryProblem, keptKey, keptText, logProblem, readKept } from "../src/inpage/storage.js";
import { MemoryStorage, PROTOCOL } from "./helpers.js";

const LIMITS = Object.fromEntries(Object.entries(PROTOCOL.limits).map(([name, entry]) => [name, entry.value]));
const SLIDER = { path: "1.0", data: { method: "update", state: { value: 3 } } };
const CLICK = { path: "2.0", data: { method: "custom", content: { event: "click" } } };

describe("keys", () => {
  const cases = [
    [keptKey, "/notebooks/pnc-readings.html", "pnc-readings/1", "lr-inpage:/notebooks/pnc-readings.html:pnc-readings/1"],
    [keptKey, "/companion/notebooks/x.html", "x/3", "lr-inpage:/companion/notebooks/x.html:x/3"],
    [asideKey, "/notebooks/x.html", "x/3", "lr-inpage-aside:/notebooks/x.html:x/3"],
  ];
  for (const [make, pathname, widget, key] of cases) {
    test(`${make.name}(${pathname}, ${widget})`, () => assert.equal(make(pathname, widget), key));
  }
  test("a kept key names its widget; others name none", () => {
    const kept = new KeptAnswers(null, "/p.html", LIMITS);
    assert.equal(kept.widgetOf("lr-inpage:/p.html:w/1"), "w/1");
    assert.equal(kept.widgetOf("lr-inpage:/q.html:w/1"), null);
    assert.equal(kept.widgetOf(AUTO_KEY), null);
    assert.equal(kept.widgetOf(null), null);
  });
});

describe("what a kept entry may be", () => {
  const cases = [
    ["a slider's value", SLIDER, null],
    ["a click", CLICK, null],
    ["a choice", { path: "0.0", data: { method: "update", state: { index: 2 } } }, null],
    ["no choice", { path: "0.0", data: { method: "update", state: { index: null } } }, null],
    ["a range", { path: "3", data: { method: "update", state: { value: [1, 2] } } }, null],
    ["typed text", { path: "6", data: { method: "update", state: { value: "my argument" } } }, null],
    ["the root itself", { path: "", data: { method: "update", state: { value: true } } }, null],
    ["a number", 3, "an entry is not {path, data}"],
    ["no data", { path: "1" }, "an entry is not {path, data}"],
    ["more keys", { ...SLIDER, extra: 1 }, "an entry is not {path, data}"],
    ["a path that is no place", { path: "1.x", data: SLIDER.data }, "an entry's path is not a widget's place"],
    ["a path too deep", { path: Array(20).fill("0").join("."), data: SLIDER.data }, "an entry's path is not a widget's place"],
    ["a path that is a number", { path: 1, data: SLIDER.data }, "an entry's path is not a widget's place"],
    ["markup as a description", { path: "1", data: { method: "update", state: { description: "<b>" } } },
      "an entry sets what no reader sets"],
    ["two keys", { path: "1", data: { method: "update", state: { value: 1, index: 2 } } }, "an entry sets what no reader sets"],
    ["a message no reader sends", { path: "1", data: { method: "request_state" } }, "an entry is a message no reader sends"],
    ["a custom message other than a click", { path: "1", data: { method: "custom", content: { event: "x" } } },
      "an entry is a message no reader sends"],
    ["buffers", { path: "1", data: { method: "update", state: { value: 1 }, buffer_paths: [] } },
      "an entry is a message no reader sends"],
    ["an object as a value", { path: "1", data: { method: "update", state: { value: { a: 1 } } } },
      "an entry's value is not a number, a choice, a yes/no or a text"],
    ["a deep array", { path: "1", data: { method: "update", state: { value: [[1]] } } },
      "an entry's value is not a number, a choice, a yes/no or a text"],
    ["a text too long", { path: "1", data: { method: "update", state: { value: "x".repeat(LIMITS.kept_text_chars + 1) } } },
      "an entry's text is too long"],
  ];
  for (const [name, entry, problem] of cases) {
    test(name, () => assert.equal(entryProblem(entry, LIMITS), problem));
  }
});

describe("reading a kept text", () => {
  const deep = "[".repeat(20000) + "]".repeat(20000);
  const cases = [
    ["nothing kept", null, { log: [], problem: null }],
    ["a record", keptText([SLIDER, CLICK], 1700000000000), { log: [SLIDER, CLICK], at: 1700000000000, problem: null }],
    ["an older bare list", JSON.stringify([SLIDER]), { log: [SLIDER], at: null, problem: null }],
    ["not JSON", "{nope", { log: [], problem: "the kept answers are not JSON" }],
    ["a list of numbers", "[1,2,3]", { log: [], problem: "an entry is not {path, data}" }],
    ["20,000 levels deep", deep, { log: [], problem: "an entry is not {path, data}" }],
    ["an object", '{"path": "1"}', { log: [], problem: "the kept answers are not a list" }],
    ["too long", JSON.stringify(Array(5000).fill(SLIDER)), { log: [], problem: "the kept answers are too long" }],
    ["too many", JSON.stringify(Array(LIMITS.log_entries + 1).fill(CLICK)), { log: [], problem: "the kept answers are too many" }],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => {
      const kept = readKept(text, LIMITS);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(kept[key], value, key);
    });
  }
  test("a whole log is checked, entry by entry", () => {
    assert.equal(logProblem([SLIDER, CLICK, { path: "9" }], LIMITS), "an entry is not {path, data}");
  });
});

describe("keeping", () => {
  test("a log is kept with its time, read back, and forgotten when empty", () => {
    const store = new MemoryStorage();
    const kept = new KeptAnswers(store, "/p.html", LIMITS, () => 42);
    assert.equal(kept.read("w/1").text, null);
    assert.equal(kept.keep("w/1", [SLIDER]), "kept");
    assert.deepEqual(kept.read("w/1"), { log: [SLIDER], at: 42, problem: null, text: keptText([SLIDER], 42) });
    kept.keep("w/1", []);
    assert.equal(store.getItem(keptKey("/p.html", "w/1")), null);
  });

  test("no storage (private mode, blocked): nothing is kept, and it says so", () => {
    const kept = new KeptAnswers(null, "/p.html", LIMITS);
    assert.equal(kept.keep("w/1", [SLIDER]), "unavailable");
    assert.equal(kept.read("w/1").text, null);
    assert.equal(kept.autoStart(), false);
  });

  test("a full storage says so (issue 22, item 5)", () => {
    const kept = new KeptAnswers(new MemoryStorage(100), "/p.html", LIMITS);
    assert.equal(kept.keep("w/1", [{ ...SLIDER, data: { method: "update", state: { value: "x".repeat(200) } } }]), "full");
  });

  test("a tab another tab overwrote keeps nothing more, until it clears (item 4)", () => {
    const store = new MemoryStorage();
    const mine = new KeptAnswers(store, "/p.html", LIMITS, () => 1);
    const theirs = new KeptAnswers(store, "/p.html", LIMITS, () => 2);
    mine.keep("w/1", [SLIDER]);
    theirs.keep("w/1", [CLICK]);
    mine.displace("w/1"); // the storage event
    assert.equal(mine.keep("w/1", [SLIDER, SLIDER]), "displaced");
    assert.deepEqual(mine.read("w/1").log, [CLICK]);
    mine.clear("w/1");
    assert.equal(mine.keep("w/1", [SLIDER]), "kept");
  });

  test("what cannot be replayed is set aside, not deleted, and can be removed (item 2)", () => {
    const store = new MemoryStorage();
    const kept = new KeptAnswers(store, "/p.html", LIMITS);
    store.setItem(keptKey("/p.html", "w/1"), "[1,2,3]");
    assert.equal(kept.setAside("w/1", "[1,2,3]"), true);
    assert.equal(store.getItem(keptKey("/p.html", "w/1")), null);
    assert.equal(store.getItem(asideKey("/p.html", "w/1")), "[1,2,3]");
    assert.equal(kept.hasAside("w/1"), true);
    kept.removeAside("w/1");
    assert.equal(kept.hasAside("w/1"), false);
  });

  test("clear gives back what it took, for an undo (item 13)", () => {
    const store = new MemoryStorage();
    const kept = new KeptAnswers(store, "/p.html", LIMITS, () => 7);
    kept.keep("w/1", [CLICK]);
    const taken = kept.clear("w/1");
    assert.equal(kept.read("w/1").text, null);
    assert.equal(kept.restore("w/1", taken), true);
    assert.deepEqual(kept.read("w/1").log, [CLICK]);
  });

  test("the choice to start by itself", () => {
    const store = new MemoryStorage();
    const kept = new KeptAnswers(store, "/p.html", LIMITS);
    kept.setAutoStart(true);
    assert.equal(store.getItem(AUTO_KEY), "yes");
    assert.equal(kept.autoStart(), true);
    kept.setAutoStart(false);
    assert.equal(kept.autoStart(), false);
  });
});
