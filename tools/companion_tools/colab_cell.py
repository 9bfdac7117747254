"""The hidden first code cell of every notebook: on Colab, and only there,
install the companion's package as the site serves it, with the notebooks'
pinned versions.

    python -m companion_tools.colab_cell --check notebooks/*.ipynb   # the tests
    python -m companion_tools.colab_cell --write notebooks/*.ipynb   # make book, make notebooks-colab

Colab opens a notebook from GitHub as it is committed, so where to install
from has to be in the committed cell. It is the site's own copy of the
package (``<site>/wheels/learning_regions-<version>-py3-none-any.whl``, written
by every build): the same code and data as the site the lecturer deployed,
with no release to tag. If that cannot be fetched (the site is not deployed
yet, or not public), the cell installs from the repository's branch instead,
and says so. Both addresses follow the one setting in _config.yml
(:mod:`.addresses`); ``make book`` rewrites the cell when they or the pins
change, and the tests fail until it has.

On Colab the cell installs the direct notebook requirements at their pinned
versions (plotly, ipywidgets, pandas, nbformat) rather than the whole of
requirements-notebooks.txt: that file also pins IPython, traitlets and other
packages Colab's own runtime depends on at its own versions, and replacing
those breaks Colab. Standard library only: it runs before any set-up.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from . import REPOSITORY
from .addresses import repository, wheel_url

ROOT = REPOSITORY
CELL_ID = "colab-setup"
#: The cell installs the packages the .in file names, at the versions the .txt pins.
REQUIREMENTS_IN = ROOT / "requirements-notebooks.in"
REQUIREMENTS_TXT = ROOT / "requirements-notebooks.txt"


def direct_pins() -> list[str]:
    """name==version for each package requirements-notebooks.in names, versions from the .txt."""
    names = []
    for line in REQUIREMENTS_IN.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.append(line)
    pinned = {}
    for line in REQUIREMENTS_TXT.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            pinned[match.group(1).lower()] = match.group(2)
    missing = [n for n in names if n.lower() not in pinned]
    if missing:
        raise SystemExit(f"{REQUIREMENTS_TXT.name} does not pin {', '.join(missing)}: run make requirements")
    return [f"{n}=={pinned[n.lower()]}" for n in names]


def cell_source() -> str:
    """The cell's text. Identical in every notebook, so it can be checked and ported as it is."""
    repo, branch = repository()
    pins = ", ".join(f'"{pin}"' for pin in direct_pins())
    return "\n".join(
        [
            "# On Colab only: install the companion's package as its site serves it (the",
            "# same code and data as the site), with the versions of plotly, ipywidgets and",
            "# pandas its notebooks were tested with. JupyterLab, Binder, a JupyterHub and",
            "# the live notebooks on the site already have them. Colab ships its own",
            "# ipywidgets and plotly; pip replaces them, for this session only, and may",
            "# report conflicts with some of Colab's own packages: the install has still",
            "# worked. If Colab then says that packages were already imported and offers",
            "# to restart the session, restart it and run the notebook again from the top:",
            "# the pinned versions load only in a fresh session.",
            "import sys",
            "",
            'if "google.colab" in sys.modules:',
            "    import subprocess",
            "",
            f'    SITE_PACKAGE = "{wheel_url()}"',
            f'    REPOSITORY_PACKAGE = "learning-regions @ git+{repo}@{branch}"',
            f"    PINS = [{pins}]",
            '    pip = [sys.executable, "-m", "pip", "install", "--quiet"]',
            "    if subprocess.run([*pip, SITE_PACKAGE, *PINS]).returncode != 0:",
            '        print("The site\'s copy of the package could not be installed; installing it from the repository.")',
            "        subprocess.run([*pip, REPOSITORY_PACKAGE, *PINS], check=True)",
        ]
    )


def check(path: Path) -> str | None:
    """None when the notebook's set-up cell is current, else what is wrong."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = notebook.get("cells", [])
    if len(cells) < 2 or cells[1].get("id") != CELL_ID:
        return f"{path}: the second cell (after the title) is not the '{CELL_ID}' cell"
    if "".join(cells[1]["source"]) != cell_source():
        return f"{path}: the Colab set-up cell is out of date: run make notebooks-colab"
    return None


def write(path: Path) -> bool:
    """Rewrite the set-up cell (inserted after the title cell if absent); True if the file changed."""
    text = path.read_text(encoding="utf-8")
    notebook = json.loads(text)
    cells = notebook["cells"]
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": CELL_ID,
        "metadata": {"tags": ["remove-cell"]},
        "outputs": [],
        "source": cell_source().splitlines(keepends=True),  # as nbformat stores a cell
    }
    if len(cells) > 1 and cells[1].get("id") == CELL_ID:
        cells[1] = cell
    else:
        cells.insert(1, cell)
    new = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"  # nbformat's own layout
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in ("--check", "--write") or len(args) < 2:
        print("usage: python -m companion_tools.colab_cell --check|--write NOTEBOOK...", file=sys.stderr)
        return 2
    paths = [Path(a) for a in args[1:]]
    if args[0] == "--write":
        for path in paths:
            if write(path):
                print(f"updated the Colab cell of {path}")
        return 0
    problems = [p for p in (check(path) for path in paths) if p]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
