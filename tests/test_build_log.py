"""What `make book` prints: what was done and any problem, nothing else."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT


def theme_font() -> bytes:
    import pydata_sphinx_theme

    fonts = sorted(Path(pydata_sphinx_theme.__file__).parent.rglob("fa-brands-400.woff2"))
    assert fonts, "the theme's FontAwesome font was not found"
    return fonts[0].read_bytes()


def test_icon_subsetting_writes_nothing_to_the_build_log(caplog):
    from companion_tools.sphinx.icons import subset_font

    caplog.set_level(logging.DEBUG)  # as verbose as any handler the build sets up
    subset = subset_font(theme_font(), {0xF09B})  # the GitHub icon
    assert subset and len(subset) < len(theme_font())
    chatter = [r for r in caplog.records if r.name.startswith("fontTools") and r.levelno < logging.WARNING]
    assert not chatter, f"{len(chatter)} fontTools lines below WARNING, e.g. {chatter[0].getMessage()!r}"


NOTEBOOK_RUN = textwrap.dedent("""
    import sys
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    if sys.argv[1] == "book":  # as the Sphinx extension's config-inited handler does it
        from companion_tools.sphinx import kernels
        kernels.encrypt_build_kernels(object(), object())
        import myst_nb.core.execute.cache as run
    else:
        from jupyter_cache.executors import utils as run
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    result = run.single_nb_execution(nb, cwd=None, timeout=60, allow_errors=False)
    assert result.err is None, result.exc_string
    print("output:", result.nb.cells[0].outputs[0]["text"].strip())
""")


@pytest.mark.slow  # starts a notebook kernel
@pytest.mark.parametrize("route, warned", [("plain", True), ("book", False)])
def test_the_build_kernels_start_without_the_plain_tcp_warning(route, warned):
    """A kernel started as myst-nb starts it warns that its TCP channels are not
    encrypted; the book build provisions CurveZMQ keys, so it does not warn.
    The plain route shows the warning exists, i.e. that the check can fail."""
    run = subprocess.run(
        [sys.executable, "-c", NOTEBOOK_RUN, route], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "output: 42" in run.stdout
    assert ("without encryption" in run.stderr) is warned, run.stderr[-2000:]


def test_make_book_ends_with_the_make_serve_hint():
    dry = subprocess.run(["make", "-n", "-s", "book"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    echoed = [line for line in dry.stdout.splitlines() if line.startswith("echo")]
    assert echoed, dry.stdout
    assert echoed[-1].rstrip("\"' ").endswith("make serve"), echoed[-1]
    assert any("file://" in line for line in echoed), "the hint says why file:// is not the way to read the site"
