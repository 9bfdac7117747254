"""Searching the book does not give the answers away, and takes the reader to
the right place (companion_tools/sphinx/solution_search.py and
solution-free-snippets.js).

Answers are the exercises' solutions and the widgets' folded answers (a
``<details>`` whose summary offers the answer, as Classify-it's). A page must
not be found by words that only its answers contain, the snippet under a
search result must not quote an answer, words either side of a tag stay
apart, and a result found in a page's text links to the section it quotes.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlparse

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from playwright.sync_api import expect
from sphinx.search.en import SearchEnglish
from sphinx_exercise.nodes import solution_node

from companion_tools.sphinx.solution_search import visible_text, without_solutions
from conftest import SITE, site_pages
from pagevisit import visit

LANG = SearchEnglish({})
CHAPTERS = sorted(p for p in (SITE / "book").glob("*.html") if 'class="solution' in p.read_text(encoding="utf-8"))
ANSWER_PAGES = sorted(
    p
    for p in (SITE / "notebooks").glob("*.html")
    if re.search(r"<summary>[^<]*\banswer\b", p.read_text(encoding="utf-8"))
)


def answers(main):
    """The answers in a page's main block: solutions, and <details> whose summary offers the answer."""
    found = main.select("div.solution")
    for details in main.select("details"):
        summary = details.find("summary", recursive=False)
        if summary is not None and re.search(r"\banswers?\b", summary.get_text(), re.I):
            found.append(details)
    return found


def stem(word: str) -> str:
    return LANG.stem(word).lower()


def main_text(path, solutions: bool) -> str:
    """The page's main text as searchtools.js reads it, with or without the answers."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one('[role="main"]')
    for junk in main.select(".headerlink, script, style") + ([] if solutions else answers(main)):
        junk.decompose()
    return main.get_text()


def solution_spans(path) -> tuple[str, list[tuple[int, int]]]:
    """The main text with answers, and where in it each answer's text lies."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one('[role="main"]')
    for junk in main.select(".headerlink, script, style"):
        junk.decompose()
    inside_answers = {id(piece) for block in answers(main) for piece in block.find_all(string=True)}
    text, spans = "", []
    for piece in main.find_all(string=True):
        if id(piece) in inside_answers:
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


def test_the_index_copy_keeps_the_words_of_an_output_apart_without_its_answers():
    markup = (
        "<ol><li><p>The editors plan a book.</p><details><summary>Show the companion&#x27;s answer</summary>"
        "<p><strong>Place.</strong> A caf&eacute;.</p></details></li><li>Next<details><summary>The numbers"
        "</summary><table><tr><td>Jena</td><td>68000</td></tr></table></details></li></ol>"
        "<script>var hidden = 1;</script>"
    )
    assert visible_text(markup) == "The editors plan a book. Next The numbers Jena 68000"
    document = new_document("<test>", get_default_settings(Parser))
    document += nodes.raw("", markup, format="html")
    copy = without_solutions(document)
    assert "Place" not in copy.astext() and "book. Next" in copy.astext()
    assert "Place" in document.astext(), "the page itself keeps its output"


@pytest.mark.site
def test_the_search_index_has_no_word_found_only_in_answers():
    assert CHAPTERS, "no built chapter has solutions: run `make book`"
    assert ANSWER_PAGES, "no built notebook page has a widget's folded answers: run `make book`"
    index = search_index()
    checked = 0
    for path in CHAPTERS + ANSWER_PAGES:
        doc = index["docnames"].index(path.relative_to(SITE).with_suffix("").as_posix())
        for s in solution_only_stems(path):
            checked += 1
            assert doc not in doc_ids(index["terms"].get(s)) | doc_ids(index["titleterms"].get(s)), (
                f"{path.name} is indexed under {s!r}, a word only its answers contain"
            )
    assert checked > 20, "too few answer-only words to test with"


@pytest.mark.site
def test_the_search_index_keeps_words_apart():
    """Sphinx deletes the tags of raw HTML (notebook outputs), gluing "answer" and
    "Network" into "answernetwork"; every word indexed for a page is a word of it."""
    index = search_index()
    for name in site_pages():
        docname = name.removesuffix(".html")
        if docname not in index["docnames"]:
            continue
        doc = index["docnames"].index(docname)
        soup = BeautifulSoup((SITE / name).read_text(encoding="utf-8"), "html.parser")
        for junk in soup.select(".headerlink, script, style"):
            junk.decompose()
        text = soup.get_text(" ").lower()
        # Sphinx's splitter also cuts a word at a letter outside ASCII ("Gärtner": g, ä, rtner).
        words = set(LANG.split(text)) | set(re.split(r"[^a-z0-9_]+", text)) | set(text)
        words |= {stem(w) for w in words}
        glued = sorted(t for t, docs in index["terms"].items() if doc in doc_ids(docs) and t.lower() not in words)
        assert not glued, f"{name} is indexed under words it does not contain: {glued[:10]}"


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
        # The page's path, not the whole link: another page's section can be named
        # "learning-cities-discussion-questions".
        found = [link for link in links if urlparse(link).path.endswith("/learning-cities.html")]
        assert not found, f"{word!r} found the page through its solutions: {found}"
    finally:
        page.close()


def snippet_candidates(path) -> list[str]:
    """Words whose first use on the page (as searchtools.js finds it: the
    stemmed word anywhere in the text) is inside a solution, but which also
    appear outside the solutions and which the search index holds for the page,
    so that the page is a result for them (words only in the previous/next
    links at the page's foot are in its text but not in its index entry)."""
    index = search_index()
    doc = index["docnames"].index(path.relative_to(SITE).with_suffix("").as_posix())
    text, spans = solution_spans(path)
    lower = text.lower()
    free = main_text(path, solutions=False)
    free_stems = {stem(w) for w in LANG.split(free)}
    found = []
    for word in sorted({w for w in LANG.split(lower) if w.isalpha() and len(w) > 3}):
        if stem(word) not in free_stems or not LANG.word_filter(stem(word)):
            continue
        if doc not in doc_ids(index["terms"].get(stem(word))) | doc_ids(index["titleterms"].get(stem(word))):
            continue
        # searchtools.js centres a snippet on the stem as written: "qualifi" is
        # in "qualifies" but not in "qualify", whose page the index still finds.
        if stem(word) not in free.lower():
            continue
        first = lower.find(stem(word))
        if any(start <= first < end for start, end in spans):
            found.append(word)
    return found[:3]


def without_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.browser
def test_snippets_quote_no_answer(browser, site_url):
    """The snippet shows the hit and no answer (compared without spaces: the snippet
    keeps words apart where the page's markup had none between two blocks)."""
    tried, tried_widgets = 0, 0
    page = browser.new_page()
    try:
        for path in CHAPTERS + ANSWER_PAGES:
            name = path.relative_to(SITE).as_posix()
            free = without_spaces(main_text(path, solutions=False))
            for word in snippet_candidates(path):
                tried += 1
                tried_widgets += path in ANSWER_PAGES
                page.goto(f"{site_url}/search.html?q={quote(word)}", wait_until="networkidle")
                wait_for_search(page)
                item = page.locator("#search-results li").filter(has=page.locator(f"a[href*='{path.stem}']"))
                snippet = item.locator("p.context").first
                snippet.wait_for(timeout=20_000)
                shown = " ".join(snippet.inner_text().strip(". \n").split())
                assert stem(word) in shown.lower(), f"{name}: the snippet for {word!r} does not show it: {shown!r}"
                assert without_spaces(shown) in free, f"{name}: the snippet for {word!r} quotes an answer: {shown!r}"
    finally:
        page.close()
    assert tried >= 2, "too few words first used in an answer to test snippets with"
    assert tried_widgets >= 1, "no word first used in a widget's answer to test snippets with"


def deep_hit(path) -> tuple[str, str]:
    """A word of the page whose first use in its article (answers left out) lies in
    a section in the last third of the page, and that section's id."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one('[role="main"] article')
    for junk in article.select(".headerlink, script, style") + answers(article):
        junk.decompose()
    pieces = article.find_all(string=True)
    text = "".join(pieces).lower()
    starts, at = [], 0
    for piece in pieces:
        starts.append(at)
        at += len(piece)
    for word in sorted({w.lower() for w in LANG.split(text) if w.isalpha() and len(w) > 6}):
        first = text.find(stem(word))
        if stem(word) != word or first < len(text) * 2 / 3:
            continue
        piece = pieces[max(i for i, start in enumerate(starts) if start <= first)]
        section = piece.find_parent("section", id=True)
        if section is not None and section.find_parent("section") is not None:
            return word, section["id"]
    raise AssertionError(f"no word first used in the last third of {path.name}")


@pytest.mark.browser
@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_a_result_leads_to_the_section_it_quotes(browser, site_url, phone):
    """A long page's result links to the section holding the quoted hit, not to the page's top."""
    path = max(CHAPTERS, key=lambda p: len(main_text(p, solutions=False)))
    word, section = deep_hit(path)
    with visit(browser, site_url, f"search.html?q={quote(word)}", phone=phone, wait_for_charts=False) as v:
        page = v.page
        wait_for_search(page)
        item = page.locator("#search-results li").filter(has=page.locator(f"a[href*='{path.stem}']"))
        item.locator("p.context").wait_for(timeout=20_000)
        link = item.locator("a").first
        expect(link).to_have_attribute("href", re.compile(re.escape(f"{path.stem}.html#{section}") + "$"))
        link.click()
        page.wait_for_url(f"**/{path.stem}.html#{section}")
        heading = page.locator(f"[id='{section}'] > :is(h2, h3, h4)").first
        page.wait_for_function(
            "(el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
            arg=heading.element_handle(),
        )
        assert page.evaluate("scrollY") > 2000, "the page did not leave its top"
        assert v.console_errors == []
