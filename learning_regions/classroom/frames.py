"""A class's exported files as tidy pandas DataFrames.

    >>> from learning_regions import load_class_profiles
    >>> by_class = load_class_profiles("exports/")        # a folder, or a list of files
    >>> by_class.profiles.groupby(["case_id", "dimension"], observed=True)["score"].mean()

The files are read by the same pure reader as the class view
(:func:`~.gather.read_class`), so a notebook and the page give the same
numbers. Column types follow the data dictionary, as :func:`~learning_regions.load_frame`
types them (:func:`learning_regions.frames.dtypes`): a case is ``string``, a
dimension and an answer ``category`` with the dictionary's values, a score or
weight ``Int64``. Every frame's ``attrs`` say which files were refused and why,
which were merged, and what was changed on reading.

=============  ========================================================
frame          one row per
=============  ========================================================
``profiles``   student, case and dimension (the case profiler)
``classify``   student and statement answered (classify-it)
``recipe``     student, compared case and ingredient (the recipe mixer)
=============  ========================================================

``student`` is a pseudonym (``S01``...), one per name typed in, or per widget
when no name was given; ``name`` is the name typed in (``<NA>`` if none) and
``file`` the file counted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, NamedTuple

from ..frames import _pandas, dtypes
from ..loader import load_table
from . import formats
from . import vocabulary as vocab
from .gather import ClassData, read_class


class ClassFrames(NamedTuple):
    """The class's readings, one DataFrame per widget."""

    profiles: Any
    classify: Any
    recipe: Any

    @property
    def refused(self) -> list[dict[str, str]]:
        """The files set aside: ``{"file": name, "reason": sentence}``."""
        return list(self.profiles.attrs["refused"])


def _who(reading) -> dict[str, Any]:
    return {"student": reading.student, "name": reading.name or None, "file": reading.file.name}


def _frame(rows: list[dict[str, Any]], types: dict[str, Any], attrs: dict[str, Any]):
    pd = _pandas()
    columns = {}
    for name, dtype in types.items():
        values = [row.get(name) for row in rows]
        if isinstance(dtype, pd.CategoricalDtype):
            columns[name] = pd.Categorical(values, dtype=dtype)
        else:
            columns[name] = pd.array(values, dtype=dtype)
    frame = pd.DataFrame(columns)
    frame.attrs.update(attrs)
    return frame


def class_frames(data: ClassData) -> ClassFrames:
    """The readings of ``data`` as three typed DataFrames."""
    pd = _pandas()
    text = pd.StringDtype()
    who = {"student": text, "name": text, "file": text}
    readings, classify, weights = dtypes("pnc_readings"), dtypes("classify_examples"), dtypes("recipe_weights")
    attrs = data.attrs()

    companion_scores = {(row["case_id"], row["dimension"]): row["score"] for row in load_table("pnc_readings")}
    known = vocab.profile_cases()
    profile_rows = []
    for reading in data.of_kind("profile"):
        r = reading.reading
        for dimension in vocab.dimensions():
            if dimension in r.values:
                profile_rows.append(
                    {
                        **_who(reading),
                        "case_id": r.case_id,
                        "case_name": r.case_name,
                        "dimension": dimension,
                        "score": r.values[dimension],
                        "companion_score": companion_scores.get((r.case_id, dimension)) if r.case_id in known else None,
                        "argument": r.argument,
                    }
                )
    profiles = _frame(
        profile_rows,
        {
            **who,
            "case_id": readings["case_id"],
            "case_name": text,
            "dimension": readings["dimension"],
            "score": readings["score"],
            "companion_score": readings["score"],
            "argument": text,
        },
        {
            **attrs,
            "title": "The class's profiles",
            "format": formats.PROFILE,
            "description": "One row per student, case and dimension: the student's score (0-4) beside the companion's "
            "reading (data/pnc_readings.csv); case_id 'my-region' is a student's own region.",
        },
    )

    rows = vocab.statements()
    classify_rows = []
    for reading in data.of_kind("classify"):
        for example_id, answer in reading.values.items():
            companion = rows[example_id]["answer"]
            classify_rows.append(
                {
                    **_who(reading),
                    "example_id": example_id,
                    "answer": answer,
                    "companion_answer": companion,
                    "as_companion": answer == companion,
                    "locator": rows[example_id]["locator"],
                }
            )
    answers = _frame(
        classify_rows,
        {
            **who,
            "example_id": classify["example_id"],
            "answer": classify["answer"],
            "companion_answer": classify["answer"],
            "as_companion": pd.BooleanDtype(),
            "locator": classify["locator"],
        },
        {
            **attrs,
            "title": "The class's classify-it answers",
            "format": formats.CLASSIFY,
            "description": "One row per student and statement answered, with the companion's answer "
            "(data/classify_examples.csv) and where in the text it rests.",
        },
    )

    companion_weights = {(row["case_id"], row["ingredient_id"]): row["weight"] for row in load_table("recipe_weights")}
    recipe_rows = []
    for reading in data.of_kind("recipe"):
        r = reading.reading
        for ingredient, weight in r.values.items():
            recipe_rows.append(
                {
                    **_who(reading),
                    "city": r.case_name,
                    "compared_case": r.case_id,
                    "ingredient_id": ingredient,
                    "weight": weight,
                    "companion_weight": companion_weights.get((r.case_id, ingredient)) if r.case_id else None,
                }
            )
    recipe = _frame(
        recipe_rows,
        {
            **who,
            "city": text,
            "compared_case": weights["case_id"],
            "ingredient_id": weights["ingredient_id"],
            "weight": weights["weight"],
            "companion_weight": weights["weight"],
        },
        {
            **attrs,
            "title": "The class's recipe mixes",
            "format": formats.RECIPE,
            "description": "One row per student, mix and ingredient: the student's weight (0-4) beside the "
            "companion's weight for the case the mix was compared with (data/recipe_weights.csv).",
        },
    )
    return ClassFrames(profiles, answers, recipe)


def load_class_profiles(path_or_paths: str | os.PathLike | Iterable[str | os.PathLike]) -> ClassFrames:
    """Every exported file in a folder (and its subfolders), or in a list of
    paths, read as the class view reads them, as three tidy DataFrames
    (``profiles``, ``classify``, ``recipe``). Files that are not exports, too
    large, of another version or repeated are refused or merged, never raised
    about: ``frame.attrs["refused"]`` lists them with the reason. Needs pandas
    (:class:`~learning_regions.PandasMissingError` otherwise)."""
    _pandas()
    return class_frames(read_class(path_or_paths))


__all__ = ["ClassFrames", "class_frames", "load_class_profiles"]
