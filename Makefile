PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint bench validate clean

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

test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/iom-bot validate
	$(BIN)/pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

validate: $(STAMP)
	$(BIN)/iom-bot validate

bench: $(DEV_STAMP)
	$(BIN)/python bench/engine_bench.py

clean:
	rm -rf $(VENV) node_modules
