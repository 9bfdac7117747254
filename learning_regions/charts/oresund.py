"""The Oresund region: its scale and the fixed link across the strait (OECD 1999, ¶11)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .accessible import FACT_COLUMNS, ChartNumbers, fact_rows, numbers_for
from .data import facts_of
from .palette import GREEN
from .style import (
    base_layout,
    esc,
    fact_hover,
    format_number,
    format_value,
    source_citation,
    status_marker,
    subplot_title_style,
)

PER = 1000  # per-capita view: per 1,000 residents


def _per_thousand(value: float, population: float) -> float:
    return round(value / population * PER, 1)


def oresund_scale() -> go.Figure:
    """Population, employment and firms of the cross-border region, with a button
    to show employment and firms per 1,000 residents, and the 16 km fixed link."""
    fact = facts_of("oresund")
    firms, jobs, people = fact["oresund-firms"], fact["oresund-employment"], fact["oresund-population"]
    length, completion = fact["oresund-link-length"], fact["oresund-link-completion"]
    jobs_pc = _per_thousand(jobs["value"], people["value"])
    firms_pc = _per_thousand(firms["value"], people["value"])

    # One panel above the other, each the chart's full width (on a phone too).
    fig = make_subplots(
        rows=3,
        cols=1,
        row_heights=[0.4, 0.25, 0.35],
        vertical_spacing=0.18,
        subplot_titles=("(a) People", "(b) Firms", "(c) The fixed link across the Oresund"),
    )
    subplot_title_style(fig)

    # Counts (shown first).
    fig.add_bar(
        name="Counts",
        orientation="h",
        y=["residents", "employed by<br>the firms"],
        x=[people["value"], jobs["value"]],
        ids=[people["fact_id"], jobs["fact_id"]],
        marker=status_marker(GREEN, people["status"]),
        text=[format_number(people["value"]), format_number(jobs["value"])],
        hovertext=[
            fact_hover(people, "Residents of the cross-border region"),
            fact_hover(jobs, "People employed by the region's firms"),
        ],
        row=1,
        col=1,
    )
    fig.add_bar(
        name="Firms",
        orientation="h",
        y=["firms"],
        x=[firms["value"]],
        ids=[firms["fact_id"]],
        marker=status_marker(GREEN, firms["status"]),
        text=[format_number(firms["value"])],
        hovertext=[fact_hover(firms, "Firms in the cross-border region")],
        row=2,
        col=1,
    )
    # Per 1,000 residents (arithmetic on the article's figures; hidden at first).
    derived = "Arithmetic on the article's figures: {a} ÷ {b} × 1,000"
    fig.add_bar(
        name="Per 1,000 residents",
        orientation="h",
        y=["residents", "employed by<br>the firms"],
        x=[PER, jobs_pc],
        ids=["derived:oresund-population-per-1000", "derived:oresund-employment-per-1000"],
        marker=status_marker(GREEN, people["status"]),
        text=[format_number(PER), format_number(jobs_pc)],
        hovertext=[
            f"<b>Residents per 1,000 residents</b><br>{format_number(PER)}: the scale of comparison",
            f"<b>People employed per 1,000 residents</b><br>{format_number(jobs_pc)}<br>"
            + derived.format(a=esc(format_number(jobs["value"])), b=esc(format_number(people["value"]))),
        ],
        visible=False,
        row=1,
        col=1,
    )
    fig.add_bar(
        name="Firms per 1,000 residents",
        orientation="h",
        y=["firms"],
        x=[firms_pc],
        ids=["derived:oresund-firms-per-1000"],
        marker=status_marker(GREEN, firms["status"]),
        text=[format_number(firms_pc)],
        hovertext=[
            f"<b>Firms per 1,000 residents</b><br>{format_number(firms_pc)}<br>"
            + derived.format(a=esc(format_number(firms["value"])), b=esc(format_number(people["value"])))
        ],
        visible=False,
        row=2,
        col=1,
    )
    fig.update_traces(
        hovertemplate="%{hovertext}<extra></extra>",
        textposition="outside",
        cliponaxis=False,
        constraintext="none",
        showlegend=False,
    )

    # (c) The link: a 16 km line from Copenhagen to Malmoe, dashed because it is expected.
    link_hover = (
        fact_hover(length, "Bridge and tunnel, Copenhagen to Malmoe")
        + "<br>"
        + (f"Completion: {esc(format_value(completion['value'], completion['unit']))} ({esc(completion['status'])})")
    )
    fig.add_scatter(
        name=f"Fixed link ({length['status']})",
        x=[0, length["value"]],
        y=[0, 0],
        ids=[f"{length['fact_id']}:start", length["fact_id"]],
        mode="lines+markers+text",
        line={"color": GREEN, "width": 5, "dash": "dash" if length["status"] != "reported" else "solid"},
        marker={"size": 12, "color": GREEN, "symbol": "circle"},
        text=["Copenhagen<br>(Denmark)", "Malmoe<br>(Sweden)"],
        # Each name reads away from the line's end, so neither runs off a phone's edge.
        textposition=["bottom right", "bottom left"],
        hovertext=[link_hover, link_hover],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        cliponaxis=False,
        row=3,
        col=1,
    )
    fig.add_annotation(
        xref="x3",
        yref="y3",
        x=length["value"] / 2,
        y=0,
        yshift=10,
        yanchor="bottom",
        showarrow=False,
        text=f"{format_value(length['value'], length['unit'])} of bridge and tunnel,<br>"
        f"to open in {completion['value']:.0f} ({completion['status']})",
    )

    counts = [True, True, False, False, True]
    per_capita = [False, False, True, True, True]
    menu = {
        "buttons": [
            {
                "label": "Counts",
                "method": "update",
                "args": [
                    {"visible": counts},
                    {
                        "xaxis.title.text": "People (persons)",
                        "xaxis2.title.text": "Firms (count)",
                        "xaxis.range": [0, people["value"] * 1.45],
                        "xaxis2.range": [0, firms["value"] * 1.6],
                    },
                ],
            },
            {
                "label": "Per 1,000 residents",
                "method": "update",
                "args": [
                    {"visible": per_capita},
                    {
                        "xaxis.title.text": "Per 1,000 residents (persons)",
                        "xaxis2.title.text": "Per 1,000 residents (firms)",
                        "xaxis.range": [0, PER * 1.45],
                        "xaxis2.range": [0, firms_pc * 1.6],
                    },
                ],
            },
        ]
    }
    base_layout(
        fig,
        title=(
            f"Oresund: {format_number(people['value'])} people and {format_number(firms['value'])} firms in two "
            f"countries,<br>to be joined by a {format_value(length['value'], length['unit'])} fixed link in "
            f"{completion['value']:.0f}"
        ),
        subtitle=(
            f"{format_number(jobs['value'])} employed, out of a population of {format_number(people['value'])}: "
            f"counts of the two sides<br>the link is to join ({esc(people['status'])}). "
            "The link was still to be completed in 1999."
        ),
        source=source_citation([people, jobs, firms, length, completion]),
        height=800,
        headroom=34,
        left=110,
        legend=False,
        buttons=[menu],
    )
    fig.update_xaxes(title_text="People (persons)", rangemode="tozero", range=[0, people["value"] * 1.45], row=1, col=1)
    fig.update_xaxes(title_text="Firms (count)", rangemode="tozero", range=[0, firms["value"] * 1.6], row=2, col=1)
    fig.update_yaxes(ticks="", autorange="reversed", row=1, col=1)
    fig.update_yaxes(ticks="", row=2, col=1)
    fig.update_xaxes(title_text="Length (km)", range=[-1.5, length["value"] + 1.5], dtick=2, row=3, col=1)
    fig.update_yaxes(visible=False, range=[-1, 1], row=3, col=1)
    fig.update_layout(bargap=0.35)

    return fig


@numbers_for(oresund_scale)
def oresund_scale_numbers() -> ChartNumbers:
    fact = facts_of("oresund")
    rows = list(fact.values())
    firms, jobs, people = fact["oresund-firms"], fact["oresund-employment"], fact["oresund-population"]
    length, completion = fact["oresund-link-length"], fact["oresund-link-completion"]
    return ChartNumbers(
        title="The Oresund region: the figures in the OECD article (¶11)",
        description=(
            f"Panel (a) compares the region's {format_number(people['value'])} residents with the "
            f"{format_number(jobs['value'])} people employed by its firms; panel (b) shows its "
            f"{format_number(firms['value'])} firms. A button switches both panels to figures per 1,000 residents "
            f"({format_number(_per_thousand(jobs['value'], people['value']))} employed and "
            f"{format_number(_per_thousand(firms['value'], people['value']))} firms), arithmetic on the article's figures. "
            f"Panel (c) draws the {format_value(length['value'], length['unit'])} bridge and tunnel between Copenhagen "
            f"and Malmoe, expected to be completed in {completion['value']:.0f}."
        ),
        columns=FACT_COLUMNS,
        rows=fact_rows(rows),
        source=source_citation(rows),
    )
