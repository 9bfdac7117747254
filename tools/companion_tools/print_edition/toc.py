"""The book's order, read from _toc.yml: parts, chapters, the pages of each.

The print edition follows it page by page, and the site's download menus link
each page to the PDF of its chapter, so both read the same list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

WHOLE_BOOK = "companion"  # pdf/companion.pdf


@dataclass(frozen=True)
class Chapter:
    docname: str  # e.g. "book/preface"
    sections: tuple[str, ...] = ()  # the notebook pages under it, in order
    part: str = ""
    numbered: bool = False

    @property
    def pages(self) -> tuple[str, ...]:
        return (self.docname, *self.sections)

    @property
    def pdf_name(self) -> str:
        """The chapter's PDF, named after its page: pdf/preface.pdf."""
        return PurePosixPath(self.docname).name + ".pdf"


@dataclass(frozen=True)
class Book:
    root: str
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)

    @property
    def parts(self) -> list[str]:
        seen: list[str] = []
        for chapter in self.chapters:
            if chapter.part not in seen:
                seen.append(chapter.part)
        return seen

    @property
    def pages(self) -> list[str]:
        return [self.root] + [page for chapter in self.chapters for page in chapter.pages]

    def chapter_of(self, docname: str) -> Chapter | None:
        return next((c for c in self.chapters if docname in c.pages), None)


def _docname(entry: dict, toc: Path) -> str:
    if "file" not in entry:
        raise ValueError(f"{toc}: every chapter and section needs a 'file' (got {entry!r})")
    return (
        str(PurePosixPath(entry["file"]).with_suffix(""))
        if entry["file"].endswith((".md", ".ipynb"))
        else entry["file"]
    )


def _sections(entry: dict, toc: Path) -> tuple[str, ...]:
    pages: list[str] = []
    for section in entry.get("sections", []) or []:
        pages.append(_docname(section, toc))
        pages.extend(_sections(section, toc))
    return tuple(pages)


def read_toc(root: Path) -> Book:
    """The book as _toc.yml orders it (format jb-book: parts of chapters)."""
    toc = root / "_toc.yml"
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "root" not in data:
        raise ValueError(f"{toc}: expected a jb-book table of contents with a 'root' page")
    chapters = []
    parts = data.get("parts") or [{"caption": "", "chapters": data.get("chapters", [])}]
    for part in parts:
        numbered = bool(part.get("numbered", False))
        for entry in part.get("chapters", []) or []:
            chapters.append(Chapter(_docname(entry, toc), _sections(entry, toc), part.get("caption", ""), numbered))
    return Book(str(PurePosixPath(data["root"])), tuple(chapters))
