"""The build's notebook kernels: encrypted channels, and the tables each notebook reads.

ipykernel warns on every start that its TCP channels carry code and outputs
in plain text unless the kernel manager gives it CurveZMQ keys; jupyter_client
provisions them when asked (``transport_encryption="auto"``, for a kernel
whose kernelspec declares ``supported_encryption: curve``, as ipykernel's
does). myst-nb runs notebooks through jupyter-cache's ``single_nb_execution``,
which passes extra keyword arguments on to nbclient's ``NotebookClient`` but
gets none from myst-nb: so the build hands it a kernel manager class that asks
for encryption. The fix removes the cause of the warning (one per notebook in
every build log) rather than hiding the message. Where pyzmq has no CurveZMQ,
nothing changes and the kernel warns as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from learning_regions.loader import READS_ENV

_MARK = "_learning_regions_encrypted"
#: Where the tables each notebook read are kept (set by freshness at builder-inited).
READS_STORE: Path | None = None


def cells_digest(notebook: dict) -> str:
    """A notebook's identity in the reads store: its code cells, in order."""
    digest = hashlib.sha256()
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            digest.update(("".join(source) if isinstance(source, list) else source).encode("utf-8"))
            digest.update(b"\0")
    return digest.hexdigest()[:16]


def recording_reads(run):
    """Wrap jupyter-cache's ``single_nb_execution``: the kernel it starts lists
    the tables the notebook reads (the loader writes to ``READS_ENV``), and the
    list is kept by the notebook's cells (:mod:`.freshness` uses it)."""

    @functools.wraps(run)
    def execute(nb, *args, **kwargs):
        if READS_STORE is None:
            return run(nb, *args, **kwargs)
        with tempfile.NamedTemporaryFile("r", suffix=".txt", encoding="utf-8") as reads:
            previous = os.environ.get(READS_ENV)
            os.environ[READS_ENV] = reads.name
            try:
                result = run(nb, *args, **kwargs)
            finally:
                if previous is None:
                    os.environ.pop(READS_ENV, None)
                else:
                    os.environ[READS_ENV] = previous
            tables = sorted(set(Path(reads.name).read_text(encoding="utf-8").split()))
        store = json.loads(READS_STORE.read_text(encoding="utf-8")) if READS_STORE.is_file() else {}
        store[cells_digest(nb)] = tables
        READS_STORE.parent.mkdir(parents=True, exist_ok=True)
        READS_STORE.write_text(json.dumps(store, indent=1, sort_keys=True), encoding="utf-8")
        return result

    return execute


def encrypted_kernel_manager() -> type | None:
    """nbclient's default kernel manager, asking for CurveZMQ keys (None: not available)."""
    import zmq
    from jupyter_client import AsyncKernelManager

    if not zmq.has("curve") or "transport_encryption" not in AsyncKernelManager.class_trait_names():
        return None

    class EncryptedKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any):
            super().__init__(**kwargs)
            self.transport_encryption = "auto"

    return EncryptedKernelManager


def encrypt_build_kernels(app: Any = None, config: Any = None) -> None:
    """Make myst-nb's notebook execution (cache and direct modes) use the encrypted
    manager. A ``config-inited`` handler; also callable on its own."""
    manager = encrypted_kernel_manager()
    from myst_nb.core.execute import cache, direct

    for module in (cache, direct):
        run = module.single_nb_execution
        if getattr(run, _MARK, False):
            continue
        wrapped = functools.partial(run, kernel_manager_class=manager) if manager is not None else run
        wrapped = recording_reads(wrapped)
        setattr(wrapped, _MARK, True)
        module.single_nb_execution = wrapped
