"""The case profiler's export and import (learning_regions.widgets.profiler.exchange):
what a student exports loads back unchanged, and anything else pasted or
uploaded is refused or repaired with a message, never a traceback. Expected
scores come from the companion's reading in the data, not from today's rows."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning_regions.scales import SCORE_LABELS
from learning_regions.widgets.profiler import exchange
from learning_regions.widgets.profiler.exchange import (
    MAX_ARGUMENT_CHARS,
    coerce_score,
    parse_profile,
    profile_to_csv,
    profile_to_json,
)
from learning_regions.widgets.profiler.model import (
    ALL_DIMENSIONS,
    DEFAULT_SCORE,
    MY_REGION,
    Profile,
    case_ids,
    companion_profile,
)

FIRST = case_ids()[0]


def companion(dimension: str, case_id: str = FIRST) -> int:
    return companion_profile(case_id).scores[dimension]


@pytest.mark.parametrize("case_id", case_ids())
def test_export_import_round_trip_for_every_case(case_id):
    profile = Profile(
        case_id,
        companion_profile(case_id).name,
        {"place": 0, "network": 4, "community": 1, "learning_region": 3},
        'I read ¶9 "otherwise", see:\nline 2',
    )
    for text in (profile_to_json(profile), profile_to_csv(profile)):
        result = parse_profile(text)
        assert result.accepted and result.messages == ()
        assert result.profile == profile


def test_round_trip_of_my_region_keeps_its_name():
    profile = Profile(MY_REGION, "Twente, <the> region", {d: 1 for d in ALL_DIMENSIONS}, "")
    for text in (profile_to_json(profile), profile_to_csv(profile)):
        assert parse_profile(text).profile == profile


def test_the_export_carries_the_companions_scores_beside_the_readers():
    profile = Profile(FIRST, "x", {d: 0 for d in ALL_DIMENSIONS})
    data = json.loads(profile_to_json(profile))
    assert data["companion_scores"] == dict(companion_profile(FIRST).scores)
    rows = profile_to_csv(profile).splitlines()[1:]
    assert [row.split(",")[4] for row in rows] == [str(companion(d)) for d in ALL_DIMENSIONS]
    assert (
        json.loads(profile_to_json(Profile(MY_REGION, "Mine", {d: 1 for d in ALL_DIMENSIONS})))["companion_scores"]
        is None
    )


@pytest.mark.parametrize(
    "scores, dimension, value, words",
    [
        ({"place": -2}, "place", 0, "below"),
        ({"place": 9}, "place", 4, "above"),
        ({"place": 2.6}, "place", 3, "rounded"),
        ({"place": "3"}, "place", 3, None),
        ({"place": "high"}, "place", "companion", "not a number"),
        ({"place": True}, "place", "companion", "not a score"),
        ({"place": [1]}, "place", "companion", "not a score"),
        ({"place": None}, "place", "companion", "no score"),
        ({}, "community", "companion", "no score"),
    ],
)
def test_imported_scores_are_clamped_or_replaced_with_a_message(scores, dimension, value, words):
    result = parse_profile(json.dumps({"case_id": FIRST, "scores": scores}))
    assert result.accepted
    expected = companion(dimension) if value == "companion" else value  # an unusable score keeps the companion's
    assert result.profile.scores[dimension] == expected
    if words:
        assert any(words in m for m in result.messages), result.messages


def test_nan_and_infinity_are_refused_per_score():
    result = parse_profile(f'{{"case_id": "{FIRST}", "scores": {{"place": NaN, "network": Infinity}}}}')
    assert result.profile.scores["place"] == companion("place")
    assert result.profile.scores["network"] == companion("network")
    assert sum("usable" in m for m in result.messages) == 2


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "Nothing to load"),
        ("   \n", "Nothing to load"),
        ("garbage text", "neither JSON"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a profile object"),
        ('{"case_id": "jena"}', "no 'scores'"),
        ('{"case_id": "jena", "scores": [1, 2]}', "should map"),
        ("x" * 200_000, "too long"),
        (b"\xff\xfe{", "not UTF-8"),
        (None, "Nothing to load"),
    ],
)
def test_unreadable_text_is_refused_with_a_reason(text, words):
    result = parse_profile(text)
    assert not result.accepted
    assert words in " ".join(result.messages)


def test_unknown_case_is_loaded_as_my_region():
    result = parse_profile('{"case_id": "atlantis", "scores": {"place": 1}}')
    assert result.profile.case_id == MY_REGION and result.profile.name == "atlantis"
    assert any("Unknown case" in m for m in result.messages)


def test_a_missing_score_names_the_score_kept_once():
    mine = parse_profile('{"case_id": "my-region", "scores": {"place": 1}}')
    assert f"Network: no score given; kept {DEFAULT_SCORE}." in mine.messages, mine.messages
    known = parse_profile(json.dumps({"case_id": FIRST, "scores": {"place": 1}}))
    assert f"Network: no score given; kept the companion's score ({companion('network')})." in known.messages, (
        known.messages
    )


@pytest.mark.parametrize("text, shown", [("42", "42"), ('"jena"', "'jena'"), ("true", "true"), ("null", "null")])
def test_json_that_is_not_a_profile_is_called_json(text, shown):
    result = parse_profile(text)
    assert not result.accepted
    message = " ".join(result.messages)
    assert "neither JSON" not in message and "is JSON" in message and shown in message, message


def test_an_uploaded_file_is_not_told_to_paste():
    for content in (b"just some notes", b"", b'{"case_id": "jena"}', b"42"):
        result = parse_profile(content, from_file=True)
        message = " ".join(result.messages)
        assert not result.accepted and "paste" not in message.lower(), message
        assert "file" in message.lower(), message


def test_a_long_argument_is_cut_and_a_non_text_one_left_out():
    cut = parse_profile(json.dumps({"case_id": FIRST, "scores": {}, "argument": "a" * (MAX_ARGUMENT_CHARS + 9)}))
    assert len(cut.profile.argument) == MAX_ARGUMENT_CHARS and any("cut" in m for m in cut.messages)
    other = parse_profile(json.dumps({"case_id": FIRST, "scores": {}, "argument": {"a": 1}}))
    assert other.profile.argument == "" and any("not text" in m for m in other.messages)


# --- properties: any input, any profile ---------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@given(TEXT)
def test_any_text_is_answered_never_raised(text):
    result = parse_profile(text)
    assert result.accepted or result.messages
    if result.accepted:
        assert set(result.profile.scores) == set(ALL_DIMENSIONS)
        assert all(0 <= v <= 4 for v in result.profile.scores.values())


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.lists(st.integers(), max_size=3)))
def test_any_score_becomes_a_score_on_the_scale_or_a_reason(raw):
    value, note = coerce_score(raw, "place")
    assert (value is None and note) or (isinstance(value, int) and 0 <= value <= 4)
    if note:
        assert note.startswith(SCORE_LABELS["place"])


@given(
    st.sampled_from(case_ids() + [MY_REGION]),
    st.fixed_dictionaries({d: st.integers(0, 4) for d in ALL_DIMENSIONS}),
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\r\t"), max_size=200),
    st.sampled_from([profile_to_json, profile_to_csv]),
)
def test_every_exported_profile_loads_back_unchanged(case_id, scores, argument, export):
    name = "Twente" if case_id == MY_REGION else companion_profile(case_id).name
    profile = Profile(case_id, name, scores, argument)
    result = parse_profile(export(profile))
    assert result.accepted and result.messages == (), result.messages
    assert result.profile == profile


# --- pure ---------------------------------------------------------------------

PACKAGE = Path(exchange.__file__).resolve().parents[2]  # learning_regions/


def _imports(path: Path) -> list[tuple[str, int]]:
    """(module, level) of every import in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is None:
            # "from . import rules": the sibling modules named, not the package's __init__
            found += [(alias.name, node.level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module, node.level))
    return found


def test_import_and_export_stay_pure():
    """exchange.py, and every module of the package it imports (package
    __init__ files aside), imports neither ipywidgets nor plotly: the most
    tested part runs, and can be tested, without a front end."""
    todo, seen, outside = [Path(exchange.__file__).resolve()], set(), set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module, level in _imports(path):
            if level == 0:
                outside.add(module.split(".")[0])
                continue
            base = path.parent
            for _ in range(level - 1):
                base = base.parent
            target = base.joinpath(*module.split(".")) if module else base
            todo.append(target.with_suffix(".py") if target.with_suffix(".py").is_file() else target / "__init__.py")
    assert {p.relative_to(PACKAGE).as_posix() for p in seen} >= {
        "widgets/profiler/exchange.py",
        "widgets/profiler/model.py",
    }
    assert not outside & {"ipywidgets", "plotly", "IPython"}, sorted(outside)
