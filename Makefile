# Two commands for a newcomer: `make run` (quick start on SQLite) and `make test` (PostgreSQL + Chromium).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; \
	done; for v in 3.13.0 3.12.1; do [ -x "$$HOME/.pyenv/versions/$$v/bin/python" ] && { echo "$$HOME/.pyenv/versions/$$v/bin/python"; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DEBUG=1
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal
# The rest of the test environment is in tests/testenv.py.
TEST_ENV := DATABASE_URL=$(or $(DATABASE_URL),$(TEST_DATABASE_URL))

.PHONY: help install messages run test test-fast check-test-services vendor clean

help:
	@echo "make run   - quick start: install, migrate SQLite, load demo data, serve http://127.0.0.1:8000"
	@echo "make test  - the whole test suite on PostgreSQL, browser tests in Chromium"

$(PY):
	@if [ -z "$(PYTHON)" ]; then echo "Python >= 3.12 is required (python3.12 or python3.13 on PATH)."; exit 1; fi
	$(firstword $(PYTHON)) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

messages: install
	@command -v msgfmt >/dev/null || { echo "msgfmt missing: sudo apt-get install gettext"; exit 1; }
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore '.venv' -v0

run: messages
	$(DEV_ENV) $(PY) manage.py migrate -v0
	$(DEV_ENV) $(PY) manage.py seed_demo
	@echo; echo "Portal: http://127.0.0.1:8000/  (Ctrl+C stops it)"; echo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

check-test-services:
	@$(PY) -c "import psycopg, os, sys; \
	url = '$(or $(DATABASE_URL),$(TEST_DATABASE_URL))'; \
	psycopg.connect(url, connect_timeout=3).close()" 2>/dev/null || { \
	echo "PostgreSQL is not reachable at $(or $(DATABASE_URL),$(TEST_DATABASE_URL)) (or the database does not exist: createdb -h 127.0.0.1 -U postgres portal)."; \
	echo "Start it:  sudo pg_ctlcluster --skip-systemctl-redirect \$$(ls /etc/postgresql) main start"; \
	echo "or install: sudo apt-get install postgresql  (or set DATABASE_URL to your server)"; exit 1; }
	@[ -x /usr/bin/chromium ] || { \
	echo "Chromium is missing (browser tests need Debian's build):"; \
	echo "  sudo apt-get install -y --no-install-recommends chromium chromium-driver"; exit 1; }
	@$(PY) -c "import socket; socket.create_connection(('127.0.0.1', 6379), 2).close()" 2>/dev/null || { \
	echo "Redis is not reachable on 127.0.0.1:6379 (the two-app-node test shares its cache)."; \
	echo "Start it:  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ''"; exit 1; }

# Two pytest workers (pytest-xdist): the suite is CPU-bound and CI has two cores. Tests that must not run beside
# each other share an xdist_group (loadgroup keeps a group on one worker). TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2

test: messages check-test-services
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$status

test-fast: messages check-test-services
	$(TEST_ENV) $(PY) -m pytest -m "not browser" -x

vendor:
	bash scripts/vendor.sh

clean:
	rm -rf $(VENV) staticfiles portal.sqlite3
