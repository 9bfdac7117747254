"""A lecturer's afternoon: how long a rebuild takes after one edit.

    .venv/bin/python benchmarks/rebuild.py          # also run by `make benchmark`

Copies the repository's committed files into a temporary folder (your
checkout and _build/ are left alone), builds it once as `make book` does, then
times, each beside its budget and the route it replaces:

* nothing changed: the rebuild that finds nothing to do;
* a chapter edit (one paragraph of book/glossary.md): the site rebuilt, then
  the PDFs (only those whose content changed are reprinted);
* a data edit (one text cell of data/case_claims.csv): the notebooks that read
  that table re-executed, the page runtime and live notebooks brought up to
  date, the PDFs.

Wall time varies a lot on this shared machine; CPU time (of the build and its
children) is printed beside it. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import RESULTS, ROOT

BUDGETS = {
    "chapter edit, page rebuilt": ("<= 5 s", "13.7 s before (4.5 s site + 9.2 s reprinting all ten PDFs)"),
    "chapter edit, PDFs reprinted": ("only the changed ones", "every PDF, every time"),
    "data edit, site rebuilt": ("<= 20 s", "40 s before (every notebook re-ran)"),
}


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def copy_repository(target: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    (target / "node_modules").symlink_to(ROOT / "node_modules")


def step(copy: Path, module: str, *args: str) -> tuple[float, float, str]:
    """Run one step of `make book` on the copy: (wall s, CPU s, its output)."""
    env = {
        **os.environ,
        "PYTHONPATH": f"{copy}{os.pathsep}{copy / 'tools'}",
        "LEARNING_REGIONS_DATA": str(copy / "data"),
    }
    start, cpu_start = time.perf_counter(), cpu()
    run = subprocess.run([sys.executable, "-m", module, *args], cwd=copy, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{module} failed on the copy:\n{(run.stdout + run.stderr)[-3000:]}")
    return time.perf_counter() - start, cpu() - cpu_start, run.stdout + run.stderr


def make_book(copy: Path) -> dict:
    site, site_cpu, log = step(copy, "companion_tools.build", "--warningiserror", "--nitpick", "--keep-going")
    pdf, pdf_cpu, pdf_log = step(copy, "companion_tools.print_edition", "--site", "_build/html")
    printing = next((line.strip() for line in pdf_log.splitlines() if "printing" in line or "up to date" in line), "")
    executed = [line.split("/")[-1].split(":")[0] for line in log.splitlines() if "Executing notebook" in line]
    return {
        "site_s": round(site, 1),
        "site_cpu_s": round(site_cpu, 1),
        "pdf_s": round(pdf, 1),
        "pdf_cpu_s": round(pdf_cpu, 1),
        "pdfs": printing,
        "executed": executed,
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path.name} no longer contains {old!r}: update benchmarks/rebuild.py")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    args = parser.parse_args()
    copy = Path(tempfile.mkdtemp(prefix="lr-bench-rebuild-"))
    figures: dict[str, dict] = {}
    try:
        copy_repository(copy)
        figures["cold build"] = make_book(copy)
        figures["nothing changed"] = make_book(copy)
        glossary = copy / "book" / "glossary.md"
        paragraph = glossary.read_text(encoding="utf-8").split("\n\n")[3]
        edit(glossary, paragraph, paragraph + " A lecturer's added sentence.")
        figures["chapter edit"] = make_book(copy)
        claims = copy / "data" / "case_claims.csv"
        line = claims.read_text(encoding="utf-8").splitlines()[1]
        edit(claims, line, line.replace(" ", "  ", 1))
        figures["data edit"] = make_book(copy)
    finally:
        if not args.keep:
            shutil.rmtree(copy, ignore_errors=True)
    print(f"Rebuilds after one edit, on {os.cpu_count()} cores (load {os.getloadavg()[0]:.1f}):")
    for name, f in figures.items():
        print(
            f"  {name:16} site {f['site_s']:6.1f} s (CPU {f['site_cpu_s']:5.1f} s)   PDFs {f['pdf_s']:5.1f} s "
            f"(CPU {f['pdf_cpu_s']:5.1f} s)   notebooks run: {len(f['executed'])}   {f['pdfs']}"
        )
    print("Budgets (issue 26) and the route each replaces:")
    print(
        f"  chapter edit, page rebuilt   {figures['chapter edit']['site_s']:5.1f} s   budget "
        f"{BUDGETS['chapter edit, page rebuilt'][0]}; {BUDGETS['chapter edit, page rebuilt'][1]}"
    )
    print(
        f"  chapter edit, PDFs           {figures['chapter edit']['pdfs']}; {BUDGETS['chapter edit, PDFs reprinted'][1]} before"
    )
    print(
        f"  data edit, site rebuilt      {figures['data edit']['site_s']:5.1f} s   budget "
        f"{BUDGETS['data edit, site rebuilt'][0]}; {BUDGETS['data edit, site rebuilt'][1]}; "
        f"ran {', '.join(figures['data edit']['executed']) or 'no notebook'}"
    )
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(
            json.dumps(
                {
                    "benchmark": "rebuild",
                    "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    "figures": figures,
                }
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
