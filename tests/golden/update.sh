#!/bin/sh
# Regenerates the golden files from the current build. Review `git diff` after.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EVC=${1:-$ROOT/build/evcode}
cd "$ROOT"
"$EVC" code --quotes --articles examples/*.txt > tests/golden/examples.jsonl
"$EVC" code --quotes --articles examples/articles.jsonl > tests/golden/articles.jsonl
