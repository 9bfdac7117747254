"""The companion's place-network-community reading of each case, beside its
Learning Region fit (pnc_readings.csv, an interpretation table)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..loader import load_table
from ..scales import FIT_WORDS, SCORE_LABELS, SCORE_WORDS, span
from .accessible import ChartNumbers, numbers_for
from .data import OECD_KIND, PREFACE_KIND, case_kinds, case_names
from .palette import BLUE, GREEN, ORANGE, PINK
from .style import base_layout, citation, esc, not_shown, reading_hover, source_citation, wrap

DIMENSIONS = {
    d: (SCORE_LABELS[d], colour) for d, colour in (("place", ORANGE), ("network", BLUE), ("community", GREEN))
}
LEARNING_REGION = ("learning_region", SCORE_LABELS["learning_region"], PINK)


def _readings():
    table = load_table("pnc_readings")
    names = case_names()
    cases = list(dict.fromkeys(row["case_id"] for row in table))
    score = {(row["case_id"], row["dimension"]): row for row in table}
    return table, names, cases, score


def pnc_scores() -> go.Figure:
    """Each case's place, network and community scores (0-4, the companion's
    reading) as grouped bars, with buttons to show one dimension at a time, and
    the Learning Region fit in a panel beside them."""
    table, names, cases, score = _readings()
    # Long names on two lines, so the bars keep their width on a phone.
    labels = [wrap(esc(names[c]), 18) for c in cases]

    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.62, 0.38],
        horizontal_spacing=0.08,
        # The legend names the left panel's bars; the right panel's title is
        # short enough for its narrow column on a phone.
        subplot_titles=("", "Learning<br>Region fit"),
    )
    for annotation in fig.layout.annotations:
        annotation.font.size = 14
    for dimension, (label, colour) in DIMENSIONS.items():
        rows = [score[(c, dimension)] for c in cases]
        fig.add_bar(
            name=label,
            orientation="h",
            y=labels,
            x=[r["score"] for r in rows],
            ids=[f"{r['case_id']}|{dimension}" for r in rows],
            marker_color=colour,
            text=[str(r["score"]) for r in rows],
            hovertext=[reading_hover(r, names[r["case_id"]], label) for r in rows],
            row=1,
            col=1,
        )
    key, label, colour = LEARNING_REGION
    rows = [score[(c, key)] for c in cases]
    fig.add_bar(
        name=label,
        orientation="h",
        y=labels,
        x=[r["score"] for r in rows],
        ids=[f"{r['case_id']}|{key}" for r in rows],
        marker={"color": colour, "pattern": {"shape": "", "solidity": 0.3}},
        text=[str(r["score"]) for r in rows],
        hovertext=[reading_hover(r, names[r["case_id"]], "fit of the Learning Region model") for r in rows],
        showlegend=False,
        row=1,
        col=2,
    )
    fig.update_traces(
        hovertemplate="%{hovertext}<extra></extra>", textposition="outside", cliponaxis=False, constraintext="none"
    )

    title = _title(cases, names, score)

    n = len(cases)
    buttons = [{"label": "All three", "method": "restyle", "args": [{"visible": [True] * (len(DIMENSIONS) + 1)}]}]
    for i, (dimension, (dim_label, _c)) in enumerate(DIMENSIONS.items()):
        buttons.append(
            {
                "label": dim_label,
                "method": "restyle",
                "args": [{"visible": [j == i for j in range(len(DIMENSIONS))] + [True]}],
            }
        )
    base_layout(
        fig,
        title=title,
        subtitle=(
            f"Scores 0 ({SCORE_WORDS[0]} in the text) to 4 ({SCORE_WORDS[4]}); "
            f"Learning Region fit {span(FIT_WORDS)}.<br>"
            "All are the companion's reading, argued in a rationale (hover over a bar) and open to dispute."
        ),
        source=source_citation(table, prefix="The companion's reading (pnc_readings.csv) of"),
        height=170 + 62 * n + 120,
        headroom=40,
        left=140,
        buttons=[{"buttons": buttons}],
        note=not_shown({names[c]: "no reading in pnc_readings.csv" for c in names if c not in cases}),
    )
    fig.update_xaxes(range=[0, 4.6], tickvals=[0, 1, 2, 3, 4], title_text="Score (0-4)", row=1, col=1)
    fig.update_xaxes(range=[0, 4.6], tickvals=[0, 1, 2, 3, 4], title_text="Score (0-4)", row=1, col=2)
    fig.update_yaxes(autorange="reversed", ticks="")
    fig.update_layout(bargap=0.22, bargroupgap=0.04, legend={"traceorder": "normal"})
    return fig


def _title(cases: list[str], names: dict[str, str], score: dict[tuple[str, str], Any]) -> str:
    """Where the OECD cases score high (how many of the cases of kind oecd_case
    score 3 or 4 on the dimension most of them do), and what each other case
    leans on most. A count, not a mean: the scores are an ordinal reading."""
    kinds = case_kinds()
    oecd = [c for c in cases if kinds.get(c) == OECD_KIND]
    parts = []
    if oecd:
        strong = {d: sum(score[(c, d)]["score"] >= 3 for c in oecd) for d in DIMENSIONS}
        lead = max(strong, key=strong.get)
        parts.append(f"{strong[lead]} of {len(oecd)} OECD cases score 3 or 4 on {lead}")
    for other in (c for c in cases if c not in oecd):
        top = max(score[(other, d)]["score"] for d in DIMENSIONS)
        leaders = [DIMENSIONS[d][0].lower() for d in DIMENSIONS if score[(other, d)]["score"] == top]
        who = "the editors' own story" if kinds.get(other) == PREFACE_KIND else esc(names[other])
        parts.append(f"{who} on {' and '.join(leaders)} ({top} of 4)")
    return "Companion's reading: " + ";<br>".join(parts)


@numbers_for(pnc_scores)
def pnc_scores_numbers() -> ChartNumbers:
    table, names, cases, score = _readings()
    dims = [*DIMENSIONS, LEARNING_REGION[0]]
    label = {**{d: v[0] for d, v in DIMENSIONS.items()}, LEARNING_REGION[0]: LEARNING_REGION[1]}
    return ChartNumbers(
        title="The companion's place-network-community scores (an interpretation, not data from the texts)",
        description=(
            "Grouped horizontal bars, one group per case, one bar each for place, network and community "
            "(scores 0 to 4), and beside them one bar per case for how well the Learning Region model fits. "
            + " ".join(
                f"{names[c]}: " + ", ".join(f"{label[d].lower()} {score[(c, d)]['score']}" for d in dims) + "."
                for c in cases
            )
        ),
        columns=("Case", "Dimension", "Score (0-4)", "Why (the companion's rationale)", "Source"),
        rows=tuple(
            (
                names[c],
                label[d],
                score[(c, d)]["score"],
                score[(c, d)]["rationale"],
                citation(score[(c, d)]["source_id"], [score[(c, d)]["locator"]]),
            )
            for c in cases
            for d in dims
        ),
        source=source_citation(table, prefix="The companion's reading (pnc_readings.csv) of"),
    )
