"""The data in data/: it validates, every row is sourced, and bad input fails clearly.

Corruption tests work on a copy of data/ in a temporary folder; the real files
are never written (conftest.py checks their digest before and after the run).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, ROOT
from learning_regions import DataError, load_table, validate_all
from learning_regions.rules import Wording, read_as_written
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
    assert {
        "pnc_readings",
        "recipe_weights",
        "recipe_ingredients",
        "relation_types",
        "classify_examples",
    } <= interpretive
    assert "case_facts" not in interpretive
    for name in interpretive:
        table = TABLES[name]
        reason = next(f.name for f in table.fields if f.name in ("rationale", "explanation"))
        for row in table:
            assert len(row[reason]) > 20, f"{name}: {dict(row)} has no real rationale"
        assert "companion" in table.description.lower()


@pytest.mark.parametrize("fact", TABLES["case_facts"].rows, ids=lambda f: f["fact_id"])
def test_each_value_matches_the_texts_own_wording(fact):
    """Read with the function the data check uses (learning_regions.rules), so
    whatever wording make check-data accepts, this test reads too."""
    wording = read_as_written(fact["as_written"])
    assert wording.number == pytest.approx(fact["value"])
    assert fact["approximate"] is (wording.qualifier is not None), (
        "approximate must be true exactly when the text qualifies the figure"
    )
    assert (fact["unit"] == "money") is (fact["currency"] is not None)


@pytest.mark.parametrize(
    "text, qualifier, number",
    [
        ("23,000", None, 23000),
        ("some 200", "some", 200),
        ("about 32,000", "about", 32000),
        ("some £4 billion", "some", 4e9),
        ("1.4 million", None, 1.4e6),
        ("thirty years", None, 30),
        ("85%", None, 85),
        ("16-kilometre", None, 16),
        ("more than 200", "more than", 200),
        ("Fewer than 12", "fewer than", 12),
        ("up to 1,500", "up to", 1500),
        ("at least two", "at least", 2),
        ("nearly 3.5 million", "nearly", 3.5e6),
    ],
)
def test_the_wordings_the_data_check_accepts_are_read(text, qualifier, number):
    assert read_as_written(text) == Wording(qualifier, pytest.approx(number))


@pytest.mark.parametrize(
    "as_written, value, approximate, column, fragment",
    [
        ("more than 200", "200", "true", None, None),
        ("lots of", "200", "true", "as_written", "more than"),
        ("more than 200", "300", "true", "value", "'more than 200'"),
        ("more than 200", "200", "false", "approximate", "so write true"),
        ("200", "200", "true", "approximate", "so write false"),
    ],
)
def test_check_data_and_this_test_read_the_same_wordings(tmp_path, as_written, value, approximate, column, fragment):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "case_facts.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0].update(as_written=as_written, value=value, approximate=approximate)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    if column is None:
        validate_all(data)
        assert read_as_written(as_written).number == float(value)
        return
    with pytest.raises(DataError) as caught:
        validate_all(data)
    message = str(caught.value)
    assert "case_facts.csv, row 2, column " + repr(column) in message and fragment in message, message


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


@dataclass(frozen=True)
class Broken:
    """One bad input: what is broken, how, and what the message must name."""

    what: str  # the test's name
    file: str  # the file broken, in a copy of data/
    how: tuple[str, str] | Callable[[Path], None]  # (old, new): replace once; or a function of the file's path
    row: int | str | None  # the row named: a number, or a text on that row (found before the change)
    column: str | None  # the column named
    cause: tuple[str, ...]  # what the message says is wrong
    first: str | None = None  # a duplicate key: a text on the row that first used it
    line: str | None = None  # a file of lines, not rows (JSON): a text on the line named
    absent: tuple[str, ...] = ()  # what the message must not say
    table: str | None = None  # the table loaded (default: the file's name; "*": all of them)


def add_column(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",comment"] + [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def save_as_latin_1(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace("Café Langeboom".encode(), "Café Langeboom".encode("latin-1"), 1))


def separate_with_semicolons(path: Path) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def a_claim_with_one_comma() -> tuple[str, str]:
    """A claim whose text holds exactly one comma (so the file must quote it), and its id:
    taken from the data, so a lecturer's rewording of any one claim keeps the test valid."""
    with (DATA / "case_claims.csv").open(encoding="utf-8", newline="") as claims:
        for row in csv.DictReader(claims):
            if row["claim"].count(",") == 1 and '"' not in row["claim"]:
                return row["claim"], row["claim_id"]
    raise AssertionError("test set-up: no claim in case_claims.csv holds exactly one comma")


CLAIM, CLAIM_ID = a_claim_with_one_comma()
BAD_INPUT = [
    Broken("missing file", "places.csv", Path.unlink, None, None, ("file not found",)),
    Broken("empty file", "sources.csv", lambda p: p.write_text("", encoding="utf-8"), None, None, ("empty",)),
    Broken("missing column", "case_facts.csv", (",unit,", ","), 1, "unit", ("missing column",)),  # the header cell only
    Broken("extra column", "sources.csv", add_column, 1, "comment", ("unexpected column",)),
    Broken(
        "text where a number belongs",
        "case_facts.csv",
        ('"175,000",175000,', '"175,000","175,000",'),
        "oresund-firms",
        "value",
        ("not a number", "thousands separators"),
    ),
    Broken(
        "negative value",
        "case_facts.csv",
        ('"30,000",30000,homes', '"30,000",-30000,homes'),
        "kent-homes",
        "value",
        ("below the minimum 0",),
    ),
    Broken(
        "score out of range",
        "pnc_readings.csv",
        ("jena,place,4", "jena,place,7"),
        "jena,place,4",
        "score",
        ("above the maximum 4",),
    ),
    Broken(
        "unknown case id",
        "case_facts.csv",
        ("poitiers-firms,poitiers,", "poitiers-firms,poiters,"),
        "poitiers-firms",
        "case_id",
        ("'poiters' is not a case_id in cases.csv",),
    ),
    Broken(
        "duplicate key",
        "case_facts.csv",
        ("kent-new-employees,", "kent-homes,"),
        "kent-new-employees",
        "fact_id",
        ("duplicate key 'kent-homes'",),
        first="kent-homes",
    ),
    Broken(
        "duplicate composite key",
        "pnc_readings.csv",
        ("jena,network,", "jena,place,"),
        "jena,network,",
        "case_id, dimension",
        ("duplicate key 'jena, place'",),
        first="jena,place,",
    ),
    Broken(
        "broken link between tables",
        "preface_links.csv",
        ("L14,paul,dessy,", "L14,paul,desy,"),
        "L14,",
        "target_node",
        ("'desy' is not a node_id in preface_nodes.csv",),
    ),
    Broken(
        "unknown relation type",
        "preface_links.csv",
        ("L19,roel,dessy,couple,", "L19,roel,dessy,friends,"),
        "L19,",
        "relation",
        ("relation_types.csv",),
    ),
    Broken("wrong encoding", "places.csv", save_as_latin_1, "cafe-langeboom,", "name", ("not valid UTF-8",)),
    Broken(
        "unquoted comma in text",
        "case_claims.csv",
        (f'"{CLAIM}"', CLAIM),
        CLAIM_ID,
        None,
        ("7 cells but the header has 6 columns", "quotes"),
    ),
    # Named by the row and column where the quote opened.
    Broken(
        "missing closing quote",
        "cases.csv",
        (
            '"Copenhagen; Malmoe; the bridge and tunnel across the Oresund",',
            '"Copenhagen; Malmoe; the bridge and tunnel across the Oresund,',
        ),
        "oresund,",
        "places_named",
        ("closing quote",),
    ),
    # Words in a number column: the hint fits the column (a unit of its own, or a unit column).
    Broken(
        "words in a number column with a unit",
        "cases.csv",
        (",55.58,12.83,", ",north,12.83,"),
        "oresund,",
        "latitude",
        ("'north' is not a number", "degree north"),
        absent=("unit has its own column", "column 'unit'"),
    ),
    Broken(
        "words in a number column beside a unit column",
        "case_facts.csv",
        ('"30,000",30000,homes', '"30,000",30000 homes,homes'),
        "kent-homes",
        "value",
        ("not a number", "column 'unit'"),
    ),
    Broken("semicolon-separated file", "sources.csv", separate_with_semicolons, 1, None, ("semicolons", "commas")),
    Broken(
        "empty required cell",
        "case_facts.csv",
        ("oecd1999,¶9,The article adds", "oecd1999,,The article adds"),
        "jena-biotech-jobs",
        "locator",
        ("empty, but a value is required",),
    ),
    Broken(
        "value outside the allowed list",
        "case_facts.csv",
        ("30000,homes,", "30000,houses,"),
        "kent-homes",
        "unit",
        ("'houses' is not one of the allowed values",),
    ),
    Broken(
        "JSON syntax error in the dictionary",
        "datapackage.json",
        ('"resources": [', '"resources": [,'),
        None,
        None,
        ("not valid JSON",),
        line='"resources": [',
        absent=("row",),
        table="*",
    ),
]


@pytest.mark.parametrize("broken", BAD_INPUT, ids=lambda b: b.what.replace(" ", "-"))
def test_bad_input_is_refused_naming_file_row_and_column(broken, tmp_path):
    data = copy_data(tmp_path)
    path = data / broken.file
    row = line_of(path, broken.row) if isinstance(broken.row, str) else broken.row
    parts = [broken.file, *broken.cause]
    if row is not None:
        parts.append(f"row {row}")
    if broken.column is not None:
        parts.append(f"column '{broken.column}'")
    if broken.first is not None:
        parts.append(f"first used in row {line_of(path, broken.first)}")
    if broken.line is not None:
        parts.append(f"line {line_of(path, broken.line)}")
    if callable(broken.how):
        broken.how(path)
    else:
        edit(path, *broken.how)
    error = expect_error(data, broken.table or path.stem, *parts)
    assert (error.path.name, error.row, error.column) == (broken.file, row, broken.column)
    for text in broken.absent:
        assert text not in str(error), f"{text!r} in: {error}"


def test_byte_order_mark_is_accepted(tmp_path):
    data = copy_data(tmp_path)
    path = data / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_table("sources", data)) == len(TABLES["sources"])


def check_data(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "check-data", *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_make_check_data_prints_only_the_verdict(tmp_path):
    rows = sum(len(table) for table in TABLES.values())
    valid = check_data()
    assert (valid.returncode, valid.stdout, valid.stderr) == (
        0,
        f"data/ is valid: {len(TABLES)} tables, {rows} rows.\n",
        "",
    )

    data = copy_data(tmp_path)
    path = data / "case_facts.csv"
    row = line_of(path, "kent-homes")
    edit(path, '"30,000",30000,homes', '"30,000",-30000,homes')
    invalid = check_data(f"DATA={data}")
    assert invalid.returncode != 0
    assert invalid.stdout == f"{path}, row {row}, column 'value': -30000 is below the minimum 0\n"


def test_the_data_check_needs_only_the_standard_library():
    """make check-data runs with the system's Python, before any set-up."""
    dry = subprocess.run(["make", "-n", "check-data"], capture_output=True, text=True, cwd=ROOT, timeout=60).stdout
    assert ".venv" not in dry and "-m learning_regions.check data" in dry, dry
    code = "import sys, learning_regions.check; print(sorted(m.split('.')[0] for m in sys.modules if m.split('.')[0] in {'plotly', 'ipywidgets', 'pandas'}))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert loaded.strip() == "[]"


def test_unknown_table_name(tmp_path):
    expect_error(DATA, "case_fact", "no table named 'case_fact'", "case_facts")


def test_data_folder_from_environment(tmp_path, monkeypatch):
    data = copy_data(tmp_path)
    edit(data / "case_facts.csv", '"4,500",4500,', '"4,501",4501,')
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(data))
    assert load_table("case_facts").get("jena-zeiss-employment-1999")["value"] == 4501
    monkeypatch.delenv("LEARNING_REGIONS_DATA")
    assert load_table("case_facts").get("jena-zeiss-employment-1999")["value"] == 4500


def test_edits_are_seen_without_restarting(tmp_path):
    data = copy_data(tmp_path)
    assert load_table("case_facts", data).get("kent-homes")["value"] == 30000
    edit(data / "case_facts.csv", '"30,000",30000,homes', '"30,001",30001,homes')
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
