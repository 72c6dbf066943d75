# Two commands: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export SAFER_VOICES_INSTANCE_PATH ?= $(CURDIR)/instance
# setuptools tells every editable install to beware of folders named like the package: nothing to act on.
PIP_INSTALL := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet

.PHONY: run test install install-dev assets lint bench clean translations

$(BIN)/python:
	@echo "[1/4] Checking the system packages Python needs (python3-venv)..."
	./scripts/install-system-packages python3-venv
	@echo "[2/4] Making a Python environment in $(VENV)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "[3/4] Installing Safer Voices and the libraries it uses (a few minutes the first time)..."
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	@echo "[3/4] Installing Safer Voices with its test tools (a few minutes the first time)..."
	$(PIP_INSTALL) -e '.[dev]'
	touch $(VENV)/.installed $@

# Compiled catalogues (.mo) are built from the translations in the repo (.po) at install.
CATALOGUES := $(wildcard survey/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

install: $(VENV)/.installed $(COMPILED)
install-dev: $(VENV)/.installed-dev $(COMPILED)

## Extract every marked text into the template, update each language's catalogue, and list what is left
## to translate (survey/translations/tool.py; how to translate: docs/translating.md).
translations: install-dev
	$(BIN)/python -m survey.translations.tool extract
	$(BIN)/python -m survey.translations.tool missing

## Serve the app with demo data on http://127.0.0.1:$(PORT) (plain http, so cookies are not Secure).
run: install
	@echo "[4/4] Preparing the database and the demo partnership..."
	$(BIN)/safer-voices db upgrade
	$(BIN)/safer-voices demo
	@echo "Serving http://127.0.0.1:$(PORT) - sign in at http://127.0.0.1:$(PORT)/sign-in with the details above."
	SAFER_VOICES_COOKIE_SECURE=false $(BIN)/safer-voices serve --port $(PORT)

## The whole suite on SQLite and on a throwaway PostgreSQL and Redis, browser tests in Chromium included.
test: install-dev
	./scripts/install-system-packages postgresql redis-server chromium poppler-utils
	./scripts/with-postgres ./scripts/with-redis $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## Benchmarks (never part of the test run): figures go in bench/RESULTS.md by hand.
## The million-response analysis benchmark alone takes about 20 minutes on 2 cores.
bench: install-dev
	./scripts/install-system-packages postgresql
	./scripts/with-postgres sh -c '$(BIN)/python -m bench.hotspots && $(BIN)/python -m bench.bot_conversations && $(BIN)/python -m bench.report_million'

## The proof of issue 11 (never part of the test run; figures go in bench/RESULTS.md by hand).
## Each prints a markdown table and exits non-zero when its promise does not hold.
.PHONY: load submit-ratio chaos fuzz disclosure-attack
FUZZ_EXAMPLES ?= 10000
DISCLOSURE_EXAMPLES ?= 1000

## Concurrent respondents (8, 32, 128) through the demo consultation on SQLite and PostgreSQL.
load: install-dev
	./scripts/install-system-packages postgresql
	./scripts/with-postgres $(BIN)/python -m bench.load

## The final submit against a bare Flask endpoint inserting the same rows with sqlite3.
submit-ratio: install-dev
	$(BIN)/python -m bench.submit_ratio

## Faults under load: kill -9 a worker, PostgreSQL crash and restart, disk full (see chaos/README.md).
chaos: install-dev
	./scripts/install-system-packages postgresql
	$(BIN)/python -m chaos

## $(FUZZ_EXAMPLES) generated inputs per public endpoint and bot handler, fixed seed, SQLite.
fuzz: install-dev
	SAFER_VOICES_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -p no:randomly --timeout=3600 \
		tests/fuzz -k "not postgresql" $(PYTEST_ARGS)

## $(DISCLOSURE_EXAMPLES) random consultations, every public figure attacked by integer programming
## (tests/unit/test_disclosure_attack.py; about a second each; fixed seed).
disclosure-attack: install-dev
	SAFER_VOICES_DISCLOSURE_EXAMPLES=$(DISCLOSURE_EXAMPLES) $(BIN)/python -m pytest -p no:randomly \
		--timeout=36000 tests/unit/test_disclosure_attack.py $(PYTEST_ARGS)

## Rebuild webapp/static/vendor from the pinned npm packages (needs npm; the output is committed).
assets:
	./frontend/build.sh

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
