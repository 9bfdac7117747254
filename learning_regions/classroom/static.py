"""The class view without Python: an example class's chart for the book page's
stand-in, and the export formats as tables (both made when the notebook runs).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from ..charts.accessible import ChartNumbers
from ..markup import escape
from ..widgets.controls import StaticHTML
from . import charts, formats, summary
from .example import example_files
from .gather import Source, gather


class StaticView:
    """What the class view shows without Python: an explanation, a chart of an
    example class and its numbers (a notebook shows all three)."""

    def __init__(self, note: StaticHTML, figure: go.Figure, numbers: ChartNumbers):
        self.note, self.figure, self.numbers = note, figure, numbers

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.note, self.figure, self.numbers)

    def __repr__(self) -> str:
        return f"{self.note!r}\n{self.numbers!r}"


def class_view_static(students: int = 30, seed: int = 2026) -> StaticView:
    """The kernel-free view: an example class of invented students, generated
    from the companion's data, and the chart the class view draws for its most
    profiled case."""
    data = gather([Source.of_bytes(n, b) for n, b in example_files(students, seed, bad_files=False)])
    cases = summary.profile_cases(data)
    case = max(cases, key=lambda c: c.students)
    figure = go.Figure(
        charts.spread_figure(
            case, "profile", title="Example (invented students): " + charts.spread_title(case, "profile")
        )
    )
    numbers = charts.spread_numbers(case, "profile")
    note = StaticHTML(
        "<div class='lr-class-example'><p><strong>An example, not a real class.</strong> Without Python, this page "
        f"shows one of the class view's charts: {escape(case.name)} as {case.students} invented students profiled "
        "it, in an example class the companion generates from its own data (their scores sit around the "
        "companion's reading). Press the button to run the class view and choose your class's files: on this "
        "page they are read in your browser and never leave it.</p></div>",
        "The class view's example (HTML)",
    )
    return StaticView(note, figure, numbers)


def _rule(spec: Mapping[str, Any]) -> str:
    parts = []
    kinds = spec.get("type")
    if "const" in spec:
        parts.append(f"always {spec['const']!r}" if isinstance(spec["const"], str) else f"always {spec['const']}")
    elif kinds == "integer" and "minimum" in spec:
        parts.append(f"a whole number {spec['minimum']}-{spec['maximum']}")
    elif "enum" in spec:
        values = [("null" if v is None else str(v)) for v in spec["enum"]]
        parts.append("one of: " + ", ".join(values))
    elif kinds == "string":
        parts.append("text" + (f", at most {spec['maxLength']:,} characters" if "maxLength" in spec else ""))
        if "pattern" in spec:
            parts.append("letters, digits, - and _")
    elif kinds == "object" or "properties" in spec:
        parts.append("an object")
    elif isinstance(kinds, list):
        parts.append(" or ".join(kinds))
    cost = spec.get("x-on-error")
    if spec.get("x-read") is False:
        parts.append("not read")
    elif cost == "refuse":
        parts.append("a bad value sets the file aside")
    elif cost == "drop":
        parts.append("a bad value is left out, said")
    elif cost == "cut":
        parts.append("longer text is cut, said")
    return "; ".join(parts)


def formats_reference() -> StaticHTML:
    """The export formats as tables, made from :func:`~.formats.schema` (what the reader checks)."""
    blocks = []
    for fmt, spec in formats.schemas().items():
        rows = []
        for name, prop in spec["properties"].items():
            required = "yes" if name in spec["required"] else "no"
            rows.append(
                f"<tr><th scope='row'><code>{escape(name)}</code></th><td>{required}</td>"
                f"<td>{escape(_rule(prop))}</td><td>{escape(prop.get('description', ''))}</td></tr>"
            )
            for inner, inner_spec in prop.get("properties", {}).items() if prop.get("x-read", True) else ():
                rows.append(
                    f"<tr><th scope='row'><code>{escape(name)}.{escape(inner)}</code></th><td>no</td>"
                    f"<td>{escape(_rule(inner_spec))}</td><td>{escape(inner_spec.get('description', ''))}</td></tr>"
                )
            if "propertyNames" in prop:
                names = prop["propertyNames"]["enum"]
                answers = prop["additionalProperties"]["enum"]
                rows.append(
                    f"<tr><th scope='row'><code>{escape(name)}.&lt;statement&gt;</code></th><td>no</td>"
                    f"<td>{escape('one of: ' + ', '.join(answers))}; a bad value is left out, said</td>"
                    f"<td>{escape(f'One of the {len(names)} statement ids of data/classify_examples.csv.')}</td></tr>"
                )
        blocks.append(
            f"<table class='lr-formats'><caption style='color:inherit;text-align:left'><code>{escape(fmt)}</code>, "
            f"version {formats.VERSIONS[fmt]}: {escape(spec['title'])}</caption><thead><tr><th scope='col'>Field</th>"
            "<th scope='col'>Required</th><th scope='col'>Value</th><th scope='col'>Meaning</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return StaticHTML(
        "<div class='lr-formats' style='overflow-x:auto'>" + "".join(blocks) + "</div>", "The export formats (HTML)"
    )


__all__ = ["StaticView", "class_view_static", "formats_reference"]
