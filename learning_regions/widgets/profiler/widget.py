"""The case profiler widget: choose a case, move the sliders to argue for your
own reading, compare, export and import (the logic is in ``model``,
``exchange``, ``figure`` and ``static``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from ...classroom.exports import stamp, student_field
from ...classroom.formats import identity, new_export_id
from ...scales import SCORE_LABELS, legend, words_for
from ..base import CompanionWidget, guarded
from ..controls import fluid, heading, labelled, row, slider_column, status_html
from .exchange import (
    MAX_IMPORT_CHARS,
    ImportResult,
    coerce_score,
    download_link,
    parse_profile,
    profile_to_csv,
    profile_to_json,
)
from .figure import profile_figure_spec
from .model import (
    ALL_DIMENSIONS,
    DEFAULT_SCORE,
    MAX_NAME_CHARS,
    MAX_SCORE,
    MIN_SCORE,
    MY_REGION,
    MY_REGION_NAME,
    Profile,
    blank_profile,
    case_choices,
    case_ids,
    case_name,
    companion_profile,
    is_starting,
    starting_profile,
)
from .static import evidence_table


class CaseProfiler(CompanionWidget):
    """Choose a case, move the sliders to argue for your own reading, compare,
    export and import. ``figure`` holds the chart on show. Each case keeps the
    reader's own scores and argument for the session; a loaded profile can be undone."""

    def __init__(self, case_id: str = "jena", **kwargs: Any):
        super().__init__(**kwargs)
        self._quiet = self._started = False
        self._kept: dict[str, Profile] = {}  # case id -> the reader's own scores and argument for it
        self._before_load: tuple[Profile, str, dict[str, Profile]] | None = None
        self.case = labelled(widgets.Dropdown, "Case", "The case to read", options=case_choices(), value=case_ids()[0])
        self.region_name = labelled(
            widgets.Text,
            "Name of your region",
            "Shown in the chart and the export",
            value=MY_REGION_NAME,
            placeholder="e.g. Twente",
            layout={"display": "none", "max_width": "100%"},
        )
        width, layout = slider_column([f"{SCORE_LABELS[d]} (0-4)" for d in ALL_DIMENSIONS])
        self.sliders = {
            d: labelled(
                widgets.IntSlider,
                f"{SCORE_LABELS[d]} (0-4)",
                f"Your score for {SCORE_LABELS[d].lower()}: " + legend(words_for(d)),
                min=MIN_SCORE,
                max=MAX_SCORE,
                step=1,
                value=DEFAULT_SCORE,
                continuous_update=False,
                label_width=width,
                layout=dict(layout),
            )
            for d in ALL_DIMENSIONS
        }
        self.reset_button = labelled(
            widgets.Button,
            "Back to the companion's reading",
            "Set every slider to the companion's score for this case",
        )
        self.compare = labelled(
            widgets.Dropdown,
            "Compare with",
            "Draw the companion's reading of a second case",
            options=[("No second case", "")] + [(case_name(c), c) for c in case_ids()],
            value="",
        )
        self.argument = labelled(
            widgets.Textarea,
            "Your argument",
            "Why your scores differ from the companion's; cite paragraphs",
            placeholder=("Why do your scores differ from the companion's? Name the paragraph (¶) that supports you."),
            rows=4,
            layout=fluid(),
        )
        self.evidence = widgets.HTML()
        self.export_format = labelled(
            widgets.ToggleButtons,
            "Export as",
            None,
            options=[("JSON", "json"), ("CSV", "csv")],
            value="json",
            tooltips=["JSON: to load back here", "CSV: for a spreadsheet"],
        )
        self.student, self.export_id = student_field(), new_export_id()
        self.export_text = labelled(
            widgets.Textarea,
            "Your profile (select all and copy)",
            "The current profile as text",
            rows=7,
            layout=fluid(),
        )
        self.export_link = widgets.HTML()
        self.import_text = labelled(
            widgets.Textarea,
            "Paste a profile to load",
            "JSON or CSV exported from this widget",
            placeholder='{"case_id": "jena", "scores": {"place": 3, ...}}',
            rows=4,
            layout=fluid(),
        )
        self.import_button = labelled(
            widgets.Button, "Load the pasted profile", "Read the text above and set the sliders"
        )
        self.upload = labelled(
            widgets.FileUpload,
            "Load a profile file",
            "A .json or .csv file exported from this widget",
            accept=".json,.csv,.txt",
            multiple=False,
        )
        self.undo_button = labelled(
            widgets.Button,
            "Undo loading",
            "Bring back the case, scores and argument shown before the profile was loaded",
            layout={"width": "auto", "display": "none"},
        )
        # What the last load said, under the load buttons too: the status line sits
        # far above them, off a phone's screen (screen readers hear that one only).
        self.load_note = widgets.HTML()
        # How the page's kept answers replay this widget (learning_regions.inpage.replay.MARKS):
        # each case keeps its own scores, so every change of case is a step of the log.
        self.case._lr_step = True
        self.import_button._lr_settles = self.upload._lr_settles = self.undo_button._lr_settles = True
        self.export_text._lr_derived = True

        self.case.observe(self._on_case, names="value")
        self.region_name.observe(self._on_change, names="value")
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.compare.observe(self._on_change, names="value")
        self.argument.observe(self._on_argument, names="value")
        self.export_format.observe(self._on_argument, names="value")
        self.student.observe(self._on_argument, names="value")
        self.reset_button.on_click(lambda _button: self.reset())
        self.import_button.on_click(lambda _button: self.load_text(self.import_text.value))
        self.upload.observe(self._on_upload, names="value")
        self.undo_button.on_click(lambda _button: self.undo_load())

        self.children = [
            row([self.case, self.region_name]),
            widgets.VBox(list(self.sliders.values())),
            row([self.reset_button, self.compare]),
            self.status,
            self.output,
            self.evidence,
            self.argument,
            widgets.VBox([heading("Export your profile"), self.student]),  # one child: kept answers keep their paths
            self.export_format,
            self.export_text,
            self.export_link,
            heading("Load a profile"),
            self.import_text,
            row([self.import_button, self.upload, self.undo_button]),  # late: earlier paths stay
            self.load_note,
        ]
        self.select_case(case_id)
        self._started = True

    # What the controls say -------------------------------------------------
    def current_profile(self) -> Profile:
        return self._shown(self.case.value)

    def _shown(self, case_id: str) -> Profile:
        """The controls' scores and argument, as ``case_id``'s profile."""
        name = (
            (self.region_name.value.strip()[:MAX_NAME_CHARS] or MY_REGION_NAME)
            if case_id == MY_REGION
            else case_name(case_id)
        )
        return Profile(case_id, name, {d: int(s.value) for d, s in self.sliders.items()}, self.argument.value)

    def set_scores(self, scores: Mapping[str, Any]) -> list[str]:
        """Set sliders from a mapping; out-of-range values are clamped, others refused (with messages)."""
        notes = []
        self._quiet = True
        try:
            for d, raw in scores.items():
                if d not in self.sliders:
                    notes.append(f"Ignored {str(d)[:30]!r}: not one of the four dimensions.")
                    continue
                value, note = coerce_score(raw, d)
                if note:
                    notes.append(note + ("." if value is not None else "; kept the slider where it was."))
                if value is not None:
                    self.sliders[d].value = value
        finally:
            self._quiet = False
        self._refresh()
        if notes:
            self.say(" ".join(notes), "warning")
        return notes

    # Actions ---------------------------------------------------------------
    @guarded
    def select_case(self, case_id: str) -> None:
        valid = [value for _label, value in case_choices()]
        if case_id not in valid:
            if self.figure is None:
                self._on_case({"new": self.case.value})
            self.say(
                f"There is no case {str(case_id)[:40]!r}; showing {case_name(self.case.value)}. "
                f"Choose one of: {', '.join(valid)}.",
                "warning",
            )
            return
        if self.case.value == case_id:
            self._on_case({"new": case_id})
        else:
            self.case.value = case_id

    @guarded
    def reset(self) -> None:
        profile = companion_profile(self.case.value) if self.case.value != MY_REGION else blank_profile()
        self._drop_undo()
        self._apply(profile, keep_argument=True)
        self.say("Sliders set to the companion's reading." if self.case.value != MY_REGION else "Sliders set to 2.")

    @guarded
    def load_text(self, text: Any, from_file: bool = False) -> ImportResult:
        result = parse_profile(text, from_file=from_file)
        if not result.accepted:
            self._say_at_load(" ".join(result.messages), "error")
            return result
        shown = self.current_profile()
        earlier = self._kept.get(result.profile.case_id) if result.profile.case_id != shown.case_id else None
        self._before_load = (shown, self.region_name.value, dict(self._kept))
        self._keep(shown)
        self._apply(result.profile, keep_argument=False)
        self.undo_button.layout.display = None
        loaded = f"Loaded a profile of {result.profile.name}. {self._replaced(shown, earlier, result.profile)}"
        if result.messages:
            self._say_at_load(loaded + " " + " ".join(result.messages), "warning")
        else:
            self._say_at_load(loaded, "ok")
        return result

    @guarded
    def undo_load(self) -> None:
        """Bring back what was shown before the last profile was loaded (and each case's own scores)."""
        if self._before_load is None:
            self.say("There is no loaded profile to undo.")
            return
        shown, region, kept = self._before_load
        self._drop_undo()
        self._kept = kept
        self._apply(shown, keep_argument=False, region=region)
        self._say_at_load(f"Loading was undone: {shown.name} is shown with the scores and argument it had before.")

    @staticmethod
    def _replaced(shown: Profile, earlier: Profile | None, loaded: Profile) -> str:
        """What a loaded profile replaced, in a sentence."""
        if is_starting(shown):
            start = "the starting scores" if shown.case_id == MY_REGION else "the companion's reading"
            what = f"{start} of {shown.name}"
        else:
            what = f"your scores{' and argument' if shown.argument.strip() else ''} for {shown.name}"
            if shown.case_id != loaded.case_id:
                what += f" (still kept with {shown.name})"
        if earlier is not None:
            what += f" and your earlier scores for {earlier.name}"
        return f"It replaced {what}; Undo loading brings back what was shown before."

    def _keep(self, profile: Profile) -> Profile | None:
        """Keep ``profile`` as its case's own (nothing when it holds nothing of the reader's)."""
        if is_starting(profile):
            self._kept.pop(profile.case_id, None)
            return None
        self._kept[profile.case_id] = profile
        return profile

    def _drop_undo(self) -> None:
        self._before_load = None
        self.undo_button.layout.display = "none"
        self.load_note.value = ""

    def _say_at_load(self, message: str, kind: str = "info") -> None:
        """Say ``message`` in the status line and, for the eye, under the load buttons."""
        self.say(message, kind)
        self.load_note.value = status_html(message, kind, announce=False)

    def _apply(self, profile: Profile, keep_argument: bool, region: str | None = None) -> None:
        self._quiet = True
        try:
            self.case.value = profile.case_id
            self.region_name.layout.display = "flex" if profile.case_id == MY_REGION else "none"
            if profile.case_id == MY_REGION:
                self.region_name.value = profile.name if region is None else region
            for d, slider in self.sliders.items():
                slider.value = profile.score(d)
            if not keep_argument:
                self.argument.value = profile.argument
        finally:
            self._quiet = False
        self._refresh()

    # Callbacks -------------------------------------------------------------
    @guarded
    def _on_case(self, change: Mapping[str, Any]) -> None:
        if self._quiet:
            return
        case_id, old = change["new"], change.get("old")
        left = self._keep(self._shown(old)) if self._started and old not in (None, case_id) else None
        mine = self._kept.get(case_id)
        profile = mine or starting_profile(case_id, self.region_name.value.strip() or MY_REGION_NAME)
        self._drop_undo()
        self._apply(profile, keep_argument=False)
        if mine is not None:
            with_argument = ", with your argument" if mine.argument.strip() else ""
            text = f"Your own scores for {profile.name} are shown again{with_argument}, as you left them."
        elif case_id == MY_REGION:
            text = "Your own region: the companion has no reading, so every slider starts at 2. Name it and score it."
        else:
            text = f"The companion's reading of {profile.name}. Move a slider to argue for another score."
        if left is not None:
            text += f" What you set for {left.name} is kept: choose it again to see it."
        self.say(text)

    @guarded
    def _on_change(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            if change.get("owner") is not self.compare:
                self._drop_undo()  # something new: the state before the load is no longer one step back
            self.say("")  # a message describes the last action: an earlier warning no longer applies
            self._refresh()

    @guarded
    def _on_argument(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            if change.get("owner") is self.argument:
                self._drop_undo()
            self.say("")
            self._refresh_export(self.current_profile())

    @guarded
    def _on_upload(self, change: Mapping[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        content = item["content"] if isinstance(item, Mapping) else getattr(item, "content", b"")
        if len(bytes(content)) > MAX_IMPORT_CHARS * 4:
            self.say("That file is too large to be a profile; nothing was loaded.", "error")
            return
        self.load_text(bytes(content), from_file=True)

    # Drawing ---------------------------------------------------------------
    def _refresh(self) -> None:
        profile = self.current_profile()
        reference = companion_profile(profile.case_id) if profile.case_id != MY_REGION else None
        compare = companion_profile(self.compare.value) if self.compare.value else None
        self.show(profile_figure_spec(profile, reference, compare))
        self.evidence.value = evidence_table(profile, compare)
        self._refresh_export(profile)

    def _refresh_export(self, profile: Profile) -> None:
        slug = "".join(ch if ch.isalnum() else "-" for ch in profile.name.lower()).strip("-") or "profile"
        if self.export_format.value == "csv":
            who = identity(self.student.value, self.export_id)
            text = profile_to_csv(profile, who.get("student", ""), who.get("export_id", ""))
            filename, mime = f"pnc-profile-{slug}.csv", "text/csv"
        else:
            text, filename, mime = (
                stamp(profile_to_json(profile), self.student.value, self.export_id),
                f"pnc-profile-{slug}.json",
                "application/json",
            )
        self.export_text.value = text
        self.export_link.value = download_link(text, filename, mime)


__all__ = ["CaseProfiler"]
