"""The print documents: the whole book, or one chapter, as one HTML file.

Title page, contents (page numbers filled in after a first printing), then
part by part the chapters with their notebook pages, in _toc.yml order, and
the appendix "Solutions". A chapter's PDF is printed from the same page with
everything else hidden (print.js): a one-line colophon, the chapter with its
notebooks, its solutions.

Each chapter is a named page (CSS ``page: ch-N``) whose @page rule puts the
chapter's title in the top margin: Chromium prints running headers itself.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from .pages import PARSER, PageReader, PrintPage, text_of
from .toc import Book, Chapter

# print.css and print.js are copied next to the print page from the front
# end's build (frontend/, build.py), so a change to them needs no site rebuild.
PRINT_CSS = "print.css"
PYGMENTS_CSS = "_static/pygments.css"
CHARTS_JS = "_static/learning-regions/charts.js"
PRINT_JS = "print.js"
SOLUTIONS_ID = "appendix--solutions"
ROOT_TITLE = "How to use this companion"


@dataclass(frozen=True)
class Edition:
    """What the title page and the metadata say."""

    title: str
    author: str
    site_url: str
    licence: str
    built: str  # "1 December 2026"
    commit: str
    paper: str = "A4"
    language: str = "en"


@dataclass
class Document:
    """The whole book as one page; ``chapters`` maps each chapter's key to its title."""

    title: str
    html: str
    chapters: dict[str, str]


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _plotly_file(site: Path) -> str:
    """The plotly.js bundle's file name, as the site's chart pages name it."""
    for path in sorted(site.rglob("*.html")):
        match = re.search(r'data-plotly-file="([^"]+)"', path.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return ""


class Assembler:
    def __init__(self, site: Path, book: Book, edition: Edition, asset_prefix: str) -> None:
        self.site = site
        self.book = book
        self.edition = edition
        self.asset_prefix = asset_prefix
        self.plotly_file = _plotly_file(site)

    # -- pieces ------------------------------------------------------------------
    def _head(self, title: str, page_rules: str) -> str:
        e, p = self.edition, self.asset_prefix
        charts = (
            f'<script defer src="{p}{CHARTS_JS}" data-plotly-file="{html.escape(self.plotly_file)}"></script>'
            if self.plotly_file
            else ""
        )
        charts += f'\n<script src="{PRINT_JS}"></script>'
        return (
            f'<!DOCTYPE html>\n<html lang="{e.language}" data-theme="light" data-mode="light">\n<head>\n'
            '<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n"
            f'<meta name="author" content="{html.escape(e.author, quote=True)}">\n'
            f'<link rel="stylesheet" href="{p}{PYGMENTS_CSS}">\n'
            f'<link rel="stylesheet" href="{PRINT_CSS}">\n'
            f"<style>\n@page {{ size: {e.paper}; }}\n{page_rules}</style>\n"
            f"{charts}\n</head>\n"
        )

    @staticmethod
    def _running_header(name: str, text: str) -> str:
        return (
            f"@page {name} {{ @top-left {{ content: {css_string(text)}; "
            'font: 8.5pt "DejaVu Sans", sans-serif; color: #444; vertical-align: bottom; padding-bottom: 3mm; } }\n'
        )

    def _pages_of(self, chapter: Chapter, reader: PageReader, shift: int) -> list[PrintPage]:
        return [reader.read(doc, shift if doc == chapter.docname else shift + 1) for doc in chapter.pages]

    def _colophon(self) -> str:
        """The line a chapter's PDF opens with (hidden in the whole book)."""
        e = self.edition
        return (
            '<p class="lr-chapter-colophon">'
            f"From <em>{html.escape(e.title)}</em>, a reading companion by {html.escape(e.author)}. "
            f"{html.escape(e.licence)} Printed on {html.escape(e.built)} from commit {html.escape(e.commit)}. "
            f'The whole book, with live charts and widgets: <a href="{e.site_url}">{html.escape(e.site_url)}</a></p>'
        )

    def _chapter_html(self, index: int, pages: list[PrintPage], rules: list[str]) -> str:
        name = f"ch-{index}"
        rules.append(self._running_header(name, pages[0].title))
        body = "".join(str(page.article) for page in pages)
        key = pages[0].key
        return (
            f'<section class="lr-chapter" style="page: {name}" id="chapter--{key}" data-chapter="{key}">'
            f"{self._colophon()}{body}</section>\n"
        )

    def _solutions_html(self, chapters: list[list[PrintPage]], level: int, rules: list[str]) -> str:
        groups = []
        for pages in chapters:
            items = [s for page in pages for s in page.solutions]
            if not items:
                continue
            web = f"{self.edition.site_url}{pages[0].docname}.html"
            entries = "".join(
                f'<div class="lr-solution" id="{s.solution_id}"><h{level + 2}>'
                f'<a class="lr-xref" data-page="00" href="#{s.exercise_id}" data-target="{s.exercise_id}" '
                f'data-web="{web}">Solution to {html.escape(s.exercise_label)}</a>'
                f"</h{level + 2}>{s.body.decode_contents()}</div>"
                for s in items
            )
            groups.append(
                f'<div class="lr-solutions-group" data-chapter="{pages[0].key}">'
                f"<h{level + 1}>{html.escape(pages[0].title)}</h{level + 1}>{entries}</div>"
            )
        if not groups:
            return ""
        rules.append(self._running_header("ch-solutions", "Solutions"))
        return (
            f'<section class="lr-chapter lr-appendix" style="page: ch-solutions" id="{SOLUTIONS_ID}">'
            f"<h{level}>Solutions</h{level}>"
            "<p>The worked solutions to the exercises, chapter by chapter. Each exercise links here, and each "
            "solution back to its exercise. Try the exercise before you read them.</p>"
            + "".join(groups)
            + "</section>\n"
        )

    def _texts(self) -> str:
        """The three texts, with the full references the chapters give."""
        items = []
        for chapter in self.book.chapters[:3] if self.book.chapters else []:
            soup = BeautifulSoup((self.site / f"{chapter.docname}.html").read_text(encoding="utf-8"), PARSER)
            rows = {
                text_of(tr.find("td")): tr.find_all("td")[1]
                for tr in soup.select("table.lr-at-a-glance tr")
                if len(tr.find_all("td")) > 1
            }
            cite = rows.get("Citation")
            if cite is None:
                continue
            reference = cite.select_one("a[title]")
            full = html.escape(reference["title"]) if reference is not None else ""
            for bracket in cite.select(".bibtex-citation"):
                bracket.decompose()
            where = next((text_of(v) for k, v in rows.items() if k.startswith("Extent")), "")
            items.append(
                f"<li><strong>{html.escape(text_of(cite).rstrip(' ,'))}</strong>. {full}"
                + (f" <span class='lr-extent'>{html.escape(where)}.</span>" if where else "")
                + "</li>"
            )
        return "<ol>" + "".join(items) + "</ol>"

    def _title_page(self) -> str:
        e = self.edition
        return (
            '<section class="lr-title-page" id="title-page">'
            f'<h1 class="lr-book-title">{html.escape(e.title)}</h1>'
            '<p class="lr-subtitle">A reading companion, with notebooks, charts and widgets. Print edition.</p>'
            "<p>This companion explains three texts in its own words:</p>" + self._texts() + '<div class="lr-colophon">'
            f"<p>By {html.escape(e.author)}.</p>"
            f"<p>Licence: {html.escape(e.licence)}</p>"
            f"<p>Printed on {html.escape(e.built)} from commit {html.escape(e.commit)} of the companion's repository.</p>"
            f'<p>The live site, with interactive charts and widgets: <a href="{e.site_url}">{html.escape(e.site_url)}</a></p>'
            "</div></section>\n"
        )

    @staticmethod
    def _contents(parts: list[tuple[str, list[list[PrintPage]]]], solutions: bool) -> str:
        lines = []
        for caption, chapters in parts:
            if caption:
                lines.append(f'<li class="lr-toc-part">{html.escape(caption)}</li>')
            for pages in chapters:
                for depth, page in enumerate(pages):
                    kind = "lr-toc-chapter" if depth == 0 else "lr-toc-page"
                    lines.append(
                        f'<li class="{kind}"><a href="#{page.key}" data-target="{page.key}" data-page="00">'
                        f'<span class="lr-toc-title">{html.escape(page.title)}</span></a></li>'
                    )
        if solutions:
            lines.append(
                f'<li class="lr-toc-part"><a href="#{SOLUTIONS_ID}" data-target="{SOLUTIONS_ID}" data-page="00"><span class="lr-toc-title">Solutions</span></a></li>'
            )
        return (
            '<nav class="lr-contents" id="contents" aria-label="Contents"><h1>Contents</h1><ol>'
            + "".join(lines)
            + "</ol></nav>\n"
        )

    # -- documents -----------------------------------------------------------------
    def whole_book(self) -> Document:
        reader = PageReader(self.site, self.edition.site_url, set(self.book.pages), self.asset_prefix)
        rules: list[str] = []
        root = reader.read(self.book.root, 1)
        # Its heading is the book's title, which the title page already gives.
        root.title = ROOT_TITLE
        first = root.article.find(["h1", "h2"])
        if first is not None:
            first.string = ROOT_TITLE
        body = [self._chapter_html(0, [root], rules)]
        parts: list[tuple[str, list[list[PrintPage]]]] = [("", [[root]])]
        every: list[list[PrintPage]] = []
        index = 0
        for caption in self.book.parts:
            chapters = [c for c in self.book.chapters if c.part == caption]
            printed = []
            if caption:
                body.append(
                    f'<section class="lr-part-title" id="part--{index + 1}"><h1>{html.escape(caption)}</h1></section>\n'
                )
            for chapter in chapters:
                index += 1
                pages = self._pages_of(chapter, reader, 1)
                printed.append(pages)
                body.append(self._chapter_html(index, pages, rules))
            parts.append((caption, printed))
            every.extend(printed)
        solutions = self._solutions_html(every, 1, rules)
        head = self._head(self.edition.title, "".join(rules))
        front = self._title_page() + self._contents(parts, bool(solutions))
        titles = {pages[0].key: pages[0].title for pages in every}
        return Document(
            self.edition.title, head + "<body>\n" + front + "".join(body) + solutions + "</body>\n</html>\n", titles
        )
