"""The live notebooks: Python in the reader's browser, with the network cut.

Opens a widget notebook of the built site's JupyterLite copy (live/) in
headless Chromium, blocks every request to another host, runs all cells,
changes a control with the keyboard and waits for the chart to change.
"""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from companion_tools.sphinx.jupyterlite import LIVE_DIR, live_url
from conftest import SITE

NOTEBOOK = "pnc-readings.ipynb"  # the case profiler: sliders that redraw a chart
KERNEL_TIMEOUT_MS = 300_000

PLOT_DATA = """() => [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')]
    .map(gd => JSON.stringify(gd.data.map(t => [t.r, t.theta, t.a, t.b, t.c, t.x, t.y])))"""


def run_all_cells(page):
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()


def test_live_site_is_built(built_site):
    assert (SITE / LIVE_DIR / "notebooks" / "index.html").is_file(), "the build made no live/ site"
    assert (SITE / LIVE_DIR / "files" / NOTEBOOK).is_file(), f"{NOTEBOOK} is not in the live site"
    lock = json.loads((SITE / LIVE_DIR / "static" / "pyodide" / "pyodide-lock.json").read_text())
    served = {p.name for p in (SITE / LIVE_DIR / "static" / "pyodide").glob("*.whl")}
    for name in ("learning-regions", "plotly", "ipywidgets", "micropip", "ipython"):
        assert lock["packages"][name]["file_name"] in served, f"{name} is not served by the site"


def test_notebook_pages_link_to_their_live_copy(built_site):
    page = (SITE / "notebooks" / "pnc-readings.html").read_text(encoding="utf-8")
    assert live_url("notebooks/pnc-readings") in page.replace("&amp;", "&")


# The browser's Python competes for the CPU with the other heavy tests (builds,
# the in-page widgets): they run on one worker, one after the other (--dist loadgroup).
@pytest.mark.live
@pytest.mark.xdist_group("heavy")
def test_widget_runs_live_offline(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    blocked: list[str] = []

    def route(route):
        url = route.request.url
        if url.startswith(site_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)
    try:
        start = time.monotonic()
        page.goto(f"{site_url}/{LIVE_DIR}/notebooks/index.html?path={NOTEBOOK}", wait_until="load")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        run_all_cells(page)
        try:
            # Queued cells show [*] at once; none means the menu did not take the click.
            page.wait_for_selector(
                ".jp-InputArea-prompt:has-text('[*]'), .jp-InputArea-prompt:has-text('[1]')", timeout=60_000
            )
        except PlaywrightTimeoutError:
            run_all_cells(page)  # once more; a kernel that never starts still fails below
        page.wait_for_selector(".jp-InputArea-prompt:has-text('[1]')", timeout=KERNEL_TIMEOUT_MS)
        first_cell_seconds = time.monotonic() - start

        slider = page.locator(".jp-OutputArea .widget-slider .noUi-handle").first
        slider.wait_for(timeout=KERNEL_TIMEOUT_MS)
        page.wait_for_function(f"() => ({PLOT_DATA})().length > 0", timeout=KERNEL_TIMEOUT_MS)
        before = page.evaluate(PLOT_DATA)

        slider.focus()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(
            f"(before) => JSON.stringify(({PLOT_DATA})()) !== JSON.stringify(before)", arg=before, timeout=30_000
        )
        page.screenshot(path=str(SITE.parent / "live-widget-after-change.png"))

        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, errors.first.inner_text()
        assert blocked == [], f"the live notebook asked other hosts for: {blocked}"
        print(f"first cell ran {first_cell_seconds:.1f} s after opening the page")
    finally:
        context.close()


def test_cached_wheels_must_match_the_pinned_hash(tmp_path):
    from companion_tools.sphinx.pyodide import cached_wheels, pinned_wheels, sha256

    good, tampered = tmp_path / "comm-0.2.3-py3-none-any.whl", tmp_path / "six-1.17.0-py2.py3-none-any.whl"
    good.write_bytes(b"the pinned wheel")
    tampered.write_bytes(b"something else")
    pins = tmp_path / "wheels.txt"
    pins.write_text(
        f"# comment\ncomm==0.2.3 --hash=sha256:{sha256(good)}\nsix==1.17.0 --hash=sha256:{'0' * 64}\n",
        encoding="utf-8",
    )
    pinned = pinned_wheels(pins)
    assert pinned["comm"] == ("0.2.3", sha256(good))
    assert cached_wheels(tmp_path, pinned) == {"comm": good}  # six's content is not the pinned one
