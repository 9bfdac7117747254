"""Figures as plain dicts, the prebuilt-layout cache, and the one helper that
makes a widget's chart both as a ``go.Figure`` and as a plain dict.

Two routes, one description. JupyterLab, the static views and the tests take
a ``go.Figure`` (validated by plotly). The widgets redraw from a plain dict
(:func:`figure_spec`): in the browser's Python, building and validating a whole
``go.Figure`` on every slider change took most of a redraw. A widget's chart
is described once, as :class:`FigureParts` (its layout, the layout's
arguments, its title and its traces as dicts); ``parts.figure()`` and
``parts.spec()`` build the two routes from it, so they cannot drift apart.

The layout does not depend on the values a control moves, so the dict route
builds it once through plotly (validated) and keeps its JSON
(:func:`cached_layout_json`). The book build also writes the layouts it
computed into the page's wheel (:data:`PREBUILT_LAYOUTS`), so the page's
first chart skips building a ``go.Figure`` for its layout.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

PLOTLY_MIME = "application/vnd.plotly.v1+json"

#: Layouts the build computed: learning_regions/sphinx/precompile.py writes
#: this file into the book page's pre-compiled wheel only. On the page, a
#: widget's first chart then skips building a go.Figure for its layout (about
#: half a second in the tab's Python). A normal install has no such file and
#: computes its layouts; either way they come from the same code and data.
PREBUILT_LAYOUTS = "prebuilt_layouts.json"
_layouts: dict[str, str] = {}  # "name[args]" -> layout JSON text
_prebuilt_read = False


def cached_layout_json(function: Callable[..., str], name: str | None = None) -> Callable[..., str]:
    """Cache a function's layout JSON by its (JSON-able) arguments, looking first
    in the layouts the build computed (:data:`PREBUILT_LAYOUTS`). The key is
    ``name`` (by default the function's module and name) and the arguments."""
    name = name or f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def cached(*args: Any) -> str:
        key = name + json.dumps(args)
        if key not in _layouts:
            _read_prebuilt()
        if key not in _layouts:
            _layouts[key] = function(*args)
        return _layouts[key]

    return cached


def data_fingerprint() -> str:
    """A digest of the data folder's files: the prebuilt layouts were computed from one data."""
    from ..loader import data_dir

    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir().iterdir() if p.is_file()):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def prebuilt_file(layouts: Mapping[str, str]) -> str:
    """What the build writes to :data:`PREBUILT_LAYOUTS`: the layouts and the data they were computed from."""
    return json.dumps({"data": data_fingerprint(), "layouts": dict(layouts)}, sort_keys=True)


def _read_prebuilt() -> None:
    """The build's layouts, unless the data changed since they were computed (a
    rebuild after a data edit keeps the pre-compiled code and swaps only the
    data in: its layouts are then computed here, as without the file)."""
    global _prebuilt_read
    if _prebuilt_read:
        return
    _prebuilt_read = True
    try:
        text = importlib.resources.files(__package__).joinpath(PREBUILT_LAYOUTS).read_text(encoding="utf-8")
    except OSError:
        return
    prebuilt = json.loads(text)
    if prebuilt.get("data") != data_fingerprint():
        return
    for key, layout in prebuilt.get("layouts", {}).items():
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


def figure_spec(
    layout: str, traces: Iterable[tuple[Mapping[str, Any], Mapping[str, str]]], title: str | None = None
) -> dict[str, Any]:
    """A figure as the plain dict plotly's ``to_plotly_json`` gives, assembled
    from a cached layout (JSON text) and ``(trace dict, subplot keys)`` pairs.
    ``title`` replaces the layout's title text (the one part that varies often)."""
    spec = {"data": [{**one, **keys} for one, keys in traces], "layout": json.loads(layout)}
    if title is not None:
        spec["layout"].setdefault("title", {})["text"] = title
    return spec


@dataclass(frozen=True)
class FigureLayout:
    """A chart's layout without its traces: ``build(title, *args)`` makes it as
    a ``go.Figure``. ``subplots`` maps a subplot row to what
    ``fig.add_trace(trace, row=row, col=1)`` sets on a trace (None: one plot)."""

    build: Callable[..., go.Figure]
    subplots: Mapping[int, Mapping[str, str]] | None = None
    _json: Callable[..., str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        name = f"{self.build.__module__}.{self.build.__qualname__}"
        object.__setattr__(self, "_json", cached_layout_json(self.compute, name=name))

    @property
    def name(self) -> str:
        """The prefix of this layout's keys in the cache and in :data:`PREBUILT_LAYOUTS`."""
        return f"{self.build.__module__}.{self.build.__qualname__}"

    def key(self, *args: Any) -> str:
        return self.name + json.dumps(args)

    def compute(self, *args: Any) -> str:
        """The layout's JSON, computed now (what the cache keeps)."""
        return layout_json(self.build("", *args))

    def json(self, *args: Any) -> str:
        """The layout's JSON, from the cache (or the build's prebuilt file)."""
        return self._json(*args)

    def subplot_keys(self, row: int | None) -> Mapping[str, str]:
        return {} if row is None or self.subplots is None else self.subplots[row]


@dataclass(frozen=True)
class FigureParts:
    """One state of a widget's chart: its layout and the layout's (JSON-able)
    arguments, its title, and its traces as ``(trace dict, subplot row)``."""

    layout: FigureLayout
    args: tuple[Any, ...]
    title: str
    traces: Sequence[tuple[Mapping[str, Any], int | None]]

    def figure(self) -> go.Figure:
        """The chart as a ``go.Figure`` (plotly validates every trace)."""
        fig = self.layout.build(self.title, *self.args)
        for one, row in self.traces:
            if row is None:
                fig.add_trace(one)
            else:
                fig.add_trace(one, row=row, col=1)
        return fig

    def spec(self) -> dict[str, Any]:
        """The same chart as the plain dict its ``to_plotly_json`` gives, made
        without a ``go.Figure`` and with the layout cached: what a widget redraws with."""
        pairs = [(one, self.layout.subplot_keys(row)) for one, row in self.traces]
        return figure_spec(self.layout.json(*self.args), pairs, title=self.title)


def figure_bundle(fig: go.Figure | Mapping[str, Any]) -> dict[str, Any]:
    """Plotly's standard notebook output for ``fig`` (a ``go.Figure`` or the
    plain dict of ``figure_spec``), what JupyterLab, JupyterLite and Binder
    draw. Colab does not draw that mime type, so there the bundle also
    carries HTML that loads plotly.js from Plotly's CDN, as Colab's own renderer does."""
    if isinstance(fig, go.Figure):
        spec = json.loads(fig.to_json())
    else:
        spec = json.loads(json.dumps(fig, cls=PlotlyJSONEncoder))
    # plotly.js 4 would add a "Share chart" button that uploads to Plotly Cloud.
    spec["config"] = {"displaylogo": False, "responsive": True, "showSendToCloud": False}
    title = (spec.get("layout", {}).get("title") or {}).get("text") or "Plotly chart"
    bundle = {PLOTLY_MIME: spec, "text/plain": f"<Figure: {title}>"}
    if "google.colab" in sys.modules:  # pragma: no cover - only inside Colab
        import plotly.io as pio

        bundle["text/html"] = pio.to_html(
            fig, include_plotlyjs="cdn", full_html=False, config=spec["config"], validate=False
        )
    return bundle


def show_figure(output: widgets.Output, fig: go.Figure | Mapping[str, Any]) -> None:
    """Replace what ``output`` shows by ``fig``.

    Setting the Output's outputs directly works in a kernel, in a browser
    kernel and in a test without a kernel alike (``with output:`` needs an
    IPython kernel to capture anything).
    """
    output.outputs = ({"output_type": "display_data", "data": figure_bundle(fig), "metadata": {}},)


__all__ = [
    "FigureLayout",
    "FigureParts",
    "PLOTLY_MIME",
    "PREBUILT_LAYOUTS",
    "cached_layout_json",
    "computed_layouts",
    "figure_bundle",
    "figure_spec",
    "layout_json",
    "show_figure",
    "trace",
]
