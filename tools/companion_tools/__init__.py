"""The book's tooling: everything that builds, prints, serves or links the
companion, and that notebooks, Colab and the reader's browser never import
(that runtime is the package ``learning_regions``).

* ``sphinx``: the Sphinx extension of the book build (one module per feature);
* ``print_edition``: ``make pdf``, the PDFs printed from the built site;
* ``site_server``: ``make serve``, the built site served like a static host;
* ``hub_link`` and ``colab_cell``: the classroom routes (a JupyterHub link,
  the notebooks' Colab set-up cell);
* ``chromium``: the one way this repository starts headless Chromium.
"""

from pathlib import Path

#: The repository this package sits in (tools/companion_tools/ -> the root).
REPOSITORY = Path(__file__).resolve().parents[2]
