"""The three 0-4 scales are named once (learning_regions.scales) and described
for people in the data dictionary and on the data page (the fit scale's meanings
on the scoring page too); these say the same.
Widgets, charts and exports import the words, so they cannot drift; this
checks the descriptions a lecturer or a reader sees."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DATA, ROOT
from learning_regions.scales import FIT_MEANINGS, FIT_WORDS, SCORE_WORDS, WEIGHT_WORDS, legend, words_for


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def resource(name: str) -> dict:
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    return next(r for r in package["resources"] if r["name"] == name)


@pytest.mark.parametrize(
    ("table", "scales"),
    [("pnc_readings", (SCORE_WORDS, FIT_WORDS)), ("recipe_weights", (WEIGHT_WORDS,))],
)
def test_the_data_dictionary_names_each_score_as_the_code_does(table, scales):
    description = flat(resource(table)["description"])
    for words in scales:
        for score, word in words.items():
            first = word.split()[0]
            assert re.search(rf"\b{score} \({re.escape(word)}|\b{score} \({re.escape(first)}\b", description), (
                f"data/datapackage.json, {table}: the description does not give {score} as '{word}'"
            )


def test_the_data_page_tables_give_the_codes_words():
    page = (ROOT / "book" / "data.md").read_text(encoding="utf-8")
    for words in (FIT_WORDS, WEIGHT_WORDS):
        for score, word in words.items():
            assert re.search(rf"^\| {score} \| {re.escape(word)}\b", page, re.M), (
                f"book/data.md: no table row '| {score} | {word}'"
            )
    prose = flat(page)
    for score, word in SCORE_WORDS.items():
        assert f"{score} {word}" in prose, f"book/data.md: the place/network/community scale lacks '{score} {word}'"


def test_a_legend_lists_every_score_in_order():
    assert legend(SCORE_WORDS).startswith("0 not visible, 1 hinted")
    for dimension, words in (("place", SCORE_WORDS), ("learning_region", FIT_WORDS)):
        assert words_for(dimension) is words
        assert list(words) == list(range(5))


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("data/datapackage.json, pnc_readings", lambda: resource("pnc_readings")["description"]),
        ("book/data.md", lambda: (ROOT / "book" / "data.md").read_text(encoding="utf-8")),
        ("book/scoring.md", lambda: (ROOT / "book" / "scoring.md").read_text(encoding="utf-8")),
    ],
)
def test_each_page_that_explains_the_fit_scale_gives_the_codes_meanings(where, text):
    """The fit scale's meanings are written for people in three places; each states
    every score's meaning from learning_regions.scales right after the score."""
    prose = flat(text())
    for score, meaning in FIT_MEANINGS.items():
        assert re.search(rf"\b{score}\b[^0-9.;]{{0,20}}{re.escape(meaning)}", prose), (
            f"{where}: score {score} is not followed by its meaning '{meaning}' (learning_regions/scales.py)"
        )
