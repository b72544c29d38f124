# Leaky ReLU, hands-on. Two commands do everything:
#   make lab    set up .venv and open the course in JupyterLab
#   make test   set up .venv and run everything CI runs
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
PORT ?= 8888
LESSON ?=
JOBS ?= 2

.PHONY: setup lab test unit lint notebooks check-notebooks nbval bench clean-venv help
.PHONY: chromium test-browser slides progress

help:
	@echo "make lab        set up and open the course in JupyterLab"
	@echo "make test       set up and run every test CI runs"
	@echo "make notebooks  rebuild notebooks/ and solutions/ from lessons_src/ (LESSON=03 for one)"
	@echo "make bench      print the benchmarks' figures"
	@echo "make test-browser  every notebook in JupyterLab in headless Chromium"
	@echo "make slides     reveal.js decks of every lesson in build/slides/"
	@echo "make progress   your exercises: passed, failed, not attempted"

setup: $(STAMP)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is needed, found " + sys.version.split()[0]' \
	  || { echo "error: $(PYTHON) is older than 3.11; run 'make PYTHON=python3.11 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The stamp's name carries a hash of requirements.txt and pyproject.toml: unchanged
# requirements mean nothing is reinstalled.
$(STAMP): | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

lab: setup
	@extra=""; if [ "$$(id -u)" = "0" ]; then extra="--allow-root"; fi; \
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(PORT) --notebook-dir=notebooks $$extra

test: setup
	@bash tests/run_all.sh

unit: setup
	$(PY) -m pytest tests -q -n $(JOBS) -m "not slow"

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	$(PY) bench/bench_activations.py
	$(PY) bench/bench_widgets.py

clean-venv:
	rm -rf $(VENV)

notebooks: setup
	$(PY) -m leaky.build $(if $(LESSON),--lesson $(LESSON),)

check-notebooks: setup
	$(PY) -m leaky.build --check

# --- browser test, slides, progress -------------------------------------------------------
# Chromium comes from Debian (Playwright's own browser download does not work offline).
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = "0" ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) ; } \
	  || echo "WARNING: chromium could not be installed; the browser test will be SKIPPED"

# Every notebook (LEAKY_BROWSER_NOTEBOOKS=01,14 for a subset); make test runs a subset.
test-browser: setup chromium
	$(PY) -m pytest tests/browser -m browser -s -q -p no:cacheprovider

REVEAL_VERSION ?= 5.1.0
SLIDES_FROM ?= solutions
# reveal.js from npm into build/ (offline after the first time); nbconvert's default is a CDN.
build/reveal.js/dist/reveal.js:
	mkdir -p build/npm
	cd build/npm && npm pack --silent reveal.js@$(REVEAL_VERSION) >/dev/null
	mkdir -p build/reveal.js && tar -xzf build/npm/reveal.js-$(REVEAL_VERSION).tgz \
	  -C build/reveal.js --strip-components=1

# require.js and jQuery, which nbconvert's slides template also loads from a CDN.
build/js/require.js build/js/jquery.min.js:
	mkdir -p build/npm build/js
	cd build/npm && npm pack --silent requirejs@2.3.7 jquery@3.7.1 >/dev/null
	tar -xzf build/npm/requirejs-2.3.7.tgz -O package/require.js > build/js/require.js
	tar -xzf build/npm/jquery-3.7.1.tgz -O package/dist/jquery.min.js > build/js/jquery.min.js

slides: setup build/reveal.js/dist/reveal.js build/js/require.js build/js/jquery.min.js
	mkdir -p build/slides
	rm -rf build/slides/reveal.js build/slides/js
	cp -r build/reveal.js build/slides/reveal.js && cp -r build/js build/slides/js
	$(VENV)/bin/jupyter nbconvert --to slides $(SLIDES_FROM)/[0-9][0-9]_*.ipynb \
	  --output-dir build/slides --SlidesExporter.reveal_url_prefix=reveal.js \
	  --SlidesExporter.require_js_url=js/require.js \
	  --SlidesExporter.jquery_url=js/jquery.min.js \
	  --TagRemovePreprocessor.remove_cell_tags=banner
	@echo "open build/slides/NN_slug.slides.html (reveal.js, require.js, jQuery are local)"

progress: setup
	$(PY) -m leaky.progress
