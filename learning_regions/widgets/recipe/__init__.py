"""Recipe mixer: the OECD article's 'recipe' for a learning city, case by case.

The ingredients are the companion's headings for what the article stresses
(recipe_ingredients.csv, an interpretation: the article gives no full list); how much
of each a case uses is the companion's reading, 0-4 (recipe_weights.csv). A
reader mixes their own city with sliders and sees how close that mix is to
each case, with what that closeness does and does not mean.

- ``model``: ingredients, weights, closeness;
- ``figure``: the chart, as a ``go.Figure`` and as a plain dict;
- ``static``: the kernel-free views;
- ``widget``: :class:`RecipeMixer`.
"""

from .figure import RECIPE_LAYOUT, recipe_figure, recipe_figure_spec, recipe_parts
from .model import (
    CLOSENESS_DOES_NOT_MEAN,
    CLOSENESS_MEANS,
    MY_CITY,
    Ingredient,
    biggest_differences,
    case_name,
    case_rationale,
    case_recipe,
    clamp_weight,
    closeness,
    distance,
    explain,
    ingredients,
    max_distance,
    rank_cases,
    recipe_case_ids,
)
from .static import recipe_details, recipe_static_view
from .widget import RecipeMixer

__all__ = [
    "CLOSENESS_DOES_NOT_MEAN",
    "CLOSENESS_MEANS",
    "Ingredient",
    "MY_CITY",
    "RECIPE_LAYOUT",
    "RecipeMixer",
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
    "recipe_details",
    "recipe_figure",
    "recipe_figure_spec",
    "recipe_parts",
    "recipe_static_view",
]
