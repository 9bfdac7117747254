"""A broken JSON file is described in plain words, with where it breaks: a
student who uploads a cut-short export reads what is wrong, not Python's parser."""

import json

import pytest

from learning_regions.errors import json_problem

CASES = [
    ('{"format": "x", "student": "Ann', "line 1, column 28: a text in quotes is never closed"),
    ('{"format": "x",', "the text stops too early, so the file may be cut short"),
    ('{"format": "x",\n  "scores": [1, 2,', "line 2, column 19: the text stops too early"),
    ('{"format": "x"} and more', "more follows after the end of the JSON"),
    ("{format: 1}", "a name is not in double quotes"),
    ('{"format" 1}', "a colon is missing after a name"),
    ('{"format": 1 "b": 2}', "a comma is missing"),
    ('{"format": }', "a value is missing or is not JSON"),
    ('{"format": "a\nb"}', "a line break or tab sits inside a text in quotes"),
]


@pytest.mark.parametrize(("text", "said"), CASES)
def test_a_broken_json_text_is_said_plainly(text, said):
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    sentence = json_problem(caught.value)
    assert said in sentence
    assert sentence.startswith("line "), sentence


def test_an_unlisted_fault_still_says_where_and_what():
    error = json.JSONDecodeError("Some new parser message", '{"a": 1}', 3)
    assert json_problem(error) == "line 1, column 4: some new parser message"
