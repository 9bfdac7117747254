"""The rules a lecturer's own data must follow, checked by the loader
(learning_regions.rules): locators fit the scheme their source declares in
sources.csv, and a case's readings are complete. A lecturer's valid data (a
new source with its own scheme, a new case of a new kind) passes; each rule
broken gives a sentence naming file, row, column and what to add."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from learning_regions import DataError, validate_all
from learning_regions.rules import locator_problem, paragraph_ranges


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def rows_of(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def add_rows(path: Path, *new: dict) -> None:
    rows = rows_of(path)
    write_rows(path, rows + [{**{k: "" for k in rows[0]}, **row} for row in new])


def add_case_kind(data: Path, kind: str) -> None:
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    cases = next(r for r in descriptor["resources"] if r["name"] == "cases")
    field = next(f for f in cases["schema"]["fields"] if f["name"] == "kind")
    field["constraints"]["enum"].append(kind)
    (data / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def lecturers_case(data: Path, weights: int | None = None, dimensions: tuple[str, ...] | None = None) -> None:
    """A sixth case of a kind the book does not have, from the lecturer's own source."""
    add_rows(
        data / "sources.csv",
        {
            "source_id": "emilia1999",
            "short_title": "A regional report (1999)",
            "part": "Chapter 2",
            "locator_scheme": "Pages of the printed report.",
            "locator_pattern": r"p\. \d+(-\d+)?",
            "paragraphs": "",
        },
    )
    add_case_kind(data, "lecturer_case")
    add_rows(
        data / "cases.csv",
        {
            "case_id": "emilia",
            "name": "Emilia-Romagna",
            "kind": "lecturer_case",
            "country": "Italy",
            "places_named": "Bologna",
            "latitude": "44.49",
            "longitude": "11.34",
            "coordinate_source": "gazetteer: city centre",
            "source_id": "emilia1999",
            "locator": "p. 12",
            "strategy_summary": "Industrial districts of small firms.",
        },
    )
    dims = dimensions if dimensions is not None else ("place", "network", "community", "learning_region")
    add_rows(
        data / "pnc_readings.csv",
        *(
            {
                "case_id": "emilia",
                "dimension": d,
                "score": "2",
                "source_id": "emilia1999",
                "locator": "p. 12-13",
                "rationale": "The lecturer's own reading of the report, with its reasons written out.",
            }
            for d in dims
        ),
    )
    ingredients = [r["ingredient_id"] for r in rows_of(data / "recipe_ingredients.csv")]
    add_rows(
        data / "recipe_weights.csv",
        *(
            {
                "case_id": "emilia",
                "ingredient_id": i,
                "weight": "1",
                "source_id": "emilia1999",
                "locator": "p. 14",
                "rationale": "The lecturer's own weight, argued from the report's chapter two.",
            }
            for i in ingredients[: weights if weights is not None else len(ingredients)]
        ),
    )


def expect_error(data: Path, *fragments: str) -> str:
    with pytest.raises(DataError) as caught:
        validate_all(data)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from: {message}"
    return message


def test_a_lecturers_source_with_its_own_scheme_and_a_complete_case_of_a_new_kind_are_valid(tmp_path):
    data = copy_data(tmp_path)
    lecturers_case(data)
    tables = validate_all(data)
    assert "emilia" in tables["cases"].column("case_id")


def test_a_case_with_some_of_its_recipe_weights_names_the_missing_ingredients(tmp_path):
    data = copy_data(tmp_path)
    lecturers_case(data, weights=3)
    missing = [r["ingredient_id"] for r in rows_of(data / "recipe_ingredients.csv")][3:]
    expect_error(data, "recipe_weights.csv", "column 'ingredient_id'", "case_id 'emilia'", "3 of the", *missing)


def test_a_case_without_its_learning_region_reading_is_named(tmp_path):
    data = copy_data(tmp_path)
    lecturers_case(data, dimensions=("place", "network", "community"))
    expect_error(data, "pnc_readings.csv", "column 'dimension'", "case_id 'emilia'", "learning_region")


def test_a_locator_that_does_not_fit_its_sources_pattern_is_named_with_its_row(tmp_path):
    data = copy_data(tmp_path)
    lecturers_case(data)
    rows = rows_of(data / "pnc_readings.csv")
    at = next(i for i, r in enumerate(rows) if r["case_id"] == "emilia")
    rows[at]["locator"] = "¶3"
    write_rows(data / "pnc_readings.csv", rows)
    expect_error(data, "pnc_readings.csv", f"row {at + 2}", "column 'locator'", "'¶3'", "emilia1999")


@pytest.mark.parametrize(
    "source, locator, fragment",
    [
        ("oecd1999", "¶16", "¶1-¶15"),
        ("oecd1999", "¶9; ¶0", "¶1-¶15"),
        ("rutten2014", "Preface ¶8 (p. xxv)", "Preface ¶1-¶7"),
        ("rutten2014", "Introduction ¶2-¶10 (pp. 1-3)", "Introduction ¶1-¶9"),
        ("rutten2014", "Preface 3", "locator pattern"),
    ],
)
def test_a_paragraph_the_source_does_not_have_is_named(tmp_path, source, locator, fragment):
    data = copy_data(tmp_path)
    rows = rows_of(data / "case_facts.csv")
    rows[0].update(source_id=source, locator=locator)
    write_rows(data / "case_facts.csv", rows)
    expect_error(data, "case_facts.csv", "row 2", "column 'locator'", fragment)


def test_a_malformed_paragraph_list_names_sources_csv(tmp_path):
    data = copy_data(tmp_path)
    rows = rows_of(data / "sources.csv")
    rows[0]["paragraphs"] = "paragraphs one to seven"
    write_rows(data / "sources.csv", rows)
    expect_error(data, "sources.csv", "column 'paragraphs'", "is not a paragraph range")


def test_every_source_of_the_book_declares_a_scheme_its_locators_fit():
    """The rule, not today's rows: whatever sources the data has, each says how
    its locators are written, and the loader has checked every locator against it."""
    tables = validate_all()
    for source in tables["sources"]:
        assert source["locator_pattern"], f"{source['source_id']} declares no locator pattern"
        paragraph_ranges(source["paragraphs"])  # parses


def test_locator_problem_reads_parts_and_ranges():
    ranges = paragraph_ranges("Preface ¶1-¶7; Introduction ¶1-¶9")
    assert ranges == {"Preface": range(1, 8), "Introduction": range(1, 10)}
    assert locator_problem("Preface ¶2-¶5 (pp. xxiii-xxiv)", None, ranges) is None
    assert "Introduction ¶1-¶9" in locator_problem("Introduction ¶12 (p. 3)", None, ranges)
    assert locator_problem("p. 4", r"p\. \d+", {}) is None


def test_a_locator_off_its_pattern_shows_the_pattern_as_written_and_the_fix(tmp_path):
    data = copy_data(tmp_path)
    lecturers_case(data)
    sources = rows_of(data / "sources.csv")
    own = next(r for r in sources if r["source_id"] == "emilia1999")
    own.update(locator_pattern=r"L\d+ s\d+", locator_scheme="Lecture and slide, e.g. L3 s5.")
    write_rows(data / "sources.csv", sources)
    for table in ("cases", "pnc_readings", "recipe_weights"):
        rows = rows_of(data / f"{table}.csv")
        for row in rows:
            if row["source_id"] == "emilia1999":
                row["locator"] = "L3 s5"
        write_rows(data / f"{table}.csv", rows)
    validate_all(data)  # the lecturer's scheme is valid
    rows = rows_of(data / "cases.csv")
    at = next(i for i, r in enumerate(rows) if r["case_id"] == "emilia")
    rows[at]["locator"] = "lecture 3"
    write_rows(data / "cases.csv", rows)
    message = expect_error(
        data, "cases.csv", f"row {at + 2}", "column 'locator'", "'lecture 3'", r"pattern L\d+ s\d+ ", "e.g. L3 s5"
    )
    assert r"\\d" not in message and "change the pattern in sources.csv" in message


def new_kind(data) -> str:
    """A kind the data's dictionary does not list yet (a lecturer's own may be listed already)."""
    listed = {row["kind"] for row in rows_of(data / "cases.csv")}
    kind = "a_kind_of_our_own"
    while kind in listed or kind in (data / "datapackage.json").read_text(encoding="utf-8"):
        kind += "_too"
    return kind


def test_a_kind_not_in_the_enum_says_where_to_add_it(tmp_path):
    data = copy_data(tmp_path)
    rows = rows_of(data / "cases.csv")
    kind = new_kind(data)
    rows[0]["kind"] = kind
    write_rows(data / "cases.csv", rows)
    expect_error(
        data,
        f"cases.csv, row 2, column 'kind': '{kind}' is not one of the allowed values",
        "add it to the field's enum in data/datapackage.json (table 'cases', field 'kind')",
    )
    add_case_kind(data, kind)
    validate_all(data)


def test_make_check_data_ends_its_verdict_with_a_newline(tmp_path):
    import subprocess

    from conftest import ROOT

    data = copy_data(tmp_path)
    rows = rows_of(data / "cases.csv")
    rows[0]["kind"] = new_kind(data)
    write_rows(data / "cases.csv", rows)
    run = subprocess.run(
        ["make", "--no-print-directory", "check-data", f"DATA={data}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert run.returncode != 0 and run.stdout.endswith(")\n") and run.stdout.count("\n") == 1, run.stdout
