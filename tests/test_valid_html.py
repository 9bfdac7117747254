"""Every built page is valid HTML, as the Nu HTML checker reads it
(companion_tools/sphinx/valid_html.py mends what the theme's extensions and
pandas write).

The checker is npm's ``vnu-jar`` (pinned in package.json, installed by
``npm ci``), run with Java (``make java`` installs Debian's JRE as root). One
Java process checks every page the book build writes (conftest.site_pages: the
chapters, the notebook pages, search, genindex and the root redirect); errors fail
the test, warnings do not. The JupyterLite app copied into live/ is not the
book's markup (its own templates carry a ``main`` attribute its loader reads):
test_jupyterlite_site.py covers it.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess

import pytest
import yaml
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx_exercise.nodes import exercise_enumerable_node, solution_node

from companion_tools.sphinx import valid_html
from conftest import ROOT, SITE, site_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PANDAS_HTML = """<div>
<style scoped>
    .dataframe tbody tr th:only-of-type {
        vertical-align: middle;
    }

    .dataframe tbody tr th {
        vertical-align: top;
    }

    .dataframe thead th {
        text-align: right;
    }
</style>
<table border="1" class="dataframe">
  <thead><tr style="text-align: right;"><th></th><th>case</th></tr></thead>
  <tbody><tr><th>0</th><td>Jena</td></tr></tbody>
</table>
</div>"""


def checker() -> list[str]:
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci` (make test does this)")
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "The Nu HTML checker needs Java: run `make java` (as root it installs Debian's "
            "default-jre-headless) or `sudo apt-get install default-jre-headless`."
        )
    return [java, "-jar", str(VNU)]


def test_every_built_page_is_valid_html(built_site):
    pages = site_pages()
    assert len(pages) >= 19, f"only {len(pages)} pages under {SITE}"
    result = subprocess.run(
        [*checker(), "--errors-only", "--format", "json", *(str(SITE / p) for p in pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # The checker writes its report to stderr; its exit status is 1 when it found errors.
    report = json.loads(result.stderr)
    errors = [m for m in report["messages"] if m["type"] != "info"]
    lines = [f"{m.get('url', '').rsplit('/html/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}" for m in errors]
    assert not errors, f"{len(errors)} errors from the Nu HTML checker:\n" + "\n".join(lines[:40])
    assert result.returncode == 0, result.stdout + result.stderr


def test_pandas_scoped_style_is_dropped_and_the_table_kept():
    mended = valid_html.without_scoped_styles(PANDAS_HTML)
    assert "<style" not in mended
    assert '<table border="1" class="dataframe">' in mended and "<td>Jena</td>" in mended
    assert valid_html.without_scoped_styles(mended) == mended
    other = "<style scoped>p { color: red }</style><p>x</p>"
    assert valid_html.without_scoped_styles(other) == other, "only pandas' own block is dropped"


def test_each_exercise_and_solution_body_gets_its_own_id():
    document = new_document("<test>", get_default_settings(Parser))
    for kind, label in (
        (exercise_enumerable_node, "ex-one"),
        (solution_node, "sol-one"),
        (exercise_enumerable_node, "ex-two"),
        (solution_node, "sol-two"),
    ):
        block = kind(ids=[label])
        block += nodes.section(ids=["exercise-content" if kind is exercise_enumerable_node else "solution-content"])
        document += block
    valid_html.unique_body_ids(document)
    ids = [section["ids"] for section in document.findall(nodes.section)]
    assert ids == [["ex-one-content"], ["sol-one-content"], ["ex-two-content"], ["sol-two-content"]]


def test_the_root_page_is_a_complete_redirect(built_site):
    page = (SITE / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    assert f"<title>{html.escape(title, quote=False)}" in page  # the book's own title, as a lecturer sets it
    assert '<meta http-equiv="Refresh" content="0; url=book/index.html">' in page
    assert 'rel="icon"' not in page, "the browser would fetch the icon and abort it as it leaves"
    assert valid_html.redirect_page("a&b.html", "T").count("a&amp;b.html") == 2
