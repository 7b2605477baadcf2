# Charter Room: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: run serve test lint format bench venv clean

# Find a Python >= 3.12: the one pyenv picks from .python-version, else python3.13/3.12 on PATH.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	  then echo $$p; break; fi; done)

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Charter Room needs Python 3.12 or newer, and none was found on PATH."; \
	  echo "Install it (https://www.python.org/downloads/ or your package manager) and run make again."; \
	  exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py loaddemo
	@echo ""
	@echo "  Charter Room is running at http://$(HOST):$(PORT)/"
	@echo "  Facilitator sign-in: http://$(HOST):$(PORT)/accounts/login/"
	@echo "    username: facilitator   password: charter-room-demo"
	@echo "  Participants join at http://$(HOST):$(PORT)/join with the workshop's code."
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production-style: several ASGI worker processes behind gunicorn, static files by whitenoise.
# Needs DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and a PostgreSQL DATABASE_URL (see README).
serve: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn deliberation.asgi:application -k uvicorn_worker.UvicornWorker \
	  --workers $(WORKERS) --bind $(HOST):$(PORT) --no-control-socket --graceful-timeout 5 --keep-alive 20

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/align_bench.py
	$(PY) bench/load_bench.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
