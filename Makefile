# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
NG := $(VENV)/bin/newsgraph
SHARED ?= ../shared
DB ?= newsgraph.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test bench lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

run: install
	$(NG) ingest samples/pages --db $(DB)
	$(NG) stats --db $(DB)
	@echo "newsgraph reader: http://$(HOST):$(PORT)/  (JSON API under /api, Ctrl+C stops it)"
	$(NG) serve --db $(DB) --host $(HOST) --port $(PORT)

test: install
	$(VENV)/bin/pytest -q

bench: install
	$(NG) eval extraction --data $(SHARED)/bench/extraction/scrapinghub
	$(NG) eval ner --data $(SHARED)/data/ner
	$(NG) eval quotes --data $(SHARED)/data/quotes/polnear
	$(NG) eval claims
	$(NG) eval framing --data $(SHARED)/data/propaganda
	$(NG) eval stories --data $(SHARED)/data/ner/slavicner --slavicner-limit 15
	$(NG) eval web --articles 50000

lint: install
	$(VENV)/bin/ruff check src tests

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
