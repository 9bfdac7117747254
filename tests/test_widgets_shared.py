"""What the four widgets share (learning_regions.widgets: base, controls,
figures, furniture): labelled controls, errors that become messages, the one
helper that makes both figure routes, and the layout cache."""

from __future__ import annotations

import json
import shutil

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest
from widgetcheck import CONTROL_TYPES, all_controls, plain

from conftest import ROOT
from learning_regions import DataError
from learning_regions.widgets import CaseProfiler, ClassifyIt, NetworkExplorer, RecipeMixer, figures
from learning_regions.widgets.figures import FigureLayout, FigureParts, trace
from learning_regions.widgets.furniture import RADAR_OVER_BARS_SUBPLOTS, radar_over_bars

WIDGETS = {"profiler": CaseProfiler, "network": NetworkExplorer, "recipe": RecipeMixer, "classify": ClassifyIt}


@pytest.mark.parametrize("name", WIDGETS)
def test_every_control_is_labelled_and_readable(name):
    widget = WIDGETS[name]()
    controls = [w for w in all_controls(widget) if isinstance(w, CONTROL_TYPES)]
    assert controls
    for control in controls:
        assert control.description.strip(), f"{type(control).__name__} has no description"
        if "description_width" in control.style.trait_names():
            # as wide as its text, or a column wide enough for the longest label of its group
            width = control.style.description_width
            assert width == "initial" or (
                width.endswith("em") and float(width[:-2]) >= 0.54 * len(control.description)
            ), width
        else:  # a button's description is its visible face
            assert isinstance(control, (widgets.Button, widgets.FileUpload)) and control.tooltip


@pytest.mark.parametrize(
    "table, make",
    [
        ("pnc_readings", CaseProfiler),
        ("classify_examples", ClassifyIt),
        ("recipe_weights", RecipeMixer),
        ("preface_links", NetworkExplorer),
    ],
)
def test_a_widget_given_a_header_only_table_says_the_table_is_empty(tmp_path, monkeypatch, table, make):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / f"{table}.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(data))
    with pytest.raises(DataError) as caught:
        make()
    message = str(caught.value)
    assert f"{table}.csv" in message and "no rows" in message, message


# --- one description, two routes ------------------------------------------------


def _toy_frame(title: str, bars: int) -> go.Figure:
    fig = radar_over_bars("radar", "bars")
    fig.update_layout(title_text=title, height=300 + 20 * bars)
    return fig


TOY = FigureLayout(_toy_frame, subplots=RADAR_OVER_BARS_SUBPLOTS)


def test_figure_parts_make_the_same_chart_on_both_routes():
    parts = FigureParts(
        TOY,
        (3,),
        "A <i>title</i>",
        [
            (trace("scatterpolar", r=[1, 2, 3, 1], theta=["a", "b", "c", "a"], name="radar"), 1),
            (trace("bar", x=[1, 2, 3], y=["x", "y", "z"], orientation="h", name="bars"), 2),
        ],
    )
    fig, spec = parts.figure(), parts.spec()
    assert isinstance(fig, go.Figure) and isinstance(spec, dict)
    assert plain(spec) == plain(fig)
    assert spec["data"][0]["subplot"] == "polar" and spec["data"][1]["xaxis"] == "x"
    assert spec["layout"]["height"] == 360 and spec["layout"]["title"]["text"] == "A <i>title</i>"


def test_a_layout_is_computed_once_per_arguments_and_kept_by_name(monkeypatch):
    calls = []

    def frame(title: str, wide: bool) -> go.Figure:
        calls.append(wide)
        return go.Figure(layout={"title": {"text": title}, "width": 800 if wide else 400})

    layout = FigureLayout(frame)
    monkeypatch.setattr(figures, "_layouts", {})
    monkeypatch.setattr(figures, "_prebuilt_read", True)
    assert json.loads(layout.json(True))["width"] == 800 and json.loads(layout.json(False))["width"] == 400
    layout.json(True)
    assert calls == [True, False]
    assert set(figures.computed_layouts()) == {layout.key(True), layout.key(False)}
    assert layout.key(True).startswith(f"{__name__}.") and layout.key(True).endswith("[true]")


def test_a_layout_the_build_computed_is_used_as_it_is(monkeypatch):
    layout = FigureLayout(_toy_frame)
    monkeypatch.setattr(figures, "_layouts", {layout.key(2): '{"from": "the build"}'})
    monkeypatch.setattr(figures, "_prebuilt_read", True)
    assert layout.json(2) == '{"from": "the build"}'


def test_the_widgets_show_what_jupyterlab_draws():
    """The Output holds plotly's standard mime bundle (JSON), with the figure's title as its text."""
    widget = RecipeMixer()
    [output] = widget.output.outputs
    bundle = output["data"]
    json.dumps(bundle)
    assert bundle[figures.PLOTLY_MIME]["config"]["displaylogo"] is False
    assert bundle[figures.PLOTLY_MIME]["config"]["showSendToCloud"] is False  # no upload to Plotly Cloud
    assert widget.figure.layout.title.text in bundle["text/plain"]
