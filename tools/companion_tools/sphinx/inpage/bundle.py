"""The in-page widgets' front end on a widget page: the page controller's script tag.

The browser code is the repository's ``frontend/`` (built by
``frontend/build.mjs``, see :mod:`..frontend`): the page controller
``inpage.js``, the worker ``inpage-worker.js`` and the widget bundle
``inpage-widgets-<digest>.js/.css`` (the Jupyter widgets HTML manager, the
comm bridge and the Plotly renderer). On a page with a widget container,
``inpage.js`` (deferred, small) is added with the URLs it needs: the bundle,
the worker, Pyodide and the page's lock.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .. import frontend, theme
from ..jupyterlite import LIVE_DIR
from .containers import page_has_widget
from .runtime import PAGE_LOCK, PAGE_PACKAGES, RUNTIME_DIR


def add_page_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """On a page with a widget container, add inpage.js (deferred) with the URLs it needs."""
    if not page_has_widget(context.get("body", "")):
        return
    made = frontend.manifest(app)
    files = made["files"]
    root = "../" * pagename.count("/")
    app.add_js_file(
        frontend.served(app, "inpage"),
        loading_method="defer",
        **{
            "data-bundle": files["widgets_js"],
            "data-css": files["widgets_css"],
            "data-worker": files["worker"],
            "data-pyodide": f"{root}{LIVE_DIR}/static/pyodide/pyodide.mjs",
            "data-lock": f"{root}{RUNTIME_DIR}/{PAGE_LOCK}",
            "data-packages": ",".join(PAGE_PACKAGES),
            "data-runtime": runtime_identity(app, made),
            "data-accent": theme.check_colour(getattr(app.config, theme.CONFIG)),
        },
    )


def runtime_identity(app: Sphinx, made: dict) -> str:
    """What names the page's Python (inpage.js gives it to the SharedWorker that
    runs it): the package's code and data, the worker script and the widget
    bundle. A page of a newer build never joins a Python an older page started."""
    from ..freshness import ENV_KEY, inputs_fingerprint

    inputs = getattr(app.env, ENV_KEY, None) or inputs_fingerprint()
    files, digests = made["files"], made["digests"]
    return f"{inputs[:12]}-{digests[files['worker']][:8]}-{digests[files['widgets_js']]}"
