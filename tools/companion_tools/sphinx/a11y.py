"""Accessibility fixes to the theme's markup (WCAG 2.1 AA, as axe-core checks it).

Each fix is a narrow, exact replacement in the written pages, with the rule
it satisfies. tests/test_accessibility.py runs axe-core on every page, in
light and dark mode; tests/test_a11y_fixes.py checks each fix on its own.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Fix(NamedTuple):
    rule: str
    old: str
    new: str


FIXES = (
    # label-content-name-mismatch: the search button shows "Search Ctrl+K" but
    # is named "Search"; without the label its name is its visible text.
    Fix(
        "label-content-name-mismatch",
        'class="btn search-button-field search-button__button pst-js-only" title="Search" aria-label="Search"',
        'class="btn search-button-field search-button__button pst-js-only" title="Search"',
    ),
    # summary-name: the sidebar's expand/collapse arrows have no text.
    Fix(
        "summary-name",
        '<summary><span class="toctree-toggle" role="presentation">',
        '<summary aria-label="Show or hide the sections of this chapter"><span class="toctree-toggle" role="presentation">',
    ),
    # aria-required-children: the bibliography is a list whose entries carry
    # the deprecated role doc-biblioentry instead of listitem.
    Fix("aria-required-children", 'role="doc-biblioentry"', 'role="listitem"'),
)


# The theme's icons (<i class="fa-solid fa-magnifying-glass">) are drawn from
# FontAwesome's webfonts as a private-use character, which became part of the
# name of the control around it ("\uf002 Search Ctrl + K"). FontAwesome's SVG
# script, which slim.py removes, used to hide them from assistive technology;
# here each icon is marked aria-hidden (each control has its name elsewhere:
# its text, aria-label or title; axe-core checks that on every page).
ICON = re.compile(r'<(i|span) class="(fa[a-z-]*(?: fa-[a-z0-9-]+)+)">')


def fix_html(html: str) -> str:
    for fix in FIXES:
        html = html.replace(fix.old, fix.new)
    return ICON.sub(r'<\1 class="\2" aria-hidden="true">', html)
