"""Pages load only what they use (companion_tools/sphinx/slim.py), and still work."""

from __future__ import annotations

import re

import pytest

from companion_tools.sphinx import slim
from conftest import SITE, site_pages

# The root index.html is a one-line redirect to book/index.html, not a page.
PAGES = [p for p in site_pages() if 'http-equiv="Refresh"' not in (SITE / p).read_text(encoding="utf-8")]

THEME_HEAD = """  <script defer src="../_static/scripts/fontawesome.js?digest=abc"></script>
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
    <script src="../searchindex.js"></script>
<p>kept</p>
"""


def test_strip_removes_fontawesome_and_search_scripts():
    slimmed = slim.strip_html(THEME_HEAD, is_search_page=False)
    assert slimmed == "<p>kept</p>\n"


def test_search_page_keeps_its_search_scripts():
    slimmed = slim.strip_html(THEME_HEAD, is_search_page=True)
    assert "fontawesome" not in slimmed
    assert slimmed.count("<script") == 3


def test_strip_leaves_look_alike_tags_alone():
    other = '<script src="../_static/searchtools-extra.js"></script>\n<a href="searchindex.js">x</a>\n'
    assert slim.strip_html(other, is_search_page=False) == other


@pytest.mark.site
@pytest.mark.parametrize("path", PAGES)
def test_built_page_loads_no_unused_script(path):
    html = (SITE / path).read_text(encoding="utf-8")
    assert "fontawesome.js" not in html
    if path != "search.html":
        assert not re.search(r'src="[./]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)', html)
    description = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert description and "<" not in description.group(1), f"{path} has no plain meta description"
    assert 'rel="icon"' in html


def test_fontawesome_script_is_not_shipped(built_site):
    assert not (SITE / slim.FONTAWESOME_SCRIPT).exists()


@pytest.mark.browser
def test_icons_still_drawn_by_the_theme_webfont(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/book/index.html", wait_until="networkidle")
        icon = page.locator("i.fa-github").first
        font = icon.evaluate("e => getComputedStyle(e, '::before').fontFamily")
        glyph = icon.evaluate("e => getComputedStyle(e, '::before').content")
        box = icon.bounding_box()
        assert "Font Awesome" in font and glyph not in ("none", "normal", '""')
        assert box and box["width"] > 5 and box["height"] > 5
    finally:
        page.close()


@pytest.mark.browser
def test_search_from_a_page_finds_results(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/book/preface.html", wait_until="networkidle")
        page.keyboard.press("Control+k")
        field = page.locator("input[name='q']:visible").first
        field.fill("Futuroscope")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=Futuroscope*")
        results = page.locator("#search-results li")
        results.first.wait_for(timeout=15_000)
        assert results.count() >= 2
        assert "learning-cities" in " ".join(results.locator("a").evaluate_all("els => els.map(a => a.href)"))
    finally:
        page.close()


@pytest.mark.parametrize(
    "filename, body, needed",
    [
        ("_static/sphinx-thebe.css", '<div class="cell">', False),  # thebe is off
        ("_static/exercise.css", '<div class="exercise admonition">', True),
        ("_static/exercise.css", "<p>an exercise in reading</p>", False),
        ("_static/togglebutton.js", '<div class="solution dropdown admonition">', True),
        ("_static/togglebutton.js", "<p>pick from the dropdown</p>", False),  # a word, not a class
        ("_static/copybutton.js", '<div class="highlight-python notranslate"><div class="highlight">', True),
        ("_static/mystnb.abc123.css", '<div class="cell docutils container">', True),
        ("_static/mystnb.abc123.css", "<p>prose only</p>", False),
        ("_static/learning-regions/book.css", "", True),  # not an optional file
    ],
)
def test_asset_needed_by_page_content(filename, body, needed):
    assert slim.asset_needed(filename, body) is needed


@pytest.mark.browser
def test_solutions_still_open_where_a_chapter_has_exercises(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/book/preface.html", wait_until="networkidle")
        solution = page.locator("div.solution.dropdown").first
        body = solution.locator(".admonition-title ~ *").first
        assert not body.is_visible()
        solution.locator(".admonition-title").click()
        body.wait_for(state="visible", timeout=5_000)
        assert page.locator("div.exercise").first.evaluate("e => getComputedStyle(e).borderLeftStyle") != "none"
    finally:
        page.close()
