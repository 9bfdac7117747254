"""Classify it: sort short situations from the texts into place, network or
community, with the companion's answer explained and a running score.

The statements, answers and explanations are the companion's
(classify_examples.csv); the answers are a reading to discuss, not a key.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from ..classroom.exports import ExportBox, classify_export
from ..loader import load_table
from .common import (
    LAYER_COLOURS,
    LAYER_LABELS,
    LAYERS,
    SHORT_SOURCE,
    LiveWidget,
    StaticHTML,
    cartesian_axes,
    escape,
    frame,
    guarded,
    labelled,
)


@dataclass(frozen=True)
class Example:
    example_id: str
    statement: str
    answer: str
    explanation: str
    source_id: str
    locator: str

    @property
    def where(self) -> str:
        return f"{SHORT_SOURCE.get(self.source_id, self.source_id)}, {self.locator}"


def examples() -> list[Example]:
    return [
        Example(r["example_id"], r["statement"], r["answer"], r["explanation"], r["source_id"], r["locator"])
        for r in load_table("classify_examples").require_rows("Classify it")
    ]


@dataclass(frozen=True)
class Feedback:
    """What the reader is told after answering one statement."""

    example: Example
    choice: str | None
    correct: bool
    counted: bool
    message: str


def normalise_choice(choice: Any) -> str | None:
    """'Place', ' network ' -> 'place', 'network'; anything else -> None."""
    if not isinstance(choice, str):
        return None
    value = choice.strip().lower()
    return value if value in LAYERS else None


def check_answer(example: Example, choice: Any) -> Feedback:
    """Compare a choice with the companion's answer and explain it."""
    chosen = normalise_choice(choice)
    if chosen is None:
        return Feedback(example, None, False, False, "Choose place, network or community first.")
    answer = LAYER_LABELS[example.answer]
    if chosen == example.answer:
        message = f"Yes: {answer.lower()}. {example.explanation}"
    else:
        message = (f"The companion reads this as {answer.lower()}, not {chosen}. {example.explanation} "
                   "If you can argue for your answer from the text, note the paragraph and discuss it.")
    return Feedback(example, chosen, chosen == example.answer, True, message)


@dataclass
class Quiz:
    """The running state: statements in order, answers given, score."""

    items: Sequence[Example]
    position: int = 0
    answers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def new(cls, shuffle_seed: int | None = None) -> "Quiz":
        items = examples()
        if shuffle_seed is not None:
            random.Random(shuffle_seed).shuffle(items)
        return cls(items)

    @property
    def current(self) -> Example:
        return self.items[self.position]

    @property
    def finished(self) -> bool:
        return len(self.answers) == len(self.items)

    @property
    def right(self) -> int:
        by_id = {e.example_id: e for e in self.items}
        return sum(1 for k, v in self.answers.items() if by_id[k].answer == v)

    @property
    def answered(self) -> int:
        return len(self.answers)

    def answer(self, choice: Any) -> Feedback:
        """Score the current statement; a second answer to it is explained but not counted again."""
        example = self.current
        feedback = check_answer(example, choice)
        if not feedback.counted:
            return feedback
        if example.example_id in self.answers:
            return Feedback(example, feedback.choice, feedback.correct, False,
                            "Already answered (the first answer counts). " + feedback.message)
        self.answers[example.example_id] = feedback.choice
        return feedback

    def next(self) -> Example:
        self.position = (self.position + 1) % len(self.items)
        return self.current

    def tally(self) -> dict[str, tuple[int, int]]:
        """For each category of the companion's answer: (right, wrong) so far."""
        counts = {layer: [0, 0] for layer in LAYERS}
        by_id = {e.example_id: e for e in self.items}
        for example_id, choice in self.answers.items():
            answer = by_id[example_id].answer
            counts[answer][0 if choice == answer else 1] += 1
        return {k: (v[0], v[1]) for k, v in counts.items()}

    def score_text(self) -> str:
        if not self.answered:
            return f"Score: nothing answered yet ({len(self.items)} statements)."
        return f"Score: {self.right} of {self.answered} answered as the companion reads them ({len(self.items)} statements in all)."


def tally_figure(quiz: Quiz) -> go.Figure:
    """Right and other answers so far, by the companion's category: where do you read differently?"""
    tally = quiz.tally()
    labels = [LAYER_LABELS[layer] for layer in LAYERS]
    fig = go.Figure()
    fig.add_bar(x=labels, y=[tally[layer][0] for layer in LAYERS], name="as the companion reads it",
                marker_color=[LAYER_COLOURS[layer] for layer in LAYERS],
                hovertemplate="%{x}: %{y} as the companion reads it<extra></extra>")
    fig.add_bar(x=labels, y=[tally[layer][1] for layer in LAYERS], name="read differently",
                marker={"color": "rgba(0,0,0,0)", "line": {"color": [LAYER_COLOURS[layer] for layer in LAYERS], "width": 2},
                        "pattern": {"shape": "/", "fgcolor": "rgba(128,128,128,0.9)"}},
                hovertemplate="%{x}: %{y} read differently<extra></extra>")
    total = {layer: sum(1 for e in quiz.items if e.answer == layer) for layer in LAYERS}
    frame(fig, escape(quiz.score_text().replace("Score: ", "Your score: ")),
          f"Statements, answers and explanations: the companion's reading (data/classify_examples.csv), "
          f"{sum(total.values())} statements.", height=360, top=90, bottom=100, left=80, legend_px=40)
    cartesian_axes(fig)
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(title_text="Statements answered", rangemode="tozero", dtick=1,
                     range=[0, max(max(total.values()), 1) + 0.5])
    fig.update_xaxes(title_text="The companion's category")
    return fig


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


class ClassifyIt(LiveWidget):
    """One statement at a time: choose, check, read the explanation, go on."""

    def __init__(self, shuffle_seed: int | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.shuffle_seed = shuffle_seed
        self.quiz = Quiz.new(shuffle_seed)
        self.statement = widgets.HTML()
        self.choice = labelled(
            widgets.RadioButtons, "Your answer", "Place, network or community?",
            options=[(LAYER_LABELS[layer], layer) for layer in LAYERS], value=None,
        )
        self.check_button = labelled(widgets.Button, "Check my answer", "Compare your answer with the companion's",
                                     button_style="primary")
        self.next_button = labelled(widgets.Button, "Next statement", "Go on to the next statement")
        self.restart_button = labelled(widgets.Button, "Start again", "Clear the score and start from the first statement")
        self.feedback = widgets.HTML()
        self.score = widgets.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.next_button.on_click(lambda _b: self.next())
        self.restart_button.on_click(lambda _b: self.restart())
        self.export = ExportBox("your answers", "classify-answers",
                                lambda student, export_id: classify_export(self.quiz.answers, student, export_id))
        self.children = [
            self.statement,
            self.choice,
            widgets.HBox([self.check_button, self.next_button, self.restart_button]),
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
        self.feedback.value = (f'<div role="status" aria-live="polite" style="border-left:4px solid {colour};padding-left:0.6em">'
                               f"{escape(feedback.message)} <em>({escape(feedback.example.where)})</em></div>")
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
            self.score.value += "<p>You have answered every statement. Which ones would you defend against the companion's reading?</p>"
        self.show(tally_figure(self.quiz))
        self.export.refresh()


__all__ = [
    "ClassifyIt", "Example", "Feedback", "Quiz", "check_answer", "classify_static_view", "examples",
    "normalise_choice", "tally_figure",
]
