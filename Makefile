# The two commands of the README contract: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint check superuser test-postgres migrate demo clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

var:
	mkdir -p var

migrate: $(VENV)/.installed | var
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_practices

run: demo
	@echo ""
	@echo "Casebook: http://127.0.0.1:$(PORT)/   admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "Make an admin user with: make superuser   (or: $(MANAGE) createsuperuser)"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

superuser: migrate
	$(MANAGE) createsuperuser

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=casebook.settings.dev $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=casebook.settings.test $(MANAGE) makemigrations --check --dry-run

test: lint check
	$(BIN)/pytest tests --ignore=tests/e2e

test-postgres: $(VENV)/.installed
	scripts/with-postgres $(BIN)/pytest tests --ignore=tests/e2e

clean:
	rm -rf $(VENV) var
