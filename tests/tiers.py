"""Test tiers (a pytest plugin, loaded by conftest.py): every test is in exactly one,
each tier runs alone, `make test-<tier>` (`pytest -m <tier>`), and `make test` runs all.

A test names its tier with a marker, on itself, its class or its module
(``pytestmark = pytest.mark.browser``; ``notebooks`` counts as ``slow``).
Without one, a test that uses the ``built_site`` or ``site_url`` fixture is
in ``site`` and any other is in ``unit``. A test in two tiers, or one that
uses a fixture its tier does not give (a unit test reading the built site, a
site test opening the browser), stops the collection with a list of them
(under pytest-xdist, each such test fails instead, saying why). A unit test
that reads _build/html without the fixture is caught by `make test-unit`
itself, which points the tests at a site that does not exist (LR_SITE).
"""

from __future__ import annotations

import pytest

#: tier -> what it needs and runs (the marker's description, and `pytest --markers`).
TIERS = {
    "unit": "no build: .venv and node_modules only; no built site, no browser, no notebook kernel (make test-unit)",
    "site": "reads the built site in _build/html, as files or over HTTP; no browser (make test-site)",
    "browser": "drives headless Chromium against the built site (make test-browser)",
    "live": "runs Python in the browser (Pyodide): the JupyterLite notebooks, the in-page widgets (make test-live)",
    "slow": "builds books with jupyter-book and runs notebooks in fresh kernels (make test-slow)",
}
#: marker -> the tier it puts a test in.
ALIASES = {"notebooks": "slow"}
ALIAS_DESCRIPTIONS = {"notebooks": "runs a notebook in a fresh kernel (in the slow tier)"}
#: fixture -> the tiers that give what it needs.
FIXTURE_TIERS = {
    "built_site": ("site", "browser", "live"),
    "site_url": ("site", "browser", "live"),
    "browser": ("browser", "live"),
}
SITE_FIXTURES = ("built_site", "site_url")


def pytest_configure(config: pytest.Config) -> None:
    for name, description in {**TIERS, **ALIAS_DESCRIPTIONS}.items():
        config.addinivalue_line("markers", f"{name}: {description}")


def tiers_of(item: pytest.Item) -> list[str]:
    """The tiers ``item``'s markers put it in."""
    tiers: list[str] = []
    for marker, tier in [*((t, t) for t in TIERS), *ALIASES.items()]:
        if item.get_closest_marker(marker) is not None and tier not in tiers:
            tiers.append(tier)
    return tiers


def problem(item: pytest.Item, tiers: list[str]) -> str | None:
    """Why ``item`` cannot run in exactly one tier (None: it can)."""
    if len(tiers) > 1:
        return f"is in {len(tiers)} tiers ({', '.join(tiers)}): keep one marker"
    for fixture, allowed in FIXTURE_TIERS.items():
        if fixture in item.fixturenames and tiers[0] not in allowed:
            return (
                f"uses the {fixture} fixture, which the {tiers[0]} tier does not give: mark it {' or '.join(allowed)}"
            )
    return None


PROBLEM = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    problems = []
    for item in items:
        tiers = tiers_of(item)
        if not tiers:
            tiers = ["site" if any(f in item.fixturenames for f in SITE_FIXTURES) else "unit"]
        if len(tiers) == 1 and item.get_closest_marker(tiers[0]) is None:
            item.add_marker(tiers[0])  # so that `-m <tier>` selects it
        reason = problem(item, tiers)
        if reason:
            item.stash[PROBLEM] = reason
            problems.append(f"  {item.nodeid} {reason}")
    # Under pytest-xdist (make test runs -n 2) a worker's usage error would be
    # lost in a crash report: there each such test fails instead, saying why.
    if problems and not hasattr(config, "workerinput"):
        raise pytest.UsageError(
            f"{len(problems)} test(s) would run in no tier or in two (tests/tiers.py):\n" + "\n".join(problems)
        )


def pytest_runtest_setup(item: pytest.Item) -> None:
    if PROBLEM in item.stash:
        pytest.fail(f"{item.nodeid} {item.stash[PROBLEM]} (tests/tiers.py)", pytrace=False)
