PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed

.PHONY: run test lint bench validate image-test lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/iom-bot run

# The Bot API emulator the end-to-end tests run against (telegram-test-api, pinned in package-lock.json).
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/iom-bot validate
	$(BIN)/pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

validate: $(STAMP)
	$(BIN)/iom-bot validate

bench: $(DEV_STAMP) $(NODE_STAMP)
	$(BIN)/python bench/engine_bench.py
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/telegram_bench.py
	$(BIN)/python bench/answer_lengths.py

# Builds the container without a Docker engine (buildah/podman) and checks it from the inside; needs root.
image-test: | $(BIN)/python
	bash scripts/image-test.sh

lock:
	scripts/lock.sh

clean:
	rm -rf $(VENV) node_modules
