"""Measure the print edition: how long `make pdf` takes, step by step, and what it makes.

    .venv/bin/python benchmarks/pdf.py            # or: make benchmark (after the build benchmark)

Prints the whole book and every chapter from the built site in _build/html
(run `make book` first) into a temporary folder, so the published PDFs are
left alone, and always prints (the up-to-date check is skipped). Shows the
time of each step, the page count and size of each PDF, the budgets beside
them, and the routes this replaces. Appends one JSON line to
benchmarks/results.jsonl. Nothing here asserts a figure: they are for people.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from companion_tools.print_edition.build import make_pdfs
from companion_tools.print_edition.toc import WHOLE_BOOK

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.jsonl"
BUDGET_SECONDS = 60  # make pdf, every PDF
BUDGET_BOOK_MB = 15  # companion.pdf
REPLACED = [
    ("jupyter-book build --builder pdfhtml", "pyppeteer downloads its own Chromium: fails here (no browser download)"),
    (
        "jupyter-book build --builder pdflatex",
        "needs TeX Live, and static images of every Plotly chart (kaleido): not set up",
    ),
    ("the browser's Print to PDF, page by page", "one page at a time; no contents, no page numbers across pages"),
]


def cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children (Chromium, via Playwright's driver)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--paper", default="A4", choices=["A4", "Letter"])
    args = parser.parse_args()
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"No built site in {site}: run `make book` first.", file=sys.stderr)
        return 1
    out = Path(tempfile.mkdtemp(prefix="lr-bench-pdf-"))
    load_before = os.getloadavg()[0]
    cpu_before = cpu_seconds()
    try:
        figures = make_pdfs(ROOT, site, args.paper, force=True, log=lambda line: None, out=out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    cpu = cpu_seconds() - cpu_before
    steps, pdfs = figures["steps"], figures["pdfs"]
    book = pdfs[WHOLE_BOOK]

    print(f"make pdf ({args.paper}), {len(pdfs)} PDFs from the built site, on {os.cpu_count()} cores")
    print(f"  {'total':44s} {steps['total']:6.1f} s    budget <= {BUDGET_SECONDS} s")
    print(
        f"  {'CPU time (Python and Chromium)':44s} {cpu:6.1f} s    (the machine's load average was {load_before:.1f}"
        f" on {os.cpu_count()} cores: wall time grows with other work)"
    )
    for step, seconds in steps.items():
        if step != "total":
            print(f"    {step:42s} {seconds:6.1f} s")
    print(f"\n  {'PDF':24s} {'pages':>6s} {'size':>9s} {'passes':>7s}")
    for name, p in pdfs.items():
        budget = f"    budget <= {BUDGET_BOOK_MB} MB" if name == WHOLE_BOOK else ""
        print(f"  {name + '.pdf':24s} {p['pages']:6d} {p['bytes'] / 1e6:7.2f} MB {p['passes']:7d}{budget}")
    print("\nroutes this replaces:")
    for route, why in REPLACED:
        print(f"  {route}: {why}")

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    record = {
        "benchmark": "pdf",
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": commit or None,
        "cpu_count": os.cpu_count(),
        "paper": args.paper,
        "pdf_total_s": round(steps["total"], 1),
        "pdf_cpu_s": round(cpu, 1),
        "load_average": round(load_before, 1),
        "pdf_steps_s": {k: round(v, 1) for k, v in steps.items() if k != "total"},
        "book_pages": book["pages"],
        "book_bytes": book["bytes"],
        "pdfs": pdfs,
    }
    with RESULTS.open("a", encoding="utf-8") as results:
        results.write(json.dumps(record) + "\n")
    print(f"\nappended to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
