# Two commands on a fresh machine: `make run` (the chat UI on the bundled corpus), `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run chat test lint eval bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first, pinned: the local CPU build. A plain `torch` would pull a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(PY) ui.py

chat: setup
	$(PY) -m assistant chat

lint: setup
	$(PY) -m ruff check .
	$(PY) -m mypy

test: lint
	$(PY) -m pytest

eval: setup
	$(PY) -m evals

bench: setup
	$(PY) -m evals.bench

clean:
	rm -rf .chroma .pytest_cache .mypy_cache .ruff_cache
