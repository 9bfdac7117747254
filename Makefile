# Two commands on a fresh clone:
#   make book   set up .venv and build the site into _build/html (strict)
#   make test   set up what the tests need, build the site if needed, run pytest
# Run `make help` for the rest.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HTML   := _build/html
PORT   ?= 8000
# make serve HOST=0.0.0.0 serves the site to every machine in the room.
HOST   ?= 127.0.0.1
# make check-data DATA=path checks another copy of the data.
DATA   ?= data
# make hub-link HUB=https://hub.example.edu prints an nbgitpuller link.
HUB    ?=
USER_ID ?= $(shell id -u)
# The source texts for `make check-copy` (not in the repository: copyright).
SHARED ?= ../shared
CHROMIUM ?= /usr/bin/chromium
PAPER    ?= A4
# The print edition (companion_tools/print_edition): PDFs of the built site.
PRINT_PDFS = CHROMIUM=$(CHROMIUM) $(BIN)/python -m companion_tools.print_edition --site $(HTML) --paper $(PAPER)

# Stamps record that an install step ran against the current pinned files.
BOOK_ENV := $(VENV)/.book-env
TEST_ENV := $(VENV)/.test-env
NODE_ENV := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help book pdf test test-unit test-site test-browser test-live test-slow check-data serve lab clean clean-all requirements benchmark check-copy browser java notebooks-clean live-wheels audit lint hub-link notebooks-colab

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Two packages of this repository, both editable: the runtime (learning_regions,
# what notebooks and the browser import) and the book's tooling (tools/).
$(BOOK_ENV): requirements.txt pyproject.toml tools/pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . -e tools
	@touch $@

# Browser-side files the build copies into the site (topojson for maps, the
# Pyodide runtime): pinned in package.json, locked in package-lock.json.
$(NODE_ENV): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to build the book (Node.js 18 or later): install Node.js, e.g. apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(TEST_ENV): $(BOOK_ENV) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	@touch $@

book: $(BOOK_ENV) $(NODE_ENV) browser ## set up .venv, run every notebook, build the site strictly into _build/html, with its PDFs
	@$(BIN)/python -m companion_tools.colab_cell --write notebooks/*.ipynb
	$(BIN)/python -m companion_tools.build --warningiserror --nitpick --keep-going
	$(PRINT_PDFS)
	@echo
	@echo "The site is in $(HTML)/. Opened from disk (file://, as Jupyter Book suggests above) the live"
	@echo "notebooks cannot start: browsers run them only from a web server. Read the site with: make serve"

pdf: $(BOOK_ENV) browser ## print the built site as PDFs into _build/html/pdf/ (PAPER=Letter for US Letter; make book runs it)
	@test -f $(HTML)/index.html || { echo "No built site in $(HTML): run make book (it prints the PDFs too)."; exit 1; }
	$(PRINT_PDFS)

browser: ## make sure headless Chromium and poppler-utils are installed (apt, when run as root)
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Chromium at $(CHROMIUM)."; \
	  echo "Install it with:  sudo apt-get install chromium   (Debian/Ubuntu)"; \
	  echo "or point CHROMIUM=/path/to/chromium at another build."; \
	  exit 1; \
	fi
	@if command -v pdfinfo >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's poppler-utils for the PDFs (pdfinfo, pdftotext)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	else \
	  echo "The PDFs need poppler-utils (pdfinfo, pdftotext): sudo apt-get install poppler-utils"; \
	  exit 1; \
	fi

java: ## make sure Java is installed for the Nu HTML checker (vnu-jar, in package.json) that the tests run (apt, as root)
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's default-jre-headless for the Nu HTML checker..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else \
	  echo "The HTML check (tests/test_valid_html.py) needs Java: sudo apt-get install default-jre-headless"; \
	  exit 1; \
	fi

test: $(TEST_ENV) browser java book lint ## set up, build the site if stale, lint, run every test (the front end's, then all five tiers in one run)
	npm test
	$(PYTEST)

# Test tiers (tests/tiers.py puts every test in exactly one): each runs alone.
PYTEST := CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -n 2
NEED_SITE = @test -f $(HTML)/index.html || { echo "No built site in $(HTML)/: run make book first (make test builds it)."; exit 1; }

# The unit tier is pointed at a site and a Chromium that do not exist, so a
# unit test that needs either fails here, not only on a machine without them.
test-unit: $(TEST_ENV) $(NODE_ENV) ## tests that need no build: no site, no browser, no kernel (under a minute), and the front end's (npm test)
	npm test
	LR_SITE=$(CURDIR)/_build/no-site-in-the-unit-tier CHROMIUM=/no-browser-in-the-unit-tier $(BIN)/python -m pytest -n 2 -m unit

test-site: $(TEST_ENV) ## tests that read the built site in _build/html (no browser; make book first)
	$(NEED_SITE)
	$(PYTEST) -m site

test-browser: $(TEST_ENV) $(NODE_ENV) browser java ## headless Chromium against the built site (make book first)
	$(NEED_SITE)
	$(PYTEST) -m browser

test-live: $(TEST_ENV) $(NODE_ENV) browser ## Python in the browser: the JupyterLite notebook and the in-page widgets (make book first)
	$(NEED_SITE)
	$(PYTEST) -m live

test-slow: $(TEST_ENV) $(NODE_ENV) ## jupyter-book builds of tests/books/ and the notebooks in fresh kernels
	$(PYTEST) -m slow

# The loader is standard library only: no .venv needed.
check-data: ## validate data/ with the loader and print only the verdict (DATA=folder for another copy)
	@PYTHONPATH=. $(PYTHON) -m learning_regions.check $(DATA)

# What ruff checks: the package, the tests, the benchmarks and the notebooks
# (rules in pyproject.toml, [tool.ruff]).
LINTED := learning_regions tools tests benchmarks notebooks hatch_build.py
# The formatter's layout (ruff format) for the Python files; the notebooks' cells keep theirs.
FORMATTED := learning_regions tools tests benchmarks hatch_build.py

lint: $(TEST_ENV) $(NODE_ENV) ## check the code and notebooks with ruff, the front end with tsc, the workflows with zizmor (all pinned)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check --quiet $(FORMATTED)
	npm run lint
	$(BIN)/zizmor --offline --quiet .github/workflows

serve: ## serve the built site (HOST=0.0.0.0 to serve a room; PORT=8000) and print the addresses to open
	@if [ ! -x $(BIN)/python ] || [ ! -f $(HTML)/index.html ]; then \
	  echo "There is no built site to serve yet: run make book first (it sets up .venv and builds $(HTML)/)."; \
	  exit 1; \
	fi
	@$(BIN)/python -m companion_tools.site_server $(HTML) --host $(HOST) --port $(PORT)

# JupyterLab refuses to start as root unless told to; containers and many lab
# machines run as root, so `make lab` passes --allow-root there and says so.
LAB_ROOT := $(if $(filter 0,$(USER_ID)),--allow-root)

lab: $(BOOK_ENV) ## open JupyterLab on notebooks/ with the book's environment
	@$(if $(LAB_ROOT),echo "Running as root: starting JupyterLab with --allow-root (it refuses root otherwise).")
	$(BIN)/jupyter lab $(LAB_ROOT) notebooks/

hub-link: ## print an nbgitpuller link that opens the notebooks on a JupyterHub: make hub-link HUB=https://...
	@PYTHONPATH=tools $(PYTHON) -m companion_tools.hub_link "$(HUB)"

# Each benchmark prints its figures beside their budgets and asserts nothing.
# book.py and rebuild.py build copies in temporary folders; pdf.py and
# classview.py measure the built site in $(HTML) (built first if missing).
benchmark: $(TEST_ENV) $(NODE_ENV) browser ## print build and rebuild times, sizes, page weights, Lighthouse, live kernel and widget times, audit, PDF times, the class view's times
	CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/book.py
	CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/rebuild.py
	@test -f $(HTML)/index.html || $(MAKE) --no-print-directory book
	CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/pdf.py --paper $(PAPER)
	CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/classview.py --site $(HTML)

audit: $(TEST_ENV) ## check the pinned requirements for known vulnerabilities (needs PyPI's JSON API)
	$(BIN)/pip-audit -r requirements.txt -r requirements-dev.txt --no-deps --disable-pip --progress-spinner off

check-copy: ## check that no sentence of the source texts was copied (needs the source texts in ../shared)
	@if [ ! -f "$(SHARED)/tools/check_no_copy.py" ]; then \
	  echo "make check-copy compares the chapters with the source texts, and those texts are not in this"; \
	  echo "repository: they are under their publishers' copyright. It looks for them (and the check tool)"; \
	  echo "in $(SHARED)/ and did not find $(SHARED)/tools/check_no_copy.py. See 'Contributing' in README.md"; \
	  echo "for how to get them; with them elsewhere, run: make check-copy SHARED=/path/to/shared"; \
	  exit 1; \
	fi
	$(PYTHON) $(SHARED)/tools/check_no_copy.py .

requirements: $(TEST_ENV) ## regenerate the pinned requirement files from the *.in files
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe requirements.in -o requirements.txt
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe requirements-dev.in -o requirements-dev.txt
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe requirements-notebooks.in -o requirements-notebooks.txt
	@echo "If requirements-notebooks.txt changed, run make notebooks-colab (the Colab cells name its versions)."

notebooks-colab: ## rewrite each notebook's hidden Colab set-up cell (after a version or pin change)
	PYTHONPATH=tools $(PYTHON) -m companion_tools.colab_cell --write notebooks/*.ipynb

live-wheels: $(BOOK_ENV) $(NODE_ENV) ## re-pin the live kernel's wheels (after changing requirements or pyodide)
	$(BIN)/python -m companion_tools.sphinx.pyodide pin

notebooks-clean: $(BOOK_ENV) ## strip outputs from the notebooks before committing
	$(BIN)/jupyter nbconvert --log-level=WARN --clear-output --inplace --ClearMetadataPreprocessor.enabled=True \
	  --ClearMetadataPreprocessor.preserve_cell_metadata_mask=tags --ClearMetadataPreprocessor.preserve_cell_metadata_mask=mystnb \
	  --ClearMetadataPreprocessor.preserve_nb_metadata_mask=kernelspec --ClearMetadataPreprocessor.preserve_nb_metadata_mask=language_info \
	  notebooks/*.ipynb

clean: ## remove the built site (keeps the execution cache)
	rm -rf $(HTML) _build/.doctrees

clean-all: ## remove every build product, the cache and the environments
	rm -rf _build $(VENV) node_modules
