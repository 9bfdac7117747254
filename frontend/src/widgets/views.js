// @ts-check
/* ipywidgets' views, mended where they fail a reader on this page:
 *
 * - RadioButtons: its options share no name, so each is a Tab stop of its
 *   own; a shared name makes the group one stop (arrows move within it),
 *   and the group is a named radiogroup.
 * - ToggleButtons (the profiler's JSON/CSV choice): the chosen button is
 *   shown only by a class; aria-pressed says it to screen readers.
 * - FileUpload: its button reads "Load a profile file (0)", "(1)": the count
 *   of files it holds, which says nothing to a reader (Python empties it once
 *   read, learning_regions/inpage/__init__.py), is left out. And it takes
 *   files dropped on its widget (the page controller's ../inpage/drop.js
 *   sends them with FILES_EVENT): they go on its own file input, whose
 *   `change` reads them as if chosen; data-inpage-multiple says whether it
 *   takes several.
 */
import { FILES_EVENT } from "../inpage/drop.js";

let groups = 0;

/** @param {any} View */
function radioButtons(View) {
  return class extends View {
    update(/** @type {any} */ options) {
      const result = super.update(options);
      const name = this.lrGroup || (this.lrGroup = "lr-inpage-radio-" + (++groups));
      const box = this.container || this.el;
      box.setAttribute("role", "radiogroup");
      const label = this.el.querySelector(".widget-label");
      if (label && label.textContent) box.setAttribute("aria-label", label.textContent.trim());
      this.el.querySelectorAll('input[type="radio"]').forEach((/** @type {HTMLInputElement} */ radio) => { radio.name = name; });
      return result;
    }
  };
}

/** @param {any} View */
function toggleButtons(View) {
  return class extends View {
    update(/** @type {any} */ options) {
      const result = super.update(options);
      this.el.querySelectorAll("button").forEach((/** @type {HTMLButtonElement} */ button) => {
        button.setAttribute("aria-pressed", String(button.classList.contains("mod-active")));
      });
      return result;
    }
  };
}

/** @param {any} View */
function fileUpload(View) {
  return class extends View {
    render() {
      super.render();
      this.el.addEventListener(FILES_EVENT, (/** @type {Event} */ event) => {
        const files = /** @type {CustomEvent<{files?: FileList}>} */ (event).detail.files;
        if (!files || !files.length || this.el.disabled) return;
        this.fileInput.files = files;
        this.fileInput.dispatchEvent(new Event("change"));
      });
    }

    update(/** @type {any} */ options) {
      const result = super.update(options);
      const last = this.el.lastChild;
      if (last && last.nodeType === Node.TEXT_NODE) last.textContent = String(last.textContent).replace(/ \(\d+\)$/, "");
      this.el.dataset.inpageMultiple = String(Boolean(this.model.get("multiple")));
      return result;
    }
  };
}

/** @type {Record<string, (View: any) => any>} */
const MENDS = { RadioButtonsView: radioButtons, ToggleButtonsView: toggleButtons, FileUploadView: fileUpload };
/** @type {Map<any, any>} */
const made = new Map();

/**
 * The class to use for `className` of @jupyter-widgets/controls (itself, or mended).
 * @param {string} className
 * @param {any} loaded
 */
export function mended(className, loaded) {
  const mend = MENDS[className];
  if (!mend) return loaded;
  if (!made.has(loaded)) made.set(loaded, mend(loaded));
  return made.get(loaded);
}
