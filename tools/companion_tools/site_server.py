"""Serve the built site the way a static host serves it.

    python -m companion_tools.site_server _build/html --port 8000   # make serve
    python -m companion_tools.site_server --host 0.0.0.0            # to a classroom

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
import socket
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

    def log_message(self, format, *args):  # "format" shadows a builtin: it is the base class's name
        pass


class SiteServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that leaves a page mid-download closes the connection: normal, not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, port: int = 0, host: str = "127.0.0.1", handler_class: type[SiteHandler] = SiteHandler):
    """Yield the base URL of ``directory`` served on ``host`` (port 0: any free port).

    ``handler_class``: a subclass of SiteHandler (the tests use one that
    refuses a file, to see how the page copes)."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = SiteServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
        yield f"http://{shown}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def own_addresses() -> list[str]:
    """This machine's IPv4 addresses other machines may reach it at (best effort, no traffic sent)."""
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # a documentation address: connect() on UDP sends nothing
            found.append(probe.getsockname()[0])
    except OSError:
        pass
    try:
        found += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if not a.startswith("127.") and a != "0.0.0.0"]


def addresses_to_open(host: str, port: int, own: list[str] | None = None) -> list[str]:
    """The addresses a reader types into a browser for a server listening on ``host``:
    this machine's own for 127.0.0.1; for 0.0.0.0 (every interface) also the
    machine's network addresses, which the others in the room use."""
    if host in ("", "0.0.0.0"):
        hosts = ["127.0.0.1"] + (own_addresses() if own is None else own)
    else:
        hosts = [host]
    return [f"http://{h}:{port}/" for h in hosts]


def main() -> None:
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Serve the built site (on 127.0.0.1 unless --host says otherwise).")
    parser.add_argument("directory", type=Path, nargs="?", default=Path("_build/html"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1", help="0.0.0.0: every network interface (a classroom)")
    args = parser.parse_args()
    if not (args.directory / "index.html").is_file():
        raise SystemExit(f"No site in {args.directory}: run make book first.")
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(serve(args.directory, args.port, args.host))
        except OSError as error:
            raise SystemExit(
                f"Cannot listen on {args.host}:{args.port} ({error.strerror}): "
                "try another port, e.g. make serve PORT=8001"
            ) from None
        print(f"Serving {args.directory} on {args.host}:{args.port}. Open:")
        for address in addresses_to_open(args.host, args.port):
            print(f"  {address}")
        if args.host == "127.0.0.1":
            print("Only this machine can open it; to serve a room: make serve HOST=0.0.0.0")
        print("(Ctrl+C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
