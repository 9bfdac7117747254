// @ts-check
/* The page's line to the worker that runs Python.
 *
 * Where the browser keeps a SharedWorker alive while the reader moves between
 * pages (it reads the `extendedLifetime` option: Chromium), every widget page
 * of the site, in every tab, is a client of one Python: a second widget page
 * needs no second start. Elsewhere each page has a dedicated Worker of its
 * own. Either way the page talks to it through a channel: postMessage,
 * onmessage, onerror, close.
 *
 * A shared worker that has not answered the page's first message within
 * heardWithinMs (it was closing as the page joined, or it crashed) is left for
 * a dedicated one, and what the page said meanwhile is said again to it, so a
 * press never waits for ever. The decisions are the pure functions at the top
 * (tested in Node); openChannel binds them to real workers.
 */

/**
 * Which worker to try first.
 * @param {{sharedWorkerExists: boolean, dedicatedAsked: boolean}} where
 * @returns {"shared" | "dedicated"}
 */
export function firstRoute(where) {
  return where.sharedWorkerExists && !where.dedicatedAsked ? "shared" : "dedicated";
}

/**
 * Whether a SharedWorker that was made is worth keeping: only where the
 * browser read `extendedLifetime` (elsewhere it would end with this page).
 * @param {{made: boolean, keepsAlive: boolean}} shared
 * @returns {"shared" | "dedicated"}
 */
export function keepShared(shared) {
  return shared.made && shared.keepsAlive ? "shared" : "dedicated";
}

/**
 * What the page said before the worker said anything, and whether to watch
 * for a silent shared worker.
 */
export class Unheard {
  constructor() {
    /** @type {unknown[]} */
    this.messages = [];
    this.heard = false;
    this.watching = false;
  }

  /**
   * The page says `message`: keep it until the worker has spoken.
   * @param {unknown} message
   * @param {boolean} shared
   * @returns {boolean} true when a watchdog should start now
   */
  said(message, shared) {
    if (this.heard) return false;
    this.messages.push(message);
    if (!shared || this.watching) return false;
    this.watching = true;
    return true;
  }

  /** The worker spoke: nothing needs saying again. */
  answered() {
    this.heard = true;
    this.messages = [];
  }

  /**
   * The watchdog fired: what to say again to a dedicated worker (nothing if
   * the worker has spoken meanwhile).
   * @returns {unknown[] | null}
   */
  expired() {
    if (this.heard) return null;
    return this.messages.slice();
  }
}

/**
 * @typedef {{post: (message: any, transfer?: Transferable[]) => void, close: () => void}} Target
 * @typedef {{
 *   shared: boolean,
 *   postMessage: (message: any, transfer?: Transferable[]) => void,
 *   onmessage: ((event: MessageEvent) => void) | null,
 *   onerror: ((event: ErrorEvent) => void) | null,
 *   close: () => void,
 * }} Channel
 */

/**
 * Open the line to the worker at `script` (a module worker).
 * @param {{script: string, name: string, dedicatedWorker: boolean, heardWithinMs: number, bye: () => unknown}} how
 * @returns {Channel}
 */
export function openChannel(how) {
  const unheard = new Unheard();
  /** @type {Target | null} */
  let target = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let watchdog;

  /** @param {MessageEvent} event */
  function fromWorker(event) {
    unheard.answered();
    clearTimeout(watchdog);
    if (channel.onmessage) channel.onmessage(event);
  }
  /** @param {ErrorEvent} event */
  function workerError(event) { if (channel.onerror) channel.onerror(event); }

  function dedicated() {
    const worker = new Worker(how.script, { type: "module" });
    worker.onmessage = fromWorker;
    worker.onerror = workerError;
    channel.shared = false;
    target = { post: (m, t) => worker.postMessage(m, t || []), close: () => worker.terminate() };
  }

  function shared() {
    let keepsAlive = false;
    /** @type {SharedWorker | null} */
    let worker = null;
    try {
      // The name ties the worker to this build's runtime: a page of a newer
      // build never joins an older Python.
      const options = /** @type {WorkerOptions} */ ({
        type: "module", name: how.name,
        get extendedLifetime() { keepsAlive = true; return true; },
      });
      worker = new SharedWorker(how.script, options);
    } catch (error) { /* no module SharedWorker here */ }
    if (keepShared({ made: worker !== null, keepsAlive: keepsAlive }) === "dedicated") {
      if (worker) worker.port.close(); // it would end with this page anyway
      return false;
    }
    const port = /** @type {SharedWorker} */ (worker).port;
    port.onmessage = fromWorker;
    /** @type {SharedWorker} */ (worker).onerror = workerError;
    window.addEventListener("pagehide", function (event) {
      // Leaving for good: Python closes this page's widgets. A page kept in
      // the back-forward cache keeps them, for when it comes back.
      if (!event.persisted) port.postMessage(how.bye());
    });
    channel.shared = true;
    target = {
      post: (m, t) => port.postMessage(m, t || []),
      close: () => { port.postMessage(how.bye()); port.close(); },
    };
    return true;
  }

  /** @type {Channel} */
  const channel = {
    shared: false,
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      if (unheard.said(message, channel.shared)) {
        watchdog = setTimeout(function () {
          const again = unheard.expired();
          if (!again || !target) return;
          target.close();
          dedicated();
          again.forEach((m) => /** @type {Target} */ (target).post(m));
        }, how.heardWithinMs);
      }
      /** @type {Target} */ (target).post(message, transfer);
    },
    close() { clearTimeout(watchdog); if (target) target.close(); },
  };
  const route = firstRoute({ sharedWorkerExists: typeof SharedWorker === "function", dedicatedAsked: how.dedicatedWorker });
  if (route === "dedicated" || !shared()) dedicated();
  return channel;
}
