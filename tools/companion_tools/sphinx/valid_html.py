"""Valid HTML on every page, as the Nu HTML checker (vnu-jar) reads it.

Three kinds of markup written by others fail the checker, and each is mended here
without touching the installed packages or the notebooks:

* sphinx-exercise gives the body of every exercise the id ``exercise-content``
  and of every solution ``solution-content`` (jupyter-book #2135): a page with
  two exercises repeats an id. Each body gets its own id, after its exercise's
  or solution's (``ex-oecd-jena-content``); nothing links to the old ones.
* pandas' HTML for a DataFrame starts with ``<style scoped>``: the attribute is
  not HTML5, and a ``<style>`` in the body may only style what follows its
  parent. The notebook keeps pandas' output (JupyterLab shows it as before);
  the page drops the element, and ``site-fixes.css`` gives ``.dataframe``
  tables the same three rules once for the whole site.
* sphinx-external-toc writes the site's root ``index.html`` as a bare
  ``<meta http-equiv="Refresh">``, with no doctype and no title. A complete
  page that redirects the same way is written first (it writes one only when
  none exists).

tests/test_valid_html.py runs the checker over every built page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_exercise.nodes import (
    exercise_enumerable_node,
    exercise_node,
    solution_node,
)

#: The id sphinx-exercise gives the body of each exercise or solution.
SHARED_BODY_IDS = ("exercise-content", "solution-content")
EXERCISE_NODES = (exercise_node, exercise_enumerable_node, solution_node)
#: pandas' ``<style scoped>`` block in a DataFrame's HTML (pandas/io/formats/html.py).
PANDAS_STYLE = re.compile(r"<style scoped>\s*(?:\.dataframe[^{}]*\{[^{}]*\}\s*)+</style>\s*")


def unique_body_ids(doctree: nodes.document) -> None:
    """Give each exercise's and solution's body an id of its own."""
    for block in doctree.findall(lambda n: isinstance(n, EXERCISE_NODES)):
        owner = (block.get("ids") or [""])[0]
        for body in block.findall(nodes.section):
            shared = [i for i in body["ids"] if i in SHARED_BODY_IDS]
            if not shared:
                continue
            body["ids"] = [i for i in body["ids"] if i not in SHARED_BODY_IDS]
            if owner:
                body["ids"].append(f"{owner}-content")


def without_scoped_styles(markup: str) -> str:
    return PANDAS_STYLE.sub("", markup)


def drop_scoped_styles(doctree: nodes.document) -> None:
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and "<style scoped>" in raw.astext():
            raw[:] = [nodes.Text(without_scoped_styles(raw.astext()))]


def mend_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: the page's own markup, before it is written."""
    unique_body_ids(doctree)
    drop_scoped_styles(doctree)


def redirect_page(target: str, title: str) -> str:
    """A complete HTML5 page that sends the browser to ``target`` at once. No icon
    link: the browser would start fetching it and abort as it leaves the page."""
    url = html.escape(target, quote=True)
    name = html.escape(title)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{name}</title>\n"
        f'<meta name="description" content="{html.escape(title, quote=True)}: a reading companion with '
        'notebooks, charts and widgets.">\n'
        f'<meta http-equiv="Refresh" content="0; url={url}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>The book starts at <a href="{url}">{name}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def write_root_redirect(app: Sphinx, exception) -> None:
    """build-finished, before sphinx-external-toc's own handler (priority 500),
    which then finds an index.html and leaves it alone."""
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    index = Path(app.outdir) / "index.html"
    page = redirect_page(target, app.config.html_title or app.config.project)
    if not index.is_file() or index.read_text(encoding="utf-8") != page:
        index.write_text(page, encoding="utf-8")
