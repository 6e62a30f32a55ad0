# The README's commands. `make demo` and `make test` work from a fresh clone.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DB ?= eventwire.duckdb

.PHONY: demo test lint format bench install install-dev clean web chromium

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Reinstall when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q -e '.[serve,classifier]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PIP) install -q -e '.[serve,dev,classifier]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: $(VENV)/.installed web
	$(VENV)/bin/eventwire demo --db $(DB)
	$(VENV)/bin/eventwire serve --db $(DB)

# The dashboard's libraries (Leaflet, markercluster, topojson-client, the world-atlas
# basemap), installed from npm at the versions of package-lock.json and copied into the
# package, so `eventwire serve` works with no network and never calls a CDN.
WEB_VENDOR := src/eventwire/web/vendor
web: $(WEB_VENDOR)/.built
$(WEB_VENDOR)/.built: package.json package-lock.json
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -q && apt-get install -y -q npm; }
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(WEB_VENDOR)/images
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(WEB_VENDOR)/
	cp node_modules/leaflet/dist/images/*.png $(WEB_VENDOR)/images/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js $(WEB_VENDOR)/
	cp node_modules/leaflet.markercluster/dist/MarkerCluster.css $(WEB_VENDOR)/
	cp node_modules/topojson-client/dist/topojson-client.min.js $(WEB_VENDOR)/
	cp node_modules/world-atlas/countries-110m.json $(WEB_VENDOR)/
	cp node_modules/leaflet/LICENSE $(WEB_VENDOR)/LICENSE.leaflet
	cp node_modules/leaflet.markercluster/MIT-LICENCE.txt $(WEB_VENDOR)/LICENSE.leaflet.markercluster
	cp node_modules/topojson-client/LICENSE $(WEB_VENDOR)/LICENSE.topojson-client
	cp node_modules/world-atlas/LICENSE $(WEB_VENDOR)/LICENSE.world-atlas
	touch $@

# Headless Chromium for the browser test (Debian's package; CI runs as root).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else echo "note: /usr/bin/chromium missing and not root: the browser test will skip"; fi; \
	fi

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy src

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

test: lint web chromium
	$(VENV)/bin/pytest -q

bench: $(VENV)/.installed-dev
	$(PY) bench/throughput.py
	$(PY) bench/api_bench.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info $(DB)
