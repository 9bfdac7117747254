"""The notebooks: committed clean, and each runs top to bottom in a fresh kernel."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import NOTEBOOKS


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no .ipynb file"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(notebook["cells"]):
        assert not cell.get("outputs"), f"{path.name} cell {index} has outputs: run `make notebooks-clean`"
        assert cell.get("execution_count") is None, f"{path.name} cell {index} has an execution count"
    assert "widgets" not in notebook.get("metadata", {}), f"{path.name} stores widget state"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_without_error_or_stderr(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any exception
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"{path.name} cell {index} wrote to stderr: {output.text[:500]}"
            )
            assert output.output_type != "error", f"{path.name} cell {index} raised {output.ename}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_installs_the_package_on_colab_only(path):
    """On Colab only, from the site's copy of the package, else the repository's branch."""
    from companion_tools.addresses import repository, wheel_url

    cell = json.loads(path.read_text(encoding="utf-8"))["cells"][1]
    assert cell["id"] == "colab-setup" and "remove-cell" in cell["metadata"].get("tags", [])
    source = "".join(cell["source"])
    repo, branch = repository()
    assert f'"{wheel_url()}"' in source and f"git+{repo}@{branch}" in source
    compile(source, path.name, "exec")  # plain Python: it runs in any kernel and does nothing outside Colab
    namespace: dict = {}
    exec(compile(source, path.name, "exec"), namespace)
    assert "SITE_PACKAGE" not in namespace


def test_package_metadata_follows_the_one_setting(tmp_path):
    """pyproject's Homepage and Source are computed from _config.yml (hatch_build.py)."""
    import subprocess
    import sys
    import zipfile

    from companion_tools.addresses import repository, site_url
    from conftest import ROOT

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("learning_regions-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA"))).decode()
        assert not any(n.startswith("companion_tools/") for n in archive.namelist()), "the browser wheel holds tooling"
    assert f"Project-URL: Homepage, {site_url()}" in metadata
    assert f"Project-URL: Source, {repository()[0]}" in metadata


def test_notebooks_clean_keeps_tags_and_figure_metadata(tmp_path):
    """`make notebooks-clean` on notebooks with outputs gives back the committed
    files: outputs go, cell tags (hide-input, ...), mystnb figure captions and
    the kernelspec stay. (It used to strip the tags.)"""
    import re
    import shutil
    import subprocess

    from conftest import ROOT

    dry = subprocess.run(["make", "-n", "notebooks-clean"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    command = next(line for line in dry.replace("\\\n", " ").splitlines() if "nbconvert" in line)
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="an output\n")]
                cell.execution_count = 1
        nbformat.write(notebook, tmp_path / path.name)
    command = re.sub(r"\S*notebooks/\*\.ipynb", str(tmp_path / "*.ipynb"), command)
    assert str(tmp_path) in command, command
    subprocess.run(command, shell=True, cwd=ROOT, check=True)
    for path in NOTEBOOKS:
        assert json.loads((tmp_path / path.name).read_text(encoding="utf-8")) == json.loads(
            path.read_text(encoding="utf-8")
        ), (
            f"{path.name} is not committed as `make notebooks-clean` writes it (cell ids, sources as lines, no outputs): run it"
        )
    shutil.rmtree(tmp_path)
