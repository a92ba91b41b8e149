# UPR Platform — two commands for a newcomer:
#   make site   set up .venv, check the content, build the site into site/
#   make test   run every test (browser tests included)
# Others: make serve (live preview), make check, make lock, make bench, make clean.
# Translations (CONTRIBUTING.md): make messages-extract, make messages-update, make messages-compile.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check generate lock bench clean browser messages-extract messages-update messages-compile

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

# Interface text: locale/messages.pot from the code (babel.cfg: upr.catalogs.extract_python), merged
# into each language's locale/<lang>/LC_MESSAGES/messages.po (new texts appear with an empty msgstr,
# changed ones as fuzzy); compiled into the git-ignored build/locale/ (upr build does it too).
CATALOG_LANGS := fr es
messages-extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --width 100 --project "UPR Platform" \
	  --copyright-holder "UPR Platform contributors" \
	  --msgid-bugs-address "https://github.com/upr-platform/upr-platform/issues" -o locale/messages.pot .

messages-update: $(STAMP)
	$(BIN)/pybabel update -i locale/messages.pot -d locale -D messages --width 100 --ignore-obsolete

messages-compile: $(STAMP)
	@for lang in $(CATALOG_LANGS); do \
	  $(BIN)/pybabel compile -D messages -l $$lang -i locale/$$lang/LC_MESSAGES/messages.po \
	    -o build/locale/$$lang/LC_MESSAGES/messages.mo --statistics || exit 1; done
