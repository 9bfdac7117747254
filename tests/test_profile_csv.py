"""The profiler's CSV export has one row reader (classroom/profile_csv.py),
used by the profiler's own import and by the class view. These tests hold
the reader to the format, and the two readers to each other: whatever one
takes from a CSV, the other takes too."""

from __future__ import annotations

import csv

import pytest

from learning_regions.classroom.profile_csv import read_profile_csv
from learning_regions.classroom.reading import Refusal, read_export
from learning_regions.widgets.profiler.exchange import parse_profile

HEADER = "case_id,case_name,dimension,your_score,argument,student,export_id\r\n"


def rows(*cells: str) -> str:
    return HEADER + "".join(line + "\r\n" for line in cells)


# (what the row says, CSV text, expected fields, expected scores)
CASES = [
    (
        "the first non-empty case and argument count; later rows may leave them empty",
        rows(
            "jena,Jena,place,4,Because,Ana,abc123",
            ",,network,2,,,",
            ",,community,1,,,",
            ",,learning_region,1,,,",
        ),
        {"case_id": "jena", "case_name": "Jena", "argument": "Because", "student": "Ana", "export_id": "abc123"},
        {"place": "4", "network": "2", "community": "1", "learning_region": "1"},
    ),
    (
        "a spreadsheet's apostrophe before a formula start is undone in every cell",
        rows("jena,Jena,place,4,'=1+1 is not a formula,Ana,'-RpzeyKG2MoR"),
        {"case_id": "jena", "case_name": "Jena", "argument": "=1+1 is not a formula", "student": "Ana"}
        | {"export_id": "-RpzeyKG2MoR"},
        {"place": "4"},
    ),
    (
        "an apostrophe before anything else is the student's own",
        rows("jena,Jena,place,4,'tis so,Ana,x"),
        {"case_id": "jena", "case_name": "Jena", "argument": "'tis so", "student": "Ana", "export_id": "x"},
        {"place": "4"},
    ),
    (
        "spaces around a header or a value are a spreadsheet's, not the student's (the argument keeps its own)",
        " case_id , dimension , your_score , argument \r\n jena , place , 3 ,  two spaces \r\n",
        {"case_id": "jena", "argument": "  two spaces "},
        {"place": " 3 "},
    ),
    (
        "a row without a dimension is skipped; a short row's score is missing",
        rows("jena,Jena,,4,,,", "jena,Jena,place"),
        {"case_id": "jena", "case_name": "Jena"},
        {"place": None},
    ),
]


@pytest.mark.parametrize(("what", "text", "fields", "scores"), CASES, ids=[c[0] for c in CASES])
def test_the_row_reader(what, text, fields, scores):
    parsed = read_profile_csv(text)
    assert parsed.fields() == fields, what
    assert parsed.scores("your_score") == scores, what


def test_a_csv_that_cannot_be_read_raises_the_csv_modules_error():
    with pytest.raises(csv.Error):
        read_profile_csv(rows("jena,Jena,place,4," + "x" * 200_000 + ",Ana,x"))


VALID = [c for c in CASES if all(v is not None for v in c[3].values()) and "case_name" in c[2]]


@pytest.mark.parametrize(("what", "text", "fields", "scores"), VALID, ids=[c[0] for c in VALID])
def test_the_profiler_and_the_class_view_read_the_same_csv_alike(what, text, fields, scores):
    loaded = parse_profile(text)
    reading = read_export(text.encode())
    assert loaded.profile is not None, loaded.messages
    assert not isinstance(reading, Refusal), reading
    assert loaded.profile.case_id == reading.case_id == fields["case_id"]
    assert reading.export_id == fields.get("export_id", reading.export_id)
    assert {d: loaded.profile.scores[d] for d in scores} == {d: reading.values[d] for d in scores}
    assert loaded.profile.argument == reading.argument == fields["argument"]


@pytest.mark.parametrize("text", ["just words\r\n", "a,b\r\n1,2\r\n", "dimension\r\nplace\r\n"])
def test_a_csv_without_the_profile_columns_is_refused_by_both_in_a_sentence(text):
    loaded = parse_profile(text)
    reading = read_export(text.encode())
    assert loaded.profile is None and "dimension" in loaded.messages[0]
    assert isinstance(reading, Refusal) and "dimension" in str(reading)
