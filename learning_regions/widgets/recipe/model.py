"""The recipe mixer's model: the article's ingredients (recipe_ingredients.csv,
the companion's headings), each case's weights (recipe_weights.csv, the
companion's reading, 0-4), and how close a reader's mix is to each case."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...loader import load_table

MIN_WEIGHT, MAX_WEIGHT = 0, 4
DEFAULT_WEIGHT = 2
MAX_NAME_CHARS = 60
MY_CITY = "My city"

CLOSENESS_MEANS = (
    "Closeness compares two mixes ingredient by ingredient: it takes the straight-line distance "
    "between the two sets of weights and rescales it, so that 100 means the same weight for every "
    "ingredient and 0 means as far apart as the 0-4 scale allows."
)
CLOSENESS_DOES_NOT_MEAN = (
    "It does not say that your city resembles that city, that the recipe works there or would work "
    "for you, or which ingredient matters most: every ingredient counts the same, and the case "
    "weights are the companion's reading of one short paragraph per case."
)


@dataclass(frozen=True)
class Ingredient:
    ingredient_id: str
    label: str
    description: str
    locator: str


def ingredients() -> list[Ingredient]:
    return [
        Ingredient(r["ingredient_id"], r["label"], r["description"], r["locator"])
        for r in load_table("recipe_ingredients")
    ]


def recipe_case_ids() -> list[str]:
    """The cases the companion weighs, in the order of cases.csv."""
    weighed = {r["case_id"] for r in load_table("recipe_weights").require_rows("the recipe mixer")}
    return [r["case_id"] for r in load_table("cases") if r["case_id"] in weighed]


def case_name(case_id: str) -> str:
    return load_table("cases").get(case_id)["name"]


def case_recipe(case_id: str) -> dict[str, int]:
    rows = load_table("recipe_weights").where(case_id=case_id)
    if not rows:
        raise KeyError(f"the companion has not weighed the recipe of {case_id!r}")
    return {r["ingredient_id"]: r["weight"] for r in rows}


def case_rationale(case_id: str) -> dict[str, Mapping[str, Any]]:
    return {r["ingredient_id"]: r for r in load_table("recipe_weights").where(case_id=case_id)}


def clamp_weight(value: Any) -> int:
    """A 0-4 whole number from anything a reader or a test may pass (non-numbers become 2)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return DEFAULT_WEIGHT
    if not math.isfinite(number):
        return DEFAULT_WEIGHT
    return int(min(MAX_WEIGHT, max(MIN_WEIGHT, math.floor(number + 0.5))))


def distance(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Straight-line (Euclidean) distance between two mixes over the article's ingredients."""
    ids = [i.ingredient_id for i in ingredients()]
    return math.sqrt(sum((clamp_weight(a.get(i, 0)) - clamp_weight(b.get(i, 0))) ** 2 for i in ids))


def max_distance() -> float:
    return math.sqrt(len(ingredients()) * (MAX_WEIGHT - MIN_WEIGHT) ** 2)


def closeness(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """100 for the same mix, 0 for opposite extremes on every ingredient."""
    return round(100 * (1 - distance(a, b) / max_distance()), 1)


def rank_cases(mix: Mapping[str, int]) -> list[tuple[str, float]]:
    """(case_id, closeness) for every case, closest first (ties in case order)."""
    ranked = [(c, closeness(mix, case_recipe(c))) for c in recipe_case_ids()]
    return sorted(ranked, key=lambda item: -item[1])


def biggest_differences(mix: Mapping[str, int], case_id: str, count: int = 2) -> list[tuple[Ingredient, int, int]]:
    """The ingredients where the mix and the case differ most: (ingredient, yours, theirs)."""
    recipe = case_recipe(case_id)
    rows = [(i, clamp_weight(mix.get(i.ingredient_id, 0)), recipe[i.ingredient_id]) for i in ingredients()]
    rows = [r for r in rows if r[1] != r[2]]
    rows.sort(key=lambda r: -abs(r[1] - r[2]))
    return rows[:count]


def explain(mix: Mapping[str, int], name: str, compare: str | None = None) -> str:
    """Plain sentences: the closest case, the largest differences, and the caveat."""
    ranked = rank_cases(mix)
    best, score = ranked[0]
    ties = [case_name(c) for c, s in ranked if s == score]
    if len(ties) > 1:
        first = f"{name} is equally close to {', '.join(ties[:-1])} and {ties[-1]} ({score:g} of 100)."
    else:
        first = f"{name} is closest to {case_name(best)} ({score:g} of 100) and farthest from {case_name(ranked[-1][0])} ({ranked[-1][1]:g})."
    target = compare or best
    diffs = biggest_differences(mix, target)
    if diffs:
        parts = [f"{i.label.lower()} ({yours} for you, {theirs} for {case_name(target)})" for i, yours, theirs in diffs]
        second = f"The largest gaps from {case_name(target)}: {' and '.join(parts)}."
    else:
        second = f"Your mix is the same as the companion's reading of {case_name(target)}."
    return " ".join([first, second])


__all__ = [
    "CLOSENESS_DOES_NOT_MEAN",
    "CLOSENESS_MEANS",
    "DEFAULT_WEIGHT",
    "Ingredient",
    "MAX_NAME_CHARS",
    "MAX_WEIGHT",
    "MIN_WEIGHT",
    "MY_CITY",
    "biggest_differences",
    "case_name",
    "case_rationale",
    "case_recipe",
    "clamp_weight",
    "closeness",
    "distance",
    "explain",
    "ingredients",
    "max_distance",
    "rank_cases",
    "recipe_case_ids",
]
