# The two commands of the README contract: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint check superuser test-postgres test-cluster e2e serve migrate demo clean reset-data lock

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# What production installs, at the versions in requirements.lock, plus the test and lint tools.
$(VENV)/.installed: requirements.lock requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock -r requirements-dev.txt
	touch $@

# Pin requirements.txt's ranges to exact versions in requirements.lock (commit it). Existing pins stay
# while still allowed; `make lock LOCK_ARGS=--upgrade` moves every package to the newest allowed.
lock: $(VENV)/.installed
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
		$(LOCK_ARGS) --output-file requirements.lock requirements.txt

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
	@echo "Django's debug pages instead of the designed 404/500: DJANGO_DEBUG=1 make run"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

superuser: migrate
	$(MANAGE) createsuperuser

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(VENV)/.installed | var
	DJANGO_SETTINGS_MODULE=casebook.settings.dev $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=casebook.settings.test $(MANAGE) makemigrations --check --dry-run

test: lint check
	$(BIN)/pytest tests --ignore=tests/e2e --ignore=tests/cluster

test-postgres: $(VENV)/.installed
	scripts/with-postgres $(BIN)/pytest tests --ignore=tests/e2e --ignore=tests/cluster

# Two gunicorn nodes with the production settings sharing PostgreSQL, Redis (Debian's redis-server) and
# S3 storage (moto's server), all on free local ports and removed afterwards (README "Deploying").
$(VENV)/.cluster-installed: tests/cluster/requirements.txt requirements-cluster.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r tests/cluster/requirements.txt
	touch $@

test-cluster: $(VENV)/.cluster-installed
	scripts/with-postgres $(BIN)/pytest tests/cluster -p no:django --confcutdir=tests/cluster -W ignore::pytest.PytestConfigWarning

# Browser journeys against a live server, with Debian's chromium (/usr/bin/chromium).
e2e: $(VENV)/.installed
	$(BIN)/pytest tests/e2e --ds=casebook.settings.e2e

# What production serves, on this machine: production settings, collected static files, gunicorn.
# Plain HTTP here, so no HTTPS redirect; a secret key is made once under var/ unless you set one.
SERVE_ENV = DJANGO_SETTINGS_MODULE=casebook.settings.production \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat var/serve-secret-key)} \
	CASEBOOK_SSL_REDIRECT=$${CASEBOOK_SSL_REDIRECT:-false} \
	CASEBOOK_BIND=127.0.0.1:$(PORT)

var/serve-secret-key: | var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: $(VENV)/.installed var/serve-secret-key
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) load_demo_practices
	@echo ""
	@echo "Casebook (production settings, gunicorn): http://127.0.0.1:$(PORT)/   admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "Uploaded images are not served here: in production the web server or object storage does (README)."
	@echo ""
	$(SERVE_ENV) $(BIN)/gunicorn

# What a fresh `make` rebuilds: the virtualenv and caches. Never the database or uploaded media.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# Deletes var/: the SQLite database, uploaded images, collected static files and the serve secret key.
reset-data:
	rm -rf var
