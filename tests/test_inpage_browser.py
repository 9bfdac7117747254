"""The widgets go live on the book page itself, with the network cut to the site.

For each widget page: press the button (by keyboard), wait for the real
ipywidget, change a control by keyboard and see the chart or text change;
no console error, no request to another host. Then: the reader's work comes
back after a reload and "Clear my answers" forgets it; a runtime file that
fails to load leaves the static view with one plain sentence; axe-core on the
live state in light and dark mode.
"""

from __future__ import annotations

import pytest

from companion_tools.site_server import SiteHandler, serve
from pagevisit import visit
from test_accessibility import axe_violations, describe

# Python in the page competes for the CPU with the other heavy tests: one worker.
pytestmark = [pytest.mark.live, pytest.mark.xdist_group("heavy")]

LIVE_TIMEOUT_MS = 240_000
WASM = "pyodide.asm.wasm"
# Python in a dedicated Worker, one per page: what browsers without a
# long-lived SharedWorker get (the page falls back to it by itself).
DEDICATED = {"dedicatedWorker": True}
WORKER_SCRIPT = "/inpage-worker.js"
LIVE_PLOTS = """() => [...document.querySelectorAll('.lr-inpage-slot .lr-inpage-plot.js-plotly-plot')]
    .map(gd => JSON.stringify(gd.data.map(t => [t.r, t.theta, t.x, t.y, t.text, t.visible])))"""
SLOT_TEXT = "() => document.querySelector('.lr-inpage-slot').innerText"


def go_live(page):
    """Press the button with the keyboard and wait for the live widget."""
    button = page.locator("[data-inpage-widget] .lr-inpage-start").first
    assert button.inner_text().strip() == "Make this widget live"
    assert page.locator("[data-inpage-widget] .lr-inpage-stand-in").first.is_visible()
    # Everything the status line says, in order (a page that joins the
    # visit's running Python says "Starting Python…" only for a moment).
    page.evaluate("""() => { const status = document.querySelector('.lr-inpage-status');
        window.lrSaid = [];
        new MutationObserver(() => window.lrSaid.push(status.textContent))
            .observe(status, {childList: true, characterData: true, subtree: true}); }""")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-inpage-widget].lr-inpage-on", timeout=LIVE_TIMEOUT_MS)
    said = page.evaluate("() => window.lrSaid")
    assert said and said[0].startswith("Starting Python"), said
    # The button now does nothing: the focus goes to the widget's first control, and the bar says so.
    page.wait_for_function(
        "() => document.querySelector('.lr-inpage-status').textContent.includes('focus went to')", timeout=10_000
    )
    status = page.locator(".lr-inpage-status").first.inner_text()
    assert status.startswith("Ready"), status
    assert page.evaluate("() => document.querySelector('.lr-inpage-slot').contains(document.activeElement)"), (
        "focus stayed"
    )
    assert not page.locator("[data-inpage-widget] .lr-inpage-stand-in").first.is_visible()


def wait_for_plots(page):
    page.wait_for_function(f"() => ({LIVE_PLOTS})().length > 0", timeout=60_000)
    return page.evaluate(LIVE_PLOTS)


def plots_change_from(page, before):
    page.wait_for_function(
        f"(before) => JSON.stringify(({LIVE_PLOTS})()) !== JSON.stringify(before)", arg=before, timeout=60_000
    )


def press_slider(page, nth: int, key: str, times: int = 1):
    handle = page.locator(".lr-inpage-slot .widget-slider .noUi-handle").nth(nth)
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)


# Drag events carrying files, as a file manager's drag gives them: one
# DataTransfer built in the page holds the files ([name, text] pairs).
DRAG_FILES = """([selector, files, types]) => {
    const target = document.querySelector(selector);
    const data = new DataTransfer();
    for (const [name, text] of files) {
        data.items.add(new File([text], name, {type: name.endsWith('.csv') ? 'text/csv' : 'application/json'}));
    }
    return types.map((type) => {
        const event = new DragEvent(type, {dataTransfer: data, bubbles: true, cancelable: true});
        target.dispatchEvent(event);
        return event.defaultPrevented;
    });
}"""


def drag_files(page, files, types=("dragenter", "dragover", "drop"), selector=".lr-inpage-slot .widget-html"):
    """Dispatch drag events of ``files`` ((name, bytes) pairs) on an element of
    the live widget; for each event, whether the page took it (its default prevented)."""
    pairs = [[name, data.decode("utf-8")] for name, data in files]
    return page.evaluate(DRAG_FILES, [selector, pairs, list(types)])


JOINED = "() => (window.LearningRegionsInpage?.runtime?.steps || []).some(s => s.name === 'joined the running Python')"


def check_clean(v, path):
    assert v.external_requests == [], f"{path} asked other hosts for {v.external_requests}"
    assert v.console_errors == [], f"{path} logged errors: {v.console_errors}"
    shared_route = not v.page.evaluate("() => Boolean(window.lrInpageOptions?.dedicatedWorker)")
    worker_script = [
        f for f in v.failed_requests if shared_route and f.startswith("net::ERR_ABORTED") and f.endswith(WORKER_SCRIPT)
    ]
    if worker_script:
        # Playwright sees the page start the SharedWorker's script request but
        # not its end (the worker, not the page, takes the response), and
        # calls it aborted when the page is left or reloaded. The server says
        # whether the script was really sent.
        sent = [e for e in SiteHandler.log[v.served_from :] if e.path.endswith(WORKER_SCRIPT)]
        assert sent and all(e.status in (200, 304) for e in sent), f"{path}: {WORKER_SCRIPT} not served: {sent}"
    failed = [f for f in v.failed_requests if f not in worker_script]
    assert failed == [], f"{path} had failed requests: {failed}"


def test_profiler_goes_live_and_redraws(browser, site_url):
    path = "notebooks/pnc-readings.html"
    with visit(browser, site_url, path) as v:
        page = v.page
        go_live(page)
        before = wait_for_plots(page)
        press_slider(page, 0, "ArrowLeft", 2)  # Place: 4 -> 2
        plots_change_from(page, before)
        # Both key presses reach Python (the second waits for the first to be handled).
        export = page.get_by_label("Your profile (select all and copy)")
        page.wait_for_function("(el) => el.value.includes('\"place\": 2')", arg=export.element_handle(), timeout=30_000)
        # Export: the download is a Blob link with the profile's JSON.
        page.wait_for_function("() => document.querySelector('.lr-inpage-slot a[download]')?.href.startsWith('blob:')")
        text = page.evaluate(
            """async () => (await fetch(document.querySelector('.lr-inpage-slot a[download]').href)).text()"""
        )
        assert '"place": 2' in text
        # Import by paste: a profile of Oresund sets the sliders.
        paste = page.get_by_label("Paste a profile to load")
        paste.fill('{"case_id": "oresund", "scores": {"place": 1, "network": 4, "community": 0, "learning_region": 2}}')
        page.get_by_role("button", name="Load the pasted profile").click()
        page.wait_for_function(f"() => ({SLOT_TEXT})().includes('Loaded a profile of')", timeout=30_000)
        # Import by file upload.
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Load a profile file").click()
        chooser.value.set_files(
            files=[
                {
                    "name": "jena.json",
                    "mimeType": "application/json",
                    "buffer": b'{"case_id": "jena", "scores": {"place": 0, "network": 1, "community": 2, "learning_region": 3}}',
                }
            ]
        )
        page.wait_for_function(f"() => ({SLOT_TEXT})().includes('Loaded a profile of Jena')", timeout=30_000)
        check_clean(v, path)


def test_profile_files_dropped_on_the_profiler_load_one_at_a_time(browser, site_url):
    """The profiler's "Load a profile file" takes one file: a drop of two is
    refused with a sentence, a drop of one loads it as the button would."""
    path = "notebooks/pnc-readings.html"
    jena = b'{"case_id": "jena", "scores": {"place": 0, "network": 1, "community": 2, "learning_region": 3}}'
    with visit(browser, site_url, path) as v:
        page = v.page
        go_live(page)
        assert drag_files(page, [("jena.json", jena), ("again.json", jena)]) == [True, True, True]
        status = page.locator("[data-inpage-widget] .lr-inpage-status")
        assert "takes one file at a time, so nothing was loaded" in status.inner_text()
        assert "Loaded a profile" not in page.evaluate(SLOT_TEXT)
        assert drag_files(page, [("jena.json", jena)]) == [True, True, True]
        page.wait_for_function(f"() => ({SLOT_TEXT})().includes('Loaded a profile of Jena')", timeout=30_000)
        assert (
            status.inner_text() == "1 file dropped on the widget: it reads it as if chosen with “Load a profile file”."
        )
        check_clean(v, path)


def test_network_explorer_goes_live_and_redraws(browser, site_url):
    path = "notebooks/preface-network.html"
    with visit(browser, site_url, path) as v:
        page = v.page
        go_live(page)
        before = wait_for_plots(page)
        shown = page.evaluate(SLOT_TEXT)
        press_slider(page, 0, "Home")  # back to the first step in time
        plots_change_from(page, before)
        assert page.evaluate(SLOT_TEXT) != shown
        check_clean(v, path)


def swipe_left(page, selector: str) -> None:
    """A finger's swipe from right to left across ``selector`` (Chrome's touch events)."""
    page.locator(selector).first.scroll_into_view_if_needed()
    box = page.locator(selector).first.bounding_box()
    x, y = box["x"] + min(box["width"], 380) - 40, box["y"] + box["height"] / 2
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x - 25 * step, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(300)


WIDE = """(selector) => [...document.querySelectorAll(selector)].filter((c) => c.querySelector('svg.main-svg'))
    .map((c) => { const box = c.parentElement;
        return [c.getBoundingClientRect().width, box.classList.contains('lr-chart-scroll'),
                box.scrollWidth > box.clientWidth + 100, box.tabIndex]; })"""


def test_the_network_scrolls_sideways_on_a_phone_static_and_live(browser, site_url):
    """On a phone the network's map (true directions, so square) shrank to a
    sliver with names cut at the edges: it is drawn 600 px wide in a box that
    scrolls sideways (and takes the focus, for the arrow keys); the page stays
    the phone's width. A laptop's column holds it: no scrolling box there."""
    path = "notebooks/preface-network.html"
    with visit(browser, site_url, path, phone=True) as v:
        page = v.page
        [static] = page.evaluate(WIDE, ".lr-chart")
        assert static[0] >= 600 and static[1] and static[2] and static[3] == 0, static
        assert page.get_by_text("wider than the screen: swipe or scroll sideways").first.is_visible()
        # A swipe on the chart scrolls its box; it does not draw a zoom box (plotly.js's drag).
        before = page.evaluate("() => JSON.stringify(document.querySelector('.lr-chart').layout.xaxis.range)")
        swipe_left(page, ".lr-chart .nsewdrag")
        assert page.evaluate("() => document.querySelector('.lr-chart-scroll').scrollLeft") > 50
        assert page.evaluate("() => JSON.stringify(document.querySelector('.lr-chart').layout.xaxis.range)") == before
        go_live(page)
        wait_for_plots(page)
        live = page.evaluate(WIDE, ".lr-inpage-plot")
        assert live and all(w >= 600 and boxed and scrolls for w, boxed, scrolls, _ in live), live
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        check_clean(v, path)
    with visit(browser, site_url, path) as v:
        assert [boxed for _, boxed, _, _ in v.page.evaluate(WIDE, ".lr-chart")] == [False]


def test_recipe_mixer_goes_live_and_redraws(browser, site_url):
    path = "notebooks/recipe-mixer.html"
    with visit(browser, site_url, path) as v:
        page = v.page
        go_live(page)
        before = wait_for_plots(page)
        press_slider(page, 0, "ArrowRight", 2)
        plots_change_from(page, before)
        check_clean(v, path)


def answer_first_statement(page):
    page.locator(".lr-inpage-slot .widget-radio-box input").first.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Check my answer").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => /Score: [01] of 1 answered/.test(({SLOT_TEXT})())", timeout=30_000)


def test_classify_it_keeps_score_live(browser, site_url):
    path = "notebooks/classify-it.html"
    with visit(browser, site_url, path) as v:
        page = v.page
        go_live(page)
        before = wait_for_plots(page)
        assert "nothing answered yet" in page.evaluate(SLOT_TEXT)
        answer_first_statement(page)
        plots_change_from(page, before)
        assert "nothing answered yet" not in page.evaluate(SLOT_TEXT)
        check_clean(v, path)


def test_answers_survive_a_reload_until_cleared(browser, site_url):
    path = "notebooks/classify-it.html"
    with visit(browser, site_url, path) as v:
        page = v.page
        go_live(page)
        answer_first_statement(page)
        score = page.evaluate("() => document.querySelector('.lr-inpage-slot').innerText.match(/Score:[^\\n]*/)[0]")
        # Python keeps the log after handling the click (just after the score is shown).
        page.wait_for_function(
            "() => Object.entries(localStorage).some(([k, v]) => k.startsWith('lr-inpage:/') && v.includes('click'))"
        )
        clear = page.get_by_role("button", name="Clear my answers")
        page.reload(wait_until="load")
        assert clear.is_visible(), "the page does not offer to clear the kept answers"
        # Before the press, the bar says what is kept and how to bring it back (issue 22, item 17).
        hint = page.locator(".lr-inpage-status").inner_text()
        assert "kept in this browser" in hint and "Make this widget live" in hint, hint
        go_live(page)
        assert "Your answers kept in this browser are back" in page.locator(".lr-inpage-status").inner_text()
        page.wait_for_function(
            "(score) => document.querySelector('.lr-inpage-slot').innerText.includes(score)", arg=score, timeout=30_000
        )
        clear.click()
        page.get_by_role("button", name="Clear them").click()
        page.wait_for_function(f"() => ({SLOT_TEXT})().includes('nothing answered yet')", timeout=60_000)
        assert not page.evaluate("() => Object.keys(localStorage).some(k => k.startsWith('lr-inpage:/'))")
        check_clean(v, path)


class WasmRefused(SiteHandler):
    """The site, with Pyodide's wasm file missing (a server cannot send it)."""

    def send_head(self):
        if self.path.split("?", 1)[0].endswith("/" + WASM):
            self.send_error(404)
            return None
        return super().send_head()


@pytest.fixture(scope="module")
def site_without_wasm(built_site):
    # A server of its own (another origin): the visit's Python of the other
    # tests, in a SharedWorker, is never the one that fails here.
    with serve(built_site, handler_class=WasmRefused) as url:
        yield url


@pytest.mark.parametrize("route", ["shared", "dedicated"])
def test_a_runtime_file_that_fails_leaves_the_static_view_and_a_sentence(browser, site_without_wasm, route):
    path = "notebooks/recipe-mixer.html"
    with visit(browser, site_without_wasm, path, options=DEDICATED if route == "dedicated" else None) as v:
        page = v.page
        page.locator(".lr-inpage-start").click()
        status = page.locator(".lr-inpage-status")
        page.wait_for_function(
            "() => document.querySelector('.lr-inpage-status.lr-inpage-failed')", timeout=LIVE_TIMEOUT_MS
        )
        sentence = status.inner_text()
        assert sentence.startswith("Python could not be started here") and "Traceback" not in sentence
        assert page.locator(".lr-inpage-stand-in").is_visible()
        assert page.locator(".lr-inpage-stand-in .lr-chart svg.main-svg").count() > 0
        uncaught = [e for e in v.console_errors if e.startswith("uncaught")]
        assert uncaught == [], uncaught
        assert any(p.endswith("/" + WASM) for p in v.served()), "the wasm file was never asked for"
        # A second press tries again (a new worker; the browser may answer the
        # wasm from its cache of the 404), and says the same.
        page.evaluate("() => document.querySelector('.lr-inpage-status').classList.remove('lr-inpage-failed')")
        page.locator(".lr-inpage-start").click()
        page.wait_for_function(
            "() => document.querySelector('.lr-inpage-status.lr-inpage-failed')", timeout=LIVE_TIMEOUT_MS
        )
        assert status.inner_text().startswith("Python could not be started here")


def test_a_module_no_widget_imported_at_build_time_still_imports(browser, site_url):
    """Sources the build's trace did not reach are in python_deferred-*.zip,
    fetched only when one is imported: not on the way to a live widget, but
    when a cell imports such a module."""
    path = "notebooks/pnc-readings.html"
    with visit(browser, site_url, path) as v:
        page = v.page
        go_live(page)
        assert not [u for u in v.served() if "python_deferred-" in u], "fetched before any module needed it"
        text = page.evaluate("""async () => {
            const element = document.createElement("div");
            document.body.appendChild(element);
            await window.LearningRegionsInpage.runtime.build("deferred-check/1", [
                "import email.mime.text\\nimport ipywidgets\\n"
                + "ipywidgets.HTML(email.mime.text.MIMEText('from a deferred source').get_payload())"], "[]", element);
            return element.innerText; }""")
        assert "from a deferred source" in text
        assert len([u for u in v.served() if "python_deferred-" in u]) == 1
        check_clean(v, path)


def test_python_starts_early_when_the_page_is_idle_and_a_widget_is_near(browser, site_url):
    path = "notebooks/recipe-mixer.html"
    with visit(browser, site_url, path, early_start=True) as v:
        page = v.page
        page.locator("[data-inpage-widget]").first.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => document.documentElement.dataset.inpagePython === 'ready'", timeout=LIVE_TIMEOUT_MS
        )
        assert any(p.endswith("/" + WASM) for p in v.served())
        assert not page.locator("[data-inpage-widget].lr-inpage-on").count(), "went live without a press"
        # Only the worker started: the widget bundle (a long task on the
        # page's thread) waits for the press.
        assert page.evaluate("() => !window.LearningRegionsInpage")
        go_live(page)
        wait_for_plots(page)
        check_clean(v, path)


def test_python_does_not_start_early_when_the_browser_saves_data(browser, site_url):
    """The page says what it decided about an early start (a data- attribute):
    with saveData it never watches for an idle moment, and a hand on the
    button starts nothing either."""
    save_data = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}, configurable: true})"
    with visit(browser, site_url, "notebooks/recipe-mixer.html", early_start=True, init_script=save_data) as v:
        page = v.page
        page.locator("[data-inpage-widget]").first.scroll_into_view_if_needed()
        assert page.evaluate("() => document.documentElement.dataset.inpageEarlyStart") == "off: save-data"
        page.locator(".lr-inpage-start").hover()
        page.evaluate("() => new Promise(requestAnimationFrame)")  # the hover's handlers have run
        assert not any(p.endswith("/" + WASM) or WORKER_SCRIPT in p for p in [*v.requested, *v.served()])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_live_widget_meets_wcag_aa(browser, site_url, scheme):
    path = "notebooks/pnc-readings.html"
    with visit(browser, site_url, path, color_scheme=scheme) as v:
        go_live(v.page)
        wait_for_plots(v.page)
        violations = axe_violations(v.page)
        assert not violations, f"{path} live ({scheme}):\n{describe(violations)}"


def test_a_second_widget_page_joins_the_visit_s_python(browser, site_url):
    """Chromium keeps the visit's Python (a SharedWorker with extendedLifetime)
    across pages: the next widget page, started by itself as the reader chose,
    builds its widget in the Python the first page started, and it responds."""
    with visit(browser, site_url, "notebooks/pnc-readings.html") as v:
        page = v.page
        go_live(page)
        wait_for_plots(page)
        assert page.evaluate("() => window.LearningRegionsInpage.runtime.shared") is True
        page.locator(".lr-inpage-auto input").check()
        page.goto(f"{site_url}/notebooks/recipe-mixer.html", wait_until="load")
        page.wait_for_selector("[data-inpage-widget].lr-inpage-on", timeout=LIVE_TIMEOUT_MS)
        assert page.evaluate(JOINED), "the second page started a Python of its own"
        assert len([p for p in v.served() if p.endswith("/" + WASM)]) == 1
        before = wait_for_plots(page)
        press_slider(page, 0, "ArrowRight", 2)
        plots_change_from(page, before)
        check_clean(v, "notebooks/recipe-mixer.html")


def test_two_tabs_of_one_page_have_widgets_of_their_own(browser, site_url):
    """Two tabs share the visit's Python, not their widgets: each tab's
    messages are answered to that tab alone."""
    path = "notebooks/recipe-mixer.html"
    with visit(browser, site_url, path) as v:
        first = v.page
        go_live(first)
        first_plots = wait_for_plots(first)
        second = first.context.new_page()
        second.goto(f"{site_url}/{path}", wait_until="load")
        go_live(second)
        assert second.evaluate(JOINED)
        before = wait_for_plots(second)
        assert before == first_plots
        # What the first tab sends and hears, in order (the page announces each message).
        first.evaluate("""() => { window.lrTraffic = [];
            document.addEventListener("lr-inpage:message", (e) => window.lrTraffic.push(e.detail)); }""")
        press_slider(second, 0, "ArrowRight", 2)
        plots_change_from(second, before)
        assert first.evaluate(LIVE_PLOTS) == first_plots, "a change in one tab moved the other tab's chart"
        # The first tab still answers for itself. Python's answers reach a tab
        # in order: whatever was sent to the first tab while the second was
        # used arrives before the answer to the first tab's own change.
        first.bring_to_front()
        press_slider(first, 0, "ArrowLeft", 1)
        plots_change_from(first, first_plots)
        traffic = first.evaluate("() => window.lrTraffic")
        heard = [i for i, m in enumerate(traffic) if m["direction"] == "heard" and m["type"] != "step"]
        sent = [i for i, m in enumerate(traffic) if m["direction"] == "sent"]
        assert sent and heard, traffic
        assert heard[0] > sent[0], f"the first tab was sent the second tab's answers: {traffic[: heard[0] + 1]}"
        # The second tab closes: Python closes its widgets, and only those.
        second.close(run_before_unload=True)
        roots = """async () => { const element = document.body.appendChild(document.createElement("div"));
            await window.LearningRegionsInpage.runtime.build("roots/1", ["import ipywidgets\\n"
                + "from learning_regions import inpage\\n"
                + "ipywidgets.HTML(' '.join(sorted(k.split('|')[0] for k in inpage.SESSION.roots)))"], "[]", element);
            const clients = element.innerText.trim().split(" ");
            element.remove();
            return clients; }"""
        first.wait_for_function(
            f"async () => {{ const r = await ({roots})(); return r.every(c => c === r[0]); }}",
            timeout=30_000,
            polling=500,
        )
        check_clean(v, path)


def test_python_in_a_worker_of_the_page_s_own_also_works(browser, site_url):
    """The route of browsers without a long-lived SharedWorker: a dedicated
    Worker per page. The page's request events see its fetches: none leaves
    the site."""
    path = "notebooks/pnc-readings.html"
    with visit(browser, site_url, path, options=DEDICATED) as v:
        page = v.page
        go_live(page)
        assert page.evaluate("() => window.LearningRegionsInpage.runtime.shared") is False
        assert any(url.endswith(WASM) for url in v.requested)
        before = wait_for_plots(page)
        press_slider(page, 0, "ArrowLeft", 1)
        plots_change_from(page, before)
        check_clean(v, path)


def test_the_visit_s_python_ends_when_no_page_has_needed_it_for_a_while(browser, site_url):
    """A shared Python with no widget page left closes itself after a while
    (5 minutes; 1.5 s here), says so to the site's pages, and the next widget
    page starts a new one."""
    listen = """window.lrPythonClosed = new Promise((resolve) => {
        const channel = new BroadcastChannel("learning-regions-inpage");
        channel.onmessage = (event) => { if (event.data.type === "closed") resolve(event.data.reason); }; });"""
    with visit(
        browser, site_url, "notebooks/pnc-readings.html", options={"idleCloseMs": 1500}, init_script=listen
    ) as v:
        page = v.page
        go_live(page)
        page.locator(".lr-inpage-auto input").check()
        # Another page of the site (no widget) listens while the reader moves on.
        reading = page.context.new_page()
        reading.goto(f"{site_url}/book/index.html", wait_until="load")
        page.goto(f"{site_url}/book/index.html", wait_until="load")
        assert reading.evaluate("() => window.lrPythonClosed") == "idle"
        reading.close()
        page.goto(f"{site_url}/notebooks/recipe-mixer.html", wait_until="load")
        page.wait_for_selector("[data-inpage-widget].lr-inpage-on", timeout=LIVE_TIMEOUT_MS)
        assert not page.evaluate(JOINED), "the idle Python was still there"
        steps = page.evaluate("() => window.LearningRegionsInpage.runtime.steps.map(s => s.name)")
        assert "pyodide and packages" in steps
        before = wait_for_plots(page)
        press_slider(page, 0, "ArrowRight", 1)
        plots_change_from(page, before)
        check_clean(v, "notebooks/recipe-mixer.html")


def test_a_shared_python_that_does_not_answer_is_left_for_a_worker_of_the_page_s_own(browser, site_url):
    """If the shared worker never answers (it closed as the page joined, or
    crashed), the page does not wait for ever: after a while (15 s; at once
    here) it starts a dedicated worker, and the widget goes live."""
    path = "notebooks/recipe-mixer.html"
    with visit(browser, site_url, path, options={"heardWithinMs": 0}) as v:
        go_live(v.page)
        assert v.page.evaluate("() => window.LearningRegionsInpage.runtime.shared") is False
        before = wait_for_plots(v.page)
        press_slider(v.page, 0, "ArrowRight", 1)
        plots_change_from(v.page, before)
        check_clean(v, path)
