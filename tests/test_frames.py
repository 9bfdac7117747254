"""The pandas layer: load_frame types every column from the data dictionary,
check_frame catches what a student's edit can break, and the package still
imports (and says what to do) where pandas is absent."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import DATA, ROOT
from learning_regions import DataError, FrameError, check_frame, load_frame, load_frames, load_table, validate_all
from learning_regions.frames import reading_matrix

DICTIONARY = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DICTIONARY["resources"]}
NAMES = list(RESOURCES)


def expected_dtype(field: dict):
    """What the dictionary says a column should be, written out independently of frames.py."""
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.CategoricalDtype(enum, ordered=bool(field.get("categoriesOrdered", False)))
    return {"integer": "Int64", "year": "Int64", "number": "Float64", "boolean": "boolean", "string": "string"}[
        field.get("type", "string")
    ]


# ------------------------------------------------------------------ one field type at a time


def test_integer_is_nullable_int64():
    assert load_frame("pnc_readings")["score"].dtype == "Int64"


def test_number_is_float64():
    facts = load_frame("case_facts")
    assert facts["value"].dtype == "Float64"
    assert facts.set_index("fact_id").loc["oresund-employment", "value"] == 1_400_000


def test_boolean_is_nullable_boolean():
    facts = load_frame("case_facts")
    assert facts["approximate"].dtype == "boolean"
    assert bool(facts.set_index("fact_id").loc["jena-firms", "approximate"]) is True


def test_year_is_an_integer_and_missing_years_are_na():
    facts = load_frame("case_facts")
    assert facts["year"].dtype == "Int64"
    by_id = facts.set_index("fact_id")
    assert by_id.loc["oresund-link-completion", "year"] == 2000
    assert by_id.loc["jena-zeiss-employment-before", "year"] is pd.NA


def test_string_is_string_and_missing_text_is_na():
    facts = load_frame("case_facts")
    assert facts["description"].dtype == "string"
    # currency is empty in the CSV for every figure that is not money
    table = load_table("case_facts")
    empty = [i for i, row in enumerate(table) if row["currency"] is None]
    assert empty and all(facts["currency"].iloc[i] is pd.NA for i in empty)
    assert facts["currency"].isna().sum() == len(empty)


def test_enum_is_a_category_with_exactly_the_allowed_values():
    status = load_frame("case_facts")["status"].dtype
    assert isinstance(status, pd.CategoricalDtype)
    assert list(status.categories) == ["reported", "in progress", "planned", "expected"]
    assert status.ordered is False


def test_enum_is_ordered_where_the_dictionary_says_so_or_where_it_is_a_scale(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    readings = next(r for r in package["resources"] if r["name"] == "pnc_readings")
    fields = {f["name"]: f for f in readings["schema"]["fields"]}
    fields["dimension"]["categoriesOrdered"] = True
    fields["score"]["constraints"]["enum"] = [4, 3, 2, 1, 0]  # a scale of numbers, listed any way round
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")

    frame = load_frame("pnc_readings", copy)
    assert frame["dimension"].dtype.ordered is True
    assert list(frame["dimension"].cat.categories) == ["place", "network", "community", "learning_region"]
    assert frame["score"].dtype.ordered is True
    assert list(frame["score"].cat.categories) == [0, 1, 2, 3, 4]


# ------------------------------------------------------------------ every table


@pytest.mark.parametrize("name", NAMES)
def test_every_column_of_every_table_has_the_dictionary_type(name):
    frame = load_frame(name)
    fields = RESOURCES[name]["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    for field in fields:
        assert frame[field["name"]].dtype == expected_dtype(field), f"{name}.{field['name']}"


@pytest.mark.parametrize("name", NAMES)
def test_every_table_has_the_rows_and_values_of_the_validated_table(name):
    frame, table = load_frame(name), load_table(name)
    assert len(frame) == len(table)
    for column in frame.columns:
        got = [None if v is pd.NA or (isinstance(v, float) and pd.isna(v)) else v for v in frame[column].tolist()]
        assert got == table.column(column), f"{name}.{column}"


@pytest.mark.parametrize("name", NAMES)
def test_attrs_name_title_description_sources_units_and_kind(name):
    attrs = load_frame(name).attrs
    resource = RESOURCES[name]
    assert attrs["name"] == name and attrs["title"]
    assert attrs["description"] == resource["description"]
    assert attrs["interpretation"] is (resource["x-kind"] == "interpretation")
    assert attrs["file"] == f"data/{resource['path']}"
    table = load_table(name)
    cited = set(table.column("source_id")) if any(f.name == "source_id" for f in table.fields) else set()
    titles = {row["source_id"]: row["short_title"] for row in load_table("sources")}
    assert attrs["sources"] == {s: titles[s] for s in attrs["sources"]} and set(attrs["sources"]) == cited
    assert attrs["units"] == {f["name"]: f["unit"] for f in resource["schema"]["fields"] if "unit" in f}
    key = resource["schema"]["primaryKey"]
    assert attrs["primary_key"] == ([key] if isinstance(key, str) else key)


def test_units_are_in_attrs():
    assert load_frame("pnc_readings").attrs["units"] == {"score": "score (0-4)"}
    assert load_frame("pnc_readings").attrs["interpretation"] is True
    assert load_frame("case_facts").attrs["interpretation"] is False


def test_primary_key_becomes_the_index_on_request():
    facts = load_frame("case_facts", index=True)
    assert facts.index.name == "fact_id" and facts.index.is_unique
    assert "fact_id" not in facts.columns
    readings = load_frame("pnc_readings", index=True)
    assert list(readings.index.names) == ["case_id", "dimension"]
    assert (
        readings.loc[("oresund", "community"), "score"]
        == load_table("pnc_readings").get("oresund", "community")["score"]
    )
    assert isinstance(load_frame("case_facts").index, pd.RangeIndex)


def test_load_frames_gives_every_table():
    frames = load_frames()
    assert list(frames) == list(validate_all())
    assert all(isinstance(f, pd.DataFrame) and len(f) for f in frames.values())


# ------------------------------------------------------------------ validation comes first


def test_a_broken_file_raises_the_loaders_error(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "case_facts.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"175,000",175000', '"175,000","175,000"'), encoding="utf-8"
    )
    with pytest.raises(DataError) as error:
        load_frame("case_facts", copy)
    assert error.value.path.name == "case_facts.csv" and error.value.column == "value"
    assert error.value.row == 1 + next(
        i for i, line in enumerate(path.read_text().splitlines(), 0) if "oresund-firms" in line
    )
    assert "thousands separators" in str(error.value)


def test_frames_never_parse_csv_themselves():
    source = (ROOT / "learning_regions" / "frames.py").read_text(encoding="utf-8")
    assert "read_csv" not in source and "import csv" not in source and "open(" not in source


# ------------------------------------------------------------------ check_frame


def test_an_unedited_frame_passes_in_both_shapes():
    for name in NAMES:
        check_frame(load_frame(name), name)
        check_frame(load_frame(name, index=True), name)


def expect_frame_error(frame, name, row, column, *fragments) -> FrameError:
    with pytest.raises(FrameError) as caught:
        check_frame(frame, name)
    error = caught.value
    message = str(error)
    assert isinstance(error, DataError)
    assert f"{name}.csv" in message and f"row {row}" in message and f"column '{column}'" in message, message
    assert error.row == row and error.column == column
    for fragment in fragments:
        assert fragment in message, message
    return error


def test_check_frame_catches_a_wrong_type():
    facts = load_frame("case_facts").astype({"value": "object"})
    facts.loc[3, "value"] = "some 200"
    error = expect_frame_error(facts, "case_facts", 3, "value", "'some 200' is text", "numbers")
    assert error.label == 3


def test_check_frame_catches_a_number_that_is_not_whole():
    readings = load_frame("pnc_readings").astype({"score": "Float64"})
    readings.loc[5, "score"] = 2.5
    expect_frame_error(readings, "pnc_readings", 5, "score", "not a whole number")


def test_check_frame_catches_a_value_outside_the_enum():
    facts = load_frame("case_facts", index=True).astype({"status": "string"})
    facts.loc["kent-homes", "status"] = "promised"
    position = facts.index.get_loc("kent-homes")
    error = expect_frame_error(facts, "case_facts", position, "status", "'promised' is not one of the allowed values")
    assert error.label == "kent-homes" and "'kent-homes'" in str(error)


def test_check_frame_catches_a_value_outside_a_range():
    readings = load_frame("pnc_readings")
    readings.loc[0, "score"] = 7
    expect_frame_error(readings, "pnc_readings", 0, "score", "above the maximum 4")


def test_check_frame_catches_a_duplicate_key():
    facts = load_frame("case_facts")
    doubled = pd.concat([facts, facts.iloc[[2]]], ignore_index=True)
    expect_frame_error(doubled, "case_facts", len(facts), "fact_id", "duplicate key", "first used in row 2")


def test_check_frame_catches_a_duplicate_composite_key():
    readings = load_frame("pnc_readings")
    readings.loc[1, "dimension"] = readings.loc[0, "dimension"]
    expect_frame_error(readings, "pnc_readings", 1, "case_id, dimension", "duplicate key")


def test_check_frame_catches_a_broken_foreign_key():
    facts = load_frame("case_facts")
    facts.loc[4, "case_id"] = "weimar"
    expect_frame_error(facts, "case_facts", 4, "case_id", "'weimar' is not a case_id in cases.csv")


def test_check_frame_catches_a_missing_required_value():
    facts = load_frame("case_facts")
    facts.loc[0, "locator"] = pd.NA
    expect_frame_error(facts, "case_facts", 0, "locator", "a value is required")


def test_check_frame_catches_missing_and_extra_columns():
    facts = load_frame("case_facts")
    with pytest.raises(FrameError, match=r"case_facts\.csv\), column 'note': missing column"):
        check_frame(facts.drop(columns="note"), "case_facts")
    with pytest.raises(FrameError, match=r"column 'ratio': unexpected column"):
        check_frame(facts.assign(ratio=1.0), "case_facts")


def test_check_frame_leaves_the_frame_and_the_files_alone():
    facts = load_frame("case_facts", index=True)
    before = facts.copy()
    check_frame(facts, "case_facts")
    pd.testing.assert_frame_equal(facts, before)


# ------------------------------------------------------------------ helpers the lesson uses


def test_reading_matrix_is_case_by_dimension_in_the_dictionarys_order():
    matrix = reading_matrix("pnc_readings")
    cases = load_table("cases")
    assert list(matrix.index) == [row["name"] for row in cases]
    assert list(matrix.columns) == RESOURCES["pnc_readings"]["schema"]["fields"][1]["constraints"]["enum"]
    jena = cases.get("jena")["name"]
    assert matrix.loc[jena, "place"] == load_table("pnc_readings").get("jena", "place")["score"]
    assert matrix.attrs["interpretation"] is True


def test_weight_matrix_uses_ingredient_labels_and_keeps_gaps_as_na():
    matrix = reading_matrix("recipe_weights")
    labels = [row["label"] for row in load_table("recipe_ingredients")]
    assert list(matrix.columns) == labels
    weights = load_table("recipe_weights")
    names = {row["case_id"]: row["name"] for row in load_table("cases")}
    for row in weights:
        label = load_table("recipe_ingredients").get(row["ingredient_id"])["label"]
        assert matrix.loc[names[row["case_id"]], label] == row["weight"]
    given = {(r["case_id"], r["ingredient_id"]) for r in weights}
    expected_gaps = len(matrix.index) * len(labels) - len(given)
    assert int(matrix.isna().sum().sum()) == expected_gaps


# ------------------------------------------------------------------ without pandas


def run_without_pandas(code: str) -> subprocess.CompletedProcess:
    prelude = "import sys; sys.modules['pandas'] = None\n"
    return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, cwd=ROOT)


def test_package_imports_without_pandas_and_load_table_works():
    result = run_without_pandas(
        "import learning_regions as lr; assert 'pandas' not in [m for m in sys.modules if sys.modules[m] is not None]; "
        "print(len(lr.load_table('case_facts')))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(load_table("case_facts")))


def test_load_frame_without_pandas_says_so_in_one_plain_error():
    result = run_without_pandas(
        "from learning_regions import load_frame\n"
        "try:\n    load_frame('case_facts')\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, '|', error, '|', error.__cause__, error.__suppress_context__)\n"
    )
    assert result.returncode == 0, result.stderr
    kind, message, chain = result.stdout.strip().split(" | ")
    assert kind == "PandasMissingError"
    assert "needs pandas" in message and "load_table" in message and "JupyterLab" in message
    assert chain == "None True"  # no 'During handling of the above exception' in a traceback


# ------------------------------------------------------------------ the lesson on the site


def test_the_pandas_lesson_has_no_live_copy_and_its_page_says_why():
    from companion_tools.sphinx.jupyterlite import NOT_LIVE, live_url

    assert live_url("notebooks/the-data") is None
    assert live_url("notebooks/pnc-readings") is not None
    assert "pandas" in NOT_LIVE["the-data"] and "JupyterLab" in NOT_LIVE["the-data"]


def test_built_lesson_page(built_site):
    from html.parser import HTMLParser

    from companion_tools.sphinx.jupyterlite import LIVE_DIR

    page = (built_site / "notebooks" / "the-data.html").read_text(encoding="utf-8")
    assert "lr-not-lite" in page and "uses pandas" in page
    assert f"{LIVE_DIR}/notebooks/index.html?path=the-data.ipynb" not in page.replace("&amp;", "&")
    assert not (built_site / LIVE_DIR / "files" / "the-data.ipynb").exists()
    assert (built_site / LIVE_DIR / "files" / "pnc-readings.ipynb").exists()

    class Exercises(HTMLParser):
        def __init__(self):
            super().__init__()
            self.exercises, self.solutions = [], []

        def handle_starttag(self, tag, attrs):
            classes = (dict(attrs).get("class") or "").split()
            if "exercise" in classes and "admonition" in classes:
                self.exercises.append(dict(attrs).get("id"))
            if "solution" in classes:
                self.solutions.append(classes)

    found = Exercises()
    found.feed(page)
    assert len(found.exercises) == 3, found.exercises
    assert len(found.solutions) == 3 and all("dropdown" in c for c in found.solutions), found.solutions
    # the solutions' code ran in the build: their answers are on the page
    assert "Knowledge institutions" in page and "places with no case:" in page
    # DataFrames are shown as tables, with <NA> for what the text does not give
    assert 'class="dataframe' in page and "&lt;NA&gt;" in page
