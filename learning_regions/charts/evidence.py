"""What each OECD case counts (OECD 1999, ¶9-¶13): a grid of the kinds of
figure the article gives for each case, and the statements it makes without a
figure. A case of another kind (a lecturer's own) is not drawn, and the chart
says so under the plot. A figure the article does not give is drawn as
nothing, and said in words ("not given"), never as a zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from ..loader import load_table
from .accessible import ChartNumbers, numbers_for
from .data import case_names, not_oecd, oecd_case_ids
from .palette import GREY, case_colour, rgba
from .style import (
    base_layout,
    cite_rows,
    esc,
    fact_value,
    not_shown,
    number_word,
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
    (
        "other<br>figures",
        frozenset({"teachers", "faculty_share", "length", "duration", "countries", "completion_year"}),
    ),
)
CLAIMS = "statements<br>without<br>a figure"

#: Height of one case's row (px): the charts grow with the number of cases.
ROW_PX = 54


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
                + "<br>"
                + esc(cite_rows(found))
            )
        fig.add_scatter(
            name=names[case],
            x=xs,
            y=ys,
            ids=ids,
            mode="markers+text",
            marker={
                "symbol": "square",
                "size": [22 + 5 * int(t) for t in texts],
                "color": rgba(case_colour(case), 0.28),
                "line": {"width": 2, "color": case_colour(case)},
            },
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
        marker={
            "symbol": "square-open",
            "size": [22 + 5 * len(claims[c]) for c in cases],
            "color": [case_colour(c) for c in cases],
            "line": {"width": 2},
        },
        text=[str(len(claims[c])) for c in cases],
        hovertext=[
            f"<b>{esc(names[c])}: statements without a figure</b><br>"
            + "<br>".join(f"• {wrap(esc(row['claim']), 55)}" for row in claims[c])
            + "<br>"
            + esc(cite_rows(claims[c]))
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
        source=source_citation(
            [*(r for rows_ in cells.values() for r in rows_), *(r for rows_ in claims.values() for r in rows_)]
        ),
        height=690,
        headroom=96,  # on a phone the case names turn upright and need the room
        legend=False,
        left=90,
        bottom=50,
        note=not_shown(not_oecd(cases)),
    )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=[column[c] for c in cases],
        side="top",
        showgrid=False,
        showline=False,
        ticks="",
        title_text="",
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(reversed(kinds + [CLAIMS])),
        showgrid=True,
        ticks="",
        showline=False,
        title_text="",
    )
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
            table_rows.append(
                (
                    names[case],
                    _plain(kind),
                    len(found) if found else None,
                    "; ".join(f"{fact_value(r)} ({r['status']})" for r in found) if found else "not given",
                )
            )
        table_rows.append(
            (names[case], "statements without a figure", len(claims[case]), "; ".join(r["claim"] for r in claims[case]))
        )
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
        source=source_citation(
            [*(r for rows_ in cells.values() for r in rows_), *(r for rows_ in claims.values() for r in rows_)]
        ),
    )
