"""The build's notebook kernels talk to Sphinx over encrypted channels.

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
from typing import Any

_MARK = "_learning_regions_encrypted"


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
    if manager is None:
        return
    from myst_nb.core.execute import cache, direct

    for module in (cache, direct):
        run = module.single_nb_execution
        if getattr(run, _MARK, False):
            continue
        wrapped = functools.partial(run, kernel_manager_class=manager)
        functools.update_wrapper(wrapped, run)
        setattr(wrapped, _MARK, True)
        module.single_nb_execution = wrapped
