// @ts-check
/* Three fixes to the pages' behaviour, on every page (deferred; companion_tools/sphinx/site_fixes.py).
 *
 * 1. The title of a folded solution ("Solution to Exercise 2.1") opens and
 *    closes it, wherever it is tapped. Its link to the exercise (which stands
 *    just above it on the page) took most of the title: a tap on a phone jumped
 *    to the exercise and left the answer folded. In a folded block's title the
 *    link becomes its words. A link in the title of any other admonition goes
 *    where it points and does nothing else: sphinx-togglebutton 0.4.5 listens
 *    for clicks on whole titles and, for a click on a link, looks for a toggle
 *    button in a variable it never set (`ReferenceError: button is not defined`),
 *    so such a click is stopped at the link.
 * 2. A table wider than its column (a phone, a long "Reason" column) scrolls
 *    sideways in its own box. The box becomes a labelled region a keyboard can
 *    reach and scroll, and says that it scrolls (a line above it and a shadow
 *    at the edge that hides more), only while it is too narrow for its table.
 */
(function () {
  "use strict";

  /** @param {() => void} callback */
  function onReady(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }

  // 1. Links in the titles of folded solutions and other toggled admonitions.
  onReady(function () {
    document.querySelectorAll(".admonition > .admonition-title a[href]").forEach(function (link) {
      var block = /** @type {Element} */ (link.closest(".admonition"));
      if (block.classList.contains("dropdown") || block.classList.contains("toggle")) {
        link.replaceWith.apply(link, Array.from(link.childNodes));
        return;
      }
      link.addEventListener("click", function (event) {
        event.stopPropagation();
      });
    });
  });

  // 2. Tables that scroll sideways.
  var BOXES = [
    ".bd-article .pst-scrollable-table-container",  // tables written in the chapters
    ".bd-article .cell_output > .output.text_html",  // tables a notebook cell printed
  ].join(", ");
  var HINT = "Scroll sideways to see the whole table";

  /** @param {Element} box */
  function tableIn(box) {
    return box.querySelector("table");
  }

  // The region's name: the table's caption, else its column headings.
  /** @param {HTMLTableElement} table */
  function labelFor(table) {
    /** @param {Element} element */
    var words = function (element) { return (element.textContent || "").replace(/\s+/g, " ").trim(); };
    var caption = table.querySelector("caption");
    var name = caption ? words(caption) : "";
    if (!name) {
      var row = table.querySelector("thead tr") || table.querySelector("tr");
      name = row ? Array.from(row.children).map(words).filter(Boolean).join(", ") : "";
    }
    return (name ? "Table: " + name : "Table") + " (scrolls sideways)";
  }

  /** @param {HTMLElement} box */
  function update(box) {
    var table = tableIn(box);
    var scrolls = table !== null && box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("lr-scrolls", scrolls);
    var hint = box.previousElementSibling;
    var hasHint = !!hint && hint.classList.contains("lr-scroll-hint");
    if (scrolls && table) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", labelFor(table));
      box.tabIndex = 0;
      if (!hasHint) {
        hint = document.createElement("p");
        hint.className = "lr-scroll-hint";
        hint.setAttribute("aria-hidden", "true");  // the region's name says it
        hint.textContent = HINT;
        box.before(hint);
      }
      updateEdges(box);
    } else if (box.classList.contains("lr-scroll-region")) {
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      box.tabIndex = -1;
      if (hasHint && hint) hint.remove();
    }
    box.classList.toggle("lr-scroll-region", scrolls);
  }

  // Which edges hide more of the table: a shadow is drawn on those.
  /** @param {HTMLElement} box */
  function updateEdges(box) {
    var left = box.scrollLeft > 1;
    var right = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
    box.classList.toggle("lr-more-left", left);
    box.classList.toggle("lr-more-right", right);
  }

  onReady(function () {
    var boxes = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll(BOXES))).filter(tableIn);
    if (!boxes.length) return;
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(/** @type {HTMLElement} */ (entry.target)); });
    });
    boxes.forEach(function (box) {
      update(box);
      observer.observe(box);
      box.addEventListener("scroll", function () { updateEdges(box); }, { passive: true });
    });
  });

  // 3. Focus back to the menu and contents buttons.
  onReady(function () {
    var keyboard = false;
    document.addEventListener("keydown", function () { keyboard = true; }, true);
    document.addEventListener("pointerdown", function () { keyboard = false; }, true);
    [["pst-primary-sidebar-modal", ".primary-toggle"], ["pst-secondary-sidebar-modal", ".secondary-toggle"]]
      .forEach(function (pair) {
        var dialog = document.getElementById(pair[0]);
        var button = /** @type {HTMLElement | null} */ (document.querySelector(pair[1]));
        if (!dialog || !button) return;
        dialog.addEventListener("close", function () {
          // After the theme's own handlers, which try to put focus back first.
          setTimeout(function () {
            var lost = !document.activeElement || document.activeElement === document.body;
            if (keyboard && lost && button) button.focus();
          }, 0);
        });
      });
  });
})();
