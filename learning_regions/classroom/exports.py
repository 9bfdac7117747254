"""The export box the widgets share: an optional name, and a plain download
link for the reading in its versioned format (:mod:`.formats`).

A widget adds one in three lines (the hunks the lead ports onto each widget)::

    self.export = ExportBox("your answers", "classify-answers",
                            lambda student, export_id: classify_export(self.quiz.answers, student, export_id))
    ...children..., self.export
    self.export.refresh()          # wherever the widget redraws
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable

import ipywidgets as widgets

from ..markup import attribute, escape
from ..widgets.controls import heading, labelled
from .formats import MAX_NAME_CHARS, classify_export, clean_name, new_export_id, recipe_export, stamp

NAME_TOOLTIP = "Optional. Your lecturer sees it only if they choose to show names in the class view."

__all__ = ["ExportBox", "classify_export", "download_link", "recipe_export", "slug", "stamp", "student_field"]


def slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def download_link(text: str, filename: str, mime: str = "application/json") -> str:
    """An HTML link that saves ``text`` as a file, with no server (the book page
    turns it into a Blob link)."""
    href = f"data:{mime};charset=utf-8," + urllib.parse.quote(text)
    return f'<a download="{attribute(filename)}" href="{attribute(href)}">Download {escape(filename)}</a>'


def student_field() -> widgets.Text:
    """The optional name a student may give their export."""
    return labelled(
        widgets.Text,
        "Your name (optional)",
        NAME_TOOLTIP,
        value="",
        placeholder="e.g. Alex Smith",
        layout={"width": "min(100%, 420px)"},
    )


def file_name(stem: str, student: str) -> str:
    name = slug(clean_name(student)[:MAX_NAME_CHARS])
    return f"{stem}-{name}.json" if name else f"{stem}.json"


class ExportBox(widgets.VBox):
    """A heading, the optional name and the download link of a widget's reading.
    ``make(student, export_id)`` writes the export's text."""

    def __init__(self, what: str, stem: str, make: Callable[[str, str], str], **kwargs):
        super().__init__(**kwargs)
        self.make, self.stem = make, stem
        self.export_id = new_export_id()
        self.student = student_field()
        self.link = widgets.HTML()
        self.text = ""
        note = widgets.HTML(
            f"<p style='margin:0.2em 0'>Save {escape(what)} as a file to hand in: your lecturer can bring a class's "
            "files together in the class view. The file stays on your computer until you hand it in.</p>"
        )
        self.children = [heading(f"Export {what}"), note, self.student, self.link]
        self.student.observe(lambda _change: self.refresh(), names="value")

    def refresh(self) -> None:
        self.text = self.make(self.student.value, self.export_id)
        self.link.value = download_link(self.text, file_name(self.stem, self.student.value))
