"""What the widgets share: labelled controls, a figure shown in an Output,
a status line for messages, and a look for Plotly's own menus that stays
readable in light and dark mode.

Standard library, plotly and ipywidgets only, and no threads: the same code
runs in a Pyodide browser kernel (JupyterLite).
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from ..charts.style import BLUE, GREEN, GREY, HOUSE_LOOK, ORANGE, PINK, SKY, VERMILION
from ..markup import attribute, escape

#: Every control's label is shown in full, never cut to the default 80 px.
LABEL_STYLE = {"description_width": "initial"}

#: The Introduction's three categories, in its order.
LAYERS = ("place", "network", "community")
LAYER_LABELS = {"place": "Place", "network": "Network", "community": "Community"}
#: Colour and line style per category (the dash keeps them apart without colour).
LAYER_COLOURS = {"place": GREEN, "network": BLUE, "community": VERMILION}
LAYER_DASH = {"place": "solid", "network": "dot", "community": "dash"}

#: Plotly's menus keep their own dark-on-light colours, so that the book's
#: dark mode (which re-colours chart text) cannot make them unreadable.
MENU_INK = "#1f1f1f"
MENU_BACKGROUND = "#dde3ea"
#: Grid and axis lines that show on a white and on a dark page alike.
NEUTRAL_LINE = "rgba(128, 128, 128, 0.85)"
NEUTRAL_GRID = "rgba(128, 128, 128, 0.35)"
#: One colour per case, as the book's other charts use them.
CASE_COLOURS = {
    "jena": BLUE, "poitiers": ORANGE, "oresund": GREEN, "andalusia": PINK, "kent": VERMILION, "editors-team": SKY,
}

PLOTLY_MIME = "application/vnd.plotly.v1+json"




def wrap(text: str, width: int = 60) -> str:
    """Escaped text broken into lines for a Plotly hover label."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "<br>".join(escape(piece) for piece in lines)


def labelled(cls: type[widgets.Widget], description: str, tooltip: str | None = None, **kwargs: Any) -> Any:
    """A control whose label is written out (read by screen readers) and readable in full."""
    if issubclass(cls, (widgets.Button, widgets.FileUpload)) and "layout" not in kwargs:
        kwargs["layout"] = {"width": "auto"}  # the whole label shows, never cut to the default width
    control = cls(description=description, **kwargs)
    if "description_width" in control.style.trait_names():  # buttons show their description as their face
        control.style.description_width = LABEL_STYLE["description_width"]
    if tooltip:
        control.tooltip = tooltip
    return control


#: Where ``radar_over_bars`` puts a trace added with ``row=`` (col 1): what
#: ``fig.add_trace(trace, row=row, col=1)`` sets on it.
RADAR_OVER_BARS_SUBPLOTS = {1: {"subplot": "polar"}, 2: {"xaxis": "x", "yaxis": "y"}}


#: Layouts the build computed: companion_tools/sphinx/precompile.py writes
#: this file into the book page's pre-compiled wheel only. On the page, a
#: widget's first chart then skips building a go.Figure for its layout (about
#: half a second in the tab's Python). A normal install has no such file and
#: computes its layouts; either way they come from the same code and data.
PREBUILT_LAYOUTS = "prebuilt_layouts.json"
_layouts: dict[str, str] = {}  # "module.function[args]" -> layout JSON text
_prebuilt_read = False


def cached_layout(function: Callable[..., str]) -> Callable[..., str]:
    """Cache a function's layout JSON by its (JSON-able) arguments, looking first
    in the layouts the build computed (:data:`PREBUILT_LAYOUTS`)."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def cached(*args: Any) -> str:
        key = name + json.dumps(args)
        if key not in _layouts:
            _read_prebuilt()
        if key not in _layouts:
            _layouts[key] = function(*args)
        return _layouts[key]

    return cached


def _read_prebuilt() -> None:
    global _prebuilt_read  # noqa: PLW0603
    if _prebuilt_read:
        return
    _prebuilt_read = True
    try:
        text = importlib.resources.files(__package__).joinpath(PREBUILT_LAYOUTS).read_text(encoding="utf-8")
    except OSError:
        return
    for key, layout in json.loads(text).items():
        _layouts.setdefault(key, layout)


def computed_layouts() -> dict[str, str]:
    """Every cached layout so far (the build's trace writes them to :data:`PREBUILT_LAYOUTS`)."""
    return dict(_layouts)


def layout_json(fig: go.Figure) -> str:
    """A figure's layout as JSON text, to keep in a cache (a copy is made from it each time)."""
    return json.dumps(fig.layout.to_plotly_json(), cls=PlotlyJSONEncoder)


def trace(kind: str, **properties: Any) -> dict[str, Any]:
    """A plotly trace as a plain dict (``{"type": kind, ...}``), with no
    validation: ``fig.add_trace`` validates it on the ``go.Figure`` route, and
    ``figure_spec`` takes it as it is (building a ``go.Scatterpolar`` cost
    about a millisecond per trace on every redraw)."""
    return {"type": kind, **properties}


def figure_spec(layout: str, traces: Iterable[tuple[Mapping[str, Any], Mapping[str, str]]],
                title: str | None = None) -> dict[str, Any]:
    """A figure as the plain dict plotly's ``to_plotly_json`` gives, assembled
    from a cached layout (JSON text) and ``(trace dict, subplot keys)`` pairs.

    Why: in the browser's Python, building and validating a whole ``go.Figure``
    (subplots, layout updates) on every slider change took most of a redraw.
    The layout does not depend on the values a control moves, so it is built
    once through plotly (validated) and kept; only the traces are built anew.
    ``title`` replaces the layout's title text (the one part that varies often).
    The widgets' tests check that the result equals the ``go.Figure`` route."""
    spec = {"data": [{**one, **keys} for one, keys in traces], "layout": json.loads(layout)}
    if title is not None:
        spec["layout"].setdefault("title", {})["text"] = title
    return spec


def figure_bundle(fig: go.Figure | Mapping[str, Any]) -> dict[str, Any]:
    """Plotly's standard notebook output for ``fig`` (a ``go.Figure`` or the
    plain dict of ``figure_spec``), what JupyterLab, JupyterLite and Binder
    draw. Colab does not draw that mime type, so there the bundle also
    carries HTML that loads plotly.js from Plotly's CDN, as Colab's own renderer does."""
    if isinstance(fig, go.Figure):
        spec = json.loads(fig.to_json())
    else:
        spec = json.loads(json.dumps(fig, cls=PlotlyJSONEncoder))
    spec["config"] = {"displaylogo": False, "responsive": True}
    title = (spec.get("layout", {}).get("title") or {}).get("text") or "Plotly chart"
    bundle = {PLOTLY_MIME: spec, "text/plain": f"<Figure: {title}>"}
    if "google.colab" in sys.modules:  # pragma: no cover - only inside Colab
        import plotly.io as pio

        bundle["text/html"] = pio.to_html(fig, include_plotlyjs="cdn", full_html=False, config=spec["config"],
                                          validate=False)
    return bundle


def show_figure(output: widgets.Output, fig: go.Figure | Mapping[str, Any]) -> None:
    """Replace what ``output`` shows by ``fig``.

    Setting the Output's outputs directly works in a kernel, in a browser
    kernel and in a test without a kernel alike (``with output:`` needs an
    IPython kernel to capture anything).
    """
    output.outputs = ({"output_type": "display_data", "data": figure_bundle(fig), "metadata": {}},)


def status_html(message: str, kind: str = "info") -> str:
    """A message line that screen readers announce when it changes."""
    colours = {"info": "inherit", "warning": "#b35900", "error": "#b00020", "ok": "#00734f"}
    if not message:
        return '<div role="status" aria-live="polite"></div>'
    return (
        f'<div role="status" aria-live="polite" style="color:{colours.get(kind, "inherit")}">'
        f"{escape(message)}</div>"
    )


def heading(text: str) -> widgets.HTML:
    return widgets.HTML(f'<h4 style="margin:0.8em 0 0.2em">{escape(text)}</h4>')


class StaticHTML:
    """HTML that a notebook shows as it is (text/html), with no JavaScript."""

    def __init__(self, markup: str, text: str = ""):
        self.markup = markup
        self.text = text or "HTML for the static page"

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.text


def menu(buttons: list[dict], *, x: float, y: float, kind: str = "dropdown", active: int = 0, direction: str = "down") -> dict:
    """One of Plotly's own menus (it works on a static page, with no kernel)."""
    return {
        "type": kind,
        "buttons": buttons,
        "active": active,
        "direction": direction,
        "showactive": True,
        "x": x,
        "y": y,
        "xanchor": "left",
        "yanchor": "top",
        "bgcolor": MENU_BACKGROUND,
        "bordercolor": GREY,
        "font": {"color": MENU_INK, "size": 13},
        "pad": {"r": 4, "t": 4, "b": 4, "l": 4},
    }


def paper_y(height: int, top: int, bottom: int, px_from_top: float) -> float:
    """A point ``px_from_top`` pixels below the figure's top edge, in paper units
    (0 = bottom and 1 = top of the plotting area). Plotly's menus know no other unit."""
    return (height - bottom - px_from_top) / (height - top - bottom)


#: Short author-year names for source lines (full titles: data/sources.csv).
SHORT_SOURCE = {"oecd1999": "OECD Observer (1999)", "rutten2014": "Rutten et al. (2014)"}


def wrap_source(text: str, width: int = 105) -> str:
    """Break each line of a source line (already escaped) at ``width`` characters."""
    out = []
    for line in text.split("<br>"):
        out.append("<br>".join(textwrap.wrap(line, width=width, break_long_words=False)) or line)
    return "<br>".join(out)


def frame(
    fig: go.Figure,
    title: str,
    source: str,
    *,
    height: int,
    top: int,
    bottom: int,
    left: int = 60,
    right: int = 30,
    legend_px: float | None = None,
    title_shift: int = 28,
) -> go.Figure:
    """The widgets' page furniture, placed in pixels so nothing overlaps:
    the title at the top, the legend ``legend_px`` below the top edge (None:
    no legend), the source line at the bottom of the figure. Transparent
    background and inherited text colour, so the book's dark mode re-colours
    the text and nothing else needs to change."""
    source = wrap_source(source)
    lines = source.count("<br>") + 1
    fig.update_layout(
        **HOUSE_LOOK,
        title={"text": title, "x": 0, "xref": "container", "xanchor": "left", "y": 1 - 14 / height,
               "yref": "container", "yanchor": "top", "font": {"size": 17}, "pad": {"l": 12}},
        height=height,
        margin={"l": left, "r": right, "t": top, "b": bottom, "autoexpand": False},
        showlegend=legend_px is not None,
        annotations=list(fig.layout.annotations) + [
            go.layout.Annotation(
                name="source", text=source, xref="paper", yref="paper", x=0, y=0, yshift=-(bottom - 10 - 17 * lines),
                xshift=-(left - 12),
                xanchor="left", yanchor="top", align="left", showarrow=False, font={"size": 11},
            )
        ],
    )
    titles = [a for a in fig.layout.annotations if a.name != "source" and a.yanchor == "bottom" and a.showarrow is False]
    for index, annotation in enumerate(titles):  # subplot titles; the first (a radar's) clears its axis labels
        annotation.update(yshift=title_shift if index == 0 else 6, font={"size": 14})
    if legend_px is not None:
        fig.update_layout(legend={
            "orientation": "h", "yref": "container", "y": 1 - legend_px / height, "yanchor": "top",
            "xref": "container", "x": 0.01, "xanchor": "left", "bgcolor": "rgba(0,0,0,0)",
        })
    return fig


def labelled_menu(fig: go.Figure, label: str, buttons: list[dict], y: float, *, kind: str = "dropdown") -> None:
    """A Plotly menu at the left edge of the plot with its label just before it."""
    fig.update_layout(updatemenus=list(fig.layout.updatemenus) + [
        menu(buttons, x=0, y=y, kind=kind, direction="right" if kind == "buttons" else "down")
    ])
    fig.add_annotation(text=label, x=0, y=y, xref="paper", yref="paper", xanchor="right", yanchor="top", xshift=-8,
                       yshift=-6, showarrow=False, font={"size": 14})


def polar_axes(categories: Iterable[str], maximum: int = 4) -> dict:
    """Radial axis 0..maximum and angular axis with the given categories."""
    return {
        "radialaxis": {
            "range": [0, maximum],
            "tickvals": list(range(maximum + 1)),
            "gridcolor": NEUTRAL_GRID,
            "linecolor": NEUTRAL_LINE,
            "tickcolor": NEUTRAL_LINE,
            "showline": True,
            "angle": 30,
            "tickangle": 30,
        },
        "angularaxis": {
            "categoryarray": list(categories),
            "gridcolor": NEUTRAL_GRID,
            "linecolor": NEUTRAL_LINE,
            "direction": "clockwise",
            "rotation": 90,
        },
        "bgcolor": "rgba(0,0,0,0)",
    }


class LiveWidget(widgets.VBox):
    """Base of the companion's widgets: a status line, an Output with the
    current figure (kept on ``self.figure`` for tests), and callbacks that
    report problems in the status line instead of raising."""

    def __init__(self, **kwargs: Any):
        self.status = widgets.HTML(status_html(""))
        self.output = widgets.Output(layout={"min_height": "420px"})
        self._figure: go.Figure | None = None
        self._figure_spec: Mapping[str, Any] | None = None
        self.message = ""
        super().__init__(**kwargs)

    @property
    def figure(self) -> go.Figure | None:
        """The chart on show as a ``go.Figure`` (made from its plain dict only
        when asked for: the widget itself never needs it)."""
        if self._figure is None and self._figure_spec is not None:
            self._figure = go.Figure(self._figure_spec)
        return self._figure

    def say(self, message: str, kind: str = "info") -> None:
        self.message = message
        self.status.value = status_html(message, kind)

    def show(self, fig: go.Figure | Mapping[str, Any]) -> None:
        """Show ``fig``: a ``go.Figure`` or the plain dict of ``figure_spec``."""
        if isinstance(fig, go.Figure):
            self._figure, self._figure_spec = fig, None
        else:
            self._figure, self._figure_spec = None, fig
        show_figure(self.output, fig)


def guarded(method: Callable) -> Callable:
    """Run a widget callback; an unexpected error becomes a message in the
    widget (the last good chart stays), never a traceback in the notebook."""

    @functools.wraps(method)
    def run(self: LiveWidget, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 - shown to the reader, not swallowed
            self.say(
                f"Something went wrong ({type(error).__name__}: {error}). "
                "The previous chart is kept; change a control to try again.",
                "error",
            )
            return None

    return run


def radar_over_bars(radar_title: str, bar_title: str, spacing: float = 0.2) -> go.Figure:
    """A radar above a bar chart: the two stay readable in a narrow page column."""
    from plotly.subplots import make_subplots

    return make_subplots(
        rows=2, cols=1, specs=[[{"type": "polar"}], [{"type": "xy"}]], row_heights=[0.6, 0.4],
        vertical_spacing=spacing, subplot_titles=(radar_title, bar_title),
    )


def cartesian_axes(fig: go.Figure) -> None:
    """Axis lines and grids that read on a white and on a dark page."""
    style = {"showline": True, "linecolor": NEUTRAL_LINE, "gridcolor": NEUTRAL_GRID, "zeroline": False,
             "ticks": "outside", "tickcolor": NEUTRAL_LINE}
    fig.update_xaxes(**style)
    fig.update_yaxes(**style)


__all__ = [
    "BLUE", "CASE_COLOURS", "GREEN", "GREY", "VERMILION", "LABEL_STYLE", "PREBUILT_LAYOUTS", "cached_layout",
    "cartesian_axes", "computed_layouts", "radar_over_bars", "frame", "paper_y", "LAYERS", "LAYER_COLOURS", "LAYER_DASH",
    "LAYER_LABELS", "LiveWidget", "RADAR_OVER_BARS_SUBPLOTS", "StaticHTML", "attribute", "escape", "figure_bundle",
    "figure_spec", "guarded", "heading", "labelled", "layout_json", "menu", "polar_axes", "show_figure", "status_html", "trace", "wrap",
]
