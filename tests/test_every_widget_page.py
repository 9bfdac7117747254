"""Every widget page the book has goes live and answers: the pages come from the
build's manifest (``_build/inpage/manifest.json``), not from a list here, so a
lecturer's new widget page is tested by ``make test`` with no test edited.

For each widget: its button brings the live widget with no fault said and no
console error, no request leaves the site, and where it has a control a
reader can move (a slider, a menu), moving it changes what the widget shows."""

from __future__ import annotations

import pytest

from companion_tools.sphinx.inpage import manifest
from conftest import SITE
from pagevisit import press_live, visit

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("heavy")]

LIVE_TIMEOUT_MS = 240_000
WIDGETS = manifest.read(SITE.parent)
#: What a widget shows, to see that a control changed it: its text and its plots' data.
SHOWN = """(key) => {
    const slot = document.querySelector(`[data-inpage-widget="${CSS.escape(key)}"] .lr-inpage-slot`);
    const plots = [...slot.querySelectorAll('.js-plotly-plot')].map(gd => JSON.stringify(gd.data || []));
    return slot.innerText + '|' + plots.join('|');
}"""


def test_the_manifest_has_the_widget_pages_of_the_site():
    assert WIDGETS, f"no widget in {SITE.parent / 'inpage' / 'manifest.json'}: run make book"


@pytest.mark.parametrize("widget", WIDGETS, ids=[w["key"] for w in WIDGETS])
def test_every_widget_of_the_book_goes_live_and_answers(browser, site_url, widget):
    path = f"{widget['page']}.html"
    key = widget["key"]
    with visit(browser, site_url, path) as v:
        page = v.page
        container, status = press_live(page, key, timeout_ms=LIVE_TIMEOUT_MS)
        assert "lr-inpage-on" in (container.get_attribute("class") or ""), f"{path} ({key}): {status}"
        assert status.startswith("Ready"), f"{path} ({key}): {status}"
        slot = container.locator(".lr-inpage-slot")
        handles, menus = slot.locator(".noUi-handle:visible"), slot.locator("select:visible")
        if handles.count() or menus.count():
            before = page.evaluate(SHOWN, key)
            if handles.count():
                # One key, to the end the slider is not at: Home then End would end where
                # a slider set to its maximum began, and a Python that answers only the
                # last of two quick changes would then show nothing new.
                handle = handles.first
                handle.focus()
                at_min = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemin")
                page.keyboard.press("End" if at_min else "Home")
            else:
                options = menus.first.locator("option").count()
                menus.first.select_option(index=options - 1 if options > 1 else 0)
            page.wait_for_function(f"([key, before]) => ({SHOWN})(key) !== before", arg=[key, before], timeout=60_000)
        assert v.external_requests == [], f"{path} asked other hosts for {v.external_requests}"
        assert v.console_errors == [], f"{path} logged errors: {v.console_errors}"
        assert "lr-inpage-failed" not in (container.locator(".lr-inpage-status").get_attribute("class") or "")
