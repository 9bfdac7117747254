// @ts-check
/* The in-page widgets' options, read once when the page starts.
 *
 * A page (a reader's script, the tests, the benchmark) may set, before the
 * page's scripts run:
 *
 *   window.lrInpageOptions = {
 *     dedicatedWorker: true,   // a Python for this page alone, never the visit's shared one
 *     heardWithinMs: 15000,    // how long a shared worker may stay silent before a dedicated one replaces it
 *     idleCloseMs: 300000,     // how long the visit's shared Python outlives its last widget page
 *     earlyStart: false,       // never start Python before the reader asks (a cold press)
 *   };
 *
 * Anything else, or a value of the wrong type, is ignored (the default stays).
 */

/**
 * @typedef {{dedicatedWorker: boolean, heardWithinMs: number, idleCloseMs: number | undefined, earlyStart: boolean}} Options
 */

/** @type {Options} */
export const DEFAULTS = Object.freeze({
  dedicatedWorker: false,
  heardWithinMs: 15000,
  idleCloseMs: undefined, // the worker's own default (5 minutes)
  earlyStart: true,
});

/**
 * The options from what the page set (any value), over the defaults.
 * @param {unknown} given
 * @returns {Options}
 */
export function readOptions(given) {
  /** @type {Options} */
  const options = Object.assign({}, DEFAULTS);
  if (typeof given !== "object" || given === null) return options;
  const raw = /** @type {Record<string, unknown>} */ (given);
  if (typeof raw.dedicatedWorker === "boolean") options.dedicatedWorker = raw.dedicatedWorker;
  if (typeof raw.earlyStart === "boolean") options.earlyStart = raw.earlyStart;
  if (isDuration(raw.heardWithinMs)) options.heardWithinMs = raw.heardWithinMs;
  if (isDuration(raw.idleCloseMs)) options.idleCloseMs = raw.idleCloseMs;
  return options;
}

/**
 * @param {unknown} value
 * @returns {value is number}
 */
function isDuration(value) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}
