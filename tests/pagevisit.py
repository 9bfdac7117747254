"""Open a page of the built site in Chromium and record what went wrong.

Requests to any host other than the local server are blocked and recorded,
so a page that would need the network shows up both as a recorded request
and as whatever breaks without it.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field

from companion_tools.site_server import SiteHandler

CHARTS_SETTLED = """() => [...document.querySelectorAll('.lr-chart')].every(
    c => c.querySelector('svg.main-svg') || c.classList.contains('lr-chart-failed'))"""


def show_every_chart(page) -> None:
    """Charts are drawn as they come near the screen: scroll to each, as a reader would."""
    charts = page.locator(".lr-chart")
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        page.wait_for_function(
            """(i) => { const c = document.querySelectorAll('.lr-chart')[i];
                        return c.querySelector('svg.main-svg') || c.classList.contains('lr-chart-failed'); }""",
            arg=index,
            timeout=20_000,
        )


def press_live(page, key: str, *, tap: bool = False, timeout_ms: int):
    """Press the button of the widget ``key`` (a tap on a touch screen) and wait until it is
    live or says it failed; return its container and its status line, for the caller to judge."""
    container = page.locator(f'[data-inpage-widget="{key}"]')
    container.scroll_into_view_if_needed()
    start = container.locator(".lr-inpage-start")
    start.tap() if tap else start.click()
    page.wait_for_function(
        """(key) => { const c = document.querySelector(`[data-inpage-widget="${CSS.escape(key)}"]`);
                      return c.classList.contains('lr-inpage-on')
                          || c.querySelector('.lr-inpage-status').classList.contains('lr-inpage-failed'); }""",
        arg=key,
        timeout=timeout_ms,
    )
    return container, container.locator(".lr-inpage-status").inner_text()


def inpage_options(**options) -> str:
    """An init script that sets the in-page widgets' options (frontend/src/inpage/options.js),
    merged with any set before: dedicatedWorker, heardWithinMs, idleCloseMs, earlyStart."""
    return f"window.lrInpageOptions = Object.assign(window.lrInpageOptions || {{}}, {json.dumps(options)});"


@dataclass
class Visit:
    page: object
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    served_from: int = 0

    def served(self) -> list[str]:
        """Paths the site's server answered since the visit began. The page's
        request events miss what a SharedWorker (the visit's Python) fetches;
        the server sees every request."""
        return [entry.path for entry in SiteHandler.log[self.served_from :]]


#: A laptop, and a phone (390 x 844 CSS pixels, touch, mobile viewport).
LAPTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def watch(page, record: Visit, site_url: str) -> None:
    """Record what the page asks of other hosts (and refuse it), its console
    errors and its failed requests to the site."""

    def route(route):
        url = route.request.url
        if url.startswith(site_url + "/") or url == site_url:
            route.continue_()
        elif url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            record.external_requests.append(url)
            route.abort()

    def on_response(response):
        if response.url.startswith(site_url) and response.status >= 400:
            record.failed_requests.append(f"{response.status} {response.url}")

    # A reload cancels what the page it leaves was still fetching (its favicon,
    # a script): net::ERR_ABORTED for a request begun before the page began to
    # load another document is the browser's doing, not the site's. Any other
    # failure, and an abort on the page still shown, counts.
    documents = {"begun": 0}
    begun_in: dict[object, int] = {}

    def on_request(request):
        record.requested.append(request.url)
        if request.is_navigation_request() and request.frame == page.main_frame:
            documents["begun"] += 1
        begun_in[request] = documents["begun"]

    def on_request_failed(request):
        if not request.url.startswith(site_url):
            return
        left = begun_in.get(request, documents["begun"]) < documents["begun"]
        # The favicon is the browser's own fetch, made after the page loaded and
        # cancelled by the next reload without the page's events seeing it begin.
        browsers_own = request.url.endswith("/favicon.svg") or request.url.endswith("/favicon.ico")
        if (left or browsers_own) and request.failure == "net::ERR_ABORTED":
            return
        record.failed_requests.append(f"{request.failure} {request.url}")

    page.route("**/*", route)
    page.on("request", on_request)
    page.on("console", lambda message: message.type == "error" and record.console_errors.append(message.text))
    page.on("pageerror", lambda error: record.console_errors.append(f"uncaught: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)


@contextlib.contextmanager
def visit(
    browser,
    site_url: str,
    path: str,
    color_scheme: str = "light",
    wait_for_charts: bool = True,
    early_start: bool = False,
    init_script: str = "",
    options: dict | None = None,
    phone: bool = False,
):
    """``early_start``: let a widget page start Python by itself when idle
    (off by default: a test about something else should not pay for it);
    ``options``: more in-page options (:func:`inpage_options`); ``phone``: a
    390x844 touch screen instead of a laptop's."""
    context = browser.new_context(
        **(PHONE if phone else LAPTOP), color_scheme=color_scheme, device_scale_factor=3 if phone else 1
    )
    context.add_init_script(inpage_options(earlyStart=early_start, **(options or {})))
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    record = Visit(page=page, served_from=len(SiteHandler.log))

    watch(page, record, site_url)
    try:
        page.goto(f"{site_url}/{path}", wait_until="load")
        if wait_for_charts:
            show_every_chart(page)
            page.wait_for_function(CHARTS_SETTLED, timeout=20_000)
        if not early_start:
            # Playwright sees a SharedWorker's script request start but never
            # end (the worker is not the page's): a page whose Python may start
            # by itself would never look idle to it.
            page.wait_for_load_state("networkidle")
        yield record
    finally:
        context.close()
