# One task runner, the same commands locally and in CI.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: install into .venv and serve the app at http://$(HOST):$(PORT)
run: $(STAMP)
	$(BIN)/mockloop serve --host $(HOST) --port $(PORT)

## test: install the test extras and run every test
test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mockloop validate
	$(BIN)/python -m pytest

## lint: ruff
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks

## bench: the speed measurements in benchmarks/
bench: $(STAMP)
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
