"""Every test is in exactly one tier (tests/tiers.py), and each tier is a make target.

The plugin is run on small test files (pytester); its check on this suite
itself happens at every collection: a test in no tier or in two stops the run.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT
from tiers import TIERS

FIXTURES = """
import pytest

@pytest.fixture
def built_site():
    return "a site"

@pytest.fixture
def site_url(built_site):
    return "http://127.0.0.1"

@pytest.fixture
def browser():
    return "a browser"
"""


def collect(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makeconftest(FIXTURES)
    pytester.makepyfile(test_sample=source)
    return pytester.runpytest_inprocess(
        "-p", "tiers", "-p", "no:cacheprovider", "-p", "no:xdist", "--strict-markers", "--collect-only", "-q", *args
    )


def collected(result: pytest.RunResult) -> list[str]:
    return sorted(line.split("::")[1] for line in result.outlines if "::" in line)


SAMPLE = """
import pytest

def test_plain():
    pass

def test_reads_the_site(built_site):
    pass

def test_serves_the_site(site_url):
    pass

@pytest.mark.browser
def test_in_chromium(browser, site_url):
    pass

@pytest.mark.notebooks
def test_runs_a_notebook():
    pass

@pytest.mark.live
class TestPyodide:
    def test_in_the_page(self, browser):
        pass
"""


@pytest.mark.parametrize(
    "tier, tests",
    [
        ("unit", ["test_plain"]),
        ("site", ["test_reads_the_site", "test_serves_the_site"]),
        ("browser", ["test_in_chromium"]),
        ("live", ["TestPyodide"]),
        ("slow", ["test_runs_a_notebook"]),
    ],
)
def test_each_test_is_in_the_tier_its_marker_or_its_fixtures_give(pytester, tier, tests):
    result = collect(pytester, SAMPLE, "-m", tier)
    assert result.ret == 0, result.outlines
    assert collected(result) == tests


def test_a_test_in_two_tiers_stops_the_collection(pytester):
    result = collect(
        pytester,
        "import pytest\n\npytestmark = pytest.mark.live\n\n@pytest.mark.browser\ndef test_both(browser):\n    pass\n",
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "test_sample.py::test_both is in 2 tiers (browser, live): keep one marker" in result.stderr.str()


@pytest.mark.parametrize(
    "source, says",
    [
        (
            "def test_unmarked(browser):\n    pass\n",
            "test_unmarked uses the browser fixture, which the unit tier does not give: mark it browser or live",
        ),
        (
            "import pytest\n\n@pytest.mark.unit\ndef test_marked(built_site):\n    pass\n",
            "test_marked uses the built_site fixture, which the unit tier does not give: mark it site or browser or live",
        ),
        (
            "import pytest\n\n@pytest.mark.slow\ndef test_slow(browser):\n    pass\n",
            "test_slow uses the browser fixture, which the slow tier does not give: mark it browser or live",
        ),
    ],
)
def test_a_test_whose_tier_lacks_what_its_fixtures_need_stops_the_collection(pytester, source, says):
    result = collect(pytester, source)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert says in result.stderr.str()


def dry_run(target: str) -> str:
    dry = subprocess.run(["make", "-n", target], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert dry.returncode == 0, dry.stderr
    return dry.stdout


@pytest.mark.parametrize("tier", TIERS)
def test_each_tier_has_a_make_target_that_runs_it_alone(tier):
    pytest_lines = [line for line in dry_run(f"test-{tier}").splitlines() if "-m pytest" in line]
    assert len(pytest_lines) == 1 and pytest_lines[0].split("-m pytest", 1)[1].endswith(f" -m {tier}"), pytest_lines


def test_make_test_runs_every_tier_in_one_run():
    pytest_lines = [line for line in dry_run("test").splitlines() if "-m pytest" in line]
    assert len(pytest_lines) == 1 and " -m " not in pytest_lines[0].split("-m pytest", 1)[1], pytest_lines


def test_the_unit_tier_needs_no_built_site_and_no_browser():
    """It builds nothing and points the tests at a site and a Chromium that do not exist."""
    dry = dry_run("test-unit")
    assert "jupyter-book" not in dry and "print_edition" not in dry and "apt-get" not in dry
    [line] = [line for line in dry.splitlines() if "-m pytest" in line]
    site = re.search(r"LR_SITE=(\S+)", line).group(1)
    chromium = re.search(r"CHROMIUM=(\S+)", line).group(1)
    assert not (ROOT / site).exists() and not (ROOT / chromium).exists()
