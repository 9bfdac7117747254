"""Print the book's page to PDF with Chromium, page numbers filled in.

The page is opened once and its charts drawn; then the whole book and each
chapter (print.js shows only that chapter) are printed from it.

Chromium cannot tell a page where its own headings will fall on paper, so
each PDF is printed in passes: print, read back on which page each link
target landed (Chromium writes every target of an in-document link as a named
destination: ``pdfinfo -dests``), write those numbers into the contents and
the "see p. N" references, and print again. When the numbers change the
layout (a "9" is narrower than the placeholder "00") the pages are read once
more, until two passes agree.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

CHARTS_DRAWN = """() => [...document.querySelectorAll('.lr-chart')].every(
    c => c.querySelector('svg.main-svg') || c.classList.contains('lr-chart-failed'))"""
PAPER_WIDTH_MM = {"A4": 210, "Letter": 215.9}  # the text column is this minus 2 x 18 mm
MAX_PASSES = 4


@dataclass
class Printed:
    path: Path
    pages: int
    passes: int
    seconds: dict[str, float] = field(default_factory=dict)


def named_destinations(pdf: Path) -> dict[str, int]:
    """{destination name: page number} from ``pdfinfo -dests`` (poppler-utils)."""
    try:
        out = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    except FileNotFoundError as error:
        raise RuntimeError(
            "pdfinfo (Debian's poppler-utils) is needed for make pdf: run `make browser` as root, "
            "or apt-get install poppler-utils"
        ) from error
    dests = {}
    for line in out.splitlines():
        match = re.match(r'\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$', line)
        if match:
            dests[match.group(2)] = int(match.group(1))
    return dests


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def column_width_px(paper: str) -> int:
    """The text column's width in CSS pixels, so charts are drawn at the width they print at."""
    return round((PAPER_WIDTH_MM[paper] - 36) / 25.4 * 96)


class Press:
    """The book's print page, open in Chromium with every chart drawn."""

    def __init__(self, browser, url: str, paper: str) -> None:
        self.paper = paper
        self.errors: list[str] = []
        start = time.perf_counter()
        self.context = browser.new_context(
            viewport={"width": column_width_px(paper), "height": 1000}, color_scheme="light"
        )
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="load")
        # charts.js draws every chart on beforeprint; page.pdf() does not fire it, so it is fired here.
        self.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        self.page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        self.page.evaluate("() => document.fonts.ready")
        if self.errors:
            raise RuntimeError(f"{url}: the page raised {self.errors[0]}")
        self.load_seconds = time.perf_counter() - start

    def print_pdf(self, target: Path, title: str, chapter: str | None = None) -> Printed:
        """The whole book (chapter None) or one chapter (its key) into target."""
        self.page.evaluate("([key, title]) => window.lrPrint.show(key, title)", [chapter, title])
        known: dict[str, int] | None = None
        passes, seconds = 0, {}
        while passes < MAX_PASSES:
            passes += 1
            tick = time.perf_counter()
            # The first pass is read only for its page numbers: without tags and
            # outline (the layout is the same) it prints in about half the time.
            final = known is not None
            self.page.pdf(
                path=str(target),
                format=self.paper,
                print_background=True,
                prefer_css_page_size=True,
                outline=final,
                tagged=final,
            )
            seconds[f"print pass {passes}"] = time.perf_counter() - tick
            found = named_destinations(target)
            if final and found == known:
                break
            known = found
            self.page.evaluate("(pages) => window.lrPrint.fillPages(pages)", found)
        if self.errors:
            raise RuntimeError(f"printing {target.name}: the page raised {self.errors[0]}")
        return Printed(target, page_count(target), passes, seconds)

    def close(self) -> None:
        self.context.close()
