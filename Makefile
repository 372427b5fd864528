# bookbuild: `make book` builds every book in manuscript/, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book test lint bench clean

# System libraries WeasyPrint loads at run time (pango is on the machine; font subsetting is not).
SYSTEM_LIBS := libharfbuzz-subset0

$(STAMP): pyproject.toml
	@ldconfig -p | grep -q libharfbuzz-subset || { \
	  command -v apt-get >/dev/null && (apt-get update -qq && apt-get install -y -qq $(SYSTEM_LIBS)) >/dev/null; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/bookbuild build

test: $(STAMP)
	$(BIN)/ruff check bookbuild tests
	$(BIN)/python -m pytest -q

# Each bench/*.py script measures one stage and prints its figures.
bench: $(STAMP)
	@for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check bookbuild tests

clean:
	rm -rf dist .pytest_cache
