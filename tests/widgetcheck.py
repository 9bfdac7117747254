"""What the widget tests share: the figure a widget shows, a trace by name,
every control inside a widget, what a Plotly menu button makes visible."""

from __future__ import annotations

import json

import ipywidgets as widgets
from plotly.utils import PlotlyJSONEncoder

from learning_regions.widgets.figures import PLOTLY_MIME

CONTROL_TYPES = (
    widgets.IntSlider,
    widgets.Dropdown,
    widgets.Text,
    widgets.Textarea,
    widgets.Checkbox,
    widgets.Button,
    widgets.ToggleButtons,
    widgets.RadioButtons,
    widgets.FileUpload,
)


def shown_figure(widget) -> dict:
    """The figure the widget's Output holds, as the front end receives it."""
    [output] = widget.output.outputs
    assert output["output_type"] == "display_data"
    json.dumps(output)  # what a kernel sends must be JSON
    return output["data"][PLOTLY_MIME]


def trace(fig, name_start: str):
    found = [t for t in fig.data if str(t.name).startswith(name_start)]
    assert found, f"no trace named {name_start!r} in {[t.name for t in fig.data]}"
    return found[0]


def all_controls(widget):
    """Every widget inside a box, depth first."""
    stack, seen = [widget], []
    while stack:
        w = stack.pop()
        seen.append(w)
        stack.extend(getattr(w, "children", ()))
    return seen


def visible_after(fig, button):
    """Trace visibility after a Plotly menu button (restyle/update with optional indices)."""
    visible = [t.visible is not False for t in fig.data]
    data = button["args"][0]
    indices = list(button["args"][-1]) if isinstance(button["args"][-1], (list, tuple)) else list(range(len(fig.data)))
    for i, value in zip(indices, data["visible"]):
        visible[i] = value
    return visible


def plain(figure_json):
    """A figure (or figure dict) as the JSON a front end receives, for comparing two routes."""
    if hasattr(figure_json, "to_plotly_json"):
        figure_json = figure_json.to_plotly_json()
    return json.loads(json.dumps(figure_json, cls=PlotlyJSONEncoder))
