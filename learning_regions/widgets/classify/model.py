"""Classify it's model: the statements with the companion's answers
(classify_examples.csv), the feedback on one answer, and the running quiz."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...charts.data import citation
from ...loader import load_table
from ..furniture import LAYER_LABELS, LAYERS


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
        return citation(self.source_id, [self.locator])


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
        message = (
            f"The companion reads this as {answer.lower()}, not {chosen}. {example.explanation} "
            "If you can argue for your answer from the text, note the paragraph and discuss it."
        )
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
            return Feedback(
                example,
                feedback.choice,
                feedback.correct,
                False,
                "Already answered (the first answer counts). " + feedback.message,
            )
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


__all__ = ["Example", "Feedback", "Quiz", "check_answer", "examples", "normalise_choice"]
