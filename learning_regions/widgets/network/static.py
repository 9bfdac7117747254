"""The network explorer's kernel-free views, and the HTML both it and the
widget write: a person's path (one rendering, :func:`path_list`) and the
spatial envelope check (:func:`span_paragraph`)."""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

from ...markup import escape
from ..controls import StaticHTML, wrap
from ..furniture import LAYER_LABELS, LAYERS, PHONE_PX, labelled_menu, legend_names, legend_rows, paper_y
from .figure import LEFT, RIGHT, distance_rings, edge_traces, network_frame, node_traces, path_traces
from .model import TEAM, Network, links_in_layers, load_network
from .paths import (
    PathStep,
    RegionSpan,
    path_people,
    path_places,
    path_sentence,
    person_path,
    regions_spanned,
    span_sentence,
)
from .positions import node_positions

#: Characters per line of the note under the static network (13 px, a phone's width).
NOTE_CHARS = 46


def path_list(network: Network, steps: Iterable[PathStep]) -> str:
    """A person's dated steps as an ordered HTML list: when, what, and the place
    it happened in (or that the Preface states none)."""
    items = []
    for s in steps:
        where = escape(network.label(s.place)) if s.place else "no place stated"
        when = f", {escape(s.when)}" if s.when else ""
        extra = (" (with the team)" if s.with_team else "") + (" (hoped for)" if s.planned else "")
        items.append(f"<li>Step {s.sequence}{when}: {escape(s.description)} → <strong>{where}</strong>{extra}</li>")
    return f"<ol>{''.join(items)}</ol>"


def span_paragraph(network: Network, span: RegionSpan, planned_included: bool = False) -> str:
    """The spatial envelope check as an HTML paragraph."""
    return f"<p><strong>Spatial envelope check.</strong> {escape(span_sentence(network, span, planned_included))}</p>"


def network_static_view() -> go.Figure:
    """Kernel-free view: buttons per layer and a dropdown per person's path
    (Plotly's own menus, which work on the static page)."""
    network = load_network()
    pos = node_positions()
    fig = go.Figure()
    distance_rings(fig)
    layer_indices = []
    for layer in LAYERS:
        line, mids = edge_traces(network, pos, links_in_layers(network, [layer]), layer)
        fig.add_trace(line)
        fig.add_trace(mids)
        layer_indices += [len(fig.data) - 2, len(fig.data) - 1]
    for one in node_traces(network, pos):
        fig.add_trace(one)
    people = path_people(network)
    path_indices = []
    for person in people:
        for one in path_traces(network, pos, person, visible=False):
            fig.add_trace(one)
            path_indices.append(len(fig.data) - 1)
    team = regions_spanned(network, TEAM)
    team_text = (
        f"The team's collaboration spans {team.count} regions in {len(team.countries)} countries "
        "(not counting the hoped-for workshop in Heerlen)."
    )
    # The note under the plot is as wide as a phone's chart, and the legend
    # waits for its longest version and for every entry a path can add.
    team_text = wrap(team_text, NOTE_CHARS)
    notes = {person: wrap(path_sentence(network, person), NOTE_CHARS) for person in people}
    note_lines = max(text.count("<br>") + 1 for text in [team_text, *notes.values()])
    paths = {
        person: [one.name for one in fig.data if str(one.name).startswith(f"{escape(network.label(person))}:")]
        for person in people
    }
    entries = legend_names(one for one in fig.data if not any(one.name in names for names in paths.values()))
    rows = max(legend_rows(entries + names, PHONE_PX - LEFT - RIGHT) for names in [[], *paths.values()])
    more = 17 * max(0, note_lines - 2)  # the note's lines beyond the two the margin was made for
    height, top, bottom = 830 + more, 130, 195 + more
    network_frame(
        fig, "The Preface's multi-local network", height, top, bottom, legend_gap=12 + 17 * note_lines, rows=rows
    )
    fig.add_annotation(
        text=team_text,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-6,
        xshift=-68,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 13},
        align="left",
        name="path-note",
    )
    note_index = len(fig.layout.annotations) - 1

    layer_buttons = []
    for label, chosen in [("All", LAYERS)] + [(LAYER_LABELS[layer], (layer,)) for layer in LAYERS]:
        visible = []
        for layer in LAYERS:
            visible += [layer in chosen, layer in chosen]
        layer_buttons.append({"label": label, "method": "restyle", "args": [{"visible": visible}, layer_indices]})
    path_buttons = [
        {
            "label": "No path",
            "method": "update",
            "args": [
                {"visible": [False] * len(path_indices)},
                {f"annotations[{note_index}].text": team_text},
                path_indices,
            ],
        }
    ]
    for i, person in enumerate(people):
        path_buttons.append(
            {
                "label": escape(network.label(person)),
                "method": "update",
                "args": [
                    {"visible": [j // 2 == i for j in range(len(path_indices))]},
                    {f"annotations[{note_index}].text": notes[person]},
                    path_indices,
                ],
            }
        )
    labelled_menu(fig, "Layer:", layer_buttons, paper_y(height, top, bottom, 44), kind="buttons")
    labelled_menu(fig, "Follow:", path_buttons, paper_y(height, top, bottom, 84))
    return fig


def paths_details(network: Network | None = None) -> StaticHTML:
    """Each person's path and the team's regions as plain HTML (<details>, no JavaScript)."""
    network = network or load_network()
    parts = ['<div class="lr-paths">']
    for person in path_people(network):
        steps = person_path(network, person)
        order = path_places(steps)
        summary = f"{network.label(person)}: {' → '.join(network.label(p) for p in order)}"
        parts.append(f"<details><summary>{escape(summary)}</summary>{path_list(network, steps)}</details>")
    parts.append(span_paragraph(network, regions_spanned(network, TEAM)))
    parts.append("</div>")
    return StaticHTML("".join(parts), "Each person's path through places (HTML)")


__all__ = ["network_static_view", "path_list", "paths_details", "span_paragraph"]
