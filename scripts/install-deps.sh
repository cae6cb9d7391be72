#!/bin/sh
# Installs the Debian packages evcode needs to build and test. Idempotent and
# quick when everything is present. With --check it only reports (exit 1 when
# something is missing).
#   build:     gcc, make, cmake
#   tests:     python3 (scores against ../shared/gold), valgrind (memcheck, callgrind),
#              time (/usr/bin/time: peak RSS)
#   generators (tools/): iso-codes (countries), wordnet-base (irregular forms)
#   store:     libsqlite3-dev (the SQLite store of ingest, export and query: SQLite 3 with FTS5)
#   serve:     libcivetweb-dev (the HTTP server of evcode serve; linked, not vendored);
#              nodejs, npm (the build's npm ci: uPlot for the dashboard's charts and
#              playwright-core for its test; skipped when a node and npm are already
#              installed, since another vendor's nodejs package conflicts with Debian's npm);
#              chromium (tests/serve/browser.js: the dashboard in headless chromium)
#   not here:  wrk (bench/serve.sh only; `make bench` skips the server without it)
#   postgres:  libpq-dev (stores in PostgreSQL: --db postgresql://..., loaded with COPY);
#              postgresql (tests/store/pg.sh runs a throwaway server: initdb, pg_ctl)
#   python/:   python3-dev (headers to build the extension module evcode._evcode),
#              python3-setuptools (pip install ./python: setup.py),
#              python3-dask, python3-distributed (evcode.dask and its LocalCluster test)
#   web inputs: libxml2-dev (its HTML parser reads the pages), zlib1g-dev
#              (gzip pages, WARC archives, gzip and deflate HTTP bodies)
set -eu
PKGS="gcc make cmake python3 valgrind time iso-codes wordnet-base libsqlite3-dev libcivetweb-dev chromium
      libpq-dev postgresql python3-dev python3-setuptools python3-dask python3-distributed libxml2-dev zlib1g-dev"
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
    PKGS="$PKGS nodejs npm"
fi
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "missing Debian packages:$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "run as root (or install sudo) to install:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
