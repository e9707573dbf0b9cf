# jixiao — `make test` and `make demo` set up everything on a fresh machine, then run.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell scripts/find-python)
# The PostgreSQL pass of the storage tests; skipped with a message when nothing answers there.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.DEFAULT_GOAL := help
.PHONY: help install system test test-sqlite test-postgres demo lint schema

help:
	@echo "make demo   — install everything and run the demo on http://127.0.0.1:8000"
	@echo "make test   — install everything and run the whole test suite (SQLite and PostgreSQL passes side by side)"
	@echo "make lint   — ruff, mypy and the import contracts (lint-imports)"

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[web,dev,batch]'
	touch $@

install: $(VENV)/.installed

system:
	scripts/install-system-deps

test: install system
	scripts/run-tests

test-sqlite:
	$(BIN)/python -m pytest

test-postgres:
	DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python -m pytest -m django_db tests/web

demo: install system
	$(BIN)/jixiao demo

lint: install
	$(BIN)/ruff check src tests benchmarks scripts/import_contracts.py
	$(BIN)/mypy
	PYTHONPATH=src $(BIN)/lint-imports

schema: install
	$(BIN)/jixiao schema > docs/schema/report-1.json
