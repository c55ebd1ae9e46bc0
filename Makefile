# One command per job. Each bootstraps .venv (pinned tools) when it is missing or
# when pyproject.toml / constraints.txt changed, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: generate check lint typecheck test pytest demo bench lock clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python >= 3.11 is required (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

## generate: validate openapi.yaml and regenerate generated_client/ and the contract tests' pydantic models
generate: $(STAMP)
	scripts/generate.sh

## check: validate the spec and fail (printing the diff) if the committed generated code is stale
check: $(STAMP)
	scripts/check.sh

## lint: ruff on the code; jactionlint on the CI workflow (offline; shellcheck off,
## as it is not pinned; Python in `run:` steps checked by the pinned ruff)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/jactionlint --no-online --strict-exit --shellcheck= --ruff=$(BIN)/ruff \
		--config-file=.github/jactionlint.yaml .github/workflows/*.yml

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

## test: everything CI runs — spec validation and drift check, ruff, mypy --strict, pytest
test: check lint typecheck pytest

## demo: start the fake Models API locally and use the client against it (no key needed)
demo: $(STAMP)
	$(BIN)/python scripts/demo.py

## bench: side-by-side performance against raw httpx and the official SDK (about 3 minutes)
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

## lock: re-resolve constraints.txt (every transitive version of the dev environment)
lock:
	rm -rf $(VENV).lock
	$(PYTHON) -m venv $(VENV).lock
	$(VENV).lock/bin/python -m pip install --quiet --upgrade pip
	$(VENV).lock/bin/python -m pip install --quiet -e '.[dev]'
	{ echo "# Every package of the dev environment, pinned. Regenerate with 'make lock'."; \
	  $(VENV).lock/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf $(VENV).lock

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
