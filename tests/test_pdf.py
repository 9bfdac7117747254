"""The print edition: the PDFs that `make pdf` (run by `make book`) writes into _build/html/pdf/.

Read back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages) and
pypdf: what is printed, in what order, on which page, with which fonts,
outline and metadata. The PDFs are made from the built site, so these tests
need `make book` first (as `make test` does).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from companion_tools.print_edition.toc import WHOLE_BOOK, read_toc
from conftest import ROOT, SITE

BOOK = read_toc(ROOT)
pytestmark = pytest.mark.site  # the PDFs make book prints into the built site
PDF = SITE / "pdf"
COMPANION = PDF / f"{WHOLE_BOOK}.pdf"
ALL_PDFS = [COMPANION] + [PDF / c.pdf_name for c in BOOK.chapters]
CHECK_NO_COPY = ROOT.parent / "shared" / "tools" / "check_no_copy.py"
# Labels of the site's navigation, buttons, search and launch menus (see the
# test below that they are on the site's pages): none may reach paper.
CHROME = [
    "Ctrl + K",
    "Ctrl+K",
    "Skip to main content",
    "Suggest edit",
    "Open issue",
    "Back to top",
    "Python starts inside this browser tab",
    "© Copyright",
]
CHROME_LINES = ["Search", "Binder", "Colab", "Repository", ".ipynb", ".pdf", "previous", "next"]


def squash(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def unspaced(text: str) -> str:
    """The text with no whitespace at all: the HTML's text puts a space between an
    inline code span and the colon after it, the printed text does not."""
    return "".join(squash(text).split())


@lru_cache(maxsize=None)
def page_texts(pdf: Path, layout: bool = False) -> tuple[str, ...]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    if not pdf.is_file():
        pytest.fail(f"{pdf} is missing: run `make book` (it runs `make pdf`).")
    mode = ["-layout"] if layout else []
    out = subprocess.run(
        ["pdftotext", *mode, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = out.split("\f")
    return tuple(pages[:-1] if pages and not pages[-1].strip() else pages)


def body(page: str) -> str:
    """A page without its running header (its first line)."""
    lines = page.strip("\n").split("\n")
    return "\n".join(lines[1:])


@lru_cache(maxsize=None)
def built(docname: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def heading_text(tag) -> str:
    for link in tag.select(".headerlink"):
        link.decompose()
    return squash(tag.get_text(" "))


def page_title(docname: str) -> str:
    return heading_text(built(docname).select_one("article.bd-article h1"))


def figure_captions(docname: str) -> list[str]:
    return [heading_text(f) for f in built(docname).select("article.bd-article figcaption")]


def first_page_after_contents(pages: tuple[str, ...]) -> int:
    return next(i for i, p in enumerate(pages) if p.lstrip().startswith("Contents")) + 1


def test_every_pdf_exists_and_is_a_pdf():
    for pdf in ALL_PDFS:
        assert pdf.is_file(), f"{pdf} is missing: run `make book`"
        assert pdf.read_bytes()[:5] == b"%PDF-", pdf


def test_every_page_links_its_chapter_pdf_and_the_whole_book():
    for docname in BOOK.pages:
        page = SITE / f"{docname}.html"
        links = {
            (page.parent / a["href"]).resolve()
            for a in built(docname).select(".dropdown-download-buttons a[href$='.pdf'], a[href$='.pdf']")
        }
        assert COMPANION.resolve() in links, f"{docname} does not link the whole book's PDF"
        chapter = BOOK.chapter_of(docname)
        if chapter is not None:
            assert (PDF / chapter.pdf_name).resolve() in links, f"{docname} does not link {chapter.pdf_name}"
        for target in links:
            assert target.is_file(), f"{docname} links {target}, which is missing"


def test_chapter_titles_and_figure_captions_are_printed_in_toc_order():
    pages = page_texts(COMPANION)
    text = squash(" ".join(pages[first_page_after_contents(pages) :]))
    position = 0
    for docname in BOOK.pages[1:]:
        for expected in [page_title(docname)] + figure_captions(docname):
            found = text.find(expected, position)
            assert found >= 0, f"not printed after position {position} (in the order of _toc.yml): {expected!r}"
            position = found + len(expected)


def contents_entries(pages: tuple[str, ...]) -> list[tuple[str, int]]:
    """(title, page number) from the contents, which pdftotext -layout keeps on one line each."""
    index = first_page_after_contents(pages)
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(index), "-l", str(index), str(COMPANION), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entries = []
    # A part's caption has no page number, but may end in a digit ("Economic Geography 2").
    captions = {squash(part) for part in BOOK.parts}
    for line in out.splitlines()[1:]:
        match = re.match(r"^\s*(.*?)\s+(\d+)\s*$", line)
        if match and squash(line) not in captions:
            entries.append((squash(match.group(1)), int(match.group(2))))
        # A title too long for one line goes on below the line with its number
        # (the number sits on the first line's baseline): the first line suffices.
    return entries


def test_contents_page_numbers_are_where_the_headings_are():
    pages = page_texts(COMPANION)
    entries = contents_entries(pages)
    chapters = [page_title(c.docname) for c in BOOK.chapters]
    assert len(entries) >= len(BOOK.pages), f"the contents list {len(entries)} entries for {len(BOOK.pages)} pages"
    assert any(title.startswith(chapters[0][:30]) for title, _ in entries), "the first chapter is not in the contents"
    for title, number in entries:
        assert 1 <= number <= len(pages), f"contents: {title!r} on page {number} of {len(pages)}"
        assert squash(title)[:40] in squash(body(pages[number - 1])), (
            f"contents: {title!r} is said to be on p. {number}, but that page does not have it"
        )
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers), "the contents' page numbers are not in order"


def test_see_page_references_point_at_their_targets():
    """Each exercise's 'Solution ... (see p. N)': page N has that solution."""
    pages = page_texts(COMPANION)
    # Exercises in numbered parts are "Exercise 1.2"; the Reference part is not
    # numbered, so the pandas lesson's are "Exercise 1".
    text = squash(" ".join(pages))
    pointers = re.findall(r"Solution to (Exercise \d+(?:\.\d+)?), in the appendix \(see p\. (\d+)\)", text)
    exercises = sum(len(built(p).select("div.exercise")) for p in BOOK.pages)
    assert len(pointers) == exercises > 0
    for label, number in pointers:
        assert f"Solution to {label}" in squash(body(pages[int(number) - 1])), f"{label}: see p. {number} is wrong"
    assert "(see p. ?)" not in text and "(see p. 00)" not in text, "a reference was left without its page number"


def test_solutions_are_in_the_appendix_not_under_the_exercises():
    pages = page_texts(COMPANION)
    starts = [i for i, p in enumerate(pages) if squash(body(p)).startswith("Solutions The worked solutions")]
    assert len(starts) == 1, "no single 'Solutions' appendix"
    before = unspaced(" ".join(pages[: starts[0]]))
    after = unspaced(" ".join(pages[starts[0] :]))
    solution_words = [
        unspaced(s.select_one("section > p").get_text(" "))[:40]
        for c in BOOK.chapters
        for p in c.pages
        for s in built(p).select("div.solution")
    ]
    assert solution_words
    for words in solution_words:
        assert words in after, f"solution not in the appendix: {words!r}"
        assert words not in before, f"solution printed under its exercise: {words!r}"


def test_no_chart_failed_and_no_traceback():
    for pdf in ALL_PDFS:
        for number, page in enumerate(page_texts(pdf), start=1):
            for bad in ("could not be drawn", "Traceback (most recent call last)"):
                assert bad not in page, f"{pdf.name} p. {number}: {bad!r}"


def test_charts_are_vector_graphics():
    """Plotly draws SVG: its text (axis titles) is printed as text, and no chart became an image."""
    out = subprocess.run(["pdfimages", "-list", str(COMPANION)], capture_output=True, text=True, check=True).stdout
    images = len(out.strip().splitlines()) - 2
    site_images = sum(len(built(p).select("article.bd-article img")) for p in BOOK.pages)
    assert images <= site_images, f"{images} raster images in the PDF for {site_images} on the site's pages"
    text = squash(" ".join(page_texts(COMPANION)))
    charts = [c for p in BOOK.pages for c in built(p).select("article.bd-article .lr-chart")]
    assert len(charts) >= 8
    assert "People employed (persons)" in text  # an axis title of the Jena chart (Fig. 3.2)


def test_widgets_print_their_kernel_free_view_and_the_live_address():
    text = squash(" ".join(page_texts(COMPANION)))
    notices = sum(len(built(p).select("[data-inpage-widget]")) for p in BOOK.pages)
    lines = re.findall(r"This cell is a live control\. Use it with Python running at (\S+?); below", text)
    assert notices > 0 and len(lines) == notices
    for address in lines:
        # The widget runs live on its own book page (Python in the reader's tab).
        assert address.startswith("https://") and address.endswith(".html") and "/notebooks/" in address, address


def test_fonts_are_embedded():
    for pdf in ALL_PDFS:
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        header, dashes, *rows = out.splitlines()
        assert rows, f"{pdf.name}: no fonts (is the text selectable?)"
        columns = [(m.start(), m.end()) for m in re.finditer(r"-+", dashes)]
        emb = next(span for span in columns if header[span[0] : span[1]].strip() == "emb")
        for row in rows:
            assert row[emb[0] : emb[1]].strip() == "yes", f"{pdf.name}: font not embedded: {row}"


def test_outline_metadata_and_tags():
    from pypdf import PdfReader

    def titles(items) -> list[str]:
        out = []
        for item in items:
            out.extend(titles(item) if isinstance(item, list) else [squash(item.title)])
        return out

    for pdf in ALL_PDFS:
        reader = PdfReader(pdf)
        outline = titles(reader.outline)
        assert outline, f"{pdf.name}: no outline"
        info = reader.metadata
        assert info.title and info.author, f"{pdf.name}: title and author missing from the metadata"
        catalog = reader.trailer["/Root"]
        assert catalog.get("/Lang") == "en", f"{pdf.name}: no language"
        assert bool(catalog.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in catalog, (
            f"{pdf.name}: not tagged"
        )
    outline = titles(PdfReader(COMPANION).outline)
    assert len(outline) > 100  # parts, chapters and their sections
    # Chromium joins a heading's lines without a space: compare without spaces.
    spaceless = {title.replace(" ", "") for title in outline}
    for chapter in BOOK.chapters:
        assert page_title(chapter.docname).replace(" ", "") in spaceless, f"{chapter.docname} is not in the outline"
    assert "Solutions" in outline


def test_headings_are_kept_with_what_follows():
    """No heading sits alone at the foot of a page: on the page its outline entry
    points to, at least one line of the text it heads follows it (a heading near
    the bottom with its first lines below it is fine; one with nothing below is not)."""
    from pypdf import PdfReader

    reader = PdfReader(COMPANION)
    pages = page_texts(COMPANION, layout=True)
    items = []

    def walk(entries) -> None:
        for entry in entries:
            walk(entry) if isinstance(entry, list) else items.append(entry)

    walk(reader.outline)
    assert len(items) > 100
    for item in items:
        if float(item.top) > 51 + 40:
            continue  # room for the heading and a line below it: nothing to look at
        number = reader.get_destination_page_number(item)
        lines = [squash(line) for line in pages[number].splitlines() if line.strip()]
        at = next((i for i, line in enumerate(lines) if squash(item.title) in line), None)
        below = [line for line in lines[at + 1 :] if not line.isdigit()] if at is not None else []
        assert below, f"{item.title!r} is alone at the foot of p. {number + 1} (top {float(item.top):.0f} pt)"


def test_paper_is_a4_with_page_numbers_and_running_headers():
    out = subprocess.run(["pdfinfo", str(COMPANION)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in out
    pages = page_texts(COMPANION, layout=True)
    first = first_page_after_contents(pages)
    for number, page in enumerate(pages[first:], start=first + 1):
        lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
        if lines == [caption for caption in BOOK.parts if caption in lines]:
            continue  # a part's title page: no number, as in most books
        assert lines[-1] == str(number), f"p. {number} does not end with its number: {lines[-1]!r}"
    chapter = BOOK.chapters[0]
    title = page_title(chapter.docname)
    headed = [p for p in pages if p.strip().splitlines()[0].strip() == title]
    assert len(headed) >= 3, f"the running header {title!r} is on {len(headed)} pages"


def test_no_navigation_chrome_is_printed():
    site_chrome = squash(" ".join(built("notebooks/classify-it").get_text(" ").split()))
    for label in CHROME[:1] + CHROME[2:]:
        assert label in site_chrome, f"{label!r} is no longer the site's chrome: update CHROME"
    for pdf in ALL_PDFS:
        for number, page in enumerate(page_texts(pdf), start=1):
            for label in CHROME:
                assert label not in page, f"{pdf.name} p. {number}: {label!r}"
            for line in page.splitlines():
                assert line.strip() not in CHROME_LINES, f"{pdf.name} p. {number}: a line {line.strip()!r}"


def test_each_chapter_pdf_holds_its_chapter_only():
    titles = {c.docname: page_title(c.docname) for c in BOOK.chapters}
    for chapter in BOOK.chapters:
        pages = page_texts(PDF / chapter.pdf_name)
        text = squash(" ".join(pages))
        for page in chapter.pages:
            assert page_title(page) in text, f"{chapter.pdf_name} lacks {page}"
        headers = {p.strip().splitlines()[0].strip() for p in pages}
        others = {t for d, t in titles.items() if d != chapter.docname} & headers
        assert not others, f"{chapter.pdf_name} has pages of other chapters: {others}"


def references() -> list[str]:
    """The bibliography's entries and the in-text citations, as printed.

    They carry the cited works' titles, authors and publishers over from the
    texts' own reference lists, which the house rules allow (references carry
    over, sentences do not); the copy check reads everything else.
    """
    found = {words(entry.get_text(" ")) for entry in built("book/bibliography").select(".citation p")}
    for page in BOOK.pages:
        found |= {words(c.get_text(" ")) for c in built(page).select(".bibtex-citation")}
    return sorted(found, key=len, reverse=True)


def words(text: str) -> str:
    """Lower-case words, as the copy check reads them (so punctuation and spacing do not matter)."""
    return " ".join(re.findall(r"[a-z0-9']+", text.replace("\u2019", "'").replace("\u2018", "'").lower()))


def test_the_printed_text_copies_no_source_sentence(tmp_path):
    if not CHECK_NO_COPY.is_file():
        pytest.skip(
            f"the copy check is not here ({CHECK_NO_COPY}): ../shared is absent outside the project's workspace"
        )
    cited = references()
    assert len(cited) > 20
    for pdf in ALL_PDFS:
        text = f" {words(' '.join(page_texts(pdf)))} "
        for reference in cited:
            text = text.replace(f" {reference} ", " [reference] ")
        (tmp_path / f"{pdf.stem}.txt").write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, str(CHECK_NO_COPY), str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_poppler_is_installed():
    for tool in ("pdftotext", "pdfinfo", "pdffonts", "pdfimages"):
        assert shutil.which(tool), f"{tool} is missing: run `make browser` as root (installs poppler-utils)"
