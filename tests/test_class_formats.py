"""The export formats and the reader of a class's files (learning_regions.classroom).

Every bad input the class view may be given, table-driven: each is refused, or
read with what was left out said, in one sentence naming the file; the rest
of the class still loads. Limits are checked before a file is read.
"""

from __future__ import annotations

import json
import time

import pytest

from learning_regions.classroom import formats
from learning_regions.classroom import vocabulary as vocab
from learning_regions.classroom.formats import CLASSIFY, PROFILE, RECIPE, classify_export, recipe_export, schema, stamp
from learning_regions.classroom.gather import MAX_FILES, Source, gather
from learning_regions.classroom.reading import Reading, Refusal, read_export
from learning_regions.scales import SCORE_LABELS
from learning_regions.widgets.profiler import Profile, profile_to_csv, profile_to_json


def profile(**changes) -> dict:
    data = {
        "format": PROFILE,
        "version": 1,
        "student": "Alex",
        "export_id": "abc123",
        "case_id": "jena",
        "case_name": "Jena",
        "scores": {"place": 3, "network": 2, "community": 1, "learning_region": 2},
        "argument": "Place is prominent (¶9).",
    }
    data.update(changes)
    return data


def scores(**changes) -> dict:
    return profile(scores={**profile()["scores"], **changes})


def as_bytes(data) -> bytes:
    return data if isinstance(data, bytes) else json.dumps(data).encode("utf-8")


# --- what a file that is refused says ------------------------------------------

REFUSED = [
    # (label, file content, words the sentence must hold)
    ("plain text", b"Bring the reading on Tuesday.\n", "not an export"),
    ("JSON with no format", {"case_id": "jena", "scores": {"place": 3}}, "names no 'format'"),
    ("a JSON list", [1, 2, 3], "holds a list"),
    ("a JSON number", b"42", "neither JSON"),
    ("another format", {"format": "someone-else/quiz", "version": 1}, "not one of the companion's exports"),
    ("an older version", profile(version=0), "older than the version 1"),
    ("a newer version", profile(version=2), "newer than the version 1"),
    ("no version", {k: v for k, v in profile().items() if k != "version"}, "no version"),
    ("a version that is text", profile(version="one"), "not a version number"),
    (
        "a huge version",
        b'{"format": "learning-regions/pnc-profile", "version": 1e999, "scores": {}}',
        "its version 1e999 is not a version number",
    ),
    ("an empty file", b"", "empty"),
    ("blank space only", b"  \n\t \n", "blank space"),
    ("invalid UTF-8", b'{"format": "learning-regions/pnc-profile", "argument": "\xff\xfe"}', "not UTF-8"),
    ("UTF-16", json.dumps(profile()).encode("utf-16"), "not UTF-8"),
    ("invalid JSON", b'{"format": "learning-regions/pnc-profile", "version": 1,', "not valid JSON (line 1"),
    ("JSON nested past any export", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("no scores", {k: v for k, v in profile().items() if k != "scores"}, "without 'scores'"),
    ("scores that are not an object", profile(scores=[3, 2, 1, 2]), "'scores' is a list"),
    ("no usable score", profile(scores={"place": 9, "network": "x"}), "no usable score"),
    ("classify with no answers", {"format": CLASSIFY, "version": 1, "answers": {}}, "no usable answer"),
    ("a CSV that is not the profiler's", b"name,score\nAlex,3\n", "neither JSON nor the profiler's CSV"),
]


@pytest.mark.parametrize(("label", "content", "words"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_is_not_a_readable_export_is_refused_in_words(label, content, words):
    result = read_export(as_bytes(content))
    assert isinstance(result, Refusal), f"{label} was read: {result}"
    assert words in result.reason, result.reason
    assert "Traceback" not in result.reason and len(result.reason) < 300


def test_a_file_larger_than_any_export_is_refused_before_it_is_decoded():
    huge = b"{" + b" " * (50_000_000 - 2) + b"}"
    started = time.perf_counter()
    result = read_export(huge)
    assert isinstance(result, Refusal) and "50.0 MB" in result.reason and "larger than any export" in result.reason
    assert time.perf_counter() - started < 0.5, "the 50 MB file was parsed, not measured"


def test_gather_does_not_even_read_a_file_over_the_limit():
    def never():
        raise AssertionError("a file over the limit was read")

    data = gather([Source("huge.json", 50_000_000, never), Source.of_bytes("ok.json", as_bytes(profile()))])
    assert [n.outcome for n in data.notes] == ["refused"]
    assert "50.0 MB" in data.notes[0].text() and len(data.readings) == 1


# --- what a file read with something left out says ------------------------------

NOTED = [
    # (label, file, the values read, words the note must hold)
    (
        "a score above the scale",
        scores(place=7),
        {"network": 2, "community": 1, "learning_region": 2},
        f"the {SCORE_LABELS['place']} score 7 is outside 0-4",
    ),
    ("a negative score", scores(network=-1), {"place": 3, "community": 1, "learning_region": 2}, "outside 0-4"),
    (
        "a score as text",
        scores(place="3"),
        {"network": 2, "community": 1, "learning_region": 2},
        "is '3', not a whole number",
    ),
    (
        "a score of true",
        scores(place=True),
        {"network": 2, "community": 1, "learning_region": 2},
        "is true, not a whole number",
    ),
    ("a score of null", scores(place=None), {"network": 2, "community": 1, "learning_region": 2}, "empty (null)"),
    (
        "a half score",
        scores(place=2.5),
        {"network": 2, "community": 1, "learning_region": 2},
        "2.5, not a whole number",
    ),
    (
        "a whole number written 3.0",
        scores(place=3.0),
        {"place": 3, "network": 2, "community": 1, "learning_region": 2},
        None,
    ),
    (
        "a huge number",
        b'{"format": "learning-regions/pnc-profile", "version": 1, "case_id": "jena", "scores": '
        b'{"place": 1e400, "network": 2, "community": 1, "learning_region": 2}}',
        {"network": 2, "community": 1, "learning_region": 2},
        "1e400, not a usable number",
    ),
    (
        "a number of 5,000 digits",
        b'{"format": "learning-regions/pnc-profile", "version": 1, "case_id": "jena", "scores": '
        b'{"place": ' + b"9" * 5000 + b', "network": 2, "community": 1, "learning_region": 2}}',
        {"network": 2, "community": 1, "learning_region": 2},
        "a number of 5,000 characters",
    ),
    (
        "NaN",
        b'{"format": "learning-regions/pnc-profile", "version": 1, "case_id": "jena", "scores": '
        b'{"place": NaN, "network": 2, "community": 1, "learning_region": 2}}',
        {"network": 2, "community": 1, "learning_region": 2},
        "NaN, not a usable number",
    ),
    (
        "a missing dimension",
        profile(scores={"place": 3, "network": 2, "community": 1}),
        {"place": 3, "network": 2, "community": 1},
        "no Learning Region fit score",
    ),
    (
        "a dimension it does not know",
        scores(creativity=4),
        {"place": 3, "network": 2, "community": 1, "learning_region": 2},
        "'creativity', which this companion does not know",
    ),
    (
        "a case it does not know",
        profile(case_id="atlantis"),
        {"place": 3, "network": 2, "community": 1, "learning_region": 2},
        "read as the student's own region",
    ),
]


@pytest.mark.parametrize(("label", "content", "values", "words"), NOTED, ids=[n[0] for n in NOTED])
def test_a_bad_value_is_left_out_and_said_and_the_rest_is_read(label, content, values, words):
    result = read_export(as_bytes(content))
    assert isinstance(result, Reading), f"{label}: {result}"
    assert dict(result.values) == values
    if words is None:
        assert result.notes == ()
    else:
        assert any(words in note for note in result.notes), result.notes


def test_a_lone_surrogate_becomes_a_replacement_character_and_is_said():
    raw = (
        b'{"format": "learning-regions/pnc-profile", "version": 1, "case_id": "jena", "student": "Al\\ud800ex", '
        b'"scores": {"place": 3, "network": 2, "community": 1, "learning_region": 2}, "argument": "\\udfff at \\u00b69"}'
    )
    result = read_export(raw)
    assert isinstance(result, Reading)
    assert result.argument == "\ufffd at ¶9" and result.student == "Al\ufffdex"
    assert any("not text" in n for n in result.notes)
    result.argument.encode("utf-8")  # now encodable: it can go to the page and into a CSV


def test_text_is_cut_and_names_cleaned():
    result = read_export(as_bytes(profile(argument="x" * 6_000, student="\u202eAlex\x00 \n Smith")))
    assert len(result.argument) == formats.MAX_ARGUMENT_CHARS
    assert any("cut to its first 5,000 characters" in n for n in result.notes)
    assert result.student == "Alex Smith"


def test_a_byte_order_mark_and_the_profilers_csv_are_read():
    assert isinstance(read_export(b"\xef\xbb\xbf" + as_bytes(profile())), Reading)
    csv_text = profile_to_csv(
        Profile(
            "oresund",
            "Oresund region",
            {"place": 3, "network": 4, "community": 1, "learning_region": 2},
            "A bridge (¶11).",
        )
    )
    result = read_export(csv_text.encode())
    assert isinstance(result, Reading) and result.case_id == "oresund" and result.argument == "A bridge (¶11)."
    assert dict(result.values) == {"place": 3, "network": 4, "community": 1, "learning_region": 2}


CLASSIFY_NOTED = [
    (
        "a statement it does not know",
        {"cafe-meeting": "place", "atlantis": "place"},
        {"cafe-meeting": "place"},
        "statement is 'atlantis', not one the companion knows",
    ),
    (
        "an answer it does not know",
        {"cafe-meeting": "place", "rsa-contacts": "region"},
        {"cafe-meeting": "place"},
        "the answer to 'rsa-contacts' is 'region'",
    ),
    (
        "an answer that is a number",
        {"cafe-meeting": 3, "rsa-contacts": "network"},
        {"rsa-contacts": "network"},
        "is 3, not one the companion knows",
    ),
]


@pytest.mark.parametrize(("label", "answers", "values", "words"), CLASSIFY_NOTED, ids=[c[0] for c in CLASSIFY_NOTED])
def test_classify_answers_are_checked_one_by_one(label, answers, values, words):
    result = read_export(as_bytes({"format": CLASSIFY, "version": 1, "answers": answers}))
    assert isinstance(result, Reading) and dict(result.values) == values
    assert any(words in n for n in result.notes), result.notes


def test_recipe_weights_are_checked_one_by_one():
    weights = {i: 2 for i in vocab.ingredients()}
    weights["ict"] = 9
    weights["luck"] = 4
    result = read_export(as_bytes({"format": RECIPE, "version": 1, "weights": weights, "compared_case": "neverland"}))
    assert isinstance(result, Reading)
    assert "ict" not in result.values and "luck" not in result.values and len(result.values) == len(weights) - 2
    assert result.case_id is None
    said = " ".join(result.notes)
    assert "outside 0-4" in said and "'luck'" in said and "the compared case is 'neverland'" in said


# --- the formats --------------------------------------------------------------


def test_the_widgets_exports_are_read_back_unchanged():
    answers = {"cafe-meeting": "place", "rsa-contacts": "community"}
    back = read_export(classify_export(answers, "Alex", "id1").encode())
    assert back.format == CLASSIFY and dict(back.values) == answers and back.student == "Alex"
    assert json.loads(classify_export(answers))["score"] == {
        "as_companion": 1,
        "answered": 2,
        "statements": len(vocab.statements()),
    }
    mix = {i: n % 5 for n, i in enumerate(vocab.ingredients())}
    back = read_export(recipe_export(mix, "Tampere", "jena", "", "id2").encode())
    assert (
        dict(back.values) == mix and back.case_id == "jena" and back.case_name == "Tampere" and back.export_id == "id2"
    )
    text = stamp(
        profile_to_json(
            Profile(
                "kent",
                "Kent Thames-side",
                {"place": 4, "network": 1, "community": 2, "learning_region": 2},
                "Homes (¶13).",
            )
        ),
        "Bo",
        "id3",
    )
    back = read_export(text.encode())
    assert (back.case_id, back.student, back.export_id, back.argument) == ("kent", "Bo", "id3", "Homes (¶13).")
    assert list(json.loads(text))[:4] == ["format", "version", "student", "export_id"]


def test_every_format_is_versioned_and_described_from_the_data():
    assert formats.VERSIONS == {PROFILE: 1, CLASSIFY: 1, RECIPE: 1}
    for fmt in formats.VERSIONS:
        spec = schema(fmt)
        assert spec["$id"] == fmt and spec["properties"]["version"]["const"] == 1
        assert {"format", "version"} <= set(spec["required"])
        for name, prop in spec["properties"].items():
            assert prop.get("description"), f"{fmt}.{name} is not described"
    assert set(schema(PROFILE)["properties"]["scores"]["properties"]) == set(vocab.dimensions())
    assert set(schema(RECIPE)["properties"]["weights"]["properties"]) == set(vocab.ingredients())
    assert schema(CLASSIFY)["properties"]["answers"]["propertyNames"]["enum"] == list(vocab.statements())
    schema(PROFILE)["properties"].clear()  # a copy: the reader's own description is untouched
    assert schema(PROFILE)["properties"]


def test_a_case_a_lecturer_adds_is_part_of_the_format(tmp_path, monkeypatch):
    from test_data_rules import copy_data, lecturers_case

    data = copy_data(tmp_path)
    lecturers_case(data)
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(data))
    result = read_export(as_bytes(profile(case_id="emilia")))
    assert isinstance(result, Reading) and result.case_id == "emilia" and result.case_name == "Emilia-Romagna"
    assert "emilia" in schema(PROFILE)["properties"]["case_id"]["enum"]


# --- a class of files ------------------------------------------------------------


def named(name: str, data, modified: float | None = None) -> Source:
    return Source.of_bytes(name, as_bytes(data), modified)


def test_each_bad_file_gets_one_sentence_naming_it_and_the_rest_loads():
    bad = [(f"bad-{n}.json", content) for n, (_label, content, _words) in enumerate(REFUSED)]
    good = [(f"good-{n}.json", profile(student=f"Student {n}", export_id=f"id{n}")) for n in range(5)]
    data = gather([named(n, c) for n, c in bad + good])
    assert len(data.readings) == 5
    refused = data.refused
    assert len(refused) == len(bad)
    for note in refused:
        assert note.text().startswith(f"File {note.file.number} ") and note.file.name not in note.text()
        assert note.text(show_names=True).startswith(f"File {note.file.number} ({note.file.name}) ")
        assert note.text().count(". ") == 0 or "ask" in note.text(), note.text()  # one sentence
    assert {n.file.name for n in refused} == {n for n, _ in bad}


def test_the_same_student_twice_is_merged_and_said():
    first = profile(scores={"place": 1, "network": 1, "community": 1, "learning_region": 1})
    second = profile(scores={"place": 4, "network": 4, "community": 4, "learning_region": 4})
    # The newer file wins, whatever its name; without dates, the later name.
    data = gather([named("b.json", first, modified=200.0), named("a.json", second, modified=100.0)])
    assert len(data.readings) == 1 and data.readings[0].values["place"] == 1
    assert [n.file.name for n in data.merged] == ["a.json"]
    assert (
        "was replaced by File 2, a newer case profiler export of Jena from the same student (the same name)"
        in data.merged[0].text()
    )
    data = gather([named("b.json", first), named("a.json", second)])
    assert data.readings[0].values["place"] == 1 and "later (by name)" in data.merged[0].text()
    # The same name in another case is another reading, not a repeat.
    data = gather([named("a.json", first), named("b.json", profile(case_id="kent"))])
    assert len(data.readings) == 2 and not data.merged and data.students == 1


def test_an_identical_export_is_counted_once():
    data = gather([named("alex.json", profile()), named("alex (1).json", profile())])
    assert len(data.readings) == 1 and len(data.readings[0].files) == 2
    assert "is identical to File 1, so it was counted once" in data.merged[0].text()


def test_two_unnamed_students_with_the_same_answers_are_two_students():
    answers = {"cafe-meeting": "place"}
    data = gather(
        [
            named("a.json", json.loads(classify_export(answers, "", "widget-a"))),
            named("b.json", json.loads(classify_export(answers, "", "widget-b"))),
        ]
    )
    assert len(data.readings) == 2 and data.students == 2


def test_classify_answers_of_the_same_student_are_merged_answer_by_answer():
    early = json.loads(classify_export({"cafe-meeting": "place", "rsa-contacts": "place"}, "Alex"))
    late = json.loads(classify_export({"rsa-contacts": "network", "roots-newcastle": "community"}, "alex "))
    data = gather([named("late.json", late, 20.0), named("early.json", early, 10.0)])
    assert len(data.readings) == 1
    assert dict(data.readings[0].values) == {
        "cafe-meeting": "place",
        "rsa-contacts": "network",
        "roots-newcastle": "community",
    }
    assert "their answers were merged, the newer file's answer kept" in data.merged[0].text()


def test_two_hundred_files_at_once_are_all_read():
    sources = [named(f"s{n:03d}.json", profile(student=f"S {n}", export_id=f"id{n}")) for n in range(200)]
    data = gather(sources)
    assert len(data.readings) == 200 and not data.notes and data.students == 200


def test_files_past_the_limits_are_set_aside_unread(monkeypatch):
    def never():
        raise AssertionError("read past the limit")

    sources = [named(f"s{n:04d}.json", profile(student=f"S {n}")) for n in range(MAX_FILES)]
    sources += [Source(f"z{n}.json", 10, never) for n in range(3)]
    data = gather(sources)
    assert len(data.readings) == MAX_FILES and len(data.refused) == 3
    assert all(f"at most {MAX_FILES:,} files" in n.text() for n in data.refused)
    monkeypatch.setattr("learning_regions.classroom.gather.MAX_TOTAL_BYTES", 1_000)
    data = gather([named(f"s{n}.json", profile(student=f"S {n}")) for n in range(10)])
    assert 0 < len(data.readings) < 10 and all("reads at once" in n.text() for n in data.refused)


def test_a_summary_sentence_counts_what_was_read():
    data = gather(
        [
            named("a.json", profile()),
            named("b.txt", b"hello"),
            named("c.json", json.loads(classify_export({"cafe-meeting": "place"}, "Bo"))),
        ]
    )
    assert data.summary() == (
        "Read 3 files: 1 profile, 1 set of classify-it answers from 2 students (1 set aside; see below)."
    )
