// What the tests share: the protocol as the bundles see it, and a storage that can fill up.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const PROTOCOL = JSON.parse(readFileSync(
  fileURLToPath(new URL("../../learning_regions/inpage/protocol.json", import.meta.url)), "utf8"));

/** A localStorage stand-in: a Map, optionally with a quota in characters (keys + values). */
export class MemoryStorage {
  constructor(quota = Infinity) {
    this.items = new Map();
    this.quota = quota;
  }
  get length() { return this.items.size; }
  key(i) { return [...this.items.keys()][i] ?? null; }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) {
    const used = [...this.items].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + String(value).length > this.quota) {
      const error = new Error("The quota has been exceeded.");
      error.name = "QuotaExceededError";
      throw error;
    }
    this.items.set(key, String(value));
  }
  removeItem(key) { this.items.delete(key); }
}
