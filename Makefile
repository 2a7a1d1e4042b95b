# CEM Workshop — `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
ADDRESS ?= 0.0.0.0

.PHONY: run test lint format bench screens clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	@echo "CEM Workshop: open http://localhost:$(PORT) on this computer (you are the facilitator)."
	@echo "Phones on the same Wi-Fi join with the link and QR code shown in the app."
	$(BIN)/python -m cemworkshop --server.port $(PORT) --server.address $(ADDRESS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/pytest

# Speed, scale and data safety on a generated large workshop; writes docs/benchmarks.md.
bench: $(VENV)/.installed-dev
	$(BIN)/python -m tests.bench.run

# The screenshot gallery of the main screens (docs/screens/, German and English).
screens: $(VENV)/.installed-dev
	$(BIN)/python -m tests.screens --lang de
	$(BIN)/python -m tests.screens --lang en

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
