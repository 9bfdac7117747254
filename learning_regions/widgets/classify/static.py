"""Classify it's kernel-free view: every statement with its answer hidden in a <details>."""

from __future__ import annotations

from ...markup import escape
from ..controls import StaticHTML
from ..furniture import LAYER_LABELS
from .model import examples


def classify_static_view() -> StaticHTML:
    """Every statement with the answer hidden in a <details>: decide first,
    then open it. Works on a static page with no JavaScript at all."""
    items = []
    for number, e in enumerate(examples(), start=1):
        items.append(
            f"<li><p>{escape(e.statement)}</p><details><summary>Show the companion's answer</summary>"
            f"<p><strong>{escape(LAYER_LABELS[e.answer])}.</strong> {escape(e.explanation)} "
            f"<em>({escape(e.where)})</em></p></details></li>"
        )
    markup = (
        "<div class='lr-classify'><p>For each statement, decide first: place, network or community? "
        "Then open the answer.</p><ol>" + "".join(items) + "</ol></div>"
    )
    return StaticHTML(markup, "The statements with their answers (HTML)")


__all__ = ["classify_static_view"]
