# MGT-assistenten: `make run` starts the demo, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export MGT_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
# Bytecode caches on: without them every test process compiles (and pytest re-rewrites)
# every module anew, seconds of CPU per process. __pycache__/ is ignored by git.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run test lint typecheck pytest bench eval chromium postgres clean

# uv (from PyPI) installs the same packages as pip, about four times faster. The venv is
# made without pip (its ensurepip takes ~3.5 s): the interpreter's own pip puts uv in it,
# or, where that pip is missing or too old for --python, the venv's own pip after all.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check uv || { \
		$(BIN)/python -m ensurepip --default-pip >/dev/null && \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check uv; }
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate the embedded SQLite database, load demo data, serve.
run: install
	MGT_DEMO=1 $(BIN)/mgt-assistant db upgrade
	MGT_DEMO=1 $(BIN)/mgt-assistant demo
	MGT_DEMO=1 $(BIN)/mgt-assistant serve

## make test: lint, type-check, and the whole suite on SQLite and PostgreSQL + Chromium.
# The lint and the type check (one core) run beside the test workers, not before them.
test: install chromium postgres
	$(MAKE) --no-print-directory -j3 lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy's cache lives beside uv's, outside the clone: a fresh clone's check then reads the
# cache and checks again only the files whose content changed (~1 s instead of ~12 s).
MYPY_CACHE_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/mgt-assistant/mypy

typecheck: install
	$(BIN)/mypy --cache-dir "$(MYPY_CACHE_DIR)"

pytest: install chromium postgres
	$(BIN)/pytest -n auto

## make bench: measure and write docs/benchmarks.md.
bench: install
	$(BIN)/python -m bench.run

## make eval: figures of the needs reader on the development and blind sets.
eval: install
	$(BIN)/python -m mgt_assistant.domain.needs.evaluation

# Debian's Chromium drives the browser tests (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installerar Debians chromium för webbläsartesterna"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The suite runs on PostgreSQL too: start the local cluster when it is down.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
		command -v pg_ctlcluster >/dev/null 2>&1 || { \
			echo "Installerar PostgreSQL för testerna"; \
			$(SUDO) apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; \
			version=$$(ls /etc/postgresql | head -n1); \
			echo "host all all 127.0.0.1/32 trust" | $(SUDO) tee /etc/postgresql/$$version/main/pg_hba.conf.mgt >/dev/null; \
			$(SUDO) sh -c "cat /etc/postgresql/$$version/main/pg_hba.conf >> /etc/postgresql/$$version/main/pg_hba.conf.mgt && mv /etc/postgresql/$$version/main/pg_hba.conf.mgt /etc/postgresql/$$version/main/pg_hba.conf"; }; \
		$(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -n1) main start; \
		for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
