"""The accessible alternative to each chart: a short description and its numbers.

Every chart function in this package has a twin that returns a
:class:`ChartNumbers`: the same rows the chart draws, as a table a reader can
open under the chart (and a screen reader can read). In a notebook::

    numbers_behind(jena_transition)

Every piece of text from the data is HTML-escaped, so a name holding markup
shows as text and can never become part of the page.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go


@dataclass(frozen=True)
class ChartNumbers:
    """What a chart shows, in words and as a table."""

    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    source: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"row {index} of the table for {self.title!r} has {len(row)} cells for {len(self.columns)} columns"
                )

    def column(self, name: str) -> list[Any]:
        position = self.columns.index(name)
        return [row[position] for row in self.rows]

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def _repr_html_(self) -> str:
        e = html.escape
        head = "".join(f"<th scope='col'>{e(c)}</th>" for c in self.columns)
        body = "".join(
            f"<tr><th scope='row'>{e(_cell(row[0]))}</th>"
            + "".join(f"<td>{e(_cell(v))}</td>" for v in row[1:])
            + "</tr>"
            for row in self.rows
        )
        notes = "".join(f"<p>{e(n)}</p>" for n in self.notes)
        return (
            "<div class='lr-chart-numbers'>"
            f"<p class='lr-chart-description'><strong>What the chart shows.</strong> {e(self.description)}</p>"
            "<details><summary>The numbers behind this chart</summary>"
            "<div style='overflow-x:auto'>"
            f"<table style='min-width:{min(12 * len(self.columns), 64)}rem'>"
            # The theme draws HTML output on a light panel in both modes, but greys
            # table captions for its dark mode: the caption keeps the panel's ink.
            f"<caption style='color:inherit;text-align:left'>{e(self.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>"
            f"{notes}<p>{e(self.source)}</p></details></div>"
        )

    def __repr__(self) -> str:
        lines = [self.title, self.description, " | ".join(self.columns)]
        lines += [" | ".join(_cell(v) for v in row) for row in self.rows]
        return "\n".join(lines + list(self.notes) + [self.source])


def _cell(value: Any) -> str:
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


ChartFunction = Callable[..., go.Figure]
_NUMBERS: dict[str, Callable[..., ChartNumbers]] = {}


def numbers_for(chart: ChartFunction) -> Callable[[Callable[..., ChartNumbers]], Callable[..., ChartNumbers]]:
    """Register ``table`` as the numbers behind ``chart`` (used as a decorator)."""

    def register(table: Callable[..., ChartNumbers]) -> Callable[..., ChartNumbers]:
        _NUMBERS[chart.__qualname__] = table
        chart.numbers = table  # type: ignore[attr-defined]
        return table

    return register


def numbers_behind(chart: ChartFunction, *args: Any, **kwargs: Any) -> ChartNumbers:
    """The description and the table of numbers behind a chart function's figure."""
    name = getattr(chart, "__qualname__", None)
    if name not in _NUMBERS:
        known = ", ".join(sorted(_NUMBERS))
        raise ValueError(f"no table of numbers is registered for {chart!r} (known charts: {known})")
    return _NUMBERS[name](*args, **kwargs)


def fact_rows(facts: Sequence[Any], shown: Callable[[Any], str] | None = None) -> tuple[tuple[Any, ...], ...]:
    """Rows of the standard fact table (see :data:`FACT_COLUMNS`)."""
    from .style import fact_value, format_number

    def value(row: Any) -> str:
        text = fact_value(row)
        plain = format_number(row["value"])
        return text if row["as_written"] in (plain, text) else f"{text} (the text: '{row['as_written']}')"

    return tuple(
        (
            row["description"],
            value(row),
            row["period"],
            row["status"],
            row["locator"],
            row.get("note") or "",
        )
        + ((shown(row),) if shown else ())
        for row in facts
    )


FACT_COLUMNS = ("What is counted", "Value", "When", "Status", "Paragraph", "Note")
