// @ts-check
/* Files dropped on a live widget go to its file button.
 *
 * ipywidgets' FileUpload is a button that opens the file chooser: it has no
 * drop target. When a live widget holds exactly one FileUpload (the class
 * view's "Choose the class's files", the profiler's "Load a profile file"),
 * files dragged over the widget outline it and say where they go, and files
 * dropped on it are handed to that FileUpload, which reads them as if they
 * had been chosen with it (the widget bundle's views.js puts them on the
 * button's own file input and fires its `change`). The button stays the way
 * to do the same from the keyboard, and the drop zone names it. A widget with
 * no FileUpload, or more than one, leaves drops to the browser.
 */
import * as say from "./sentences.js";

/** The event the page sends a FileUpload's button with the files dropped (detail: {files: FileList}). */
export const FILES_EVENT = "lr-inpage:files";
/** The class of a live widget's slot while files are dragged over it. */
export const DROP_CLASS = "lr-inpage-drop";

/** @typedef {{label: string, multiple: boolean, disabled: boolean}} Upload */

/**
 * Whether a drag carries files (its DataTransfer's types).
 * @param {ArrayLike<string> | Iterable<string> | null | undefined} types
 */
export function carriesFiles(types) {
  return Boolean(types) && Array.from(/** @type {ArrayLike<string>} */ (types)).includes("Files");
}

/**
 * What a drop of `count` files on a live widget with these FileUploads does:
 * whether the page takes the drop from the browser (`take`), hands the files
 * to the one FileUpload (`give`), and what the bar says.
 * @param {number} count
 * @param {Upload[]} uploads
 * @returns {{take: boolean, give: boolean, say: string}}
 */
export function planDrop(count, uploads) {
  if (uploads.length !== 1) return { take: false, give: false, say: "" };
  const upload = uploads[0];
  if (upload.disabled) return { take: true, give: false, say: say.cannotTakeFiles(upload.label) };
  if (count === 0) return { take: true, give: false, say: say.NO_FILES_DROPPED };
  if (count > 1 && !upload.multiple) return { take: true, give: false, say: say.oneFileOnly(count, upload.label) };
  return { take: true, give: true, say: say.dropped(count, upload.label) };
}

/** How deep a drag is inside the widget: dragenter and dragleave fire for each child crossed. */
export class DragDepth {
  constructor() { this.depth = 0; }
  /** @returns {boolean} whether the drag is over the widget */
  enter() { this.depth += 1; return true; }
  /** @returns {boolean} whether the drag is still over the widget */
  leave() { this.depth = Math.max(0, this.depth - 1); return this.depth > 0; }
  reset() { this.depth = 0; }
}

/**
 * The FileUpload buttons of a live widget, as the drop needs them.
 * @param {Element} slot
 * @returns {{element: HTMLButtonElement, upload: Upload}[]}
 */
function uploadsIn(slot) {
  return Array.from(slot.querySelectorAll("button.widget-upload")).map(function (found) {
    const element = /** @type {HTMLButtonElement} */ (found);
    return {
      element: element,
      upload: {
        label: (element.textContent || "").trim() || "the file button",
        multiple: element.dataset.inpageMultiple === "true",
        disabled: element.disabled,
      },
    };
  });
}

/**
 * Let files dropped on the live widget in `slot` go to its one FileUpload.
 * @param {HTMLElement} slot
 * @param {{live: () => boolean, tell: (text: string, failed?: boolean) => void}} hooks
 */
export function dropFiles(slot, hooks) {
  const depth = new DragDepth();

  /** The one FileUpload a drag of files over the live widget goes to (null: not ours). @param {DragEvent} event */
  function target(event) {
    if (!hooks.live() || !event.dataTransfer || !carriesFiles(event.dataTransfer.types)) return null;
    const found = uploadsIn(slot);
    return found.length === 1 ? found[0] : null;
  }
  function show(/** @type {Upload} */ upload) {
    slot.dataset.inpageDrop = say.dropHere(upload.label, upload.multiple);
    slot.classList.add(DROP_CLASS);
  }
  function hide() {
    depth.reset();
    slot.classList.remove(DROP_CLASS);
    delete slot.dataset.inpageDrop;
  }

  slot.addEventListener("dragenter", function (event) {
    const found = target(event);
    if (!found) return;
    event.preventDefault();
    depth.enter();
    show(found.upload);
  });
  slot.addEventListener("dragover", function (event) {
    const found = target(event);
    if (!found) return;
    event.preventDefault(); // without it the browser opens the file instead of dropping it here
    if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    if (!slot.classList.contains(DROP_CLASS)) show(found.upload);
  });
  slot.addEventListener("dragleave", function () {
    if (slot.classList.contains(DROP_CLASS) && !depth.leave()) hide();
  });
  slot.addEventListener("drop", function (event) {
    const found = target(event);
    hide();
    if (!found || !event.dataTransfer) return;
    const files = event.dataTransfer.files;
    const plan = planDrop(files.length, [found.upload]);
    if (!plan.take) return;
    event.preventDefault();
    if (plan.give) found.element.dispatchEvent(new CustomEvent(FILES_EVENT, { detail: { files: files } }));
    hooks.tell(plan.say, !plan.give);
  });
  // A drag that ends elsewhere (dropped outside, or Escape) takes the outline with it.
  document.addEventListener("drop", hide, true);
  document.addEventListener("dragend", hide, true);
}
