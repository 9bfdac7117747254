# Two commands on a fresh clone:
#   make book   set up .venv and build the site into _build/html (strict)
#   make test   set up what the tests need, build the site if needed, run pytest
# Run `make help` for the rest.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HTML   := _build/html
PORT   ?= 8000
CHROMIUM ?= /usr/bin/chromium
PAPER    ?= A4
# The print edition (learning_regions/print_edition): PDFs of the built site.
PRINT_PDFS = CHROMIUM=$(CHROMIUM) $(BIN)/python -m learning_regions.print_edition --site $(HTML) --paper $(PAPER)

# Stamps record that an install step ran against the current pinned files.
BOOK_ENV := $(VENV)/.book-env
TEST_ENV := $(VENV)/.test-env
NODE_ENV := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help book pdf test serve lab clean clean-all requirements benchmark check-copy browser notebooks-clean live-wheels audit

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BOOK_ENV): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
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
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	$(PRINT_PDFS)
	@echo
	@echo "The site is in $(HTML)/. Read it with: make serve  (then open http://127.0.0.1:$(PORT)/)"

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

test: $(TEST_ENV) browser book ## set up, build the site if stale, run every test (unit, notebooks, browser)
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -n 2

serve: ## serve the built site on http://127.0.0.1:$(PORT)/
	$(BIN)/python -m learning_regions.site_server $(HTML) --port $(PORT)

lab: $(BOOK_ENV) ## open JupyterLab on notebooks/ with the book's environment
	$(BIN)/jupyter lab notebooks/

benchmark: $(TEST_ENV) $(NODE_ENV) browser ## print build times, sizes, page weights, Lighthouse, live kernel time, audit, PDF times
	CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/build.py
	@test -f $(HTML)/index.html || $(MAKE) --no-print-directory book
	CHROMIUM=$(CHROMIUM) $(BIN)/python benchmarks/pdf.py --paper $(PAPER)

audit: $(TEST_ENV) ## check the pinned requirements for known vulnerabilities (needs PyPI's JSON API)
	$(BIN)/pip-audit -r requirements.txt -r requirements-dev.txt --no-deps --disable-pip --progress-spinner off

check-copy: ## check that no sentence of the source texts was copied
	$(PYTHON) ../shared/tools/check_no_copy.py .

requirements: $(TEST_ENV) ## regenerate the pinned requirement files from the *.in files
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe requirements.in -o requirements.txt
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe requirements-dev.in -o requirements-dev.txt

live-wheels: $(BOOK_ENV) $(NODE_ENV) ## re-pin the live kernel's wheels (after changing requirements or pyodide)
	$(BIN)/python -m learning_regions.sphinx.live pin

notebooks-clean: $(BOOK_ENV) ## strip outputs from the notebooks before committing
	$(BIN)/jupyter nbconvert --log-level=WARN --clear-output --inplace --ClearMetadataPreprocessor.enabled=True notebooks/*.ipynb

clean: ## remove the built site (keeps the execution cache)
	rm -rf $(HTML) _build/.doctrees

clean-all: ## remove every build product, the cache and the environments
	rm -rf _build $(VENV) node_modules
