"""Classify it's chart: the answers so far by the companion's category."""

from __future__ import annotations

import plotly.graph_objects as go

from ...markup import escape
from ..furniture import LAYER_COLOURS, LAYER_LABELS, LAYERS, cartesian_axes, frame
from .model import Quiz


def tally_figure(quiz: Quiz) -> go.Figure:
    """Right and other answers so far, by the companion's category: where do you read differently?"""
    tally = quiz.tally()
    labels = [LAYER_LABELS[layer] for layer in LAYERS]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=[tally[layer][0] for layer in LAYERS],
        name="as the companion reads it",
        marker_color=[LAYER_COLOURS[layer] for layer in LAYERS],
        hovertemplate="%{x}: %{y} as the companion reads it<extra></extra>",
    )
    fig.add_bar(
        x=labels,
        y=[tally[layer][1] for layer in LAYERS],
        name="read differently",
        marker={
            "color": "rgba(0,0,0,0)",
            "line": {"color": [LAYER_COLOURS[layer] for layer in LAYERS], "width": 2},
            "pattern": {"shape": "/", "fgcolor": "rgba(128,128,128,0.9)"},
        },
        hovertemplate="%{x}: %{y} read differently<extra></extra>",
    )
    total = {layer: sum(1 for e in quiz.items if e.answer == layer) for layer in LAYERS}
    frame(
        fig,
        escape(quiz.score_text().replace("Score: ", "Your score: ")),
        f"Statements, answers and explanations: the companion's reading (data/classify_examples.csv), "
        f"{sum(total.values())} statements.",
        height=360,
        top=90,
        bottom=100,
        left=80,
        legend_px=40,
    )
    cartesian_axes(fig)
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(
        title_text="Statements answered", rangemode="tozero", dtick=1, range=[0, max(max(total.values()), 1) + 0.5]
    )
    fig.update_xaxes(title_text="The companion's category")
    return fig


__all__ = ["tally_figure"]
