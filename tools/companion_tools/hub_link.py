"""An nbgitpuller link that opens the companion's notebooks on a JupyterHub.

    python -m companion_tools.hub_link https://hub.example.edu     # make hub-link HUB=...

A student who follows the link logs in to the hub; nbgitpuller (which the hub
must have installed) clones the repository into their home folder, or updates
the copy they have without overwriting their own changes, and JupyterLab opens
on its notebooks/ folder. The repository and branch are the ones _config.yml
names (one setting for every address: companion_tools.addresses).
Standard library only: it runs before any set-up.
"""

from __future__ import annotations

import sys
import urllib.parse

from .addresses import repository


def clone_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into, in the user's home: the repository's name."""
    return repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")


def hub_link(hub: str, repo: str, branch: str = "main", folder: str = "notebooks") -> str:
    """The link for ``hub``: nbgitpuller's git-pull route, opening ``folder`` in JupyterLab."""
    parsed = urllib.parse.urlparse(hub.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"{hub!r} is not a hub address: give it as https://hub.example.edu")
    base = hub.strip().rstrip("/")
    if base.endswith("/hub"):
        base = base[: -len("/hub")]
    target = clone_folder(repo)
    query = urllib.parse.urlencode(
        {
            "repo": repo,
            "branch": branch,
            "urlpath": f"lab/tree/{target}/{folder}/",
        },
        safe="",
    )
    return f"{base}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    hub = args[0] if args else ""
    if not hub.strip():
        print("Give the hub's address: make hub-link HUB=https://hub.example.edu", file=sys.stderr)
        return 2
    repo, branch = repository()
    try:
        link = hub_link(hub, repo, branch)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print("Send students this link (the hub needs nbgitpuller installed). It clones or updates")
    print(f"{repo} ({branch}) in their home folder and opens its notebooks in JupyterLab:")
    print()
    print(f"  {link}")
    print()
    print("Once, in a terminal on the hub, install what the notebooks need:")
    print(f"  cd ~/{clone_folder(repo)} && pip install -r requirements-notebooks.txt && pip install --no-deps -e .")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
