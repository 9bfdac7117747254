"""One definition of the in-page messages (learning_regions/inpage/protocol.json):
every name the page, the worker and Python use is listed there, each listed
message is both sent and handled, nothing is sent around the checked helpers,
and docs/in-page-runtime.md shows the file as it is."""

from __future__ import annotations

import re

import pytest

from companion_tools.sphinx.inpage import protocol_doc
from conftest import ROOT
from learning_regions.inpage import protocol

SRC = ROOT / "frontend" / "src"
PAGE = sorted([*(SRC / "inpage").glob("*.js"), *(SRC / "widgets").glob("*.js")])
WORKER = [SRC / "worker.js"]
PYTHON = sorted((ROOT / "learning_regions" / "inpage").glob("*.py"))

# How the code sends: through helpers that check the message (toWorker, post,
# tell, everyone, toPage; Python's protocol.message), and a broadcast by make().
SENT = re.compile(r"\b(?:toWorker|post|tell|everyone|toPage)\(\s*(?:[\w.]+,\s*)?\"(\w+)\"")
BROADCAST = re.compile(r"make\(PROTOCOL, \"worker_broadcast\", \"(\w+)\"")
HANDLED = re.compile(r"case \"(\w+)\":|\.type === \"(\w+)\"")
PYTHON_SENT = re.compile(r"protocol\.message\(\s*\"(\w+)\"")


def found(pattern: re.Pattern, files) -> set[str]:
    names = set()
    for path in files:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            names.update(g for g in match.groups() if g)
    return names


def listed(*directions: str) -> set[str]:
    return {name for d in directions for name in protocol.names(d)}


def test_the_page_sends_and_handles_only_listed_messages_and_every_one_of_them():
    assert found(SENT, PAGE) == listed("page_to_worker")
    assert found(HANDLED, PAGE) == listed("worker_to_page", "python_to_page")


def test_the_worker_sends_and_handles_only_listed_messages_and_every_one_of_them():
    assert found(SENT, WORKER) == listed("worker_to_page")
    assert found(BROADCAST, WORKER) == listed("worker_broadcast")
    assert found(HANDLED, WORKER) == listed("page_to_worker")


def test_python_sends_every_one_of_its_messages_through_the_protocol():
    assert found(PYTHON_SENT, PYTHON) == listed("python_to_page")
    for path in PYTHON:
        assert not re.search(r"\"msg_type\": \"lr_", path.read_text(encoding="utf-8")), (
            f"{path.name} writes lr_ by hand"
        )


@pytest.mark.parametrize("path", PAGE + WORKER, ids=lambda p: p.name)
def test_no_message_is_written_by_hand_around_the_checks(path):
    """A literal {type: "..."} would reach the other side unchecked."""
    assert not re.search(
        r"\btype:\s*\"(?!module\")", path.read_text(encoding="utf-8")
    )  # a worker's {type: "module"} is no message


def test_the_docs_page_shows_the_protocol_as_it_is():
    text = protocol_doc.DOC.read_text(encoding="utf-8")
    assert protocol_doc.rewrite(text) == text, "run: python -m companion_tools.sphinx.inpage.protocol_doc"


def test_the_docs_table_changes_with_the_protocol():
    spec = protocol.protocol()
    changed = {
        **spec,
        "directions": {
            **spec["directions"],
            "page_to_worker": {
                **spec["directions"]["page_to_worker"],
                "messages": {
                    **spec["directions"]["page_to_worker"]["messages"],
                    "ping": {"doc": "Are you there?", "fields": {}},
                },
            },
        },
    }
    assert "| `ping` | none | Are you there? |" in protocol_doc.tables(changed)
    assert "`ping`" not in protocol_doc.tables()


@pytest.mark.parametrize(
    "direction, message, problem",
    [
        ("python_to_page", {"msg_type": "lr_keep", "content": {"key": "k", "log": []}}, None),
        ("python_to_page", {"msg_type": "lr_keep", "content": {"key": 3, "log": []}}, "lr_keep: key should be string"),
        ("page_to_worker", {"type": "comm", "msg": "{}"}, None),
        ("page_to_worker", {"type": "comm"}, "comm: msg is missing"),
        ("worker_to_page", {"type": "idle", "msgId": None}, None),
        ("worker_to_page", {"type": "nope"}, "'nope' is not a worker_to_page message"),
        ("worker_to_page", ["type", "idle"], "a message must be an object"),
    ],
)
def test_python_checks_messages_as_the_page_does(direction, message, problem):
    assert protocol.problem(direction, message) == problem


def test_python_refuses_to_make_a_message_the_protocol_does_not_list():
    with pytest.raises(ValueError, match="lr_unknown"):
        protocol.message("lr_unknown", key="k")
    with pytest.raises(ValueError, match="log is missing"):
        protocol.message("lr_keep", key="k")


def test_the_protocol_ships_inside_the_runtime_package():
    """The page's Python reads it: it must be a file of learning_regions, not of the repository."""
    assert protocol.PROTOCOL_FILE.parent == ROOT / "learning_regions" / "inpage"
    assert protocol.limit("log_entries") > 0
