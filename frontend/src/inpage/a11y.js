// @ts-check
/* Mends to the live widgets' markup, applied as the HTML manager draws it. */

/**
 * Call `mend` now and whenever something is drawn under `slot`.
 * @param {Element} slot
 * @param {() => void} mend
 */
function whenDrawn(slot, mend) {
  new MutationObserver(mend).observe(slot, { childList: true, subtree: true });
}

/**
 * The profiler's download link is a data: URL written by Python; a Blob
 * link downloads the same text without a long URL in the page.
 * @param {Element} slot
 */
export function blobLinks(slot) {
  /** @type {string[]} */
  const made = [];
  whenDrawn(slot, function () {
    slot.querySelectorAll('a[download][href^="data:"]').forEach(function (element) {
      const link = /** @type {HTMLAnchorElement} */ (element);
      const href = link.getAttribute("href") || "";
      const comma = href.indexOf(",");
      const meta = href.slice(5, comma);
      const body = href.slice(comma + 1);
      // base64 holds bytes (atob gives one character per byte); the rest is percent-encoded UTF-8.
      const content = /;base64$/.test(meta) ? Uint8Array.from(atob(body), (c) => c.charCodeAt(0)) : decodeURIComponent(body);
      const blob = new Blob([content], { type: meta.split(";")[0] || "text/plain" });
      made.splice(0).forEach(URL.revokeObjectURL);
      const blobUrl = URL.createObjectURL(blob);
      made.push(blobUrl);
      link.href = blobUrl;
    });
  });
}

/**
 * ipywidgets' sliders draw a handle (role="slider") and a readout (the number
 * beside it, which a reader can type into: a Tab stop) that carry no name:
 * give them the slider's own label, so screen readers say what they set.
 * @param {Element} slot
 */
export function nameSliders(slot) {
  whenDrawn(slot, function () {
    slot.querySelectorAll(".widget-slider").forEach(function (slider) {
      const label = slider.querySelector(".widget-label");
      const text = label ? (label.textContent || "").trim() : "";
      if (!text) return;
      slider.querySelectorAll('[role="slider"]').forEach(function (handle) {
        if (handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
      });
      const typed = text + ": the value, to type";
      slider.querySelectorAll(".widget-readout").forEach(function (readout) {
        if (readout.getAttribute("aria-label") !== typed) {
          readout.setAttribute("aria-label", typed);
          readout.setAttribute("role", "textbox");
        }
      });
    });
  });
}

const TEXT_INPUTS = new Set(["text", "search", "url", "email", "tel", "password"]);

/**
 * @param {EventTarget | null} target
 * @returns {target is HTMLTextAreaElement | HTMLInputElement}
 */
function isTextField(target) {
  return target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type));
}

/**
 * How long a text field's value would be once `inserted` replaces its selection.
 * @param {{valueLength: number, selectionStart: number | null, selectionEnd: number | null}} field
 * @param {number} inserted
 */
export function lengthAfter(field, inserted) {
  const start = field.selectionStart === null ? field.valueLength : field.selectionStart;
  const end = field.selectionEnd === null ? start : field.selectionEnd;
  return field.valueLength - (end - start) + inserted;
}

/**
 * Text controls take at most `most` characters: a paste, a drop or typing that
 * would go past it is refused before anything reaches Python (a 2 MB paste
 * froze the tab for 23 s, and was kept whole), and `refused` says so.
 * @param {Element} slot
 * @param {number} most
 * @param {(length: number) => void} refused
 */
export function guardText(slot, most, refused) {
  /**
   * @param {Event} event
   * @param {string} inserted
   */
  function check(event, inserted) {
    const field = event.target;
    if (!isTextField(field) || !inserted) return;
    const length = lengthAfter({ valueLength: field.value.length, selectionStart: field.selectionStart,
      selectionEnd: field.selectionEnd }, inserted.length);
    if (length <= most) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    refused(length);
  }
  slot.addEventListener("paste", (event) => {
    const e = /** @type {ClipboardEvent} */ (event);
    check(e, e.clipboardData ? e.clipboardData.getData("text/plain") : "");
  }, true);
  slot.addEventListener("drop", (event) => {
    const e = /** @type {DragEvent} */ (event);
    check(e, e.dataTransfer ? e.dataTransfer.getData("text/plain") : "");
  }, true);
  slot.addEventListener("beforeinput", (event) => {
    const e = /** @type {InputEvent} */ (event);
    check(e, e.data || (e.dataTransfer ? e.dataTransfer.getData("text/plain") : ""));
  }, true);
  whenDrawn(slot, function () {
    slot.querySelectorAll("textarea, input").forEach(function (field) {
      if (isTextField(field) && field.maxLength !== most) field.maxLength = most;
    });
  });
}

/**
 * The first control of a live widget a reader can reach with Tab.
 * @param {Element} slot
 * @returns {HTMLElement | null}
 */
export function firstControl(slot) {
  const candidates = /** @type {HTMLElement[]} */ (Array.from(slot.querySelectorAll("input, select, textarea, button, [tabindex]")));
  return candidates.find((el) => el.tabIndex >= 0 && !(/** @type {any} */ (el).disabled) && el.getClientRects().length > 0) || null;
}

/**
 * A link at the top of the page, beside the theme's "Skip to main content",
 * that takes the keyboard to the widget (about 33 Tab presses otherwise).
 * @param {HTMLElement} container
 * @param {string} label
 * @param {() => HTMLElement | null} target what gets the focus
 */
export function skipLink(container, label, target) {
  const link = document.createElement("a");
  link.className = "lr-inpage-skip";
  link.href = "#" + container.id;
  link.textContent = label;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    container.scrollIntoView({ block: "start" });
    const to = target();
    if (to) to.focus({ preventScroll: true });
  });
  const theme = document.getElementById("pst-skip-link");
  if (theme) theme.appendChild(link);
  else document.body.insertBefore(link, document.body.firstChild);
  return link;
}
