"""Measure the book: build times, site size and what a reader's browser downloads.

    .venv/bin/python benchmarks/build.py          # or: make benchmark

Builds the book into a temporary folder (your _build/ is left alone), twice:
a cold build (no cache, every notebook executed) and a rebuild with nothing
changed. Then serves that site like a static host and loads pages in headless
Chromium with a cold cache, counting the bytes the server sent. "gzip" figures
are what a host that compresses text (as GitHub Pages does) would send.

Prints a table and appends one JSON line to benchmarks/results.jsonl, so the
figures can be followed from commit to commit. Nothing here asserts a time:
the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from learning_regions.site_server import SiteHandler, serve

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".xml")
RESULTS = ROOT / "benchmarks" / "results.jsonl"


def build(output: Path) -> float:
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "--path-output", str(output), "--warningiserror", "--nitpick", "--keep-going", "--quiet"]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def gzip_size(site: Path, path: str) -> int:
    file = site / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return 0
    data = file.read_bytes()
    return len(gzip.compress(data, 6)) if file.suffix in COMPRESSIBLE else len(data)


def weigh(site: Path, log_slice) -> dict:
    """Bytes sent for a list of served requests: raw, and as a gzip host would send them."""
    sent = [s for s in log_slice if s.status == 200]
    return {
        "requests": len(log_slice),
        "raw_bytes": sum(s.size for s in sent),
        "gzip_bytes": sum(gzip_size(site, s.path) for s in sent),
    }


def page_weights(site: Path) -> dict:
    """Cold-cache weight of the landing page and of every chart page; then the
    weight of a second page in the same visit."""
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if "_static" not in p.parts and "_sources" not in p.parts)
    chart_pages = [p for p in pages if 'class="lr-chart"' in (site / p).read_text(encoding="utf-8")]
    results: dict = {}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def load(context, path):
            start = len(SiteHandler.log)
            page = context.new_page()
            page.goto(f"{url}/{path}", wait_until="networkidle")
            page.close()
            return weigh(site, SiteHandler.log[start:])

        for path in ["book/index.html", *chart_pages]:
            context = browser.new_context()
            results[path] = load(context, path)
            context.close()
        heaviest = max(chart_pages, key=lambda p: results[p]["gzip_bytes"], default=None)
        later = {}
        if heaviest:
            context = browser.new_context()
            load(context, "book/index.html")
            later["chart page after the landing page"] = load(context, heaviest)
            others = [p for p in chart_pages if p != heaviest]
            if others:
                later["another chart page after it"] = load(context, others[0])
            context.close()
        browser.close()
    return {"cold": results, "heaviest_chart_page": heaviest, "later_in_visit": later}


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary build folder")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lr-bench-"))
    try:
        cold = build(workdir)
        rebuild = build(workdir)
        site = workdir / "_build" / "html"
        size, count = folder_size(site)
        weights = page_weights(site)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    record = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": commit or None,
        "cpu_count": os.cpu_count(),
        "cold_build_s": round(cold, 1),
        "rebuild_s": round(rebuild, 1),
        "site_bytes": size,
        "site_files": count,
        **weights,
    }
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")

    print(f"cold build (clean, notebooks executed): {cold:6.1f} s")
    print(f"rebuild with no change:                 {rebuild:6.1f} s")
    print(f"site size:                              {size / 1e6:6.1f} MB in {count} files")
    print("\ncold-cache page loads (bytes the server sent; gzip = as a compressing host would send):")
    for path, w in weights["cold"].items():
        mark = "  <- heaviest chart page" if path == weights["heaviest_chart_page"] else ""
        print(f"  {path:45s} {w['requests']:3d} requests  {kb(w['raw_bytes']):>10s} raw  {kb(w['gzip_bytes']):>10s} gzip{mark}")
    if weights["later_in_visit"]:
        print("\nlater pages in the same visit (cache warm):")
        for label, w in weights["later_in_visit"].items():
            print(f"  {label:45s} {w['requests']:3d} requests  {kb(w['raw_bytes']):>10s} raw  {kb(w['gzip_bytes']):>10s} gzip")
    print(f"\nappended to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
