"""How the book build turns notebook outputs into static HTML (companion_tools.sphinx)."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import plotly.graph_objects as go
import pytest

from companion_tools.sphinx import assets, outputs, plotly_bundle


def mime(mime_type, content, cell_index=3, output_index=0):
    return SimpleNamespace(
        mime_type=mime_type, content=content, cell_index=cell_index, output_index=output_index, line=1
    )


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
    other = outputs.PlotlyOutput.handle_mime(None, mime(outputs.PLOTLY_MIME, figure_dict(), cell_index=4), False)[
        0
    ].astext()
    assert first == again
    assert first != other


def test_markup_in_figure_text_cannot_escape_the_data_island():
    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
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


def test_widget_view_becomes_a_widget_view_node_that_says_where_the_widget_runs():
    """The in-page widgets find the node by its type (no class or text to search
    for); where they do not run (another builder), the note inside shows."""
    [view] = outputs.WidgetViewOutput.handle_mime(None, mime(outputs.WIDGET_VIEW_MIME, {"model_id": "abc"}), False)
    assert isinstance(view, outputs.widget_view)
    assert "Make this widget live" in view.astext()


def test_bundle_is_built_from_the_version_plotly_py_expects():
    from conftest import ROOT

    npm = json.loads((ROOT / "node_modules" / "plotly.js" / "package.json").read_text(encoding="utf-8"))["version"]
    assert npm == assets.plotly_js_version()


def test_bundle_refuses_a_version_mismatch():
    with pytest.raises(plotly_bundle.BundleError, match="pin plotly.js 0.0.1"):
        plotly_bundle.check_version("4.1.1", "0.0.1")
    plotly_bundle.check_version("4.1.1", "4.1.1")


def test_the_site_s_plotly_js_registers_every_listed_trace_type(built_site):
    """frontend/build.mjs bundles the list the strict build checks figures against."""
    [bundle] = (built_site / "_static" / "learning-regions").glob("plotly-*.min.js")
    text = bundle.read_text(encoding="utf-8")
    for trace in plotly_bundle.BUNDLED_TRACES:
        assert f'name:"{trace}"' in text, trace


class RecordingLogger:
    def __init__(self):
        self.warnings = []

    def warning(self, message, **kwargs):
        self.warnings.append(message)


def test_a_trace_type_missing_from_the_bundle_is_a_warning():
    renderer = SimpleNamespace(logger=RecordingLogger())
    figure = {"data": [{"type": "pie", "values": [1, 2]}], "layout": {}}
    outputs.PlotlyOutput.handle_mime(renderer, mime(outputs.PLOTLY_MIME, figure), False)
    assert len(renderer.logger.warnings) == 1 and "pie" in renderer.logger.warnings[0]
    outputs.PlotlyOutput.handle_mime(renderer, mime(outputs.PLOTLY_MIME, figure_dict()), False)
    assert len(renderer.logger.warnings) == 1  # a bar chart is in the bundle


@pytest.mark.parametrize(
    "body, expected",
    [('<div class="lr-chart" id="x"></div>', True), ("<p>lr-chart is mentioned in prose</p>", False), ("", False)],
)
def test_page_has_chart(body, expected):
    assert assets.page_has_chart(body) is expected


def test_icon_table_and_font_faces_are_read_from_theme_css():
    from companion_tools.sphinx import icons

    css = (
        '.fa-github:before{content:"\\f09b"}.fa-magnifying-glass:before,.fa-search:before{content:"\\f002"}'
        "@font-face{font-display:block;font-family:Font Awesome\\ 6 Free;font-style:normal;font-weight:900;"
        'src:url(../vendor/fontawesome/webfonts/fa-solid-900.woff2) format("woff2")}'
    )
    assert icons.glyphs(css) == {"fa-github": 0xF09B, "fa-magnifying-glass": 0xF002, "fa-search": 0xF002}
    [face] = icons.font_faces(css)
    assert face == {
        "family": "Font Awesome 6 Free",
        "weight": "900",
        "style": "normal",
        "url": "../vendor/fontawesome/webfonts/fa-solid-900.woff2",
    }


def test_built_icon_subsets_are_small(built_site):
    from conftest import SITE

    subsets = list((SITE / "_static" / "learning-regions" / "icons").glob("*.woff2"))
    assert len(subsets) == 3
    assert all(f.stat().st_size < 10_000 for f in subsets)
