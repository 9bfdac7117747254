"""The companion's three 0-4 scales, named in one place.

- place, network and community: how visible each category is in a case;
- Learning Region fit: how well the bounded model fits a case as told;
- recipe weights: how much of an ingredient a case paragraph uses.

Widgets, charts, exports and the class view take their words from here;
``data/datapackage.json`` describes the same scales for people, and
``tests/test_scales.py`` checks that the two agree. Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping

SCORE_WORDS: Mapping[int, str] = {0: "not visible", 1: "hinted", 2: "present", 3: "prominent", 4: "defining"}
FIT_WORDS: Mapping[int, str] = {0: "no fit", 1: "weak fit", 2: "partial fit", 3: "good fit", 4: "close fit"}
#: What each fit score means: the data dictionary, the data page and the
#: synthesis each state these words after the score (tests/test_scales.py).
FIT_MEANINGS: Mapping[int, str] = {
    0: "no element of the model fits",
    1: "one element fits, or two or more fit but more of the case works against the model than for it",
    2: "two or more elements fit, and no more works against the model than for it",
    3: "most elements fit, and none works against",
    4: "all five elements fit",
}
#: How each profiler dimension is labelled wherever its score appears (charts,
#: profiler, exports, class view). The place score is narrower than the
#: Introduction's place (¶4): it measures how firmly a case's story is
#: anchored in a site or territory, so its label says "site".
SCORE_LABELS: Mapping[str, str] = {
    "place": "Place (site)",
    "network": "Network",
    "community": "Community",
    "learning_region": "Learning Region fit",
}
WEIGHT_WORDS: Mapping[int, str] = {0: "not mentioned", 1: "minor", 2: "present", 3: "important", 4: "central"}


def legend(words: Mapping[int, str]) -> str:
    """'0 not visible, 1 hinted, ...': a scale in one line."""
    return ", ".join(f"{score} {word}" for score, word in words.items())


def span(words: Mapping[int, str]) -> str:
    """'0 (not mentioned) to 4 (central)': a scale's two ends."""
    low, high = min(words), max(words)
    return f"{low} ({words[low]}) to {high} ({words[high]})"


def words_for(dimension: str) -> Mapping[int, str]:
    """The words of a profiler dimension's scale."""
    return FIT_WORDS if dimension == "learning_region" else SCORE_WORDS


#: Both profiler scales in one line, for exports and chart notes.
PROFILE_LEGEND = f"{legend(SCORE_WORDS)}; Learning Region fit: {legend(FIT_WORDS)}"
WEIGHT_LEGEND = legend(WEIGHT_WORDS)

__all__ = [
    "FIT_MEANINGS",
    "FIT_WORDS",
    "PROFILE_LEGEND",
    "SCORE_LABELS",
    "SCORE_WORDS",
    "WEIGHT_LEGEND",
    "WEIGHT_WORDS",
    "legend",
    "span",
    "words_for",
]
