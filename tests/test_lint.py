"""`make lint`: ruff with the committed rules covers modules and notebooks, and finds what they forbid."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = str(Path(sys.executable).with_name("ruff"))


def ruff(*paths: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [RUFF, "check", "--config", str(ROOT / "pyproject.toml"), *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_make_test_runs_make_lint_over_package_tests_benchmarks_and_notebooks():
    dry = subprocess.run(["make", "-n", "test"], capture_output=True, text=True, cwd=ROOT, timeout=60).stdout
    lint = next(line for line in dry.splitlines() if "ruff check" in line)
    for target in ("learning_regions", "tests", "benchmarks", "notebooks"):
        assert target in lint.split(), lint


def test_the_rules_catch_an_unused_import_and_an_ambiguous_name_in_modules_and_notebooks(tmp_path):
    (tmp_path / "module.py").write_text("import os\n\nvalues = [l for l in range(3)]\n", encoding="utf-8")
    notebook = json.loads((ROOT / "notebooks" / "classify-it.ipynb").read_text(encoding="utf-8"))
    notebook["cells"].append(
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "lint-probe",
            "metadata": {},
            "outputs": [],
            "source": ["import json\n"],
        }
    )
    (tmp_path / "probe.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    found = ruff(tmp_path).stdout
    assert "F401" in found and "E741" in found and "probe.ipynb" in found, found


def test_the_repository_is_clean():
    assert shutil.which(RUFF), "ruff is not installed: make lint installs requirements-dev.txt"
    result = ruff("learning_regions", "tests", "benchmarks", "notebooks", "hatch_build.py")
    assert result.returncode == 0, result.stdout


def test_the_rules_catch_a_needless_noqa_and_a_tangled_function(tmp_path):
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(13))
    (tmp_path / "module.py").write_text(
        f"VALUE = 1  # noqa: ANN001\n\n\ndef tangled(x):\n{branches}    return -1\n", encoding="utf-8"
    )
    found = ruff(tmp_path).stdout
    assert "RUF100" in found and "C901" in found, found


def test_pre_commit_runs_local_commands_only():
    """The hooks download nothing: each runs a pinned tool of .venv or node_modules, or make."""
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    assert {hook["language"] for hook in hooks.values()} == {"system"}
    assert hooks["ruff"]["entry"].startswith(".venv/bin/ruff check")
    assert "npm run" in hooks["front-end-lint"]["entry"]
    assert hooks["notebooks-clean"]["entry"].endswith("make --no-print-directory notebooks-clean")
