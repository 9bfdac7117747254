"""The OECD cases side by side, fairly: what each one counts, and the few
measures that more than one case gives (OECD 1999, ¶9-¶13). A case of another
kind (a lecturer's own) is not drawn, and each chart says so under the plot.

The article does not give the same figures for every case. These charts never
turn a figure the article does not give into a zero: a missing figure is drawn
as nothing, and said in words ("not given").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from ..loader import load_table
from .accessible import ChartNumbers, numbers_for
from .data import case_names, not_oecd, oecd_case_ids
from .palette import GREY, case_colour, rgba
from .style import (
    SUBTITLE_WIDTH,
    base_layout,
    cite_rows,
    citation,
    esc,
    fact_hover,
    fact_value,
    format_number,
    not_shown,
    number_word,
    rewrap,
    source_citation,
    wrap,
)

#: Kinds of figure, as columns: (label, quantities of case_facts.csv).
KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("firms", frozenset({"firms"})),
    ("people<br>in work", frozenset({"employees", "jobs"})),
    ("residents", frozenset({"residents"})),
    ("homes and<br>schools", frozenset({"homes", "schools"})),
    ("money", frozenset({"investment"})),
    ("other<br>figures", frozenset({"teachers", "faculty_share", "length", "duration", "countries", "completion_year"})),
)
CLAIMS = "statements<br>without<br>a figure"

#: The measures that more than one case gives, for the side-by-side view.
MEASURES: tuple[tuple[str, frozenset[str], str, str], ...] = (
    (
        "Firms",
        frozenset({"firms"}),
        "Firms (count, log scale)",
        "Firms: Jena's are companies that have set up in the city, Poitiers' those in one park, Oresund's every firm "
        "in a two-country region. Not given: {missing}. Log scale: each step is ten times more.",
    ),
    (
        "People in work",
        frozenset({"employees", "jobs"}),
        "People employed or jobs (persons or jobs, log scale)",
        "People in work: employees of one firm, of a sector, of a region, jobs created, a plan's target. "
        "Filled markers are reported, open ones planned. Not given: {missing}. Log scale: each step is ten times more.",
    ),
)

#: Short point labels for the side-by-side view; other facts fall back to their value.
SHORT_LABELS = {
    "jena-hightech-firms": "companies set up in Jena",
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

STATUS_SYMBOL = {"reported": "circle", "planned": "circle-open", "expected": "diamond-open"}

#: Height of one case's row (px): the charts grow with the number of cases.
ROW_PX, DOT_ROW_PX = 54, 70


def _kind_of(quantity: str) -> str | None:
    for label, quantities in KINDS:
        if quantity in quantities:
            return label
    return None


def _evidence() -> tuple[list[str], dict[tuple[str, str], list[Mapping[str, Any]]], dict[str, list[Mapping[str, Any]]]]:
    cases = oecd_case_ids()
    facts = load_table("case_facts")
    claims = load_table("case_claims")
    cells: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in facts:
        kind = _kind_of(row["quantity"])
        if row["case_id"] in cases and kind:
            cells.setdefault((row["case_id"], kind), []).append(row)
    by_case = {case: claims.where(case_id=case) for case in cases}
    return cases, cells, by_case


def _count(number: int, noun: str) -> str:
    """3, 'figure' -> '3 figures'; 1, 'figure' -> '1 figure'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _plain(label: str) -> str:
    return label.replace("<br>", " ")


def case_evidence() -> go.Figure:
    """A grid of the kinds of figure the article gives (rows) against the OECD
    cases (columns): how many figures of each kind, and how many statements
    carry no figure at all. Cases are columns so that a phone's narrow chart
    holds them: a lecturer's sixth case makes the columns narrower, not the
    chart wider."""
    cases, cells, claims = _evidence()
    names = case_names()
    kinds = [label for label, _ in KINDS]
    column = {c: wrap(esc(names[c]), 12) for c in cases}

    fig = go.Figure()
    for case in cases:
        xs, ys, texts, hovers, ids = [], [], [], [], []
        for kind in kinds:
            found = cells.get((case, kind), [])
            if not found:
                continue
            xs.append(column[case])
            ys.append(kind)
            texts.append(str(len(found)))
            ids.append(f"{case}|{_plain(kind)}")
            hovers.append(
                f"<b>{esc(names[case])}: {esc(_plain(kind))}</b><br>"
                + "<br>".join(
                    f"• {esc(fact_value(row))} ({esc(row['status'])}): {wrap(esc(row['description']), 50)}"
                    for row in found
                )
                + "<br>" + esc(cite_rows(found))
            )
        fig.add_scatter(
            name=names[case],
            x=xs,
            y=ys,
            ids=ids,
            mode="markers+text",
            marker={"symbol": "square", "size": [22 + 5 * int(t) for t in texts],
                    "color": rgba(case_colour(case), 0.28),
                    "line": {"width": 2, "color": case_colour(case)}},
            text=texts,
            textfont={"size": 13},
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    # Missing figures: said in words, never drawn as a value.
    missing = [(case, kind) for case in cases for kind in kinds if (case, kind) not in cells]
    fig.add_scatter(
        name="not given",
        x=[column[case] for case, _ in missing],
        y=[kind for _, kind in missing],
        ids=[f"not-given:{case}|{_plain(kind)}" for case, kind in missing],
        mode="text",
        text=["<i>not<br>given</i>"] * len(missing),
        textfont={"size": 11},
        hovertext=[f"The article gives no figure of this kind for {esc(names[case])}." for case, _ in missing],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )
    # Statements the article makes without a number (case_claims.csv).
    fig.add_scatter(
        name="statements without a figure",
        x=[column[c] for c in cases],
        y=[CLAIMS] * len(cases),
        ids=[f"claims:{case}" for case in cases],
        mode="markers+text",
        marker={"symbol": "square-open", "size": [22 + 5 * len(claims[c]) for c in cases],
                "color": [case_colour(c) for c in cases], "line": {"width": 2}},
        text=[str(len(claims[c])) for c in cases],
        hovertext=[
            f"<b>{esc(names[c])}: statements without a figure</b><br>"
            + "<br>".join(f"• {wrap(esc(row['claim']), 55)}" for row in claims[c])
            + "<br>" + esc(cite_rows(claims[c]))
            for c in cases
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )

    shared = [kind for kind in kinds[:-1] if sum((c, kind) in cells for c in cases) >= 3]
    without = [names[c] for c in cases if not any((c, k) in cells for k in kinds)]
    title = "The article counts different things for each case"
    if without:
        title += f",<br>and gives {', '.join(without)} no figure at all"
    base_layout(
        fig,
        title=title,
        subtitle=(
            "Each square counts the article's figures of that kind (hover to read them).<br>"
            "'Not given' means the article gives none, which is not the same as zero.<br>"
            f"Only {' and '.join(_plain(k) for k in shared)} are given for three cases or more."
        ),
        source=source_citation([*(r for rows_ in cells.values() for r in rows_),
                                *(r for rows_ in claims.values() for r in rows_)]),
        height=690,
        headroom=96,  # on a phone the case names turn upright and need the room
        legend=False,
        left=90,
        bottom=50,
        note=not_shown(not_oecd(cases)),
    )
    fig.update_xaxes(categoryorder="array", categoryarray=[column[c] for c in cases], side="top", showgrid=False,
                     showline=False, ticks="", title_text="")
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(kinds + [CLAIMS])), showgrid=True,
                     ticks="", showline=False, title_text="")
    fig.add_hline(y=0.5, line={"color": GREY, "width": 1, "dash": "dot"})
    return fig


@numbers_for(case_evidence)
def case_evidence_numbers() -> ChartNumbers:
    cases, cells, claims = _evidence()
    names = case_names()
    kinds = [label for label, _ in KINDS]
    table_rows = []
    for case in cases:
        for kind in kinds:
            found = cells.get((case, kind), [])
            table_rows.append((
                names[case],
                _plain(kind),
                len(found) if found else None,
                "; ".join(f"{fact_value(r)} ({r['status']})" for r in found) if found else "not given",
            ))
        table_rows.append((names[case], "statements without a figure", len(claims[case]),
                           "; ".join(r["claim"] for r in claims[case])))
    return ChartNumbers(
        title="How many figures of each kind the OECD article gives per case",
        description=(
            f"A grid with kinds of figure as rows and the {number_word(len(cases))} OECD cases as columns; each filled "
            "square counts the figures of that kind, 'not given' marks a kind the article does not give for that "
            "case, and the last row counts the statements the article makes about the case without any number. "
            + " ".join(
                f"{names[c]}: {_count(sum(len(cells.get((c, k), [])) for k in kinds), 'figure')} and "
                f"{_count(len(claims[c]), 'statement')} without a figure."
                for c in cases
            )
        ),
        columns=("Case", "Kind of figure", "Number of figures", "The figures"),
        rows=tuple(table_rows),
        source=source_citation([*(r for rows_ in cells.values() for r in rows_),
                                *(r for rows_ in claims.values() for r in rows_)]),
    )


def _measure_points(quantities: frozenset[str]) -> dict[str, list[Mapping[str, Any]]]:
    facts = load_table("case_facts")
    return {case: [row for row in facts.where(case_id=case) if row["quantity"] in quantities]
            for case in oecd_case_ids()}


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
    fig.add_scatter(name="rows", x=[None] * len(cases), y=[names[c] for c in cases], ids=[f"row:{c}" for c in cases],
                    mode="markers", hoverinfo="skip", showlegend=False)
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
                marker={"size": 13, "color": case_colour(case),
                        "symbol": [STATUS_SYMBOL[row["status"]] for row in rows], "line": {"width": 2.5,
                        "color": case_colour(case)}},
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
        notes.append(rewrap(_note.format(missing=", ".join(missing) or "none"), SUBTITLE_WIDTH))
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
        buttons=[{
            "buttons": [
                {"label": label, "method": "update",
                 "args": [{"visible": visibility[i]},
                          {"xaxis.title.text": axis, "xaxis.range": ranges[i], "yaxis.ticktext": tick_text[i],
                           "title.subtitle.text": notes[i]}]}
                for i, (label, _q, axis, _note) in enumerate(chosen)
            ],
        }] if len(chosen) > 1 else None,
    )
    fig.update_xaxes(type="log", title_text=chosen[0][2], range=ranges[0], showgrid=True, dtick=1,
                     tickformat=",")
    fig.update_yaxes(categoryorder="array", categoryarray=[names[c] for c in reversed(cases)],
                     tickmode="array", tickvals=[names[c] for c in cases], ticktext=tick_text[0],
                     showgrid=True, ticks="")
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
                rows.append((label, names[case], row["description"], fact_value(row), row["status"],
                             citation(row["source_id"], [row["locator"]])))
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
