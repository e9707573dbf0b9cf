# jixiao — `make test` and `make demo` set up everything on a fresh machine, then run.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell scripts/find-python)

.DEFAULT_GOAL := help
.PHONY: help install system test demo lint

help:
	@echo "make demo   — install everything and run the demo on http://127.0.0.1:8000"
	@echo "make test   — install everything and run the whole test suite"
	@echo "make lint   — ruff and mypy"

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
