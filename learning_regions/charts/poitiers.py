"""Poitiers: the Futuroscope park's direct and indirect jobs, and its firms (OECD 1999, ¶10)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .accessible import FACT_COLUMNS, ChartNumbers, fact_rows, numbers_for
from .data import facts_of
from .palette import ORANGE
from .style import (
    base_layout,
    fact_hover,
    format_number,
    source_citation,
    status_marker,
    subplot_title_style,
)

PARK, REGION = "in the park", "indirectly, in<br>the whole region"


def poitiers_futuroscope() -> go.Figure:
    """Jobs created in the Futuroscope park against the jobs the article says it
    created indirectly across the region, and the firms the park attracted."""
    fact = facts_of("poitiers")
    park, indirect, firms = fact["poitiers-park-jobs"], fact["poitiers-indirect-jobs"], fact["poitiers-firms"]
    ratio = indirect["value"] / park["value"]

    fig = make_subplots(
        rows=2,
        cols=1,
        row_heights=[0.64, 0.36],
        vertical_spacing=0.44,
        subplot_titles=("(a) Jobs created", "(b) Firms attracted"),
    )
    subplot_title_style(fig)
    fig.add_bar(
        name="Direct: in the park",
        orientation="h",
        y=[PARK],
        x=[park["value"]],
        ids=[park["fact_id"]],
        marker=status_marker(ORANGE, park["status"]),
        text=[format_number(park["value"])],
        hovertext=[fact_hover(park, "Jobs created in the Futuroscope park")],
        row=1,
        col=1,
    )
    fig.add_bar(
        name="Indirect: in the region (method not stated)",
        orientation="h",
        y=[REGION],
        x=[indirect["value"]],
        ids=[indirect["fact_id"]],
        marker={
            "color": "rgba(0,0,0,0)",
            "line": {"color": ORANGE, "width": 2},
            "pattern": {"shape": "x", "fgcolor": ORANGE, "size": 9, "solidity": 0.25},
        },
        text=[format_number(indirect["value"])],
        hovertext=[fact_hover(indirect, "Jobs created indirectly across the region")],
        row=1,
        col=1,
    )
    fig.add_bar(
        name="Firms the park attracted",
        orientation="h",
        y=["attracted"],
        x=[firms["value"]],
        ids=[firms["fact_id"]],
        marker=status_marker(ORANGE, firms["status"]),
        showlegend=False,
        text=[format_number(firms["value"])],
        hovertext=[
            fact_hover(
                firms,
                "Firms the park has attracted (our reading of the article's 'it'; where they are located, it does not say)",
            )
        ],
        row=2,
        col=1,
    )
    # Under the panel's axis title, where it has the chart's width on a phone too.
    fig.add_annotation(
        xref="x domain",
        yref="y domain",
        x=1,
        y=0,
        xanchor="right",
        yanchor="top",
        yshift=-62,
        showarrow=False,
        align="right",
        font={"size": 12},
        text=f"{format_number(ratio)} indirect jobs for each job in the park<br>"
        f"<i>(arithmetic: {format_number(indirect['value'])} ÷ {format_number(park['value'])})</i>",
    )
    fig.update_traces(
        hovertemplate="%{hovertext}<extra></extra>", textposition="outside", cliponaxis=False, constraintext="none"
    )

    base_layout(
        fig,
        title=(
            f"Futuroscope: {format_number(park['value'])} jobs in the park, and {format_number(indirect['value'])} "
            f"more<br>that the article counts across the whole region"
        ),
        subtitle=(
            f"Figures up to 1999. The article does not say how the indirect jobs were estimated<br>"
            f"or where 'the whole region' ends; the park, on our reading, drew {format_number(firms['value'])} firms."
        ),
        source=source_citation([park, indirect, firms]),
        height=600,
        headroom=30,
        left=120,
    )
    fig.update_xaxes(
        title_text="Jobs created (jobs)", rangemode="tozero", range=[0, indirect["value"] * 1.4], row=1, col=1
    )
    fig.update_xaxes(title_text="Firms (count)", range=[0, firms["value"] * 1.5], row=2, col=1)
    fig.update_yaxes(autorange="reversed", ticks="", row=1, col=1)
    fig.update_yaxes(ticks="", row=2, col=1)
    fig.update_layout(bargap=0.35)
    return fig


@numbers_for(poitiers_futuroscope)
def poitiers_futuroscope_numbers() -> ChartNumbers:
    fact = facts_of("poitiers")
    rows = list(fact.values())
    park, indirect, firms = fact["poitiers-park-jobs"], fact["poitiers-indirect-jobs"], fact["poitiers-firms"]
    return ChartNumbers(
        title="Poitiers (Futuroscope): the figures in the OECD article (¶10)",
        description=(
            f"Horizontal bars. Panel (a): {format_number(park['value'])} jobs created in the Futuroscope park and "
            f"{format_number(indirect['value'])} jobs created indirectly in the whole region, about "
            f"{format_number(indirect['value'] / park['value'])} for each job in the park; the article gives no method "
            f"for the indirect figure. Panel (b): {format_number(firms['value'])} firms attracted, by the park on our reading; the article does not say where they are located."
        ),
        columns=FACT_COLUMNS,
        rows=fact_rows(rows),
        source=source_citation(rows),
    )
