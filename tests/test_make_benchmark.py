"""`make benchmark` runs every benchmark: each script in benchmarks/ that runs
by itself (``if __name__ == "__main__"``) is run by `make benchmark`, or its
measurements are imported by one that is (book.py runs inpage.py's). Nothing
is measured here: speed is for people (benchmarks/common.py)."""

from __future__ import annotations

import re
import subprocess

from conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"


def dry_run() -> str:
    """The commands `make benchmark` would run (make -n: nothing is built or measured)."""
    return subprocess.run(["make", "-n", "benchmark"], capture_output=True, text=True, cwd=ROOT, timeout=60).stdout


def runs_by_itself(name: str) -> bool:
    return '__name__ == "__main__"' in (BENCHMARKS / f"{name}.py").read_text(encoding="utf-8")


def test_make_benchmark_runs_every_benchmark():
    run = set(re.findall(r"benchmarks/(\w+)\.py", dry_run()))
    imported = {
        found
        for name in run
        for found in re.findall(
            r"^\s*from (\w+) import", (BENCHMARKS / f"{name}.py").read_text(encoding="utf-8"), re.MULTILINE
        )
    }
    scripts = {path.stem for path in BENCHMARKS.glob("*.py") if runs_by_itself(path.stem)}
    assert {"book", "rebuild", "pdf", "classview"} <= run, run
    missing = sorted(scripts - run - imported)
    assert not missing, f"benchmarks that `make benchmark` does not run: {missing} (add them to the Makefile)"


def test_the_benchmarks_that_read_the_built_site_run_after_it_is_checked():
    lines = dry_run().splitlines()
    check = next(i for i, line in enumerate(lines) if "test -f _build/html/index.html" in line)
    for name in ("pdf", "classview"):
        at = next(i for i, line in enumerate(lines) if f"benchmarks/{name}.py" in line)
        assert at > check, f"benchmarks/{name}.py reads the built site: run it after the check that builds it"
