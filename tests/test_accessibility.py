"""WCAG 2.1 AA on every page, checked by axe-core in Chromium, in light and dark mode.

axe-core comes from node_modules (pinned in package.json). Serious and
critical violations fail the test; the message lists each rule with the
first elements that break it.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, site_pages
from pagevisit import visit

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = site_pages()


def axe_violations(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does this)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_meets_wcag_aa(browser, site_url, path, scheme):
    with visit(browser, site_url, path, color_scheme=scheme) as v:
        violations = axe_violations(v.page)
        assert not violations, f"{path} ({scheme}):\n{describe(violations)}"
