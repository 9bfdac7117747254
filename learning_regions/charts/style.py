"""The look shared by every chart: palette, fonts, titles, source line, hover text.

Colours and text are chosen to read on the book's light and dark pages alike.
The page's ``charts.js`` re-colours ``layout.font`` (which every title, label,
legend and annotation here inherits) and the grid of ``xaxis``/``yaxis``; every
other line or grid (``xaxis2``, ``geo``...) gets :data:`LINE` or :data:`GRID`,
mid greys that stay visible on white and on the dark theme's near-black.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from ..markup import escape, visible_text
from ..rules import read_as_written
from .data import citation
from .palette import OKABE_ITO as OKABE_ITO  # re-exported: the pandas lesson imports the palette from here
from .palette import rgba

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# What every chart and widget figure shares: plain template, the book's font,
# transparent backgrounds (charts.js re-colours text for dark mode).
HOUSE_LOOK = {
    "template": "none",
    "font": {"family": FONT, "size": 13},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "hoverlabel": {"font": {"family": FONT, "size": 13}, "align": "left"},
}

#: Axis lines and grids that read on a light and on a dark page.
LINE = "rgba(128, 128, 128, 0.85)"
GRID = "rgba(128, 128, 128, 0.28)"

#: Characters per line of the title, subtitle and source line before they
#: wrap: what fits a phone's column (about 350 px of text at 390 px), so no
#: line runs off its right edge. On a laptop the text keeps that measure.
TITLE_WIDTH, SUBTITLE_WIDTH, SOURCE_WIDTH = 36, 46, 56
#: The title's size (px): a step below 17, so that a phone's line holds a few more words.
TITLE_PX = 16
#: The measure the charts' heights were set for (about 620 px, the book's
#: column on a laptop): a chart grows by what the narrower lines add, so its
#: plot keeps its size.
LAPTOP_WIDTHS = (68, 92, 110)
#: A phone's chart (px): the legend's rows and the row of buttons must fit it.
PHONE_PX = 358

#: Buttons keep a light face in both modes, so their dark label always reads.
BUTTON_BG, BUTTON_INK = "#eef1f4", "#1f1f1f"

#: How a figure's status is drawn: solid for what the text reports as reached,
#: cross-hatched for what is under way, hatched for a plan's target, dotted for
#: a forecast.
STATUS_LABEL = {
    "reported": "reported (a state the text describes)",
    "in progress": "in progress (under way, not completed)",
    "planned": "planned (a target, not yet reached)",
    "expected": "expected (a forecast)",
}
STATUS_PATTERN = {"reported": "", "in progress": "x", "planned": "/", "expected": "."}

CURRENCY_SYMBOL = {"GBP": "£", "EUR": "€", "USD": "$"}

#: Text from the data, made safe for Plotly's HTML-like labels and for HTML.
esc = escape


def wrap(text: str, width: int = 62) -> str:
    """Break an (already escaped) line of text into Plotly's <br> lines."""
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)) or text


def rewrap(text: str, width: int) -> str:
    """Re-wrap a label into lines of at most ``width`` characters, unless its own
    <br> breaks already keep every line that short."""
    if not text or all(len(visible_text(line)) <= width for line in text.split("<br>")):
        return text
    return wrap(" ".join(text.split("<br>")), width)


def cite_rows(rows: Iterable[Mapping[str, Any]]) -> str:
    """'OECD Observer (1999), ¶9, ¶10' for some rows of the data, each source
    once with its locators in paragraph order (the sources in the rows' order)."""
    by_source: dict[str, list[str]] = {}
    for row in rows:
        by_source.setdefault(row["source_id"], []).append(row["locator"])
    return "; ".join(
        citation(source, sorted(dict.fromkeys(locators), key=_locator_order)) for source, locators in by_source.items()
    )


def source_citation(rows: Iterable[Mapping[str, Any]], prefix: str = "Source") -> str:
    """'Source: OECD Observer (1999), ¶9' for the rows a chart draws, in their order."""
    return f"{prefix}: {cite_rows(rows)}"


def _locator_order(locator: str) -> tuple[int, str]:
    """Sort '¶9' before '¶10': by the first paragraph number, then as text."""
    digits = ""
    for char in locator:
        if char.isdigit():
            digits += char
        elif digits:
            break
    return (int(digits) if digits else 0, locator)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def number_word(count: int) -> str:
    """6 -> 'six' (up to twelve, then digits): counts in labels are computed from the data."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else f"{count:,}"


def counted(count: int, one: str, many: str) -> str:
    """6, 'country', 'countries' -> 'six countries'; 1 -> 'one country'."""
    return f"{number_word(count)} {one if count == 1 else many}"


def cases_word(count: int) -> str:
    """6 -> 'six cases', 1 -> 'one case'."""
    return counted(count, "case", "cases")


def not_shown(left_out: dict[str, str]) -> str:
    """'Not shown: Emilia-Romagna (not an OECD case).' for the cases a chart
    leaves out (name -> why), or '' when it leaves none out."""
    if not left_out:
        return ""
    return "Not shown: " + "; ".join(f"{esc(name)} ({esc(why)})" for name, why in left_out.items()) + "."


def format_number(value: float | None) -> str:
    if value is None:
        return "not given"
    value = float(value)
    if value >= 1_000_000_000 and (value / 1_000_000_000).is_integer():
        return f"{value / 1_000_000_000:,.0f} billion"
    if value >= 1_000_000:
        return f"{value / 1_000_000:,.3g} million"
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"


def format_value(value: float | None, unit: str, currency: str | None = None) -> str:
    """23000, 'persons' -> '23,000 persons'; 4e9, 'money', 'GBP' -> 'GBP 4 billion'."""
    number = format_number(value)
    if value is None:
        return number
    if unit == "money":
        symbol = CURRENCY_SYMBOL.get(currency or "")
        return f"{symbol}{number}" if symbol else f"{currency or ''} {number}".strip()
    if unit == "percent":
        return f"{number}%"
    if unit == "calendar year":
        return f"{value:.0f}"
    return f"{number} {unit}"


#: Qualifiers a chart words as 'about' (the others, bounds such as 'more than', are shown as the text has them).
ABOUT = ("some", "about", "around", "roughly", "approximately")


def fact_value(row: Mapping[str, Any]) -> str:
    """A fact's value with its unit, hedged as the text hedges it: 'about' for
    'some', 'around' and the like, the text's own words for a bound ('more than')."""
    text = format_value(row["value"], row["unit"], row.get("currency"))
    if not row.get("approximate"):
        return text
    try:
        qualifier = read_as_written(row.get("as_written") or "").qualifier
    except ValueError:
        qualifier = None
    return f"{'about' if qualifier in (None, *ABOUT) else qualifier} {text}"


def fact_hover(row: Mapping[str, Any], label: str | None = None, *, value: str | None = None) -> str:
    """Hover text for one fact: what, value with unit, when, status, source, note."""
    lines = [f"<b>{esc(label or row['description'])}</b>"]
    lines.append(value or f"{esc(fact_value(row))} (the text: '{esc(row['as_written'])}')")
    lines.append(f"When: {esc(row['period'])} · {esc(row['status'])}")
    lines.append(esc(citation(row["source_id"], [row["locator"]])))
    if row.get("note"):
        lines.append(wrap("Note: " + esc(row["note"]), 60))
    return "<br>".join(lines)


def reading_hover(row: Mapping[str, Any], case_name: str, dimension: str) -> str:
    """Hover text for one of the companion's scores."""
    return "<br>".join(
        [
            f"<b>{esc(case_name)}: {esc(dimension)}</b>",
            f"Score {row['score']} of 4 (the companion's reading)",
            wrap(esc(row["rationale"]), 60),
            esc(citation(row["source_id"], [row["locator"]])),
        ]
    )


def status_marker(colour: str, status: str) -> dict[str, Any]:
    """Bar marker for a figure's status: solid (reported), cross-hatched (in progress),
    hatched (planned), dotted (expected)."""
    if status == "reported":
        return {"color": colour, "line": {"color": colour, "width": 1}}
    return {
        "color": rgba(colour, 0.22),
        "line": {"color": colour, "width": 1.5},
        "pattern": {"shape": STATUS_PATTERN[status], "fgcolor": colour, "size": 8, "solidity": 0.35},
    }


def subplot_title_style(fig: go.Figure) -> None:
    """Subplot titles a step smaller than the chart title."""
    for annotation in fig.layout.annotations:
        if annotation.name != "source":
            annotation.font.size = 14


def axis_style(**extra: Any) -> dict[str, Any]:
    """Axis lines and grid that read on both page colours; labels inherit the page's ink."""
    style = {
        "showline": True,
        "linecolor": LINE,
        "gridcolor": GRID,
        "zeroline": False,
        "ticks": "outside",
        "tickcolor": LINE,
        "automargin": True,
        "title": {"standoff": 8},
    }
    style.update(extra)
    return style


def style_axes(fig: go.Figure) -> None:
    """Apply :func:`axis_style` to every cartesian axis of a figure (xaxis, xaxis2...)."""
    fig.update_xaxes(**axis_style())
    fig.update_yaxes(**axis_style())


def base_layout(
    fig: go.Figure,
    title: str,
    source: str,
    *,
    subtitle: str = "",
    height: int = 480,
    bottom: int = 100,
    headroom: int = 12,
    left: int = 70,
    right: int = 30,
    legend: bool = True,
    buttons: list[dict[str, Any]] | None = None,
    note: str = "",
) -> go.Figure:
    """A title that states the finding, a subtitle, a legend row, and a source
    line under the plot, laid out in pixels so that none of them overlap.

    From the top: the title (17 px lines), the subtitle (13 px lines), a row
    of buttons (Plotly ``updatemenus``, which work on the static page without a
    kernel) if any, the legend (one row), then ``headroom`` pixels for subplot
    titles. The source
    line sits ``bottom - 24`` pixels below the plotting area, in the bottom
    margin, under the x-axis labels and title; a ``note`` (what the chart
    leaves out, :func:`not_shown`) goes just above it, and the margin grows
    by its lines.
    """
    laptop = _margins(fig, title, subtitle, source, note, LAPTOP_WIDTHS, 600.0, legend, buttons, headroom, bottom)
    phone = _margins(
        fig,
        title,
        subtitle,
        source,
        note,
        (TITLE_WIDTH, SUBTITLE_WIDTH, SOURCE_WIDTH),
        PHONE_PX - left - right,
        legend,
        buttons,
        headroom,
        bottom,
    )
    height += phone.top - laptop.top + phone.bottom - laptop.bottom
    title, subtitle, source, note = phone.title, phone.subtitle, phone.source, phone.note
    title_block, top = phone.title_block, phone.top
    note_px = 14 * (note.count("<br>") + 1) + 4 if note else 0
    source_shift = bottom - 24
    bottom = phone.bottom
    menus = []
    for index, menu in enumerate(buttons or []):
        # A row of buttons too wide for a phone from the plot's left edge is
        # placed from its right edge instead (it then reaches into the margin).
        right_aligned = left + buttons_px(menu["buttons"]) > PHONE_PX - 8
        spec = {
            "type": "buttons",
            "direction": "right",
            "x": 1 if right_aligned else 0,
            "xanchor": "right" if right_aligned else "left",
            # updatemenus have no 'container' reference: paper units, above the plot.
            "y": 1 + (top - title_block) / (height - top - bottom),
            "yanchor": "top",
            "pad": {"t": 0, "r": 0, "l": 0, "b": 0},
            "showactive": True,
            "active": 0,
            "font": {"size": 12, "color": BUTTON_INK},
            "bgcolor": BUTTON_BG,
            "bordercolor": LINE,
        }
        spec.update(menu)
        menus.append(spec)
    title_spec: dict[str, Any] = {
        "text": title,
        "x": 0,
        "xref": "container",
        "xanchor": "left",
        "pad": {"l": 8},
        "y": 1 - 24 / height,
        "yref": "container",
        "yanchor": "top",
        "font": {"size": TITLE_PX},
    }
    if subtitle:
        title_spec["subtitle"] = {"text": subtitle, "font": {"size": 13}}
    fig.update_layout(
        **HOUSE_LOOK,
        title=title_spec,
        height=height,
        margin={"l": left, "r": right, "t": top, "b": bottom, "autoexpand": True},
        showlegend=legend,
        updatemenus=menus,
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 1 - (title_block + (38 if buttons else 0)) / height,
            "yanchor": "top",
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "bgcolor": "rgba(0,0,0,0)",
        },
        annotations=list(fig.layout.annotations)
        + [
            go.layout.Annotation(
                name=name,
                text=text,
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                xshift=-(left - 10),
                yshift=shift,
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                font={"size": 11},
            )
            for name, text, shift in (("not-shown", note, -source_shift), ("source", source, -source_shift - note_px))
            if text
        ],
    )
    style_axes(fig)
    return fig


@dataclass(frozen=True)
class _Margins:
    title: str
    subtitle: str
    source: str
    note: str
    title_block: int
    top: int
    bottom: int


def _margins(
    fig: go.Figure,
    title: str,
    subtitle: str,
    source: str,
    note: str,
    widths: tuple[int, int, int],
    legend_px: float,
    legend: bool,
    buttons: Any,
    headroom: int,
    bottom: int,
) -> _Margins:
    """The text wrapped at ``widths`` and the top and bottom margins it needs."""
    title_width, subtitle_width, source_width = widths
    title, subtitle = rewrap(title, title_width), rewrap(subtitle, subtitle_width)
    source, note = wrap(source, source_width), (wrap(note, source_width) if note else "")
    subtitle_lines = subtitle.count("<br>") + 1 if subtitle else 0
    title_block = 22 + 23 * (title.count("<br>") + 1) + (6 + 17 * subtitle_lines if subtitle else 0) + 8
    legend_block = 10 + 21 * legend_rows(fig, legend_px) if legend else 0  # plotly wraps at the plot's width
    top = title_block + (38 if buttons else 0) + legend_block + headroom
    bottom += 14 * source.count("<br>") + (14 * (note.count("<br>") + 1) + 4 if note else 0)
    return _Margins(title, subtitle, source, note, title_block, top, bottom)


def buttons_px(buttons: list[dict[str, Any]], font_px: float = 12) -> float:
    """About how wide a row of Plotly buttons is drawn (px)."""
    return sum(0.55 * font_px * len(visible_text(b.get("label", ""))) + 21 for b in buttons)


def legend_rows(fig: go.Figure, width: float = 600.0) -> int:
    """How many rows a horizontal legend needs in a chart about ``width`` px wide."""
    seen, entries = set(), []
    for trace in fig.data:
        if trace.showlegend is False or trace.visible is False:
            continue
        key = trace.legendgroup or trace.name
        if key in seen:
            continue
        seen.add(key)
        entries.append(50 + 7.5 * len(visible_text(trace.name or "")))
    rows, used = 1, 0.0
    for entry in entries:
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def source_line(fig: go.Figure) -> str:
    """The source line a figure carries (its annotation named 'source')."""
    for annotation in fig.layout.annotations:
        if annotation.name == "source":
            return annotation.text
    return ""
