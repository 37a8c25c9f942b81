# Two entry points (see README): `make run` builds and serves, `make test` runs every test.
# Each bootstraps .venv from pyproject.toml; nothing needs installing by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
MUTATION_STAMP := $(VENV)/.installed-mutation

.PHONY: run test lint format build venv clean bench bench-full mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/kg build --if-needed
	$(BIN)/kg serve

build: $(STAMP)
	$(BIN)/kg build

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff's checks and the formatter's check alone (the suite runs them too: tests/test_lint.py)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# the formatter applied ([tool.ruff.format] in pyproject.toml)
format: $(STAMP)
	$(BIN)/ruff format .

# The benchmark of issue 5 (README "Benchmark"): `make bench` (quick, 10k triples), `make bench MODE=full`
# or `make bench-full` (10k, 100k, 1M); needs wrk (Debian). Tables in test-artifacts/bench/.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench --mode $(or $(MODE),quick) $(BENCH_ARGS)

bench-full: $(BENCH_STAMP)
	$(BIN)/python -m bench --mode full $(BENCH_ARGS)

# Mutation testing (README "Mutation testing"): mutmut over the modules whose promises the README makes in bold
# ([tool.mutmut] in pyproject.toml), then the score per module and every survivor. Not in CI: about 15 minutes.
$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutation]'
	touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(or $(JOBS),2)
	$(BIN)/python -m tests.mutation_report

clean:
	rm -rf publication .pytest_cache mutants
