"""The data in data/: it validates, every row is sourced, and bad input fails clearly.

Corruption tests work on a copy of data/ in a temporary folder; the real files
are never written (conftest.py checks their digest before and after the run).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA
from learning_regions import DataError, load_table, validate_all
from learning_regions.schema import CellError, parse_number

TABLES = validate_all()


# --- the real data ----------------------------------------------------------


def test_every_table_in_the_dictionary_loads_and_has_rows():
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert sorted(TABLES) == sorted(names)
    for name, table in TABLES.items():
        assert len(table) > 0, f"{name} is empty"
    listed = {r["path"] for r in descriptor["resources"]}
    on_disk = {p.name for p in DATA.glob("*.csv")}
    assert listed == on_disk, f"CSV files not in the dictionary, or missing: {listed ^ on_disk}"


@pytest.mark.parametrize("name", [n for n in TABLES if n not in ("sources", "relation_types")])
def test_every_row_names_its_source_and_locator(name):
    table = TABLES[name]
    sources = {row["source_id"] for row in TABLES["sources"]}
    for index, row in enumerate(table, start=2):
        assert row["source_id"] in sources, f"{name} row {index} has no known source"
        assert row["locator"] and row["locator"].strip(), f"{name} row {index} has no locator"


def test_interpretive_tables_are_labelled_and_argued():
    interpretive = {name for name, table in TABLES.items() if table.is_interpretation}
    assert {"pnc_readings", "recipe_weights", "recipe_ingredients", "relation_types", "classify_examples"} <= interpretive
    assert "case_facts" not in interpretive
    for name in interpretive:
        table = TABLES[name]
        reason = next(f.name for f in table.fields if f.name in ("rationale", "explanation"))
        for row in table:
            assert len(row[reason]) > 20, f"{name}: {dict(row)} has no real rationale"
        assert "companion" in table.description.lower()


WORDS = {"one": 1, "two": 2, "six": 6, "ten": 10, "thirty": 30}
SCALE = {"million": 1_000_000, "billion": 1_000_000_000}


def read_as_written(text: str) -> float:
    """'some £4 billion' -> 4e9; '1.4 million' -> 1.4e6; 'thirty years' -> 30."""
    text = re.sub(r"^(some|about)\s+", "", text).replace("£", "")
    words = text.replace("-", " ").split()
    first = words[0].rstrip("%")
    number = WORDS[first] if first in WORDS else float(first.replace(",", ""))
    return number * next((SCALE[w] for w in words[1:] if w in SCALE), 1)


@pytest.mark.parametrize("fact", TABLES["case_facts"].rows, ids=lambda f: f["fact_id"])
def test_each_value_matches_the_texts_own_wording(fact):
    assert read_as_written(fact["as_written"]) == pytest.approx(fact["value"])
    hedged = fact["as_written"].startswith(("some ", "about "))
    assert fact["approximate"] is hedged, "approximate must be true exactly when the text hedges"
    assert (fact["unit"] == "money") is (fact["currency"] is not None)


def test_every_oecd_case_is_accounted_for():
    facts = TABLES["case_facts"]
    claims = TABLES["case_claims"]
    for case in TABLES["cases"].where(kind="oecd_case"):
        assert facts.where(case_id=case["case_id"]) or claims.where(case_id=case["case_id"]), case["case_id"]
    assert not facts.where(case_id="andalusia"), "the article gives no figure for Andalusia"


def test_readings_cover_every_case_and_dimension():
    readings = TABLES["pnc_readings"]
    for case in TABLES["cases"]:
        dims = {row["dimension"] for row in readings.where(case_id=case["case_id"])}
        assert dims == {"place", "network", "community", "learning_region"}, case["case_id"]
    weights = TABLES["recipe_weights"]
    for case in TABLES["cases"].where(kind="oecd_case"):
        got = {row["ingredient_id"] for row in weights.where(case_id=case["case_id"])}
        assert got == set(TABLES["recipe_ingredients"].column("ingredient_id")), case["case_id"]


def test_every_place_node_is_a_mapped_place_and_every_layer_is_known():
    nodes = TABLES["preface_nodes"]
    for node in nodes.where(kind="place"):
        assert node["place_id"], f"{node['node_id']} is a place without coordinates"
    layers = set(TABLES["relation_types"].column("layer"))
    assert layers == {"place", "network", "community"}


# --- the Table API ------------------------------------------------------------


def test_one_line_load_and_lookups():
    facts = load_table("case_facts")
    assert facts.get("oresund-population")["value"] == 2_800_000
    assert facts.field("value").type == "number"
    assert set(facts.column("case_id")) >= {"jena", "kent"}
    with pytest.raises(KeyError):
        facts.where(no_such_column=1)
    with pytest.raises(KeyError):
        facts.get("no-such-fact")


def test_rows_are_read_only():
    row = load_table("case_facts")[0]
    with pytest.raises(TypeError):
        row["value"] = 0  # type: ignore[index]
    assert load_table("case_facts")[0]["value"] == row["value"]


def test_html_view_escapes_text_from_the_data(tmp_path):
    data = copy_data(tmp_path)
    edit(data / "cases.csv", "Jena,oecd_case", "<script>alert(1)</script>,oecd_case")
    html = load_table("cases", data)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- bad input ----------------------------------------------------------------


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")


def expect_error(directory: Path, table: str, *fragments: str) -> DataError:
    with pytest.raises(DataError) as caught:
        validate_all(directory) if table == "*" else load_table(table, directory)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from: {message}"
    return caught.value


def test_missing_file(tmp_path):
    data = copy_data(tmp_path)
    (data / "places.csv").unlink()
    expect_error(data, "places", "places.csv", "file not found")


def test_missing_column(tmp_path):
    data = copy_data(tmp_path)
    edit(data / "case_facts.csv", ",unit,", ",")  # drop the header cell only
    expect_error(data, "case_facts", "case_facts.csv", "row 1", "column 'unit'", "missing column")


def test_extra_column(tmp_path):
    data = copy_data(tmp_path)
    path = data / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",comment"] + [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expect_error(data, "sources", "sources.csv", "row 1", "column 'comment'", "unexpected column")


def test_text_where_a_number_belongs(tmp_path):
    data = copy_data(tmp_path)
    path = data / "case_facts.csv"
    row = line_of(path, "oresund-firms")
    edit(path, '"175,000",175000,', '"175,000","175,000",')
    expect_error(data, "case_facts", "case_facts.csv", f"row {row}", "column 'value'", "not a number", "thousands separators")


def test_negative_value(tmp_path):
    data = copy_data(tmp_path)
    path = data / "case_facts.csv"
    row = line_of(path, "kent-homes")
    edit(path, '"30,000",30000,homes', '"30,000",-30000,homes')
    expect_error(data, "case_facts", f"row {row}", "column 'value'", "below the minimum 0")


def test_score_out_of_range(tmp_path):
    data = copy_data(tmp_path)
    path = data / "pnc_readings.csv"
    row = line_of(path, "jena,place,4")
    edit(path, "jena,place,4", "jena,place,7")
    expect_error(data, "pnc_readings", f"row {row}", "column 'score'", "above the maximum 4")


def test_unknown_case_id(tmp_path):
    data = copy_data(tmp_path)
    path = data / "case_facts.csv"
    row = line_of(path, "poitiers-firms")
    edit(path, "poitiers-firms,poitiers,", "poitiers-firms,poiters,")
    expect_error(data, "case_facts", f"row {row}", "column 'case_id'", "'poiters' is not a case_id in cases.csv")


def test_duplicate_key(tmp_path):
    data = copy_data(tmp_path)
    path = data / "case_facts.csv"
    first, second = line_of(path, "kent-homes"), line_of(path, "kent-new-employees")
    edit(path, "kent-new-employees,", "kent-homes,")
    expect_error(data, "case_facts", f"row {second}", "column 'fact_id'", "duplicate key 'kent-homes'", f"first used in row {first}")


def test_duplicate_composite_key(tmp_path):
    data = copy_data(tmp_path)
    path = data / "pnc_readings.csv"
    first, second = line_of(path, "jena,place,"), line_of(path, "jena,network,")
    edit(path, "jena,network,", "jena,place,")
    expect_error(data, "pnc_readings", f"row {second}", "column 'case_id, dimension'", f"first used in row {first}")


def test_broken_link_between_tables(tmp_path):
    data = copy_data(tmp_path)
    path = data / "preface_links.csv"
    row = line_of(path, "L14,")
    edit(path, "L14,paul,dessy,", "L14,paul,desy,")
    expect_error(data, "preface_links", f"row {row}", "column 'target_node'", "'desy' is not a node_id in preface_nodes.csv")


def test_unknown_relation_type(tmp_path):
    data = copy_data(tmp_path)
    path = data / "preface_links.csv"
    row = line_of(path, "L19,")
    edit(path, "L19,roel,dessy,couple,", "L19,roel,dessy,friends,")
    expect_error(data, "preface_links", f"row {row}", "column 'relation'", "relation_types.csv")


def test_wrong_encoding(tmp_path):
    data = copy_data(tmp_path)
    path = data / "places.csv"
    row = line_of(path, "cafe-langeboom,")
    raw = path.read_bytes().replace(b"Cafe Langeboom", "Café Langeboom".encode("latin-1"), 1)
    path.write_bytes(raw)
    expect_error(data, "places", "places.csv", f"row {row}", "column 'name'", "not valid UTF-8")


def test_byte_order_mark_is_accepted(tmp_path):
    data = copy_data(tmp_path)
    path = data / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_table("sources", data)) == len(TABLES["sources"])


def test_unquoted_comma_in_text(tmp_path):
    data = copy_data(tmp_path)
    path = data / "case_claims.csv"
    row = line_of(path, "oresund-rapprochement")
    edit(path, '"The article forecasts that joining the two sides will probably force them closer on research, education and investment policy."',
         "The article forecasts that joining the two sides will probably force them closer on research, education and investment policy.")
    expect_error(data, "case_claims", f"row {row}", "7 cells but the header has 6 columns", "quotes")


def test_missing_closing_quote_names_the_row_and_column_where_it_opened(tmp_path):
    data = copy_data(tmp_path)
    path = data / "cases.csv"
    assert line_of(path, "oresund,") == 4
    edit(path, '"Copenhagen; Malmoe; the bridge and tunnel across the Oresund",',
         '"Copenhagen; Malmoe; the bridge and tunnel across the Oresund,')
    error = expect_error(data, "cases", "cases.csv", "row 4", "column 'places_named'", "closing quote")
    assert error.row == 4


def test_words_in_a_number_column_get_a_hint_that_fits_the_table(tmp_path):
    data = copy_data(tmp_path)
    path = data / "cases.csv"
    row = line_of(path, "oresund,")
    edit(path, ",55.58,12.83,", ",north,12.83,")
    error = expect_error(data, "cases", f"row {row}", "column 'latitude'", "'north' is not a number", "degree north")
    assert "unit has its own column" not in str(error) and "column 'unit'" not in str(error)
    data = copy_data(tmp_path / "again")
    path = data / "case_facts.csv"
    row = line_of(path, "kent-homes")
    edit(path, '"30,000",30000,homes', '"30,000",30000 homes,homes')
    expect_error(data, "case_facts", f"row {row}", "column 'value'", "not a number", "column 'unit'")


def test_semicolon_separated_file_gets_a_hint_about_the_separator(tmp_path):
    data = copy_data(tmp_path)
    path = data / "sources.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    expect_error(data, "sources", "sources.csv", "row 1", "semicolons", "commas")


def test_json_syntax_error_in_the_dictionary_names_the_line(tmp_path):
    data = copy_data(tmp_path)
    path = data / "datapackage.json"
    line = line_of(path, '"resources": [')
    edit(path, '"resources": [', '"resources": [,')
    error = expect_error(data, "*", "datapackage.json", "not valid JSON", f"line {line}")
    assert "row" not in str(error), str(error)


def test_empty_required_cell(tmp_path):
    data = copy_data(tmp_path)
    path = data / "case_facts.csv"
    row = line_of(path, "jena-biotech-jobs")
    edit(path, "oecd1999,¶9,The article adds", "oecd1999,,The article adds")
    expect_error(data, "case_facts", f"row {row}", "column 'locator'", "empty, but a value is required")


def test_value_outside_the_allowed_list(tmp_path):
    data = copy_data(tmp_path)
    path = data / "case_facts.csv"
    row = line_of(path, "kent-homes")
    edit(path, "30000,homes,", "30000,houses,")
    expect_error(data, "case_facts", f"row {row}", "column 'unit'", "'houses' is not one of the allowed values")


def test_empty_file(tmp_path):
    data = copy_data(tmp_path)
    (data / "sources.csv").write_text("", encoding="utf-8")
    expect_error(data, "sources", "sources.csv", "empty")


def test_malformed_data_dictionary(tmp_path):
    data = copy_data(tmp_path)
    edit(data / "datapackage.json", '"resources": [', '"resources": [,')
    expect_error(data, "*", "datapackage.json", "not valid JSON")


def test_unknown_table_name(tmp_path):
    expect_error(DATA, "case_fact", "no table named 'case_fact'", "case_facts")


def test_data_folder_from_environment(tmp_path, monkeypatch):
    data = copy_data(tmp_path)
    edit(data / "case_facts.csv", '"4,500",4500,', '"4,500",4501,')
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(data))
    assert load_table("case_facts").get("jena-zeiss-employment-1999")["value"] == 4501
    monkeypatch.delenv("LEARNING_REGIONS_DATA")
    assert load_table("case_facts").get("jena-zeiss-employment-1999")["value"] == 4500


def test_edits_are_seen_without_restarting(tmp_path):
    data = copy_data(tmp_path)
    assert load_table("case_facts", data).get("kent-homes")["value"] == 30000
    edit(data / "case_facts.csv", '"30,000",30000,homes', '"30,000",30001,homes')
    assert load_table("case_facts", data).get("kent-homes")["value"] == 30001


# --- number parsing, property-based ---------------------------------------------


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_numbers_round_trip(number):
    assert parse_number(str(number)) == number


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_decimal_numbers_round_trip(number):
    assert parse_number(repr(number)) == pytest.approx(number)


@given(st.text(max_size=20))
def test_any_text_either_parses_or_says_why(text):
    try:
        value = parse_number(text)
    except CellError as error:
        assert repr(text) in str(error)
    else:
        assert isinstance(value, (int, float))


@given(st.integers(min_value=1000, max_value=10**9))
def test_thousands_separators_are_refused_with_a_hint(number):
    with pytest.raises(CellError, match="thousands separators"):
        parse_number(f"{number:,}")


def test_tables_are_trusted_for_the_recheck_interval(tmp_path, monkeypatch):
    """Within RECHECK_AFTER_S (infinite on the book page, whose data nothing
    edits) the cached tables are used; at 0, the default, an edit is seen at once."""
    from learning_regions import loader

    data = copy_data(tmp_path)
    before = load_table("cases", data).get("jena")["name"]
    path = data / "cases.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(before, "Jena (edited)"), encoding="utf-8")
    monkeypatch.setattr(loader, "RECHECK_AFTER_S", float("inf"))
    assert load_table("cases", data).get("jena")["name"] == before
    monkeypatch.setattr(loader, "RECHECK_AFTER_S", 0.0)
    assert load_table("cases", data).get("jena")["name"] == "Jena (edited)"
