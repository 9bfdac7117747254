"""The book's Sphinx extension (companion_tools.sphinx), built on tiny projects.

As sphinx-design tests itself: each project is a folder under tests/roots/
(a _toc.yml, a page or two, a notebook with its outputs stored), copied into a
temporary folder and built in this process with ``sphinx.testing``, in
seconds. The configuration is the book's own: made from _config.yml as
jupyter-book makes it, with the CLI's ``--nitpick``, and built as ``make book``
builds (``-W --keep-going``: every warning is reported, then the build fails).
Notebooks are not executed (``nb_execution_mode = "off"``): myst-nb renders
the outputs stored in them.

What these projects do not build is Python for the reader's browser (the
Pyodide distribution, the JupyterLite site and the pre-compiled runtime: a
minute and a download); the site tier checks those on the real build.
test_build_failures.py keeps two jupyter-book builds of a book on disk for what
only a real build shows (a notebook that raises, malformed data).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jupyter_book.config import get_final_config
from sphinx.testing.util import SphinxTestApp

from companion_tools.sphinx import jupyterlite, outputs, pyodide
from companion_tools.sphinx.inpage import containers, manifest, runtime
from conftest import ROOT

ROOTS = Path(__file__).parent / "roots"
#: build-finished handlers that build Python for the reader's browser.
BROWSER_PYTHON = (pyodide.stage_for_site, jupyterlite.build_live_site, runtime.build_runtime)


def copy_root(name: str, into: Path) -> Path:
    """tests/roots/<name> as a project in ``into``: with the bibliography the
    book's configuration names and the repository's node_modules (esbuild and
    plotly.js, which the extension bundles)."""
    srcdir = into / name
    shutil.copytree(ROOTS / name, srcdir)
    (srcdir / "book").mkdir(exist_ok=True)
    shutil.copy(ROOTS / "references.bib", srcdir / "book" / "references.bib")
    (srcdir / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copy(ROOT / "package-lock.json", srcdir / "package-lock.json")
    return srcdir


def book_config(srcdir: Path) -> dict:
    """What `jupyter-book build --nitpick` gives Sphinx for the book's _config.yml."""
    config, _ = get_final_config(
        user_yaml=ROOT / "_config.yml",
        cli_config={"latex_individualpages": False, "external_toc_path": str(srcdir / "_toc.yml"), "nitpicky": True},
        sourcedir=srcdir,
    )
    config["nb_execution_mode"] = "off"  # the roots' notebooks carry their outputs
    return config


def new_app(srcdir: Path, make=SphinxTestApp) -> SphinxTestApp:
    app = make("html", srcdir=srcdir, confoverrides=book_config(srcdir), warningiserror=True, keep_going=True)
    removed = set()
    for listener in list(app.events.listeners["build-finished"]):
        if listener.handler in BROWSER_PYTHON:
            app.disconnect(listener.id)
            removed.add(listener.handler)
    assert removed == set(BROWSER_PYTHON), "the extension no longer connects these: update BROWSER_PYTHON"
    return app


def warnings_of(app: SphinxTestApp) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.fixture
def build(make_app, tmp_path, monkeypatch):
    """Build tests/roots/<name> strictly; returns the app (``statuscode``, ``warning``)."""
    monkeypatch.setenv("LR_LIVE", "1")

    def run(name: str) -> SphinxTestApp:
        app = new_app(copy_root(name, tmp_path), make=make_app)
        app.build()
        return app

    return run


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """tests/roots/book, built once for the checks below, which read what it wrote.
    Sphinx's global registrations are undone at once, before another project is made."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LR_LIVE", "1")
        app = new_app(copy_root("book", tmp_path_factory.mktemp("sphinx")))
        try:
            app.build()
        finally:
            app.cleanup()
    return app


def page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


# --- a book with nothing broken -------------------------------------------------


def test_the_tiny_book_builds_strictly_without_a_warning(book):
    assert book.statuscode == 0 and warnings_of(book) == "", warnings_of(book)


def test_a_widget_with_a_static_view_gets_a_container_holding_that_view(book):
    html = page(book, "notebooks/widget-page")
    first, second = html.select(f"[{containers.ATTRIBUTE}]")
    assert first[containers.ATTRIBUTE] == "widget-page/1"
    assert first.select_one("button.lr-inpage-start").get_text() == "Make this widget live"
    cells = json.loads(first.select_one("script.lr-inpage-cells").string)
    assert cells == ["import plotly.graph_objects as go\nfrom ipywidgets import IntSlider", "IntSlider(value=3)"]
    stand_in = first.select_one(".lr-inpage-stand-in")
    assert stand_in.select_one(f".{outputs.CHART_CLASS}")["aria-label"] == "A stand-in chart"
    # The static-view cell moved into the container: nowhere else on the page.
    assert len(html.select(f".{outputs.CHART_CLASS}")) == 1
    assert "tag_static-view" not in str(html)
    # Not the note a page without in-page widgets shows.
    assert outputs.WIDGET_NOTICE not in first.get_text()


def test_a_data_table_named_on_a_page_links_to_its_copy_in_the_site(book):
    """A reader could not open the tables the pages name: each is copied into
    the site's data/ and its name links there; a name without a file stays text."""
    html = page(book, "book/chapter")
    links = [(a["href"], a.get_text()) for a in html.select("a.lr-data-file")]
    assert links == [("../data/tiny.csv", "data/tiny.csv")]
    assert (Path(book.outdir) / "data" / "tiny.csv").read_text(encoding="utf-8").startswith("case_id,label")
    assert not (Path(book.outdir) / "data" / "absent.csv").exists()
    texts = [code.get_text() for code in html.select("code") if code.parent.name != "a"]
    assert "data/absent.csv" in texts and "tiny.csv" in texts


def test_a_widget_without_a_static_view_says_it_has_no_view_without_python(book):
    html = page(book, "notebooks/widget-page")
    second = html.select(f"[{containers.ATTRIBUTE}]")[1]
    assert second[containers.ATTRIBUTE] == "widget-page/3"
    assert second.select_one(".lr-inpage-stand-in").get_text(" ", strip=True) == containers.NO_STATIC_VIEW
    assert not second.select(f".{outputs.CHART_CLASS}")


def test_the_manifest_names_each_widget_its_cells_and_whether_it_has_a_static_view(book):
    widgets = manifest.read(Path(book.outdir).parent)
    imports = "import plotly.graph_objects as go\nfrom ipywidgets import IntSlider"
    shown = [{k: w[k] for k in ("page", "key", "cells", "static_view")} for w in widgets]
    assert shown == [
        {
            "page": "notebooks/widget-page",
            "key": "widget-page/1",
            "cells": [imports, "IntSlider(value=3)"],
            "static_view": True,
        },
        {
            "page": "notebooks/widget-page",
            "key": "widget-page/3",
            "cells": [imports, "IntSlider(value=3)", "IntSlider(value=5)"],
            "static_view": False,
        },
    ]
    # Each names its notebook and the widget cell in it (as JupyterLab counts, from 0): what a build error cites.
    import json

    for widget in widgets:
        notebook = json.loads((Path(book.srcdir) / widget["notebook"]).read_text(encoding="utf-8"))
        source = notebook["cells"][widget["cell"]]["source"]
        assert ("".join(source) if isinstance(source, list) else source) == widget["cells"][-1]


def test_a_widget_page_loads_the_in_page_loader_and_bundle_and_other_pages_do_not(book):
    loaders = [
        s
        for s in page(book, "notebooks/widget-page").select("script[src]")
        if s["src"].split("?")[0].endswith("learning-regions/inpage.js")
    ]
    assert len(loaders) == 1
    static = Path(book.outdir) / "_static" / "learning-regions"
    assert (static / loaders[0]["data-bundle"]).is_file() and (static / loaders[0]["data-css"]).is_file()
    assert not [s for s in page(book, "book/chapter").select("script[src]") if "inpage.js" in s["src"]]


def test_the_search_index_has_the_exercise_but_not_its_solution(book):
    index = (Path(book.outdir) / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert "zebra" in terms  # the exercise's own word
    assert "quokka" not in terms  # a word only its solution has
    assert "quokka" in page(book, "book/chapter").get_text()  # still on the page itself


# --- one fault each: the strict build fails, and says where and why ------------


def only_warning(app: SphinxTestApp) -> str:
    """The build failed (-W --keep-going) and printed one warning, the fault's."""
    warnings = [line for line in warnings_of(app).splitlines() if "WARNING:" in line]
    assert app.statuscode == 1 and len(warnings) == 1, warnings_of(app)
    return warnings[0]


def test_a_broken_cross_reference_fails_the_build_naming_page_and_line(build):
    warning = only_warning(build("broken-xref"))
    assert re.search(r"/book/index\.md:5: WARNING: unknown document: 'no-such-page'$", warning), warning


def test_a_broken_citation_fails_the_build_naming_page_and_line(build):
    warning = only_warning(build("broken-citation"))
    assert re.search(r'/book/index\.md:5: WARNING: could not find bibtex key "nobody2099"$', warning), warning


def test_a_chart_type_missing_from_the_plotly_bundle_fails_the_build_naming_notebook_and_cell(build):
    warning = only_warning(build("missing-trace"))
    # myst-nb numbers a notebook's lines from (cell index + 1) * 10000: 3xxxx is its third cell.
    assert re.search(
        r"/notebooks/pie\.ipynb:3\d{4}: WARNING: the chart uses trace type\(s\) \['pie'\], "
        r"which the site's plotly\.js bundle does not include: add them to frontend/plotly-traces\.json",
        warning,
    ), warning
