"""Running the companion for a class: make serve, make lab, make check-copy,
the JupyterHub link, the notebooks' own requirements and the Colab cell, tried
as an instructor would on a fresh clone (a copy of the Makefile alone, with no
.venv, no site and no ../shared)."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from companion_tools import colab_cell
from companion_tools.addresses import repository
from companion_tools.hub_link import hub_link
from companion_tools.site_server import addresses_to_open
from conftest import NOTEBOOKS, ROOT


def make(*args: str, cwd=ROOT, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout
    )


@pytest.fixture
def bare_clone(tmp_path):
    """What a fresh clone has before `make book`: the Makefile and the sources, no .venv, no site."""
    clone = tmp_path / "companion"
    clone.mkdir()
    for name in ("Makefile", "_config.yml"):
        shutil.copy(ROOT / name, clone / name)
    for package in ("learning_regions", "tools"):
        shutil.copytree(ROOT / package, clone / package, ignore=shutil.ignore_patterns("__pycache__"))
    return clone


# --- make serve ----------------------------------------------------------------


def test_serve_before_make_book_says_run_make_book_first(bare_clone):
    run = make("serve", cwd=bare_clone)
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert "run make book first" in said, said
    assert "No such file" not in said, said


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_to_a_room_listens_everywhere_and_prints_the_addresses(built_site):
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "companion_tools.site_server",
            str(built_site),
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        lines = [server.stdout.readline() for _ in range(3)]
        assert f"http://127.0.0.1:{port}/" in lines[1], lines
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as page:
            assert page.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_addresses_to_open():
    assert addresses_to_open("127.0.0.1", 8000) == ["http://127.0.0.1:8000/"]
    assert addresses_to_open("0.0.0.0", 8080, own=["10.1.2.3"]) == ["http://127.0.0.1:8080/", "http://10.1.2.3:8080/"]
    assert addresses_to_open("192.168.0.5", 9000) == ["http://192.168.0.5:9000/"]


def test_make_serve_passes_host_and_port():
    dry = make("-n", "serve", "HOST=0.0.0.0", "PORT=8123")
    assert "--host 0.0.0.0 --port 8123" in dry.stdout, dry.stdout


# --- make lab ------------------------------------------------------------------


def lab_command(user_id: str) -> list[str]:
    dry = make("-n", "lab", f"USER_ID={user_id}")
    assert dry.returncode == 0, dry.stderr
    return [line for line in dry.stdout.splitlines() if "jupyter lab" in line or line.startswith("echo")]


def test_lab_as_root_passes_allow_root_and_says_so():
    lines = lab_command("0")
    assert any("jupyter lab --allow-root notebooks/" in line for line in lines), lines
    assert any(line.startswith("echo") and "root" in line for line in lines), lines


def test_lab_as_a_user_does_not():
    lines = lab_command("1000")
    assert not any("--allow-root" in line for line in lines), lines


# --- make check-copy -------------------------------------------------------------


def test_check_copy_without_the_source_texts_says_why_they_are_missing(bare_clone):
    run = make("check-copy", cwd=bare_clone)
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert "not in this" in said and "copyright" in said and "README" in said, said
    assert "can't open file" not in said, said


def test_readme_says_where_contributors_get_the_source_texts():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    contributing = readme[readme.index("## Contributing") :]
    assert "check-copy" in contributing and "copyright" in contributing and "SHARED=" in contributing


# --- JupyterHub ------------------------------------------------------------------


def test_hub_link_is_an_nbgitpuller_link_to_the_notebooks():
    repo, branch = repository()
    link = hub_link("https://hub.example.edu/", repo, branch)
    parsed = urllib.parse.urlparse(link)
    assert (parsed.scheme, parsed.netloc, parsed.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    query = urllib.parse.parse_qs(parsed.query)
    # nbgitpuller clones into a folder named after the repository (the last part of its URL).
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    assert query == {"repo": [repo], "branch": [branch], "urlpath": [f"lab/tree/{folder}/notebooks/"]}
    other = hub_link("https://hub.example.edu", "https://github.com/Uni-Example/regional-studies.git", "teaching")
    assert urllib.parse.parse_qs(urllib.parse.urlparse(other).query) == {
        "repo": ["https://github.com/Uni-Example/regional-studies.git"],
        "branch": ["teaching"],
        "urlpath": ["lab/tree/regional-studies/notebooks/"],
    }
    assert hub_link("https://hub.example.edu/hub", repo).startswith("https://hub.example.edu/hub/user-redirect/")
    with pytest.raises(ValueError, match="not a hub address"):
        hub_link("hub.example.edu", repo)


def test_make_hub_link(bare_clone):
    run = make("hub-link", "HUB=https://hub.example.edu", cwd=bare_clone)
    assert run.returncode == 0, run.stderr
    assert "https://hub.example.edu/hub/user-redirect/git-pull?repo=" in run.stdout
    assert "requirements-notebooks.txt" in run.stdout
    missing = make("hub-link", cwd=bare_clone)
    assert missing.returncode != 0 and "HUB=https://" in missing.stderr


def test_readme_and_instructor_guide_give_the_hub_recipe():
    for page in ("README.md", "book/instructor-guide.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        assert "make hub-link HUB=" in text and "nbgitpuller" in text, page
        assert "requirements-notebooks.txt" in text, page
        assert "pip install -r requirements.txt" not in text, f"{page} still installs the build toolchain on a hub"


# --- the notebooks' own requirements -------------------------------------------------


def pins(path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def test_notebook_requirements_are_short_pinned_and_match_the_book():
    notebooks = pins(ROOT / "requirements-notebooks.txt")
    book = pins(ROOT / "requirements.txt")
    for needed in ("plotly", "ipywidgets", "pandas", "nbformat"):
        assert needed in notebooks, f"requirements-notebooks.txt does not pin {needed}"
    for toolchain in ("jupyter-book", "sphinx", "jupyterlab", "jupyterlite-core", "myst-nb"):
        assert toolchain not in notebooks, f"{toolchain} is the book's build toolchain, not a notebook requirement"
    differ = {name: (v, book[name]) for name, v in notebooks.items() if name in book and book[name] != v}
    assert not differ, f"notebook pins differ from the book's (run make requirements): {differ}"


def test_binder_installs_the_notebook_requirements():
    assert (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").strip().splitlines()[
        -1
    ] == "-r ../requirements-notebooks.txt"


# --- Colab ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_the_generated_colab_cell(path):
    cell = json.loads(path.read_text(encoding="utf-8"))["cells"][1]
    assert cell["id"] == colab_cell.CELL_ID
    assert "".join(cell["source"]) == colab_cell.cell_source(), f"{path.name}: run make notebooks-colab"


def test_colab_cell_installs_the_sites_package_and_the_notebook_pins():
    from companion_tools.addresses import repository, wheel_url

    source = colab_cell.cell_source()
    repo, branch = repository()
    assert f'SITE_PACKAGE = "{wheel_url()}"' in source
    assert f"git+{repo}@{branch}" in source  # when the site is not deployed yet
    notebooks = pins(ROOT / "requirements-notebooks.txt")
    for name in ("plotly", "ipywidgets", "pandas"):
        assert f"{name}=={notebooks[name]}" in source
    assert "ipywidgets" in source.split("import sys")[0] and "restart" in source.lower()  # says what happens on Colab


def test_the_built_site_serves_the_package_where_the_colab_cell_looks(built_site):
    """The wheel the cell names is in the site, with the same data as data/."""
    import zipfile

    from companion_tools.addresses import WHEELS, wheel_name

    wheel = built_site / WHEELS / wheel_name()
    assert wheel.is_file(), f"{wheel} is missing: the Colab cell installs from there"
    with zipfile.ZipFile(wheel) as archive:
        for path in (ROOT / "data").glob("*"):
            assert archive.read(f"learning_regions/_data/{path.name}") == path.read_bytes(), path.name


def test_every_address_follows_the_one_setting(tmp_path):
    """An adapted copy sets repository.url once; the hub link, the site address,
    the Colab cell's addresses follow (html.baseurl overrides the site's)."""
    from companion_tools import addresses

    config = tmp_path / "_config.yml"
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    old_url, _branch = addresses.repository()
    # A copy that has set html.baseurl already: take it out, so the GitHub Pages address is tested.
    text = re.sub(r"^([ \t]+)baseurl:.*\n", "", text, flags=re.M)
    config.write_text(text.replace(old_url, "https://github.com/Uni-Example/regional-studies"), encoding="utf-8")
    assert addresses.repository(config) == ("https://github.com/Uni-Example/regional-studies", _branch)
    assert addresses.site_url(config) == "https://uni-example.github.io/regional-studies/"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "html:\n", "html:\n  baseurl: https://teaching.example.edu/rs/\n", 1
        ),
        encoding="utf-8",
    )
    assert addresses.site_url(config) == "https://teaching.example.edu/rs/"
    assert hub_link("https://hub.example.edu", *addresses.repository(config)).count("Uni-Example") == 1


def test_colab_cell_check_reports_a_stale_cell(tmp_path):
    stale = tmp_path / "stale.ipynb"
    notebook = json.loads(NOTEBOOKS[0].read_text(encoding="utf-8"))
    notebook["cells"][1]["source"] = ["%pip install learning-regions\n"]
    stale.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert colab_cell.main(["--check", str(stale)]) == 1
    assert colab_cell.main(["--write", str(stale)]) == 0
    assert colab_cell.main(["--check", str(stale)]) == 0
    written = json.loads(stale.read_text(encoding="utf-8"))
    assert "".join(written["cells"][1]["source"]) == colab_cell.cell_source()
    assert written["cells"][2:] == notebook["cells"][2:]
