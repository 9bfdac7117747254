"""The message tables of ``docs/in-page-runtime.md``, made from ``protocol.json``.

    python -m companion_tools.sphinx.inpage.protocol_doc     # rewrite the tables in place

The tables sit between two markers in the page; ``tests/test_inpage_protocol.py``
fails when they no longer match ``learning_regions/inpage/protocol.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from learning_regions.inpage import protocol

DOC = Path(__file__).resolve().parents[4] / "docs" / "in-page-runtime.md"
BEGIN = "<!-- protocol tables: made from learning_regions/inpage/protocol.json by python -m companion_tools.sphinx.inpage.protocol_doc -->"
END = "<!-- protocol tables end -->"
TITLES = {
    "page_to_worker": "Page → worker",
    "worker_to_page": "Worker → page",
    "worker_broadcast": "Worker → every page of the site",
    "python_to_page": "Python → page (through the comm route)",
}


def _fields(fields: dict[str, str]) -> str:
    if not fields:
        return "none"
    return ", ".join(
        f"`{name}{'?' if kind.endswith('?') else ''}`: {kind.rstrip('?')}" for name, kind in fields.items()
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def tables(spec: dict | None = None) -> str:
    """The markdown of every table, from the protocol (the file's by default)."""
    spec = spec or protocol.protocol()
    lines: list[str] = []
    for direction, title in TITLES.items():
        part = spec["directions"][direction]
        lines += [
            f"### {title}",
            "",
            _cell(part.get("doc", "")),
            "",
            "| message | fields | what it says |",
            "|---|---|---|",
        ]
        for name, message in part["messages"].items():
            lines.append(f"| `{name}` | {_cell(_fields(message['fields']))} | {_cell(message.get('doc', ''))} |")
        lines.append("")
    calls = spec["python_calls"]
    lines += [
        "### What the worker calls in Python",
        "",
        _cell(calls.get("doc", "")),
        "",
        "| call | returns | what it does |",
        "|---|---|---|",
    ]
    for name, call in calls["calls"].items():
        lines.append(
            f"| `{name}` | {_cell(_fields(call['returns'])) if call['returns'] else 'nothing'} | {_cell(call.get('doc', ''))} |"
        )
    lines += ["", "### Limits", "", "| limit | value | what it bounds |", "|---|---|---|"]
    for name, entry in spec["limits"].items():
        lines.append(f"| `{name}` | {entry['value']:,} | {_cell(entry.get('doc', ''))} |")
    return "\n".join(lines).rstrip() + "\n"


def rewrite(text: str, spec: dict | None = None) -> str:
    """``text`` (the page) with the tables between the markers made anew."""
    head, found, rest = text.partition(BEGIN)
    if not found or END not in rest:
        raise ValueError(f"{DOC.name} lacks the markers {BEGIN!r} ... {END!r}")
    return head + BEGIN + "\n\n" + tables(spec) + "\n" + END + rest.split(END, 1)[1]


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    new = rewrite(text)
    if new != text:
        DOC.write_text(new, encoding="utf-8")
        print(f"{DOC} rewritten from {protocol.PROTOCOL_FILE}")
    else:
        print(f"{DOC} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
