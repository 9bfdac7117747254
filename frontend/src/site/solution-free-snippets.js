// @ts-check
/* Search results quote no answer, and lead to the section they quote.
 *
 * Sphinx's searchtools.js shows, under each result, a snippet of the page's
 * text around the first hit, taken from the page it fetches. This script,
 * loaded on the search page only (companion_tools/sphinx/solution_search.py),
 * changes how that text is read:
 *
 * - answers are left out: the folded exercise solutions (div.solution) and the
 *   widgets' folded answers (a <details> whose summary offers the answer, as
 *   Classify-it's "Show the companion's answer"). The search index already
 *   leaves both out, so a page is never found by its answers alone;
 * - only the article is read, not the page's chrome (its print-only contents
 *   list, the buttons, the "On this page" list, previous/next);
 * - words either side of a block boundary stay apart ("answer" | "Network"
 *   used to read "answerNetwork");
 * - a result found in the page's text links to the section holding the quoted
 *   hit, instead of the top of a long page.
 */
(function () {
  "use strict";

  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function" ||
      typeof Search.makeSearchSummary !== "function") {
    return;
  }

  var ANSWER = /\banswers?\b/i;
  // Elements inside which a word may continue across a tag ("<b>P</b>lace").
  var INLINE = new Set(("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small " +
                        "span strong sub sup time u var wbr").split(" "));

  /** @param {Element} details */
  function isAnswer(details) {
    var summary = details.querySelector(":scope > summary");
    return !!summary && ANSWER.test(summary.textContent);
  }

  // The fetched page, as a document, without what must not be quoted.
  /** @param {string} htmlString */
  function readable(htmlString) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".headerlink, script, style, div.solution").forEach(function (element) {
      element.remove();
    });
    page.querySelectorAll("details").forEach(function (details) {
      if (details.isConnected && isAnswer(details)) details.remove();
    });
    page.querySelectorAll('[role="main"] *').forEach(function (element) {
      if (!INLINE.has(element.localName)) {
        element.prepend(" ");
        element.append(" ");
      }
    });
    return page;
  }

  // The text searchtools.js quotes from: the anchored block if there is one,
  // else the article (else, on a page without one, the main block).
  /** @param {Document} page @param {string | undefined} anchor */
  function textBlock(page, anchor) {
    if (anchor) {
      var anchored = page.querySelector('[role="main"] ' + anchor);
      if (anchored) return anchored;
    }
    return page.querySelector('[role="main"] article') || page.querySelector('[role="main"]');
  }

  const search = Search;
  /** @param {string} htmlString @param {string} [anchor] */
  search.htmlToText = function (htmlString, anchor) {
    var block = textBlock(readable(htmlString), anchor);
    return block ? block.textContent : "";
  };

  // Where makeSearchSummary centres its snippet: the position, in the text,
  // of the last search term that occurs in it (searchtools.js's own rule).
  /** @param {string} text @param {Set<string>} keywords @returns {number | undefined} */
  function hitPosition(text, keywords) {
    var lower = text.toLowerCase();
    return Array.from(keywords)
      .map(function (k) { return lower.indexOf(k.toLowerCase()); })
      .filter(function (i) { return i > -1; })
      .slice(-1)[0];
  }

  // The id of the innermost section that holds the text at `position`.
  /** @param {Element} block @param {number} position */
  function sectionAt(block, position) {
    var walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    var seen = 0;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      seen += /** @type {Text} */ (node).data.length;
      if (seen > position) {
        var section = node.parentElement && node.parentElement.closest("section[id]");
        return section ? section.id : null;
      }
    }
    return null;
  }

  var summarise = search.makeSearchSummary;
  /** @param {string} htmlText @param {Set<string>} keywords @param {string} [anchor] */
  search.makeSearchSummary = function (htmlText, keywords, anchor) {
    var summary = summarise.call(this, htmlText, keywords, anchor);
    if (!summary || anchor) return summary;  // a title or index hit links its own anchor
    var block = textBlock(readable(htmlText), anchor);
    var position = block ? hitPosition(block.textContent || "", keywords) : undefined;
    var id = block && position !== undefined ? sectionAt(block, position) : null;
    if (id) {
      var shown = summary;
      shown.dataset.section = id;
      // searchtools.js puts the snippet under the result's link right after this returns.
      queueMicrotask(function () {
        var link = shown.parentElement && shown.parentElement.querySelector(":scope > a");
        var href = link && link.getAttribute("href");
        if (link && href) link.setAttribute("href", href.split("#")[0] + "#" + encodeURIComponent(String(id)));
      });
    }
    return summary;
  };
})();
