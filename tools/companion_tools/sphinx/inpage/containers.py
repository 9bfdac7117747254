"""Each widget cell's output becomes a container for the in-page widget.

Where a notebook cell's output is an ipywidget (a :class:`~..outputs.widget_view`
node), the page gets a container ``<div data-inpage-widget="PAGE/CELL">``
holding: a button *Make this widget live*, an ``aria-live`` status, the code
of the cells the widget needs (JSON), and as stand-in the widget's
kernel-free view: the output of the next code cell tagged ``static-view``
(moved into place; that cell is dropped from the page). A widget with no
static-view cell says in words that it needs Python.

Contracts: the tag ``static-view`` (in the notebook's cell metadata) marks a
stand-in; every container is recorded in the build's manifest
(:mod:`.manifest`), which the runtime's pre-compilation and the tests read.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..jupyterlite import live_url
from ..outputs import widget_view
from ..pyodide import enabled
from . import manifest

ATTRIBUTE = "data-inpage-widget"
#: The notebook cell tag that marks a widget's kernel-free view.
STATIC_VIEW_TAG = "static-view"
NOTE = (
    "This is the widget's view without Python. Press the button to run the real widget "
    "here: Python starts inside this browser, from this site's own files."
)
NO_STATIC_VIEW = (
    "This widget has no view without Python: press the button to run it here "
    "(Python starts inside this browser, from this site's own files)."
)


def cell_source(cell: nodes.Element) -> str:
    block = next(iter(cell.findall(nodes.literal_block)), None)
    return block.astext() if block is not None else ""


def is_code_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"


def is_static_view(cell: nodes.Element) -> bool:
    """myst-nb gives a cell's tags as classes ``tag_<tag>``."""
    return f"tag_{STATIC_VIEW_TAG}" in cell.get("classes", [])


def container_html(key: str, cells: list[str], notebook_url: str | None) -> tuple[str, str]:
    """The opening and closing markup around a widget's stand-in."""
    code = json.dumps(cells).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    notebook = (
        f' or <a href="{html.escape(notebook_url, quote=True)}">open it as a notebook</a>' if notebook_url else ""
    )
    opening = (
        f'<div class="lr-inpage" {ATTRIBUTE}="{html.escape(key, quote=True)}">'
        '<div class="lr-inpage-bar">'
        '<button type="button" class="lr-inpage-start">Make this widget live</button>'
        ' <button type="button" class="lr-inpage-clear" hidden>Clear my answers</button>'
        ' <label class="lr-inpage-auto" hidden><input type="checkbox"> Start Python by itself on widget pages</label>'
        '<p class="lr-inpage-status" role="status" aria-live="polite"></p>'
        f'<p class="lr-inpage-note">{html.escape(NOTE)} You can also use the notebook in JupyterLab{notebook}.</p>'
        "</div>"
        f'<script type="application/json" class="lr-inpage-cells">{code}</script>'
        '<div class="lr-inpage-slot" hidden></div>'
        '<div class="lr-inpage-stand-in">'
    )
    return opening, "</div></div>"


def add_containers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: turn each widget cell's output into a container holding
    its stand-in, and record the page's widgets in the manifest."""
    if app.builder.format != "html" or not enabled() or not docname.startswith("notebooks/"):
        return
    cells = list(doctree.findall(is_code_cell))
    notebook = Path(app.env.doc2path(docname)).relative_to(app.srcdir).as_posix()
    earlier: list[str] = []
    positions: list[int | None] = []  # each earlier code cell's index in the notebook (from 0)
    recorded: list[dict] = []
    for index, cell in enumerate(cells):
        if cell.parent is None or is_static_view(cell):
            continue
        views = list(cell.findall(widget_view))
        earlier.append(cell_source(cell))
        positions.append(cell.get("cell_index"))
        if not views:
            continue
        stand_in = next((c for c in cells[index + 1 :] if is_static_view(c)), None)
        key = f"{docname.split('/', 1)[1]}/{index}"
        opening, closing = container_html(key, list(earlier), live_url(docname))
        moved: list[nodes.Node] = []
        if stand_in is not None:
            for output in [n for n in stand_in.children if "cell_output" in n.get("classes", [])]:
                moved.extend(output.children)
                output.parent.remove(output)
            stand_in.parent.remove(stand_in)
        else:
            moved.append(nodes.paragraph("", NO_STATIC_VIEW, classes=["lr-inpage-no-static-view"]))
        view = views[0]
        parent = view.parent
        at = parent.index(view)
        for extra in views:
            extra.parent.remove(extra)
        new = [nodes.raw("", opening, format="html"), *moved, nodes.raw("", closing, format="html")]
        for offset, node in enumerate(new):
            parent.insert(at + offset, node)
        recorded.append(
            {
                "page": docname,
                "notebook": notebook,
                "cell": cell.get("cell_index"),
                "key": key,
                "cells": list(earlier),
                "cell_indexes": list(positions),
                "static_view": stand_in is not None,
            }
        )
    manifest.record_page(Path(app.outdir).parent, docname, recorded)


def write_manifest(app: Sphinx, exception) -> None:
    """build-finished: the manifest of every page the book has now."""
    if exception is None and app.builder.format == "html" and enabled():
        manifest.write(Path(app.outdir).parent, app.env.found_docs)


def page_has_widget(body: str) -> bool:
    return f"{ATTRIBUTE}=" in body
