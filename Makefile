# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEV_ENV := DEBUG=true
MANAGE := $(BIN)/python manage.py

.PHONY: run test setup system-packages lint messages clean backup restore

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# GNU gettext compiles the fi/sv/en catalogues; Chromium and poppler serve the browser and PDF tests;
# libharfbuzz-subset0 lets WeasyPrint embed font subsets. All from Debian's packages.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -e /usr/lib/x86_64-linux-gnu/libharfbuzz-subset.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libharfbuzz-subset.so.0 ] || missing="$$missing libharfbuzz-subset0"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these Debian packages:$$missing"; \
	    command -v msgfmt >/dev/null || exit 1; \
	  fi; \
	fi

setup: system-packages $(STAMP)
	$(DEV_ENV) $(MANAGE) compilemessages --ignore=$(VENV) -v 0

run: setup
	$(DEV_ENV) $(MANAGE) migrate --no-input -v 0
	$(DEV_ENV) $(MANAGE) load_demo --demo-users
	@echo ""
	@echo "Portal:  http://127.0.0.1:8000/   (admin: http://127.0.0.1:8000/admin/)"
	@echo "Mail:    var/mail/, read by administrators at http://127.0.0.1:8000/dev/mail/"
	@echo "Stop with Ctrl-C."
	PATH="$(abspath $(BIN)):$$PATH" $(DEV_ENV) $(BIN)/honcho start -f Procfile.dev

# On every core (pytest-xdist); work stealing keeps both busy when one draws the long browser tests.
# `make test TEST_JOBS=0` runs in one process; a single file: `.venv/bin/python -m pytest tests/x.py`.
TEST_JOBS ?= auto
test: setup
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist worksteal --durations=15

# Style, the apps' layers (import-linter), types (mypy, strict on the rules and services), migrations
# in step with the models, and Django's system check.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy .
	SECRET_KEY=lint $(MANAGE) makemigrations --check --dry-run
	SECRET_KEY=lint $(MANAGE) check

messages: setup
	$(DEV_ENV) $(MANAGE) makemessages -l fi -l sv -l en --ignore=$(VENV) --ignore=tests --ignore=var

clean:
	rm -rf $(VENV) var

# Back up the database and the uploaded files into var/backups/tym-<time>/ (PostgreSQL: pg_dump);
# restore one with `make restore BACKUP=var/backups/tym-<time>`.
backup: setup
	$(BIN)/python manage.py backup

restore: setup
	@test -n "$(BACKUP)" || (echo "Usage: make restore BACKUP=var/backups/tym-<time>"; exit 2)
	$(BIN)/python manage.py restore "$(BACKUP)"
