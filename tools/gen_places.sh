#!/bin/sh
# Generate data/places.tsv, evcode's gazetteer, from the GeoNames cities of
# Debian's libgeonames (see the header of tools/gen_places.c for what it
# writes and data/README.md for the format).
#
# Usage: sh tools/gen_places.sh > data/places.tsv
#
# Needs the Debian packages libgeonames-dev (which brings libgeonames-common,
# the data), iso-codes, pkg-config and a C compiler. Not part of the build
# or of CI: libgeonames is GPL-3 and evcode never links it; only the output
# is committed.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ISO=${ISO_JSON:-/usr/share/iso-codes/json/iso_3166-1.json}
for p in libgeonames-dev libgeonames-common iso-codes pkg-config; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        echo "gen_places.sh: missing Debian package $p (apt-get install $p)" >&2
        exit 1
    fi
done
GEO=$(dpkg-query -W -f='${Version}' libgeonames-common)
ISOV=$(dpkg-query -W -f='${Version}' iso-codes)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -O2 -Wall -Wextra -o "$TMP/gen_places" "$ROOT/tools/gen_places.c" \
    $(pkg-config --cflags --libs geonames) -lm
# the C locale: libgeonames translates names into the user's language otherwise
LC_ALL=C LANGUAGE= "$TMP/gen_places" "$ISO" "$ROOT/tools/countries_extra.txt" \
    "libgeonames-common $GEO (GeoNames cities15000), iso-codes $ISOV (iso_3166-1.json) and tools/countries_extra.txt"
