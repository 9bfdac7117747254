"""Serve the built site on 127.0.0.1 the way a static host serves it.

    python -m learning_regions.site_server _build/html --port 8000   # make serve

Like GitHub Pages, it compresses text files with gzip for browsers that ask,
marks files ``Cache-Control: max-age=600``, and sends the MIME types the live
notebooks need (.mjs, .wasm). It keeps a log of what it answered, with the
bytes actually sent, so the tests and the benchmark can count what a visit
really downloads. Standard library only.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import socketserver
import sys
import threading
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

# GitHub Pages also compresses WebAssembly (Pyodide's 9.6 MB runtime goes out as about 3 MB).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/wasm")


@dataclass(frozen=True)
class Served:
    path: str  # as requested, without the query string
    status: int
    size: int  # bytes of the body sent (compressed, when it was)


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


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

    def send_head(self):
        """Like the base class, but text files go out gzipped to browsers that accept it."""
        self._body_size = 0
        requested = Path(self.translate_path(self.path))
        folder_without_slash = requested.is_dir() and not self.path.split("?", 1)[0].endswith("/")
        path = requested / "index.html" if requested.is_dir() else requested
        compress = (
            not folder_without_slash  # the base class answers with a redirect
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and self.guess_type(str(path)).startswith(COMPRESSED_TYPES)
        )
        if not compress:
            # The base class logs the request while sending headers: size first.
            self._body_size = path.stat().st_size if path.is_file() and not folder_without_slash else 0
            return super().send_head()
        stat = path.stat()
        modified = formatdate(stat.st_mtime, usegmt=True)
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.end_headers()
            return None
        body = _gzipped(str(path), stat.st_mtime_ns)
        self._body_size = len(body)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.end_headers()
        return io.BytesIO(body)

    def log_request(self, code="-", size="-"):
        status = int(code) if isinstance(code, int) else 0
        body = getattr(self, "_body_size", 0) if status == 200 else 0
        self.log.append(Served(self.path.split("?", 1)[0], status, body))

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class SiteServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that leaves a page mid-download closes the connection: normal, not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, port: int = 0):
    """Yield the base URL of ``directory`` served on 127.0.0.1 (port 0: any free port)."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = SiteServer(("127.0.0.1", port), handler)
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
