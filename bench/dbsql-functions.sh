#!/usr/bin/env bash
# The documented examples of the Databricks built-in functions against `clxs sql`, with the
# shared checker (../shared/tools/dbsql-fn-check), twice:
#   1. the corpus as it is (../shared/reference/dbsql-functions-examples.tsv);
#   2. the same corpus with its 64 CSV-quoted fields read as CSV reads them: a field stored as
#      "SELECT from_json('{""a"":1}', …)" is the statement SELECT from_json('{"a":1}', …). The
#      corpus says it has no quoting, and those rows cannot match as stored.
# Prints the checker's per-category lines for both; reports, never asserts.
#
#   bench/dbsql-functions.sh            CLXS_BIN=/path/to/clxs (default build/bin/clxs)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLXS="${CLXS_BIN:-$ROOT/build/bin/clxs}"
CHECK="$ROOT/../shared/tools/dbsql-fn-check"
CORPUS="$ROOT/../shared/reference/dbsql-functions-examples.tsv"
[[ -x "$CLXS" ]] || { echo "bench: $CLXS is missing; run make build" >&2; exit 1; }
[[ -f "$CORPUS" ]] || { echo "bench: $CORPUS is missing" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$CORPUS" "$work/unquoted.tsv" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
def unquote(field):
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"' and '""' in field[1:-1]:
        return field[1:-1].replace('""', '"')
    return field
with open(src, encoding="utf-8", newline="") as fin, \
     open(dst, "w", encoding="utf-8", newline="") as fout:
    for line in fin:
        fout.write("\t".join(unquote(f) for f in line.rstrip("\n").split("\t")) + "\n")
PY
echo "== corpus as stored"
mkdir "$work/a"
"$CHECK" "$CLXS" "$work/a"
echo "== corpus with its CSV-quoted fields read as CSV"
mkdir "$work/b"
"$CHECK" "$CLXS" "$work/b" "$work/unquoted.tsv"
