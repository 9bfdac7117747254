"""What the export formats are checked against, from the companion's data.

The profiler's dimensions and scale, the cases it reads and the recipe mixer
weighs, classify-it's statements and answers, the ingredients: each comes
from the data dictionary and the tables (``data/``), so a case or an
ingredient a lecturer adds is part of the formats (:mod:`.formats`) and of
what the reader (:mod:`.reading`) accepts. Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..scales import SCORE_LABELS


@dataclass(frozen=True)
class Vocabulary:
    """What the formats take from the data dictionary and tables: the
    profiler's dimensions and scale, the cases, the statements, the
    ingredients. Made once per version of the data folder (looking the tables
    up for every file of a class took most of the reading time)."""

    dimensions: tuple[str, ...]
    score_range: tuple[int, int]
    weight_range: tuple[int, int]
    profile_cases: Mapping[str, str]
    recipe_cases: Mapping[str, str]
    layers: tuple[str, ...]
    statements: Mapping[str, Mapping[str, Any]]
    ingredients: Mapping[str, str]


_VOCABULARY: dict[int, tuple[Any, Vocabulary]] = {}


def vocabulary() -> Vocabulary:
    """The current :class:`Vocabulary` (made again when the data folder changes)."""
    from ..loader import _package

    package = _package(None)
    cached = _VOCABULARY.get(id(package))
    if cached is not None and cached[0] is package:
        return cached[1]

    def span(table: str, column: str) -> tuple[int, int]:
        constraints = package.table(table).field(column).constraints
        return int(constraints.get("minimum", 0)), int(constraints.get("maximum", 4))

    cases = package.table("cases")
    read = {row["case_id"] for row in package.table("pnc_readings")}
    weighed = {row["case_id"] for row in package.table("recipe_weights")}
    made = Vocabulary(
        dimensions=tuple(package.table("pnc_readings").field("dimension").constraints["enum"]),
        score_range=span("pnc_readings", "score"),
        weight_range=span("recipe_weights", "weight"),
        profile_cases={row["case_id"]: row["name"] for row in cases if row["case_id"] in read},
        recipe_cases={row["case_id"]: row["name"] for row in cases if row["case_id"] in weighed},
        layers=tuple(package.table("classify_examples").field("answer").constraints["enum"]),
        statements={row["example_id"]: row for row in package.table("classify_examples")},
        ingredients={row["ingredient_id"]: row["label"] for row in package.table("recipe_ingredients")},
    )
    _VOCABULARY.clear()
    _VOCABULARY[id(package)] = (package, made)
    return made


def label_of(dimension: str) -> str:
    return SCORE_LABELS.get(dimension) or dimension.replace("_", " ").capitalize()


def score_range() -> tuple[int, int]:
    """The profiler's scale, from the data dictionary (0-4)."""
    return vocabulary().score_range


def weight_range() -> tuple[int, int]:
    """The recipe mixer's scale, from the data dictionary (0-4)."""
    return vocabulary().weight_range


def dimensions() -> list[str]:
    """The profiler's four scores, in the data dictionary's order."""
    return list(vocabulary().dimensions)


def profile_cases() -> dict[str, str]:
    """case_id -> name for every case the companion reads, in the order of cases.csv."""
    return dict(vocabulary().profile_cases)


def recipe_cases() -> dict[str, str]:
    """case_id -> name for every case the companion weighs, in the order of cases.csv."""
    return dict(vocabulary().recipe_cases)


def layers() -> list[str]:
    """The three answers of classify-it (place, network, community)."""
    return list(vocabulary().layers)


def statements() -> dict[str, Mapping[str, Any]]:
    """example_id -> row of classify_examples.csv, in its order."""
    return dict(vocabulary().statements)


def ingredients() -> dict[str, str]:
    """ingredient_id -> label, in the order of recipe_ingredients.csv."""
    return dict(vocabulary().ingredients)


__all__ = [
    "Vocabulary",
    "dimensions",
    "ingredients",
    "label_of",
    "layers",
    "profile_cases",
    "recipe_cases",
    "score_range",
    "statements",
    "vocabulary",
    "weight_range",
]
