/* The print edition's page, in Chromium (companion_tools/print_edition/press.py).
 *
 * The whole book is one page: the book's PDF prints all of it, a chapter's
 * PDF prints one chapter and its solutions. Links whose target is not printed
 * become links to the site (data-web) and lose their "see p. N".
 */
(function () {
  "use strict";

  function links() {
    return Array.prototype.slice.call(document.querySelectorAll("a[data-target]"));
  }

  function printed(element) {
    return element && element.getClientRects().length > 0;
  }

  // Print the whole book (key null) or the chapter whose section has id "chapter--KEY".
  function show(key, title) {
    var one = key !== null;
    document.body.classList.toggle("lr-one-chapter", one);
    document.querySelectorAll(".lr-chapter, .lr-solutions-group").forEach(function (section) {
      section.classList.toggle("lr-shown", !one || section.dataset.chapter === key);
    });
    var appendix = document.querySelector(".lr-appendix");
    if (appendix) appendix.classList.toggle("lr-shown", !one || !!appendix.querySelector(".lr-solutions-group.lr-shown"));
    links().forEach(function (a) {
      var target = document.getElementById(a.dataset.target);
      if (printed(target)) {
        a.setAttribute("href", "#" + a.dataset.target);
        delete a.dataset.away;
      } else {
        a.setAttribute("href", a.dataset.web);
        a.dataset.away = "yes";
      }
    });
    document.title = title;
  }

  // pages: {id: page number}, read back from the last printing's named destinations.
  function fillPages(pages) {
    links().forEach(function (a) {
      if (!a.dataset.away) a.dataset.page = pages[a.dataset.target] || "?";
    });
  }

  window.lrPrint = { show: show, fillPages: fillPages };
})();
