"""Each page's download menu links the print edition: its chapter's PDF and the whole book.

The PDFs are written after the HTML build by ``make pdf``
(companion_tools/print_edition) into ``pdf/`` of the site; the names come
from the same reading of _toc.yml.

The theme's own entry ".pdf" (the browser's print dialog, with the same icon
as "Chapter PDF" right below it) is taken out of the menu: the prepared PDFs
are the PDFs of the site, and a browser still prints a page from its own menu.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

from ..print_edition.toc import WHOLE_BOOK, Book, read_toc

PDF_DIR = "pdf"
#: The theme's "Print to PDF" entry (window.print()), labelled so by sphinx-book-theme.
BROWSER_PRINT = "download-pdf-button"


@lru_cache(maxsize=4)
def _book(srcdir: str) -> Book:
    return read_toc(Path(srcdir))


def pdf_buttons(book: Book, docname: str, pathto) -> list[dict]:
    """The download menu's entries for a page: its chapter's PDF (if any), then the whole book."""
    buttons = []
    chapter = book.chapter_of(docname)
    if chapter is not None:
        buttons.append(
            {
                "type": "link",
                "url": pathto(f"{PDF_DIR}/{chapter.pdf_name}", 1),
                "text": "Chapter PDF",
                "tooltip": "This chapter with its notebooks, set for printing (PDF)",
                "icon": "fas fa-file-pdf",
                "label": "download-chapter-pdf-button",
            }
        )
    buttons.append(
        {
            "type": "link",
            "url": pathto(f"{PDF_DIR}/{WHOLE_BOOK}.pdf", 1),
            "text": "Book PDF",
            "tooltip": "The whole companion, set for printing (PDF)",
            "icon": "fas fa-book",
            "label": "download-book-pdf-button",
        }
    )
    return buttons


def add_pdf_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """After the theme has made its download menu (priority 501), add the print edition to it."""
    if app.builder.format != "html" or "pathto" not in context:
        return
    group = next((b for b in context.get("header_buttons", []) if b.get("label") == "download-buttons"), None)
    if group is None:
        return
    group["buttons"][:] = [b for b in group["buttons"] if b.get("label") != BROWSER_PRINT]
    group["buttons"].extend(pdf_buttons(_book(app.srcdir), pagename, context["pathto"]))
