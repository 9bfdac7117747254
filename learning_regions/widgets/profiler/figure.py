"""The case profiler's chart: a radar of place, network and community above a
bar of Learning Region fit, for the reader's profile, the companion's reading
of the same case and optionally a second case. Described once
(:func:`profile_parts`); ``profile_figure`` and ``profile_figure_spec`` are its
two routes (see ``widgets.figures``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from ...charts.data import citation
from ...charts.palette import GREY, ORANGE, rgba
from ...charts.palette import yours as yours_colour
from ...loader import load_table
from ...markup import escape
from ...scales import FIT_WORDS, SCORE_LABELS
from ..controls import wrap
from ..figures import FigureLayout, FigureParts, trace
from ..furniture import (
    PHONE_PX,
    RADAR_OVER_BARS_SUBPLOTS,
    bar_label,
    cartesian_axes,
    frame,
    legend_names,
    legend_rows,
    phone_title,
    polar_axes,
    radar_over_bars,
)
from .model import (
    DIMENSIONS,
    MY_REGION,
    Evidence,
    Profile,
    companion_evidence,
    describe,
)


def closed(values: list[Any]) -> list[Any]:
    return values + values[:1]


def theta() -> list[str]:
    return closed([SCORE_LABELS[d] for d in DIMENSIONS])


def evidence_hover(evidence: Mapping[str, Evidence] | None, dimension: str) -> str:
    if not evidence or dimension not in evidence:
        return ""
    item = evidence[dimension]
    return f"<br>{wrap(item.rationale)}<br><i>{escape(item.where)}</i>"


def source_line(case_id_list: list[str], beside_yours: bool = True) -> str:
    parts: dict[str, list[str]] = {}
    for case_id in case_id_list:
        if case_id == MY_REGION:
            continue
        row = load_table("cases").get(case_id)
        parts.setdefault(row["source_id"], []).append(row["locator"])
    cited = "; ".join(citation(s, locs) for s, locs in parts.items())
    if not cited:
        return "Scores 0-4: your own reading. The companion has no reading of this region."
    return (
        f"Source: {escape(cited)}<br>"
        "Scores 0-4: the companion's reading (data/pnc_readings.csv), meant to be argued with"
        + (", beside yours." if beside_yours else ".")
    )


def _profile_traces(
    yours: Profile, reference: Profile | None, compare: Profile | None
) -> list[tuple[dict[str, Any], int]]:
    """The profile chart's traces, each with its row (1: the radar, 2: the bar)."""
    your_colour = yours_colour()
    traces: list[tuple[dict[str, Any], int]] = []
    bars: list[tuple[str, int, str, str]] = []
    if reference is not None:
        ev = companion_evidence(reference.case_id)
        traces.append(
            (
                trace(
                    "scatterpolar",
                    r=closed([reference.score(d) for d in DIMENSIONS]),
                    theta=theta(),
                    name=f"Companion's reading: {escape(reference.name)}",
                    mode="lines+markers",
                    line={"color": GREY, "dash": "dash", "width": 2},
                    marker={"size": 7},
                    customdata=closed([describe(d, reference.score(d)) + evidence_hover(ev, d) for d in DIMENSIONS]),
                    hovertemplate="%{theta}: %{customdata}<extra>Companion</extra>",
                ),
                1,
            )
        )
        bars.append(
            (
                "Companion's reading",
                reference.score("learning_region"),
                GREY,
                describe("learning_region", reference.score("learning_region")) + evidence_hover(ev, "learning_region"),
            )
        )
    traces.append(
        (
            trace(
                "scatterpolar",
                r=closed([yours.score(d) for d in DIMENSIONS]),
                theta=theta(),
                name=f"Your reading: {escape(yours.name)}",
                mode="lines+markers",
                fill="toself",
                line={"color": your_colour, "width": 3},
                marker={"size": 9},
                fillcolor=rgba(your_colour, 0.18),
                customdata=closed([describe(d, yours.score(d)) for d in DIMENSIONS]),
                hovertemplate="%{theta}: %{customdata}<extra>Yours</extra>",
            ),
            1,
        )
    )
    bars.insert(
        0,
        (
            "Your reading",
            yours.score("learning_region"),
            your_colour,
            describe("learning_region", yours.score("learning_region")),
        ),
    )
    if compare is not None:
        ev = companion_evidence(compare.case_id)
        traces.append(
            (
                trace(
                    "scatterpolar",
                    r=closed([compare.score(d) for d in DIMENSIONS]),
                    theta=theta(),
                    name=f"Compare: {escape(compare.name)}",
                    mode="lines+markers",
                    line={"color": ORANGE, "width": 2, "dash": "dot"},
                    marker={"size": 7, "symbol": "diamond"},
                    customdata=closed([describe(d, compare.score(d)) + evidence_hover(ev, d) for d in DIMENSIONS]),
                    hovertemplate="%{theta}: %{customdata}<extra>" + escape(compare.name) + "</extra>",
                ),
                1,
            )
        )
        bars.append(
            (
                compare.name,
                compare.score("learning_region"),
                ORANGE,
                describe("learning_region", compare.score("learning_region")) + evidence_hover(ev, "learning_region"),
            )
        )
    traces.append(
        (
            trace(
                "bar",
                y=[bar_label(b[0]) for b in bars],
                x=[b[1] for b in bars],
                orientation="h",
                marker={"color": [b[2] for b in bars]},
                text=[str(b[1]) for b in bars],
                textposition="outside",
                customdata=[b[3] for b in bars],
                hovertemplate="%{y}: %{customdata}<extra></extra>",
                showlegend=False,
                name="Learning Region fit",
            ),
            2,
        )
    )
    return traces


def _profile_title(yours: Profile, reference: Profile | None) -> str:
    return f"{escape(yours.name)}: your reading" + (" and the companion's" if reference is not None else "")


#: Margins of the profile chart: narrow enough at the left that the radar
#: keeps its size on a phone, wide enough at the right for its axis labels.
LEFT, RIGHT = 110, 50


def _profile_frame(title: str, cases: tuple[str, ...], title_lines: int = 1, rows: int = 1) -> go.Figure:
    """The profile chart without its traces: subplots, title, source line, axes."""
    fig = radar_over_bars("Place, network, community (0-4)", "Learning Region fit (0-4)")
    frame(
        fig,
        title,
        source_line(list(cases)),
        height=760,
        top=140,
        bottom=115,
        left=LEFT,
        right=RIGHT,
        legend_px=44,
        rows=rows,
        title_lines=title_lines,
    )
    style_axes(fig)
    fig.update_yaxes(autorange="reversed", row=2, col=1)
    return fig


#: The profile chart's layout, for the cases it cites (the title is set per figure).
PROFILE_LAYOUT = FigureLayout(_profile_frame, subplots=RADAR_OVER_BARS_SUBPLOTS)


def profile_parts(yours: Profile, reference: Profile | None = None, compare: Profile | None = None) -> FigureParts:
    """The profile chart for one state of the profiler, described once for both routes."""
    cases = tuple(p.case_id for p in (reference, compare) if p is not None)
    title = phone_title(_profile_title(yours, reference))
    traces = _profile_traces(yours, reference, compare)
    rows = legend_rows(legend_names(one for one, _row in traces), PHONE_PX - LEFT - RIGHT)
    return FigureParts(PROFILE_LAYOUT, (cases, title.count("<br>") + 1, rows), title, traces)


def profile_figure(yours: Profile, reference: Profile | None = None, compare: Profile | None = None) -> go.Figure:
    """Radar of place, network and community, and a bar of Learning Region fit:
    the reader's profile, the companion's reading of the same case as a
    reference, and optionally a second case."""
    return profile_parts(yours, reference, compare).figure()


def profile_figure_spec(
    yours: Profile, reference: Profile | None = None, compare: Profile | None = None
) -> dict[str, Any]:
    """``profile_figure`` as a plain dict, with the layout cached: what the widget redraws with."""
    return profile_parts(yours, reference, compare).spec()


def style_axes(fig: go.Figure) -> None:
    cartesian_axes(fig)
    fig.update_xaxes(
        range=[0, 4.6], tickvals=[0, 1, 2, 3, 4], title_text=f"0 {FIT_WORDS[0]} ... 4 {FIT_WORDS[4]}", row=2, col=1
    )
    fig.update_yaxes(ticks="", row=2, col=1)
    fig.update_layout(polar=polar_axes([SCORE_LABELS[d] for d in DIMENSIONS]))


__all__ = [
    "LEFT",
    "PROFILE_LAYOUT",
    "RIGHT",
    "closed",
    "evidence_hover",
    "profile_figure",
    "profile_figure_spec",
    "profile_parts",
    "source_line",
    "style_axes",
    "theta",
]
