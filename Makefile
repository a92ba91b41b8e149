# UPR Platform — two commands for a newcomer:
#   make site   set up .venv, check the content, build the site into site/
#   make test   run every test (browser tests included)
# Others: make serve (live preview), make check, make lock, make bench, make clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check generate lock bench clean browser

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "UPR Platform needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	@touch $(STAMP)

site: $(STAMP)
	$(BIN)/upr build

check: $(STAMP)
	$(BIN)/upr check

generate: $(STAMP)
	$(BIN)/upr generate

serve: $(STAMP)
	$(BIN)/upr serve

# Headless Chromium for the browser tests: Debian's package (never a downloaded browser).
browser:
	@bash scripts/ensure-chromium.sh

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/upr bench

lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet -e '.[test]'
	{ echo '# Exact versions installed by `make` (pip install -c requirements.lock). Regenerate with `make lock`.'; \
	  .lockenv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf build site
