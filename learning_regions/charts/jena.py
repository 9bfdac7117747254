"""Jena: from the Zeiss complex to a high-technology region (OECD 1999, ¶9)."""

from __future__ import annotations

import plotly.graph_objects as go

from ..loader import load_table
from .style import BLUE, GREY, base_layout, format_value, source_citation


def jena_transition() -> go.Figure:
    """Zeiss employment before 1989 and at the time of writing, against the local total."""
    facts = load_table("case_facts")
    fact = {row["fact_id"]: row for row in facts.where(case_id="jena")}
    before = fact["jena-zeiss-employment-before"]
    total = fact["jena-local-total-before"]
    after = fact["jena-zeiss-employment-1999"]
    rows = [before, total, after]

    fig = go.Figure()
    fig.add_bar(
        name="Zeiss complex",
        x=["Before 1989", "1999"],
        y=[before["value"], after["value"]],
        marker_color=BLUE,
        customdata=[[format_value(r["value"], r["unit"]), r["locator"]] for r in (before, after)],
        hovertemplate="Zeiss complex, %{x}: %{customdata[0]}<br>OECD (1999) %{customdata[1]}<extra></extra>",
    )
    fig.add_scatter(
        name="Local total before 1989 (what it counts is not stated)",
        x=["Before 1989"],
        y=[total["value"]],
        mode="markers",
        marker={"symbol": "line-ew-open", "size": 60, "line": {"width": 3, "color": GREY}},
        customdata=[[format_value(total["value"], total["unit"]), total["locator"]]],
        hovertemplate="Local total, before 1989: %{customdata[0]}<br>OECD (1999) %{customdata[1]}<extra></extra>",
    )
    fig.update_yaxes(title_text="People employed (persons)", rangemode="tozero")
    fig.update_xaxes(title_text="Period the figure refers to")
    return base_layout(fig, "Zeiss employment in Jena fell from 23,000 to 4,500", source_citation(rows))
