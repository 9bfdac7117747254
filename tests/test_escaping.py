"""Text from the data reaches pages as text, never as markup or script.

A copy of data/ gets hostile names and notes (an <img onerror>, a <script>,
a closing </script>); the chart functions, their tables of numbers and the
loader's table view turn it into HTML exactly as the book build does; the
page is opened in Chromium with the site's own charts.js and plotly.js. No
injected script may run, and the injected text must be visible as text.
"""

from __future__ import annotations

import json
import shutil

import pytest

from companion_tools.sphinx.outputs import chart_html
from conftest import DATA, SITE
from learning_regions import load_table
from learning_regions.charts import CHARTS, numbers_behind

pytestmark = pytest.mark.browser

HOSTILE_NAME = 'Jena<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>'
HOSTILE_NOTE = "</script><script>window.__injected=3</script>"


@pytest.fixture
def hostile_data(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cases = data / "cases.csv"
    cases.write_text(
        cases.read_text(encoding="utf-8").replace(
            "jena,Jena,", f'jena,"{HOSTILE_NAME.replace(chr(34), chr(34) * 2)}",', 1
        ),
        encoding="utf-8",
    )
    facts = data / "case_facts.csv"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("The article adds that the sector is growing.", HOSTILE_NOTE),
        encoding="utf-8",
    )
    monkeypatch.setenv("LEARNING_REGIONS_DATA", str(data))
    assert load_table("cases").get("jena")["name"] == HOSTILE_NAME
    return data


def page_from_the_data(folder) -> str:
    """Every chart and table of numbers, as the book build would write them."""
    parts = []
    for index, chart in enumerate(CHARTS):
        figure = json.loads(chart().to_json())
        parts.append(chart_html(figure, f"chart-{index}"))
        parts.append(numbers_behind(chart)._repr_html_())
    parts.append(load_table("cases")._repr_html_())
    parts.append(load_table("case_facts")._repr_html_())
    static = "_static/learning-regions"
    bundle = next((SITE / static).glob("plotly-*.min.js")).name
    shutil.copytree(SITE / static, folder / static)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>escaping</title>"
        f"<script defer src='{static}/charts.js' data-plotly-file='{bundle}'></script></head>"
        f"<body>{''.join(parts)}</body></html>"
    )


def test_markup_in_the_data_is_shown_as_text(hostile_data, tmp_path, browser, built_site):
    from companion_tools.site_server import serve

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page_from_the_data(site), encoding="utf-8")
    with serve(site) as url:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(f"{url}/index.html", wait_until="networkidle")
            charts = page.locator(".lr-chart")
            for i in range(charts.count()):
                charts.nth(i).scroll_into_view_if_needed()
                page.wait_for_function(
                    "(i) => document.querySelectorAll('.lr-chart')[i].querySelector('svg.main-svg')", arg=i
                )
            for details in page.locator("details").all():
                details.evaluate("d => d.open = true")
            assert page.evaluate("() => window.__injected") is None, "a script from the data ran"
            assert page.locator("img[src='x']").count() == 0, "an <img> from the data became markup"
            text = page.inner_text("body")
            assert "<script>window.__injected=2</script>" in text  # the name, shown as text
            assert HOSTILE_NOTE in text  # the note, shown as text
            assert errors == [], errors
        finally:
            page.close()


def test_a_charts_accessible_name_keeps_the_words_a_title_breaks_between_lines():
    """A screen reader heard "spread acrossWestern Europe" (the title's <br> had
    been dropped with no space)."""
    from companion_tools.sphinx.outputs import chart_html

    figure = {"layout": {"title": {"text": "Cases spread across<br>Western Europe;<br />the <b>Preface</b>"}}}
    assert 'aria-label="Cases spread across Western Europe; the Preface"' in chart_html(figure, "c1")
