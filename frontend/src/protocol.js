// @ts-check
/* The in-page messages, checked against learning_regions/inpage/protocol.json.
 *
 * The page, the worker and Python read one definition of the messages they
 * exchange. The bundles import the JSON file (esbuild inlines it) and hand it
 * to the functions here, which hold no DOM and no state: the tests run them
 * in Node with the same file.
 */

/**
 * @typedef {{doc?: string, fields: Record<string, string>}} MessageSpec
 * @typedef {{doc?: string, messages: Record<string, MessageSpec>}} DirectionSpec
 * @typedef {{doc?: string, value: number}} LimitSpec
 * @typedef {{limits: Record<string, LimitSpec>, directions: Record<string, DirectionSpec>,
 *            python_calls: {calls: Record<string, {doc?: string, returns: Record<string, string>}>}}} Protocol
 * @typedef {"page_to_worker" | "worker_to_page" | "worker_broadcast" | "python_to_page"} Direction
 */

/** @type {Record<string, (value: unknown) => boolean>} */
const TYPES = {
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  array: (v) => Array.isArray(v),
  "string[]": (v) => Array.isArray(v) && v.every((x) => typeof x === "string"),
  null: (v) => v === null,
  any: () => true,
};

/**
 * Whether `value` has the declared type ("string", "string|null", "number?", ...).
 * @param {string} declared
 * @param {unknown} value
 */
export function hasType(declared, value) {
  return declared.replace(/\?$/, "").split("|").some((name) => {
    const check = TYPES[name];
    if (!check) throw new Error("protocol.json names an unknown type: " + name);
    return check(value);
  });
}

/**
 * What is wrong with `message` for `direction`, or null when nothing is.
 * Python's own messages (python_to_page) carry their name in msg_type and
 * their fields in content; the others carry type and their fields beside it.
 * @param {Protocol} protocol
 * @param {Direction} direction
 * @param {unknown} message
 * @returns {string | null}
 */
export function problemWith(protocol, direction, message) {
  if (typeof message !== "object" || message === null || Array.isArray(message)) return "a message must be an object";
  const record = /** @type {Record<string, any>} */ (message);
  const python = direction === "python_to_page";
  const kind = python ? record.msg_type : record.type;
  const messages = protocol.directions[direction].messages;
  const spec = typeof kind === "string" && Object.prototype.hasOwnProperty.call(messages, kind) ? messages[kind] : null;
  if (!spec) return JSON.stringify(String(kind).slice(0, 40)) + " is not a " + direction + " message";
  const fields = python ? record.content || {} : record;
  for (const [field, declared] of Object.entries(spec.fields)) {
    if (!(field in fields)) {
      if (declared.endsWith("?")) continue;
      return kind + ": " + field + " is missing";
    }
    if (!hasType(declared, fields[field])) return kind + ": " + field + " should be " + declared.replace(/\?$/, "");
  }
  return null;
}

/**
 * A message of `direction`, checked: a mistake in the page's or the worker's
 * own code throws at once instead of reaching the other side.
 * @param {Protocol} protocol
 * @param {Direction} direction
 * @param {string} type
 * @param {Record<string, unknown>} [fields]
 * @returns {Record<string, unknown> & {type: string}}
 */
export function make(protocol, direction, type, fields = {}) {
  const message = Object.assign({ type: type }, fields);
  const problem = problemWith(protocol, direction, message);
  if (problem) throw new Error("in-page protocol: " + problem);
  return message;
}

/**
 * One of the protocol's limits.
 * @param {Protocol} protocol
 * @param {string} name
 */
export function limit(protocol, name) {
  const entry = protocol.limits[name];
  if (!entry) throw new Error("protocol.json has no limit " + name);
  return entry.value;
}
