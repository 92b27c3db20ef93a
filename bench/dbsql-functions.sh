#!/usr/bin/env bash
# The documented examples of the Databricks built-in functions against `clxs sql`, with the
# shared checker (../shared/tools/dbsql-fn-check), twice:
#   1. the corpus as it is (../shared/reference/dbsql-functions-examples.tsv);
#   2. the same corpus with its 64 CSV-quoted fields read as CSV reads them: a field stored as
#      "SELECT from_json('{""a"":1}', …)" is the statement SELECT from_json('{"a":1}', …). The
#      corpus says it has no quoting, and those rows cannot match as stored.
# Prints the checker's per-category lines for both. With --check (the conformance test runs
# it so) it also holds the second run to issue 16's target and exits 1 below it: 95 % of the
# examples outside the families the target leaves out (sketch, st, variant, xml, vector,
# avro, protobuf), every other category at 90 %. Exits 77 (skipped) when the shared tool or
# corpus is not beside the checkout.
#
#   bench/dbsql-functions.sh [--check]   CLXS_BIN=/path/to/clxs (default build/bin/clxs)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLXS="${CLXS_BIN:-$ROOT/build/bin/clxs}"
CHECK="$ROOT/../shared/tools/dbsql-fn-check"
CORPUS="$ROOT/../shared/reference/dbsql-functions-examples.tsv"
MODE="${1:-report}"
[[ -x "$CLXS" ]] || { echo "bench: $CLXS is missing; run make build" >&2; exit 1; }
if [[ ! -f "$CORPUS" || ! -x "$CHECK" ]]; then
  echo "bench: the shared checker or corpus is not beside the checkout (../shared)" >&2
  exit 77
fi
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
if [[ "$MODE" != --check ]]; then
  echo "== corpus as stored"
  mkdir "$work/a"
  "$CHECK" "$CLXS" "$work/a"
fi
echo "== corpus with its CSV-quoted fields read as CSV"
mkdir "$work/b"
"$CHECK" "$CLXS" "$work/b" "$work/unquoted.tsv" | tee "$work/b.txt"
[[ "$MODE" == --check ]] || exit 0
awk -F'[:/ ]+' '
  /^[a-z_]+_funcs: [0-9]+\/[0-9]+$/ {
    if ($1 ~ /^(sketch|st|variant|xml|vector|avro|protobuf)_funcs$/) next
    passed += $2; total += $3
    if ($2 < 0.9 * $3) { printf "below 90 %%: %s %d/%d\n", $1, $2, $3; low = 1 }
  }
  END {
    printf "target families: %d of %d = %.1f %%\n", passed, total, 100 * passed / total
    if (total == 0 || passed < 0.95 * total || low) exit 1
  }' "$work/b.txt"
