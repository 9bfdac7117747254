"""Each accessibility fix to the theme's markup applies, exactly and once."""

from __future__ import annotations

import pytest

from companion_tools.sphinx import a11y
from conftest import SITE, site_pages


@pytest.mark.parametrize("fix", a11y.FIXES, ids=lambda f: f.rule)
def test_fix_replaces_the_theme_markup_and_is_idempotent(fix):
    page = f"<div>{fix.old}</div>"
    fixed = a11y.fix_html(page)
    assert fix.old not in fixed and fix.new in fixed
    assert a11y.fix_html(fixed) == fixed


@pytest.mark.parametrize("fix", a11y.FIXES, ids=lambda f: f.rule)
def test_built_pages_carry_no_unfixed_markup(fix, built_site):
    for path in site_pages():
        assert fix.old not in (SITE / path).read_text(encoding="utf-8"), f"{path} still has: {fix.old}"


def test_icons_are_hidden_from_assistive_technology_once():
    page = '<button><i class="fa-solid fa-magnifying-glass fa-lg"></i> Search</button><span class="fa-solid fa-bars"></span>'
    fixed = a11y.fix_html(page)
    assert fixed.count('aria-hidden="true"') == 2
    assert a11y.fix_html(fixed) == fixed
    assert a11y.fix_html('<i class="fake">x</i>') == '<i class="fake">x</i>'


def test_built_pages_have_no_icon_in_a_name(built_site):
    for path in site_pages():
        assert not a11y.ICON.search((SITE / path).read_text(encoding="utf-8")), f"{path} has an icon not hidden"
