"""Plotly page furniture for the widgets' charts: the title, legend and source
line placed in pixels (:func:`frame`), Plotly's own menus (which work on a
static page with no kernel), axes that read in light and dark mode, and the
radar-over-bars layout two widgets share.

Colours come from the book's one palette (``charts.palette``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from ..charts.palette import BLUE, GREEN, GREY, VERMILION
from ..charts.style import HOUSE_LOOK, TITLE_PX, TITLE_WIDTH, rewrap
from ..markup import escape, visible_text

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

#: Lines of source a figure's bottom margin is made for (at most), the height
#: of one (px), and the measure the margins were made for (a laptop's).
SOURCE_LINES, SOURCE_LINE_PX, LAPTOP_SOURCE_CHARS = 2, 17, 105
#: The height of a title's line and of a legend's row (px).
TITLE_LINE_PX, LEGEND_ROW_PX = 21, 21
#: A phone's chart (px): the width a legend wraps at is this less the margins.
PHONE_PX = 358

#: Where ``radar_over_bars`` puts a trace added with ``row=`` (col 1): what
#: ``fig.add_trace(trace, row=row, col=1)`` sets on it.
RADAR_OVER_BARS_SUBPLOTS = {1: {"subplot": "polar"}, 2: {"xaxis": "x", "yaxis": "y"}}


def menu(
    buttons: list[dict], *, x: float, y: float, kind: str = "dropdown", active: int = 0, direction: str = "down"
) -> dict:
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


def wrap_source(text: str, width: int = 56) -> str:
    """Break each line of a source line (already escaped) at ``width`` characters
    (56: what a phone's 390 px screen holds at 11 px)."""
    out = []
    for line in text.split("<br>"):
        out.append("<br>".join(textwrap.wrap(line, width=width, break_long_words=False)) or line)
    return "<br>".join(out)


def phone_title(title: str) -> str:
    """A title (already escaped) in lines a phone's chart holds."""
    return rewrap(title, TITLE_WIDTH)


def bar_label(name: str) -> str:
    """A bar's label (text from the data, escaped here) on lines short enough
    for the narrow left margin that leaves a phone's chart its width."""
    return "<br>".join(escape(line) for line in textwrap.wrap(name, 14, break_long_words=False, break_on_hyphens=False))


def legend_rows(names: Iterable[str], plot_px: float) -> int:
    """How many rows a horizontal legend of these entries takes where plotly
    wraps it: at the plot's width, ``plot_px`` on a phone."""
    rows, used = 1, 0.0
    for name in names:
        entry = 50 + 7.5 * len(visible_text(name))
        if used and used + entry > plot_px:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def legend_names(traces: Iterable[Mapping[str, Any]]) -> list[str]:
    """The names a legend lists for these traces (plain dicts or plotly traces), one per group."""
    seen, names = set(), []
    for one in traces:
        get = one.get if isinstance(one, Mapping) else lambda key, one=one: getattr(one, key, None)
        if get("showlegend") is False or get("visible") is False:
            continue
        key = get("legendgroup") or get("name")
        if key in seen:
            continue
        seen.add(key)
        names.append(str(get("name") or ""))
    return names


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
    rows: int | None = None,
    title_lines: int | None = None,
) -> go.Figure:
    """The widgets' page furniture, placed in pixels so nothing overlaps:
    the title at the top, the legend ``legend_px`` below the top edge (None:
    no legend), the source line at the bottom of the figure. Transparent
    background and inherited text colour, so the book's dark mode re-colours
    the text and nothing else needs to change.

    ``height``, ``top`` and ``bottom`` are made for a one-line title, a legend
    of one row and a source line of :data:`SOURCE_LINES` lines. The title
    wraps to fit a phone (``title_lines`` lines are kept for it when given: a
    widget's title changes with its state); more title lines, legend
    ``rows`` (as a phone shows them) or source lines make the figure taller
    and the margin they fall in wider by the same amount, so the plot keeps
    its size, menus placed with :func:`paper_y` move with the top, and
    nothing runs into anything else."""
    title = phone_title(title)
    if rows is None:  # the traces are there (the go.Figure route): count their legend's rows
        rows = legend_rows(legend_names(fig.data), PHONE_PX - left - right)
    # The margin was made for the source's lines at a laptop's measure, and
    # for two at most: the phone's measure and a longer source add lines.
    made_for = min(SOURCE_LINES, wrap_source(source, LAPTOP_SOURCE_CHARS).count("<br>") + 1)
    source = wrap_source(source)
    lines = source.count("<br>") + 1
    extra_top = TITLE_LINE_PX * ((title_lines or title.count("<br>") + 1) - 1)
    extra_bottom = SOURCE_LINE_PX * max(0, lines - made_for)
    if legend_px is not None:
        legend_px += extra_top  # under the title, whatever its lines
        if legend_px < top + extra_top:
            extra_top += LEGEND_ROW_PX * (rows - 1)
        else:  # a legend under the plot pushes the source line down
            extra_bottom += LEGEND_ROW_PX * (rows - 1)
    height, top, bottom = height + extra_top + extra_bottom, top + extra_top, bottom + extra_bottom
    fig.update_layout(
        **HOUSE_LOOK,
        title={
            "text": title,
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1 - 14 / height,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": TITLE_PX},
            "pad": {"l": 12},
        },
        height=height,
        margin={"l": left, "r": right, "t": top, "b": bottom, "autoexpand": False},
        showlegend=legend_px is not None,
        annotations=list(fig.layout.annotations)
        + [
            go.layout.Annotation(
                name="source",
                text=source,
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                yshift=-(bottom - 10 - SOURCE_LINE_PX * lines),
                xshift=-(left - 12),
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                font={"size": 11},
            )
        ],
    )
    titles = [
        a for a in fig.layout.annotations if a.name != "source" and a.yanchor == "bottom" and a.showarrow is False
    ]
    for index, annotation in enumerate(titles):  # subplot titles; the first (a radar's) clears its axis labels
        annotation.update(yshift=title_shift if index == 0 else 6, font={"size": 14})
    if legend_px is not None:
        fig.update_layout(
            legend={
                "orientation": "h",
                "yref": "container",
                "y": 1 - legend_px / height,
                "yanchor": "top",
                "xref": "container",
                "x": 0.01,
                "xanchor": "left",
                "bgcolor": "rgba(0,0,0,0)",
            }
        )
    return fig


def labelled_menu(fig: go.Figure, label: str, buttons: list[dict], y: float, *, kind: str = "dropdown") -> None:
    """A Plotly menu at the left edge of the plot with its label just before it."""
    fig.update_layout(
        updatemenus=list(fig.layout.updatemenus)
        + [menu(buttons, x=0, y=y, kind=kind, direction="right" if kind == "buttons" else "down")]
    )
    fig.add_annotation(
        text=label,
        x=0,
        y=y,
        xref="paper",
        yref="paper",
        xanchor="right",
        yanchor="top",
        xshift=-8,
        yshift=-6,
        showarrow=False,
        font={"size": 14},
    )


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


def radar_over_bars(
    radar_title: str, bar_title: str, spacing: float = 0.2, row_heights: tuple[float, float] = (0.6, 0.4)
) -> go.Figure:
    """A radar above a bar chart: the two stay readable in a narrow page column."""
    from plotly.subplots import make_subplots

    return make_subplots(
        rows=2,
        cols=1,
        specs=[[{"type": "polar"}], [{"type": "xy"}]],
        row_heights=list(row_heights),
        vertical_spacing=spacing,
        subplot_titles=(radar_title, bar_title),
    )


@dataclass(frozen=True)
class Stack:
    """The heights of a radar over a bar chart whose bar panel grows with its
    bars, so that a seventh case gets a bar as wide as the sixth's and
    nothing is pushed into the source line."""

    height: int
    spacing: float
    row_heights: tuple[float, float]


def stack(bars: int, *, radar_px: float, gap_px: float, bar_px: float, top: int, bottom: int) -> Stack:
    """A :class:`Stack` for ``bars`` bars of ``bar_px`` each under a radar of
    ``radar_px``, ``gap_px`` between them, in a figure with these margins."""
    height = round(top + bottom + radar_px + gap_px + bar_px * max(bars, 1))
    plot = height - top - bottom
    return Stack(height, gap_px / plot, (radar_px, plot - radar_px - gap_px))


def cartesian_axes(fig: go.Figure) -> None:
    """Axis lines and grids that read on a white and on a dark page."""
    style = {
        "showline": True,
        "linecolor": NEUTRAL_LINE,
        "gridcolor": NEUTRAL_GRID,
        "zeroline": False,
        "ticks": "outside",
        "tickcolor": NEUTRAL_LINE,
    }
    fig.update_xaxes(**style)
    fig.update_yaxes(**style)


__all__ = [
    "LAYERS",
    "LAYER_COLOURS",
    "LAYER_DASH",
    "LAYER_LABELS",
    "MENU_BACKGROUND",
    "MENU_INK",
    "NEUTRAL_GRID",
    "NEUTRAL_LINE",
    "PHONE_PX",
    "RADAR_OVER_BARS_SUBPLOTS",
    "bar_label",
    "cartesian_axes",
    "frame",
    "labelled_menu",
    "legend_names",
    "legend_rows",
    "menu",
    "paper_y",
    "phone_title",
    "Stack",
    "polar_axes",
    "radar_over_bars",
    "stack",
    "wrap_source",
]
