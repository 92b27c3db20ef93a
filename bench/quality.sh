#!/usr/bin/env bash
# The quality plugin's run of 20 row-level checks on a 10-column table of ROWS rows (default
# 10 M; SCALE multiplies it), on the local workspace of a real `clxs serve`:
#   (a) POST /api/governance/dqx/run (one query for the 20 checks), wall time of the request,
#       against one hand-written aggregate query doing the same 20 counts with DuckDB
#       directly on the same Parquet files (a tiny C client of the pinned DuckDB, best of 3);
#       target: clxs <= 1.3x DuckDB;
#   (b) the same 20 checks as one query each (the original's way), with DuckDB directly:
#       the factor is reported;
#   (c) the server's resident memory after the run (VmHWM: its peak), which must not grow
#       with the rows: run with SCALE=0.1 and SCALE=1 and compare.
# Both sides must agree on every count (the script stops otherwise). Reports, never asserts.
#
#   bench/quality.sh          CLXS_BIN=/path/to/clxs (default build/bin/clxs), SCALE=0.1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLXS="${CLXS_BIN:-$ROOT/build/bin/clxs}"
SCALE="${SCALE:-1}"
DUCKDB_DIR="$ROOT/third_party/duckdb"
die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$CLXS" ]] || die "$CLXS is missing; run make build"
command -v jq > /dev/null || die "jq is missing"
rows=$(awk -v s="$SCALE" 'BEGIN { printf "%d", 10000000 * s }')
work="$(mktemp -d)"
# shellcheck source=bench/server_lib.sh
source "$ROOT/bench/server_lib.sh"
trap 'stop_server; rm -rf "$work"' EXIT
data="$work/data"

cat > "$work/direct.c" <<'C'
#include <stdio.h>
#include <time.h>
#include "duckdb.h"
/* Best of 3 wall seconds of argv[1] on a fresh in-memory database, then its first row. */
int main(int argc, char** argv) {
  if (argc != 2) return 2;
  double best = -1;
  for (int i = 0; i < 3; ++i) {
    duckdb_database db; duckdb_connection c; duckdb_result r;
    if (duckdb_open(NULL, &db) != DuckDBSuccess || duckdb_connect(db, &c) != DuckDBSuccess) return 1;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (duckdb_query(c, argv[1], &r) != DuckDBSuccess) { fprintf(stderr, "%s\n", duckdb_result_error(&r)); return 1; }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    if (best < 0 || s < best) best = s;
    if (i == 2) {
      printf("%.3f\n", best);
      for (idx_t col = 0; col < duckdb_column_count(&r); ++col) {
        char* v = duckdb_value_varchar(&r, col, 0);
        printf("%s%s", col ? " " : "", v ? v : "NULL");
        duckdb_free(v);
      }
      printf("\n");
    }
    duckdb_destroy_result(&r); duckdb_disconnect(&c); duckdb_close(&db);
  }
  return 0;
}
C
gcc -O2 "$work/direct.c" -I"$DUCKDB_DIR/include" -L"$DUCKDB_DIR/lib" -lduckdb \
  -Wl,-rpath,"$DUCKDB_DIR/lib" -o "$work/direct"

bench_identity
echo "clxs: $("$CLXS" version)"
echo "rows: $rows"
"$CLXS" sql --data-dir "$data" "CREATE SCHEMA main.bench" > /dev/null
"$CLXS" sql --data-dir "$data" "CREATE TABLE main.bench.facts AS SELECT range AS id,
  (range % 1000) * 0.5 AS a, CASE WHEN range % 97 = 0 THEN NULL ELSE range * 0.1 END AS b,
  range % 50 AS c, md5(CAST(range AS STRING)) AS d,
  CASE WHEN range % 13 = 0 THEN '' ELSE concat('x', CAST(range % 7 AS STRING)) END AS e,
  date_add(DATE'2020-01-01', CAST(range % 2000 AS INT)) AS f, range % 1000003 AS g,
  (range % 1000) / 1000.0 AS h,
  CASE range % 3 WHEN 0 THEN 'red' WHEN 1 THEN 'green' ELSE 'blue' END AS i
  FROM range($rows)" > /dev/null
files="$data/local/warehouse/main/bench/facts/*.parquet"

# The 20 checks (JSON for the route) and the same condition (TRUE fails) written by hand for
# DuckDB, in one list: body@@condition.
checks=(
  '{"check_type":"is_not_null","arguments":{"column":"b"}}@@b IS NULL'
  '{"check_type":"is_not_null","arguments":{"column":"d"}}@@d IS NULL'
  '{"check_type":"is_not_empty","arguments":{"column":"e"}}@@e = '"''"
  '{"check_type":"is_in_range","arguments":{"column":"a","min_limit":0,"max_limit":400}}@@a < 0 OR a > 400'
  '{"check_type":"is_not_less_than","arguments":{"column":"c","limit":1}}@@c < 1'
  '{"check_type":"is_not_greater_than","arguments":{"column":"g","limit":1000000}}@@g > 1000000'
  '{"check_type":"is_in_list","arguments":{"column":"i","allowed":["red","green"]}}@@i NOT IN ('"'red', 'green'"')'
  '{"check_type":"regex_match","arguments":{"column":"d","regex":"^[0-9a-c]"}}@@NOT regexp_matches(d, '"'^[0-9a-c]'"')'
  '{"check_type":"is_not_null_and_not_empty","arguments":{"column":"e"}}@@e IS NULL OR e = '"''"
  '{"check_type":"sql_expression","arguments":{"expression":"a <= 450"}}@@NOT (a <= 450)'
  '{"check_type":"is_in_range","arguments":{"column":"h","min_limit":0,"max_limit":0.99}}@@h < 0 OR h > 0.99'
  '{"check_type":"is_not_null","arguments":{"column":"f"}}@@f IS NULL'
  '{"check_type":"is_in_range","arguments":{"column":"c","min_limit":0,"max_limit":48}}@@c < 0 OR c > 48'
  '{"check_type":"is_not_less_than","arguments":{"column":"a","limit":0.5}}@@a < 0.5'
  '{"check_type":"is_not_in_list","arguments":{"column":"c","forbidden":[13]}}@@c IN (13)'
  '{"check_type":"is_not_null","arguments":{"column":"i"}}@@i IS NULL'
  '{"check_type":"is_not_greater_than","arguments":{"column":"b","limit":999999}}@@b > 999999'
  '{"check_type":"regex_match","arguments":{"column":"i","regex":"^(red|green)$"}}@@NOT regexp_matches(i, '"'^(red|green)\$'"')'
  '{"check_type":"is_not_less_than","arguments":{"column":"id","limit":5}}@@id < 5'
  '{"check_type":"is_not_greater_than","arguments":{"column":"h","limit":0.5}}@@h > 0.5'
)

start_server "$CLXS" "$data" "$work"
counts="count(*)"
conditions=()
for entry in "${checks[@]}"; do
  body="${entry%%@@*}"
  condition="${entry#*@@}"
  conditions+=("$condition")
  counts+=", count_if(coalesce(($condition), false))"
  status=$(post /api/governance/dqx/checks "$(jq -c '. + {table_fqn: "main.bench.facts"}' <<< "$body")")
  [[ "$status" == 200 ]] || die "creating a check answered $status: $(cat "$work/answer.json")"
done

# (a) clxs: best of 3 runs.
best=""
for _ in 1 2 3; do
  t0=$(now)
  status=$(post /api/governance/dqx/run '{"table_fqn":"main.bench.facts"}')
  t1=$(now)
  [[ "$status" == 200 ]] || die "the run answered $status: $(cat "$work/answer.json")"
  t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
done
clxs_counts="$(jq -r '[.input_rows] + [.details[] | (.error_count + .warning_count)] | map(tostring) | join(" ")' "$work/answer.json")"
rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")

# (a) DuckDB: the same counts in one query.
mapfile -t direct < <("$work/direct" "SELECT $counts FROM read_parquet('$files')")
[[ "${direct[1]}" == "$clxs_counts" ]] || die "counts differ: clxs $clxs_counts, DuckDB ${direct[1]}"

# (b) one query per check, with DuckDB directly.
per_check=0
for condition in "${conditions[@]}"; do
  mapfile -t one < <("$work/direct" "SELECT count_if(coalesce(($condition), false)) FROM read_parquet('$files')")
  per_check=$(awk -v a="$per_check" -v b="${one[0]}" 'BEGIN { printf "%.3f", a + b }')
done

ratio=$(awk -v a="$best" -v b="${direct[0]}" 'BEGIN { printf "%.2f", a / b }')
factor=$(awk -v a="$per_check" -v b="${direct[0]}" 'BEGIN { printf "%.1f", a / b }')
echo "counts (input, then each check): $clxs_counts"
printf '%-52s %8ss\n' "clxs POST /dqx/run, 20 checks, one query" "$best"
printf '%-52s %8ss\n' "DuckDB, one hand-written aggregate query" "${direct[0]}"
printf '%-52s %8ss\n' "DuckDB, one query per check (20 scans)" "$per_check"
echo "clxs / one query: $ratio (target <= 1.3); per-check scans / one query: $factor"
echo "server peak RSS after the run: $((rss_kb / 1024)) MiB"
