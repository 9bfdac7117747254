"""The OECD cases side by side, fairly: the few measures that more than one
case gives (OECD 1999, ¶9-¶13), on a log scale. A case of another kind (a
lecturer's own) is not drawn, and the chart says so under the plot. A figure
the article does not give is drawn as nothing, and said in words ("not
given"), never as a zero. (What each case counts: :mod:`.evidence`.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from ..loader import load_table
from .accessible import ChartNumbers, numbers_for
from .data import case_names, not_oecd, oecd_case_ids
from .palette import case_colour
from .style import (
    SUBTITLE_WIDTH,
    base_layout,
    citation,
    esc,
    fact_hover,
    fact_value,
    format_number,
    not_shown,
    rewrap,
    source_citation,
    wrap,
)

#: The measures that more than one case gives, for the side-by-side view.
MEASURES: tuple[tuple[str, frozenset[str], str, str], ...] = (
    (
        "Firms",
        frozenset({"firms"}),
        "Firms (count, log scale)",
        "Firms: Jena's are companies that have set up in the city, Poitiers' those one park attracted (on our reading), Oresund's every firm "
        "in a two-country region. Not given: {missing}. Log scale: each step is ten times more.",
    ),
    (
        "People in work",
        frozenset({"employees", "jobs"}),
        "People employed or jobs (persons or jobs, log scale)",
        "People in work: employees of one firm, of a sector, of a region, jobs created, a plan's target. "
        "Filled markers are reported; open ones are {open}. Not given: {missing}. Log scale: each step is ten times more.",
    ),
)

#: Short point labels for the side-by-side view; other facts fall back to their value.
SHORT_LABELS = {
    "jena-firms": "companies set up in Jena",
    "poitiers-firms": "firms the park attracted",
    "oresund-firms": "all firms in the region",
    "jena-zeiss-employment-before": "Zeiss, before 1989",
    "jena-local-total-before": "total (unclear)",
    "jena-zeiss-employment-1999": "Zeiss, 1999",
    "jena-biotech-jobs": "biotech, 1999",
    "poitiers-park-jobs": "jobs in the park",
    "poitiers-indirect-jobs": "indirect jobs, region",
    "oresund-employment": "employed by the firms",
    "kent-cement-jobs": "cement factory, once",
    "kent-new-employees": "new employees, planned",
}

STATUS_SYMBOL = {
    "reported": "circle",
    "in progress": "circle-x-open",
    "planned": "circle-open",
    "expected": "diamond-open",
}
#: The statuses drawn with open markers, as the caption names them ("a, b or c").
_OPEN = [status for status, symbol in STATUS_SYMBOL.items() if symbol.endswith("-open")]
OPEN_STATUSES = ", ".join(_OPEN[:-1]) + " or " + _OPEN[-1] if len(_OPEN) > 1 else "".join(_OPEN)

#: Height of one case's row (px): the chart grows with the number of cases.
DOT_ROW_PX = 70


def _measure_points(quantities: frozenset[str]) -> dict[str, list[Mapping[str, Any]]]:
    facts = load_table("case_facts")
    return {
        case: [row for row in facts.where(case_id=case) if row["quantity"] in quantities] for case in oecd_case_ids()
    }


def _label(row: Mapping[str, Any]) -> str:
    """A point's label, on lines short enough for a phone."""
    short = SHORT_LABELS.get(row["fact_id"])
    value = format_number(row["value"])
    return wrap(f"{esc(short)}: {value}", 20) if short else value


def cases_compared(measures: Sequence[str] | None = None) -> go.Figure:
    """The OECD cases on one log axis for each measure more than one case gives
    (firms; people in work), with buttons to switch measure. A case without
    the measure is labelled 'not given' and has no point."""
    chosen = [m for m in MEASURES if measures is None or m[0] in measures]
    if not chosen:
        raise ValueError(f"no such measure: {measures!r} (choose from {', '.join(m[0] for m in MEASURES)})")
    names = case_names()
    cases = oecd_case_ids()

    fig = go.Figure()
    # One row per case, even for a case with no figure: a trace with no values
    # (nothing is drawn) keeps the row, and its label says 'not given'.
    fig.add_scatter(
        name="rows",
        x=[None] * len(cases),
        y=[names[c] for c in cases],
        ids=[f"row:{c}" for c in cases],
        mode="markers",
        hoverinfo="skip",
        showlegend=False,
    )
    visibility: list[list[bool]] = []
    notes: list[str] = []
    tick_text: list[list[str]] = []
    ranges: list[list[float]] = []
    for index, (label, quantities, _axis, _note) in enumerate(chosen):
        points = _measure_points(quantities)
        start = len(fig.data)
        values = [row["value"] for case in cases for row in points[case]]
        low, high = _log10(min(values)) - 0.6, _log10(max(values)) + 0.6
        for case in cases:
            # Labels alternate above and below the points in order of value, so
            # neighbours on the axis never put their labels on the same side;
            # each reads away from the nearer edge, so none runs off a phone.
            rows = sorted(points[case], key=lambda row: row["value"])
            sides = ["left" if (_log10(row["value"]) - low) / (high - low) > 0.5 else "right" for row in rows]
            fig.add_scatter(
                name=f"{names[case]} ({label})",
                x=[row["value"] for row in rows],
                y=[names[case]] * len(rows),
                ids=[row["fact_id"] for row in rows],
                mode="markers+text",
                marker={
                    "size": 13,
                    "color": case_colour(case),
                    "symbol": [STATUS_SYMBOL[row["status"]] for row in rows],
                    "line": {"width": 2.5, "color": case_colour(case)},
                },
                text=[_label(row) for row in rows],
                textposition=[f"{'top' if i % 2 == 0 else 'bottom'} {side}" for i, side in enumerate(sides)],
                textfont={"size": 11},
                hovertext=[fact_hover(row) for row in rows],
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
                showlegend=False,
                visible=index == 0,
            )
        count = len(fig.data) - start
        visibility.append([True] + [False] * (start - 1) + [True] * count)
        missing = [names[c] for c in cases if not points[c]]
        notes.append(rewrap(_note.format(missing=", ".join(missing) or "none", open=OPEN_STATUSES), SUBTITLE_WIDTH))
        tick_text.append([wrap(esc(names[c]), 16) + ("" if points[c] else "<br><i>not given</i>") for c in cases])
        ranges.append([low, high])
    # Every view's subtitle gets the same number of lines, so switching views never
    # pushes the subtitle into the buttons.
    most = max(note.count("<br>") for note in notes)
    notes = [note + "<br>&#160;" * (most - note.count("<br>")) for note in notes]
    total = len(fig.data)
    visibility = [v + [False] * (total - len(v)) for v in visibility]

    everything = [row for _, q, _, _ in chosen for rows in _measure_points(q).values() for row in rows]
    base_layout(
        fig,
        title="Side by side, the cases' figures are not like for like:<br>"
        "each counts something different, and some give nothing",
        subtitle=notes[0],
        source=source_citation(everything),
        height=270 + DOT_ROW_PX * len(cases),
        headroom=30,
        legend=False,
        left=120,
        note=not_shown(not_oecd(cases)),
        buttons=[
            {
                "buttons": [
                    {
                        "label": label,
                        "method": "update",
                        "args": [
                            {"visible": visibility[i]},
                            {
                                "xaxis.title.text": axis,
                                "xaxis.range": ranges[i],
                                "yaxis.ticktext": tick_text[i],
                                "title.subtitle.text": notes[i],
                            },
                        ],
                    }
                    for i, (label, _q, axis, _note) in enumerate(chosen)
                ],
            }
        ]
        if len(chosen) > 1
        else None,
    )
    fig.update_xaxes(type="log", title_text=chosen[0][2], range=ranges[0], showgrid=True, dtick=1, tickformat=",")
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[names[c] for c in reversed(cases)],
        tickmode="array",
        tickvals=[names[c] for c in cases],
        ticktext=tick_text[0],
        showgrid=True,
        ticks="",
    )
    return fig


def _log10(value: float) -> float:
    import math

    return math.log10(value)


@numbers_for(cases_compared)
def cases_compared_numbers(measures: Sequence[str] | None = None) -> ChartNumbers:
    chosen = [m for m in MEASURES if measures is None or m[0] in measures]
    names = case_names()
    rows = []
    everything = []
    for label, quantities, _axis, _note in chosen:
        for case, found in _measure_points(quantities).items():
            if not found:
                rows.append((label, names[case], "not given", None, "", ""))
            for row in found:
                everything.append(row)
                rows.append(
                    (
                        label,
                        names[case],
                        row["description"],
                        fact_value(row),
                        row["status"],
                        citation(row["source_id"], [row["locator"]]),
                    )
                )
    return ChartNumbers(
        title="The measures more than one OECD case gives",
        description=(
            "A dot chart on a logarithmic scale with one row per case and a button per measure ("
            + ", ".join(m[0] for m in chosen)
            + "). Each dot is one figure from the article, labelled with what it counts; a case that gives no "
            "figure for the measure is labelled 'not given' and has no dot. The figures count different things, "
            "so their sizes cannot be compared as if they measured the same thing."
        ),
        columns=("Measure", "Case", "What is counted", "Value", "Status", "Source"),
        rows=tuple(rows),
        source=source_citation(everything),
    )
