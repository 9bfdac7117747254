"""One built page of the site, made ready for paper.

The article of each page (``article.bd-article``) is taken from the built
HTML, so the print edition shows exactly what the site shows. On the way:

* every id gets the page's key as a prefix (two pages may both have an
  ``#exercises``), and links follow: to a page in the same PDF they become
  ``#key--id`` and print "see p. N"; to a page outside it, or to anything else
  on the site (live notebooks, downloads), they become the site's web address;
* external links print their address after the text, when the text is not
  already the address;
* what only works on screen goes: permalink signs, the live-notebook button,
  the lists of sub-pages; a widget's note about the live version becomes one
  line with its address; ``<details>`` are opened;
* exercise solutions are taken out (``Solution``), to be printed in the
  "Solutions" appendix, and the exercise links to its solution.

Links within the book carry ``data-target`` (the id) and ``data-web`` (the
address on the site): a chapter's PDF prints one chapter, and print.js turns
links to what it leaves out into links to the site.
"""

from __future__ import annotations

import copy
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

PARSER = "html.parser"


def page_key(docname: str) -> str:
    """``notebooks/oecd-cases`` -> ``notebooks--oecd-cases`` (an id prefix)."""
    return docname.replace("/", "--")


@dataclass
class Solution:
    exercise_label: str  # "Exercise 1.1"
    exercise_id: str  # the exercise's (prefixed) id
    body: Tag  # the solution's content

    @property
    def solution_id(self) -> str:
        return f"solution--{self.exercise_id}"


@dataclass
class PrintPage:
    docname: str
    title: str  # the page's first heading, as the site shows it (with its number)
    article: Tag
    solutions: list[Solution] = field(default_factory=list)

    @property
    def key(self) -> str:
        return page_key(self.docname)


class PageReader:
    """Reads built pages for one PDF: ``included`` is the set of pages it prints."""

    def __init__(self, site: Path, site_url: str, included: set[str], asset_prefix: str) -> None:
        self.site = site
        self.site_url = site_url.rstrip("/") + "/"
        self.included = included
        self.asset_prefix = asset_prefix  # from the print document to the site root, e.g. "../html/"

    def read(self, docname: str, heading_shift: int) -> PrintPage:
        path = self.site / f"{docname}.html"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: build the site first (make book), then make pdf")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), PARSER)
        article = soup.select_one("article.bd-article")
        if article is None:
            raise ValueError(f"{path} has no <article class='bd-article'>: not a page of this book's theme")
        self._drop_screen_only(article)
        self._prefix_ids(article, docname)
        self._rewrite_links(article, docname, soup)
        self._rewrite_assets(article, docname)
        self._widgets_for_paper(article, soup, docname)
        solutions = self._take_solutions(article, soup)
        title_tag = article.find(["h1", "h2"])
        title = " ".join(title_tag.get_text(" ", strip=True).split()) if title_tag else docname
        self._shift_headings(article, heading_shift)
        article.name = "div"
        article.attrs = {"class": ["lr-page"], "id": page_key(docname), "data-docname": docname}
        return PrintPage(docname, title, article, solutions)

    # -- what only works on screen ------------------------------------------
    @staticmethod
    def _drop_screen_only(article: Tag) -> None:
        for tag in article.select(
            ".headerlink, .lr-lite-link, .toctree-wrapper, script:not([type='application/json'])"
        ):
            tag.decompose()
        for tag in article.select(".pst-scrollable-table-container"):
            tag.unwrap()

    # -- ids and links -------------------------------------------------------
    @staticmethod
    def _prefix_ids(article: Tag, docname: str) -> None:
        key = page_key(docname)
        for tag in article.select("[id]"):
            tag["id"] = f"{key}--{tag['id']}"
        for tag in article.select("[data-figure]"):
            tag["data-figure"] = f"{key}--{tag['data-figure']}"

    def _target(self, docname: str, href: str) -> tuple[str | None, str]:
        """(the id it points to in this PDF or None, its web address)."""
        parts = urlsplit(href)
        if not parts.path:  # "#id" on the same page
            target_doc = docname
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(docname), parts.path))
            target_doc = resolved[:-5] if resolved.endswith(".html") else None
        web = urljoin(self.site_url + docname + ".html", href)
        if target_doc is None or target_doc not in self.included:
            return None, web
        key = page_key(target_doc)
        return (f"{key}--{parts.fragment}" if parts.fragment else key), web

    def _rewrite_links(self, article: Tag, docname: str, soup: BeautifulSoup) -> None:
        for link in article.select("a[href]"):
            if "lr-data-file" in link.get("class", []):
                link.unwrap()  # a table's name (data/cases.csv) prints as the name alone, no address
                continue
            href = link["href"]
            if href.startswith(("http://", "https://", "mailto:")):
                self._show_address(link, href, soup)
                continue
            target, web = self._target(docname, href)
            if target is None:
                link["href"] = web
                self._show_address(link, web, soup)
                continue
            link["href"] = f"#{target}"
            link["data-target"] = target
            link["data-web"] = web
            link["data-page"] = "00"
            if link.select_one(".std-term"):
                link["class"] = link.get("class", []) + ["lr-term"]
            elif link.find_parent(class_="bibtex-citation") is None and not link.select_one(".fn-bracket"):
                link["class"] = link.get("class", []) + ["lr-xref"]

    @staticmethod
    def _show_address(link: Tag, href: str, soup: BeautifulSoup) -> None:
        text = " ".join(link.get_text(" ", strip=True).split())
        bare = href.split("://", 1)[-1].rstrip("/")
        if not text or text.rstrip("/") in (href.rstrip("/"), bare) or link.find_parent(class_="bibtex-citation"):
            return
        address = soup.new_tag("span", attrs={"class": "lr-url"})
        address.string = f" ({href})"
        link.insert_after(address)

    def _rewrite_assets(self, article: Tag, docname: str) -> None:
        folder = posixpath.dirname(docname)
        for tag in article.select("img[src], source[src]"):
            src = tag["src"]
            if not src.startswith(("http:", "https:", "data:")):
                tag["src"] = self.asset_prefix + posixpath.normpath(posixpath.join(folder, src))

    # -- widgets ---------------------------------------------------------------
    def _widgets_for_paper(self, article: Tag, soup: BeautifulSoup, docname: str) -> None:
        """Each widget prints its kernel-free view under one line giving the
        address where it runs live: the book page itself (Python in the tab)."""
        page_url = self.site_url + docname + ".html"
        for container in article.select("[data-inpage-widget]"):
            line = soup.new_tag("p", attrs={"class": "lr-print-live"})
            line.append("This cell is a live control. Use it with Python running at ")
            link = soup.new_tag("a", href=page_url)
            link.string = page_url
            line.append(link)
            without_view = container.select_one(".lr-inpage-no-static-view")
            if without_view is None:
                line.append("; below is the version that works on paper.")
            else:  # nothing below to point at: the widget has no view without Python
                line.append("; it has no version on paper.")
                without_view.decompose()
            for screen_only in container.select(".lr-inpage-bar, .lr-inpage-cells, .lr-inpage-slot"):
                screen_only.decompose()
            container.insert(0, line)
        for details in article.select("details"):
            details["open"] = ""
            summary = details.find("summary")
            if summary is not None and summary.get_text().startswith("Show the "):
                summary.string = "The " + summary.get_text()[len("Show the ") :]

    # -- exercises -----------------------------------------------------------
    @staticmethod
    def _take_solutions(article: Tag, soup: BeautifulSoup) -> list[Solution]:
        solutions = []
        for box in article.select("div.solution"):
            link = box.select_one(".admonition-title a[href^='#']")
            if link is None:
                continue
            exercise_id = link["href"][1:]
            label = " ".join(link.get_text(" ", strip=True).split())
            body = box.select_one("section") or box
            solution = Solution(label, exercise_id, copy.copy(body))
            solutions.append(solution)
            exercise = article.find(id=exercise_id)
            if exercise is not None:
                pointer = soup.new_tag("p", attrs={"class": "lr-solution-link"})
                to_solution = soup.new_tag(
                    "a",
                    href=f"#{solution.solution_id}",
                    attrs={"class": "lr-xref", "data-page": "00", "data-target": solution.solution_id, "data-web": ""},
                )
                to_solution.string = f"Solution to {label}, in the appendix"
                pointer.append(to_solution)
                exercise.append(pointer)
            box.decompose()
        return solutions

    @staticmethod
    def _shift_headings(article: Tag, shift: int) -> None:
        if shift == 0:
            return
        for heading in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            heading.name = f"h{min(6, int(heading.name[1]) + shift)}"


def text_of(tag: Tag | NavigableString | None) -> str:
    return " ".join(tag.get_text(" ", strip=True).split()) if tag is not None else ""
