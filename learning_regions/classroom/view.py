"""The class view: a lecturer picks a class's exported files and sees, on the
page or the projector, what the whole room read.

:class:`ClassView` is an ipywidget like the companion's others (JupyterLab,
Binder, a hub, Colab, and live on the book page, where Python runs in the
lecturer's browser: nothing is sent anywhere). It reads the files with the
same pure reader as ``load_class_profiles`` (:mod:`.gather`) and draws the
numbers of :mod:`.summary` with the charts of :mod:`.charts`, one at a time,
in the order of :mod:`.slides` (the projector view's too). Names (file names,
names typed in) stay hidden unless "Show names" is ticked. The files arrive
through :mod:`.upload`; what the page shows without Python is :mod:`.static`.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from ..markup import attribute, escape
from ..widgets.base import CompanionWidget, guarded
from ..widgets.controls import labelled
from ..widgets.figures import show_figure
from . import summary
from .example import example_files
from .gather import ClassData, Source, gather
from .slides import PROJECTOR_PAGE_STYLE, Slide, slides
from .upload import ClassFileUpload, source_of

ACCEPT = ".json,.csv"
INTRO = (
    "Choose the files your students exported from the case profiler, classify-it and the recipe mixer (many at "
    "once, and again to add more). They are read by the Python running in this browser: nothing is uploaded or "
    "sent anywhere. Student names, in file names or typed in, stay hidden unless you tick Show names."
)
EMPTY = (
    "No files yet: choose the class's files, or try the example class (invented students). "
    "Files chosen before a reload are not kept in this browser (they may hold students' names): choose them again. "
    "The example class is different: it comes back by itself."
)


def download_link(text: str, filename: str, label: str, mime: str = "text/csv") -> str:
    """A link that saves ``text`` as a file, with no server (the page turns it into a Blob link)."""
    href = f"data:{mime};charset=utf-8," + urllib.parse.quote(text)
    return f'<a download="{attribute(filename)}" href="{attribute(href)}">{escape(label)}</a>'


class ClassView(CompanionWidget):
    """Pick a class's exported files; see their spread, the hardest statements,
    the class's weights; project one chart at a time; download a summary."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._quiet = False
        self.sources: list[Source] = []
        self.data = ClassData()
        self.slides: list[Slide] = []
        self.intro = widgets.HTML(f"<p>{escape(INTRO)}</p>")
        self.upload = labelled(
            ClassFileUpload,
            "Choose the class's files",
            "Exported .json or .csv files from the profiler, classify-it and the recipe mixer",
            accept=ACCEPT,
            multiple=True,
        )
        self.example_button = labelled(
            widgets.Button,
            "Try an example class",
            "Load the files of 30 invented students (and three files that do not fit)",
        )
        self.forget_button = labelled(widgets.Button, "Forget the files", "Remove every file from the class view")
        self.show_names = labelled(
            widgets.Checkbox, "Show names", "Show file names and the names students typed", value=False, indent=False
        )
        self.projector = labelled(
            widgets.Checkbox, "Projector view", "Large type, one chart at a time", value=False, indent=False
        )
        self.messages = widgets.HTML()
        self.previous_button = labelled(
            widgets.Button, "Previous chart", "Show the chart before this one", icon="arrow-left"
        )
        self.chart_menu = labelled(
            widgets.Dropdown,
            "Chart",
            "Which chart to show",
            options=[("No chart yet", "")],
            value="",
            layout={"width": "min(calc(100% - 4px), 30em)"},
        )
        self.next_button = labelled(widgets.Button, "Next chart", "Show the chart after this one", icon="arrow-right")
        # The charts come from files a reload forgets: the page's kept answers keep no choice of chart.
        self.chart_menu._lr_unkept = True
        self.caption = widgets.HTML()
        self.numbers = widgets.HTML()
        self.extra = widgets.HTML()
        self.summary_link = widgets.HTML()
        self.page_style = widgets.HTML()
        self.output.layout.min_height = "0px"
        # The projector's chart has an Output of its own: its first chart is
        # drawn in a new plot, as wide as the page has become.
        self.projector_output = widgets.Output(layout={"display": "none"})

        self.upload.observe(self._on_upload, names="value")
        self.example_button.on_click(lambda _b: self.load_example())
        self.forget_button.on_click(lambda _b: self.forget())
        self.show_names.observe(self._on_names, names="value")
        self.projector.observe(self._on_projector, names="value")
        self.chart_menu.observe(self._on_menu, names="value")
        self.previous_button.on_click(lambda _b: self.step(-1))
        self.next_button.on_click(lambda _b: self.step(1))

        self.loading = widgets.VBox(
            [
                self.intro,
                widgets.HBox([self.upload, self.example_button, self.forget_button], layout={"flex_flow": "row wrap"}),
            ]
        )
        self.options = widgets.HBox([self.show_names, self.projector], layout={"flex_flow": "row wrap"})
        self.navigation = widgets.HBox(
            [self.previous_button, self.chart_menu, self.next_button],
            layout={"flex_flow": "row wrap", "align_items": "center"},
        )
        self.children = [
            self.loading,
            self.options,
            self.status,
            self.messages,
            self.navigation,
            self.caption,
            self.output,
            self.numbers,
            self.extra,
            self.summary_link,
            self.page_style,
            self.projector_output,
        ]
        self._draw()

    # What the view holds ------------------------------------------------------
    @property
    def active_output(self) -> widgets.Output:
        """The Output the chart is drawn in (the projector's, in projector view)."""
        return self.projector_output if self.projector.value else self.output

    def show(self, fig: go.Figure | Mapping[str, Any]) -> None:
        """Draw ``fig`` in the active Output (shown first, so the chart takes its
        width) and empty the other."""
        target = self.active_output
        other = self.output if target is self.projector_output else self.projector_output
        if isinstance(fig, go.Figure):
            self._figure, self._figure_spec = fig, None
        else:
            self._figure, self._figure_spec = None, fig
        other.outputs = ()
        other.layout.display = "none"
        target.layout.display = None
        show_figure(target, fig)

    @property
    def slide(self) -> Slide | None:
        key = self.chart_menu.value
        return next((s for s in self.slides if s.key == key), None)

    # Actions ------------------------------------------------------------------
    @guarded
    def add_files(self, files: list[tuple[str, bytes]] | list[Source]) -> ClassData:
        """Add files ((name, bytes) pairs or :class:`Source`), read the whole class again, and draw it."""
        self.sources.extend(f if isinstance(f, Source) else Source.of_bytes(*f) for f in files)
        self.data = gather(self.sources)
        self._draw()
        return self.data

    @guarded
    def load_example(self) -> None:
        self.add_files(example_files())

    @guarded
    def forget(self) -> None:
        self.sources = []
        self.data = ClassData()
        self._draw()
        self.say("The files were forgotten: choose the class's files again.")

    @guarded
    def step(self, by: int) -> None:
        if not self.slides:
            return
        keys = [s.key for s in self.slides]
        at = keys.index(self.chart_menu.value) if self.chart_menu.value in keys else 0
        self.chart_menu.value = keys[(at + by) % len(keys)]

    # Callbacks ----------------------------------------------------------------
    @guarded
    def _on_upload(self, change: Mapping[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        added = [source_of(item) for item in files]
        self.upload.value = ()  # ready for the next pick (the same files again are said to be repeats)
        self.add_files(added)

    @guarded
    def _on_names(self, change: Mapping[str, Any]) -> None:
        self._draw()

    @guarded
    def _on_projector(self, change: Mapping[str, Any]) -> None:
        self._draw()

    @guarded
    def _on_menu(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self._draw_slide()

    # Drawing ------------------------------------------------------------------
    def _draw(self) -> None:
        projector, show = self.projector.value, self.show_names.value
        for part in (self.loading, self.messages, self.numbers, self.extra, self.summary_link):
            part.layout.display = "none" if projector else None
        self.page_style.value = PROJECTOR_PAGE_STYLE if projector else ""
        big = "1.35em" if projector else None
        for button in (self.previous_button, self.next_button):
            button.style.font_size = big
            button.layout.height = "2.6em" if projector else None
        # The notes first: when the summary says "see below", what it points to is already there.
        self.messages.value = self._messages(show)
        if not self.data.files:
            self.say(EMPTY)
        else:
            # Plain ink: the widgets' warning colour does not reach AA on the book's dark page.
            self.say(self.data.summary())
        current = self.chart_menu.value
        self.slides = slides(self.data, projector)
        keys = [s.key for s in self.slides]
        if current not in keys:
            # the same chart in the other layout (classify-it is split into parts on the projector)
            current = next((k for k in keys if k.split(":")[0] == current.split(":")[0]), keys[0] if keys else "")
        self._quiet = True
        try:
            self.chart_menu.options = [(s.label, s.key) for s in self.slides] or [("No chart yet", "")]
            self.chart_menu.value = current
        finally:
            self._quiet = False
        self.navigation.layout.display = "none" if not self.slides else None
        # With nothing to project, the projector view hides no way of choosing files.
        self.loading.layout.display = "none" if projector and self.slides else None
        self.summary_link.value = self._summary(show) if self.data.readings else ""
        self._draw_slide()

    def _messages(self, show: bool) -> str:
        notes = self.data.notes
        if not notes:
            return ""
        refused = [n for n in notes if n.outcome == "refused"]
        merged = [n for n in notes if n.outcome == "merged"]
        changed = [n for n in notes if n.outcome == "read"]
        parts = []
        for title, group in (("Set aside", refused), ("Merged", merged), ("Read, with changes", changed)):
            if group:
                items = "".join(f"<li>{escape(n.text(show))}</li>" for n in group)
                parts.append(f"<p><strong>{title} ({len(group)})</strong></p><ul>{items}</ul>")
        hint = "" if show else " Files are named by number; tick Show names to see their names."
        return (
            f"<details class='lr-class-messages' open><summary>What happened to {len(notes)} of the "
            f"{len(self.data.files)} files</summary>{''.join(parts)}<p><em>The rest of the class is read as usual."
            f"{escape(hint)}</em></p></details>"
        )

    def _summary(self, show: bool) -> str:
        text = "\ufeff" + summary.summary_csv(self.data, show)  # the mark tells spreadsheets the file is UTF-8
        label = "Download the class summary (CSV" + (", with names)" if show else ", without names)")
        return f"<p>{download_link(text, 'class-summary.csv', label)}</p>"

    def _draw_slide(self) -> None:
        slide = self.slide
        projector = self.projector.value
        if slide is None:
            self.output.outputs = self.projector_output.outputs = ()
            self._figure = self._figure_spec = None
            self.caption.value = ""
            self.numbers.value = self.extra.value = ""
            return
        number = [s.key for s in self.slides].index(slide.key) + 1
        size = "font-size:1.6em;" if projector else ""
        self.caption.value = (
            f"<p style='margin:0.4em 0;{size}'><strong>Chart {number} of {len(self.slides)}:"
            f"</strong> {escape(slide.label)}</p>"
        )
        self.show(slide.figure(projector))
        self.numbers.value = slide.numbers()._repr_html_()
        self.extra.value = slide.extra(self.show_names.value)


__all__ = ["ClassView", "download_link"]
