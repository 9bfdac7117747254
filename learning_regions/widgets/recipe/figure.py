"""The recipe mixer's chart: a mix on a radar (with one case beside it) above
its closeness to every case. Described once (:func:`recipe_parts`);
``recipe_figure`` and ``recipe_figure_spec`` are its two routes (see
``widgets.figures``). The radar trace is shared with the static view."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from ...charts.data import citation, paragraph_span
from ...charts.palette import case_colour, yours
from ...charts.style import cases_word
from ...loader import load_table
from ...markup import escape
from ...scales import WEIGHT_WORDS
from ..controls import wrap
from ..figures import FigureLayout, FigureParts, trace
from ..furniture import (
    PHONE_PX,
    RADAR_OVER_BARS_SUBPLOTS,
    bar_label,
    cartesian_axes,
    frame,
    legend_names,
    legend_rows,
    phone_title,
    polar_axes,
    radar_over_bars,
    stack,
)
from .model import (
    MY_CITY,
    Ingredient,
    case_name,
    case_rationale,
    case_recipe,
    clamp_weight,
    ingredients,
    rank_cases,
    recipe_case_ids,
)


def closed(values: list[Any]) -> list[Any]:
    return values + values[:1]


def _axis_label(ingredient: Ingredient) -> str:
    """An ingredient's name broken into short lines, so the radar's labels fit."""
    return "<br>".join(escape(line) for line in textwrap.wrap(ingredient.label, 14, break_long_words=False))


def recipe_source() -> str:
    """The source line: the article's paragraphs for the ingredients, and each
    case's own paragraph (or its own source's locator, for a case a lecturer adds)."""
    cases = load_table("cases")
    by_source: dict[str, list[str]] = {}
    for case_id in recipe_case_ids():
        row = cases.get(case_id)
        by_source.setdefault(row["source_id"], []).append(row["locator"])
    article = by_source.pop("oecd1999", [])
    cited = f"{citation('oecd1999')}, ingredients ¶3-¶15" + (f", cases {paragraph_span(article)}" if article else "")
    cited += "".join(f"; {citation(source, [paragraph_span(locators)])}" for source, locators in by_source.items())
    return (
        f"Source: {escape(cited)}.<br>"
        "Weights 0-4: the companion's reading (data/recipe_weights.csv), not figures from the article."
    )


def radar(
    mix: Mapping[str, int],
    name: str,
    colour: str,
    *,
    fill: bool,
    dash: str = "solid",
    case_id: str | None = None,
    visible: bool = True,
) -> dict[str, Any]:
    items = ingredients()
    why = case_rationale(case_id) if case_id else {}
    hover = []
    for i in items:
        weight = clamp_weight(mix.get(i.ingredient_id, 0))
        text = f"{weight} ({WEIGHT_WORDS[weight]})"
        if i.ingredient_id in why:
            text += f"<br>{wrap(why[i.ingredient_id]['rationale'])}<br><i>{escape(citation(why[i.ingredient_id]['source_id'], [why[i.ingredient_id]['locator']]))}</i>"
        hover.append(text)
    return trace(
        "scatterpolar",
        r=closed([clamp_weight(mix.get(i.ingredient_id, 0)) for i in items]),
        theta=closed([_axis_label(i) for i in items]),
        name=escape(name),
        mode="lines+markers",
        fill="toself" if fill else "none",
        line={"color": colour, "width": 3 if fill else 2, "dash": dash},
        marker={"size": 7},
        opacity=0.9,
        customdata=closed(hover),
        visible=visible,
        hovertemplate="%{theta}: %{customdata}<extra>" + escape(name) + "</extra>",
    )


def recipe_axes(fig: go.Figure) -> None:
    cartesian_axes(fig)
    fig.update_layout(polar=polar_axes([_axis_label(i) for i in ingredients()]))
    fig.update_layout(polar_angularaxis_tickfont_size=11)
    fig.update_xaxes(
        range=[0, 108], tickvals=[0, 25, 50, 75, 100], title_text="Closeness (100 = the same mix)", row=2, col=1
    )
    fig.update_yaxes(autorange="reversed", ticks="", row=2, col=1)


def _recipe_traces(mix: Mapping[str, int], name: str, compare: str | None) -> list[tuple[dict[str, Any], int]]:
    """The recipe chart's traces, each with its row (1: the radar, 2: the bar)."""
    traces: list[tuple[dict[str, Any], int]] = []
    if compare:
        traces.append(
            (
                radar(
                    case_recipe(compare),
                    f"{case_name(compare)} (companion's reading)",
                    case_colour(compare),
                    fill=False,
                    dash="dash",
                    case_id=compare,
                ),
                1,
            )
        )
    traces.append((radar(mix, f"{name} (yours)", yours(), fill=True), 1))
    ranked = rank_cases(mix)
    colours = [
        case_colour(c) if (c == compare or (not compare and i == 0)) else "rgba(122,122,122,0.5)"
        for i, (c, _s) in enumerate(ranked)
    ]
    traces.append(
        (
            trace(
                "bar",
                y=[bar_label(case_name(c)) for c, _s in ranked],
                x=[s for _c, s in ranked],
                orientation="h",
                marker={"color": colours},
                text=[f"{s:g}" for _c, s in ranked],
                textposition="outside",
                showlegend=False,
                hovertemplate="%{y}: closeness %{x} of 100<extra></extra>",
                name="closeness",
            ),
            2,
        )
    )
    return traces


def _recipe_title(name: str) -> str:
    return f"{escape(name)}: your recipe beside the {cases_word(len(recipe_case_ids()))}"


#: Margins of the recipe chart: narrow enough at the left that the radar
#: keeps its size on a phone, wide enough at the right for its axis labels.
LEFT, RIGHT = 110, 60


def _recipe_frame(title: str, cases: int, title_lines: int = 1, rows: int = 1) -> go.Figure:
    """The recipe chart without its traces: subplots, title, source line, axes;
    the bar chart grows with the number of ``cases``."""
    top, bottom = 165, 115
    size = stack(cases, radar_px=237.12, gap_px=124.8, bar_px=34, top=top, bottom=bottom)
    fig = radar_over_bars("The mix (0-4 per ingredient)", "How close to each case", size.spacing, size.row_heights)
    frame(
        fig,
        title,
        recipe_source(),
        height=size.height,
        top=top,
        bottom=bottom,
        left=LEFT,
        right=RIGHT,
        legend_px=44,
        title_shift=46,
        rows=rows,
        title_lines=title_lines,
    )
    recipe_axes(fig)
    return fig


#: The recipe chart's layout, by the number of cases (the title is set per figure).
RECIPE_LAYOUT = FigureLayout(_recipe_frame, subplots=RADAR_OVER_BARS_SUBPLOTS)


def recipe_parts(mix: Mapping[str, int], name: str = MY_CITY, compare: str | None = None) -> FigureParts:
    """The recipe chart for one state of the mixer, described once for both routes."""
    title = phone_title(_recipe_title(name))
    traces = _recipe_traces(mix, name, compare)
    rows = legend_rows(legend_names(one for one, _row in traces), PHONE_PX - LEFT - RIGHT)
    return FigureParts(RECIPE_LAYOUT, (len(recipe_case_ids()), title.count("<br>") + 1, rows), title, traces)


def recipe_figure(mix: Mapping[str, int], name: str = MY_CITY, compare: str | None = None) -> go.Figure:
    """Your mix on a radar (with one case beside it) and its closeness to every case."""
    return recipe_parts(mix, name, compare).figure()


def recipe_figure_spec(mix: Mapping[str, int], name: str = MY_CITY, compare: str | None = None) -> dict[str, Any]:
    """``recipe_figure`` as a plain dict, with the layout cached: what the widget redraws with."""
    return recipe_parts(mix, name, compare).spec()


__all__ = [
    "LEFT",
    "RECIPE_LAYOUT",
    "RIGHT",
    "radar",
    "recipe_axes",
    "recipe_figure",
    "recipe_figure_spec",
    "recipe_parts",
    "recipe_source",
]
