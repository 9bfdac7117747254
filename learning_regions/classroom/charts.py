"""The class view's charts: plotly figures of the class's numbers, each with
its text alternative (a :class:`~learning_regions.charts.accessible.ChartNumbers`).

Every chart comes in two sizes: for the page (a phone of 390 px up to a
laptop) and for the projector (large type, one chart on the screen). Counts,
rows and labels come from the class's files and the data: a case or a
statement a lecturer adds is drawn like the others.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from ..charts.accessible import ChartNumbers
from ..charts.palette import BLUE
from ..markup import escape
from ..scales import PROFILE_LEGEND, WEIGHT_LEGEND
from . import vocabulary as vocab
from .chart_look import (
    AXIS,
    COMPANION,
    LAYER_COLOURS,
    LAYER_LABELS,
    PAGE,
    PROJECTOR,
    chart_layout,
    look,
    number_text,
    wrapped_lines,
)
from .summary import CaseSpread, StatementResult

# --------------------------------------------------------------- spread of scores or weights


def spread_title(case: CaseSpread, kind: str) -> str:
    if kind == "recipe":
        return (
            f"Recipe mixes {case.name}: the class's weights beside the companion's ({case.students} "
            f"student{'s' if case.students != 1 else ''})"
        )
    if case.case_id is None:
        return (
            f"{case.name}: the class's scores ({case.students} profile{'s' if case.students != 1 else ''}; "
            "the companion has no reading of them)"
        )
    return (
        f"{case.name}: the class's scores beside the companion's reading ({case.students} "
        f"student{'s' if case.students != 1 else ''})"
    )


def spread_source(case: CaseSpread, kind: str) -> str:
    table = "recipe_weights.csv" if kind == "recipe" else "pnc_readings.csv"
    cited = f"Case: {case.source}. " if case.source else ""
    words = WEIGHT_LEGEND if kind == "recipe" else PROFILE_LEGEND
    reading = f"the companion's reading (data/{table})" if any(s.companion is not None for s in case.spreads) else ""
    return (
        f"Source: the class's exported files; {reading + '. ' if reading else ''}{cited}Scale: {words}. "
        "Circles: how many students gave each value; mean in the row's label."
    )


def spread_figure(
    case: CaseSpread, kind: str = "profile", projector: bool = False, title: str | None = None
) -> dict[str, Any]:
    """For each dimension (or ingredient), how many students gave each value of
    the 0-4 scale, as circles with their count, and the companion's value as a
    diamond around its circle. A plain figure dict (``go.Figure(spec)`` validates it)."""
    lk = look(projector)
    rows = list(case.spreads)
    labels = [f"{wrapped_lines(s.label, 19)}<br>mean {number_text(s.mean)}" for s in rows]
    most = max((max(s.counts) for s in rows), default=1) or 1
    xs, ys, sizes, texts, hovers = [], [], [], [], []
    for s, label in zip(rows, labels):
        for value, count in zip(s.scale, s.counts):
            if count:
                xs.append(value)
                ys.append(label)
                sizes.append(round(lk.bubble * 0.45 + lk.bubble * 0.55 * (count / most) ** 0.5, 1))
                texts.append(str(count))
                hovers.append(f"{escape(s.label)}: {count} of {s.n} gave {value}")
    data = [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "markers+text",
            "name": "students (the number in each circle)",
            "text": texts,
            "textfont": {"color": "#ffffff", "size": max(11, int(lk.font * 0.9))},
            "textposition": "middle center",
            "marker": {"size": sizes, "color": BLUE, "line": {"color": "#ffffff", "width": 1}, "opacity": 0.9},
            "hovertext": hovers,
            "hoverinfo": "text",
            "cliponaxis": False,
        }
    ]
    comp = [(s.companion, label) for s, label in zip(rows, labels) if s.companion is not None]
    if comp:
        data.append(
            {
                "type": "scatter",
                "x": [c for c, _ in comp],
                "y": [label for _, label in comp],
                "mode": "markers",
                "name": "the companion's reading",
                "marker": {
                    "symbol": "diamond-open",
                    "size": round(lk.bubble * 1.35, 1),
                    "color": COMPANION,
                    "line": {"width": 3},
                },
                "hovertext": [f"the companion's reading: {c}" for c, _ in comp],
                "hoverinfo": "text",
                "cliponaxis": False,
            }
        )
    low, high = (rows[0].scale[0], rows[0].scale[-1]) if rows else (0, 4)
    axis = "weight" if kind == "recipe" else "score"
    layout = chart_layout(
        title or spread_title(case, kind),
        spread_source(case, kind),
        rows_px=lk.row * len(rows) + lk.line * 2.6,
        top_extra=0,
        bottom_extra=lk.line * 3.6,
        left=int(lk.font * 10.5),
        look_=lk,
        legend=True,
    )
    layout["xaxis"] = {
        **AXIS,
        "range": [low - 0.6, high + 0.6],
        "tickvals": list(range(low, high + 1)),
        "title": {"text": f"{axis} ({low}-{high})"},
        "showgrid": True,
    }
    layout["yaxis"] = {
        **AXIS,
        "type": "category",
        "categoryorder": "array",
        "categoryarray": list(reversed(labels)),
        "showgrid": False,
        "ticks": "",
        "range": [-0.7, len(rows) - 0.3],
    }
    return {"data": data, "layout": layout}


def spread_numbers(case: CaseSpread, kind: str = "profile") -> ChartNumbers:
    scale = case.spreads[0].scale if case.spreads else tuple(range(5))
    rows = tuple(
        (
            s.label,
            *s.counts,
            s.n,
            number_text(s.mean),
            number_text(s.sd),
            "none" if s.companion is None else s.companion,
        )
        for s in case.spreads
    )
    widest = case.widest
    described = [
        f"For each {'ingredient' if kind == 'recipe' else 'dimension'}, how many of the {case.students} "
        f"students gave each value from {scale[0]} to {scale[-1]}"
        + (", beside the companion's reading" if any(s.companion is not None for s in case.spreads) else "")
        + "."
    ]
    if widest is not None and case.students > 1:
        described.append(
            f"The class is most divided on {widest.label} (standard deviation {widest.sd:.2f})."
            if widest.sd > 0
            else f"The class agrees on every {'ingredient' if kind == 'recipe' else 'dimension'}: "
            "every student gave the same scores."
        )
    far = [
        s for s in case.spreads if s.companion is not None and s.mean is not None and abs(s.mean - s.companion) >= 0.75
    ]
    if far:
        described.append(
            "The class's mean is more than three quarters of a point from the companion's on: "
            + ", ".join(f"{s.label} ({number_text(s.mean)} against {s.companion})" for s in far)
            + "."
        )
    return ChartNumbers(
        title=spread_title(case, kind),
        description=" ".join(described),
        columns=(
            "Dimension" if kind != "recipe" else "Ingredient",
            *(str(v) for v in scale),
            "Students",
            "Mean",
            "Spread (SD)",
            "Companion",
        ),
        rows=rows,
        source=spread_source(case, kind),
    )


# --------------------------------------------------------------- where the class disagrees


DISAGREEMENT_TITLE = "Where the class disagrees most: how far its scores spread, case by case"


def disagreement_source() -> str:
    return (
        "Source: the class's exported profiles. Spread: the standard deviation of the students' scores on each "
        "dimension, averaged over the dimensions (0: everyone agrees). A case profiled by one student has no spread."
    )


def disagreement_figure(cases: Sequence[CaseSpread], projector: bool = False) -> dict[str, Any]:
    lk = look(projector)
    labels = [f"{wrapped_lines(c.name, 18)}<br>{c.students} student{'s' if c.students != 1 else ''}" for c in cases]
    values = [round(c.disagreement or 0.0, 2) for c in cases]
    data = [
        {
            "type": "bar",
            "x": values,
            "y": labels,
            "orientation": "h",
            "marker": {"color": BLUE},
            "text": [f"{v:.2f}" for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "name": "spread",
            "hovertext": [
                f"{escape(c.name)}: spread {v:.2f}; widest on {escape(c.widest.label) if c.widest else '-'}"
                for c, v in zip(cases, values)
            ],
            "hoverinfo": "text",
        }
    ]
    layout = chart_layout(
        DISAGREEMENT_TITLE,
        disagreement_source(),
        rows_px=lk.row * max(len(cases), 1) + lk.line,
        top_extra=0,
        bottom_extra=lk.line * 3.6,
        left=int(lk.font * 10.5),
        look_=lk,
        legend=False,
    )
    top = max(values + [1.0])
    layout["xaxis"] = {
        **AXIS,
        "range": [0, top * 1.25],
        "rangemode": "tozero",
        "title": {"text": "spread (0: all agree)"},
    }
    layout["yaxis"] = {
        **AXIS,
        "type": "category",
        "categoryorder": "array",
        "categoryarray": list(reversed(labels)),
        "ticks": "",
        "showgrid": False,
    }
    return {"data": data, "layout": layout}


def disagreement_numbers(cases: Sequence[CaseSpread]) -> ChartNumbers:
    first = cases[0] if cases else None
    description = "The cases the class profiled, the most disputed first."
    if first is not None and first.widest is not None:
        description += (
            f" The class disagrees most about {first.name} (spread {first.disagreement:.2f}), "
            f"most of all on {first.widest.label}."
        )
    return ChartNumbers(
        title=DISAGREEMENT_TITLE,
        description=description,
        columns=("Case", "Students", "Spread (mean SD)", "Widest on"),
        rows=tuple((c.name, c.students, f"{c.disagreement:.2f}", c.widest.label if c.widest else "-") for c in cases),
        source=disagreement_source(),
    )


# --------------------------------------------------------------- classify-it


def classify_title(results: Sequence[StatementResult], first: int = 1, total: int | None = None) -> str:
    total = total or len(results)
    part = "" if len(results) == total else f" ({first}-{first + len(results) - 1} of {total})"
    return f"Classify it: how the class answered, the hardest statements first{part}"


CLASSIFY_SOURCE = (
    "Source: the class's exported answers; statements and the companion's answers: "
    "data/classify_examples.csv. Solid: the companion's answer; hatched: another answer."
)


def classify_figure(
    results: Sequence[StatementResult], projector: bool = False, first: int = 1, total: int | None = None
) -> dict[str, Any]:
    """One bar per statement, split by the answers the class gave; the
    companion's answer solid, the others hatched; the statement and the share
    that answered as the companion above each bar."""
    lk = look(projector)
    layers = vocab.layers()
    ys = [f"#{r.number}" for r in results]
    data = []
    for layer in layers:
        colour = LAYER_COLOURS.get(layer, BLUE)
        label = LAYER_LABELS.get(layer, layer)
        # Two traces a layer: plotly.js draws no hatch for a pattern whose shape is a list.
        for solid in (True, False):
            data.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": ys,
                    "name": label if solid else f"{label} (not the companion's)",
                    "legendgroup": layer,
                    "showlegend": solid,
                    "x": [r.counts.get(layer, 0) if (r.companion == layer) == solid else 0 for r in results],
                    "marker": {
                        "color": colour if solid else "rgba(0,0,0,0)",
                        "line": {"color": colour, "width": 2},
                        **({} if solid else {"pattern": {"shape": "/", "fgcolor": colour, "solidity": 0.5}}),
                    },
                    "hovertext": [
                        f"#{r.number}: {r.counts.get(layer, 0)} of {r.answered} answered {label.lower()}"
                        for r in results
                    ],
                    "hoverinfo": "text",
                }
            )
    width = lk.wrap + 2  # a statement's line fits a phone's width
    row = lk.row * 1.45
    bargap = 0.55
    notes = []
    for r, y in zip(results, ys):
        statement = textwrap.shorten(r.statement, width=width, placeholder="…")
        notes.append(
            {
                "text": (
                    f"<b>{r.number}.</b> {escape(statement)}<br>companion: {escape(r.companion)} · "
                    f"{r.as_companion} of {r.answered} answered so"
                ),
                "x": 0,
                "y": y,
                "xref": "paper",
                "yref": "y",
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": row * (1 - bargap) / 2 + 2,
                "align": "left",
                "showarrow": False,
                "font": {"size": max(11, lk.font - 1)},
            }
        )
    most = max((r.answered for r in results), default=1)
    layout = chart_layout(
        classify_title(results, first, total),
        CLASSIFY_SOURCE,
        rows_px=row * len(results),
        top_extra=lk.line * 0.6,
        bottom_extra=lk.line * 3.6,
        left=14,
        look_=lk,
        legend=True,
    )
    layout["annotations"] = notes + layout["annotations"]
    layout.update(barmode="stack", bargap=bargap)
    layout["legend"]["traceorder"] = "normal"
    layout["xaxis"] = {**AXIS, "range": [0, most * 1.02], "rangemode": "tozero", "title": {"text": "students"}}
    layout["yaxis"] = {
        **AXIS,
        "type": "category",
        "categoryorder": "array",
        "categoryarray": list(reversed(ys)),
        "showticklabels": False,
        "ticks": "",
        "showgrid": False,
    }
    return {"data": data, "layout": layout}


def classify_numbers(results: Sequence[StatementResult]) -> ChartNumbers:
    description = (
        "Each statement the class answered, the hardest first (the smallest share answering as the companion)."
    )
    if results:
        r = results[0]
        description += (
            f" Hardest: statement {r.number}, answered as the companion ({r.companion}) by "
            f"{r.as_companion} of {r.answered}."
        )
    layers = vocab.layers()
    return ChartNumbers(
        title=classify_title(results),
        description=description,
        columns=(
            "Statement",
            *(LAYER_LABELS.get(layer, layer) for layer in layers),
            "Answered",
            "As the companion",
            "Companion's answer",
            "Where",
        ),
        rows=tuple(
            (
                f"{r.number}. {r.statement}",
                *(r.counts.get(layer, 0) for layer in layers),
                r.answered,
                r.as_companion,
                r.companion,
                r.source,
            )
            for r in results
        ),
        source=CLASSIFY_SOURCE,
    )


__all__ = [
    "PAGE",
    "PROJECTOR",
    "classify_figure",
    "classify_numbers",
    "disagreement_figure",
    "disagreement_numbers",
    "spread_figure",
    "spread_numbers",
]
