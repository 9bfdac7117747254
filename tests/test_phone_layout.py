"""Charts and widgets on a 390 px phone (issue 22): rules on the figures, and
every figure drawn by plotly.js in headless Chromium at 390x844, where no text
may run off the edge, no legend into the source line and no axis or bar label
into another."""

from __future__ import annotations

import json

import ipywidgets as widgets
import pytest
from plotly.utils import PlotlyJSONEncoder
from widgetcheck import all_controls

from conftest import ROOT
from learning_regions.charts import CHARTS, cases_map
from learning_regions.charts.style import SOURCE_WIDTH, SUBTITLE_WIDTH, TITLE_WIDTH
from learning_regions.markup import visible_text
from learning_regions.widgets import (
    CaseProfiler,
    ClassifyIt,
    NetworkExplorer,
    RecipeMixer,
    network_static_view,
    profiler_static_view,
    recipe_static_view,
)

PLOTLY_JS = ROOT / "node_modules" / "plotly.js" / "dist" / "plotly.min.js"
PHONE = {"width": 390, "height": 844}


def _following() -> NetworkExplorer:
    explorer = NetworkExplorer()
    explorer.follow("dessy")
    return explorer


FIGURES = {
    **{chart.__name__: chart for chart in CHARTS},
    "cases_map": lambda: cases_map(basemap=False),  # the land outlines are files the book serves
    "profiler_static_view": profiler_static_view,
    "recipe_static_view": recipe_static_view,
    "network_static_view": network_static_view,
    "profiler": lambda: CaseProfiler()._figure_spec,
    "recipe": lambda: RecipeMixer()._figure_spec,
    "network": lambda: _following()._figure_spec,
    "classify": lambda: ClassifyIt().figure,
}


def _spec(make) -> dict:
    fig = make()
    return json.loads(json.dumps(fig if isinstance(fig, dict) else fig.to_plotly_json(), cls=PlotlyJSONEncoder))


def _lines(text: str) -> list[str]:
    return [visible_text(line) for line in str(text or "").split("<br>")]


@pytest.mark.parametrize("name", FIGURES)
def test_titles_and_source_lines_are_set_in_lines_a_phone_holds(name):
    layout = _spec(FIGURES[name])["layout"]
    title = layout.get("title", {})
    assert all(len(line) <= TITLE_WIDTH + 2 for line in _lines(title.get("text"))), title.get("text")
    subtitle = (title.get("subtitle") or {}).get("text")
    assert all(len(line) <= SUBTITLE_WIDTH + 2 for line in _lines(subtitle)), subtitle
    for note in layout.get("annotations", []):
        if note.get("name") in ("source", "not-shown"):
            assert all(len(line) <= SOURCE_WIDTH + 2 for line in _lines(note["text"])), note["text"]


@pytest.mark.parametrize(
    "make", [CaseProfiler, NetworkExplorer, RecipeMixer, ClassifyIt], ids=["profiler", "network", "recipe", "classify"]
)
def test_controls_fit_a_phone_and_rows_of_them_wrap(make):
    for control in all_controls(make()):
        layout = control.layout
        width = layout.width or ""
        assert not (width.endswith("px") and float(width[:-2]) > 358), f"{control.description}: {width}"
        if isinstance(control, widgets.IntSlider):
            assert width == "100%" and layout.flex_flow == "row wrap" and layout.max_width, control.description
        if isinstance(control, widgets.HBox):
            assert layout.flex_flow == "row wrap", [type(c).__name__ for c in control.children]


DRAW = r"""
async ([figure, plotly]) => {
  const script = document.createElement("script");
  script.textContent = plotly;
  document.head.appendChild(script);
  document.body.style.margin = "0";
  const main = document.createElement("main");
  main.style.padding = "0 16px";
  document.body.appendChild(main);
  const div = document.createElement("div");
  main.appendChild(div);
  await Plotly.newPlot(div, figure.data, figure.layout, {responsive: true, displaylogo: false});
  const page = document.documentElement.clientWidth;
  const off = [];
  div.querySelectorAll(".main-svg text").forEach((t) => {
    const box = t.getBoundingClientRect();
    if (box.width && (box.right > page + 1 || box.left < -1)) off.push(t.textContent.slice(0, 60));
  });
  const legend = div.querySelector(".legend");
  const source = [...div.querySelectorAll(".annotation")].find((a) => a.textContent.startsWith("Source"));
  let overlap = false;
  if (legend && source) {
    const a = legend.getBoundingClientRect(), b = source.getBoundingClientRect();
    overlap = a.bottom > b.top + 1 && a.top < b.bottom - 1;
  }
  // Axis labels, axis titles and bar labels: no two of them may cover each other.
  // A text's box includes the font's space above and below its letters, so two
  // labels stacked closely share a few pixels of height without touching: they
  // are crowded only when they share a third of a line. Labels tilted at an
  // angle are left out: their box is much larger than their letters (a turn by
  // 90 degrees, as of a y-axis title, keeps the box true).
  const labels = [...div.querySelectorAll(".xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .bartext")]
    .filter((t) => {
      const turn = /rotate\((-?[\d.]+)/.exec(t.getAttribute("transform") || "");
      return !turn || Number(turn[1]) % 90 === 0;
    })
    .map((t) => ({text: t.textContent.slice(0, 40), box: t.getBoundingClientRect()}))
    .filter((l) => l.box.width && l.text.trim());
  const crowded = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
    const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
    const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
    if (x > 1 && y > Math.min(a.box.height, b.box.height) / 3) crowded.push(a.text + " / " + b.text);
  }));
  return {off, overlap, crowded, scroll: document.documentElement.scrollWidth, page};
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("name", FIGURES)
def test_nothing_runs_off_a_phones_edge_or_into_the_source_line(browser, name):
    if not PLOTLY_JS.is_file():
        pytest.fail(f"{PLOTLY_JS} is missing: run `npm ci` (make book does)")
    page = browser.new_page(viewport=PHONE)
    try:
        page.set_content("<!doctype html><meta name=viewport content='width=device-width'>")
        result = page.evaluate(DRAW, [_spec(FIGURES[name]), PLOTLY_JS.read_text(encoding="utf-8")])
    finally:
        page.close()
    assert result["off"] == [], f"text off the phone's edge: {result['off']}"
    assert not result["overlap"], "the legend runs into the source line"
    assert result["crowded"] == [], f"labels that cover each other on a phone: {result['crowded']}"
    assert result["scroll"] <= result["page"], "the page scrolls sideways"
