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

help:
	@echo "make lab        set up and open the course in JupyterLab"
	@echo "make test       set up and run every test CI runs"
	@echo "make notebooks  rebuild notebooks/ and solutions/ from lessons_src/ (LESSON=03 for one)"
	@echo "make bench      print the benchmarks' figures"

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
