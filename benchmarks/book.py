"""Measure the book: build times, site size, page weights, Lighthouse, the live
kernel, and a dependency audit.

    .venv/bin/python benchmarks/book.py          # or: make benchmark

Builds the book into a temporary folder (your _build/ is left alone), twice:
a cold build (no cache: every notebook executed, the live site built) and a
rebuild with nothing changed. Then serves that site the way GitHub Pages does
(gzip, max-age=600) and measures, in Debian's headless Chromium:

* the bytes a cold visit transfers for the landing page and for every chart
  page, and for a second page in the same visit (with the in-page widgets'
  early start off: on a widget page Python would otherwise start downloading
  while the reader reads, and the page never falls quiet; what Python costs
  is measured by benchmarks/inpage.py);
* Lighthouse (pinned npm package) on the landing page and the heaviest chart
  page, desktop and mobile: the four category scores and FCP/LCP/TBT;
* the live notebooks: seconds from opening the case profiler until its first
  cell has run in the browser's Python, and the size live/ adds to the site.

Then pip-audit checks the pinned requirements against known vulnerabilities
(it needs PyPI's JSON API; packages it cannot look up are reported as not
audited, not as safe).

Prints a table with the project's targets beside each figure and appends one
JSON line to benchmarks/results.jsonl, so the figures can be followed from
commit to commit. Nothing here asserts a time: the numbers are for people.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import COLD, RESULTS, ROOT, SiteHandler, chromium, kb, lighthouse, serve

LIVE_NOTEBOOK = "pnc-readings.ipynb"
TARGETS = {
    "chart page, cold visit": "<= 1.5 MB compressed",
    "later page in the visit": "<= 150 KB",
    "performance desktop": ">= 95",
    "performance mobile": ">= 85",
    "accessibility": "100",
    "best-practices": "100",
    "seo": ">= 90",
}


def build(output: Path) -> float:
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(ROOT),
        "--path-output",
        str(output),
        "--warningiserror",
        "--nitpick",
        "--keep-going",
        "--quiet",
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def book_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in ("_static", "_sources", "live")
    )


def chart_pages(site: Path) -> list[str]:
    return [p for p in book_pages(site) if 'class="lr-chart"' in (site / p).read_text(encoding="utf-8")]


def visit(context, url: str, path: str) -> dict:
    """Load a page, scroll through it (charts draw as they come into view), count bytes sent."""
    start = len(SiteHandler.log)
    page = context.new_page()
    page.goto(f"{url}/{path}", wait_until="networkidle")
    charts = page.locator(".lr-chart")
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        page.wait_for_function("(i) => document.querySelectorAll('.lr-chart')[i].querySelector('svg')", arg=index)
    page.wait_for_load_state("networkidle")
    page.close()
    served = SiteHandler.log[start:]
    return {"requests": len(served), "bytes": sum(s.size for s in served if s.status == 200)}


def quiet_context(browser):
    """A context with no early start (COLD), so a widget page's weight is the page's own
    (Python's is in benchmarks/inpage.py)."""
    context = browser.new_context()
    context.add_init_script(COLD)
    return context


def page_weights(site: Path, url: str, browser) -> dict:
    cold = {}
    for path in ["book/index.html", *chart_pages(site)]:
        context = quiet_context(browser)
        cold[path] = visit(context, url, path)
        context.close()
    heaviest = max(chart_pages(site), key=lambda p: cold[p]["bytes"])
    context = quiet_context(browser)
    visit(context, url, "book/index.html")
    later = {"chart page after the landing page": visit(context, url, heaviest)}
    others = [p for p in chart_pages(site) if p != heaviest]
    if others:
        later["another chart page after that"] = visit(context, url, others[0])
    plain = [p for p in book_pages(site) if p not in cold and p.startswith("book/")]
    if plain:
        later["a chapter page after that"] = visit(context, url, plain[0])
    context.close()
    return {"cold": cold, "heaviest_chart_page": heaviest, "later_in_visit": later}


def live_kernel_seconds(url: str, browser) -> float:
    """Seconds from opening the live profiler until its first cell has run."""
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{url}/live/notebooks/index.html?path={LIVE_NOTEBOOK}", wait_until="load")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.wait_for_selector(".jp-InputArea-prompt:has-text('[1]')", timeout=180_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def audit() -> dict:
    command = [
        str(Path(sys.executable).parent / "pip-audit"),
        "-r",
        str(ROOT / "requirements.txt"),
        "-r",
        str(ROOT / "requirements-dev.txt"),
        "--no-deps",
        "--disable-pip",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"error": (result.stderr or result.stdout)[-300:]}
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason")]
    vulnerable = [
        f"{d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}" for d in deps if d.get("vulns")
    ]
    return {
        "packages": len(deps),
        "audited": len(deps) - len(skipped),
        "not_audited": len(skipped),
        "vulnerable": vulnerable,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary build folder")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (about a minute)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lr-bench-"))
    try:
        cold = build(workdir)
        rebuild = build(workdir)
        site = workdir / "_build" / "html"
        with serve(site) as url:
            with chromium.browser() as browser:
                weights = page_weights(site, url, browser)
                kernel = live_kernel_seconds(url, browser)
                from inpage import measure as measure_inpage

                in_page = measure_inpage(url, browser)
            scores = {}
            if not args.no_lighthouse:
                for page in ("book/index.html", weights["heaviest_chart_page"]):
                    scores[page] = lighthouse(url, page)
        sizes = {"site_bytes": folder_size(site), "live_bytes": folder_size(site / "live")}
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    dependencies = audit()

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    record = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": commit or None,
        "cpu_count": os.cpu_count(),
        "cold_build_s": round(cold, 1),
        "rebuild_s": round(rebuild, 1),
        **sizes,
        **weights,
        "live_first_cell_s": round(kernel, 1),
        "inpage_widgets": in_page,
        "lighthouse": scores,
        "audit": dependencies,
    }
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")

    print(f"cold build (clean, notebooks executed, live site built): {cold:6.1f} s")
    print(f"rebuild with no change:                                  {rebuild:6.1f} s")
    print(
        f"site size: {sizes['site_bytes'] / 1e6:.1f} MB, of which the live notebooks (live/): {sizes['live_bytes'] / 1e6:.1f} MB"
    )
    print(
        f"\ncold visits (bytes sent, gzip as GitHub Pages sends them)   target for chart pages: {TARGETS['chart page, cold visit']}"
    )
    print("  (widget pages without the early start of Python: its bytes are in benchmarks/inpage.py)")
    for path, w in weights["cold"].items():
        mark = "  <- heaviest chart page" if path == weights["heaviest_chart_page"] else ""
        print(f"  {path:40s} {w['requests']:3d} requests {kb(w['bytes']):>10s}{mark}")
    print(f"\nlater pages in the same visit                               target: {TARGETS['later page in the visit']}")
    for label, w in weights["later_in_visit"].items():
        print(f"  {label:40s} {w['requests']:3d} requests {kb(w['bytes']):>10s}")
    print(f"\nlive notebooks: first cell of {LIVE_NOTEBOOK} ran {kernel:.1f} s after opening it (cold cache)")
    from inpage import report as report_inpage

    report_inpage(in_page)
    if scores:
        print("\nLighthouse        perf   a11y   best   seo    FCP     LCP     TBT")
        print(f"  targets         {TARGETS['performance desktop']}/{TARGETS['performance mobile']}  100    100    >=90")
        for page, presets in scores.items():
            for preset, s in presets.items():
                print(
                    f"  {preset:7s} {s['performance']:5d} {s['accessibility']:6d} {s['best-practices']:6d} {s['seo']:5d}"
                    f"  {s['FCP_s']:5.2f}s  {s['LCP_s']:5.2f}s  {s['TBT_ms']:4d}ms   {page}"
                )
    if "error" in dependencies:
        print(f"\ndependency audit failed to run: {dependencies['error']}")
    else:
        print(
            f"\ndependency audit (pip-audit): {dependencies['audited']} of {dependencies['packages']} pinned packages "
            f"checked, {len(dependencies['vulnerable'])} with known vulnerabilities, "
            f"{dependencies['not_audited']} not checked (vulnerability service unreachable or package unknown)"
        )
        for line in dependencies["vulnerable"]:
            print(f"  {line}")
    print(f"\nappended to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
