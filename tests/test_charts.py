"""The charts (learning_regions.charts): what they draw is what the data says.

Each chart is checked against the validated tables: plotted values equal the
table's values, axis titles carry units, missing figures are not drawn (never
as zero), every chart has a title, a source line with a locator and hover
text, and the accessible table behind each chart escapes markup from the data.
Tests that need bad data work on a copy of data/ (LEARNING_REGIONS_DATA).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

from companion_tools.sphinx.outputs import figure_json
from conftest import DATA
from learning_regions import load_table
from learning_regions.charts import (
    CHARTS,
    ChartNumbers,
    case_evidence,
    cases_compared,
    cases_map,
    jena_transition,
    kent_plan,
    maps,
    numbers_behind,
    oresund_scale,
    pnc_scores,
    poitiers_futuroscope,
)
from learning_regions.charts.style import source_line
from learning_regions.scales import SCORE_LABELS

CHART_IDS = [chart.__name__ for chart in CHARTS]
FACTS = {row["fact_id"]: row for row in load_table("case_facts")}


def by_id(fig: go.Figure) -> dict[str, tuple[go.BaseTraceType, int]]:
    """Every plotted point by its id: (trace, index)."""
    found = {}
    for trace in fig.data:
        for index, point_id in enumerate(trace.ids or ()):
            assert point_id not in found, f"id {point_id} is drawn twice"
            found[point_id] = (trace, index)
    return found


def value_of(fig: go.Figure, point_id: str):
    """The plotted value of a point: x for horizontal bars and dot plots, y for vertical bars."""
    trace, index = by_id(fig)[point_id]
    along_x = trace.type == "scatter" or getattr(trace, "orientation", None) == "h"
    return (trace.x if along_x else trace.y)[index]


def hover_of(fig: go.Figure, point_id: str) -> str:
    """A point's hover text, with Plotly's line breaks read as spaces."""
    trace, index = by_id(fig)[point_id]
    return trace.hovertext[index].replace("<br>", " ")


def axis_titles(fig: go.Figure) -> dict[str, str]:
    layout = fig.layout.to_plotly_json()
    return {
        key: (value.get("title") or {}).get("text") or ""
        for key, value in layout.items()
        if re.fullmatch(r"[xy]axis\d*", key)
    }


# --- what every chart has ----------------------------------------------------


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_chart_has_title_source_line_and_hover_text(chart):
    fig = chart()
    assert isinstance(fig, go.Figure)
    assert len(fig.layout.title.text) > 20, "the title should state the finding"
    source = source_line(fig)
    assert re.match(r"(Source|Places named in|The companion's reading .*of): ", source), source
    assert "¶" in source, "the source line names paragraphs"
    drawn = [
        t for t in fig.data if t.ids and t.hoverinfo != "skip" and any(not str(i).startswith("not-") for i in t.ids)
    ]
    assert drawn, "the chart draws nothing with an id"
    for trace in drawn:
        assert trace.hovertemplate == "%{hovertext}<extra></extra>"
        values = trace.x if trace.type != "scattergeo" else trace.lon
        for index, point_id in enumerate(trace.ids):
            if point_id.startswith("not-") or values[index] is None:
                continue
            assert trace.hovertext[index], f"{trace.name}: point {point_id} has no hover text"


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_chart_serialises_for_the_book(chart):
    fig = chart()
    text = figure_json(json.loads(fig.to_json()))  # what outputs.py writes into the page
    assert "NaN" not in text


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_every_axis_that_shows_numbers_has_a_unit(chart):
    fig = chart()
    layout = fig.layout.to_plotly_json()
    for key, title in axis_titles(fig).items():
        axis = layout[key]
        if axis.get("visible") is False or axis.get("type") == "category" or not title:
            continue
        if key.startswith("y") and fig.layout[key].showticklabels is False:
            continue
        assert re.search(r"\(.+\)", title), f"{chart.__name__}: {key} title {title!r} names no unit"


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_text_colours_follow_the_page(chart):
    """charts.js re-colours layout.font for dark mode; text that sets its own colour would not follow."""
    fig = chart().to_plotly_json()
    fig["layout"].pop("updatemenus", None)  # buttons keep their own light face and dark ink
    fig["layout"].pop("template", None)

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("font", "textfont", "tickfont", "insidetextfont", "outsidetextfont") and isinstance(
                    value, dict
                ):
                    assert "color" not in value, f"{path}.{key} sets its own colour"
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    walk(fig, "figure")


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_buttons_match_the_traces(chart):
    fig = chart()
    for menu in fig.layout.updatemenus:
        assert len(menu.buttons) >= 2
        for button in menu.buttons:
            data_update = button.args[0]
            for key, value in data_update.items():
                if isinstance(value, list):
                    assert len(value) == len(fig.data), f"{button.label}: {key} has {len(value)} entries"


@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_numbers_behind_every_chart(chart):
    numbers = numbers_behind(chart)
    assert isinstance(numbers, ChartNumbers)
    assert numbers.rows and numbers.description
    html = numbers._repr_html_()
    assert "<details><summary>The numbers behind this chart</summary>" in html
    assert html.count("<tr>") == len(numbers.rows) + 1
    assert "¶" in numbers.source


def test_numbers_behind_an_unknown_chart_says_which_exist():
    with pytest.raises(ValueError, match="known charts: .*jena_transition"):
        numbers_behind(len)


# --- the cases, against the data --------------------------------------------


def test_jena_values_are_the_articles():
    fig = jena_transition()
    for fact_id in (
        "jena-zeiss-employment-before",
        "jena-local-total-before",
        "jena-zeiss-employment-1999",
        "jena-biotech-jobs",
        "jena-firms",
        "jena-faculty-replaced",
    ):
        assert value_of(fig, fact_id) == FACTS[fact_id]["value"], fact_id
    assert "23,000 persons" in hover_of(fig, "jena-zeiss-employment-before")
    assert "OECD Observer (1999), ¶9" in hover_of(fig, "jena-zeiss-employment-before")
    assert "85%" in hover_of(fig, "jena-faculty-replaced")
    titles = axis_titles(fig)
    assert titles["yaxis"] == "People employed (persons)"
    assert "(count)" in titles["xaxis2"] and "(%)" in titles["xaxis3"]


def test_jena_does_not_invent_a_1999_total_and_shows_the_ambiguity():
    fig = jena_transition()
    assert value_of(fig, "not-given:jena-local-total-1999") is None
    assert value_of(fig, "not-given:jena-biotech-before") is None
    total = by_id(fig)["jena-local-total-before"][0]
    assert "unclear" in total.name
    assert "does not say what the total counts" in hover_of(fig, "jena-local-total-before")
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "no total given for 1999" in notes
    teachers = numbers_behind(jena_transition).as_dicts()
    assert any("not drawn" in row["In the chart"] for row in teachers if "Thuringia" in row["What is counted"])


def test_poitiers_direct_and_indirect_jobs_and_firms():
    fig = poitiers_futuroscope()
    for fact_id in ("poitiers-park-jobs", "poitiers-indirect-jobs", "poitiers-firms"):
        assert value_of(fig, fact_id) == FACTS[fact_id]["value"]
    assert "12,000 jobs" in hover_of(fig, "poitiers-indirect-jobs")
    assert "does not say how the indirect jobs were estimated" in hover_of(fig, "poitiers-indirect-jobs")
    titles = axis_titles(fig)
    assert titles["xaxis"] == "Jobs created (jobs)" and titles["xaxis2"] == "Firms (count)"


def test_oresund_scale_link_and_per_capita_view():
    fig = oresund_scale()
    for fact_id in ("oresund-firms", "oresund-employment", "oresund-population"):
        assert value_of(fig, fact_id) == FACTS[fact_id]["value"]
    assert value_of(fig, "oresund-link-length") == FACTS["oresund-link-length"]["value"] == 16
    assert FACTS["oresund-link-length"]["status"] in hover_of(fig, "oresund-link-length")
    population = FACTS["oresund-population"]["value"]
    assert value_of(fig, "derived:oresund-employment-per-1000") == pytest.approx(
        FACTS["oresund-employment"]["value"] / population * 1000, abs=0.05
    )
    assert value_of(fig, "derived:oresund-firms-per-1000") == pytest.approx(
        FACTS["oresund-firms"]["value"] / population * 1000, abs=0.05
    )
    assert "Arithmetic" in hover_of(fig, "derived:oresund-firms-per-1000")
    assert value_of(fig, "derived:oresund-population-per-1000") == 1000
    [menu] = fig.layout.updatemenus
    assert [b.label for b in menu.buttons] == ["Counts", "Per 1,000 residents"]
    assert "Length (km)" in axis_titles(fig)["xaxis3"]


def test_kent_planned_and_reported_are_drawn_differently():
    fig = kent_plan()
    for fact_id in (
        "kent-cement-jobs",
        "kent-new-employees",
        "kent-homes",
        "kent-primary-schools",
        "kent-secondary-schools",
    ):
        assert value_of(fig, fact_id) == FACTS[fact_id]["value"]
    assert value_of(fig, "kent-investment") * 1e9 == FACTS["kent-investment"]["value"]
    assert "Investment (GBP billion)" in axis_titles(fig).values()
    for point_id, (trace, _index) in by_id(fig).items():
        status = FACTS[point_id]["status"]
        assert status.capitalize() in trace.name, point_id
        shape = trace.marker.pattern.shape if trace.marker.pattern else None
        assert bool(shape) == (status != "reported"), f"{point_id} ({status}) has pattern {shape!r}"
    assert "£4 billion" in hover_of(fig, "kent-investment")


# --- the five side by side ----------------------------------------------------


def test_case_evidence_counts_match_the_tables_and_andalusia_has_no_square():
    fig = case_evidence()
    facts = load_table("case_facts")
    points = by_id(fig)
    for case in ("jena", "poitiers", "oresund", "kent"):
        drawn = sum(int(trace.text[i]) for pid, (trace, i) in points.items() if pid.startswith(f"{case}|"))
        assert drawn == len(facts.where(case_id=case)), case
    assert not [pid for pid in points if pid.startswith("andalusia|")]
    assert sum(pid.startswith("not-given:andalusia|") for pid in points) == 6
    claims = load_table("case_claims").where(case_id="andalusia")
    trace, index = points["claims:andalusia"]
    assert int(trace.text[index]) == len(claims)
    assert "Andalusia" in fig.layout.title.text


def test_cases_compared_never_draws_a_missing_figure_as_zero():
    fig = cases_compared()
    points = by_id(fig)
    for fact_id, (trace, index) in points.items():
        if fact_id in FACTS:
            assert trace.x[index] == FACTS[fact_id]["value"]
    values = [x for trace in fig.data for x in (trace.x or ()) if x is not None]
    assert 0 not in values
    andalusia = [pid for pid in points if pid in FACTS and FACTS[pid]["case_id"] == "andalusia"]
    assert andalusia == []
    rows = by_id(fig)["row:andalusia"][0]
    assert rows.x[rows.ids.index("row:andalusia")] is None  # the row exists, with no value
    assert fig.layout.xaxis.type == "log"
    assert "not given" in " ".join(fig.layout.yaxis.ticktext)
    # The chart draws the OECD cases (cases.csv kind 'oecd_case') and names any other case under the plot.
    kinds = {row["case_id"]: row["kind"] for row in load_table("cases")}
    firms = {FACTS[pid]["case_id"] for pid in points if pid in FACTS and FACTS[pid]["quantity"] == "firms"}
    given = {r["case_id"] for r in load_table("case_facts") if r["quantity"] == "firms"}
    assert firms == {case for case in given if kinds[case] == "oecd_case"}
    note = " ".join(a.text.replace("<br>", " ") for a in fig.layout.annotations if a.name == "not-shown")
    names = {row["case_id"]: row["name"] for row in load_table("cases")}
    for case in given - firms:
        assert names[case] in note, f"{names[case]} has figures but is neither drawn nor named under the chart"
    [menu] = fig.layout.updatemenus
    assert [b.label for b in menu.buttons] == ["Firms", "People in work"]


def test_cases_compared_rejects_an_unknown_measure():
    with pytest.raises(ValueError, match="choose from Firms, People in work"):
        cases_compared(["Happiness"])


# --- the map ---------------------------------------------------------------------


def test_map_draws_every_place_at_its_coordinates_without_asking_for_outlines():
    fig = cases_map(basemap=False)
    places = {row["place_id"]: row for row in load_table("places")}
    drawn = {}
    for trace in fig.data:
        assert trace.type == "scattergeo"
        for index, place_id in enumerate(trace.ids):
            drawn[place_id] = (trace.lat[index], trace.lon[index])
    assert drawn == {pid: (row["latitude"], row["longitude"]) for pid, row in places.items()}
    geo = fig.layout.geo
    for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits"):
        assert getattr(geo, f"show{layer}") is False, f"show{layer} would make plotly.js fetch topojson"
    assert geo.bgcolor == "rgba(0,0,0,0)"


@pytest.mark.parametrize(
    ("latitude", "longitude", "written"),
    [
        (37.39, -5.98, "37.39° N, 5.98° W"),
        (51.45, 0.25, "51.45° N, 0.25° E"),
        (-6.2, 106.85, "6.20° S, 106.85° E"),
        (-33.45, -70.67, "33.45° S, 70.67° W"),
        (0.0, 0.0, "0.00° N, 0.00° E"),
    ],
)
def test_coordinates_are_written_with_their_hemisphere(latitude, longitude, written):
    assert maps.degrees(latitude, longitude) == written


def test_map_hover_gives_every_place_its_hemisphere():
    places = {row["place_id"]: row for row in load_table("places")}
    for trace in cases_map(basemap=False).data:
        for place_id, text in zip(trace.ids, trace.hovertext):
            row = places[place_id]
            assert maps.degrees(row["latitude"], row["longitude"]) in text
            assert "-" not in text.split("<br>")[-1].split("(")[0], f"{place_id}: a signed degree in {text!r}"


def test_map_with_basemap_switches_the_land_layer_on():
    geo = cases_map(basemap=True).layout.geo
    assert geo.showland and geo.showcoastlines and geo.showcountries


def test_map_labels_each_case_and_puts_indonesia_in_the_world_view():
    fig = cases_map()
    names = {row["case_id"]: row["name"] for row in load_table("cases")}
    europe = [text for trace in fig.data for text in trace.text if text]
    for case in ("jena", "poitiers", "oresund", "andalusia", "kent"):
        assert names[case] in europe
    assert "Indonesia" not in europe
    assert "Indonesia" in fig.layout.title.subtitle.text  # said in words where it is off the map
    [menu] = fig.layout.updatemenus
    world = next(b for b in menu.buttons if b.label.startswith("World"))
    assert "Indonesia" in [text for texts in world.args[0]["text"] for text in texts]


def test_map_labels_only_points_inside_each_view():
    points = maps._points()
    for view, (lon, lat) in maps.VIEWS.items():
        texts, positions = maps._labels(points, view)
        assert len(texts) == len(positions) == len(points)
        for point, text in zip(points, texts):
            row = point["row"]
            if text:
                assert lon[0] <= row["longitude"] <= lon[1] and lat[0] <= row["latitude"] <= lat[1], (view, text)
        labelled = [t for t in texts if t]
        assert len(labelled) == len(set(labelled)), view


# --- the companion's reading ---------------------------------------------------


def test_pnc_scores_are_the_companions_and_say_so():
    fig = pnc_scores()
    readings = load_table("pnc_readings")
    assert readings.is_interpretation
    points = by_id(fig)
    assert len(points) == len(readings)
    for row in readings:
        point_id = f"{row['case_id']}|{row['dimension']}"
        assert value_of(fig, point_id) == row["score"]
        hover = hover_of(fig, point_id)
        assert "the companion's reading" in hover and row["locator"] in hover
    assert fig.layout.title.text.startswith("Companion's reading")
    assert "companion" in source_line(fig)
    assert all("Score (0-4" in t for k, t in axis_titles(fig).items() if k.startswith("x"))
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == [
        "All three",
        *(SCORE_LABELS[d] for d in ("place", "network", "community")),
    ]


# --- bad data: escaped, never executed ---------------------------------------


HOSTILE = '<script>alert("x")</script><b onmouseover=alert(1)>Zeiss</b>'


@pytest.fixture
def hostile_data(tmp_path, monkeypatch):
    """A copy of data/ whose Jena description and a reading's rationale carry markup."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)

    def edit(name, key, match, column):
        path = folder / name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            fields = list(rows[0])
        for row in rows:
            if all(row[k] == v for k, v in zip(key, match)):
                row[column] = HOSTILE
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)

    edit("case_facts.csv", ("fact_id",), ("jena-zeiss-employment-before",), "description")
    edit("case_facts.csv", ("fact_id",), ("jena-zeiss-employment-before",), "note")
    edit("pnc_readings.csv", ("case_id", "dimension"), ("jena", "place"), "rationale")
    edit("places.csv", ("place_id",), ("tilburg",), "name")
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(folder))
    return folder


def test_markup_in_the_data_is_escaped_in_the_tables(hostile_data):
    for chart in (jena_transition, pnc_scores, cases_map, cases_compared):
        html = numbers_behind(chart)._repr_html_()
        if chart in (jena_transition, pnc_scores, cases_map):
            assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, chart.__name__
        assert "<script" not in html and "<b onmouseover" not in html, chart.__name__


def test_markup_in_the_data_is_escaped_in_hover_text_and_labels(hostile_data):
    figures = [jena_transition(), pnc_scores(), cases_map()]
    text = json.dumps([f.to_plotly_json()["data"] for f in figures], ensure_ascii=False)
    assert "<script" not in text and "<b onmouseover" not in text
    assert "&lt;script&gt;" in text


def test_a_missing_table_is_a_clear_error_not_a_broken_chart(tmp_path, monkeypatch):
    from learning_regions import DataError

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "case_facts.csv").unlink()
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(folder))
    with pytest.raises(DataError, match="case_facts.csv"):
        jena_transition()


# --- the notebook ------------------------------------------------------------


def test_the_notebook_captions_every_chart_and_shows_its_numbers():
    notebook = json.loads((Path(__file__).parent.parent / "notebooks" / "oecd-cases.ipynb").read_text("utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    charted = {}
    for cell in code:
        figure = cell["metadata"].get("mystnb", {}).get("figure")
        if figure:
            assert figure["caption"] and figure["name"].startswith("fig-")
            charted["".join(cell["source"]).strip().removesuffix("()")] = figure["name"]
    assert set(charted) == set(CHART_IDS)
    sources = ["".join(cell["source"]) for cell in code]
    for name in CHART_IDS:
        assert f"numbers_behind({name})" in sources, f"no numbers cell for {name}"
