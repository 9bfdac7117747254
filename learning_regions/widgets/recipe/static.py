"""The recipe mixer's kernel-free views: a Plotly figure with its own case
menu (it works on a static page), and the weights with their reasons as plain HTML."""

from __future__ import annotations

import plotly.graph_objects as go

from ...charts.data import citation
from ...charts.palette import case_colour
from ...markup import attribute, escape
from ...scales import WEIGHT_WORDS, span
from ..controls import StaticHTML
from ..furniture import bar_label, frame, labelled_menu, paper_y, phone_title, radar_over_bars, stack
from .figure import LEFT, RIGHT, radar, recipe_axes, recipe_source
from .model import (
    CLOSENESS_DOES_NOT_MEAN,
    CLOSENESS_MEANS,
    case_name,
    case_rationale,
    case_recipe,
    closeness,
    ingredients,
    recipe_case_ids,
)


def recipe_static_view() -> go.Figure:
    """Kernel-free view: a dropdown of the cases, each showing its mix (hover
    for the reasons) and how close the other cases are to it. The bar chart
    grows with the number of cases."""
    ids = recipe_case_ids()
    # No legend: the menu names the case, and the bars below name the others.
    top, bottom = 175, 115
    size = stack(len(ids) - 1, radar_px=237.12, gap_px=124.8, bar_px=39.52, top=top, bottom=bottom)
    fig = radar_over_bars(
        "The mix (0-4 per ingredient)", "How close the other cases are", size.spacing, size.row_heights
    )
    for case_id in ids:
        fig.add_trace(
            radar(
                case_recipe(case_id),
                case_name(case_id),
                case_colour(case_id),
                fill=True,
                case_id=case_id,
                visible=case_id == ids[0],
            ),
            row=1,
            col=1,
        )
    for case_id in ids:
        others = [(c, closeness(case_recipe(case_id), case_recipe(c))) for c in ids if c != case_id]
        others.sort(key=lambda item: -item[1])
        fig.add_trace(
            go.Bar(
                y=[bar_label(case_name(c)) for c, _s in others],
                x=[s for _c, s in others],
                orientation="h",
                marker_color=[case_colour(c) for c, _s in others],
                text=[f"{s:g}" for _c, s in others],
                textposition="outside",
                showlegend=False,
                visible=case_id == ids[0],
                name=f"closeness to {escape(case_name(case_id))}",
                hovertemplate="%{y}: closeness %{x} of 100<extra></extra>",
            ),
            row=2,
            col=1,
        )
    n = len(ids)
    buttons = [
        {
            "label": escape(case_name(c)),
            "method": "update",
            "args": [
                {"visible": [j == i for j in range(n)] * 2},
                {"title.text": phone_title(f"{escape(case_name(c))}: the recipe in the companion's reading")},
            ],
        }
        for i, c in enumerate(ids)
    ]
    height = size.height
    frame(
        fig,
        f"{escape(case_name(ids[0]))}: the recipe in the companion's reading",
        recipe_source(),
        height=height,
        top=top,
        bottom=bottom,
        left=LEFT,
        right=RIGHT,
        title_shift=46,
        title_lines=max(b["args"][1]["title.text"].count("<br>") + 1 for b in buttons),
    )
    recipe_axes(fig)
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
        + "".join(f"<td>{case_recipe(c)[i.ingredient_id]}</td>" for c in ids)
        + "</tr>"
        for i in items
    )
    parts = [
        f"<div class='lr-recipe'><table><caption style='color:inherit;text-align:left'>The companion's weights, {span(WEIGHT_WORDS)}</caption>"
        f"<thead><tr><th scope='col'>Ingredient</th>{head}</tr></thead><tbody>{body}</tbody></table>"
    ]
    for c in ids:
        why = case_rationale(c)
        rows = "".join(
            f"<li><strong>{escape(i.label)}: {why[i.ingredient_id]['weight']}</strong>. "
            f"{escape(why[i.ingredient_id]['rationale'])} ({escape(citation(why[i.ingredient_id]['source_id'], [why[i.ingredient_id]['locator']]))})</li>"
            for i in items
        )
        parts.append(
            f"<details><summary>Why these weights for {escape(case_name(c))}</summary><ul>{rows}</ul></details>"
        )
    parts.append(
        f"<p><strong>What closeness means.</strong> {escape(CLOSENESS_MEANS)} {escape(CLOSENESS_DOES_NOT_MEAN)}</p></div>"
    )
    return StaticHTML("".join(parts), "The recipe weights (HTML)")


__all__ = ["recipe_details", "recipe_static_view"]
