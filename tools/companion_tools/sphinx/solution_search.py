"""Solutions stay out of search: searching the book does not show the answers.

Solution text reaches the search page by two routes, and each is closed here:

* the search index: a page would match words found only in its solutions.
  The HTML builder's ``index_page`` is given a copy of each page without its
  solution nodes (the page itself, and its solutions, are written unchanged);
* the result snippets: Sphinx's searchtools.js fetches each result page and
  quotes the text around the first hit, which can fall inside a solution. On
  the search page only, ``solution-free-snippets.js`` drops solution blocks
  from the fetched page before searchtools.js quotes it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node

from .frontend import STATIC_SUBDIR

SOLUTION_NODES = (solution_node, solution_start_node, solution_end_node)
SNIPPET_SCRIPT = f"{STATIC_SUBDIR}/solution-free-snippets.js"


def without_solutions(doctree: nodes.document) -> nodes.document:
    """A copy of the page with every solution removed (the original is untouched)."""
    copy = doctree.deepcopy()
    for node in list(copy.findall(lambda n: isinstance(n, SOLUTION_NODES))):
        node.parent.remove(node)
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


def add_snippet_script(app: Sphinx, pagename, templatename, context, doctree) -> None:  # noqa: ANN001
    """Only the search page shows snippets, so only it loads the script (deferred:
    it runs after searchtools.js and before the search starts)."""
    if pagename == "search":
        app.add_js_file(SNIPPET_SCRIPT, loading_method="defer")
