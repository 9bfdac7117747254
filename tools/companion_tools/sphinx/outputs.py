"""How notebook outputs that a static page cannot run are turned into HTML.

myst-nb finds these classes through the ``myst_nb.mime_renderers`` entry point
group (declared in pyproject.toml). Notebooks stay untouched: in JupyterLab the
same outputs are drawn by JupyterLab's own Plotly and widget renderers.

* Plotly's standard output (``application/vnd.plotly.v1+json``) becomes a
  ``<div>`` plus the figure as a JSON data island. ``static/charts.js`` draws
  it with the one shared copy of plotly.js (see ``assets.py``), so no page
  carries plotly.js inline and no page asks a CDN for it.
* An ipywidget's view (``application/vnd.jupyter.widget-view+json``) cannot
  respond without a kernel. Rather than a control that looks alive and does
  nothing, the output becomes a :class:`widget_view` node: on HTML pages the
  in-page widgets (``inpage.containers``) make it a container with a button
  that runs the real widget; elsewhere it is a note saying where it runs.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

from docutils import nodes

from learning_regions.markup import visible_text

from .plotly_bundle import BUNDLED_TRACES

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
CHART_CLASS = "lr-chart"

#: Builders whose pages run JavaScript, so a chart can be drawn there.
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


def figure_json(figure: dict[str, Any]) -> str:
    """The figure as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as JSON unicode escapes, so text from the
    data ("</script>", markup in a name) can never end the element early or
    become markup; JSON.parse restores the same characters.
    """
    text = json.dumps(figure, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_id(figure_text: str, cell_index: int | None, output_index: int | None) -> str:
    """A stable id, so two builds of the same notebook write the same page."""
    digest = hashlib.sha1(figure_text.encode("utf-8")).hexdigest()[:10]
    return f"lr-chart-{cell_index}-{output_index}-{digest}"


def figure_title(figure: dict[str, Any]) -> str:
    title = figure.get("layout", {}).get("title", {})
    if isinstance(title, str):
        return title
    return str(title.get("text", "")) if isinstance(title, dict) else ""


def chart_html(figure: dict[str, Any], element_id: str) -> str:
    """The markup for one chart: a labelled container and its data island."""
    label = figure_title(figure) or "Interactive chart"
    return (
        f'<div class="{CHART_CLASS}" id="{element_id}" role="figure" '
        f'aria-label="{html.escape(_strip_tags(label), quote=True)}" '
        f'data-figure="{element_id}-data"></div>'
        f'<script type="application/json" id="{element_id}-data">'
        f"{figure_json(figure)}</script>"
    )


def _strip_tags(text: str) -> str:
    """Plotly titles may hold <b>, <br> or <sup>; a label wants plain words."""
    return " ".join(visible_text(text).split())


def trace_types(figure: dict[str, Any]) -> set[str]:
    return {trace.get("type", "scatter") for trace in figure.get("data", [])}


class PlotlyOutput:
    """Render Plotly's notebook output as a chart drawn by the shared plotly.js."""

    mime_priority_overrides = [(builder, PLOTLY_MIME, 5) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        figure = data.content
        if isinstance(figure, (str, bytes)):
            figure = json.loads(figure)
        missing = trace_types(figure) - set(BUNDLED_TRACES)
        if missing and renderer is not None:
            renderer.logger.warning(
                f"the chart uses trace type(s) {sorted(missing)}, which the site's plotly.js bundle "
                "does not include: add them to frontend/plotly-traces.json (plotly_bundle.BUNDLED_TRACES)",
                subtype="plotly_trace",
                line=data.line,
            )
        element_id = chart_id(figure_json(figure), data.cell_index, data.output_index)
        return [nodes.raw("", chart_html(figure, element_id), format="html", classes=["output", "plotly-chart"])]


WIDGET_NOTICE = (
    "This cell builds a live control (an ipywidget), which needs Python running behind it, "
    "and this copy of the page has none. On the companion's website the widget runs on its "
    "page: press 'Make this widget live' above it. The notebook runs it too, in JupyterLab, "
    "Binder, a JupyterHub or Colab."
)


class widget_view(nodes.General, nodes.Element):
    """Where a cell's ipywidget would be drawn. On HTML pages the in-page
    widgets (``inpage.containers``) put the widget's container here; anywhere
    else its child, a note saying where the widget runs, is what shows."""


def visit_widget_view(self, node: widget_view) -> None:
    pass


def depart_widget_view(self, node: widget_view) -> None:
    pass


WIDGET_VIEW_VISITORS = {
    builder: (visit_widget_view, depart_widget_view) for builder in ("html", "latex", "text", "man", "texinfo")
}


class WidgetViewOutput:
    """A widget view, which would be dead on a static page, becomes a :class:`widget_view`."""

    mime_priority_overrides = [(builder, WIDGET_VIEW_MIME, 5) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != WIDGET_VIEW_MIME or inline:
            return None
        note = nodes.note("", nodes.paragraph(text=WIDGET_NOTICE))
        return [widget_view("", note)]
