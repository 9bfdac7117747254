"""What the benchmarks share: paths, the served site, Chromium, Lighthouse, units.

Each benchmark prints its figures beside their budgets and the route they
replace; none asserts a time (speed is for people to read, not for tests).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]  # run as a script from a fresh clone's .venv

from companion_tools import chromium  # noqa: E402
from companion_tools.site_server import SiteHandler, serve  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results.jsonl"
#: An init script for the in-page widgets' options (frontend/src/inpage/options.js): no
#: early start, so Python starts only at a press (a cold press), and a widget page falls quiet.
COLD = "window.lrInpageOptions = Object.assign(window.lrInpageOptions || {}, {earlyStart: false})"

__all__ = ["COLD", "RESULTS", "ROOT", "SiteHandler", "chromium", "kb", "lighthouse", "serve", "widget_pages"]


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def widget_pages(site: Path) -> list[str]:
    """The pages with an in-page widget, as the build's manifest lists them."""
    from companion_tools.sphinx.inpage import manifest

    return sorted({f"{w['page']}.html" for w in manifest.read(site.parent)})


def lighthouse(url: str, page: str) -> dict:
    """Lighthouse (pinned npm package) on one page, desktop and mobile presets."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    results = {}
    for preset in ("desktop", "mobile"):
        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            command = [
                str(binary),
                f"{url}/{page}",
                f"--chrome-path={chromium.executable()}",
                "--chrome-flags=--headless=new " + " ".join(chromium.ARGS),
                "--output=json",
                f"--output-path={report.name}",
                "--quiet",
                "--only-categories=performance,accessibility,best-practices,seo",
            ]
            if preset == "desktop":
                command.append("--preset=desktop")
            subprocess.run(command, check=True, capture_output=True)
            data = json.loads(Path(report.name).read_text())
        audits = data["audits"]
        results[preset] = {
            **{name: round(category["score"] * 100) for name, category in data["categories"].items()},
            "FCP_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
            "LCP_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
            "TBT_ms": round(audits["total-blocking-time"]["numericValue"]),
        }
    return results
