"""How the book build turns notebook outputs into static HTML (learning_regions.sphinx)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import plotly.graph_objects as go
import pytest

from learning_regions.sphinx import assets, outputs


def mime(mime_type, content, cell_index=3, output_index=0):
    return SimpleNamespace(mime_type=mime_type, content=content, cell_index=cell_index, output_index=output_index)


def figure_dict(title="Zeiss jobs fell"):
    return json.loads(go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": {"text": title}}).to_json())


def test_plotly_output_becomes_container_and_data_island():
    [node] = outputs.PlotlyOutput.handle_mime(None, mime(outputs.PLOTLY_MIME, figure_dict()), False)
    html = node.astext()
    element_id = re.search(r'<div class="lr-chart" id="([^"]+)"', html).group(1)
    data = re.search(rf'<script type="application/json" id="{element_id}-data">(.*)</script>', html, re.S).group(1)
    assert json.loads(data) == figure_dict()
    assert 'aria-label="Zeiss jobs fell"' in html
    assert "plotly" not in html.split("<script", 1)[0].lower().replace("lr-chart", "")  # no inline plotly.js


def test_chart_ids_are_stable_and_distinct():
    first = outputs.PlotlyOutput.handle_mime(None, mime(outputs.PLOTLY_MIME, figure_dict()), False)[0].astext()
    again = outputs.PlotlyOutput.handle_mime(None, mime(outputs.PLOTLY_MIME, figure_dict()), False)[0].astext()
    other = outputs.PlotlyOutput.handle_mime(None, mime(outputs.PLOTLY_MIME, figure_dict(), cell_index=4), False)[0].astext()
    assert first == again
    assert first != other


def test_markup_in_figure_text_cannot_escape_the_data_island():
    hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>'
    [node] = outputs.PlotlyOutput.handle_mime(None, mime(outputs.PLOTLY_MIME, figure_dict(hostile)), False)
    html = node.astext()
    assert html.count("</script>") == 1  # only the data island's own end tag
    assert "<img" not in html
    island = html.split('type="application/json"', 1)[1].split(">", 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(island)["layout"]["title"]["text"] == hostile  # the text itself survives intact


def test_other_mime_types_and_inline_outputs_are_left_to_myst_nb():
    assert outputs.PlotlyOutput.handle_mime(None, mime("text/html", "<b>x</b>"), False) is None
    assert outputs.PlotlyOutput.handle_mime(None, mime(outputs.PLOTLY_MIME, figure_dict()), True) is None
    assert outputs.WidgetViewOutput.handle_mime(None, mime("text/plain", "x"), False) is None


def test_widget_view_becomes_a_note_pointing_to_the_live_notebook():
    [note] = outputs.WidgetViewOutput.handle_mime(None, mime(outputs.WIDGET_VIEW_MIME, {"model_id": "abc"}), False)
    assert "lr-widget-notice" in note["classes"]
    assert "Run this notebook live in your browser" in note.astext()


def test_plotly_js_comes_from_the_installed_plotly_package():
    import plotly

    source = assets.plotly_js_source()
    assert source.is_relative_to(Path(plotly.__file__).parent)
    assert re.fullmatch(r"\d+\.\d+\.\d+", assets.plotly_js_version())
    assert assets.plotly_js_name() == f"learning-regions/plotly-{assets.plotly_js_version()}.min.js"


@pytest.mark.parametrize(
    "body, expected",
    [('<div class="lr-chart" id="x"></div>', True), ("<p>lr-chart is mentioned in prose</p>", False), ("", False)],
)
def test_page_has_chart(body, expected):
    assert assets.page_has_chart(body) is expected
