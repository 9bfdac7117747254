"""The class view on its book page, live in Chromium with the network cut to the site.

A lecturer's visit: the page shows the example without Python; the widget goes
live; a class's files (30 invented students, three widgets, files that do not
fit, one of 50 MB) are picked at once; the charts are those the reader in
Python computes; names stay hidden until "Show names"; the projector view
shows one chart in large type and steps with Next; the summary downloads
without names. On a laptop and on a phone; axe-core on the live page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from test_inpage_browser import check_clean, drag_files, go_live

from learning_regions.classroom import example_class, example_files
from learning_regions.classroom.example import NAMES
from learning_regions.classroom.gather import Source, gather
from learning_regions.classroom.summary import profile_cases
from pagevisit import visit
from test_accessibility import axe_violations, describe

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("heavy")]  # Python in the browser: the live tier

PATH = "notebooks/class-view.html"
SLOT_TEXT = "() => document.querySelector('.lr-inpage-slot').innerText"
PLOTS = "() => [...document.querySelectorAll('.lr-inpage-slot .js-plotly-plot')]"
PHONE = {"width": 390, "height": 844}


def class_files(tmp_path) -> list:
    """30 invented students' files, the example's three that do not fit, an empty
    file and one of 50 MB, written to a folder as a lecturer would have them."""
    paths = example_class(tmp_path, students=30, seed=11)
    (tmp_path / "empty.json").write_bytes(b"")
    with (tmp_path / "lecture-recording.json").open("wb") as out:
        out.truncate(50_000_000)
    return [*paths, tmp_path / "empty.json", tmp_path / "lecture-recording.json"]


def pick(page, paths) -> None:
    """Choose files in the FileUpload's file chooser (its <input type=file>), many at once."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Choose the class's files")).click()
    assert chooser.value.is_multiple()
    chooser.value.set_files(paths)


def wait_for_text(page, text: str, timeout: int = 60_000) -> None:
    page.wait_for_function(f"(t) => ({SLOT_TEXT})().includes(t)", arg=text, timeout=timeout)


def chart_menu(page):
    return page.locator(".lr-inpage-slot select")


def test_a_class_is_read_in_the_browser_names_hidden(browser, site_url, tmp_path):
    paths = class_files(tmp_path)
    expected = gather([Source.of_path(p) for p in paths])
    with visit(browser, site_url, PATH) as v:
        page = v.page
        stand_in = page.locator("[data-inpage-widget] .lr-inpage-stand-in")
        assert "not a real class" in stand_in.inner_text() and stand_in.locator(".lr-chart svg.main-svg").count()
        go_live(page)
        wait_for_text(page, "No files yet")
        pick(page, paths)
        wait_for_text(page, f"Read {len(paths)} files")
        text = page.evaluate(SLOT_TEXT)
        assert f"from {expected.students} students" in text
        # One sentence for each file set aside, naming it by number only.
        for fragment in (
            "not an export of the companion",
            "older than the version 1",
            "it is empty",
            "50.0 MB, larger than any export",
            "so it was counted once",
        ):
            assert fragment in text, fragment
        for secret in [*NAMES, "lecture-recording", "notes-for-class", "old-profile", "empty.json"]:
            assert not re.search(rf"\b{re.escape(secret)}\b", text), f"{secret} shown with names hidden"
        # The Jena chart: the numbers the Python reader gives.
        jena = next(c for c in profile_cases(expected) if c.case_id == "jena")
        chart_menu(page).select_option(label=f"Profiles: Jena ({jena.students})")
        wait_for_text(page, "Profiles: Jena")
        page.wait_for_function(
            f"() => ({PLOTS})().some(gd => (gd.layout.title.text || '').startsWith('Jena'))", timeout=30_000
        )
        drawn = page.evaluate(f"() => ({PLOTS})()[0].data[0].text.map(Number)")
        assert sum(drawn) == sum(sum(s.counts) for s in jena.spreads)
        assert page.evaluate(f"() => ({PLOTS})()[0].querySelector('svg.main-svg') !== null")
        assert "What the chart shows." in page.evaluate(SLOT_TEXT)
        # Names only when asked.
        page.get_by_label("Show names").check()
        wait_for_text(page, "(lecture-recording.json)")
        # The file sentences and the students' names can arrive in separate redraws: wait for a name.
        page.wait_for_function(
            f"(names) => {{ const t = ({SLOT_TEXT})(); return names.some((n) => new RegExp('\\\\b' + n + '\\\\b').test(t)); }}",
            arg=list(NAMES),
            timeout=30_000,
        )
        assert any(re.search(rf"\b{name}\b", page.evaluate(SLOT_TEXT)) for name in NAMES)
        page.get_by_label("Show names").uncheck()
        page.wait_for_function(f"() => !({SLOT_TEXT})().includes('lecture-recording')", timeout=30_000)
        # The summary, as a file, without names and safe in a spreadsheet. The link is redrawn
        # when names are hidden, and the page then turns it into a Blob link: wait for the new
        # one (its label says "without names"), not the Blob of the link with names.
        link = page.locator(".lr-inpage-slot a[download='class-summary.csv']", has_text="without names")
        expect(link).to_have_attribute("href", re.compile(r"^blob:"), timeout=30_000)
        summary = page.evaluate("async (a) => (await fetch(a.href)).text()", link.element_handle())
        assert summary.lstrip("\ufeff").startswith("widget,group,item,students")
        assert not any(re.search(rf"\b{name}\b", summary) for name in NAMES)
        check_clean(v, PATH)


DROP_ZONE = """() => { const slot = document.querySelector('.lr-inpage-slot');
    return {on: slot.classList.contains('lr-inpage-drop'), says: getComputedStyle(slot, '::before').content,
            outline: getComputedStyle(slot).outlineStyle}; }"""


def test_files_dropped_on_the_class_view_are_read(browser, site_url):
    """A lecturer drags the class's files from a file manager onto the live
    widget: it is outlined and names the button that does the same from the
    keyboard; dropped, the files are read as if chosen with that button."""
    files = example_files(students=12, seed=21)
    expected = gather([Source.of_bytes(name, data) for name, data in files])
    with visit(browser, site_url, PATH) as v:
        page = v.page
        go_live(page)
        wait_for_text(page, "No files yet")
        # Text dragged within the page is not a drop of files: left to the browser.
        taken = page.evaluate("""() => { const data = new DataTransfer(); data.setData('text/plain', 'Jena');
            const event = new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true});
            document.querySelector('.lr-inpage-slot .widget-html').dispatchEvent(event);
            return event.defaultPrevented; }""")
        assert not taken and not page.evaluate(DROP_ZONE)["on"]
        # Files over the widget: outlined, and the drop zone says where they go.
        assert drag_files(page, files, ["dragenter", "dragover"]) == [True, True]
        zone = page.evaluate(DROP_ZONE)
        assert zone["on"] and zone["outline"] == "dashed", zone
        assert (
            "Drop the files here" in zone["says"]
            and "“Choose the class's files” does the same from the keyboard" in zone["says"]
        ), zone
        # Crossing into a child and back out keeps the outline until the drag leaves the widget.
        drag_files(page, files, ["dragenter"], selector=".lr-inpage-slot .widget-upload")
        drag_files(page, files, ["dragleave"])
        assert page.evaluate(DROP_ZONE)["on"]
        drag_files(page, files, ["dragleave"], selector=".lr-inpage-slot .widget-upload")
        assert not page.evaluate(DROP_ZONE)["on"]
        # Dropped: read as if chosen, the rest of the page's behaviour unchanged.
        assert drag_files(page, files) == [True, True, True]
        assert not page.evaluate(DROP_ZONE)["on"]
        wait_for_text(page, f"Read {len(files)} files")
        text = page.evaluate(SLOT_TEXT)
        assert f"from {expected.students} students" in text
        assert "not an export of the companion" in text  # the example's files that do not fit, said
        status = page.locator("[data-inpage-widget] .lr-inpage-status").inner_text()
        assert (
            status
            == f"{len(files)} files dropped on the widget: it reads them as if chosen with “Choose the class's files”."
        )
        page.wait_for_function(f"() => ({PLOTS})()[0]?.querySelector('svg.main-svg')", timeout=30_000)
        # Dropped again: the same files are repeats, merged as a second pick merges them.
        drag_files(page, files[:3])
        wait_for_text(page, f"Read {len(files) + 3} files")
        assert f"from {expected.students} students" in page.evaluate(SLOT_TEXT)
        check_clean(v, PATH)


def test_the_projector_view_shows_one_chart_in_large_type(browser, site_url):
    with visit(browser, site_url, PATH) as v:
        page = v.page
        go_live(page)
        page.get_by_role("button", name="Try an example class").click()
        wait_for_text(page, "Read ")
        page.wait_for_function(f"() => ({PLOTS})()[0]?.layout", timeout=30_000)
        page_font = page.evaluate(f"() => ({PLOTS})()[0].layout.font.size")
        page.get_by_label("Projector view").check()
        page.wait_for_function(f"() => ({PLOTS})()[0]?.layout.font.size > {page_font}", timeout=30_000)
        assert not page.locator(".bd-sidebar-primary").is_visible(), "the menu should step aside"
        assert not page.get_by_role("button", name=re.compile("Choose the class's files")).is_visible()
        caption = page.locator(".lr-inpage-slot p", has_text="Chart 1 of")
        count = int(re.search(r"Chart 1 of (\d+)", caption.inner_text()).group(1))
        title = page.evaluate(f"() => ({PLOTS})()[0].layout.title.text")
        page.get_by_role("button", name="Next chart").click()
        wait_for_text(page, f"Chart 2 of {count}")
        page.wait_for_function(f"(t) => ({PLOTS})()[0].layout.title.text !== t", arg=title, timeout=30_000)
        box = page.locator(".lr-inpage-slot .js-plotly-plot").first.bounding_box()
        assert box["width"] > 900, "the projector view should use the window's width"
        page.get_by_label("Projector view").uncheck()
        page.locator(".bd-sidebar-primary").wait_for(state="visible")
        check_clean(v, PATH)


def test_a_small_class_on_a_phone(browser, site_url, tmp_path):
    """A class whose files come to less than the runtime keeps of a page's
    messages (64 KB): Python keeps answering, and the page fits a phone."""
    paths = example_class(tmp_path, students=30, seed=3)
    assert sum(p.stat().st_size for p in paths) < 64_000
    with visit(browser, site_url, PATH) as v:
        page = v.page
        page.set_viewport_size(PHONE)
        go_live(page)
        pick(page, paths)
        wait_for_text(page, f"Read {len(paths)} files")
        page.wait_for_timeout(500)
        status = page.locator("[data-inpage-widget] .lr-inpage-status").inner_text()
        assert "problem" not in status and "Ready" in status, status
        page.wait_for_function(f"() => ({PLOTS})()[0]?.querySelector('svg.main-svg')", timeout=30_000)
        for _ in range(3):
            width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], f"the page scrolls sideways on a phone: {width}"
            box = page.locator(".lr-inpage-slot .js-plotly-plot").first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
            page.get_by_role("button", name="Next chart").click()
            page.wait_for_timeout(500)
        check_clean(v, PATH)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_live_class_view_meets_wcag_aa(browser, site_url, scheme):
    with visit(browser, site_url, PATH, color_scheme=scheme) as v:
        go_live(v.page)
        v.page.get_by_role("button", name="Try an example class").click()
        wait_for_text(v.page, "Read ")
        v.page.get_by_label("Show names").check()
        wait_for_text(v.page, "notes-for-class")
        violations = axe_violations(v.page)
        assert not violations, f"{PATH} live ({scheme}):\n{describe(violations)}"
