# Lotse: `make run` serves the demo, `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Two workers: the machines have two cores.
PYTEST_WORKERS ?= 2
NAME ?=

.PHONY: run test lint bench install system-deps assets messages check-translations serve ci

install: system-deps $(VENV)/.installed assets var/.compiled-messages

# Debian packages the project needs: Chromium for the accessibility tests,
# gettext for translations, PostgreSQL 15 for CI, Java for the HTML checker
# (vnu.jar from npm), Pango, HarfBuzz and DejaVu for WeasyPrint's PDFs.
# Installed when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/lib/postgresql/15/bin/initdb || missing="$$missing postgresql-15"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	ldconfig -p | grep -q libpango-1.0.so.0 || missing="$$missing libpango-1.0-0"; \
	ldconfig -p | grep -q libpangoft2-1.0.so.0 || missing="$$missing libpangoft2-1.0-0"; \
	ldconfig -p | grep -q libharfbuzz-subset.so.0 || missing="$$missing libharfbuzz-subset0"; \
	test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please install (as root): apt-get install$$missing" >&2; exit 1; fi; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed var/assets/kern.css

var/assets/kern.css: node_modules/.installed tools/logical_css.py
	$(PY) tools/logical_css.py node_modules/@kern-ux/native/dist/kern.css $@

var/.compiled-messages: $(VENV)/.installed $(wildcard locale/*/LC_MESSAGES/django.po)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	mkdir -p var && touch $@

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(MAKE) serve

# The task worker (e-mails to the public) runs beside the web server and
# stops with it.
serve:
	export LOTSE_DEMO=1 LOTSE_SECURE_COOKIES=0; \
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) tools/check_translations.py

# Regenerate the message catalogues after changing user-visible strings.
messages: install
	$(PY) manage.py makemessages -l de -l ls -l ar -l fa -l uk -l ru -l tr --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=bench

bench: install
	$(PY) bench/run.py $(NAME)

ci:
	bash .ci/run
