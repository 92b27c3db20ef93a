#!/usr/bin/env bash
# Freshness and volume of a whole catalog through the real server (`clxs serve` on a free
# loopback port with a temporary data directory), against reading the same information with
# one `DESCRIBE HISTORY` per table from `clxs sql`:
#   1. a catalog of TABLES Delta tables in SCHEMAS schemas, each written, then altered
#      (a metadata-only commit) and written again, is made with `clxs sql` (not timed);
#   2. GET /api/data-quality/freshness/{catalog} and GET /api/data-quality/volume/{catalog},
#      each timed from request to answer; the script checks every table is measured;
#   3. the baseline: a `clxs sql` script of one DESCRIBE HISTORY per table, timed;
#   4. the factor baseline / freshness. Target: the catalog in under 10 s.
# Targets are reported, never asserted; the script fails only on errors.
#
#   bench/observability.sh                      TABLES=1000 SCHEMAS=10
#   CLXS_BIN=/path/to/clxs bench/observability.sh   (default: BUILD_DIR/bin/clxs, BUILD_DIR=build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
[[ "$BUILD_DIR" = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
CLXS="${CLXS_BIN:-$BUILD_DIR/bin/clxs}"
TABLES="${TABLES:-1000}"
SCHEMAS="${SCHEMAS:-10}"

die() { echo "bench: error: $*" >&2; exit 1; }
for tool in curl jq; do command -v "$tool" > /dev/null || die "$tool is missing"; done
[[ -x "$CLXS" ]] || die "$CLXS is missing; run make build"
((TABLES >= SCHEMAS && SCHEMAS >= 1)) || die "need 1 <= SCHEMAS <= TABLES"

work="$(mktemp -d "${TMPDIR:-/tmp}/clxs-bench-observability.XXXXXX")"
# shellcheck source=bench/server_lib.sh
source "$ROOT/bench/server_lib.sh"
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_identity

# 1. The catalog: three commits per table, the middle one metadata only.
data="$work/data"
mkdir -p "$data"
{
  echo "CREATE CATALOG obs;"
  for s in $(seq 1 "$SCHEMAS"); do echo "CREATE SCHEMA obs.s$s;"; done
  for t in $(seq 1 "$TABLES"); do
    s=$(((t - 1) % SCHEMAS + 1))
    echo "CREATE TABLE obs.s$s.t$t AS SELECT id, id * 2 AS amount FROM range(0, 100) AS r(id);"
    echo "ALTER TABLE obs.s$s.t$t SET TBLPROPERTIES ('owner_team' = 'bench');"
    echo "INSERT INTO obs.s$s.t$t VALUES (100, 200);"
  done
} > "$work/seed.sql"
s0=$(now)
"$CLXS" sql --data-dir "$data" -f "$work/seed.sql" > "$work/seed.log" 2>&1 ||
  { tail -20 "$work/seed.log" >&2; die "seeding failed"; }
echo "catalog: $TABLES tables in $SCHEMAS schemas, written in $(elapsed "$s0" "$(now)") s"

# 3 (first, before the server holds the data directory). One DESCRIBE HISTORY per table.
for t in $(seq 1 "$TABLES"); do
  echo "DESCRIBE HISTORY obs.s$(((t - 1) % SCHEMAS + 1)).t$t LIMIT 50;"
done > "$work/history.sql"
s0=$(now)
"$CLXS" sql --data-dir "$data" -f "$work/history.sql" > "$work/history.log" 2>&1 ||
  { tail -20 "$work/history.log" >&2; die "the DESCRIBE HISTORY baseline failed"; }
baseline=$(elapsed "$s0" "$(now)")

start_server "$CLXS" "$data" "$work"

# timed_get PATH: GETs PATH into $work/answer.json and prints the seconds it took.
timed_get() {
  local t0 code
  t0=$(now)
  code=$(curl -sS -o "$work/answer.json" -w '%{http_code}' "$base$1")
  [[ "$code" == 200 ]] || die "GET $1 answered $code: $(head -c 500 "$work/answer.json")"
  elapsed "$t0" "$(now)"
}

# 2. Freshness and volume.
fresh=$(timed_get /api/data-quality/freshness/obs)
measured=$(jq .total_tables "$work/answer.json")
[[ "$measured" == "$TABLES" ]] || die "freshness measured $measured of $TABLES tables"
wrong=$(jq '[.tables[] | select(.last_data_version != 2)] | length' "$work/answer.json")
[[ "$wrong" == 0 ]] || die "$wrong tables' last data commit is not version 2"
volume=$(timed_get /api/data-quality/volume/obs)
rows=$(jq .total_rows "$work/answer.json")
[[ "$rows" == $((TABLES * 101)) ]] || die "volume counted $rows rows, not $((TABLES * 101))"

factor=$(awk -v a="$baseline" -v b="$fresh" 'BEGIN { printf "%.2f", a / b }')
echo "freshness of $TABLES tables: $fresh s (target < 10 s)"
echo "volume of $TABLES tables: $volume s"
echo "one DESCRIBE HISTORY per table with clxs sql: $baseline s (baseline / freshness: $factor)"
echo
echo "Rows for docs/benchmarks.md ($machine):"
echo "| $day | $commit | freshness GET of a $TABLES-table catalog, local workspace | $fresh s | $baseline s | $factor | < 10 s |"
echo "| $day | $commit | volume GET of the same catalog (Delta statistics) | $volume s | | | |"
