"""Figures that the chapters quote from data/ stay equal to the data.

Some tables in book/ repeat values from the CSV files so that a reader sees
them in the prose. When the data changes, these tests say which page to update.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from learning_regions import load_table, validate_all
from learning_regions.scales import SCORE_LABELS

BOOK = ROOT / "book"
SCORE_COLUMNS = {label: dimension for dimension, label in SCORE_LABELS.items()}


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Pipe tables as lists of rows of cell texts (header first, separator dropped)."""
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def case_id_for(label: str) -> str:
    cases = load_table("cases")
    for case in cases:
        if label.lower().startswith(case["name"].lower().split(" (")[0].lower()):
            return case["case_id"]
    if "editors" in label.lower():
        return "editors-team"
    raise AssertionError(f"no case matches the table label {label!r}")


def test_synthesis_score_table_matches_the_readings():
    readings = load_table("pnc_readings")
    [table] = [
        t for t in markdown_tables((BOOK / "synthesis.md").read_text(encoding="utf-8")) if SCORE_LABELS["place"] in t[0]
    ]
    header, rows = table[0], table[1:]
    cases = load_table("cases")
    named = {case_id_for(row[0]) for row in rows}
    missing = [case["name"] for case in cases if case["case_id"] not in named]
    assert not missing, (
        f"book/synthesis.md: the score table ('How to read the scores') has no row for {', '.join(missing)}: "
        "add one per case, its name as in cases.csv and its scores as in pnc_readings.csv"
    )
    assert len(rows) == len(cases), f"book/synthesis.md: the score table has {len(rows)} rows for {len(cases)} cases"
    columns = SCORE_COLUMNS
    for row in rows:
        case_id = case_id_for(row[0])
        for column, dimension in columns.items():
            shown = int(row[header.index(column)])
            wanted = readings.get(case_id, dimension)["score"]
            assert shown == wanted, (
                f"book/synthesis.md: the score table gives {row[0]} {shown} for {column}; "
                f"pnc_readings.csv gives {wanted}: write {wanted}"
            )


def test_preface_score_table_matches_the_readings():
    readings = load_table("pnc_readings")
    tables = markdown_tables((BOOK / "preface.md").read_text(encoding="utf-8"))
    [table] = [t for t in tables if t[0][:2] == ["Dimension", "Score"]]
    names = SCORE_COLUMNS
    for row in table[1:]:
        assert int(row[1]) == readings.get("editors-team", names[row[0]])["score"], f"preface.md: {row[0]}"


def test_data_page_row_counts_match_the_tables():
    tables = validate_all()
    [table] = [t for t in markdown_tables((BOOK / "data.md").read_text(encoding="utf-8")) if "Rows" in t[0]]
    header = table[0]
    shown = {}
    for row in table[1:]:
        name = re.match(r"`(\w+)`", row[0]).group(1)
        shown[name] = int(row[header.index("Rows")])
    counts = {name: len(t) for name, t in tables.items()}
    wrong = [
        f"{name}: {counts.get(name, 'no such table')} (the page says {rows})"
        for name, rows in shown.items()
        if counts.get(name) != rows
    ]
    wrong += [f"{name}: {n} (not in the table)" for name, n in counts.items() if name not in shown]
    assert not wrong, "book/data.md: write these row counts in its table of tables: " + "; ".join(wrong)


@pytest.mark.parametrize("page", sorted(BOOK.glob("*.md")), ids=lambda p: p.name)
def test_chapters_cite_only_known_works(page):
    keys = set(re.findall(r"^@\w+\{([^,\s]+),", (BOOK / "references.bib").read_text(encoding="utf-8"), re.M))
    cited = set()
    for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", page.read_text(encoding="utf-8")):
        group = re.sub(r"\{[^}]*\}", "", group)  # pre- and post-notes: {see}key{p. 2}
        cited.update(k.strip() for k in group.split(","))
    assert cited <= keys, f"{page.name} cites unknown keys: {cited - keys}"


def test_instructor_guide_quotes_the_explorers_region_count():
    from learning_regions.widgets.network import load_network, regions_spanned

    network = load_network()
    done = regions_spanned(network, "editors")
    planned = regions_spanned(network, "editors", include_planned=True)
    text = " ".join((BOOK / "instructor-guide.md").read_text(encoding="utf-8").split())
    words = {5: "five"}
    expected = (
        f"{done.count} regions in {words.get(len(done.countries), len(done.countries))} countries, "
        f"or {planned.count} regions counting the workshop"
    )
    assert expected in text


def test_the_lecturers_guide_states_the_contrast_the_build_enforces():
    from companion_tools.sphinx.theme import MIN_CONTRAST

    guide = " ".join((BOOK / "make-it-your-own.md").read_text(encoding="utf-8").split())
    assert f"a contrast of at least {MIN_CONTRAST:g}:1" in guide, "make-it-your-own.md: state theme.MIN_CONTRAST"


def test_the_tests_the_lecturers_guide_names_exist():
    guide = (BOOK / "make-it-your-own.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/\w+\.py)::(\w+)`", guide)
    assert named
    for path, name in named:
        source = (BOOK.parent / path).read_text(encoding="utf-8")
        assert f"def {name}(" in source, f"make-it-your-own.md names {path}::{name}, which does not exist"
