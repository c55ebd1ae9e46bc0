# One command per job. Each bootstraps .venv (pinned tools) when it is missing or
# when pyproject.toml / constraints.txt changed, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: generate check lint typecheck test pytest demo bench lock clean dist api-changes api-baseline

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

## check: lint and validate the spec; fail (printing the diff) if the committed generated code is stale
check: $(STAMP)
	scripts/check.sh

## lint: ruff on the code; jactionlint on the CI workflow (scripts/lint-workflows.sh)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	scripts/lint-workflows.sh

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

## test: everything CI runs — spec lint, validation, drift check and API gate, ruff, workflow lint, mypy --strict, pytest, dist
test: check lint typecheck pytest dist

## dist: build the sdist and wheel, twine check --strict, smoke-test the wheel in a fresh venv
dist: $(STAMP)
	scripts/dist.sh

## api-changes: the public-API changes since the last release, for the CHANGELOG.md entry
api-changes: $(STAMP)
	@$(BIN)/python scripts/api_surface.py changes

## api-baseline: release step — make the current public API, at pyproject.toml's version, the baseline
api-baseline: $(STAMP)
	$(BIN)/python scripts/api_surface.py baseline

## demo: start the fake Models API locally and use the client against it (no key needed)
demo: $(STAMP)
	$(BIN)/python scripts/demo.py

## bench: side-by-side performance against raw httpx and the official SDK, and the audit against grep (about 12 minutes)
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
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis dist
