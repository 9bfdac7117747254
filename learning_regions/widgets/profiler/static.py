"""The case profiler's kernel-free views: a Plotly figure with its own case
menu (it works on a static page), the companion's readings with their
evidence as plain HTML, and the evidence table the widget shows under its chart."""

from __future__ import annotations

import plotly.graph_objects as go

from ...charts.palette import case_colour
from ...charts.style import cases_word
from ...markup import escape
from ...scales import SCORE_LABELS
from ..controls import StaticHTML
from ..furniture import bar_label, frame, labelled_menu, paper_y, phone_title, radar_over_bars, stack
from .figure import LEFT, RIGHT, closed, evidence_hover, source_line, style_axes, theta
from .model import (
    ALL_DIMENSIONS,
    DIMENSIONS,
    MY_REGION,
    Profile,
    case_ids,
    case_name,
    companion_evidence,
    companion_profile,
    describe,
)


def profiler_static_view() -> go.Figure:
    """Kernel-free view: a dropdown of the cases (or all at once) showing the
    companion's reading and its Learning Region fit. Hover a point for the
    evidence. Works on the static page with Plotly's own menu. The bar chart
    grows with the number of cases."""
    ids = case_ids()
    # No legend: the bars below name every case in its colour.
    top, bottom = 195, 115
    size = stack(len(ids), radar_px=244.8, gap_px=102, bar_px=34, top=top, bottom=bottom)
    fig = radar_over_bars(
        "Place, network, community (0-4)", "Learning Region fit (0-4)", size.spacing, size.row_heights
    )
    names = [case_name(c) for c in ids]
    for case_id in ids:
        profile, ev = companion_profile(case_id), companion_evidence(case_id)
        fig.add_trace(
            go.Scatterpolar(
                r=closed([profile.score(d) for d in DIMENSIONS]),
                theta=theta(),
                name=escape(profile.name),
                mode="lines+markers",
                fill="toself",
                line={"color": case_colour(case_id), "width": 3},
                marker={"size": 8},
                opacity=0.85,
                customdata=closed([describe(d, profile.score(d)) + evidence_hover(ev, d) for d in DIMENSIONS]),
                hovertemplate="%{theta}: %{customdata}<extra>" + escape(profile.name) + "</extra>",
                visible=case_id == ids[0],
            ),
            row=1,
            col=1,
        )
    lr = [companion_profile(c).score("learning_region") for c in ids]
    fig.add_trace(
        go.Bar(
            y=[bar_label(n) for n in names],
            x=lr,
            orientation="h",
            marker_color="rgba(122,122,122,0.45)",
            text=[str(v) for v in lr],
            textposition="outside",
            showlegend=False,
            name="all cases",
            customdata=[
                describe("learning_region", v) + evidence_hover(companion_evidence(c), "learning_region")
                for c, v in zip(ids, lr)
            ],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    for case_id, name, value in zip(ids, names, lr):
        fig.add_trace(
            go.Bar(
                y=[bar_label(name)],
                x=[value],
                orientation="h",
                marker_color=case_colour(case_id),
                showlegend=False,
                name=escape(name),
                hoverinfo="skip",
                visible=case_id == ids[0],
            ),
            row=2,
            col=1,
        )
    n = len(ids)
    buttons = []
    for i, case_id in enumerate(ids):
        visible = [j == i for j in range(n)] + [True] + [j == i for j in range(n)]
        buttons.append(
            {
                "label": escape(names[i]),
                "method": "update",
                "args": [
                    {"visible": visible},
                    {"title.text": phone_title(f"{escape(names[i])}: the companion's reading")},
                ],
            }
        )
    every = f"All {cases_word(n)}"
    buttons.append(
        {
            "label": every,
            "method": "update",
            "args": [
                {"visible": [True] * (2 * n + 1)},
                {"title.text": phone_title(f"{every}: the companion's readings")},
            ],
        }
    )
    height = size.height
    frame(
        fig,
        f"{escape(names[0])}: the companion's reading",
        source_line(ids, beside_yours=False),
        height=height,
        top=top,
        bottom=bottom,
        left=LEFT,
        right=RIGHT,
        title_lines=max(b["args"][1]["title.text"].count("<br>") + 1 for b in buttons),
    )
    style_axes(fig)
    fig.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=[bar_label(x) for x in names], row=2, col=1
    )
    fig.update_layout(barmode="overlay")
    labelled_menu(fig, "Case:", buttons, paper_y(height, top, bottom, 46))
    return fig


def readings_details() -> StaticHTML:
    """Every score of the companion's reading with its evidence, as plain HTML:
    one <details> per case (keyboard and screen-reader friendly, no JavaScript)."""
    parts = ['<div class="lr-readings">']
    for case_id in case_ids():
        ev = companion_evidence(case_id)
        summary = "; ".join(f"{SCORE_LABELS[d].lower()} {ev[d].score}" for d in ALL_DIMENSIONS)
        rows = "".join(
            f"<tr><th scope='row'>{escape(SCORE_LABELS[d])}</th><td>{escape(describe(d, ev[d].score))}</td>"
            f"<td>{escape(ev[d].rationale)}</td><td>{escape(ev[d].where)}</td></tr>"
            for d in ALL_DIMENSIONS
        )
        parts.append(
            f"<details><summary><strong>{escape(case_name(case_id))}</strong>: {escape(summary)}</summary>"
            f"<table><caption style='color:inherit;text-align:left'>The companion's reading of {escape(case_name(case_id))}, with its evidence</caption>"
            "<thead><tr><th scope='col'>Dimension</th><th scope='col'>Score</th><th scope='col'>Why</th>"
            f"<th scope='col'>Where in the text</th></tr></thead><tbody>{rows}</tbody></table></details>"
        )
    parts.append("</div>")
    return StaticHTML("".join(parts), "The companion's readings with their evidence (HTML)")


def evidence_table(yours: Profile, compare: Profile | None = None) -> str:
    """HTML table: for each dimension, the reader's score beside the companion's
    (and a compared case's), with the companion's evidence and where it is in a
    row of its own under it: few enough columns for a phone's width."""
    known = yours.case_id != MY_REGION
    ev = companion_evidence(yours.case_id) if known else {}
    head = "<th scope='col'>Dimension</th><th scope='col'>Your score</th>"
    if known:
        head += "<th scope='col'>Our score</th>"
    if compare is not None:
        head += f"<th scope='col'>{escape(compare.name)} (companion)</th>"
    columns = 2 + known + (compare is not None)
    body = []
    for d in ALL_DIMENSIONS:
        cells = f"<th scope='row'>{escape(SCORE_LABELS[d])}</th><td>{escape(describe(d, yours.score(d)))}"
        if known:
            diff = yours.score(d) - ev[d].score
            if diff:
                cells += f" <strong>({'+' if diff > 0 else ''}{diff} against the companion)</strong>"
            cells += f"</td><td>{escape(describe(d, ev[d].score))}"
        cells += "</td>"
        if compare is not None:
            cells += f"<td>{escape(describe(d, compare.score(d)))}</td>"
        body.append(f"<tr>{cells}</tr>")
        if known:
            body.append(
                f"<tr><td colspan='{columns}'><em>The companion's evidence for "
                f"{escape(SCORE_LABELS[d].lower())}:</em> {escape(ev[d].rationale)} "
                f"({escape(ev[d].where)})</td></tr>"
            )
    caption = (
        f"{escape(yours.name)}: your scores beside the companion's reading and its evidence"
        if known
        else f"{escape(yours.name)}: your own reading (the companion has none for this region)"
    )
    return (
        f"<table class='lr-evidence'><caption style='color:inherit;text-align:left'>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


# --- the widget --------------------------------------------------------------


__all__ = ["evidence_table", "profiler_static_view", "readings_details"]
