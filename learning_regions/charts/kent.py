"""Kent Thames-side: the plan's targets beside the investment under way and the industry the site once had (OECD 1999, ¶13)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .accessible import FACT_COLUMNS, ChartNumbers, fact_rows, numbers_for
from .data import facts_of
from .palette import VERMILION
from .style import (
    base_layout,
    fact_hover,
    fact_value,
    format_number,
    source_citation,
    status_marker,
    subplot_title_style,
)

LEGEND = {
    "reported": "Reported: past jobs",
    "in progress": "In progress: investment under way",
    "planned": "Planned (a target, not a result)",
    "expected": "Expected: a forecast",
}

PANELS = {
    "kent-cement-jobs": "(a) people employed",
    "kent-new-employees": "(a) people employed",
    "kent-homes": "(b) homes",
    "kent-primary-schools": "(c) schools",
    "kent-secondary-schools": "(c) schools",
    "kent-investment": "(d) investment",
    "kent-duration": "(d) investment (in the label)",
}


def kent_plan() -> go.Figure:
    """The plan's targets (homes, new employees, schools), hatched, beside the
    investment under way (cross-hatched) and the industrial jobs the site once had (solid)."""
    fact = facts_of("kent")
    cement, employees = fact["kent-cement-jobs"], fact["kent-new-employees"]
    homes, primary, secondary = fact["kent-homes"], fact["kent-primary-schools"], fact["kent-secondary-schools"]
    money, years = fact["kent-investment"], fact["kent-duration"]
    shown_in_legend: set[str] = set()

    def bar(row, label: str, x: str, *, panel: tuple[int, int], text: str, value: float | None = None):
        status = row["status"]
        fig.add_bar(
            name=LEGEND[status],
            legendgroup=status,
            legendrank=list(LEGEND).index(status),  # the legend in LEGEND's order, not the bars'
            showlegend=status not in shown_in_legend,
            x=[x],
            y=[row["value"] if value is None else value],
            ids=[row["fact_id"]],
            marker=status_marker(VERMILION, status),
            text=[text],
            hovertext=[fact_hover(row, label)],
            offsetgroup=str(panel),
            row=panel[0],
            col=panel[1],
        )
        shown_in_legend.add(status)

    # Two by two, so that each panel keeps a good part of the width on a phone. The left
    # panels hold two bars each, the right ones one: the left column is wider, so that
    # the two-line labels under the bars do not run into each other at 390 px. The gap
    # between the columns holds the right panels' axis titles.
    fig = make_subplots(
        rows=2,
        cols=2,
        column_widths=[0.6, 0.4],
        horizontal_spacing=0.26,
        vertical_spacing=0.24,
        subplot_titles=("(a) People employed", "(b) Homes", "(c) Schools", "(d) Investment"),
    )
    subplot_title_style(fig)
    bar(
        cement,
        "Jobs at the cement factory, once",
        "cement<br>factory",
        panel=(1, 1),
        text=format_number(cement["value"]),
    )
    bar(
        employees,
        "New employees the plan is to bring within reach of London",
        "new<br>employees",
        panel=(1, 1),
        text=format_number(employees["value"]),
    )
    bar(homes, "New homes", "new homes", panel=(1, 2), text=format_number(homes["value"]))
    bar(primary, "Primary schools to be built", "primary", panel=(2, 1), text=f"~{format_number(primary['value'])}")
    bar(secondary, "Secondary schools to be built", "secondary", panel=(2, 1), text=format_number(secondary["value"]))
    bar(
        money,
        f"Investment over {format_number(years['value'])} years",
        f"over {format_number(years['value'])}<br>years",
        panel=(2, 2),
        text=fact_value(money).replace("about ", "~"),
        value=money["value"] / 1e9,
    )
    fig.update_traces(
        hovertemplate="%{hovertext}<extra></extra>", textposition="outside", cliponaxis=False, constraintext="none"
    )

    base_layout(
        fig,
        title=(
            f"Kent Thames-side: {format_number(homes['value'])} planned homes, and London to be within "
            f"reach of {format_number(employees['value'])} new employees,<br>on a site where a cement factory once "
            f"employed {format_number(cement['value'])}"
        ),
        subtitle=(
            "Hatched bars are the plan's targets, not results (the article gives them no date);<br>"
            "cross-hatched, the investment under way; solid, the cement jobs of the past (undated)."
        ),
        source=source_citation([cement, employees, homes, primary, secondary, money, years]),
        height=780,
        headroom=50,
        bottom=110,
    )
    fig.update_yaxes(
        title_text="People employed (persons)", rangemode="tozero", range=[0, employees["value"] * 1.15], row=1, col=1
    )
    fig.update_yaxes(title_text="Homes (count)", range=[0, homes["value"] * 1.15], row=1, col=2)
    fig.update_yaxes(
        title_text="Schools (count)", range=[0, max(primary["value"], secondary["value"]) * 1.15], row=2, col=1
    )
    fig.update_yaxes(title_text="Investment (GBP billion)", range=[0, money["value"] / 1e9 * 1.15], row=2, col=2)
    fig.update_xaxes(ticks="", type="category", tickangle=0, tickfont={"size": 11})
    fig.update_layout(bargap=0.3)
    return fig


def listed(rows) -> str:
    """Rows' descriptions in a sentence: 'new homes planned; primary schools to be built'."""
    return "; ".join(row["description"][:1].lower() + row["description"][1:] for row in rows) or "none"


@numbers_for(kent_plan)
def kent_plan_numbers() -> ChartNumbers:
    fact = facts_of("kent")
    rows = list(fact.values())
    cement, employees, homes = fact["kent-cement-jobs"], fact["kent-new-employees"], fact["kent-homes"]
    primary, secondary = fact["kent-primary-schools"], fact["kent-secondary-schools"]
    money, years = fact["kent-investment"], fact["kent-duration"]
    return ChartNumbers(
        title="Kent Thames-side: the figures in the OECD article (¶13)",
        description=(
            f"Four panels of bars, two by two. Panel (a): {format_number(cement['value'])} people once employed by the cement "
            f"factory ({cement['status']}, undated) against {format_number(employees['value'])} new employees the plan aims "
            f"to bring within reach of London ({employees['status']}). Panel (b): {format_number(homes['value'])} new homes "
            f"({homes['status']}). Panel (c): about {format_number(primary['value'])} primary and "
            f"{format_number(secondary['value'])} secondary schools ({secondary['status']}). Panel (d): {fact_value(money)} "
            f"over {format_number(years['value'])} years ({money['status']}: the article says it is being invested). "
            f"Reported: {listed(r for r in rows if r['status'] == 'reported')}. "
            f"The plan's targets, which the article does not date: {listed(r for r in rows if r['status'] == 'planned')}."
        ),
        columns=FACT_COLUMNS + ("In the chart",),
        rows=fact_rows(rows, lambda row: PANELS.get(row["fact_id"], "not drawn")),
        source=source_citation(rows),
    )
