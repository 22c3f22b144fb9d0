# followkit — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The bundled sample is built around this date (SPEC §7); `make run` reports as of it.
SAMPLE_AS_OF := 2026-11-20
SAMPLE_SEED  := 2026
PORT         ?= 8866

.PHONY: run report lab weekly browser render axe test lint data bench screenshot clean check-python wheel \
  hub-check print-check

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "followkit needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))"; exit 1; }

PIP := $(BIN)/python -m pip --disable-pip-version-check

$(BIN)/python: | check-python
	@echo "Setting up followkit in $(VENV) (the first time only; a few minutes)..."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install -q --upgrade pip

# `make run` installs followkit itself (not in editable mode: that is for developers, and
# setuptools warns about it); `make test` installs it editable with the test extras.
$(VENV)/.run-stamp: pyproject.toml | $(BIN)/python
	@echo "Installing followkit and what it needs..."
	@$(PIP) install -q .
	@rm -rf build
	@touch $@

$(VENV)/.test-stamp: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[test]'
	@# Strip notebook outputs on every commit (clients' data must never land in git).
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean "$(CURDIR)/$(BIN)/nbstripout --keep-id" && \
	  git config filter.nbstripout.smudge cat && \
	  git config diff.ipynb.textconv "$(CURDIR)/$(BIN)/nbstripout -t"; fi
	@touch $@ $(VENV)/.run-stamp

# Prints the address to open, with this start's token (only that address shows the data).
run: $(VENV)/.run-stamp
	@$(BIN)/followkit dashboard data/sample_tracker.xlsx --as-of $(SAMPLE_AS_OF) --port $(PORT)

report: $(VENV)/.run-stamp
	@mkdir -p out
	$(BIN)/followkit report data/sample_tracker.xlsx --as-of $(SAMPLE_AS_OF) \
	  -o out/followkit-report-sample.xlsx

# JupyterLab on the notebooks, with the venv's own kernel first (JUPYTER_PATH), and
# nothing asked of the internet (no update check, news or extension search).
LAB_FLAGS := --ServerApp.ip=127.0.0.1 \
  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
  --LabApp.news_url=None --LabApp.extension_manager=readonly \
  $(if $(filter 0,$(shell id -u)),--allow-root)

# Print the sample report (and one worker's) to PDF with LibreOffice, and the first
# To Do page to PNG, to look at (docs/printing.md). Needs soffice and pdftoppm.
print-check: $(VENV)/.run-stamp
	@mkdir -p out/print
	$(BIN)/followkit report data/sample_tracker.xlsx --as-of $(SAMPLE_AS_OF) -o out/print/sample.xlsx
	$(BIN)/followkit report data/sample_tracker.xlsx --as-of $(SAMPLE_AS_OF) \
	  --worker "Priya Sharma" --no-contacts -o out/print/priya.xlsx
	soffice --headless --convert-to pdf --outdir out/print out/print/sample.xlsx \
	  out/print/priya.xlsx >/dev/null
	pdftoppm -r 80 -f 1 -l 4 -png out/print/sample.pdf out/print/sample
	pdftoppm -r 80 -f 1 -l 4 -png out/print/priya.pdf out/print/priya
	@echo "look at out/print/*.png and out/print/*.pdf"

lab: $(VENV)/.run-stamp
	$(BIN)/python -m pip install -q -e '.[lab]'
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(BIN)/jupyter lab $(LAB_FLAGS) notebooks/

weekly: $(VENV)/.test-stamp
	@mkdir -p out
	$(BIN)/papermill notebooks/weekly_report.ipynb out/weekly_report.ipynb \
	  -p input_path ../data/sample_tracker.xlsx -p as_of $(SAMPLE_AS_OF) \
	  -p output_path ../out/weekly-report.xlsx --cwd notebooks

# The browser test drives Debian's chromium; install it once (idempotent).
browser:
	@if [ -x /usr/bin/chromium ]; then \
	  echo "chromium: $$(/usr/bin/chromium --version 2>/dev/null)"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	    >/dev/null || echo "!!! chromium could not be installed: the browser test will not run"; \
	elif command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium >/dev/null || echo "!!! chromium could not be installed"; \
	else \
	  echo "!!! no chromium and no way to install it here: the BROWSER TEST WILL BE SKIPPED"; \
	  echo "!!! (in CI, with CI=true, a missing browser fails the run)"; \
	fi

# axe-core for the accessibility browser test, from the npm registry (once; idempotent).
AXE := tests/.npm/node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE):
	@command -v npm >/dev/null 2>&1 && \
	  npm install --silent --no-audit --no-fund --prefix tests/.npm axe-core@4 || \
	  echo "!!! npm or the registry unavailable: the ACCESSIBILITY TEST WILL BE SKIPPED"

# LibreOffice and poppler render the report to PDF for the print test (once; idempotent).
render:
	@if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && \
	  { ! command -v apt-get >/dev/null 2>&1 || dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || \
	    dpkg -s libreoffice-writer >/dev/null 2>&1; }; then \
	  echo "soffice: $$(soffice --version 2>/dev/null | head -1)"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's libreoffice-calc, -writer-nogui and poppler-utils for the print tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends libreoffice-calc libreoffice-writer-nogui poppler-utils >/dev/null || \
	    echo "!!! LibreOffice could not be installed: the print test will not run"; \
	else \
	  echo "!!! no LibreOffice and no way to install it here: the PRINT TEST WILL BE SKIPPED"; \
	  echo "!!! (in CI, with CI=true, a missing LibreOffice fails the run)"; \
	fi

test: $(VENV)/.test-stamp browser render $(AXE)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(VENV)/.test-stamp
	$(BIN)/ruff check .
	$(BIN)/mypy

data: $(VENV)/.run-stamp
	$(BIN)/followkit sample data/sample_tracker.xlsx --as-of $(SAMPLE_AS_OF) --seed $(SAMPLE_SEED)
	$(BIN)/followkit sample data/sample_tracker_flat.xlsx --flat --as-of $(SAMPLE_AS_OF) \
	  --seed $(SAMPLE_SEED)
	$(BIN)/followkit template data/tracker_template.xlsx

# The wheel an IT person installs on a shared workstation or a JupyterHub (README).
wheel: $(VENV)/.run-stamp
	$(BIN)/python -m pip wheel -q --no-deps -w dist .
	@ls dist/followkit-*.whl

# Try deploy/jupyterhub_config.py here: JupyterHub on loopback, a dummy login, a
# worker's server opening on the dashboard (docs/deploy.md).
HUB := .venv-hub
hub-check: wheel
	@test -x $(HUB)/bin/python || $(PYTHON) -m venv $(HUB)
	$(HUB)/bin/python -m pip install -q --disable-pip-version-check jupyterhub dist/followkit-*.whl
	$(HUB)/bin/python -m pip install -q --disable-pip-version-check --force-reinstall --no-deps \
	  dist/followkit-*.whl
	@test -x $(HUB)/node/node_modules/.bin/configurable-http-proxy || \
	  npm install --silent --prefix $(HUB)/node configurable-http-proxy
	$(HUB)/bin/python deploy/hub_check.py $(CURDIR)/$(HUB)/node/node_modules/.bin/configurable-http-proxy

# Prints loading and report / floor beside benchmarks/BEFORE.md's; on a machine shared
# with other jobs, time in CPU seconds: make bench BENCH=--cpu
BENCH ?=
bench: $(VENV)/.test-stamp
	$(BIN)/python benchmarks/bench_report.py $(BENCH)

# Refresh the README's screenshot from the browser test's latest run.
screenshot: $(VENV)/.test-stamp browser $(AXE)
	$(BIN)/python -m pytest -q tests/test_browser.py tests/test_dashboard_ux.py
	cp out/dashboard-1366.png docs/dashboard.png

clean:
	rm -rf $(VENV) $(HUB) out build dist .pytest_cache .mypy_cache .ruff_cache
