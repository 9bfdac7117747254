"""Measure the class view on its book page: a class's files dropped or picked -> charts drawn.

    .venv/bin/python benchmarks/classview.py [--site _build/html] [--runs 3]   # also run by `make benchmark`

Serves the built site as GitHub Pages does, opens notebooks/class-view.html in
Debian's headless Chromium, makes the widget live (not timed), then gives it
the exported profiles of 30 and of 200 invented students at once
(learning_regions.classroom.example_files), both ways a lecturer can: dropped
on the widget (drag events with the files, as a file manager's drag gives
them) and picked with "Choose the class's files". It times, in the page's own
clock, from the files dropped or chosen to the chart drawn with them: the
browser reads the files, sends them to Python in the worker, Python reads and
merges them and sends the chart, plotly.js draws it. Prints each figure
beside its budget (issue 25); nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

from common import COLD, ROOT, chromium, serve

sys.path.insert(0, str(ROOT))
from learning_regions.classroom import example_files

PAGE = "notebooks/class-view.html"
BUDGETS = {30: 1.0, 200: 3.0}  # seconds from the files dropped to the charts drawn, widget already live
ROUTES = ("dropped", "picked")
# The files put in a DataTransfer in the page (not timed), then dropped on the widget: the time of the drop.
DROP = """(files) => {
    const data = new DataTransfer();
    for (const [name, text] of files) data.items.add(new File([text], name, {type: 'application/json'}));
    const target = document.querySelector('.lr-inpage-slot .widget-html');
    const drag = (type) => target.dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true, cancelable: true}));
    drag('dragenter');
    drag('dragover');
    const since = performance.now();
    drag('drop');
    return since;
}"""
# The page's own clock: the widget bundle (frontend/src/widgets/plotly.js) records when plotly.js last finished drawing a live chart.
DRAWN_AFTER = """([since, needle]) => {
    const slot = document.querySelector('.lr-inpage-slot');
    const timing = window.LearningRegionsInpage && window.LearningRegionsInpage.timing;
    return slot.innerText.includes(needle) && timing && timing.drawn > since
        && slot.querySelector('.js-plotly-plot svg.main-svg') !== null;
}"""


def profiles(n: int) -> list[tuple[str, bytes]]:
    files = [f for f in example_files(max(n, 30), seed=5, bad_files=False) if "-profile-" in f[0]]
    return files[:n]


def measure(url: str, browser, n: int, folder: Path, route: str) -> float:
    files = profiles(n)
    paths = []
    for name, data in files:
        path = folder / f"{n}" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLD)
    page = context.new_page()
    page.goto(f"{url}/{PAGE}", wait_until="load")
    page.locator(".lr-inpage-start").click()
    page.wait_for_selector("[data-inpage-widget].lr-inpage-on", timeout=300_000)
    if route == "dropped":
        since = page.evaluate(DROP, [[name, data.decode("utf-8")] for name, data in files])
    else:
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name=re.compile("Choose the class's files")).click()
        since = page.evaluate("() => performance.now()")
        chooser.value.set_files(paths)
    page.wait_for_function(DRAWN_AFTER, arg=[since, f"Read {n} files"], timeout=120_000, polling=20)
    drawn = page.evaluate("() => window.LearningRegionsInpage.timing.drawn")
    context.close()
    return (drawn - since) / 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.site / PAGE).is_file():
        raise SystemExit(f"No built site with {PAGE} in {args.site}: run `make book` first.")
    print(
        "\nthe class view on the book page (widget live; files dropped or picked -> charts drawn, median of "
        f"{args.runs}, this machine)"
    )
    with tempfile.TemporaryDirectory() as folder, serve(args.site) as url, chromium.browser() as browser:
        for n, budget in BUDGETS.items():
            for route in ROUTES:
                times = [measure(url, browser, n, Path(folder), route) for _ in range(args.runs)]
                median = statistics.median(times)
                verdict = "within" if median <= budget else "OVER"
                print(
                    f"  {n:3d} profile files {route:7s} -> charts drawn   {median:5.2f} s   budget <= {budget:.0f} s "
                    f"({verdict}); each: {', '.join(f'{t:.2f}' for t in times)} s"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
