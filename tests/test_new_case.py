"""A lecturer's own case: every chart and widget follows the data.

A copy of data/ gets a seventh case, Emilia-Romagna, complete in every table
a case needs (cases, a source of its own, readings, recipe weights, facts, a
claim, places), of a kind the book does not have (or, in one variant, declared
an OECD case; in another, without places). Each chart and widget must show it
or say on the chart why not, give it a colour of its own, and count it in its
titles. Expected counts are read from the copied CSV files here, not from the
package.
"""

from __future__ import annotations

import csv
import json
import shutil

import plotly.graph_objects as go
import pytest
from widgetcheck import trace, visible_after

from conftest import DATA
from learning_regions.charts import (
    CHARTS,
    case_evidence,
    cases_compared,
    cases_map,
    numbers_behind,
    pnc_scores,
)
from learning_regions.charts.palette import GREY, case_colours
from learning_regions.widgets import (
    CaseProfiler,
    ClassifyIt,
    NetworkExplorer,
    RecipeMixer,
    figures,
    profiler_static_view,
    recipe_static_view,
)

CASE, NAME, SOURCE = "emilia-romagna", "Emilia-Romagna", "lecturer-notes"
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def _rows(folder, table):
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def _add(folder, table, new_rows):
    """Append rows to a table; each new row starts as a copy of a template row
    (so columns this test does not know keep a valid value)."""
    fields, rows = _rows(folder, table)
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows + [{**template, **changes} for template, changes in new_rows])


def _first(folder, table, **match):
    _fields, rows = _rows(folder, table)
    return [row for row in rows if all(row[k] == v for k, v in match.items())]


def add_own_case(folder, kind: str, places: bool = True) -> None:
    """Add Emilia-Romagna, complete, to the data in ``folder`` (a copy of data/)."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "cases":
            for field in resource["schema"]["fields"]:
                enum = field.get("constraints", {}).get("enum")
                if field["name"] == "kind" and kind not in enum:
                    enum.append(kind)
    (folder / "datapackage.json").write_text(json.dumps(package, indent=1), encoding="utf-8")

    own = {"source_id": SOURCE, "locator": "§2"}
    [source] = _first(folder, "sources")[:1]
    _add(
        folder,
        "sources",
        [
            (
                source,
                {
                    "source_id": SOURCE,
                    "short_title": "Emilia-Romagna: a district economy (lecture notes 2026)",
                    "part": "Sections 1-4",
                    "locator_scheme": "Sections are numbered §1-§4.",
                    "locator_pattern": "§\\d+",
                    "paragraphs": "",
                },
            )
        ],
    )
    [template] = _first(folder, "cases")[:1]
    _add(
        folder,
        "cases",
        [
            (
                template,
                {
                    "case_id": CASE,
                    "name": NAME,
                    "kind": kind,
                    "country": "Italy",
                    "places_named": "Bologna; Modena",
                    "latitude": "44.49",
                    "longitude": "11.34",
                    "coordinate_source": "gazetteer: city centre (Bologna)",
                    "strategy_summary": "Industrial districts of small firms learn together.",
                    **own,
                },
            )
        ],
    )
    first = template["case_id"]
    _add(
        folder,
        "pnc_readings",
        [
            (row, {"case_id": CASE, "score": score, "rationale": f"The notes on {row['dimension']}.", **own})
            for row, score in zip(_first(folder, "pnc_readings", case_id=first), ("3", "4", "4", "2"))
        ],
    )
    _add(
        folder,
        "recipe_weights",
        [
            (row, {"case_id": CASE, "weight": str(n % 5), "rationale": "The lecture notes say so.", **own})
            for n, row in enumerate(_first(folder, "recipe_weights", case_id=first))
        ],
    )
    [firms] = _first(folder, "case_facts", quantity="firms")[:1]
    _add(
        folder,
        "case_facts",
        [
            (
                firms,
                {
                    "fact_id": "emilia-firms",
                    "case_id": CASE,
                    "description": "Firms in the districts",
                    "as_written": "3,000",
                    "value": "3000",
                    "approximate": "false",
                    "note": "",
                    **own,
                },
            )
        ],
    )
    [claim] = _first(folder, "case_claims")[:1]
    _add(
        folder,
        "case_claims",
        [(claim, {"claim_id": "emilia-trust", "case_id": CASE, "claim": "Trust is high.", **own})],
    )
    if places:
        [place] = [row for row in _first(folder, "places") if row["case_id"]][:1]
        _add(
            folder,
            "places",
            [
                (
                    place,
                    {
                        "place_id": "bologna",
                        "name": "Bologna",
                        "kind": "city",
                        "country": "Italy",
                        "region": NAME,
                        "latitude": "44.49",
                        "longitude": "11.34",
                        "case_id": CASE,
                        **own,
                    },
                ),
                (
                    place,
                    {
                        "place_id": "modena",
                        "name": "Modena",
                        "kind": "city",
                        "country": "Italy",
                        "region": NAME,
                        "latitude": "44.65",
                        "longitude": "10.93",
                        "case_id": CASE,
                        **own,
                    },
                ),
            ],
        )


@pytest.fixture(params=["regional_study", "oecd_case", "regional_study-no-places"])
def own_case(request, tmp_path, monkeypatch):
    """data/ with the lecturer's case added; returns (variant, folder, colours of the book's data)."""
    before = case_colours()
    kind, _, variant = request.param.partition("-")
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    add_own_case(folder, kind, places=variant != "no-places")
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(folder))
    monkeypatch.setattr(figures, "_layouts", {})  # layouts computed from the book's data
    monkeypatch.setattr(figures, "_prebuilt_read", True)
    return request.param, folder, before


def _oecd_count(folder) -> int:
    return sum(row["kind"] == "oecd_case" for row in _rows(folder, "cases")[1])


def _annotation(fig: go.Figure, name: str) -> str:
    return " ".join(a.text.replace("<br>", " ") for a in fig.layout.annotations if a.name == name)


def test_every_chart_and_widget_is_built_with_the_new_case(own_case):
    for chart in CHARTS:
        assert isinstance(chart(), go.Figure)
        assert numbers_behind(chart).rows
    for make in (CaseProfiler, NetworkExplorer, RecipeMixer, ClassifyIt):
        widget = make()
        assert widget.figure is not None and "Something went wrong" not in widget.message


def test_the_new_case_gets_a_colour_of_its_own_and_the_others_keep_theirs(own_case):
    _variant, _folder, before = own_case
    colours = case_colours()
    assert {case: colours[case] for case in before} == before
    assert colours[CASE] != GREY and colours[CASE] not in before.values()


def test_the_map_draws_the_new_case_or_says_why_not(own_case):
    variant, folder, _before = own_case
    fig = cases_map()
    count = _oecd_count(folder)
    title = fig.layout.title.text.replace("<br>", " ")
    assert title.startswith(f"{WORDS[count].capitalize()} OECD cases"), title
    drawn = [t for t in fig.data if t.name == NAME]
    if variant.endswith("no-places"):
        assert not drawn
        assert NAME in _annotation(fig, "not-shown") and "no place" in _annotation(fig, "not-shown")
        assert NAME in numbers_behind(cases_map).description
    else:
        [case] = drawn
        assert set(case.ids) == {"bologna", "modena"}
        assert case.marker.color == case_colours()[CASE]
        assert NAME in numbers_behind(cases_map).description
        if variant == "regional_study":
            # The title names the one case that is not an OECD case, or counts them when there are more.
            mapped = {row["case_id"] for row in _rows(folder, "places")[1] if row["case_id"]}
            others = [row["case_id"] for row in _rows(folder, "cases")[1] if row["kind"] != "oecd_case"]
            others = [case for case in others if case in mapped]
            assert CASE in others
            assert (NAME if len(others) == 1 else f"{WORDS[len(others)]} other cases") in title, title
            assert any("regional study" in text for text in case.hovertext)


@pytest.mark.parametrize("chart", [case_evidence, cases_compared], ids=["case_evidence", "cases_compared"])
def test_the_comparison_charts_draw_an_oecd_case_and_name_any_other(own_case, chart):
    variant, folder, _before = own_case
    fig = chart()
    ids = {point for t in fig.data for point in (t.ids or ())}
    mine = {point for point in ids if CASE in point}
    note = _annotation(fig, "not-shown")
    if variant == "oecd_case":
        assert mine and NAME not in note
    else:
        assert not mine
        assert NAME in note and "not an OECD case" in note
    count = _oecd_count(folder)
    # one row (cases_compared) or one column of statements (case_evidence) per OECD case
    assert len({point.split(":", 1)[1] for point in ids if point.startswith(("row:", "claims:"))}) == count
    if chart is case_evidence:
        assert f"the {WORDS[count]} OECD cases" in numbers_behind(chart).description


def test_the_readings_chart_counts_only_oecd_cases_in_the_oecd_count(own_case):
    variant, folder, _before = own_case
    fig = pnc_scores()
    ids = {point for t in fig.data for point in (t.ids or ())}
    assert {f"{CASE}|{d}" for d in ("place", "network", "community", "learning_region")} <= ids
    kinds = {row["case_id"]: row["kind"] for row in _rows(folder, "cases")[1]}
    readings = _rows(folder, "pnc_readings")[1]
    oecd = [r for r in readings if kinds[r["case_id"]] == "oecd_case"]
    strong = {
        d: sum(int(r["score"]) >= 3 for r in oecd if r["dimension"] == d) for d in ("place", "network", "community")
    }
    lead = max(strong, key=strong.get)
    cases = len({r["case_id"] for r in oecd})
    title = fig.layout.title.text.replace("<br>", " ")
    assert f"{strong[lead]} of {cases} OECD cases score 3 or 4 on {lead}" in title
    assert (NAME in title) == (variant != "oecd_case")


def test_the_profiler_offers_the_new_case_and_counts_every_case(own_case):
    _variant, folder, _before = own_case
    read = list(dict.fromkeys(r["case_id"] for r in _rows(folder, "pnc_readings")[1]))
    profiler = CaseProfiler(CASE)
    assert profiler.case.value == CASE and CASE in [v for _l, v in profiler.compare.options]
    fig = profiler_static_view()
    [menu] = fig.layout.updatemenus
    assert len(menu.buttons) == len(read) + 1
    assert menu.buttons[-1].label == f"All {WORDS[len(read)]} cases"
    mine = next(b for b in menu.buttons if b.label == NAME)
    [radar] = [t for t, v in zip(fig.data, visible_after(fig, mine)) if v and t.type == "scatterpolar"]
    assert radar.line.color == case_colours()[CASE]
    # the bar chart grows with its bars: each case keeps a bar at least as tall as in the book
    bars_px = (fig.layout.yaxis.domain[1] - fig.layout.yaxis.domain[0]) * (
        fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    )
    assert bars_px / len(read) >= 27


def test_the_recipe_mixer_weighs_the_new_case_beside_the_others(own_case):
    _variant, folder, _before = own_case
    weighed = list(dict.fromkeys(r["case_id"] for r in _rows(folder, "recipe_weights")[1]))
    mixer = RecipeMixer()
    assert f"beside the {WORDS[len(weighed)]} cases" in mixer.figure.layout.title.text.replace("<br>", " ")
    assert len(trace(mixer.figure, "closeness").y) == len(weighed)
    mixer.compare.value = CASE
    assert trace(mixer.figure, NAME).line.color == case_colours()[CASE]
    source = _annotation(mixer.figure, "source")
    assert "§2" in source and "¶9-¶13" in source
    fig = recipe_static_view()
    [menu] = fig.layout.updatemenus
    assert len(menu.buttons) == len(weighed)
