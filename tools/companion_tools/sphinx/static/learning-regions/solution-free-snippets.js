/* Search results quote no solution text.
 *
 * Sphinx's searchtools.js shows, under each result, a snippet of the page's
 * text around the first hit, taken from the page it fetches. On a chapter
 * with exercises that hit can lie inside a folded solution, and the snippet
 * would then give the answer away. This script, loaded on the search page
 * only (companion_tools/sphinx/solution_search.py), removes the solution
 * blocks from the fetched page before searchtools.js takes its text. The
 * search index already leaves solutions out, so a page is never found by its
 * solutions alone.
 */
(function () {
  "use strict";

  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") {
    return;
  }
  var pageText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll("div.solution").forEach(function (block) {
      block.remove();
    });
    return pageText(page.documentElement.outerHTML, anchor);
  };
})();
