"""Jena: from the Zeiss complex to a high-technology region (OECD 1999, ¶9)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..loader import load_table
from .accessible import FACT_COLUMNS, ChartNumbers, fact_rows, numbers_for
from .data import facts_of
from .palette import BLUE, GREEN, GREY, PINK, rgba
from .style import (
    base_layout,
    fact_hover,
    format_number,
    source_citation,
)

BEFORE, NOW = "before 1989", "1999"

#: Where each Jena figure is drawn (facts not listed here are in the table only).
PANELS = {
    "jena-local-total-before": "(a) employment",
    "jena-zeiss-employment-before": "(a) employment",
    "jena-zeiss-employment-1999": "(a) employment",
    "jena-biotech-jobs": "(a) employment",
    "jena-firms": "(b) firms",
    "jena-faculty-replaced": "(c) university",
    "jena-faculty-period": "(c) university (in the panel title)",
}


def jena_transition() -> go.Figure:
    """Zeiss employment before 1989 and in 1999 against the article's total, beside the
    new economy (companies set up in the city, biotechnology jobs) and the university's
    replaced faculty, each on its own axis and unit."""
    fact = facts_of("jena")
    zeiss_before = fact["jena-zeiss-employment-before"]
    total = fact["jena-local-total-before"]
    zeiss_now = fact["jena-zeiss-employment-1999"]
    biotech = fact["jena-biotech-jobs"]
    firms = fact["jena-firms"]
    faculty = fact["jena-faculty-replaced"]
    years = fact["jena-faculty-period"]

    # One panel above the other, each the chart's full width (on a phone too):
    # the employment bars, then the two single bars.
    fig = make_subplots(
        rows=3,
        cols=1,
        row_heights=[0.62, 0.19, 0.19],
        vertical_spacing=0.15,
        subplot_titles=(
            "(a) People employed",
            "(b) Companies set up in Jena",
            f"(c) Faculty replaced in {format_number(years['value'])} years",
        ),
    )

    # (a) Employment: the article's total, Zeiss, biotechnology; same unit, same axis.
    fig.add_bar(
        name="Total (unclear what it counts)",
        x=[BEFORE, NOW],
        y=[total["value"], None],
        ids=[total["fact_id"], "not-given:jena-local-total-1999"],
        marker={
            "color": rgba(GREY, 0.12),
            "line": {"color": GREY, "width": 1.5},
            "pattern": {"shape": ".", "fgcolor": GREY, "size": 6, "solidity": 0.2},
        },
        text=[format_number(total["value"]) + "?", ""],
        hovertext=[fact_hover(total, "The total the 23,000 local people are 'out of'"), ""],
        row=1,
        col=1,
    )
    fig.add_bar(
        name="Zeiss, local people employed",
        x=[BEFORE, NOW],
        y=[zeiss_before["value"], zeiss_now["value"]],
        ids=[zeiss_before["fact_id"], zeiss_now["fact_id"]],
        marker_color=BLUE,
        text=[format_number(zeiss_before["value"]), format_number(zeiss_now["value"])],
        hovertext=[
            fact_hover(zeiss_before, "Carl Zeiss complex, before 1989"),
            fact_hover(zeiss_now, "Carl Zeiss complex, 1999 (read as local people)"),
        ],
        row=1,
        col=1,
    )
    fig.add_bar(
        name="Biotechnology",
        x=[BEFORE, NOW],
        y=[None, biotech["value"]],
        ids=["not-given:jena-biotech-before", biotech["fact_id"]],
        marker_color=GREEN,
        text=["", format_number(biotech["value"])],
        hovertext=["", fact_hover(biotech, "Biotechnology sector, 1999")],
        row=1,
        col=1,
    )
    # Say so where a bar is missing, rather than leave a gap that reads as zero.
    fig.add_annotation(
        x=0.73,
        y=0,
        xref="x",
        yref="y",
        yanchor="bottom",
        textangle=-90,
        showarrow=False,
        text="<i>no total given for 1999</i>",
        font={"size": 11},
    )
    fig.add_annotation(
        x=0.27,
        y=0,
        xref="x",
        yref="y",
        yanchor="bottom",
        textangle=-90,
        showarrow=False,
        text="<i>not given</i>",
        font={"size": 11},
    )

    # (b) Firms: a count, on its own axis.
    fig.add_bar(
        name="Companies set up in Jena",
        orientation="h",
        y=["by 1999"],
        x=[firms["value"]],
        ids=[firms["fact_id"]],
        marker_color=GREEN,
        marker_pattern={"shape": ""},
        showlegend=False,
        text=["some " + format_number(firms["value"])],
        hovertext=[fact_hover(firms, "Companies that have set up in Jena")],
        row=2,
        col=1,
    )

    # (c) Faculty: a share of 100%; the remainder is arithmetic, drawn hollow.
    rest = 100 - faculty["value"]
    fig.add_bar(
        name="Faculty replaced",
        orientation="h",
        y=["share"],
        x=[faculty["value"]],
        ids=[faculty["fact_id"]],
        marker_color=PINK,
        showlegend=False,
        text=[f"{format_number(faculty['value'])}% replaced"],
        hovertext=[fact_hover(faculty, "Friedrich Schiller University")],
        row=3,
        col=1,
    )
    fig.add_bar(
        name="Rest of the faculty (100% minus the figure)",
        orientation="h",
        y=["share"],
        x=[rest],
        ids=["derived:jena-faculty-rest"],
        marker={"color": "rgba(0,0,0,0)", "line": {"color": PINK, "width": 1.5}},
        showlegend=False,
        hovertext=[
            f"The rest of the faculty: {format_number(rest)}%<br>"
            f"(arithmetic: 100% minus the {format_number(faculty['value'])}% the text gives)"
        ],
        row=3,
        col=1,
    )

    fig.update_traces(
        hovertemplate="%{hovertext}<extra></extra>", textposition="outside", cliponaxis=False, selector={"type": "bar"}
    )
    fig.update_traces(textposition="inside", insidetextanchor="middle", selector={"name": "Faculty replaced"})
    fig.update_traces(constraintext="none", selector={"xaxis": "x"})  # labels wider than the narrow bars
    # Wide groups, so that the 1999 labels (4,500 and 1,000) stand apart on a phone.
    fig.update_layout(barmode="group", bargap=0.08, bargroupgap=0.06)

    base_layout(
        fig,
        title=(
            f"Jena: Zeiss employed {format_number(zeiss_before['value'])} local people; by 1999 'the figure' "
            f"was {format_number(zeiss_now['value'])},<br>while some {format_number(firms['value'])} "
            f"companies set up in the city and biotechnology employed {format_number(biotech['value'])}"
        ),
        subtitle=(
            f"Before 1989 against the article's 'today' (1999). The article does not say what its "
            f"{format_number(total['value'])} total counts,<br>nor which figure fell: the chart reads it "
            "as the local people. No total is given for 1999."
        ),
        source=source_citation([zeiss_before, total, zeiss_now, biotech, firms, faculty, years]),
        height=840,
        bottom=96,
        headroom=44,
        left=80,
    )
    fig.update_yaxes(title_text="People employed (persons)", rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text="Period the figure refers to", type="category", row=1, col=1)
    fig.update_xaxes(title_text="Firms (count)", range=[0, firms["value"] * 1.45], row=2, col=1)
    fig.update_yaxes(showticklabels=False, ticks="", row=2, col=1)
    fig.update_xaxes(title_text="Share of the faculty (%)", range=[0, 100], dtick=25, row=3, col=1)
    fig.update_yaxes(showticklabels=False, ticks="", row=3, col=1)
    # The faculty panel stacks its two bars; make_subplots shares one barmode, so
    # the stack is done by hand: the remainder starts where the figure ends.
    fig.update_traces(base=[faculty["value"]], selector={"name": "Rest of the faculty (100% minus the figure)"})
    fig.update_traces(offsetgroup="faculty", selector={"name": "Faculty replaced"})
    fig.update_traces(offsetgroup="faculty", selector={"name": "Rest of the faculty (100% minus the figure)"})
    return fig


@numbers_for(jena_transition)
def jena_transition_numbers() -> ChartNumbers:
    facts = load_table("case_facts").where(case_id="jena")
    fact = {row["fact_id"]: row for row in facts}
    return ChartNumbers(
        title="Jena's figures in the OECD article (¶9)",
        description=(
            f"Panel (a) compares people employed: the Carl Zeiss complex employed "
            f"{format_number(fact['jena-zeiss-employment-before']['value'])} local people before 1989 (the date is our reading), "
            f"out of a total of "
            f"{format_number(fact['jena-local-total-before']['value'])} whose meaning the article leaves open, and "
            f"{format_number(fact['jena-zeiss-employment-1999']['value'])} in 1999, on our reading of the article's 'the figure', "
            f"when the biotechnology sector "
            f"employed {format_number(fact['jena-biotech-jobs']['value'])}. No total is given for 1999. "
            f"Panel (b) shows some {format_number(fact['jena-firms']['value'])} companies that have set up in Jena, "
            f"which a new strategy promotes as a high-tech region; "
            f"panel (c) the {format_number(fact['jena-faculty-replaced']['value'])}% of the university's faculty "
            f"replaced in {format_number(fact['jena-faculty-period']['value'])} years."
        ),
        columns=FACT_COLUMNS + ("In the chart",),
        rows=fact_rows(
            facts, lambda row: PANELS.get(row["fact_id"], "not drawn (a figure for the whole state of Thuringia)")
        ),
        source=source_citation(facts),
    )
