// Files dropped on a live widget: which drops the page takes, where they go, what the bar says.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DragDepth, carriesFiles, planDrop } from "../src/inpage/drop.js";
import * as say from "../src/inpage/sentences.js";

const CLASS = { label: "Choose the class's files", multiple: true, disabled: false };
const PROFILER = { label: "Load a profile file", multiple: false, disabled: false };

const plans = [
  ["no file button: the browser's", 3, [], { take: false, give: false }, /^$/],
  ["two file buttons: which one is not known", 1, [CLASS, PROFILER], { take: false, give: false }, /^$/],
  ["many files to a button that takes many", 30, [CLASS], { take: true, give: true },
    /^30 files dropped on the widget: it reads them as if chosen with “Choose the class's files”\.$/],
  ["one file to a button that takes one", 1, [PROFILER], { take: true, give: true },
    /^1 file dropped on the widget: it reads it as if chosen with “Load a profile file”\.$/],
  ["many files to a button that takes one", 3, [PROFILER], { take: true, give: false },
    /^3 files were dropped, but “Load a profile file” takes one file at a time, so nothing was loaded\./],
  ["a disabled button", 2, [{ ...CLASS, disabled: true }], { take: true, give: false }, /cannot take files just now/],
  ["nothing that is a file", 0, [CLASS], { take: true, give: false }, /holds no file/],
];
for (const [name, count, uploads, expected, sentence] of plans) {
  test(`a drop: ${name}`, () => {
    const plan = planDrop(count, uploads);
    assert.deepEqual({ take: plan.take, give: plan.give }, expected);
    assert.match(plan.say, sentence);
  });
}

const drags = [
  ["files", ["Files"], true],
  ["files with a URI list", ["text/uri-list", "Files"], true],
  ["text only", ["text/plain", "text/html"], false],
  ["nothing", [], false],
  ["no DataTransfer types", undefined, false],
];
for (const [name, types, expected] of drags) {
  test(`a drag of ${name} ${expected ? "carries" : "carries no"} files`, () => assert.equal(carriesFiles(types), expected));
}

test("the outline stays while the drag crosses the widget's children, and goes when it leaves", () => {
  const depth = new DragDepth();
  depth.enter(); // the widget
  depth.enter(); // a child, before the widget's dragleave
  assert.equal(depth.leave(), true);
  assert.equal(depth.leave(), false);
  assert.equal(depth.leave(), false, "never below zero");
  depth.enter();
  depth.reset();
  assert.equal(depth.leave(), false);
});

test("the drop zone names the button that does the same from the keyboard", () => {
  assert.match(say.dropHere("Choose the class's files", true), /^Drop the files here .*“Choose the class's files”.*keyboard/);
  assert.match(say.dropHere("Load a profile file", false), /^Drop the file here to load it/);
});
