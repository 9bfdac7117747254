"""The recipe mixer widget: mix your own city with sliders and compare it with
the cases (the logic is in ``model``, the chart in ``figure``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from ...classroom.exports import ExportBox, recipe_export
from ...markup import escape
from ...scales import WEIGHT_WORDS, span
from ..base import CompanionWidget, guarded
from ..controls import labelled, row, slider_column
from .figure import recipe_figure_spec
from .model import (
    CLOSENESS_DOES_NOT_MEAN,
    CLOSENESS_MEANS,
    DEFAULT_WEIGHT,
    MAX_NAME_CHARS,
    MAX_WEIGHT,
    MIN_WEIGHT,
    MY_CITY,
    case_name,
    case_recipe,
    clamp_weight,
    explain,
    ingredients,
    rank_cases,
    recipe_case_ids,
)


class RecipeMixer(CompanionWidget):
    """Mix your own city with sliders and compare it with every case the companion weighs."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._quiet = False
        self.name = labelled(
            widgets.Text, "Your city's name", "Shown in the chart", value=MY_CITY, placeholder="e.g. Tampere"
        )
        # The ingredient's name alone (the scale, 0-4, is in each slider's tooltip
        # and over the chart): the longest must fit a phone's line.
        width, layout = slider_column([i.label for i in ingredients()])
        self.sliders = {
            i.ingredient_id: labelled(
                widgets.IntSlider,
                i.label,
                f"{i.description} Weight {span(WEIGHT_WORDS)}.",
                min=MIN_WEIGHT,
                max=MAX_WEIGHT,
                step=1,
                value=DEFAULT_WEIGHT,
                continuous_update=False,
                label_width=width,
                layout=dict(layout),
            )
            for i in ingredients()
        }
        self.compare = labelled(
            widgets.Dropdown,
            "Compare with",
            "Draw this case's mix beside yours",
            options=[("The closest case", "")] + [(case_name(c), c) for c in recipe_case_ids()],
            value="",
        )
        self.copy_button = labelled(
            widgets.Button, "Start from this case's weights", "Set every slider to the compared case's weights"
        )
        self.explanation = widgets.HTML()
        self.name.observe(self._on_change, names="value")
        self.compare.observe(self._on_change, names="value")
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.copy_button.on_click(lambda _button: self.copy_case(self.compare.value or rank_cases(self.mix())[0][0]))
        self.export = ExportBox(
            "your weights",
            "recipe-mix",
            lambda student, export_id: recipe_export(
                self.mix(), self.city_name(), self.compare.value or None, student, export_id
            ),
        )
        self.children = [
            self.name,
            widgets.VBox(list(self.sliders.values())),
            row([self.compare, self.copy_button]),
            self.status,
            self.output,
            self.explanation,
            self.export,
        ]
        self.refresh()

    def mix(self) -> dict[str, int]:
        return {i: int(s.value) for i, s in self.sliders.items()}

    def city_name(self) -> str:
        return self.name.value.strip()[:MAX_NAME_CHARS] or MY_CITY

    @guarded
    def set_mix(self, weights: Mapping[str, Any]) -> None:
        """Set several sliders; unknown ingredients are reported, values clamped to 0-4."""
        unknown = [str(k)[:30] for k in weights if k not in self.sliders]
        changed = []
        self._quiet = True
        try:
            for key, raw in weights.items():
                if key in self.sliders:
                    value = clamp_weight(raw)
                    if str(value) != str(raw):
                        changed.append(f"{key}: {str(raw)[:20]} → {value}")
                    self.sliders[key].value = value
        finally:
            self._quiet = False
        self.refresh()
        notes = []
        if unknown:
            notes.append(f"Not an ingredient of the recipe: {', '.join(unknown)}.")
        if changed:
            notes.append(f"Weights run from 0 to 4, so: {'; '.join(changed)}.")
        if notes:
            self.say(" ".join(notes), "warning")

    @guarded
    def copy_case(self, case_id: str) -> None:
        if case_id not in recipe_case_ids():
            self.say(f"There is no case {str(case_id)[:40]!r} to copy.", "warning")
            return
        self.set_mix(case_recipe(case_id))
        self.say(f"Started from the companion's weights for {case_name(case_id)}: now move the sliders.")

    @guarded
    def _on_change(self, change: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.refresh()

    @guarded
    def refresh(self) -> None:
        mix, name = self.mix(), self.city_name()
        self.show(recipe_figure_spec(mix, name, self.compare.value or None))
        self.explanation.value = (
            f"<p>{escape(explain(mix, name, self.compare.value or None))}</p>"
            f"<p><strong>What closeness means.</strong> {escape(CLOSENESS_MEANS)}</p>"
            f"<p><strong>What it does not mean.</strong> {escape(CLOSENESS_DOES_NOT_MEAN)}</p>"
        )
        self.export.refresh()
        self.say("")


__all__ = ["RecipeMixer"]
