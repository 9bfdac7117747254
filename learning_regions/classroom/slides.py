"""The charts of the class view, in the order it shows them: one "slide" each,
with its text alternative and what goes under it (the arguments, the
statements). In the projector view classify-it's chart is cut into slides of
:data:`STATEMENTS_PER_SLIDE` statements, in large type, and the book page's
menus step aside (:data:`PROJECTOR_PAGE_STYLE`).

No ipywidgets here: a slide's figure is a plain dict (the widget, :mod:`.view`,
draws it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..charts.accessible import ChartNumbers
from ..markup import escape
from . import charts, summary
from . import vocabulary as vocab
from .formats import MY_REGION
from .gather import ClassData

#: How many classify-it statements one projector chart shows.
STATEMENTS_PER_SLIDE = 4
#: On the book page, the projector view gives the widget the whole window: the
#: menus and the rest of the page step aside (the theme's own classes; in
#: JupyterLab nothing matches). Untick Projector view to have them back.
PROJECTOR_PAGE_STYLE = (
    "<style>.bd-sidebar-primary,.bd-sidebar-secondary,.bd-header-article,.bd-footer,.bd-footer-content,"
    ".prev-next-area{display:none!important}"
    ".bd-page-width,.bd-main,.bd-content,.bd-article-container{max-width:none!important;width:100%!important}"
    ".bd-article section>:not(:has(.lr-inpage-on)){display:none!important}</style>"
)


@dataclass(frozen=True)
class Slide:
    """One chart of the class view, with its text alternative and what goes under it."""

    key: str
    label: str
    figure: Callable[[bool], dict[str, Any]]  # a plain figure dict (go.Figure(spec) validates it)
    numbers: Callable[[], ChartNumbers]
    extra: Callable[[bool], str] = lambda show_names: ""


def _arguments(case: summary.CaseSpread, show_names: bool) -> str:
    """The arguments of a case's profiles, without names (unless asked), ordered
    by the score on which the class is most divided, so its two ends come first and last."""
    widest = case.widest
    order = widest.item if widest is not None else None
    written = [r for r in case.readings if r.reading.argument.strip()]
    if not written:
        return f"<p>No argument was written in the {case.students} profile{'s' if case.students != 1 else ''}.</p>"
    written.sort(key=lambda r: (r.values.get(order, -1) if order else 0, r.student))
    dims = vocab.dimensions()
    items = []
    for r in written:
        scores = " · ".join(f"{escape(vocab.label_of(d))} {r.values[d]}" for d in dims if d in r.values)
        who = r.who(show_names)
        name = f"<strong>{escape(who)}</strong>: " if who else ""
        items.append(f"<li>{name}<span class='lr-class-scores'>{scores}</span><br>{escape(r.reading.argument)}</li>")
    divided = widest is not None and bool(widest.sd)  # with no spread at all, no dimension divides the class
    by = f", ordered by their {escape(widest.label)} score (where the class is most divided)" if divided else ""
    hidden = "" if show_names else " without names"
    return (
        f"<details open><summary><strong>The arguments</strong> ({len(written)} of {case.students} profiles"
        f"{hidden}{by})</summary><ul class='lr-class-arguments'>{''.join(items)}</ul></details>"
    )


def _statements(results: list[summary.StatementResult]) -> str:
    items = "".join(
        f"<li><strong>{r.number}.</strong> {escape(r.statement)} <em>The companion: {escape(r.companion)}</em> "
        f"({escape(r.source)}). {escape(r.explanation)}</li>"
        for r in results
    )
    return (
        f"<details><summary><strong>The statements and the companion's answers</strong>, the hardest first"
        f"</summary><ul class='lr-class-statements'>{items}</ul></details>"
    )


def slides(data: ClassData, projector: bool = False) -> list[Slide]:
    """The charts the class's files give, in the order the view shows them."""
    out: list[Slide] = []
    cases = summary.profile_cases(data)
    disputed = summary.disagreement(cases)
    if len(disputed) > 1:
        out.append(
            Slide(
                "disagreement",
                "Profiles: where the class disagrees most",
                lambda p, d=disputed: charts.disagreement_figure(d, p),
                lambda d=disputed: charts.disagreement_numbers(d),
            )
        )
    for case in cases:
        out.append(
            Slide(
                f"profile:{case.case_id or MY_REGION}",
                f"Profiles: {case.name} ({case.students})",
                lambda p, c=case: charts.spread_figure(c, "profile", p),
                lambda c=case: charts.spread_numbers(c, "profile"),
                lambda show, c=case: _arguments(c, show),
            )
        )
    results = summary.classify_results(data)
    if results:
        if projector and len(results) > STATEMENTS_PER_SLIDE:
            parts = -(-len(results) // STATEMENTS_PER_SLIDE)  # as even as they come: 13 = 4 + 3 + 3 + 3
            bounds = [round(i * len(results) / parts) for i in range(parts + 1)]
            for start, stop in zip(bounds, bounds[1:]):
                part = results[start:stop]
                out.append(
                    Slide(
                        f"classify:{start}",
                        f"Classify it: statements {start + 1}-{stop} of {len(results)}, hardest first",
                        lambda p, r=part, s=start: charts.classify_figure(r, p, s + 1, len(results)),
                        lambda r=part: charts.classify_numbers(r),
                    )
                )
        else:
            out.append(
                Slide(
                    "classify:0",
                    "Classify it: the hardest statements first",
                    lambda p, r=results: charts.classify_figure(r, p),
                    lambda r=results: charts.classify_numbers(r),
                    lambda show, r=results: _statements(r),
                )
            )
    for group in summary.recipe_groups(data):
        out.append(
            Slide(
                f"recipe:{group.case_id or 'none'}",
                f"Recipe mixes {group.name} ({group.students})",
                lambda p, g=group: charts.spread_figure(g, "recipe", p),
                lambda g=group: charts.spread_numbers(g, "recipe"),
            )
        )
    return out


__all__ = ["PROJECTOR_PAGE_STYLE", "STATEMENTS_PER_SLIDE", "Slide", "slides"]
