# bookbuild: `make book` builds every book in manuscript/, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book test lint bench clean a11y

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
# pandoc: the print bench compares the PDF build with pandoc --pdf-engine=weasyprint.
bench: $(STAMP)
	@command -v pandoc >/dev/null || { apt-get update -qq && apt-get install -y -qq pandoc >/dev/null; }
	@for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

# DAISY Ace on every book's EPUB; fails on any violation. Ace drives the system Chromium
# (no browser download) and lives in node_modules/ (git-ignored); reports go to dist/ace/<slug>/.
ACE := node_modules/.bin/ace-puppeteer
ACE_VIOLATIONS := import json, sys; r = json.load(open(sys.argv[1])); \
  n = sum(len(a.get("assertions", [])) for a in r["assertions"]); outcome = r["earl:result"]["earl:outcome"]; \
  print(f"{sys.argv[2]}: {n} violation(s), outcome {outcome}"); sys.exit(n > 0 or outcome != "pass")

a11y: $(STAMP)
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	@test -x $(ACE) || npm install --silent --ignore-scripts --no-save --no-package-lock --no-audit --no-fund @daisy/ace
	$(BIN)/bookbuild build --format epub -o dist
	@for epub in dist/*.epub; do \
	  report=dist/ace/$$(basename $$epub .epub); \
	  PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium $(ACE) -s -f -E -o $$report $$epub || exit 1; \
	  $(BIN)/python -c '$(ACE_VIOLATIONS)' $$report/report.json $$epub || exit 1; \
	done

lint: $(STAMP)
	$(BIN)/ruff check bookbuild tests

clean:
	rm -rf dist .pytest_cache
