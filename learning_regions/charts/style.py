"""The look shared by every chart: palette, fonts, source line, hover text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import plotly.graph_objects as go

from ..loader import load_table

# Okabe and Ito's palette, readable with the common colour-vision deficiencies.
# Yellow is left out: it is unreadable as a line or label on a white page.
BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7A7A7A",
)
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def source_citation(rows: Iterable[Mapping[str, Any]]) -> str:
    """'OECD Observer (1999), ¶9' for the rows a chart draws."""
    sources = load_table("sources")
    by_source: dict[str, list[str]] = {}
    for row in rows:
        locators = by_source.setdefault(row["source_id"], [])
        if row["locator"] not in locators:
            locators.append(row["locator"])
    parts = []
    for source_id, locators in by_source.items():
        title = sources.get(source_id)["short_title"]
        parts.append(f"{title}, {'; '.join(locators)}")
    return "Source: " + " | ".join(parts)


def format_value(value: float, unit: str) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return f"{number} {unit}"


def base_layout(fig: go.Figure, title: str, source: str, height: int = 460) -> go.Figure:
    """Title that states the finding, a source line under the plot, plain theme."""
    fig.update_layout(
        template="simple_white",
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        font={"family": FONT, "size": 13},
        height=height,
        margin={"l": 70, "r": 20, "t": 70, "b": 90},
        hoverlabel={"font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        annotations=list(fig.layout.annotations)
        + [
            go.layout.Annotation(
                text=source, xref="paper", yref="paper", x=0, y=-0.22, xanchor="left",
                yanchor="top", showarrow=False, font={"size": 11},
            )
        ],
    )
    return fig
