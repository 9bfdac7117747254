"""The network explorer's chart: links by layer, nodes by kind, a person's path
and the places of one collaboration ringed. The traces are plain dicts
(``figures.trace``); one description (:func:`network_parts`) makes both the
``go.Figure`` (JupyterLab, the static view) and the dict the widget redraws
with (see ``widgets.figures``)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import plotly.graph_objects as go

from ...charts.data import citation
from ...charts.palette import BLUE, GREY, ORANGE, PINK, SKY, VERMILION
from ...loader import load_table
from ...markup import escape
from ..controls import wrap
from ..figures import FigureLayout, FigureParts, trace
from ..furniture import (
    LAYER_COLOURS,
    LAYER_DASH,
    LAYER_LABELS,
    LAYERS,
    NEUTRAL_LINE,
    PHONE_PX,
    frame,
    legend_names,
    legend_rows,
    phone_title,
)
from .model import Link, Network, links_in_layers, load_network
from .paths import RegionSpan, describe_link, path_places, person_path
from .positions import node_positions, screen_radius

KIND_STYLE = {
    "person": ("circle", BLUE, "People"),
    "group": ("hexagon", VERMILION, "Groups"),
    "institution": ("square", ORANGE, "Institutions"),
    "event": ("triangle-up", PINK, "Events"),
    "work": ("diamond", SKY, "Works"),
    "idea": ("star-diamond", GREY, "Ideas"),
    "place": ("circle-open", "#009E73", "Places"),
}
PATH_COLOUR = PINK
SPAN_COLOUR = "#009E73"


def _short(label: str, limit: int = 20) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _labelled_nodes(network: Network) -> set[str]:
    degree: dict[str, int] = {n: 0 for n in network.nodes}
    for link in network.links:
        degree[link.source] += 1
        degree[link.target] += 1
    return {
        n
        for n, node in network.nodes.items()
        if node.kind == "place"
        or (node.kind == "person" and degree[n] >= 3)
        or (node.kind == "group" and degree[n] >= 4)
    }


# The traces are plain dicts (figures.trace): go.Figure validates them on its
# route (JupyterLab, the static view), and the live widget redraws from them
# without building a go.Figure (network_figure_spec).
def edge_traces(
    network: Network, pos: Mapping[str, tuple[float, float]], links: list[Link], layer: str
) -> tuple[dict, dict]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    mx, my, hover = [], [], []
    relations = load_table("relation_types")
    for link in links:
        (x0, y0), (x1, y1) = pos[link.source], pos[link.target]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
        mx.append((x0 + x1) / 2)
        my.append((y0 + y1) / 2)
        when = f"step {link.sequence}" if link.sequence is not None else "no step in time"
        if link.when:
            when += f" ({link.when})"
        text = f"<b>{escape(describe_link(network, link))}</b><br>{escape(when)}"
        if link.note:
            text += f"<br>{wrap(link.note)}"
        text += f"<br>{LAYER_LABELS[layer]}: {wrap(relations.get(link.relation)['rationale'])}<br><i>Preface {escape(link.locator.replace('Preface ', ''))}</i>"
        hover.append(text)
    line = trace(
        "scatter",
        x=xs,
        y=ys,
        mode="lines",
        name=f"{LAYER_LABELS[layer]} links",
        legendgroup=layer,
        line={"color": LAYER_COLOURS[layer], "width": 1.6, "dash": LAYER_DASH[layer]},
        hoverinfo="skip",
        opacity=0.8,
    )
    mids = trace(
        "scatter",
        x=mx,
        y=my,
        mode="markers",
        name=f"{LAYER_LABELS[layer]} links (hover)",
        legendgroup=layer,
        showlegend=False,
        marker={"size": 7, "color": LAYER_COLOURS[layer], "opacity": 0.35},
        hovertext=hover,
        hoverinfo="text",
    )
    return line, mids


def label_positions(
    pos: Mapping[str, tuple[float, float]], labelled: Iterable[str] = (), neighbours: int = 4
) -> dict[str, str]:
    """Put each label on the side away from its nearest neighbours (Plotly
    textposition); a label that would run into a labelled node beside it goes below."""
    out = {}
    for n, (x, y) in pos.items():
        near = sorted(((px - x) ** 2 + (py - y) ** 2, m) for m, (px, py) in pos.items() if m != n)[:neighbours]
        dx = sum(x - pos[m][0] for _d, m in near)
        dy = sum(y - pos[m][1] for _d, m in near)
        if abs(dx) > abs(dy):
            out[n] = "middle right" if dx > 0 else "middle left"
        else:
            out[n] = "top center" if dy >= 0 else "bottom center"
    labelled = sorted(labelled)
    for n in labelled:
        if out[n] not in ("middle right", "middle left"):
            continue
        sign = 1 if out[n] == "middle right" else -1
        for m in labelled:
            dx, dy = (pos[m][0] - pos[n][0]) * sign, pos[m][1] - pos[n][1]
            if m != n and 0 < dx < 1.3 and abs(dy) < 0.3:
                out[n] = "bottom center"
                break
    return out


def node_traces(network: Network, pos: Mapping[str, tuple[float, float]]) -> list[dict]:
    show_label = _labelled_nodes(network)
    sides = label_positions(pos, show_label)
    traces = []
    for kind, (symbol, colour, legend) in KIND_STYLE.items():
        ids = [n for n, node in network.nodes.items() if node.kind == kind]
        if not ids:
            continue
        hover = []
        for n in ids:
            node = network.nodes[n]
            text = f"<b>{escape(node.label)}</b> ({kind})"
            if node.region:
                text += f"<br>Region: {escape(node.region)}, {escape(node.country)}"
            if node.note:
                text += f"<br>{wrap(node.note)}"
            text += f"<br><i>{escape(node.locator)}</i>"
            hover.append(text)
        traces.append(
            trace(
                "scatter",
                x=[pos[n][0] for n in ids],
                y=[pos[n][1] for n in ids],
                mode="markers+text",
                name=legend,
                text=[escape(_short(network.label(n))) if n in show_label else "" for n in ids],
                textposition=[sides[n] for n in ids],
                textfont={"size": 11},
                marker={
                    "symbol": symbol,
                    "size": 13 if kind == "place" else 11,
                    "color": colour,
                    "line": {"width": 2 if kind == "place" else 1, "color": colour if kind == "place" else "#ffffff"},
                },
                hovertext=hover,
                hoverinfo="text",
            )
        )
    return traces


def path_traces(
    network: Network, pos: Mapping[str, tuple[float, float]], person: str, visible: bool = True, with_team: bool = True
) -> list[dict]:
    """A person's own places joined in time order (solid), and the team's
    steps they shared (dotted, open markers). Markers carry the step numbers."""
    steps = person_path(network, person, with_team=with_team)
    traces = []
    for team_part in (True, False) if with_team else (False,):
        part = [s for s in steps if s.with_team == team_part and s.place]
        order = path_places(part, include_planned=True)
        numbers: dict[str, list[str]] = {}
        for step in part:
            numbers.setdefault(step.place, []).append(str(step.sequence))
        text, hover = [], []
        for place in order:
            text.append(escape(",".join(dict.fromkeys(numbers[place]))))
            lines = [
                f"Step {s.sequence}: {escape(s.description)}{' (hoped for)' if s.planned else ''}"
                for s in part
                if s.place == place
            ]
            hover.append(f"<b>{escape(network.label(place))}</b><br>" + "<br>".join(dict.fromkeys(lines)))
        name = escape(network.label(person)) + (": steps with the team" if team_part else ": own path")
        traces.append(
            trace(
                "scatter",
                x=[pos[p][0] for p in order],
                y=[pos[p][1] for p in order],
                mode="lines+markers+text",
                name=name,
                line={"color": PATH_COLOUR, "width": 2 if team_part else 4, "dash": "dot" if team_part else "solid"},
                marker={
                    "size": 16 if team_part else 22,
                    "color": PATH_COLOUR,
                    "opacity": 0.55 if team_part else 0.95,
                    "line": {"width": 1, "color": "#ffffff"},
                },
                text=text,
                textposition="middle center",
                textfont={"size": 9 if team_part else 10, "color": "#ffffff"},
                hovertext=hover,
                hoverinfo="text",
                visible=visible,
            )
        )
    return traces


def distance_rings(fig: go.Figure) -> None:
    for km in (100, 1000):
        r = screen_radius(km)
        fig.add_shape(
            type="circle",
            x0=-r,
            y0=-r,
            x1=r,
            y1=r,
            line={"color": NEUTRAL_LINE, "width": 1, "dash": "dot"},
            layer="below",
        )
        fig.add_annotation(
            x=r * math.sin(math.radians(215)),
            y=r * math.cos(math.radians(215)),
            text=f"{km:,} km from Tilburg",
            showarrow=False,
            font={"size": 10, "color": NEUTRAL_LINE},
        )


SOURCE_LINE = (
    f"Source: {citation('rutten2014')}, Preface ¶1-¶7 (pp. xxiii-xxv). Layers and the order in time: the companion's "
    "reading.<br>Directions from Tilburg are true; distance is on a log scale (Indonesia is drawn nearer than that)."
)


#: Margins of the network chart.
LEFT, RIGHT = 80, 10
#: The width (px) the network is drawn at, at least: on a narrower screen the
#: page draws it this wide in a box that scrolls sideways (its map keeps true
#: directions, so a phone's column would shrink it to a sliver).
MIN_WIDTH = 600
#: The legend's rows (on a laptop) that a layout's ``bottom`` is made for.
LEGEND_ROWS = 3


def network_frame(
    fig: go.Figure,
    title: str,
    height: int,
    top: int,
    bottom: int,
    legend_gap: int = 46,
    rows: int | None = None,
    title_lines: int | None = None,
) -> go.Figure:
    """The network's page furniture: the legend under the plot (``legend_gap``
    below it), as many rows as a phone shows it (``rows``; counted from the
    figure's traces when not given) before the source line."""
    if rows is None:
        rows = legend_rows(legend_names(fig.data), PHONE_PX - LEFT - RIGHT)
    frame(
        fig,
        title,
        SOURCE_LINE,
        height=height,
        top=top,
        bottom=bottom,
        left=LEFT,
        right=RIGHT,
        legend_px=height - bottom + legend_gap,
        rows=max(1, rows - LEGEND_ROWS + 1),
        title_lines=title_lines,
    )
    pos = node_positions()
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    fig.update_xaxes(visible=False, range=[min(xs) - 0.5, max(xs) + 0.9])
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1, range=[min(ys) - 0.4, max(ys) + 0.5])
    fig.update_layout(hovermode="closest", meta={"min_width": MIN_WIDTH})
    return fig


def _network_traces(
    network: Network,
    layers: Iterable[str],
    person: str | None,
    up_to: int | None,
    span: RegionSpan | None,
    with_team: bool,
) -> tuple[list[dict], str]:
    """The explorer's traces (plain dicts) and title for one state of its controls."""
    pos = node_positions()
    layers = [layer for layer in LAYERS if layer in set(layers)]
    traces: list[dict] = []
    for layer in layers:
        traces.extend(edge_traces(network, pos, links_in_layers(network, [layer], up_to), layer))
    traces.extend(node_traces(network, pos))
    if span is not None and span.places:
        traces.append(
            trace(
                "scatter",
                x=[pos[p][0] for p in span.places],
                y=[pos[p][1] for p in span.places],
                mode="markers",
                name="Places counted in the region check",
                marker={"symbol": "circle-open", "size": 30, "color": SPAN_COLOUR, "line": {"width": 3}},
                hoverinfo="skip",
            )
        )
    if person:
        traces.extend(path_traces(network, pos, person, with_team=with_team))
    shown = ", ".join(LAYER_LABELS[layer].lower() for layer in layers) or "no"
    when = f", up to step {up_to}" if up_to is not None else ""
    title = f"The Preface's multi-local network: {shown} links{when}"
    if person:
        title += f"; {escape(network.label(person))}'s path"
    return traces, title


def _explorer_frame(title: str, title_lines: int, rows: int) -> go.Figure:
    """The explorer's layout: the same for every state of its controls but the
    title, its lines and the legend's rows (distance rings, then the page furniture)."""
    fig = go.Figure()
    distance_rings(fig)
    return network_frame(fig, title, 800, 50, 175, legend_gap=12, rows=rows, title_lines=title_lines)


#: The explorer's layout, by its title's lines and its legend's rows on a phone.
NETWORK_LAYOUT = FigureLayout(_explorer_frame)


def network_parts(
    network: Network | None = None,
    layers: Iterable[str] = LAYERS,
    person: str | None = None,
    up_to: int | None = None,
    span: RegionSpan | None = None,
    with_team: bool = True,
) -> FigureParts:
    """The network with the chosen layers, optionally one person's path and
    the places of one collaboration ringed, described once for both routes."""
    traces, title = _network_traces(network or load_network(), layers, person, up_to, span, with_team)
    title = phone_title(title)
    rows = legend_rows(legend_names(traces), PHONE_PX - LEFT - RIGHT)
    return FigureParts(NETWORK_LAYOUT, (title.count("<br>") + 1, rows), title, [(one, None) for one in traces])


def network_figure(*args: Any, **kwargs: Any) -> go.Figure:
    """The explorer's chart as a ``go.Figure`` (arguments as :func:`network_parts`)."""
    return network_parts(*args, **kwargs).figure()


def network_figure_spec(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """``network_figure`` as a plain dict, with the layout cached: what the widget redraws with."""
    return network_parts(*args, **kwargs).spec()


__all__ = [
    "KIND_STYLE",
    "LEFT",
    "LEGEND_ROWS",
    "NETWORK_LAYOUT",
    "PATH_COLOUR",
    "RIGHT",
    "SOURCE_LINE",
    "SPAN_COLOUR",
    "distance_rings",
    "edge_traces",
    "label_positions",
    "network_figure",
    "network_figure_spec",
    "network_frame",
    "network_parts",
    "node_traces",
    "path_traces",
]
