#!/usr/bin/env bash
# Make sure Debian's headless Chromium is there for the browser tests.
# Playwright drives it with executable_path=/usr/bin/chromium; we never let
# Playwright download a browser of its own (machines here have no general internet).
set -euo pipefail
CHROMIUM="${UPR_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests (apt-get)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $CHROMIUM and it is not installed.
On Debian/Ubuntu:  sudo apt-get install chromium
Elsewhere: install Chromium and run  UPR_CHROMIUM=/path/to/chromium make test
MSG
exit 1
