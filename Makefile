# Quick start: `make demo`, then `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CREATED := $(VENV)/.created
DB     ?= data/p2pnews.duckdb

.PHONY: demo test install bench clean

# The venv counts as made only once pip is in it: a run killed half-way (Ctrl-C, a dead CI
# job) leaves no stamp, and the next run builds the venv again instead of failing on it.
$(CREATED):
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $(CREATED)

$(STAMP): $(CREATED) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/p2pnews --db $(DB) demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/extract_eval.py
	$(BIN)/python bench/events_eval.py
	$(BIN)/python bench/store_bench.py

clean:
	rm -rf $(VENV) data build *.egg-info
