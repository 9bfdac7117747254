// @ts-check
/* One widget container on the page: its button, its status line, its kept
 * answers, and the widget in place of its stand-in once live.
 *
 * The container (companion_tools/sphinx/inpage/containers.py) holds a bar
 * (the button, "Clear my answers", the start-by-itself choice, a status line
 * and a note), the widget cells' code, an empty slot and the stand-in. This
 * adds to the bar what only makes sense with JavaScript: the question before
 * answers are cleared, "Undo" after, and "Remove the set-aside answers"; and
 * to the live widget, files dropped on it going to its file button (drop.js).
 */
import { blobLinks, firstControl, guardText, nameSliders } from "./a11y.js";
import { dropFiles } from "./drop.js";
import * as say from "./sentences.js";

/**
 * @typedef {import("./loader.js").Runtime} Runtime
 * @typedef {import("./storage.js").KeptAnswers} KeptAnswers
 * @typedef {{kept: KeptAnswers, startRuntime: () => Promise<Runtime>, textChars: number}} Needs
 */

/**
 * @param {HTMLElement} parent
 * @param {string} className
 * @param {string} text
 */
function button(parent, className, text) {
  const made = document.createElement("button");
  made.type = "button";
  made.className = className;
  made.textContent = text;
  made.hidden = true;
  parent.appendChild(made);
  return made;
}

/**
 * What `find` finds within about a second of frames (null if nothing).
 * @template T
 * @param {() => T | null} find
 * @returns {Promise<T | null>}
 */
async function soon(find) {
  for (let frame = 0; frame < 60; frame++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return find();
}

export class WidgetContainer {
  /**
   * @param {HTMLElement} element a [data-inpage-widget] container
   * @param {Needs} needs
   */
  constructor(element, needs) {
    this.element = element;
    this.needs = needs;
    this.key = element.dataset.inpageWidget || "";
    const part = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
    this.button = part(".lr-inpage-start");
    this.clearButton = part(".lr-inpage-clear");
    this.status = part(".lr-inpage-status");
    this.slot = part(".lr-inpage-slot");
    this.standIn = part(".lr-inpage-stand-in");
    this.auto = /** @type {HTMLInputElement} */ (part(".lr-inpage-auto input"));
    this.autoLabel = part(".lr-inpage-auto");
    /** @type {string[]} */
    this.cells = JSON.parse(part(".lr-inpage-cells").textContent || "[]");
    const extra = document.createElement("span");
    extra.className = "lr-inpage-more";
    this.clearButton.after(extra);
    this.confirm = document.createElement("span");
    this.confirm.className = "lr-inpage-confirm";
    this.confirm.hidden = true;
    this.confirm.setAttribute("role", "group");
    this.confirm.setAttribute("aria-label", say.CONFIRM_CLEAR);
    extra.appendChild(this.confirm);
    this.confirmYes = button(this.confirm, "lr-inpage-confirm-yes", "Clear them");
    this.confirmNo = button(this.confirm, "lr-inpage-confirm-no", "Keep them");
    this.confirmYes.hidden = this.confirmNo.hidden = false;
    this.undoButton = button(extra, "lr-inpage-undo", "Undo");
    this.asideButton = button(extra, "lr-inpage-aside", "Remove the set-aside answers");
    /** @type {string | null} what the last clear took away, for "Undo" */
    this.cleared = null;
    /** @type {string | null} a sentence about this browser's storage, said once */
    this.storageSaid = null;
    blobLinks(this.slot);
    nameSliders(this.slot);
    guardText(this.slot, needs.textChars, (length) => this.tell(say.tooLong(length, needs.textChars), true));
    dropFiles(this.slot, { live: () => this.live, tell: (text, failed) => this.tell(text, failed) });
    this.button.addEventListener("click", () => this.goLive(true));
    this.clearButton.addEventListener("click", () => this.askToClear());
    this.confirmYes.addEventListener("click", () => this.clear());
    this.confirmNo.addEventListener("click", () => this.keepAnswers());
    this.undoButton.addEventListener("click", () => this.undo());
    this.asideButton.addEventListener("click", () => this.removeAside());
    this.auto.checked = needs.kept.autoStart();
    this.auto.addEventListener("change", () => needs.kept.setAutoStart(this.auto.checked));
    this.showKept(needs.kept.read(this.key).text !== null);
    this.asideButton.hidden = !needs.kept.hasAside(this.key);
  }

  get live() { return this.element.classList.contains("lr-inpage-on"); }
  get busy() { return this.element.classList.contains("lr-inpage-busy"); }

  /**
   * @param {string} text
   * @param {boolean} [failed]
   */
  tell(text, failed) {
    this.status.textContent = text;
    this.status.classList.toggle("lr-inpage-failed", Boolean(failed));
  }

  /** Before the widget is live: what is kept, and the way to clear it. @param {boolean} kept */
  showKept(kept) {
    this.clearButton.hidden = !kept;
    if (!this.live && !this.busy && kept) this.tell(say.KEPT_HINT);
  }

  /** Make the widget live (pressed: the reader asked, so the focus follows). @param {boolean} pressed */
  async goLive(pressed) {
    if (this.busy || this.live) return;
    const kept = this.needs.kept.read(this.key);
    let setAside = false;
    if (kept.problem && kept.text !== null) setAside = this.setAside(kept.text);
    this.element.classList.add("lr-inpage-busy");
    this.button.setAttribute("aria-disabled", "true");
    this.tell(say.STARTING);
    const started = performance.now();
    try {
      const live = await this.needs.startRuntime();
      const result = await live.build(this.key, this.cells, JSON.stringify(kept.log), this.slot);
      if (result.set_aside && kept.text !== null) setAside = this.setAside(kept.text);
      const hadFocus = this.standIn.contains(document.activeElement) || document.activeElement === this.button;
      this.slot.hidden = false;
      this.standIn.hidden = true;
      this.element.classList.remove("lr-inpage-busy");
      this.element.classList.add("lr-inpage-on");
      this.element.dataset.inpageMs = String(Math.round(performance.now() - started));
      this.button.textContent = say.LIVE_BUTTON;
      this.autoLabel.hidden = false;
      this.clearButton.hidden = !(result.restored > 0);
      const ready = (/** @type {boolean} */ focused) =>
        this.tell(say.ready({ restored: result.restored, at: kept.at, focused: focused, setAside: setAside }));
      ready(false);
      if (pressed && hadFocus) {
        // The reader pressed the button, which now does nothing: the focus
        // goes to the widget (its children are drawn a few frames after it).
        const first = await soon(() => firstControl(this.slot));
        if (first && document.activeElement === this.button) {
          first.focus();
          // Said as an event ("went to"), which stays true after the reader moves
          // on; changing the bar then would move the widget under their finger.
          if (document.activeElement === first) ready(true);
        }
      }
    } catch (error) {
      const fault = /** @type {{stage?: string}} */ (error);
      // A Python that stopped while it replayed the kept answers: they are suspect.
      if (fault && fault.stage === "stopped" && kept.log.length && kept.text !== null) this.setAside(kept.text);
      this.element.classList.remove("lr-inpage-busy");
      this.button.removeAttribute("aria-disabled");
      this.tell(say.failure(fault), true);
    }
  }

  /**
   * Kept answers that cannot be replayed: set aside, never deleted.
   * @param {string} text
   */
  setAside(text) {
    const aside = this.needs.kept.setAside(this.key, text);
    this.asideButton.hidden = !aside;
    this.clearButton.hidden = true;
    return aside;
  }

  removeAside() {
    this.needs.kept.removeAside(this.key);
    this.asideButton.hidden = true;
    this.tell(say.ASIDE_REMOVED);
  }

  /**
   * Python logged what the reader did: keep it (or say why it cannot be).
   * @param {unknown[]} log
   */
  keep(log) {
    const result = this.needs.kept.keep(this.key, log);
    if (result === "kept") {
      this.clearButton.hidden = log.length === 0;
      this.undoButton.hidden = true; // new work: the cleared answers are no longer what "Undo" would restore
      this.cleared = null;
      this.element.dataset.inpageKept = String(log.length);
      this.element.dispatchEvent(new CustomEvent("lr-inpage:kept", { bubbles: true, detail: { entries: log.length } }));
      return;
    }
    const sentence = result === "full" ? say.FULL : result === "unavailable" ? say.UNAVAILABLE : null;
    if (sentence && this.storageSaid !== sentence) {
      this.storageSaid = sentence;
      this.tell(sentence, true);
    }
  }

  /**
   * Another tab of this page changed this widget's kept answers.
   * @param {string | null} text the new kept text (null: cleared there)
   */
  changedElsewhere(text) {
    if (!this.live && !this.busy) {
      const hinted = this.status.textContent === say.KEPT_HINT;
      this.showKept(text !== null);
      if (text === null && hinted) this.tell("");
      return;
    }
    this.needs.kept.displace(this.key);
    this.undoButton.hidden = true;
    // From now on nothing done here is kept: the bar, with that sentence, stays in view
    // over the widget as the reader scrolls to its controls (a phone shows little at once).
    this.element.classList.add("lr-inpage-displaced");
    this.tell(text === null ? say.DISPLACED_CLEARED : say.DISPLACED, true);
  }

  /** "Clear my answers": ask first. */
  askToClear() {
    this.confirm.hidden = false;
    this.clearButton.hidden = true;
    this.tell(say.CONFIRM_CLEAR);
    this.confirmNo.focus();
  }

  keepAnswers() {
    this.confirm.hidden = true;
    this.clearButton.hidden = false;
    this.tell("");
    this.clearButton.focus();
  }

  async clear() {
    this.confirm.hidden = true;
    this.cleared = this.needs.kept.clear(this.key);
    this.undoButton.hidden = this.cleared === null;
    this.clearButton.hidden = true;
    await this.rebuild(say.CLEARING, say.CLEARED, "[]");
    if (!this.undoButton.hidden) this.undoButton.focus();
  }

  async undo() {
    const text = this.cleared;
    if (text === null) return;
    if (!this.needs.kept.restore(this.key, text)) {
      this.tell(say.UNDO_FAILED, true);
      return;
    }
    this.cleared = null;
    this.undoButton.hidden = true;
    this.clearButton.hidden = false;
    const kept = this.needs.kept.read(this.key);
    await this.rebuild(say.RESTORING, say.UNDONE, JSON.stringify(kept.log));
    this.clearButton.focus();
  }

  /**
   * The live widget built again from its cells (with `log` replayed), or,
   * before it is live, only the sentence.
   * @param {string} working what to say meanwhile
   * @param {string} done what to say after
   * @param {string} log
   */
  async rebuild(working, done, log) {
    if (!this.live) {
      this.tell(done);
      return;
    }
    this.tell(working);
    try {
      const live = await this.needs.startRuntime();
      await live.build(this.key, this.cells, log, this.slot);
      this.tell(done);
    } catch (error) {
      this.tell(say.failure(/** @type {{stage?: string}} */ (error)), true);
    }
  }

  /** Python stopped for good: the stand-in comes back, and the button starts a new Python. */
  stopped() {
    if (!this.live && !this.busy) return;
    this.element.classList.remove("lr-inpage-on", "lr-inpage-busy");
    this.slot.hidden = true;
    this.slot.textContent = "";
    this.standIn.hidden = false;
    this.button.textContent = say.START_BUTTON;
    this.button.removeAttribute("aria-disabled");
    this.tell(say.STOPPED, true);
  }
}
