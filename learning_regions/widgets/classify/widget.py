"""Classify it, the widget: one statement at a time; choose, check, read the
explanation, go on."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ...classroom.exports import ExportBox, classify_export
from ...markup import escape
from ..base import CompanionWidget, guarded
from ..controls import labelled, row
from ..furniture import LAYER_LABELS, LAYERS
from .figure import tally_figure
from .model import Feedback, Quiz


class ClassifyIt(CompanionWidget):
    """One statement at a time: choose, check, read the explanation, go on."""

    def __init__(self, shuffle_seed: int | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.shuffle_seed = shuffle_seed
        self.quiz = Quiz.new(shuffle_seed)
        self.statement = widgets.HTML()
        self.choice = labelled(
            widgets.RadioButtons,
            "Your answer",
            "Place, network or community?",
            options=[(LAYER_LABELS[layer], layer) for layer in LAYERS],
            value=None,
        )
        self.check_button = labelled(
            widgets.Button, "Check my answer", "Compare your answer with the companion's", button_style="primary"
        )
        self.next_button = labelled(widgets.Button, "Next statement", "Go on to the next statement")
        self.restart_button = labelled(
            widgets.Button, "Start again", "Clear the score and start from the first statement"
        )
        self.feedback = widgets.HTML()
        self.score = widgets.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.next_button.on_click(lambda _b: self.next())
        self.restart_button.on_click(lambda _b: self.restart())
        self.export = ExportBox(
            "your answers",
            "classify-answers",
            lambda student, export_id: classify_export(self.quiz.answers, student, export_id),
        )
        self.children = [
            self.statement,
            self.choice,
            row([self.check_button, self.next_button, self.restart_button]),
            self.feedback,
            self.status,
            self.score,
            self.output,
            self.export,
        ]
        self._draw()

    @guarded
    def check(self, choice: Any = None) -> Feedback:
        """Check ``choice`` (or the radio buttons' value) against the companion's answer."""
        picked = self.choice.value if choice is None else choice
        feedback = self.quiz.answer(picked)
        colour = "#00734f" if feedback.correct else ("#b35900" if feedback.counted else "#7a7a7a")
        self.feedback.value = (
            f'<div role="status" aria-live="polite" style="border-left:4px solid {colour};padding-left:0.6em">'
            f"{escape(feedback.message)} <em>({escape(feedback.example.where)})</em></div>"
        )
        if not feedback.counted and feedback.choice is None:
            self.say("Nothing was scored: pick one of the three answers.", "warning")
        else:
            self.say("")
        self._draw(keep_feedback=True)
        return feedback

    @guarded
    def next(self) -> None:
        self.quiz.next()
        self.choice.value = None
        self._draw()

    @guarded
    def restart(self) -> None:
        self.quiz = Quiz.new(self.shuffle_seed)  # the same order as before, from the first statement
        self.choice.value = None
        self._draw()
        self.say("Score cleared.")

    def _draw(self, keep_feedback: bool = False) -> None:
        e = self.quiz.current
        done = " (answered)" if e.example_id in self.quiz.answers else ""
        self.statement.value = (
            f"<p><strong>Statement {self.quiz.position + 1} of {len(self.quiz.items)}{done}</strong></p>"
            f"<blockquote style='margin:0.3em 0 0.6em 0;font-size:1.1em'>{escape(e.statement)}</blockquote>"
        )
        if not keep_feedback:
            self.feedback.value = ""
        self.score.value = f"<p><strong>{escape(self.quiz.score_text())}</strong></p>"
        if self.quiz.finished:
            self.score.value += (
                "<p>You have answered every statement. Which ones would you defend against the companion's reading?</p>"
            )
        self.show(tally_figure(self.quiz))
        self.export.refresh()


__all__ = ["ClassifyIt"]
