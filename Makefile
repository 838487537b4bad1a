# Two entry points (see README): `make site` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup site check test browser npm clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Front-end packages the site ships offline (oxigraph's WebAssembly build for the query page).
npm: node_modules/.installed
node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

# The main job: check the bundled registry, then build its static site into build/site.
site: setup npm
	$(BIN)/claimgraph check
	$(BIN)/claimgraph build --out build/site

check: setup
	$(BIN)/claimgraph check

# Debian's Chromium for the browser tests (root, or sudo without a password).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: setup npm browser
	$(BIN)/python -m pytest

clean:
	rm -rf build .pytest_cache
