"""Answers stay out of search: searching the book does not give them away.

Two kinds of answer are on the pages: the exercises' solutions (sphinx-exercise's
folded ``div.solution``) and the answers in the widgets' kernel-free views (a
``<details>`` whose summary offers the answer, e.g. Classify-it's "Show the
companion's answer"). Their text reaches the search page by two routes, and
each is closed here:

* the search index: a page would match words found only in its answers.
  The HTML builder's ``index_page`` is given a copy of each page without its
  solution nodes and with each raw HTML output turned into its visible text
  without the answers (the page itself is written unchanged). Sphinx's own
  reading of raw HTML deletes the tags, gluing the words on either side
  together ("answerNetwork"); the copy puts a space where a tag was;
* the result snippets: Sphinx's searchtools.js fetches each result page and
  quotes the text around the first hit, which can fall inside an answer. On
  the search page only, ``solution-free-snippets.js`` drops the answers (and
  the page's chrome) from the fetched page before searchtools.js quotes it,
  keeps words apart, and links each result to the section of the page where
  the quoted hit is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node

from .frontend import STATIC_SUBDIR

SOLUTION_NODES = (solution_node, solution_start_node, solution_end_node)
SNIPPET_SCRIPT = f"{STATIC_SUBDIR}/solution-free-snippets.js"


#: Tags that do not end a word: text on either side of them may be one word.
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u var wbr".split()
)
SILENT_TAGS = frozenset(("script", "style", "template"))
ANSWER_WORD = re.compile(r"\banswers?\b", re.IGNORECASE)


def is_answer_summary(text: str) -> bool:
    """A ``<details>`` whose summary offers an answer ("Show the companion's answer")."""
    return ANSWER_WORD.search(text) is not None


class _VisibleText(HTMLParser):
    """The words a reader sees in a piece of HTML, without the answers folded in
    ``<details>``, with a space wherever a block ends or begins."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[list[str]] = [[]]  # one buffer per open <details>
        self.summaries: list[list[str]] = []
        self.in_summary = 0
        self.silent = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SILENT_TAGS:
            self.silent += 1
        elif tag == "details":
            self.pieces.append([])
            self.summaries.append([])
        elif tag == "summary":
            self.in_summary += 1
        if tag not in INLINE_TAGS:
            self.pieces[-1].append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag not in INLINE_TAGS:
            self.pieces[-1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SILENT_TAGS:
            self.silent = max(0, self.silent - 1)
        elif tag == "summary":
            self.in_summary = max(0, self.in_summary - 1)
        elif tag == "details" and len(self.pieces) > 1:
            inner = "".join(self.pieces.pop())
            summary = "".join(self.summaries.pop())
            if not is_answer_summary(summary):
                self.pieces[-1].append(inner)
        if tag not in INLINE_TAGS:
            self.pieces[-1].append(" ")

    def handle_data(self, data: str) -> None:
        if self.silent:
            return
        self.pieces[-1].append(data)
        if self.in_summary and self.summaries:
            self.summaries[-1].append(data)

    def text(self) -> str:
        self.close()
        while len(self.pieces) > 1:  # an unclosed <details>: keep it only if it is no answer
            inner = "".join(self.pieces.pop())
            if not is_answer_summary("".join(self.summaries.pop())):
                self.pieces[-1].append(inner)
        return " ".join("".join(self.pieces[0]).split())


def visible_text(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    return parser.text()


def without_solutions(doctree: nodes.document) -> nodes.document:
    """A copy of the page for the search index: every solution removed, and each
    raw HTML output replaced by its visible text without the answers (the
    original is untouched)."""
    copy = doctree.deepcopy()
    for node in list(copy.findall(lambda n: isinstance(n, SOLUTION_NODES))):
        node.parent.remove(node)
    for raw in list(copy.findall(nodes.raw)):
        if "html" in raw.get("format", "").split():
            raw.replace_self(nodes.paragraph("", visible_text(raw.astext())))
    return copy


def index_pages_without_solutions(app: Sphinx) -> None:
    """Wrap the HTML builder's indexing so that the search index never sees solutions."""
    builder = app.builder
    if not hasattr(builder, "index_page") or getattr(builder.index_page, "skips_solutions", False):
        return
    index_page = builder.index_page

    def index_page_without_solutions(pagename: str, doctree: nodes.document, title: str) -> None:
        index_page(pagename, without_solutions(doctree), title)

    index_page_without_solutions.skips_solutions = True
    builder.index_page = index_page_without_solutions


def add_snippet_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Only the search page shows snippets, so only it loads the script (deferred:
    it runs after searchtools.js and before the search starts)."""
    if pagename == "search":
        app.add_js_file(SNIPPET_SCRIPT, loading_method="defer")
