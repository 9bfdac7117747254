"""``make book``'s build: check the data, then run Jupyter Book strictly, and
when it fails, end with the cause in plain words.

    python -m companion_tools.build [jupyter-book build options]

Jupyter Book's own failure ends "There was an error in building your book.
Look above for the cause." under a Sphinx traceback that asks for a bug report,
with the cause (a notebook cell's error, a warning made an error by ``-W``)
somewhere above. This shows the log as it comes, except the Python traceback
Jupyter Book ends with (from its first ``Traceback (most recent call last):``
line on), and ends with what stopped the build, cause first: for a notebook,
its path, the cell that raised and Python's last line; for a warning, the file
and the warning; for the in-page widgets, their own message. The whole log,
traceback included, is written to ``_build/build.log``; when no cause can be
read from it, the traceback is shown after all. Data is checked before the build
(the loader names file, row and column), so a broken table stops it in a
second, with one sentence, not after minutes of notebooks.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import REPOSITORY

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FAILED_NOTEBOOK = re.compile(r"^(?P<path>\S+\.(?:ipynb|md)): WARNING: Executing notebook failed")
WARNING = re.compile(r"^(?P<where>\S+?):(?P<line>\d*):? WARNING: (?P<message>.+)$")
CELL_SOURCE = re.compile(r"An error occurred while executing the following cell:\n-+\n(?P<source>.*?)\n-+\n", re.S)
LAST_ERROR = re.compile(r"^(?P<error>[A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)): (?P<message>.+)$", re.M)
#: Errors Sphinx prints as a heading and a message, without a traceback: the
#: in-page widgets' own, and a setting in _config.yml (companion_colour).
OWN_ERRORS = ("The widgets on the book page could not be built:", "Configuration error:", "Extension error:")


@dataclass
class Cause:
    where: str
    what: str


def relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def cell_number(notebook: Path, source: str) -> int | None:
    """The notebook's cell (as JupyterLab counts, from 1) whose code is ``source``."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    for index, cell in enumerate(cells, start=1):
        text = cell.get("source", "")
        if ("".join(text) if isinstance(text, list) else text).strip() == source.strip():
            return index
    return None


def causes(log: str, root: Path) -> list[Cause]:
    """What stopped the build, read from its log (ANSI colours removed)."""
    text = ANSI.sub("", log)
    lines = text.splitlines()
    found: list[Cause] = []
    for index, line in enumerate(lines):
        failed = FAILED_NOTEBOOK.match(line)
        if failed:
            rest = "\n".join(lines[index + 1 :])
            cell = CELL_SOURCE.search(rest)
            errors = LAST_ERROR.findall(rest[: cell.end() + 20000] if cell else rest[:20000])
            path = relative(failed["path"], root)
            number = cell_number(Path(failed["path"]), cell["source"]) if cell else None
            where = f"{path}, cell {number}" if number else path
            user_errors = [e for e in errors if not e[0].startswith(("myst_nb.", "nbclient.", "RuntimeError"))]
            what = ": ".join(user_errors[0]) if user_errors else "a cell raised an error (see its traceback above)"
            found.append(Cause(where, what))
            continue
        warning = WARNING.match(line)
        if warning and "Executing notebook failed" not in line:
            where = relative(warning["where"], root) + (f", line {warning['line']}" if warning["line"] else "")
            found.append(Cause(where, f"{warning['message']} (a warning; the build is strict)"))
        for marker in OWN_ERRORS:
            if line.strip() == marker:
                body = []
                for follow in lines[index + 1 :]:
                    if not follow.strip() or follow.startswith(("Traceback", "There was an error")):
                        break
                    body.append(follow)
                found.append(Cause(marker.rstrip(":"), "\n".join(body)))
    return found


def summary(found: list[Cause]) -> str:
    if not found:
        return (
            "The book did not build, and the log above gives no notebook or warning as the cause: "
            "read the first error above."
        )
    lines = ["", "=" * 79, "The book did not build. What stopped it:"]
    for cause in found:
        lines.append(f"- {cause.where}: {cause.what}")
    lines += [f"(The whole log, with Jupyter Book's traceback, is in {LOG_NAME}.)", "=" * 79]
    return "\n".join(lines)


#: Where a failed build's whole log is written, under the repository.
LOG_NAME = "_build/build.log"
TRACEBACK = "Traceback (most recent call last):"


def show(lines) -> tuple[list[str], list[str]]:
    """Echo the build's output as it comes, up to the first Python traceback;
    returns (every line, the lines held back from the traceback on)."""
    log: list[str] = []
    held: list[str] = []
    for line in lines:
        log.append(line)
        if held or ANSI.sub("", line).startswith(TRACEBACK):
            held.append(line)
        else:
            sys.stdout.write(line)
    return log, held


def check_data() -> str | None:
    """None when data/ is valid, else the loader's sentence."""
    from learning_regions import DataError, validate_all

    try:
        validate_all()
    except DataError as error:
        return str(error)
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    problem = check_data()
    if problem:
        print(f"The data in data/ is not valid, so the book was not built:\n  {problem}", file=sys.stderr)
        return 1
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(REPOSITORY), *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace", env=os.environ
    )
    assert process.stdout is not None
    log, held = show(process.stdout)
    code = process.wait()
    if code == 0:
        sys.stdout.writelines(held)  # nothing failed: whatever came is shown
        return code
    found = causes("".join(log), REPOSITORY)
    target = REPOSITORY / LOG_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(log), encoding="utf-8")
    if not found:
        sys.stdout.writelines(held)
    sys.stdout.flush()
    print(summary(found), file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
