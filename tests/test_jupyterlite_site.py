"""The "Open as a notebook" site (live/, JupyterLite) in Chromium, network cut:
no uncaught error or console error, no 404, and axe-core (WCAG 2.1 A/AA) finds
no serious or critical violation but those listed in JUPYTERLAB_OWN.

All pages are opened in one browser context, live/index.html first, as a
reader arrives: the site's service worker then handles the later pages, which
is when the browser's favicon requests show up.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from companion_tools.sphinx.jupyterlite import LIVE_DIR, live_url
from conftest import SITE
from test_accessibility import WCAG_TAGS, axe_violations, describe

pytestmark = pytest.mark.xdist_group("heavy")  # see test_jupyterlite.py

NOTEBOOK_LINK = live_url("notebooks/pnc-readings").removeprefix("../")  # as the book's "Run ... live" link has it
PAGES = {  # page -> what shows that the app has drawn itself
    f"{LIVE_DIR}/index.html": ".jp-DirListing-item",
    f"{LIVE_DIR}/tree/index.html": ".jp-DirListing-item",
    f"{LIVE_DIR}/notebooks/index.html": "#main",
    NOTEBOOK_LINK: ".jp-Notebook .jp-Cell",
    f"{LIVE_DIR}/doc/workspaces/index.html": ".jp-DirListing-item",
    f"{LIVE_DIR}/doc/tree/index.html?path=pnc-readings.ipynb": ".jp-Notebook .jp-Cell",
}

# Violations in JupyterLab's own notebook view, which no setting of ours
# removes; each is (rule, a selector fragment of the element it names).
# They are JupyterLab's to fix; the bundled JS is not patched here.
JUPYTERLAB_OWN = {
    # The cell list is role="feed", but its cells are not role="article".
    ("aria-required-children", ".jp-WindowedPanel-viewport"),
    # The collapse button beside a Markdown heading has no text or label.
    ("button-name", "jp-collapseHeadingButton"),
    ("button-name", 'button[data-heading-level="'),
    # CodeMirror's editor (div.cm-content role="textbox") in each code cell has no label.
    ("aria-input-field-name", ".cm-content"),
    # The file browser's toolbar buttons (upload, file filter): JupyterLab's
    # toolkit puts aria-pressed on a <jp-button> whose role does not allow it.
    # The settings override that should hide them had no effect here.
    ("aria-allowed-attr", 'jp-button[data-command="filebrowser:toggle-file-filter"]'),
    ("aria-allowed-attr", 'jp-button[title="Upload Files"]'),
}


def _names(node: dict, part: str) -> bool:
    """Whether axe's ``node`` is the element ``part`` describes: by axe's selector
    or, as axe picks whichever selector is unique at that moment (CodeMirror's
    editor came as ``div[data-language="python"]`` once), by the element's HTML."""
    return any(part in t for t in node["target"]) or part.lstrip(".") in node.get("html", "")


def not_jupyterlab_own(violations: list[dict]) -> list[dict]:
    left = []
    for v in violations:
        nodes = [n for n in v["nodes"] if not any(rule == v["id"] and _names(n, part) for rule, part in JUPYTERLAB_OWN)]
        if nodes:
            left.append({**v, "nodes": nodes})
    return left


SERVICE_WORKER_ACTIVE = "async () => Boolean((await navigator.serviceWorker.getRegistration())?.active)"
KERNEL_STATUS = ".jp-Notebook-ExecutionIndicator"
KERNEL_START_MS = 180_000  # Pyodide starts in about 10 s here; far more on a loaded machine


def wait_until_started(page, path: str, drawn: str, problems: list[str]) -> None:
    """Wait for the signals that the app has finished starting, so that any late
    start-up error is seen: the page drawn, JupyterLite's service worker active,
    and on a page that opens a notebook its kernel (Pyodide) idle; then no
    request for half a second."""
    page.wait_for_selector(drawn, state="attached", timeout=60_000)
    page.wait_for_function(SERVICE_WORKER_ACTIVE, timeout=60_000)
    if ".ipynb" in path:
        try:
            page.wait_for_selector(f'{KERNEL_STATUS}[data-status="idle"]', state="attached", timeout=KERNEL_START_MS)
        except PlaywrightTimeoutError:
            status = page.locator(KERNEL_STATUS).first.get_attribute("data-status")
            problems.append(f"the notebook's kernel did not start in {KERNEL_START_MS // 1000} s (status {status!r})")
    page.wait_for_load_state("networkidle")


SETTLE_LOOKS, SETTLE_PAUSE_MS = 5, 600  # up to about 3 s for JupyterLab to mend what it is drawing


def settled_violations(page) -> list[dict]:
    """axe's violations that are still there each time it looks again: on a
    loaded machine JupyterLab's notebook view can be caught while it draws its
    cells (a placeholder image, a cell list half windowed), which it mends a
    moment later; once, on a CI-sized machine, the image outlasted one second
    look. A violation that stays through every look is reported."""
    first = axe_violations(page)
    left = {v["id"] for v in not_jupyterlab_own(first)}  # by rule: axe may name an element anew
    for _ in range(SETTLE_LOOKS):
        if not left:
            break
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(SETTLE_PAUSE_MS)
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        left &= {v["id"] for v in not_jupyterlab_own(axe_violations(page))}
    return [v for v in first if v["id"] in left or not not_jupyterlab_own([v])]


@pytest.fixture(scope="module")
def live_visits(browser, site_url):
    """Each page of PAGES visited in order: (final URL, problems, axe violations)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems: list[str] = []

    def route(route):
        url = route.request.url
        if url.startswith((site_url + "/", "data:", "blob:", "about:")):
            route.continue_()
        else:
            problems.append(f"asked another host for {url}")
            route.abort()

    def on_console(message):
        if message.type != "error":
            return
        problems.append(f"console error: {message.text} ({message.location.get('url')})")

    context.route("**/*", route)
    context.on("console", on_console)
    context.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    results = {}
    try:
        for path, drawn in PAGES.items():
            problems.clear()
            page.goto(f"{site_url}/{path}", wait_until="load")
            wait_until_started(page, path, drawn, problems)
            results[path] = (page.url, list(problems), settled_violations(page))
        yield results
    finally:
        context.close()


@pytest.mark.site
def test_live_link_is_the_one_visited():
    html = (SITE / "notebooks" / "pnc-readings.html").read_text(encoding="utf-8").replace("&amp;", "&")
    assert f'href="../{NOTEBOOK_LINK}"' in html


@pytest.mark.live
@pytest.mark.parametrize("path", PAGES)
def test_live_page_has_no_error_and_no_404(live_visits, site_url, path):
    _, problems, _ = live_visits[path]
    # Chromium asks the host's root for /favicon.ico before the app sets its
    # icon: outside the site's live/ folder (on GitHub Pages, outside the book).
    root_favicon = f"{site_url}/favicon.ico"
    problems = [p for p in problems if not p.endswith((f" {root_favicon}", f"({root_favicon})"))]
    assert problems == [], f"{path}:\n" + "\n".join(problems)


@pytest.mark.live
@pytest.mark.parametrize(
    ("path", "lands_on"),
    [
        (f"{LIVE_DIR}/doc/workspaces/index.html", f"{LIVE_DIR}/tree/index.html"),
        (f"{LIVE_DIR}/doc/tree/index.html?path=pnc-readings.ipynb", NOTEBOOK_LINK),
    ],
)
def test_jupyterlab_urls_land_on_the_apps_the_site_has(live_visits, site_url, path, lands_on):
    final_url, _, _ = live_visits[path]
    assert final_url == f"{site_url}/{lands_on}"


@pytest.mark.live
@pytest.mark.parametrize("path", PAGES)
def test_live_page_has_no_serious_axe_violation_of_ours(live_visits, path):
    _, _, violations = live_visits[path]
    left = not_jupyterlab_own(violations)
    assert not left, f"{path} ({', '.join(WCAG_TAGS)}):\n{describe(left)}"
