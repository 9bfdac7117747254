"""Every page of the built site, opened in headless Chromium with the network cut.

For each page: no request leaves 127.0.0.1, no console error, no failed local
request, every chart drawn as a non-empty SVG, and no notebook error or stderr
on show. Run after `make book` (``make test`` does both).
"""

from __future__ import annotations

import pytest

from companion_tools.site_server import SiteHandler
from conftest import SITE, site_pages
from pagevisit import inpage_options, visit

pytestmark = pytest.mark.browser

PAGES = site_pages()


def test_site_has_pages(built_site):
    """The parametrised tests below need a built site; say so if there is none."""
    assert PAGES, f"no pages found under {SITE}"
    assert "book/index.html" in PAGES or "index.html" in PAGES


@pytest.mark.parametrize("path", PAGES)
def test_page_works_offline(browser, site_url, path):
    with visit(browser, site_url, path) as v:
        page = v.page
        assert v.external_requests == [], f"{path} asked another host for: {v.external_requests}"
        assert v.console_errors == [], f"{path} logged console errors: {v.console_errors}"
        assert v.failed_requests == [], f"{path} had failed local requests: {v.failed_requests}"

        charts = page.locator(".lr-chart")
        for i in range(charts.count()):
            chart = charts.nth(i)
            assert "lr-chart-failed" not in (chart.get_attribute("class") or ""), (
                f"{path}: chart {i} says: {chart.inner_text()}"
            )
            svg = chart.locator("svg.main-svg").first
            box = svg.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 100, f"{path}: chart {i} has no visible SVG"
            assert chart.locator(".trace").count() > 0, f"{path}: chart {i} drew no data"

        # The icon fonts are cut to the icons used (companion_tools/sphinx/icons.py); a
        # glyph missing from a subset would make the browser fetch the full font.
        full_fonts = [url for url in v.requested if "/vendor/fontawesome/webfonts/" in url]
        assert full_fonts == [], f"{path} fell back to the full icon fonts: {full_fonts}"

        shown_errors = page.locator(".output.traceback, .output.stderr, .output.error").count()
        assert shown_errors == 0, f"{path} shows a notebook error or stderr output"
        assert "Traceback (most recent call last)" not in page.inner_text("body")


def test_plotly_js_only_on_chart_pages(browser, site_url):
    """The chart script (which fetches plotly.js) is on chart pages and live-widget pages
    (their widgets draw with it), and nowhere else."""
    with_chart, without_chart = [], []
    for path in PAGES:
        html = (SITE / path).read_text(encoding="utf-8")
        has_chart = 'class="lr-chart"' in html or "data-inpage-widget=" in html
        loads_charts = "learning-regions/charts.js" in html and 'data-plotly-file="plotly-' in html
        assert has_chart == loads_charts, f"{path}: chart={has_chart} but loads the chart script={loads_charts}"
        (with_chart if has_chart else without_chart).append(path)
    assert with_chart, "no page of the site has a chart"
    assert without_chart, "every page loads plotly.js"


def test_plotly_js_is_downloaded_once_per_visit(browser, site_url):
    """Going from chart page to chart page re-uses the browser's copy of plotly.js."""
    chart_pages = [p for p in PAGES if 'class="lr-chart"' in (SITE / p).read_text(encoding="utf-8")]
    visit_plan = (chart_pages * 3)[:3]  # three chart pages (the same one again if there is only one)
    context = browser.new_context()
    # A widget page may start its Python by itself when idle, and would then never
    # look idle on the network: off here, as in every visit (pagevisit.visit).
    context.add_init_script(inpage_options(earlyStart=False))
    page = context.new_page()
    before = len(SiteHandler.log)
    try:
        for path in visit_plan:
            page.goto(f"{site_url}/{path}", wait_until="networkidle")
            page.locator(".lr-chart").first.scroll_into_view_if_needed()
            page.wait_for_selector(".lr-chart svg.main-svg")
    finally:
        context.close()
    downloads = [
        s for s in SiteHandler.log[before:] if "/plotly-" in s.path and s.path.endswith(".js") and s.status == 200
    ]
    assert len(downloads) == 1, f"plotly.js was downloaded {len(downloads)} times over {len(visit_plan)} chart pages"
