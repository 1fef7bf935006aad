# smmlab course kit. `make lab` opens the course, `make test` runs every check.
# Needs a Unix shell and Python >= 3.11; on Windows follow the pip steps in README.md.
# Everything installs into ./.venv; it is reinstalled only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
VENV_PY := $(VENV)/bin/python
STAMP := $(VENV)/.smmlab-installed
LINT_PATHS := $(wildcard smmlab tests benchmarks)
NBVAL_ARGS := --nbval-lax --nbval-current-env --nbval-cell-timeout=120 -p no:cacheprovider

export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Tests record learner progress in a throwaway folder, never in the tester's own.
NB_HOME := $(abspath $(VENV))/test-home

.DEFAULT_GOAL := help
.PHONY: help install lab test test-browser test-brands lint unit notebooks bench lessons hub-env \
	datasets clean distclean

help:
	@echo "smmlab make targets:"
	@echo "  make lab           set up .venv (first time only) and open the course in JupyterLab"
	@echo "  make test          lint + unit tests, every lesson notebook run and graded, and the"
	@echo "                     browser tests on a few notebooks (what CI runs; see tests/README.md)"
	@echo "  make test-browser  every lesson, both forms, run in JupyterLab in Chromium"
	@echo "                     (SMMLAB_BROWSER=all; CI runs it after make test)"
	@echo "  make test-brands   every solution notebook on 8 random learners' brands, and the"
	@echo "                     scenario contracts (CI runs it; make test tries 2 brands)"
	@echo "  make lint          ruff check smmlab, tests and benchmarks"
	@echo "  make unit          the tests in tests/ and the docstring examples (make test minus lint)"
	@echo "  make notebooks     every notebook once more in real kernels, with nbval (optional:"
	@echo "                     make test already runs them; for a check without the test suite)"
	@echo "  make lessons       rebuild notebooks/ and instructors/ from smmlab/lessons/ (smmlab build)"
	@echo "  make bench         run the benchmarks in benchmarks/ (first cell, data engine, detector,"
	@echo "                     checks, grader)"
	@echo "  make datasets      regenerate the frozen CSVs in datasets/ (smmlab generate --canonical)"
	@echo "  make hub-env       (root) a user environment for the JupyterHub end-to-end test at"
	@echo "                     /opt/smmlab-hub-env, and configurable-http-proxy (CI runs it)"
	@echo "  make install       only set up .venv with smmlab and its test tools"
	@echo "  make clean         remove caches and build outputs (keeps .venv)"
	@echo "  make distclean     clean, and remove .venv too"
	@echo "Variables: PYTHON=$(PYTHON) (the interpreter that creates .venv)"

# A fresh machine: create the virtual environment.
$(VENV_PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "smmlab needs Python 3.11 or newer; try: make PYTHON=python3.12 $(MAKECMDGOALS)"; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)

# Install smmlab (editable) with its test extra; redone only when pyproject.toml changes.
$(STAMP): pyproject.toml | $(VENV_PY)
	$(VENV_PY) -m pip install -e ".[test,it]"
	@touch $@

install: $(STAMP)

# Jupyter refuses to run as root (containers, some lab machines) unless told it is on purpose.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/ $(ROOT_FLAG)

# Every notebook is run by tests/test_lessons.py (in-process, then in the grader's kernels);
# tests/browser opens SUBSET of them in JupyterLab. tests/README.md says which run checks what.
test: lint unit

lint: $(STAMP)
	$(VENV_PY) -m ruff check $(LINT_PATHS)

# Unit tests, and every Examples section of the library's docstrings run as a doctest.
unit: $(STAMP)
	SMMLAB_HOME=$(NB_HOME) $(VENV_PY) -m pytest tests smmlab --doctest-modules -p no:cacheprovider

# Every lesson notebook, learner and solution form, opened and run in JupyterLab in the system
# Chromium (make test opens only a few; tests/browser/test_jupyterlab.py says which and why).
test-browser: $(STAMP)
	SMMLAB_HOME=$(NB_HOME) SMMLAB_BROWSER=all \
		$(VENV_PY) -m pytest tests/browser -p no:cacheprovider

# Every solution notebook on 8 random learner brands (make test tries 2): the stories the prose
# tells must hold on any learner's data. SMMLAB_BRAND_SEED=N replays a run's learner ids.
test-brands: $(STAMP)
	SMMLAB_HOME=$(NB_HOME) SMMLAB_BRANDS=8 \
		$(VENV_PY) -m pytest tests/test_learner_brands.py $(wildcard tests/test_contracts_*.py) \
		-p no:cacheprovider

# Every lesson in both forms, in real kernels with nbval (not part of make test, which runs them
# in tests/test_lessons.py). SMMLAB_EXPECT makes each q.check() assert its outcome: the learner
# notebooks must say "not attempted" everywhere, the solution notebooks "correct" everywhere.
notebooks: $(STAMP)
	$(VENV_PY) -m smmlab.cli build --check
	SMMLAB_HOME=$(NB_HOME) SMMLAB_EXPECT=not_attempted \
		$(VENV_PY) -m pytest $(NBVAL_ARGS) notebooks --ignore=notebooks/solutions \
		$(addprefix --ignore=,$(wildcard notebooks/*/solutions))
	SMMLAB_HOME=$(NB_HOME) SMMLAB_EXPECT=correct \
		$(VENV_PY) -m pytest $(NBVAL_ARGS) notebooks/solutions $(wildcard notebooks/*/solutions)

# A user environment the hub's accounts can run (like TLJH's /opt/tljh/user): the system
# Python, this checkout of smmlab and JupyterHub, plus configurable-http-proxy from npm. Used by
# tests/browser/test_hub_e2e.py (skipped without it); needs root. HUB_ENV=DIR elsewhere.
HUB_ENV ?= /opt/smmlab-hub-env
HUB_PYTHON ?= /usr/bin/python3
hub-env:
	test -x $(HUB_ENV)/bin/python || $(HUB_PYTHON) -m venv $(HUB_ENV)
	$(HUB_ENV)/bin/python -m pip install -q --upgrade . "jupyterhub>=5,<7"
	$(HUB_ENV)/bin/python -m pip install -q --force-reinstall --no-deps .
	command -v configurable-http-proxy >/dev/null || npm install -g -q configurable-http-proxy

bench: $(STAMP)
	$(VENV_PY) benchmarks/bench_first_cell.py
	$(VENV_PY) benchmarks/bench_synth.py
	$(VENV_PY) benchmarks/bench_detect.py --hour-starts
	$(VENV_PY) benchmarks/bench_exercises.py
	$(VENV_PY) benchmarks/bench_grade.py

lessons: $(STAMP)
	$(VENV_PY) -m smmlab.cli build

datasets: $(STAMP)
	$(VENV)/bin/smmlab generate --canonical

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache .hypothesis benchmarks/results
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o -type d \
		\( -name __pycache__ -o -name .ipynb_checkpoints \) -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
