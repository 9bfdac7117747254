"""How the class view's charts look: two sizes (for the page, from a phone of
390 px up to a laptop, and for the projector: large type, one chart on the
screen), the shared layout, axes and words of the scales."""

from __future__ import annotations

import copy
import textwrap
from dataclasses import dataclass
from typing import Any

from ..charts.palette import BLUE, GREEN, VERMILION
from ..charts.style import HOUSE_LOOK
from ..markup import escape

LAYER_COLOURS = {"place": GREEN, "network": BLUE, "community": VERMILION}
LAYER_LABELS = {"place": "Place", "network": "Network", "community": "Community"}
NEUTRAL_LINE = "rgba(128, 128, 128, 0.85)"
NEUTRAL_GRID = "rgba(128, 128, 128, 0.35)"
#: The companion's reading: a vermilion diamond (3:1 or more on a white and a dark page).
COMPANION = "#D55E00"


@dataclass(frozen=True)
class Look:
    """Sizes for the page or the projector."""

    font: int
    title: int
    source: int
    row: int
    bubble: int
    wrap: int

    @property
    def line(self) -> float:
        return self.font * 1.35


PAGE = Look(font=13, title=16, source=11, row=58, bubble=34, wrap=42)
PROJECTOR = Look(font=20, title=27, source=15, row=74, bubble=50, wrap=50)


def look(projector: bool) -> Look:
    return PROJECTOR if projector else PAGE


def wrapped_lines(text: str, width: int) -> str:
    """Escaped text broken into lines of ``width`` characters (Plotly wraps nothing itself)."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width, break_long_words=True)) or escape(text)


def chart_layout(
    title: str,
    source: str,
    *,
    rows_px: float,
    top_extra: float,
    bottom_extra: float,
    left: int,
    look_: Look,
    legend: bool,
) -> dict[str, Any]:
    """The layout as a plain dict: title at the top, legend under it, source
    line at the bottom, placed in pixels so that nothing overlaps at any width.

    Plain dicts, not plotly's validated objects: in the book page's Python
    only the plotly modules the build saw a widget use are there, and a
    redraw needs no validation (the tests validate each figure in CPython)."""
    title_html = wrapped_lines(title, look_.wrap)
    title_lines = title_html.count("<br>") + 1
    source_html = wrapped_lines(source, int(look_.wrap * look_.title / look_.source * 0.95))
    source_lines = source_html.count("<br>") + 1
    source_px = source_lines * look_.source * 1.4
    # The legend may take two lines on a phone: room for both.
    title_top = 12 + look_.title * 0.4  # plotly sets a title's first line a little above its anchor
    top = title_top + 4 + title_lines * look_.title * 1.3 + (look_.line * 2 + 14 if legend else 6) + top_extra
    bottom = bottom_extra + 16 + source_px
    height = int(top + rows_px + bottom)
    layout: dict[str, Any] = {
        **copy.deepcopy(HOUSE_LOOK),
        "height": height,
        "margin": {"l": left, "r": 24, "t": int(top), "b": int(bottom), "autoexpand": False},
        "title": {
            "text": title_html,
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1 - title_top / height,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": look_.title},
            "pad": {"l": 12},
        },
        "showlegend": legend,
        "annotations": [
            {
                "text": source_html,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "top",
                "xshift": -(left - 12),
                "yshift": -bottom_extra,
                "align": "left",
                "showarrow": False,
                "font": {"size": look_.source},
                "name": "source",
            }
        ],
    }
    layout["font"] = {**layout.get("font", {}), "size": look_.font}
    layout["hoverlabel"] = {
        **layout.get("hoverlabel", {}),
        "font": {**layout.get("hoverlabel", {}).get("font", {}), "size": look_.font},
    }
    if legend:
        layout["legend"] = {
            "orientation": "h",
            "yref": "container",
            "xref": "container",
            "x": 0.01,
            "xanchor": "left",
            "y": 1 - (title_top + 8 + title_lines * look_.title * 1.3) / height,
            "yanchor": "top",
            "bgcolor": "rgba(0,0,0,0)",
            "font": {"size": look_.font},
        }
    return layout


AXIS = {
    "showline": True,
    "linecolor": NEUTRAL_LINE,
    "gridcolor": NEUTRAL_GRID,
    "zeroline": False,
    "ticks": "outside",
    "tickcolor": NEUTRAL_LINE,
}


def number_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
