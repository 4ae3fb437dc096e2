# Two entry points for a fresh machine with python3 and make:
#   make run    set up .venv and print a real evaluation for a sample applicant
#   make check  set up .venv with every tool and run the whole gate
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run check lint typecheck test docs doctest docs-then-doctest benchmarks schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/step2score 241 --taken-on 2025-09-15 --specialty dermatology --applicant non-us-img --program-tier top --attempts-used 1

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# One pytest worker per core (pytest-xdist); pytest-cov combines the workers' coverage before the floor is checked.
test: $(VENV)/.installed-dev
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -n auto --cov --cov-report=term:skip-covered

# docs and doctest share one pickled environment (DOCTREES): whichever runs second reads no source again,
# so the tutorial is executed once, by the first; run them one after the other, never at the same time.
DOCTREES := docs/_build/doctrees

docs: $(VENV)/.installed-dev
	$(BIN)/sphinx-build -n -W --keep-going -b html -d $(DOCTREES) docs docs/_build/html

doctest: $(VENV)/.installed-dev
	$(BIN)/sphinx-build -n -W --keep-going -b doctest -d $(DOCTREES) docs docs/_build/doctest

# The gate. typecheck runs on one core while docs then doctest run on the other (--output-sync keeps each
# target's output in one piece); the tests run last, on every core, and find mypy's cache warm.
check: $(VENV)/.installed-dev
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory -j2 --output-sync=target typecheck docs-then-doctest
	$(MAKE) --no-print-directory test

docs-then-doctest: $(VENV)/.installed-dev
	$(MAKE) --no-print-directory docs
	$(MAKE) --no-print-directory doctest

benchmarks: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) docs/_build .mypy_cache .pytest_cache .ruff_cache .hypothesis

schema: $(VENV)/.installed-dev
	$(BIN)/step2score schema > src/step2score/data/evaluation.schema.json
	$(BIN)/python -c "import json; from step2score.serialization import generate_request_schema as g; print(json.dumps(g(), indent=2))" > src/step2score/data/request.schema.json
