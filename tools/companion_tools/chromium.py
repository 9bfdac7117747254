"""The one way this repository starts headless Chromium: Debian's browser
(``CHROMIUM``, default ``/usr/bin/chromium``), driven by Playwright, which
cannot download a browser here. Used by the print edition, the tests and the
benchmark.

Chromium's own background traffic (updates, sync, safe browsing) is switched
off, so that every request a page makes is the page's own (the tests cut the
network and count requests), and nothing waits on this machine's closed network.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

EXECUTABLE = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class ChromiumMissing(RuntimeError):
    """No Chromium where ``CHROMIUM`` says; the message says how to get one."""


def executable() -> str:
    path = shutil.which(EXECUTABLE) or EXECUTABLE
    if not os.access(path, os.X_OK):
        raise ChromiumMissing(
            f"Chromium was not found at {EXECUTABLE}. Run `make browser` (as root it installs Debian's "
            "chromium with apt), or install it yourself (`sudo apt-get install chromium`) and set "
            "CHROMIUM=/path/to/chromium."
        )
    return path


def launch(playwright: Any, **options: Any) -> Any:
    """A headless Chromium from a running Playwright (``sync_playwright()``)."""
    return playwright.chromium.launch(executable_path=executable(), args=[*ARGS, *options.pop("args", [])], **options)


@contextmanager
def browser(**options: Any) -> Iterator[Any]:
    """Start Playwright and a headless Chromium; close both after."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright, **options)
        try:
            yield chromium
        finally:
            chromium.close()
