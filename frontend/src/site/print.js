// @ts-check
/* The print edition's page, in Chromium (companion_tools/print_edition/press.py).
 *
 * The whole book is one page: the book's PDF prints all of it, a chapter's
 * PDF prints one chapter and its solutions. Links whose target is not printed
 * become links to the site (data-web) and lose their "see p. N".
 */

function links() {
  return /** @type {HTMLAnchorElement[]} */ (Array.from(document.querySelectorAll("a[data-target]")));
}

/** @param {Element | null} element */
function printed(element) {
  return Boolean(element && element.getClientRects().length > 0);
}

/**
 * Print the whole book (key null) or the chapter whose section has id "chapter--KEY".
 * @param {string | null} key
 * @param {string} title
 */
function show(key, title) {
  const one = key !== null;
  document.body.classList.toggle("lr-one-chapter", one);
  document.querySelectorAll(".lr-chapter, .lr-solutions-group").forEach(function (element) {
    const section = /** @type {HTMLElement} */ (element);
    section.classList.toggle("lr-shown", !one || section.dataset.chapter === key);
  });
  const appendix = document.querySelector(".lr-appendix");
  if (appendix) appendix.classList.toggle("lr-shown", !one || !!appendix.querySelector(".lr-solutions-group.lr-shown"));
  links().forEach(function (a) {
    const target = document.getElementById(a.dataset.target || "");
    if (printed(target)) {
      a.setAttribute("href", "#" + a.dataset.target);
      delete a.dataset.away;
    } else {
      a.setAttribute("href", a.dataset.web || "");
      a.dataset.away = "yes";
    }
  });
  document.title = title;
}

/**
 * pages: {id: page number}, read back from the last printing's named destinations.
 * @param {Record<string, number>} pages
 */
function fillPages(pages) {
  links().forEach(function (a) {
    if (!a.dataset.away) a.dataset.page = String(pages[a.dataset.target || ""] || "?");
  });
}

/** @type {any} */ (window).lrPrint = { show: show, fillPages: fillPages };
