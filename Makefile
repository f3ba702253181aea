# aimskit — the two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO   ?= build/demo

.PHONY: demo test venv docs clean mutate

$(BIN)/aimskit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(BIN)/aimskit

demo: venv
	rm -rf $(DEMO)
	AIMSKIT_NO_GIT_COMMIT= $(BIN)/aimskit new --no-input -o build organisation_name="Northwind Analytics" project_slug=demo
	$(BIN)/aimskit --repo $(DEMO) validate
	$(BIN)/aimskit --repo $(DEMO) build --strict
	@echo
	@echo "Example AIMS generated and valid: $(DEMO)"
	@echo "Its site: open $(DEMO)/site/index.html (or run: $(BIN)/aimskit --repo $(DEMO) serve)"

test: venv
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -n auto

docs: venv
	$(BIN)/python scripts/generate_reference.py docs
	rm -rf build/docs-bake
	AIMSKIT_NO_GIT_COMMIT= $(BIN)/aimskit new --no-input -o build/docs-bake organisation_name="Northwind Analytics" project_slug=aims
	$(BIN)/python scripts/docs_outputs.py build/docs-bake/aims
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf build .pytest_cache

# Mutation testing (not part of `make test`): mutmut over governance/, readiness/ and site/render/
# (configured in pyproject.toml). The three folders hold about 11,600 mutants, hours on two cores,
# so it runs a seeded random sample of MUTATE_SAMPLE mutants per folder (about 40 min) and reports
# each folder's score with its 95% interval; `make mutate MUTATE_SAMPLE=all` runs every mutant.
MUTATE_SAMPLE ?= 120
MUTATE_SEED ?= 42

mutate: venv
	rm -rf mutants
	AIMSKIT_MUTATE_SAMPLE=$(MUTATE_SAMPLE) AIMSKIT_MUTATE_SEED=$(MUTATE_SEED) \
		$(BIN)/python scripts/mutate.py run --max-children 2
	AIMSKIT_MUTATE_SAMPLE=$(MUTATE_SAMPLE) AIMSKIT_MUTATE_SEED=$(MUTATE_SEED) $(BIN)/python scripts/mutate.py report
