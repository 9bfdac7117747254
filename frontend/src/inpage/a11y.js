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
 * ipywidgets' sliders draw a handle (role="slider") that carries no name:
 * give it the slider's own label, so screen readers say what it sets.
 * @param {Element} slot
 */
export function nameSliders(slot) {
  whenDrawn(slot, function () {
    slot.querySelectorAll(".widget-slider").forEach(function (slider) {
      const label = slider.querySelector(".widget-label");
      const text = label ? (label.textContent || "").trim() : "";
      slider.querySelectorAll('[role="slider"]').forEach(function (handle) {
        if (text && handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
      });
    });
  });
}
