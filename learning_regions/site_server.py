"""Serve the built site on 127.0.0.1 the way a static host serves it.

    python -m learning_regions.site_server _build/html --port 8000   # make serve

Files carry ``Cache-Control: max-age=600`` (what GitHub Pages sends) and the
MIME types the live notebooks need (.mjs, .wasm); the server keeps a log of
what it answered, so the tests and the benchmark can count what a visit
really downloads. Standard library only.
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
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
    }

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
def serve(directory: Path, port: int = 0):
    """Yield the base URL of ``directory`` served on 127.0.0.1 (port 0: any free port)."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Serve the built site on 127.0.0.1.")
    parser.add_argument("directory", type=Path, nargs="?", default=Path("_build/html"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (args.directory / "index.html").is_file():
        raise SystemExit(f"No site in {args.directory}: run `make book` first.")
    with serve(args.directory, args.port) as url:
        print(f"Serving {args.directory} at {url}/ (Ctrl+C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
