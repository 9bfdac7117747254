"""The class view: a lecturer picks a class's exported files and sees, on the
page or the projector, what the whole room read.

:class:`ClassView` is an ipywidget like the companion's others (JupyterLab,
Binder, a hub, Colab, and live on the book page, where Python runs in the
lecturer's browser: nothing is sent anywhere). It reads the files with the
same pure reader as ``load_class_profiles`` (:mod:`.gather`) and draws the
numbers of :mod:`.summary` with the charts of :mod:`.charts`, one at a time.
Names (file names, names typed in) stay hidden unless "Show names" is ticked.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from ipywidgets.widgets.trait_types import TypedTuple
from traitlets import Dict

from ..charts.accessible import ChartNumbers
from ..markup import attribute, escape
from ..widgets.base import CompanionWidget, guarded
from ..widgets.controls import StaticHTML, labelled
from ..widgets.figures import show_figure
from . import charts, formats, summary
from .example import example_files
from .gather import ClassData, Source, gather

ACCEPT = ".json,.csv"
#: How many classify-it statements one projector chart shows.
STATEMENTS_PER_SLIDE = 4
INTRO = (
    "Choose the files your students exported from the case profiler, classify-it and the recipe mixer (many at "
    "once, and again to add more). They are read by the Python running in this browser: nothing is uploaded or "
    "sent anywhere. Student names, in file names or typed in, stay hidden unless you tick Show names."
)
EMPTY = "No files yet: choose the class's files, or try the example class (invented students)."
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
    dims = formats.dimensions()
    items = []
    for r in written:
        scores = " · ".join(f"{escape(formats.label_of(d))} {r.values[d]}" for d in dims if d in r.values)
        who = r.who(show_names)
        name = f"<strong>{escape(who)}</strong>: " if who else ""
        items.append(f"<li>{name}<span class='lr-class-scores'>{scores}</span><br>{escape(r.reading.argument)}</li>")
    by = f", ordered by their {escape(widest.label)} score (where the class is most divided)" if widest else ""
    hidden = "" if show_names else " without names"
    return (f"<details open><summary><strong>The arguments</strong> ({len(written)} of {case.students} profiles"
            f"{hidden}{by})</summary><ul class='lr-class-arguments'>{''.join(items)}</ul></details>")


def _statements(results: list[summary.StatementResult]) -> str:
    items = "".join(
        f"<li><strong>{r.number}.</strong> {escape(r.statement)} <em>The companion: {escape(r.companion)}</em> "
        f"({escape(r.source)}). {escape(r.explanation)}</li>"
        for r in results
    )
    return (f"<details><summary><strong>The statements and the companion's answers</strong>, the hardest first"
            f"</summary><ul class='lr-class-statements'>{items}</ul></details>")


def slides(data: ClassData, projector: bool = False) -> list[Slide]:
    """The charts the class's files give, in the order the view shows them."""
    out: list[Slide] = []
    cases = summary.profile_cases(data)
    disputed = summary.disagreement(cases)
    if len(disputed) > 1:
        out.append(Slide("disagreement", "Profiles: where the class disagrees most",
                         lambda p, d=disputed: charts.disagreement_figure(d, p),
                         lambda d=disputed: charts.disagreement_numbers(d)))
    for case in cases:
        out.append(Slide(f"profile:{case.case_id or formats.MY_REGION}", f"Profiles: {case.name} ({case.students})",
                         lambda p, c=case: charts.spread_figure(c, "profile", p),
                         lambda c=case: charts.spread_numbers(c, "profile"),
                         lambda show, c=case: _arguments(c, show)))
    results = summary.classify_results(data)
    if results:
        if projector and len(results) > STATEMENTS_PER_SLIDE:
            parts = -(-len(results) // STATEMENTS_PER_SLIDE)  # as even as they come: 13 = 4 + 3 + 3 + 3
            bounds = [round(i * len(results) / parts) for i in range(parts + 1)]
            for start, stop in zip(bounds, bounds[1:]):
                part = results[start:stop]
                out.append(Slide(f"classify:{start}", f"Classify it: statements {start + 1}-{stop} "
                                 f"of {len(results)}, hardest first",
                                 lambda p, r=part, s=start: charts.classify_figure(r, p, s + 1, len(results)),
                                 lambda r=part: charts.classify_numbers(r)))
        else:
            out.append(Slide("classify:0", "Classify it: the hardest statements first",
                             lambda p, r=results: charts.classify_figure(r, p),
                             lambda r=results: charts.classify_numbers(r),
                             lambda show, r=results: _statements(r)))
    for group in summary.recipe_groups(data):
        out.append(Slide(f"recipe:{group.case_id or 'none'}", f"Recipe mixes {group.name} ({group.students})",
                         lambda p, g=group: charts.spread_figure(g, "recipe", p),
                         lambda g=group: charts.spread_numbers(g, "recipe")))
    return out


def download_link(text: str, filename: str, label: str, mime: str = "text/csv") -> str:
    """A link that saves ``text`` as a file, with no server (the page turns it into a Blob link)."""
    href = f"data:{mime};charset=utf-8," + urllib.parse.quote(text)
    return f'<a download="{attribute(filename)}" href="{attribute(href)}">{escape(label)}</a>'


def _take_files(js: Any, _widget: Any = None) -> list[dict[str, Any]]:
    """The files the page sent, as FileUpload gives them (name, type, size,
    content, last_modified), each file's bytes taken out of the message's own
    dict. The book page keeps the messages of a widget page as JSON (the
    reader's kept answers): bytes left in one made Python report a problem
    after a small class's files (``learning_regions.inpage.session`` logs the
    message before ipywidgets puts its buffers in place)."""
    files = []
    for entry in js or []:
        content = entry.pop("content", b"") if isinstance(entry, dict) else b""
        modified = entry.get("last_modified") if isinstance(entry, dict) else None
        files.append({
            "name": entry.get("name", ""), "type": entry.get("type", ""), "size": entry.get("size", 0),
            "content": content if content is not None else b"",
            "last_modified": (dt.datetime.fromtimestamp(modified / 1000, tz=dt.timezone.utc)
                              if isinstance(modified, (int, float)) else None),
        })
    return files


def _give_files(value: Any, _widget: Any = None) -> list[dict[str, Any]]:
    return [{"name": f["name"], "type": f["type"], "size": f["size"], "content": f["content"],
             "last_modified": int(f["last_modified"].timestamp() * 1000) if f.get("last_modified") else 0}
            for f in value]


class ClassFileUpload(widgets.FileUpload):
    """ipywidgets' FileUpload (the same front end) whose files leave no bytes in
    the message they came in (see :func:`_take_files`)."""

    value = TypedTuple(Dict(), help="The files picked").tag(sync=True, echo_update=False, from_json=_take_files,
                                                             to_json=_give_files)


def _source(item: Mapping[str, Any]) -> Source:
    """A file from the FileUpload's value; one larger than any export is kept only as its size."""
    content = item["content"]
    size = content.nbytes if isinstance(content, memoryview) else len(content)
    data = bytes(content) if size <= formats.MAX_FILE_BYTES else b""
    modified = item.get("last_modified")
    if isinstance(modified, dt.datetime):
        modified = modified.timestamp()
    elif isinstance(modified, (int, float)):
        modified = modified / 1000
    else:
        modified = None
    return Source(str(item.get("name") or "unnamed file"), size, lambda: data, modified)


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
        self.upload = labelled(ClassFileUpload, "Choose the class's files",
                               "Exported .json or .csv files from the profiler, classify-it and the recipe mixer",
                               accept=ACCEPT, multiple=True)
        self.example_button = labelled(widgets.Button, "Try an example class",
                                       "Load the files of 30 invented students (and three files that do not fit)")
        self.forget_button = labelled(widgets.Button, "Forget the files", "Remove every file from the class view")
        self.show_names = labelled(widgets.Checkbox, "Show names", "Show file names and the names students typed",
                                   value=False, indent=False)
        self.projector = labelled(widgets.Checkbox, "Projector view", "Large type, one chart at a time",
                                  value=False, indent=False)
        self.messages = widgets.HTML()
        self.previous_button = labelled(widgets.Button, "Previous chart", "Show the chart before this one",
                                        icon="arrow-left")
        self.chart_menu = labelled(widgets.Dropdown, "Chart", "Which chart to show", options=[("No chart yet", "")],
                                   value="", layout={"width": "min(calc(100% - 4px), 30em)"})
        self.next_button = labelled(widgets.Button, "Next chart", "Show the chart after this one", icon="arrow-right")
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

        self.loading = widgets.VBox([
            self.intro,
            widgets.HBox([self.upload, self.example_button, self.forget_button],
                         layout={"flex_flow": "row wrap"}),
        ])
        self.options = widgets.HBox([self.show_names, self.projector], layout={"flex_flow": "row wrap"})
        self.navigation = widgets.HBox([self.previous_button, self.chart_menu, self.next_button],
                                       layout={"flex_flow": "row wrap", "align_items": "center"})
        self.children = [
            self.loading, self.options, self.status, self.messages, self.navigation, self.caption, self.output,
            self.numbers, self.extra, self.summary_link, self.page_style, self.projector_output,
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
        added = [_source(item) for item in files]
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
        if not self.data.files:
            self.say(EMPTY)
        else:
            # Plain ink: the widgets' warning colour does not reach AA on the book's dark page.
            self.say(self.data.summary())
        self.messages.value = self._messages(show)
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
        return (f"<details class='lr-class-messages' open><summary>What happened to {len(notes)} of the "
                f"{len(self.data.files)} files</summary>{''.join(parts)}<p><em>The rest of the class is read as usual."
                f"{escape(hint)}</em></p></details>")

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
        self.caption.value = (f"<p style='margin:0.4em 0;{size}'><strong>Chart {number} of {len(self.slides)}:"
                              f"</strong> {escape(slide.label)}</p>")
        self.show(slide.figure(projector))
        self.numbers.value = slide.numbers()._repr_html_()
        self.extra.value = slide.extra(self.show_names.value)


# --------------------------------------------------------------- the page without Python


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
    figure = go.Figure(charts.spread_figure(
        case, "profile", title="Example (invented students): " + charts.spread_title(case, "profile")))
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
            rows.append(f"<tr><th scope='row'><code>{escape(name)}</code></th><td>{required}</td>"
                        f"<td>{escape(_rule(prop))}</td><td>{escape(prop.get('description', ''))}</td></tr>")
            for inner, inner_spec in prop.get("properties", {}).items() if prop.get("x-read", True) else ():
                rows.append(f"<tr><th scope='row'><code>{escape(name)}.{escape(inner)}</code></th><td>no</td>"
                            f"<td>{escape(_rule(inner_spec))}</td><td>{escape(inner_spec.get('description', ''))}</td></tr>")
            if "propertyNames" in prop:
                names = prop["propertyNames"]["enum"]
                answers = prop["additionalProperties"]["enum"]
                rows.append(f"<tr><th scope='row'><code>{escape(name)}.&lt;statement&gt;</code></th><td>no</td>"
                            f"<td>{escape('one of: ' + ', '.join(answers))}; a bad value is left out, said</td>"
                            f"<td>{escape(f'One of the {len(names)} statement ids of data/classify_examples.csv.')}</td></tr>")
        blocks.append(
            f"<table class='lr-formats'><caption style='color:inherit;text-align:left'><code>{escape(fmt)}</code>, "
            f"version {formats.VERSIONS[fmt]}: {escape(spec['title'])}</caption><thead><tr><th scope='col'>Field</th>"
            "<th scope='col'>Required</th><th scope='col'>Value</th><th scope='col'>Meaning</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return StaticHTML("<div class='lr-formats' style='overflow-x:auto'>" + "".join(blocks) + "</div>",
                      "The export formats (HTML)")


__all__ = ["ClassView", "Slide", "StaticView", "class_view_static", "formats_reference", "slides"]
