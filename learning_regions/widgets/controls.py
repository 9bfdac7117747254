"""Text and labelled controls: what every widget writes and how its controls
are laid out, on a laptop and on a 390 px phone alike.

Every control's label is written out in full (it is also its accessible
name). Controls take their width in per cent up to a laptop-sized maximum, and
rows of controls wrap: on a narrow screen a slider's label goes above its
track, and a button goes under its neighbour, instead of anything being cut or
pushed off the right edge.

Standard library and ipywidgets only, and no threads: the same code runs in a
Pyodide browser kernel.
"""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets

from ..markup import attribute, escape

#: Every control's label is shown in full, never cut to the default 80 px.
LABEL_STYLE = {"description_width": "initial"}


def wrap(text: str, width: int = 60) -> str:
    """Escaped text broken into lines for a Plotly hover label."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "<br>".join(escape(piece) for piece in lines)


def fluid(max_width: str | None = None, **extra: Any) -> dict[str, Any]:
    """A control's layout that fills a narrow screen and stops at ``max_width``
    on a wide one; its label wraps above it when both do not fit on one line."""
    layout = {"width": "100%", "flex_flow": "row wrap", "height": "auto", **extra}
    if max_width:
        layout["max_width"] = max_width
    return layout


def slider_column(labels: list[str]) -> tuple[str, dict[str, Any]]:
    """The label width and the layout of a group of sliders: one label column
    as wide as the longest label (so the tracks line up on a laptop), and at
    least wide enough that on a phone the track and its value wrap together
    onto the line under the label, never the value alone."""
    em = max(15, math.ceil(0.54 * max(len(label) for label in labels)) + 1)
    # label + gap, track (148 px at the least) + its margins, value (72 px) + gap
    return f"{em}em", fluid(f"{em * 14 + 8 + 164 + 76 + 12}px")


def row(children: list[widgets.Widget], **layout: Any) -> widgets.HBox:
    """Controls side by side that wrap onto the next line on a narrow screen."""
    return widgets.HBox(children, layout={"flex_flow": "row wrap", "align_items": "center", **layout})


def labelled(
    cls: type[widgets.Widget],
    description: str,
    tooltip: str | None = None,
    *,
    label_width: str | None = None,
    **kwargs: Any,
) -> Any:
    """A control whose label is written out (read by screen readers) and
    readable in full: as wide as its text, or ``label_width`` (a column of
    sliders, :func:`slider_column`)."""
    if "layout" not in kwargs:
        if issubclass(cls, (widgets.Button, widgets.FileUpload)):
            kwargs["layout"] = {"width": "auto"}  # the whole label shows, never cut to the default width
        elif issubclass(cls, (widgets.Dropdown, widgets.Text)):
            kwargs["layout"] = {"max_width": "100%"}  # 300 px (label included), never wider than a phone
    control = cls(description=description, **kwargs)
    if "description_width" in control.style.trait_names():  # buttons show their description as their face
        control.style.description_width = label_width or LABEL_STYLE["description_width"]
    if tooltip:
        control.tooltip = tooltip
    return control


def heading(text: str) -> widgets.HTML:
    return widgets.HTML(f'<h4 style="margin:0.8em 0 0.2em">{escape(text)}</h4>')


def status_html(message: str, kind: str = "info", announce: bool = True) -> str:
    """A message line that screen readers announce when it changes (``announce``),
    or, for a copy of one shown elsewhere for the eye, hide from them."""
    colours = {"info": "inherit", "warning": "#b35900", "error": "#b00020", "ok": "#00734f"}
    role = 'role="status" aria-live="polite"' if announce else 'aria-hidden="true"'
    if not message:
        return f"<div {role}></div>"
    return f'<div {role} style="color:{colours.get(kind, "inherit")}">{escape(message)}</div>'


def scrolling_table(markup: str, label: str) -> str:
    """A wide table in a box that scrolls sideways by itself (and by keyboard)
    on a narrow screen, instead of cutting its cells or the page."""
    return (
        f'<div role="region" tabindex="0" aria-label="{attribute(label)}" '
        f'style="overflow-x:auto;max-width:100%">{markup}</div>'
    )


class StaticHTML:
    """HTML that a notebook shows as it is (text/html), with no JavaScript."""

    def __init__(self, markup: str, text: str = ""):
        self.markup = markup
        self.text = text or "HTML for the static page"

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.text


__all__ = [
    "LABEL_STYLE",
    "StaticHTML",
    "attribute",
    "escape",
    "fluid",
    "heading",
    "labelled",
    "row",
    "scrolling_table",
    "slider_column",
    "status_html",
    "wrap",
]
