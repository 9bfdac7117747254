"""Every link and anchor inside the built site resolves (a crawl over _build/html).

Links to other hosts are not followed (the site must work offline); links to
the live notebooks must name a notebook the live site has.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import SITE, site_pages

pytestmark = pytest.mark.site
PAGES = site_pages()


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name"):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and not (tag == "link" and attributes.get("rel") in ("canonical", "preconnect")):
                self.links.append(value)


@functools.lru_cache(maxsize=None)
def parse(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def target_file(page: Path, link: str) -> Path | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    if not parts.path:
        return page
    target = (page.parent / unquote(parts.path)).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("path", PAGES)
def test_every_internal_link_and_anchor_resolves(path):
    page = (SITE / path).resolve()
    broken = []
    for link in parse(page).links:
        target = target_file(page, link)
        if target is None:
            continue
        if not target.is_file() or not target.is_relative_to(SITE.resolve()):
            broken.append(f"{link} (no file)")
            continue
        parts = urlsplit(link)
        if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
            broken.append(f"{link} (no anchor #{parts.fragment})")
        if "/live/notebooks/" in target.as_posix():
            notebook = parse_qs(parts.query).get("path", [""])[0]
            if not (SITE / "live" / "files" / notebook).is_file():
                broken.append(f"{link} (the live site has no {notebook})")
    assert not broken, f"{path}: " + "; ".join(broken)


def test_crawl_sees_the_whole_book():
    assert len(PAGES) >= 15
    linked = set()
    for path in PAGES:
        page = (SITE / path).resolve()
        for link in parse(page).links:
            target = target_file(page, link)
            if target is not None and target.suffix == ".html" and target.is_file():
                linked.add(target.relative_to(SITE.resolve()).as_posix())
    unreachable = set(PAGES) - linked - {"index.html"}
    assert not unreachable, f"pages no other page links to: {sorted(unreachable)}"
