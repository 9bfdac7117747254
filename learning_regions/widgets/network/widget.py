"""The network explorer widget: filter the Preface network by layer and time,
follow one person through places, and count the regions a collaboration spans."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from ...markup import escape
from ..base import CompanionWidget, guarded
from ..controls import labelled, row, slider_column
from ..furniture import LAYER_LABELS, LAYERS
from .figure import network_figure_spec
from .model import TEAM, links_in_layers, load_network
from .paths import collaboration_choices, path_people, person_path, regions_spanned
from .static import path_list, span_paragraph


class NetworkExplorer(CompanionWidget):
    """Filter the Preface network by layer and time, follow one person through
    places, and count the regions a collaboration spans."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.network = load_network()
        steps = sorted({link.sequence for link in self.network.links if link.sequence is not None})
        self.layer_boxes = {
            layer: labelled(
                widgets.Checkbox, f"{LAYER_LABELS[layer]} links", f"Show the {layer} layer", value=True, indent=False
            )
            for layer in LAYERS
        }
        width, layout = slider_column(["Up to step (time)"])
        self.up_to = labelled(
            widgets.IntSlider,
            "Up to step (time)",
            "Show links up to this step in the companion's time order",
            min=steps[0],
            max=steps[-1],
            value=steps[-1],
            continuous_update=False,
            label_width=width,
            layout=layout,
        )
        self.person = labelled(
            widgets.Dropdown,
            "Follow a person",
            "Draw this person's path through places",
            options=[("Nobody", "")] + [(self.network.label(p), p) for p in path_people(self.network)],
            value="",
        )
        self.collaboration = labelled(
            widgets.Dropdown,
            "Count regions for",
            "Whose collaboration to check against the 'spatial envelope'",
            options=collaboration_choices(self.network),
            value=TEAM,
        )
        self.planned = labelled(
            widgets.Checkbox,
            "Count the hoped-for workshop too",
            "Heerlen was only hoped for when the Preface was written",
            value=False,
            indent=False,
        )
        self.path_text = widgets.HTML()
        self.span_text = widgets.HTML()
        for control in list(self.layer_boxes.values()) + [self.up_to, self.person, self.collaboration, self.planned]:
            control.observe(self._on_change, names="value")
        self.children = [
            row(list(self.layer_boxes.values())),
            self.up_to,
            row([self.person, self.collaboration, self.planned]),
            self.status,
            self.output,
            self.span_text,
            self.path_text,
        ]
        self.refresh()

    def selected_layers(self) -> list[str]:
        return [layer for layer, box in self.layer_boxes.items() if box.value]

    @guarded
    def follow(self, person: str) -> None:
        """Follow a person by id; an unknown id gets a message."""
        valid = [v for _l, v in self.person.options]
        if person not in valid:
            self.say(f"No path for {str(person)[:40]!r}: choose one of {', '.join(v for v in valid if v)}.", "warning")
            return
        self.person.value = person

    @guarded
    def _on_change(self, change: Mapping[str, Any]) -> None:
        self.refresh()

    @guarded
    def refresh(self) -> None:
        layers = self.selected_layers()
        span = regions_spanned(self.network, self.collaboration.value, include_planned=self.planned.value)
        up_to = None if self.up_to.value >= self.up_to.max else self.up_to.value
        self.show(network_figure_spec(self.network, layers, self.person.value or None, up_to, span))
        self.span_text.value = span_paragraph(self.network, span, self.planned.value)
        if self.person.value:
            steps = person_path(self.network, self.person.value)
            self.path_text.value = (
                f"<p>{escape(self.network.label(self.person.value))}'s path, in the companion's "
                f"order:</p>{path_list(self.network, steps)}"
            )
        else:
            self.path_text.value = ""
        if not layers:
            self.say("No layer is ticked, so no link is drawn: tick place, network or community.", "warning")
        else:
            self.say(f"{len(links_in_layers(self.network, layers, up_to))} links shown.")


__all__ = ["NetworkExplorer"]
