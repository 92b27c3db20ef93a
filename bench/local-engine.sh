#!/usr/bin/env bash
# The local workspace (DuckDB + Delta on this disk) against its baselines, in one run:
#   1. DEEP CLONE of a ~1 GB Delta table  vs  `cp -r` of the same table directory
#      (target: clone <= 1.5x cp).
#   2. SHALLOW CLONE of 1,000 tables, all in one `clxs sql -f` script (target <= 2 s).
#   3. SELECT count(*) and a grouped aggregate over a 10 M-row table through `clxs sql`
#      vs DuckDB reading the same Parquet files directly through its C API
#      (target <= 1.1x).
# clxs timings are the wall time of one `clxs sql` process minus the start-up of a trivial
# `clxs sql "SELECT 1"` on the same data directory (measured, reported too); the direct
# DuckDB side is timed inside a tiny C program, so it excludes process start-up as well.
# Query timings are the best of 3. Targets are reported, never asserted.
#
#   bench/local-engine.sh            full size
#   SCALE=0.05 bench/local-engine.sh quick run (sizes scaled down)
#   CLXS_BIN=/path/to/clxs           binary under test (default: build/bin/clxs)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLXS="${CLXS_BIN:-$ROOT/build/bin/clxs}"
SCALE="${SCALE:-1}"
DUCKDB_DIR="$ROOT/third_party/duckdb"
[[ -x "$CLXS" ]] || { echo "bench: $CLXS is missing; run make build" >&2; exit 1; }
[[ -f "$DUCKDB_DIR/include/duckdb.h" ]] || { echo "bench: DuckDB missing; run make build" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data="$work/data"
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
scaled() { awk -v n="$1" -v s="$SCALE" 'BEGIN { printf "%d", n * s }'; }
sql() { "$CLXS" sql --data-dir "$data" "$@" > /dev/null; }
timed_sql() {  # seconds of one clxs sql process
  local t0 t1
  t0=$(now); sql "$@"; t1=$(now)
  elapsed "$t0" "$t1"
}
best_of_3() {  # best of three runs of a command printing seconds
  local best="" t
  for _ in 1 2 3; do
    t=$("$@")
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
  done
  echo "$best"
}
minus() { awk -v a="$1" -v b="$2" 'BEGIN { v = a - b; if (v < 0) v = 0; printf "%.3f", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.2f", a / b }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "clxs: $("$CLXS" version)"
echo "scale: $SCALE"

# A tiny DuckDB client: times one query (best of 3) in an in-memory database.
cat > "$work/direct.c" <<'C'
#include <stdio.h>
#include <time.h>
#include "duckdb.h"
int main(int argc, char** argv) {
  duckdb_database db; duckdb_connection c; duckdb_result r;
  if (duckdb_open(NULL, &db) != DuckDBSuccess || duckdb_connect(db, &c) != DuckDBSuccess) return 1;
  double best = -1;
  for (int i = 0; i < 3; ++i) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (duckdb_query(c, argv[1], &r) != DuckDBSuccess) { fprintf(stderr, "%s\n", duckdb_result_error(&r)); return 1; }
    duckdb_destroy_result(&r);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    if (best < 0 || s < best) best = s;
  }
  printf("%.3f\n", best);
  printf("duckdb %s\n", duckdb_library_version());
  return 0;
}
C
gcc -O2 "$work/direct.c" -I"$DUCKDB_DIR/include" -L"$DUCKDB_DIR/lib" -lduckdb \
  -Wl,-rpath,"$DUCKDB_DIR/lib" -o "$work/direct"
direct() { "$work/direct" "$1" | head -1; }
echo "$("$work/direct" 'SELECT 1' | tail -1)"

sql "SELECT 1"
startup=$(best_of_3 timed_sql "SELECT 1")
echo "clxs sql start-up: ${startup}s"

# 1. Deep clone of ~1 GB vs cp -r.
rows_big=$(scaled 14000000)
sql "CREATE SCHEMA main.bench"
sql "CREATE TABLE main.bench.big AS SELECT range AS id, md5(CAST(range AS VARCHAR)) AS a, md5(CAST(range * 7 AS VARCHAR)) AS b, range * 1.5 AS x FROM range($rows_big)"
big_dir="$data/local/warehouse/main/bench/big"
big_bytes=$(du -sb "$big_dir" | cut -f1)
sync
t0=$(now); sql "CREATE TABLE main.bench.big_clone DEEP CLONE main.bench.big"; t1=$(now)
clone_s=$(minus "$(elapsed "$t0" "$t1")" "$startup")
sync
t0=$(now); cp -r "$big_dir" "$work/big_copy"; sync; t1=$(now)
cp_s=$(elapsed "$t0" "$t1")
echo "deep clone of $((big_bytes / 1000000)) MB ($rows_big rows): clxs ${clone_s}s, cp -r ${cp_s}s, ratio $(ratio "$clone_s" "$cp_s") (target <= 1.5)"

# 2. Shallow clone of 1,000 tables.
tables=$(scaled 1000); [[ "$tables" -ge 1 ]] || tables=1
{
  for i in $(seq 1 "$tables"); do echo "CREATE TABLE main.bench.src_$i AS SELECT $i AS id;"; done
} > "$work/create.sql"
sql -f "$work/create.sql"
{
  for i in $(seq 1 "$tables"); do echo "CREATE TABLE main.bench.shallow_$i SHALLOW CLONE main.bench.src_$i;"; done
} > "$work/clone.sql"
t0=$(now); sql -f "$work/clone.sql"; t1=$(now)
shallow_s=$(minus "$(elapsed "$t0" "$t1")" "$startup")
echo "shallow clone of $tables tables: ${shallow_s}s (target <= 2 s at 1,000)"

# 3. Queries over 10 M rows: clxs vs DuckDB on the same Parquet files.
rows_q=$(scaled 10000000)
sql "CREATE TABLE main.bench.q AS SELECT range AS id, range % 1000 AS k, random() AS v FROM range($rows_q)"
q_files="'$data/local/warehouse/main/bench/q/*.parquet'"
run_count() { minus "$(timed_sql "SELECT count(*) FROM main.bench.q")" "$startup"; }
run_group() { minus "$(timed_sql "SELECT k, sum(v), count(*) FROM main.bench.q GROUP BY k")" "$startup"; }
count_clxs=$(best_of_3 run_count)
group_clxs=$(best_of_3 run_group)
count_direct=$(direct "SELECT count(*) FROM read_parquet($q_files)")
group_direct=$(direct "SELECT k, sum(v), count(*) FROM read_parquet($q_files) GROUP BY k")
echo "count(*) over $rows_q rows: clxs ${count_clxs}s, duckdb ${count_direct}s, ratio $(ratio "$count_clxs" "$count_direct") (target <= 1.1)"
echo "grouped aggregate over $rows_q rows: clxs ${group_clxs}s, duckdb ${group_direct}s, ratio $(ratio "$group_clxs" "$group_direct") (target <= 1.1)"
