"""Recipe mixer: the OECD article's 'recipe' for a learning city, case by case.

The six ingredients are the companion's headings for what the article stresses
(recipe_ingredients.csv, an interpretation: the article lists none); how much
of each a case uses is the companion's reading, 0-4 (recipe_weights.csv). A reader
mixes their own city with sliders and sees how close that mix is to each of
the five cases, with what that closeness does and does not mean.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from ..charts.style import BLUE, GREY
from ..classroom.exports import ExportBox, recipe_export
from ..loader import load_table
from .common import (
    CASE_COLOURS,
    RADAR_OVER_BARS_SUBPLOTS,
    SHORT_SOURCE,
    LiveWidget,
    StaticHTML,
    attribute,
    cached_layout,
    cartesian_axes,
    escape,
    figure_spec,
    frame,
    guarded,
    labelled,
    labelled_menu,
    layout_json,
    paper_y,
    polar_axes,
    radar_over_bars,
    trace,
    wrap,
)

MIN_WEIGHT, MAX_WEIGHT = 0, 4
DEFAULT_WEIGHT = 2
WEIGHT_WORDS = {0: "not mentioned", 1: "minor", 2: "present", 3: "important", 4: "central"}
MAX_NAME_CHARS = 60
MY_CITY = "My city"

CLOSENESS_MEANS = (
    "Closeness compares two mixes ingredient by ingredient: it takes the straight-line distance "
    "between the two sets of weights and rescales it, so that 100 means the same weight for every "
    "ingredient and 0 means as far apart as the 0-4 scale allows."
)
CLOSENESS_DOES_NOT_MEAN = (
    "It does not say that your city resembles that city, that the recipe works there or would work "
    "for you, or which ingredient matters most: every ingredient counts the same, and the case "
    "weights are the companion's reading of one short paragraph per case."
)


@dataclass(frozen=True)
class Ingredient:
    ingredient_id: str
    label: str
    description: str
    locator: str


def ingredients() -> list[Ingredient]:
    return [
        Ingredient(r["ingredient_id"], r["label"], r["description"], r["locator"])
        for r in load_table("recipe_ingredients")
    ]


def recipe_case_ids() -> list[str]:
    """The cases the companion weighs, in the order of cases.csv."""
    weighed = {r["case_id"] for r in load_table("recipe_weights").require_rows("the recipe mixer")}
    return [r["case_id"] for r in load_table("cases") if r["case_id"] in weighed]


def case_name(case_id: str) -> str:
    return load_table("cases").get(case_id)["name"]


def case_recipe(case_id: str) -> dict[str, int]:
    rows = load_table("recipe_weights").where(case_id=case_id)
    if not rows:
        raise KeyError(f"the companion has not weighed the recipe of {case_id!r}")
    return {r["ingredient_id"]: r["weight"] for r in rows}


def case_rationale(case_id: str) -> dict[str, Mapping[str, Any]]:
    return {r["ingredient_id"]: r for r in load_table("recipe_weights").where(case_id=case_id)}


def clamp_weight(value: Any) -> int:
    """A 0-4 whole number from anything a reader or a test may pass (non-numbers become 2)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return DEFAULT_WEIGHT
    if not math.isfinite(number):
        return DEFAULT_WEIGHT
    return int(min(MAX_WEIGHT, max(MIN_WEIGHT, math.floor(number + 0.5))))


def distance(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Straight-line (Euclidean) distance between two mixes over the article's ingredients."""
    ids = [i.ingredient_id for i in ingredients()]
    return math.sqrt(sum((clamp_weight(a.get(i, 0)) - clamp_weight(b.get(i, 0))) ** 2 for i in ids))


def max_distance() -> float:
    return math.sqrt(len(ingredients()) * (MAX_WEIGHT - MIN_WEIGHT) ** 2)


def closeness(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """100 for the same mix, 0 for opposite extremes on every ingredient."""
    return round(100 * (1 - distance(a, b) / max_distance()), 1)


def rank_cases(mix: Mapping[str, int]) -> list[tuple[str, float]]:
    """(case_id, closeness) for every case, closest first (ties in case order)."""
    ranked = [(c, closeness(mix, case_recipe(c))) for c in recipe_case_ids()]
    return sorted(ranked, key=lambda item: -item[1])


def biggest_differences(mix: Mapping[str, int], case_id: str, count: int = 2) -> list[tuple[Ingredient, int, int]]:
    """The ingredients where the mix and the case differ most: (ingredient, yours, theirs)."""
    recipe = case_recipe(case_id)
    rows = [(i, clamp_weight(mix.get(i.ingredient_id, 0)), recipe[i.ingredient_id]) for i in ingredients()]
    rows = [r for r in rows if r[1] != r[2]]
    rows.sort(key=lambda r: -abs(r[1] - r[2]))
    return rows[:count]


def explain(mix: Mapping[str, int], name: str, compare: str | None = None) -> str:
    """Plain sentences: the closest case, the largest differences, and the caveat."""
    ranked = rank_cases(mix)
    best, score = ranked[0]
    ties = [case_name(c) for c, s in ranked if s == score]
    if len(ties) > 1:
        first = f"{name} is equally close to {', '.join(ties[:-1])} and {ties[-1]} ({score:g} of 100)."
    else:
        first = f"{name} is closest to {case_name(best)} ({score:g} of 100) and farthest from {case_name(ranked[-1][0])} ({ranked[-1][1]:g})."
    target = compare or best
    diffs = biggest_differences(mix, target)
    if diffs:
        parts = [f"{i.label.lower()} ({yours} for you, {theirs} for {case_name(target)})" for i, yours, theirs in diffs]
        second = f"The largest gaps from {case_name(target)}: {' and '.join(parts)}."
    else:
        second = f"Your mix is the same as the companion's reading of {case_name(target)}."
    return " ".join([first, second])


def _closed(values: list[Any]) -> list[Any]:
    return values + values[:1]


def _axis_label(ingredient: Ingredient) -> str:
    """An ingredient's name broken into short lines, so the radar's labels fit."""
    return "<br>".join(escape(line) for line in textwrap.wrap(ingredient.label, 18))


def _source() -> str:
    return (f"Source: {SHORT_SOURCE['oecd1999']}, ingredients ¶3-¶15, cases ¶9-¶13.<br>"
            "Weights 0-4: the companion's reading (data/recipe_weights.csv), not figures from the article.")


def _radar(mix: Mapping[str, int], name: str, colour: str, *, fill: bool, dash: str = "solid",
           case_id: str | None = None, visible: bool = True) -> dict[str, Any]:
    items = ingredients()
    why = case_rationale(case_id) if case_id else {}
    hover = []
    for i in items:
        weight = clamp_weight(mix.get(i.ingredient_id, 0))
        text = f"{weight} ({WEIGHT_WORDS[weight]})"
        if i.ingredient_id in why:
            text += f"<br>{wrap(why[i.ingredient_id]['rationale'])}<br><i>{SHORT_SOURCE['oecd1999']}, {escape(why[i.ingredient_id]['locator'])}</i>"
        hover.append(text)
    return trace(
        "scatterpolar", r=_closed([clamp_weight(mix.get(i.ingredient_id, 0)) for i in items]),
        theta=_closed([_axis_label(i) for i in items]), name=escape(name), mode="lines+markers",
        fill="toself" if fill else "none", line={"color": colour, "width": 3 if fill else 2, "dash": dash},
        marker={"size": 7}, opacity=0.9, customdata=_closed(hover), visible=visible,
        hovertemplate="%{theta}: %{customdata}<extra>" + escape(name) + "</extra>",
    )


def _axes(fig: go.Figure) -> None:
    cartesian_axes(fig)
    fig.update_layout(polar=polar_axes([_axis_label(i) for i in ingredients()]))
    fig.update_layout(polar_angularaxis_tickfont_size=11)
    fig.update_xaxes(range=[0, 108], tickvals=[0, 25, 50, 75, 100], title_text="Closeness (100 = the same mix)", row=2, col=1)
    fig.update_yaxes(autorange="reversed", ticks="", row=2, col=1)


def _recipe_traces(mix: Mapping[str, int], name: str, compare: str | None) -> list[tuple[dict[str, Any], int]]:
    """The recipe chart's traces, each with its row (1: the radar, 2: the bar)."""
    traces: list[tuple[dict[str, Any], int]] = []
    if compare:
        traces.append((_radar(case_recipe(compare), f"{case_name(compare)} (companion's reading)",
                              CASE_COLOURS.get(compare, GREY), fill=False, dash="dash", case_id=compare), 1))
    traces.append((_radar(mix, f"{name} (yours)", BLUE, fill=True), 1))
    ranked = rank_cases(mix)
    colours = [CASE_COLOURS.get(c, GREY) if (c == compare or (not compare and i == 0)) else "rgba(122,122,122,0.5)"
               for i, (c, _s) in enumerate(ranked)]
    traces.append((trace(
        "bar", y=[escape(case_name(c)) for c, _s in ranked], x=[s for _c, s in ranked], orientation="h",
        marker={"color": colours}, text=[f"{s:g}" for _c, s in ranked], textposition="outside", showlegend=False,
        hovertemplate="%{y}: closeness %{x} of 100<extra></extra>", name="closeness",
    ), 2))
    return traces


def _recipe_title(name: str) -> str:
    return f"{escape(name)}: your recipe beside the five cases"


def _recipe_frame(title: str) -> go.Figure:
    """The recipe chart without its traces: subplots, title, source line, axes."""
    fig = radar_over_bars("The mix (0-4 per ingredient)", "How close to each case", spacing=0.24)
    frame(fig, title, _source(), height=800, top=165, bottom=115, left=170, legend_px=44, title_shift=46)
    _axes(fig)
    return fig


@cached_layout
def _recipe_layout() -> str:
    return layout_json(_recipe_frame(""))


def recipe_figure(mix: Mapping[str, int], name: str = MY_CITY, compare: str | None = None) -> go.Figure:
    """Your mix on a radar (with one case beside it) and its closeness to every case."""
    fig = _recipe_frame(_recipe_title(name))
    for one, row in _recipe_traces(mix, name, compare):
        fig.add_trace(one, row=row, col=1)
    return fig


def recipe_figure_spec(mix: Mapping[str, int], name: str = MY_CITY, compare: str | None = None) -> dict[str, Any]:
    """``recipe_figure`` as the plain dict its ``to_plotly_json`` gives, made
    without a ``go.Figure`` and with the layout cached: what the widget redraws with."""
    traces = [(one, RADAR_OVER_BARS_SUBPLOTS[row]) for one, row in _recipe_traces(mix, name, compare)]
    return figure_spec(_recipe_layout(), traces, title=_recipe_title(name))


def recipe_static_view() -> go.Figure:
    """Kernel-free view: a dropdown of the five cases, each showing its mix
    (hover for the reasons) and how close the other cases are to it."""
    ids = recipe_case_ids()
    fig = radar_over_bars("The mix (0-4 per ingredient)", "How close the other cases are", spacing=0.24)
    for case_id in ids:
        fig.add_trace(_radar(case_recipe(case_id), case_name(case_id), CASE_COLOURS.get(case_id, BLUE), fill=True,
                             case_id=case_id, visible=case_id == ids[0]), row=1, col=1)
    for case_id in ids:
        others = [(c, closeness(case_recipe(case_id), case_recipe(c))) for c in ids if c != case_id]
        others.sort(key=lambda item: -item[1])
        fig.add_trace(go.Bar(
            y=[escape(case_name(c)) for c, _s in others], x=[s for _c, s in others], orientation="h",
            marker_color=[CASE_COLOURS.get(c, GREY) for c, _s in others], text=[f"{s:g}" for _c, s in others],
            textposition="outside", showlegend=False, visible=case_id == ids[0], name=f"closeness to {escape(case_name(case_id))}",
            hovertemplate="%{y}: closeness %{x} of 100<extra></extra>",
        ), row=2, col=1)
    n = len(ids)
    buttons = [{
        "label": escape(case_name(c)), "method": "update",
        "args": [{"visible": [j == i for j in range(n)] * 2},
                 {"title.text": f"{escape(case_name(c))}: the recipe in the companion's reading"}],
    } for i, c in enumerate(ids)]
    height, top, bottom = 840, 205, 115
    frame(fig, f"{escape(case_name(ids[0]))}: the recipe in the companion's reading", _source(), height=height,
          top=top, bottom=bottom, left=170, legend_px=96, title_shift=46)
    _axes(fig)
    labelled_menu(fig, "Case:", buttons, paper_y(height, top, bottom, 46))
    return fig


def recipe_details() -> StaticHTML:
    """The weights as a table (ingredients by case) and each case's reasons in a
    <details>: readable with a keyboard or a screen reader, no JavaScript."""
    ids = recipe_case_ids()
    items = ingredients()
    head = "".join(f"<th scope='col'>{escape(case_name(c))}</th>" for c in ids)
    body = "".join(
        f"<tr><th scope='row' title='{attribute(i.description)}'>{escape(i.label)}</th>"
        + "".join(f"<td>{case_recipe(c)[i.ingredient_id]}</td>" for c in ids) + "</tr>"
        for i in items
    )
    parts = [
        "<div class='lr-recipe'><table><caption style='color:inherit;text-align:left'>The companion's weights, 0 (not mentioned) to 4 (central)</caption>"
        f"<thead><tr><th scope='col'>Ingredient</th>{head}</tr></thead><tbody>{body}</tbody></table>"
    ]
    for c in ids:
        why = case_rationale(c)
        rows = "".join(
            f"<li><strong>{escape(i.label)}: {why[i.ingredient_id]['weight']}</strong>. "
            f"{escape(why[i.ingredient_id]['rationale'])} ({SHORT_SOURCE['oecd1999']}, {escape(why[i.ingredient_id]['locator'])})</li>"
            for i in items
        )
        parts.append(f"<details><summary>Why these weights for {escape(case_name(c))}</summary><ul>{rows}</ul></details>")
    parts.append(f"<p><strong>What closeness means.</strong> {escape(CLOSENESS_MEANS)} {escape(CLOSENESS_DOES_NOT_MEAN)}</p></div>")
    return StaticHTML("".join(parts), "The recipe weights (HTML)")


class RecipeMixer(LiveWidget):
    """Mix your own city with sliders and compare it with the five cases."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._quiet = False
        self.name = labelled(widgets.Text, "Your city's name", "Shown in the chart", value=MY_CITY,
                             placeholder="e.g. Tampere")
        self.sliders = {
            i.ingredient_id: labelled(
                widgets.IntSlider, f"{i.label} (0-4)", f"{i.description} 0 not mentioned ... 4 central.",
                min=MIN_WEIGHT, max=MAX_WEIGHT, step=1, value=DEFAULT_WEIGHT, continuous_update=False,
                layout={"width": "480px"},
            )
            for i in ingredients()
        }
        self.compare = labelled(
            widgets.Dropdown, "Compare with", "Draw this case's mix beside yours",
            options=[("The closest case", "")] + [(case_name(c), c) for c in recipe_case_ids()], value="",
        )
        self.copy_button = labelled(widgets.Button, "Start from this case's weights",
                                    "Set every slider to the compared case's weights")
        self.explanation = widgets.HTML()
        self.name.observe(self._on_change, names="value")
        self.compare.observe(self._on_change, names="value")
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.copy_button.on_click(lambda _button: self.copy_case(self.compare.value or rank_cases(self.mix())[0][0]))
        self.export = ExportBox("your weights", "recipe-mix", lambda student, export_id: recipe_export(
            self.mix(), self.city_name(), self.compare.value or None, student, export_id))
        self.children = [
            self.name,
            widgets.VBox(list(self.sliders.values())),
            widgets.HBox([self.compare, self.copy_button]),
            self.status,
            self.output,
            self.explanation,
            self.export,
        ]
        self.refresh()

    def mix(self) -> dict[str, int]:
        return {i: int(s.value) for i, s in self.sliders.items()}

    def city_name(self) -> str:
        return self.name.value.strip()[:MAX_NAME_CHARS] or MY_CITY

    @guarded
    def set_mix(self, weights: Mapping[str, Any]) -> None:
        """Set several sliders; unknown ingredients are reported, values clamped to 0-4."""
        unknown = [str(k)[:30] for k in weights if k not in self.sliders]
        changed = []
        self._quiet = True
        try:
            for key, raw in weights.items():
                if key in self.sliders:
                    value = clamp_weight(raw)
                    if str(value) != str(raw):
                        changed.append(f"{key}: {str(raw)[:20]} → {value}")
                    self.sliders[key].value = value
        finally:
            self._quiet = False
        self.refresh()
        notes = []
        if unknown:
            notes.append(f"Not an ingredient of the recipe: {', '.join(unknown)}.")
        if changed:
            notes.append(f"Weights run from 0 to 4, so: {'; '.join(changed)}.")
        if notes:
            self.say(" ".join(notes), "warning")

    @guarded
    def copy_case(self, case_id: str) -> None:
        if case_id not in recipe_case_ids():
            self.say(f"There is no case {str(case_id)[:40]!r} to copy.", "warning")
            return
        self.set_mix(case_recipe(case_id))
        self.say(f"Started from the companion's weights for {case_name(case_id)}: now move the sliders.")

    @guarded
    def _on_change(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.refresh()

    @guarded
    def refresh(self) -> None:
        mix, name = self.mix(), self.city_name()
        self.show(recipe_figure_spec(mix, name, self.compare.value or None))
        self.explanation.value = (
            f"<p>{escape(explain(mix, name, self.compare.value or None))}</p>"
            f"<p><strong>What closeness means.</strong> {escape(CLOSENESS_MEANS)}</p>"
            f"<p><strong>What it does not mean.</strong> {escape(CLOSENESS_DOES_NOT_MEAN)}</p>"
        )
        self.export.refresh()
        self.say("")


__all__ = [
    "Ingredient", "RecipeMixer", "biggest_differences", "case_recipe", "clamp_weight", "closeness", "distance",
    "explain", "ingredients", "max_distance", "rank_cases", "recipe_case_ids", "recipe_details", "recipe_figure", "recipe_figure_spec",
    "recipe_static_view",
]
