// @ts-check
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

/**
 * The page's HTML without its solution blocks.
 * @param {string} html
 */
export function withoutSolutions(html) {
  const page = new DOMParser().parseFromString(html, "text/html");
  page.querySelectorAll("div.solution").forEach((block) => block.remove());
  return page.documentElement.outerHTML;
}

// searchtools.js declares Search with const: a global name, not a property of window.
const search = typeof Search === "undefined" ? null : Search;
if (search && typeof search.htmlToText === "function") {
  const pageText = search.htmlToText;
  /**
   * @param {string} htmlString
   * @param {string} anchor
   */
  search.htmlToText = function (htmlString, anchor) {
    return pageText(withoutSolutions(htmlString), anchor);
  };
}
