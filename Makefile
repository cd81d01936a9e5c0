# Two commands do all set-up:  `make run`  and  `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE := commissioning.settings
# Compiled bytecode kept under var/ (out of the source tree) even where the environment says not to write it
# (PYTHONDONTWRITEBYTECODE): the test run starts many Python processes (xdist workers, Celery workers, the
# commands it checks) and each would otherwise compile the app, Django and the test modules again (~7 s each).
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/var/pycache

.PHONY: run test install lint bench clean backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the same pinned packages as pip would, in a sixth of the time (a fresh clone: 11 s, not 33 s).
UV_VERSION := 0.13.9
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# The app at http://127.0.0.1:8000 with a demo council, a web server and a Celery worker.
# PostgreSQL and Redis are used when DATABASE_URL / REDIS_URL are set (environment or .env);
# otherwise SQLite and a filesystem queue under var/, still worked by a separate Celery worker.
run: install
	@mkdir -p var
	@set -e; export DEBUG=$${DEBUG:-on}; \
	if [[ "$${DATABASE_URL:-}" == postgres* ]]; then $(BIN)/python scripts/ensure_db.py; fi; \
	$(BIN)/python manage.py migrate --no-input -v0; \
	$(BIN)/python manage.py seed_demo; \
	$(BIN)/celery -A commissioning worker --pool=solo --loglevel=warning -B --schedule var/celerybeat-schedule & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT INT TERM; \
	echo; echo "Demo logins: commissioner, commissioner2, councillor, councillor2, scrutiny, gateway, admin"; \
	echo "Password: $${DEMO_PASSWORD:-demo}"; echo "Open http://127.0.0.1:8000"; echo; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# pytest-xdist: one worker process per core (at most 8); the browser tests share one worker, the Celery worker
# tests another (tests/conftest.py). `make test PYTEST_XDIST=` runs everything in one process.
# --no-loadscope-reorder: xdist hands out the groups in the order tests/conftest.py sorts them (longest first),
# not by their number of tests.
PYTEST_XDIST ?= -n auto --maxprocesses 8 --dist loadgroup --no-loadscope-reorder

# The whole suite. Uses PostgreSQL and Redis when reachable (and says so); otherwise SQLite and the
# filesystem queue, saying what it skipped. CI=true (or REQUIRE_SERVICES=1) turns every skip into a failure.
# The migrations check and the deploy check (one core, ~2.5 s each) run beside collectstatic, each printed and
# failing the run before pytest starts, as before.
test: install
	@mkdir -p var
	@req=""; if [[ -n "$$CI" || -n "$$REQUIRE_SERVICES" ]]; then req="--require"; export REQUIRE_SERVICES=1; fi; \
	eval "$$($(BIN)/python scripts/services.py --db commissioning_test --redis-db 15 $$req)"; \
	export DEBUG=off SECRET_KEY=test-only-not-secret-$$RANDOM$$RANDOM SECURE_SSL_REDIRECT=off \
	       QUEUE_DIR=$(CURDIR)/var/test-queue AXES_ENABLED=on STATIC_COMPRESS=off; \
	if [[ "$$DATABASE_URL" == postgres* ]]; then $(BIN)/python scripts/ensure_db.py || exit 1; fi; \
	set -e; \
	$(BIN)/ruff check . ; \
	$(BIN)/python manage.py makemigrations --check --dry-run -v1 >var/test-makemigrations.log 2>&1 & migrations=$$!; \
	SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))') SECURE_SSL_REDIRECT=on \
	  ALLOWED_HOSTS=commissioning.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING \
	  >var/test-deploy-check.log 2>&1 & deploy=$$!; \
	$(BIN)/python manage.py collectstatic --no-input -v0; \
	wait $$migrations && status=0 || status=$$?; cat var/test-makemigrations.log; [[ $$status == 0 ]]; \
	wait $$deploy && status=0 || status=$$?; cat var/test-deploy-check.log; [[ $$status == 0 ]]; \
	$(BIN)/pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Back up the database (pg_dump, custom format) and the uploaded files into var/backups/<UTC time>/, or
# into TO=/path/<UTC time>/. Restore one into an empty database: make restore FROM=var/backups/<UTC time>
# (README, "Backup and restore").
backup: install
	$(BIN)/python scripts/backup.py backup $(if $(TO),--to "$(TO)")

restore: install
	@test -n "$(FROM)" || { echo "Say which backup: make restore FROM=var/backups/<folder>"; exit 1; }
	$(BIN)/python scripts/backup.py restore "$(FROM)"

bench: install
	DEBUG=on $(BIN)/python bench/queries.py

clean:
	rm -rf $(VENV) var
