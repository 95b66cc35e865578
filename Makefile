# Shingi: `make run` for a first look on SQLite, `make test` for the whole suite on PostgreSQL and Redis.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/shingi
REDIS_URL ?= redis://127.0.0.1:6379/0

# Debian packages: WeasyPrint's libraries, the fast font subsetter, the Japanese fonts the
# PDFs embed, poppler for checking PDFs, chromium for the browser tests.
RUNTIME_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-ipaexfont gettext
TEST_DEBS := $(RUNTIME_DEBS) poppler-utils chromium

.PHONY: run test bench serve lint system-deps system-deps-test messages

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

system-deps:
	@missing=$$(for p in $(RUNTIME_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

system-deps-test:
	@missing=$$(for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

# Japanese catalogue of the user-facing strings (the sources are English).
messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py compilemessages -l ja --ignore=.venv --verbosity 0

# Embedded default: SQLite, tasks in-process, demo data from the reference minutes.
run: system-deps $(VENV)/.installed messages
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo --if-empty
	@echo "Shingi on http://$(HOST):$(PORT)/  admin: /admin/  portal: /  API docs: /api/docs/"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Whole suite against PostgreSQL (UTF-8 ctype) and Redis on this machine.
test: system-deps-test $(VENV)/.installed-dev messages
	DATABASE_URL=$(PG_URL) TEST_REDIS_URL=redis://127.0.0.1:6379/15 $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy apps config
	$(VENV)/bin/lint-imports --no-cache

# Production run on this machine: gunicorn (JSON logs, whitenoise static files) and two Celery
# workers against PostgreSQL and Redis. Ctrl-C stops all three. Secure-cookie and HTTPS
# redirect settings are off here because loopback has no TLS; behind a TLS proxy set them to 1.
SERVE_ENV = DATABASE_URL=$(PG_URL) CELERY_BROKER_URL=$(REDIS_URL) LOG_FORMAT=json \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-0} \
	CSRF_COOKIE_SECURE=$${CSRF_COOKIE_SECURE:-0} GUNICORN_BIND=$(HOST):$(PORT)
WORKER_CONCURRENCY ?= 1

var/secret_key:
	mkdir -p var && python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@ && chmod 600 $@

serve: system-deps $(VENV)/.installed messages var/secret_key
	$(PY) -m apps.core.db.ensure $(PG_URL)
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Shingi on http://$(HOST):$(PORT)/  health: /healthz  (two workers: render1, render2)"
	trap 'kill $$(jobs -p) 2>/dev/null; wait' EXIT INT TERM; \
	$(SERVE_ENV) $(VENV)/bin/celery -A config worker -n render1@%h -c $(WORKER_CONCURRENCY) -l INFO -B --schedule var/celerybeat-schedule & \
	$(SERVE_ENV) $(VENV)/bin/celery -A config worker -n render2@%h -c $(WORKER_CONCURRENCY) -l INFO & \
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi & \
	wait -n

# Every benchmark in bench/ on PostgreSQL and Redis: prints a table, writes bench/results.json.
bench: system-deps-test $(VENV)/.installed-dev
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/shingi_bench $(PY) bench/run.py $(BENCH_ARGS)
