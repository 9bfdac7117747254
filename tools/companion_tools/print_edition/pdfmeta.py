"""Author, subject and keywords in a PDF's metadata, which Chromium does not write.

Chromium takes the title from ``<title>`` and the language from ``<html
lang>``, but leaves the author out. Rather than re-write the whole file with a
PDF library (and risk the tagged structure and the outline), this appends an
incremental update, as PDF editors do: a new information dictionary, a
one-entry cross-reference section and a trailer pointing back at the old
one. Every byte Chromium wrote stays as it was.
"""

from __future__ import annotations

import re
from pathlib import Path


def pdf_text(value: str) -> bytes:
    """A PDF text string: UTF-16BE with a byte order mark, written in hex."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _last_trailer(data: bytes) -> tuple[int, bytes]:
    starts = [m.start() for m in re.finditer(rb"startxref\s+(\d+)", data)]
    if not starts:
        raise ValueError("not a PDF with a cross-reference table (no startxref)")
    xref_offset = int(re.match(rb"startxref\s+(\d+)", data[starts[-1] :]).group(1))
    trailer_at = data.rfind(b"trailer", 0, starts[-1])
    if trailer_at < 0 or data[xref_offset : xref_offset + 4] != b"xref":
        raise ValueError("the PDF uses a cross-reference stream; cannot append metadata")
    return xref_offset, data[trailer_at : starts[-1]]


def _entry(trailer: bytes, key: bytes) -> bytes | None:
    match = re.search(rb"/" + key + rb"\s+(\d+\s+\d+\s+R)", trailer)
    return match.group(1) if match else None


def _old_info(data: bytes, reference: bytes | None) -> bytes:
    """The old information dictionary's body (kept: dates, creator, producer)."""
    if reference is None:
        return b""
    number = reference.split()[0]
    match = re.search(rb"\n" + number + rb" 0 obj\s*<<(.*?)>>\s*endobj", data, re.S)
    return match.group(1) if match else b""


def set_metadata(path: Path, **fields: str) -> None:
    """Set information fields (Title, Author, Subject, Keywords...) in place."""
    fields.setdefault("Creator", "companion_tools.print_edition, printed by Chromium")
    data = path.read_bytes()
    previous, trailer = _last_trailer(data)
    size = int(re.search(rb"/Size\s+(\d+)", trailer).group(1))
    root = _entry(trailer, b"Root")
    old = _old_info(data, _entry(trailer, b"Info"))
    kept = b"".join(
        m.group(0) + b"\n"
        # Dates and producer have no parentheses inside; Creator (Chromium's
        # user agent) does, so it is always replaced.
        for m in re.finditer(rb"/(CreationDate|ModDate|Producer)\s*\([^()]*\)", old)
        if m.group(1).decode() not in fields
    )
    body = kept + b"".join(b"/" + key.encode("ascii") + b" " + pdf_text(value) + b"\n" for key, value in fields.items())
    update = bytearray(b"\n")
    info_at = len(data) + len(update)
    update += f"{size} 0 obj\n<<".encode() + body + b">>\nendobj\n"
    xref_at = len(data) + len(update)
    update += f"xref\n{size} 1\n{info_at:010d} 00000 n \n".encode()
    update += (
        f"trailer\n<</Size {size + 1}\n/Root ".encode() + root + f"\n/Info {size} 0 R\n/Prev {previous}>>\n".encode()
    )
    update += f"startxref\n{xref_at}\n%%EOF\n".encode()
    path.write_bytes(data + bytes(update))
