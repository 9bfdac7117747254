// What the bar says: plain sentences, never a stack trace or a Python name.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as say from "../src/inpage/sentences.js";
import { lengthAfter } from "../src/inpage/a11y.js";

const INTERNALS = /Error|Traceback|undefined|null|toJs|\bsys\b|surrogate|lr_|\bpy/;

const cases = [
  ["no WebAssembly", say.failure({ stage: "wasm" }), /cannot run Python in the page/],
  ["a file that did not load", say.failure({ stage: "load" }), /a file of this site did not load/],
  ["Python stopped", say.failure({ stage: "stopped" }), /Python stopped working in this tab/],
  ["ready", say.ready({ restored: 0, at: null, focused: false }), /^Ready\.$/],
  ["ready, answers back", say.ready({ restored: 3, at: null, focused: false }), /^Ready\. Your answers kept in this browser are back\.$/],
  ["ready, answers back, kept today", say.ready({ restored: 3, at: Date.now(), focused: true }),
    /are back \(kept today at .+\)\. The keyboard focus went to the widget's first control\.$/],
  ["too long", say.tooLong(2000000, 100000), /\(2,000,000 characters; it takes at most 100,000\)\. Nothing was pasted\.$/],
];
for (const [name, sentence, expected] of cases) {
  test(name, () => assert.match(sentence, expected));
}

test("no sentence shows a program's internals", () => {
  const all = [say.PYTHON_PROBLEM, say.STOPPED, say.KEPT_HINT, say.SET_ASIDE, say.DISPLACED, say.DISPLACED_CLEARED,
    say.FULL, say.UNAVAILABLE, say.CLEARED, say.UNDONE, say.CONFIRM_CLEAR, say.failure({ stage: "load" }),
    say.NO_FILES_DROPPED, say.dropped(3, "Load"), say.oneFileOnly(3, "Load"), say.cannotTakeFiles("Load"),
    say.dropHere("Load", true)];
  for (const sentence of all) assert.doesNotMatch(sentence, INTERNALS, sentence);
});

test("storage full says what to do", () => assert.match(say.FULL, /export/));
test("set aside says the answers were kept aside and how to remove them", () => {
  assert.match(say.SET_ASIDE, /kept aside/);
  assert.match(say.SET_ASIDE, /Remove the set-aside answers/);
});

const lengths = [
  ["typing at the end", { valueLength: 10, selectionStart: 10, selectionEnd: 10 }, 1, 11],
  ["a paste over a selection", { valueLength: 10, selectionStart: 2, selectionEnd: 8 }, 3, 7],
  ["no selection known", { valueLength: 10, selectionStart: null, selectionEnd: null }, 5, 15],
];
for (const [name, field, inserted, expected] of lengths) {
  test(`length after ${name}`, () => assert.equal(lengthAfter(field, inserted), expected));
}
