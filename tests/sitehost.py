"""The built site served on 127.0.0.1 the way a static host serves it.

Files carry ``Cache-Control: max-age=600`` (what GitHub Pages sends), and the
server keeps a log of what it answered, so tests and the benchmark can count
what a visit really downloads. Used by tests/conftest.py and benchmarks/build.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socketserver
import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Served:
    path: str  # as requested, without the query string
    status: int
    size: int  # bytes of the body sent


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    log: list[Served] = []

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_request(self, code="-", size="-"):
        status = int(code) if isinstance(code, int) else 0
        path = self.path.split("?", 1)[0]
        body = 0
        if status == 200:
            file = Path(self.translate_path(path))
            if file.is_dir():
                file = file / "index.html"
            body = file.stat().st_size if file.is_file() else 0
        self.log.append(Served(path, status, body))

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Yield the base URL of ``directory`` served on a free local port."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
