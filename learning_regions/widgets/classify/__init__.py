"""Classify it: sort short situations from the texts into place, network or
community, with the companion's answer explained and a running score.

The statements, answers and explanations are the companion's
(classify_examples.csv); the answers are a reading to discuss, not a key.

- ``model``: statements, feedback, the quiz;
- ``figure``: the tally chart;
- ``static``: the kernel-free view;
- ``widget``: :class:`ClassifyIt`.
"""

from .figure import tally_figure
from .model import Example, Feedback, Quiz, check_answer, examples, normalise_choice
from .static import classify_static_view
from .widget import ClassifyIt

__all__ = [
    "ClassifyIt",
    "Example",
    "Feedback",
    "Quiz",
    "check_answer",
    "classify_static_view",
    "examples",
    "normalise_choice",
    "tally_figure",
]
