# Two commands for a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Development defaults for `make run`; production sets real values in the environment.
DEV_ENV := DEBUG=1

.PHONY: run test test-slow test-live e2e bench backup restore install messages migrate seed lint clean

run: install messages migrate seed
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST)

test: install messages
	$(BIN)/python -m pytest

# Demo seeding and fuzzing: seconds a test, so not in `make test`; CI runs them.
test-slow: install messages
	$(BIN)/python -m pytest -m slow

# Tests that start real app servers; they need PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
test-live: install messages
	$(BIN)/python -m pytest -m live

# Load test of the main pages on 10,000 demo patients (PostgreSQL, Redis, gunicorn, wrk).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/clinic_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/14
bench: install messages
	@command -v wrk >/dev/null || (echo "installing wrk" && apt-get install -y wrk >/dev/null)
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) $(BIN)/python bench/run.py $(BENCH_ARGS)

# Browser journeys in Debian's Chromium (installed here if missing; needs root for apt-get).
e2e: install messages
	@test -x /usr/bin/chromium || (echo "installing chromium" && apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	$(BIN)/python -m pytest -m e2e

# Backup and restore (README, Running in production): the database as a pg_dump archive, the uploads as a
# tarball beside it. `make restore` loads the newest backup (or BACKUP=file) into the fresh, empty
# database DATABASE_URL names, then migrates and checks the access log.
BACKUP_DIR ?= backups
MEDIA_ROOT ?= media
BACKUP ?= $(lastword $(sort $(wildcard $(BACKUP_DIR)/clinic-*.dump)))
backup:
	@test -n "$(DATABASE_URL)" || { echo "set DATABASE_URL to the database to back up"; exit 2; }
	mkdir -p "$(BACKUP_DIR)"
	@stamp=$$(date -u +%Y%m%dT%H%M%SZ); \
	pg_dump --format=custom --no-owner --file="$(BACKUP_DIR)/clinic-$$stamp.dump" "$(DATABASE_URL)" && \
	{ [ ! -d "$(MEDIA_ROOT)" ] || tar -czf "$(BACKUP_DIR)/media-$$stamp.tar.gz" -C "$(MEDIA_ROOT)" .; } && \
	echo "backed up to $(BACKUP_DIR)/clinic-$$stamp.dump"

restore:
	@test -n "$(DATABASE_URL)" || { echo "set DATABASE_URL to a fresh, empty database"; exit 2; }
	@test -n "$(BACKUP)" || { echo "no backup in $(BACKUP_DIR); set BACKUP=path/to/clinic-....dump"; exit 2; }
	pg_restore --no-owner --exit-on-error --dbname="$(DATABASE_URL)" "$(BACKUP)"
	@media="$(dir $(BACKUP))media-$(patsubst clinic-%.dump,%,$(notdir $(BACKUP))).tar.gz"; \
	if [ -f "$$media" ]; then mkdir -p "$(MEDIA_ROOT)" && tar -xzf "$$media" -C "$(MEDIA_ROOT)"; fi
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py verify_access_log
	$(BIN)/python manage.py refresh_followup_signals

install: $(VENV)/.installed

# The product's requirements and the test and lint tools, both pinned; Bootstrap is committed under static/.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@# WeasyPrint (PDFs) needs the system's Pango, and HarfBuzz's subsetter to embed fonts quickly (without it a
	@# PDF takes several times as long); install them where we may, otherwise say so.
	@{ ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; } || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; } || \
	  echo "note: install Pango and HarfBuzz's subsetter (libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0) for the PDFs"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Compiled translations are built, not committed; Babel compiles them without GNU gettext.
messages: install
	$(BIN)/pybabel compile --statistics -D django -d locale 2>&1 | grep -v '^$$' || true

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input

seed: install
	$(DEV_ENV) $(BIN)/python manage.py seed_demo

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
	find locale -name '*.mo' -delete
