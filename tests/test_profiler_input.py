"""What a student (or an attacker) can paste or upload into the case profiler's
import: every case gets plain sentences, no Python internals, nothing that
breaks the widget for later changes; and its CSV export is spreadsheet-safe.
(The browser half of these is in test_student_work.py.)"""

from __future__ import annotations

import csv
import io
import json

import pytest

from learning_regions.widgets.profiler import CaseProfiler, parse_profile, profile_to_csv

INTERNALS = ("Error", "Traceback", "sys.", "set_int_max_str_digits", "surrogate", "codec", "0" * 30)


def profile(scores: str, extra: str = "") -> str:
    return '{"case_id": "jena", "scores": {"place": %s, "network": 1, "community": 2, "learning_region": 3}%s}' % (
        scores,
        extra,
    )


@pytest.mark.parametrize(
    "text, loads, says",
    [
        ("[" * 20_000 + "]" * 20_000, False, "nests brackets"),
        ('{"a":' * 5_000 + "1" + "}" * 5_000, False, "nests brackets"),
        (profile("9" * 400), True, "far above the scale"),
        (profile("9" * 5_000), False, "thousands of digits"),
        (profile("-1e308"), True, "far below the scale"),
        (profile("1e400"), True, "not a usable number"),
        (profile('"' + "9" * 400 + '"'), True, "Place"),
        (profile("2", ', "argument": "why \\ud800 here"'), True, "not text"),
        (profile("2", ', "case_id": "my_region", "case_name": "\\udfff"'), True, "not text"),
    ],
)
def test_hostile_profiles_get_a_plain_sentence(text, loads, says):
    result = parse_profile(text)
    message = " ".join(result.messages)
    assert result.accepted is loads, message
    assert says in message
    assert not any(word in message for word in INTERNALS), message
    assert len(message) < 400
    if loads:
        json.dumps(result.profile.argument).encode("utf-8")  # every later export can encode it
        result.profile.argument.encode("utf-8")
        result.profile.name.encode("utf-8")


def test_the_widget_keeps_working_after_each_hostile_profile():
    widget = CaseProfiler()
    for text in ["[" * 20_000 + "]" * 20_000, profile("9" * 5_000), profile("2", ', "argument": "a \\ud800 b"')]:
        widget.load_text(text)
        assert "Something went wrong" not in widget.message, widget.message
        widget.sliders["place"].value = (widget.sliders["place"].value + 1) % 5  # a later change
        assert "Something went wrong" not in widget.message, widget.message
        widget.export_format.value = "csv"
        widget.export_format.value = "json"
        assert "Something went wrong" not in widget.message, widget.message


@pytest.mark.parametrize("argument", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "plain (¶11)"])
def test_csv_export_is_spreadsheet_safe_and_loads_back(argument):
    widget = CaseProfiler()
    widget.argument.value = argument
    text = profile_to_csv(widget.current_profile())
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), cells
    assert parse_profile(text).profile.argument == argument  # the apostrophe is taken off again
