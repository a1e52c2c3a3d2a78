# newsledger: `make run` analyzes the bundled examples, `make test` runs the test suite.
# Both create .venv on first use and install the pinned, hash-checked dependencies.

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= ledger.db

.PHONY: run test lint lock schema screenshots clean install install-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files so that a second `make` does not reinstall anything.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: $(VENV)/.installed
	$(BIN)/newsledger analyze examples/ --db $(DB)
	$(BIN)/newsledger show --all --db $(DB)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench

# Regenerate the lock files after changing dependencies in pyproject.toml (needs uv; not part of run/test).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes \
		-c requirements.lock -o requirements-dev.lock

# Regenerate docs/schema.json from the record types in model.py.
schema: $(VENV)/.installed
	$(BIN)/python -m newsledger.schema > docs/schema.json

# Refresh the README's screenshots (docs/screenshots/) with the browser test; needs Debian's chromium.
screenshots: $(VENV)/.installed-dev
	NEWSLEDGER_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_web_browser.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
