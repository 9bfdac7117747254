"""Searching the book does not give the solutions away
(companion_tools/sphinx/solution_search.py and solution-free-snippets.js).

A page must not be found by words that only its solutions contain, and the
snippet under a search result must not quote a solution.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx.search.en import SearchEnglish
from sphinx_exercise.nodes import solution_node

from conftest import SITE
from companion_tools.sphinx.solution_search import without_solutions

LANG = SearchEnglish({})
CHAPTERS = sorted(p for p in (SITE / "book").glob("*.html") if 'class="solution' in p.read_text(encoding="utf-8"))


def stem(word: str) -> str:
    return LANG.stem(word).lower()


def main_text(path, solutions: bool) -> str:
    """The page's main text as searchtools.js reads it, with or without the solutions."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one('[role="main"]')
    for junk in main.select(".headerlink, script, style" + ("" if solutions else ", div.solution")):
        junk.decompose()
    return main.get_text()


def solution_spans(path) -> tuple[str, list[tuple[int, int]]]:
    """The main text with solutions, and where in it each solution's text lies."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one('[role="main"]')
    for junk in main.select(".headerlink, script, style"):
        junk.decompose()
    text, spans = "", []
    for piece in main.find_all(string=True):
        inside = piece.find_parent("div", class_="solution") is not None
        if inside:
            spans.append((len(text), len(text) + len(piece)))
        text += piece
    return text, spans


def solution_only_stems(path) -> set[str]:
    everything = {stem(w) for w in LANG.split(main_text(path, solutions=True))}
    rest = {stem(w) for w in LANG.split(main_text(path, solutions=False))}
    return {s for s in everything - rest if LANG.word_filter(s) and s.isalpha() and len(s) > 3}


def search_index() -> dict:
    text = (SITE / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.match(r"Search\.setIndex\((.*)\)\s*$", text, re.S).group(1))


def doc_ids(entry) -> set[int]:
    if entry is None:
        return set()
    return set(entry) if isinstance(entry, list) else {entry}


def test_the_index_copy_has_no_solutions_and_the_page_keeps_them():
    document = new_document("<test>", get_default_settings(Parser))
    document += nodes.paragraph(text="An exercise.")
    solution = solution_node()
    solution += nodes.paragraph(text="The answer.")
    document += solution
    copy = without_solutions(document)
    assert "The answer." not in copy.astext() and "An exercise." in copy.astext()
    assert "The answer." in document.astext(), "the page itself must keep its solution"


@pytest.mark.site
def test_the_search_index_has_no_word_found_only_in_solutions():
    assert CHAPTERS, "no built chapter has solutions: run `make book`"
    index = search_index()
    checked = 0
    for path in CHAPTERS:
        doc = index["docnames"].index(path.relative_to(SITE).with_suffix("").as_posix())
        for s in solution_only_stems(path):
            checked += 1
            assert doc not in doc_ids(index["terms"].get(s)) | doc_ids(index["titleterms"].get(s)), (
                f"{path.name} is indexed under {s!r}, a word only its solutions contain"
            )
    assert checked > 20, "too few solution-only words to test with"


def wait_for_search(page) -> None:
    page.locator("#search-results .search-summary").wait_for(timeout=20_000)
    page.wait_for_function("() => !document.querySelector('#search-progress')?.textContent.trim()", timeout=20_000)


@pytest.mark.browser
def test_a_page_is_not_found_by_its_solutions(browser, site_url):
    path = next(p for p in CHAPTERS if p.name == "learning-cities.html")
    words = {w.lower() for w in LANG.split(main_text(path, solutions=True)) if w.isalpha() and len(w) > 5}
    only = solution_only_stems(path)
    word = sorted(w for w in words if stem(w) in only and stem(w) == w)[0]
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/search.html?q={quote(word)}", wait_until="networkidle")
        wait_for_search(page)
        links = page.locator("#search-results li a").evaluate_all("els => els.map(a => a.href)")
        assert not any("learning-cities" in link for link in links), f"{word!r} found the page through its solutions"
    finally:
        page.close()


def snippet_candidates(path) -> list[str]:
    """Words whose first use on the page (as searchtools.js finds it: the
    stemmed word anywhere in the text) is inside a solution, but which also
    appear outside the solutions, so that the page is a result for them."""
    text, spans = solution_spans(path)
    lower = text.lower()
    free_stems = {stem(w) for w in LANG.split(main_text(path, solutions=False))}
    found = []
    for word in sorted({w for w in LANG.split(lower) if w.isalpha() and len(w) > 3}):
        if stem(word) not in free_stems or not LANG.word_filter(stem(word)):
            continue
        first = lower.find(stem(word))
        if any(start <= first < end for start, end in spans):
            found.append(word)
    return found[:3]


@pytest.mark.browser
def test_snippets_quote_no_solution(browser, site_url):
    tried = 0
    page = browser.new_page()
    try:
        for path in CHAPTERS:
            name = path.relative_to(SITE).as_posix()
            free = " ".join(main_text(path, solutions=False).split())
            for word in snippet_candidates(path):
                tried += 1
                page.goto(f"{site_url}/search.html?q={quote(word)}", wait_until="networkidle")
                wait_for_search(page)
                item = page.locator("#search-results li").filter(has=page.locator(f"a[href*='{path.stem}']"))
                snippet = item.locator("p.context").first
                snippet.wait_for(timeout=20_000)
                shown = " ".join(snippet.inner_text().strip(". \n").split())
                assert stem(word) in shown.lower(), f"{name}: the snippet for {word!r} does not show it: {shown!r}"
                assert shown in free, f"{name}: the snippet for {word!r} quotes a solution: {shown!r}"
    finally:
        page.close()
    assert tried >= 2, "too few words first used in a solution to test snippets with"
