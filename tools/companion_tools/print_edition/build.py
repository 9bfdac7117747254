"""make pdf: the whole book and each chapter as PDF, from the built site.

    python -m companion_tools.print_edition [--paper A4|Letter] [--site _build/html]

Writes ``<site>/pdf/companion.pdf`` and ``<site>/pdf/<chapter>.pdf`` (the
site's download menus link them), from print documents assembled in
``_build/print/``. Chromium is Debian's (``CHROMIUM``, default
/usr/bin/chromium), driven by Playwright; nothing is downloaded. When neither
the site's pages, the print code and styles, nor the commit have changed
since the last run, the PDFs are kept (``--force`` prints anyway).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from companion_tools import chromium
from companion_tools.addresses import site_url
from companion_tools.site_server import serve
from companion_tools.sphinx import frontend

from .assemble import PRINT_CSS, PRINT_JS, Assembler, Edition
from .pages import PARSER, page_key
from .pdfmeta import set_metadata
from .press import Press, Printed
from .toc import WHOLE_BOOK, read_toc

PDF_DIR = "pdf"
STAMP = ".inputs"


def git_commit(root: Path) -> str:
    run = lambda *args: subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)  # noqa: E731
    commit = run("rev-parse", "--short", "HEAD").stdout.strip() or "unknown"
    dirty = run("status", "--porcelain", "--untracked-files=no").stdout.strip()
    return commit + (" (with uncommitted changes)" if dirty else "")


def site_address(root: Path) -> str:
    """The published site, from the one setting in _config.yml (:mod:`companion_tools.addresses`)."""
    return site_url(root / "_config.yml")


def edition(root: Path, paper: str) -> Edition:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    footer = (config.get("html") or {}).get("extra_footer", "")
    licence = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", footer)).split()).replace(" .", ".")
    licence = licence.replace("CC BY 4.0", "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)")
    return Edition(
        title=config["title"],
        author=config.get("author", ""),
        site_url=site_address(root),
        licence=licence or "see the repository",
        built=dt.datetime.now(dt.timezone.utc).strftime("%-d %B %Y"),
        commit=git_commit(root),
        paper=paper,
    )


def front_end(site: Path) -> Path:
    """The front end's built files (print.css, print.js, charts.js): built
    anew if frontend/ changed (the same build the book's uses), so a change
    to them needs no site rebuild."""
    frontend.build(frontend.out_dir(site.parent))
    return frontend.static_folder(site.parent)


def code_digest(paper: str, scripts: Path) -> str:
    """The print code and styles, and the paper: a change reprints every PDF."""
    digest = hashlib.sha256(f"{paper}\n".encode())
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")) + [scripts / name for name in (PRINT_CSS, PRINT_JS, "charts.js")]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()


def pdf_digests(document_html: str, keys: list[str], code: str) -> dict[str, str]:
    """What each PDF prints: the whole book's page (title page, commit and all),
    and for each chapter only its own section and solutions (without the
    colophon's date and commit), so a chapter is reprinted only when its
    content changed."""
    soup = BeautifulSoup(document_html, PARSER)
    for colophon in soup.select(".lr-chapter-colophon"):
        colophon.decompose()
    digests = {WHOLE_BOOK: hashlib.sha256((code + document_html).encode()).hexdigest()}
    for key, name in keys:
        parts = soup.select(f'[data-chapter="{key}"]')
        digests[name] = hashlib.sha256((code + "".join(str(p) for p in parts)).encode()).hexdigest()
    return digests


def make_pdfs(
    root: Path, site: Path, paper: str = "A4", force: bool = False, log=print, out: Path | None = None
) -> dict:
    """Assemble, print and publish every PDF (into out, default <site>/pdf); returns the figures."""
    steps: dict[str, float] = {}
    start = time.perf_counter()
    book = read_toc(root)
    meta = edition(root, paper)
    out = out or site / PDF_DIR
    stamp = out / STAMP
    out.mkdir(parents=True, exist_ok=True)
    scripts = front_end(site)
    work = site.parent / "print"
    work.mkdir(parents=True, exist_ok=True)
    prefix = os.path.relpath(site, work).replace(os.sep, "/") + "/"
    document = Assembler(site, book, meta, prefix).whole_book()
    chapters = [(page_key(c.docname), c.pdf_name[:-4]) for c in book.chapters]
    digests = pdf_digests(document.html, chapters, code_digest(paper, scripts))
    try:
        printed_before = json.loads(stamp.read_text(encoding="utf-8")) if stamp.is_file() else {}
    except ValueError:
        printed_before = {}
    due = {
        name
        for name, digest in digests.items()
        if force or printed_before.get(name) != digest or not (out / f"{name}.pdf").is_file()
    }
    steps["assemble the print page"] = time.perf_counter() - start
    if not due:
        log(f"PDFs in {out} are up to date (same content and print code).")
        return {"skipped": True, "steps": steps}
    source = work / f"{WHOLE_BOOK}.html"
    source.write_text(document.html, encoding="utf-8")
    for name in (PRINT_CSS, PRINT_JS):
        shutil.copyfile(scripts / name, work / name)

    jobs = [(WHOLE_BOOK, document.title, None)] + [
        (c.pdf_name[:-4], f"{document.chapters[page_key(c.docname)]} ({meta.title})", page_key(c.docname))
        for c in book.chapters
    ]
    jobs = [job for job in jobs if job[0] in due]
    unchanged = len(digests) - len(jobs)
    log(
        f"  printing {len(jobs)} of {len(digests)} PDFs"
        + (f" ({unchanged} unchanged: not reprinted)" if unchanged else "")
    )
    results: dict[str, Printed] = {}
    tick = time.perf_counter()
    with serve(site.parent) as url, chromium.browser() as browser:
        steps["start Chromium"] = time.perf_counter() - tick
        press = Press(browser, f"{url}/{work.name}/{source.name}", paper)
        steps["open the page, draw the charts"] = press.load_seconds
        try:
            for name, title, chapter in jobs:
                target = out / f"{name}.pdf"
                printed = press.print_pdf(target, title, chapter)
                tick = time.perf_counter()
                set_metadata(
                    target,
                    Title=title,
                    Author=meta.author,
                    Subject=f"Print edition of {meta.title}, {meta.site_url}",
                    Keywords="learning regions; innovation networks; place; network; community",
                )
                printed.seconds["metadata"] = time.perf_counter() - tick
                results[name] = printed
                log(
                    f"  {name}.pdf: {printed.pages} pages, {target.stat().st_size / 1e6:.1f} MB, "
                    f"{printed.passes} passes ({sum(printed.seconds.values()):.1f} s)"
                )
        finally:
            press.close()
    for name, printed in results.items():
        label = "print the whole book" if name == WHOLE_BOOK else "print the chapters"
        steps[label] = steps.get(label, 0.0) + sum(printed.seconds.values())
    stamp.write_text(json.dumps({**printed_before, **{n: digests[n] for n in results}}, indent=1), encoding="utf-8")
    steps["total"] = time.perf_counter() - start
    return {
        "skipped": False,
        "steps": steps,
        "pdfs": {n: {"pages": p.pages, "bytes": p.path.stat().st_size, "passes": p.passes} for n, p in results.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="_build/html", help="the built site (default: _build/html)")
    parser.add_argument("--paper", default=os.environ.get("PAPER", "A4"), choices=["A4", "Letter"])
    parser.add_argument("--force", action="store_true", help="print even when nothing changed")
    args = parser.parse_args(argv)
    root = Path.cwd()
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"{site} has no built site: run `make book` first.", file=sys.stderr)
        return 1
    figures = make_pdfs(root, site, args.paper, args.force)
    if not figures.get("skipped"):
        print(
            f"PDFs written to {site / PDF_DIR} in {figures['steps']['total']:.1f} s ("
            + ", ".join(f"{k} {v:.1f} s" for k, v in figures["steps"].items() if k != "total")
            + ")"
        )
    return 0
