# Everyday commands. Everything runs inside .venv, which `setup` creates on demand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Touched after a successful install: pip runs again only when a requirements file changes.
STAMP := $(VENV)/.requirements-installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Single process by default; `make test PYTEST_ARGS="-n 2"` opts in to pytest-xdist.
PYTEST_ARGS ?=

.PHONY: run test lint format setup bench schema clean

setup: $(STAMP)
	@bash scripts/ensure-system-packages.sh graphviz

# A half-created venv (no pip) is rebuilt rather than reused.
$(STAMP): requirements.txt requirements-dev.txt
	@PYTHON=$(PYTHON) bash scripts/ensure-system-packages.sh --required python3-venv
	@test -x $(VENV)/bin/pip || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -r requirements-dev.txt
	@touch $(STAMP)

# runserver is Daphne's (designer.settings.local): pages and live updates through designer.asgi,
# with the in-memory channel layer unless CHANNEL_LAYER_URL or a Redis CELERY_BROKER_URL is set.
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_demo
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py runserver $(HOST):$(PORT)

# pytest exits 5 when it collected no tests; that fails too, with a word of explanation.
test: setup
	@$(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; fi; \
	exit $$status

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup
	@if [ -f bench/run_all.py ]; then $(PY) bench/run_all.py; \
	else echo "bench/run_all.py does not exist yet"; fi

schema: $(STAMP)
	$(PY) -m microservices schema --out microservices/spec/architecture-v1.schema.json

# Removes caches and generated files; keeps .venv and the local database.
clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache test-results var/staticfiles

# Rebuilds the diagram viewer into static/diagrams/ (committed, so only its authors need Node 20.19+).
.PHONY: frontend
frontend:
	cd frontend && npm ci --no-audit --no-fund && npm run build
