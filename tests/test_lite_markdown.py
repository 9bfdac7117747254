"""The live notebooks' text in plain Markdown (companion_tools/sphinx/lite_markdown.py):
JupyterLite showed the book's MyST roles as written ("{cite}`oecd1999`")."""

from __future__ import annotations

import json

import pytest

from companion_tools.sphinx import lite_markdown
from conftest import ROOT

REFS = {"oecd1999": "OECD 1999", "rutten2014": "Rutten et al. 2014", "storper1995": "Storper 1995"}
PAGES = {
    "book/learning-cities": "3. Learning cities",
    "notebooks/the-data": "The data",
    "#synthesis-scores": "How to read the scores",
    "#ex-oecd-status": "Sorting {term}`Kent's <learning region>` figures",
}

CASES = [
    ("the article {cite}`oecd1999` gives", "the article (OECD 1999) gives"),
    ("both {cite:p}`oecd1999, rutten2014`.", "both (OECD 1999; Rutten et al. 2014)."),
    ("as {cite:t}`storper1995` argued", "as Storper (1995) argued"),
    ("see {doc}`../book/learning-cities`", "see *3. Learning cities*"),
    ("see {doc}`the-data`", "see *The data*"),
    ("see {doc}`its chapter <../book/learning-cities>`", "see *its chapter*"),
    ("the gap in {numref}`fig-jena` is", "the gap in the chart below is"),
    ("a {term}`learning region` and a {term}`node <network node>`", "a learning region and a node"),
    ("see {ref}`data-region-level`", "see data-region-level"),  # a label the book does not have
    ("as scored ({ref}`synthesis-scores`)", "as scored (*How to read the scores*)"),
    ("try {ref}`ex-oecd-status`", "try *Sorting Kent's figures*"),
    ("see {ref}`the scores <synthesis-scores>`", "see the scores"),
    ("an unknown {cite}`nobody2000`", "an unknown (nobody2000)"),
    ("```python\nx = 1\n```\nafter", "```python\nx = 1\n```\nafter"),  # code blocks stay
    (
        "```{exercise}\n:label: ex-a\nHow many?\n```\n\n```{solution-start} ex-a\n:class: dropdown\n```\nSeven.\n"
        "```{solution-end}\n```\n",
        "**Exercise.** How many?\n\n**A model answer** (folded in the book):\n\nSeven.\n",
    ),
]


@pytest.mark.parametrize(("written", "plain"), CASES)
def test_myst_becomes_plain_markdown(written, plain):
    assert lite_markdown.plain(written, REFS, PAGES, "notebooks/oecd-cases") == plain


def test_citations_are_short_as_in_the_book():
    bib = (
        "@book{a2014,\n  editor = {Rutten, Roel and Benneworth, Paul and Irawati, Dessy},\n  year = {2014},\n}\n"
        "@article{b1995,\n  author = {Storper, Michael},\n  title = {The {R}esurgence},\n  year = {1995},\n}\n"
        "@misc{c1999,\n  author = {{OECD}},\n  year = {1999},\n}\n"
        "@article{d2004,\n  author = {Bathelt, Harald and Malmberg, Anders},\n  year = {2004},\n}\n"
    )
    assert lite_markdown.citations(bib) == {
        "a2014": "Rutten et al. 2014",
        "b1995": "Storper 1995",
        "c1999": "OECD 1999",
        "d2004": "Bathelt and Malmberg 2004",
    }


def test_the_books_notebooks_keep_no_myst_in_their_live_copies(tmp_path):
    refs = lite_markdown.citations((ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
    pages = lite_markdown.titles(ROOT)
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        target = tmp_path / notebook.name
        lite_markdown.write_plain(notebook, target, refs, pages)
        original, copy = (json.loads(p.read_text(encoding="utf-8"))["cells"] for p in (notebook, target))
        assert [c["cell_type"] for c in copy] == [c["cell_type"] for c in original]
        for before, after in zip(original, copy):
            text = "".join(after["source"])
            if after["cell_type"] == "markdown":
                assert not lite_markdown.ROLE.search(text), f"{notebook.name}: {text[:200]}"
                assert "{exercise}" not in text and "{solution" not in text, notebook.name
            else:
                assert after == before, f"{notebook.name}: a code cell changed"


def test_a_bare_ref_shows_the_title_of_the_section_or_exercise_it_names():
    """A live notebook showed "(synthesis-scores)" where the book shows the section's title."""
    pages = lite_markdown.titles(ROOT)
    labelled = {key: title for key, title in pages.items() if key.startswith("#")}
    assert len(labelled) > 20
    assert all(title and "\n" not in title for title in labelled.values())
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for match in lite_markdown.ROLE.finditer("".join(cell["source"])):
                if match["role"] == "ref" and "<" not in match["body"]:
                    assert f"#{match['body'].strip()}" in pages, f"{notebook.name}: no title for {match[0]}"
