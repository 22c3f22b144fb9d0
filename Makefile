# followkit — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The bundled sample is built around this date (SPEC §7); `make run` reports as of it.
SAMPLE_AS_OF := 2026-11-20
SAMPLE_SEED  := 2026

.PHONY: run test lint data bench clean check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "followkit needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))"; exit 1; }

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-stamp: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.test-stamp: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.run-stamp

run: $(VENV)/.run-stamp
	@mkdir -p out
	$(BIN)/followkit report data/sample_tracker.xlsx --as-of $(SAMPLE_AS_OF) \
	  -o out/followkit-report-sample.xlsx

test: $(VENV)/.test-stamp
	$(BIN)/python -m pytest

lint: $(VENV)/.test-stamp
	$(BIN)/ruff check .
	$(BIN)/mypy

data: $(VENV)/.run-stamp
	$(BIN)/followkit sample data/sample_tracker.xlsx --as-of $(SAMPLE_AS_OF) --seed $(SAMPLE_SEED)
	$(BIN)/followkit sample data/sample_tracker_flat.xlsx --flat --as-of $(SAMPLE_AS_OF) \
	  --seed $(SAMPLE_SEED)
	$(BIN)/followkit template data/tracker_template.xlsx

bench: $(VENV)/.test-stamp
	$(BIN)/python benchmarks/bench_report.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
