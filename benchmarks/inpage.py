"""Measure the widgets that go live on the book page (Python in the reader's tab).

    .venv/bin/python benchmarks/inpage.py [--site _build/html]   # also run by `make benchmark`

Serves the built site the way GitHub Pages does (companion_tools/site_server.py:
gzip, max-age=600) and, in Debian's headless Chromium with a cold cache:

* press -> first live widget shown, and -> responding (a slider change redrawn),
  broken into the runtime's steps (bundle, Pyodide and packages, imports, widget),
  with early start switched off (a cold press), and the largest files sent;
* early start: the page idle with a widget on screen, Python starts by itself;
  navigation -> Python ready, then press -> widget drawn;
* a second widget page in the same visit, the reader's choice to start by
  itself remembered: from its navigation to its live widget. Chromium keeps
  the visit's one Python alive across pages (a SharedWorker with
  extendedLifetime), so that page joins it; the same figure with a Python per
  page (a dedicated Worker, what other browsers get) is printed beside it;
* bytes sent for the runtime on first use and on that later page;
* slider change -> chart redrawn, median of several changes;
* the memory of the browser's processes with the runtime live;
* Lighthouse (desktop and mobile) on the four widget pages: the static page
  keeps its budget, the runtime must not load before the reader asks.

Prints each figure beside its budget and beside the route it replaces (the
JupyterLite notebook). Nothing is asserted: the numbers are for people.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from common import COLD, ROOT, SiteHandler, chromium, lighthouse, serve, widget_pages

FIRST_PAGE = "notebooks/pnc-readings.html"
SECOND_PAGE = "notebooks/recipe-mixer.html"
RUNTIME_FILES = ("/live/static/pyodide/", "/inpage-runtime/", "/_static/learning-regions/inpage-")
# The in-page options (frontend/src/inpage/options.js); COLD (no early start) is in common.
DEDICATED = "window.lrInpageOptions = Object.assign(window.lrInpageOptions || {}, {dedicatedWorker: true})"
BUDGETS = {
    "press_to_responding_s": ("<= 4 s", "JupyterLite today: 11.4 s to the first widget"),
    "second_page_s": ("<= 2 s", "JupyterLite: a whole new JupyterLab per notebook"),
    "second_page_dedicated_s": ("<= 2 s", "the route it replaces: a new Python on every page"),
    "runtime_bytes_first": ("<= 8 MB", "JupyterLite: 11 MB transferred"),
    "runtime_bytes_later": ("<= 100 KB", ""),
    "redraw_median_ms": ("<= 100 ms", ""),
}
LIVE_PLOT = ".lr-inpage-slot .lr-inpage-plot.js-plotly-plot"
LIGHTHOUSE_BUDGET = "performance >= 95 on mobile"


def runtime_bytes(entries) -> int:
    return sum(e.size for e in entries if e.path.startswith(RUNTIME_FILES))


def descendants_rss(pid: int) -> int:
    """Resident memory (bytes) of every process below ``pid`` (the browser started by Playwright)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        ppid = int(fields.get("PPid", "0").strip())
        children.setdefault(ppid, []).append(int(entry.name))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, stack = 0, list(children.get(pid, []))
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def wait_redraw(page, before: str | None, timeout_ms: int = 60_000) -> str:
    page.wait_for_function(
        "([sel, before]) => { const gd = document.querySelector(sel); return gd && gd.dataset.drawn && gd.dataset.drawn !== before; }",
        arg=[LIVE_PLOT, before],
        timeout=timeout_ms,
    )
    return page.eval_on_selector(LIVE_PLOT, "gd => gd.dataset.drawn")


# Where a redraw's time goes, in the page's own clock: the key pressed, the
# change sent to Python, Python's first answer back, plotly.js drawing.
KEY_TIME = "document.addEventListener('keydown', () => { window.lrKeyAt = performance.now(); }, true)"
REDRAW_SPLIT = """() => { const t = window.LearningRegionsInpage.timing, k = window.lrKeyAt;
    return {in_page: t.drawn - k, widget_to_send: t.sent - k, python_round_trip: t.answered - t.sent,
            answer_to_draw: t.drawStart - t.answered, plotly_draw: t.drawn - t.drawStart}; }"""


def measure(url: str, browser) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # A cold press: Python must not have started early while the page was idle.
    context.add_init_script(COLD)
    context.add_init_script(KEY_TIME)
    page = context.new_page()
    log = SiteHandler.log
    page.goto(f"{url}/{FIRST_PAGE}", wait_until="load")
    page.wait_for_load_state("networkidle")
    memory_before = descendants_rss(os.getpid())
    mark = len(log)
    start = time.perf_counter()
    page.locator(".lr-inpage-start").click()
    page.wait_for_selector("[data-inpage-widget].lr-inpage-on", timeout=300_000)
    shown = time.perf_counter() - start
    drawn = wait_redraw(page, None)
    handle = page.locator(".lr-inpage-slot .widget-slider .noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowLeft")
    drawn = wait_redraw(page, drawn)
    responding = time.perf_counter() - start
    first_bytes = runtime_bytes(log[mark:])
    biggest = sorted(
        ((e.size, e.path.rsplit("/", 1)[-1]) for e in log[mark:] if e.path.startswith(RUNTIME_FILES)), reverse=True
    )[:8]
    steps = page.evaluate("() => window.LearningRegionsInpage.runtime.steps")

    redraws, splits, drawn = redraw_times(page, drawn, ["ArrowRight", "ArrowLeft"] * 5)
    memory_live = descendants_rss(os.getpid())
    heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0")

    mark = len(log)
    second, later_steps = open_second_page(page, url)
    later_bytes = runtime_bytes(log[mark:])
    shared = page.evaluate("() => window.LearningRegionsInpage.runtime.shared")
    context.close()
    early = measure_early_start(url, browser)
    dedicated = measure_second_page(url, browser, dedicated=True)
    return {
        **early,
        "other_redraws": measure_other_redraws(url, browser),
        "second_page_shared": shared,
        "second_page_dedicated_s": dedicated["second_page_s"],
        "second_page_dedicated_steps_ms": dedicated["steps"],
        "biggest_files": biggest,
        "press_to_widget_s": round(shown, 2),
        "press_to_responding_s": round(responding, 2),
        "steps_ms": steps,
        "second_page_s": round(second, 2),
        "second_page_steps_ms": later_steps,
        "runtime_bytes_first": first_bytes,
        "runtime_bytes_later": later_bytes,
        "redraw_median_ms": round(statistics.median(redraws), 1),
        "redraws_ms": [round(r) for r in redraws],
        "redraw_split_median_ms": {name: round(statistics.median(s[name] for s in splits), 1) for name in splits[0]},
        "browser_rss_before_mb": round(memory_before / 1e6, 1),
        "browser_rss_live_mb": round(memory_live / 1e6, 1),
        "page_js_heap_mb": round(heap / 1e6, 1),
    }


def redraw_times(page, drawn: str, keys: list[str]) -> tuple[list[float], list[dict], str]:
    """Press each key on the focused slider; time each redraw through the
    harness (ms) and split it in the page's own clock."""
    redraws, splits = [], []
    for key in keys:
        t = time.perf_counter()
        page.keyboard.press(key)
        drawn = wait_redraw(page, drawn)
        redraws.append((time.perf_counter() - t) * 1000)
        splits.append(page.evaluate(REDRAW_SPLIT))
    return redraws, splits, drawn


def live_page(browser, url: str, path: str, *init_scripts: str):
    """A new context (no early start) with ``path`` open and its widget made
    live by a press; returns the context and the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for script in (COLD, *init_scripts):
        context.add_init_script(script)
    page = context.new_page()
    page.goto(f"{url}/{path}", wait_until="load")
    page.locator(".lr-inpage-start").click()
    page.wait_for_selector("[data-inpage-widget].lr-inpage-on", timeout=300_000)
    return context, page


def open_second_page(page, url: str) -> tuple[float, list[dict]]:
    """The reader asks for widgets to start by themselves, then opens another
    widget page: seconds from its navigation to its live widget, and its steps."""
    page.locator(".lr-inpage-auto input").check()
    page.goto(f"{url}/{SECOND_PAGE}", wait_until="commit")
    page.wait_for_selector("[data-inpage-widget].lr-inpage-on", timeout=300_000)
    second = page.evaluate("() => performance.now()") / 1000  # since that page's navigation started
    return second, page.evaluate("() => window.LearningRegionsInpage.runtime.steps")


def measure_other_redraws(url: str, browser) -> dict:
    """The other widgets with a slider: its first slider moved a step and back."""
    figures = {}
    for path in ("notebooks/preface-network.html", "notebooks/recipe-mixer.html"):
        context, page = live_page(browser, url, path, KEY_TIME)
        drawn = wait_redraw(page, None)
        handle = page.locator(".lr-inpage-slot .widget-slider .noUi-handle").first
        handle.focus()
        at_start = handle.evaluate(
            "h => Number(h.getAttribute('aria-valuenow')) <= Number(h.getAttribute('aria-valuemin'))"
        )
        keys = (["ArrowRight", "ArrowLeft"] if at_start else ["ArrowLeft", "ArrowRight"]) * 4
        redraws, splits, _ = redraw_times(page, drawn, keys)
        figures[path.rsplit("/", 1)[-1]] = {
            "harness_median_ms": round(statistics.median(redraws), 1),
            "in_page_median_ms": round(statistics.median(s["in_page"] for s in splits), 1),
            "plotly_draw_median_ms": round(statistics.median(s["plotly_draw"] for s in splits), 1),
            "python_median_ms": round(statistics.median(s["python_round_trip"] for s in splits), 1),
        }
        context.close()
    return figures


def measure_second_page(url: str, browser, dedicated: bool) -> dict:
    """First widget page live, the choice to start by itself ticked, then the
    second widget page: navigation -> live widget."""
    context, page = live_page(browser, url, FIRST_PAGE, *([DEDICATED] if dedicated else []))
    wait_redraw(page, None)
    second, steps = open_second_page(page, url)
    context.close()
    return {"second_page_s": round(second, 2), "steps": steps}


def measure_early_start(url: str, browser) -> dict:
    """The reader who reads first: Python starts when the page is idle and a
    widget is near the screen; the press then only builds the widget."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/{FIRST_PAGE}", wait_until="load")
    page.locator("[data-inpage-widget]").first.scroll_into_view_if_needed()
    page.wait_for_function("() => document.documentElement.dataset.inpagePython === 'ready'", timeout=300_000)
    ready = page.evaluate("() => performance.now()") / 1000
    start = time.perf_counter()
    page.locator(".lr-inpage-start").first.click()
    page.wait_for_selector("[data-inpage-widget].lr-inpage-on", timeout=300_000)
    wait_redraw(page, None)
    pressed = time.perf_counter() - start
    context.close()
    return {"early_ready_s": round(ready, 2), "early_press_to_widget_s": round(pressed, 2)}


def report(figures: dict) -> None:
    def line(label: str, value: str, key: str) -> None:
        budget, before = BUDGETS.get(key, ("", ""))
        print(f"  {label:44s} {value:>10s}   budget {budget:10s} {before}")

    print("\nlive widgets on the book page (cold cache, gzip server, this machine)")
    line("press -> first live widget shown", f"{figures['press_to_widget_s']:.2f} s", "")
    line(
        "press -> widget responding (slider redrawn)",
        f"{figures['press_to_responding_s']:.2f} s",
        "press_to_responding_s",
    )
    print(
        "    steps (ms since the worker started): " + ", ".join(f"{s['name']} {s['ms']}" for s in figures["steps_ms"])
    )
    route = "joins the visit's Python" if figures["second_page_shared"] else "a Python of its own (no SharedWorker)"
    line("second widget page, navigation -> live", f"{figures['second_page_s']:.2f} s", "second_page_s")
    print(
        f"    ({route}) steps on that page: "
        + ", ".join(f"{s['name']} {s['ms']}" for s in figures["second_page_steps_ms"])
    )
    line("  the same with a Python per page", f"{figures['second_page_dedicated_s']:.2f} s", "second_page_dedicated_s")
    print("    steps: " + ", ".join(f"{s['name']} {s['ms']}" for s in figures["second_page_dedicated_steps_ms"]))
    line("runtime bytes, first use", f"{figures['runtime_bytes_first'] / 1e6:.2f} MB", "runtime_bytes_first")
    print("    largest files: " + ", ".join(f"{name} {size / 1e6:.2f} MB" for size, name in figures["biggest_files"]))
    line("runtime bytes, later page", f"{figures['runtime_bytes_later'] / 1e3:.1f} KB", "runtime_bytes_later")
    line("early start: navigation -> Python ready", f"{figures['early_ready_s']:.2f} s", "")
    line(
        "  then press -> drawn (loads bundle, plotly)",
        f"{figures['early_press_to_widget_s']:.2f} s",
        "press_to_responding_s",
    )
    line("slider -> chart redrawn, median of 10", f"{figures['redraw_median_ms']:.0f} ms", "redraw_median_ms")
    print(f"    each: {figures['redraws_ms']} (through the test harness: key sent by CDP, chart polled)")
    split = figures["redraw_split_median_ms"]
    print(
        f"    in the page's own clock (medians): key -> chart drawn {split['in_page']:.0f} ms; its steps: "
        f"widget sends the change {split['widget_to_send']:.0f}, Python's first answer back "
        f"{split['python_round_trip']:.0f}, answer to drawing {split['answer_to_draw']:.0f}, "
        f"plotly.js draws {split['plotly_draw']:.0f}"
    )
    for name, other in figures["other_redraws"].items():
        line(f"  {name}: slider -> redrawn, median", f"{other['harness_median_ms']:.0f} ms", "redraw_median_ms")
        print(
            f"    in the page: {other['in_page_median_ms']:.0f} ms (Python {other['python_median_ms']:.0f}, "
            f"plotly.js {other['plotly_draw_median_ms']:.0f})"
        )
    print(
        f"  browser memory (all its processes): {figures['browser_rss_before_mb']} MB before, "
        f"{figures['browser_rss_live_mb']} MB with the runtime live; page JS heap {figures['page_js_heap_mb']} MB"
    )
    if figures.get("lighthouse"):
        print(f"  Lighthouse on the widget pages (budget: {LIGHTHOUSE_BUDGET})")
        print("    page                          desktop  mobile   mobile FCP  LCP     TBT")
        for page, scores in figures["lighthouse"].items():
            desktop, mobile = scores["desktop"], scores["mobile"]
            print(
                f"    {page.rsplit('/', 1)[-1]:30s} {desktop['performance']:>5d}  {mobile['performance']:>6d}"
                f"   {mobile['FCP_s']:>8.2f} s {mobile['LCP_s']:>5.2f} s {mobile['TBT_ms']:>5d} ms"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip Lighthouse on the widget pages (about 2 min)"
    )
    args = parser.parse_args()
    if not (args.site / FIRST_PAGE).is_file():
        raise SystemExit(f"No built site with {FIRST_PAGE} in {args.site}: run `make book` first.")
    with serve(args.site) as url:
        with chromium.browser() as browser:
            figures = measure(url, browser)
        if not args.no_lighthouse:
            figures["lighthouse"] = {page: lighthouse(url, page) for page in widget_pages(args.site)}
    report(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
