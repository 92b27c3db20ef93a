#!/usr/bin/env bash
# The local workspace (DuckDB + Delta on this disk) against its baselines, in one run, with
# the real `clxs sql` on a temporary data directory (removed on exit):
#   1. DEEP CLONE of a ~1 GB Delta table (14 M rows: id BIGINT, two md5 strings, a DOUBLE)
#      vs `cp -r` of the same table directory; target: clone <= 1.5x cp.
#      Both sides are timed from a `sync` to the end of a second `sync`, so both include
#      writing the copy back to disk: clxs neither fsyncs the copied data files nor waits for
#      them, so without the second `sync` its dirty pages would be flushed on cp's clock.
#      The figures without that flush are printed too. cp runs after the clone; the source
#      is in the page cache for both (it was just written by CTAS).
#   2. SHALLOW CLONE of 1,000 one-row tables, all in one `clxs sql -f` script; target 2 s.
#      The 1,000 sources are created first by another `clxs sql -f` script (not timed).
#   3. `SELECT count(*)` and `SELECT id % 100 AS k, sum(x), count(*) ... GROUP BY 1` over a
#      10 M-row table (id BIGINT, x DOUBLE), through `clxs sql`, vs DuckDB reading the same
#      Parquet files with read_parquet('<table dir>/*.parquet'); target <= 1.1x.
#      The DuckDB side is timed with clock_gettime around duckdb_query() inside a tiny C
#      client of the pinned DuckDB (third_party/duckdb), each run in a fresh in-memory
#      database (opening it is not timed), so it has no process start-up either. Each query
#      is best of 3 on both sides; both use DuckDB's default settings (threads = cores).
#   5. The fixed cost of a trivial statement (`SELECT 1`): in `clxs sql` (its process start-up,
#      measured before each section) and through a server, as POST /api/2.0/sql/statements to
#      `clxs emulate` on the same data directory, 200 requests on one keep-alive connection
#      (median and p95 reported).
#   4. DELETE of one row from a 10 M-row table stored in 100 files (id BIGINT, x DOUBLE) vs an
#      UPDATE that rewrites every file of the same table; target: delete <= 0.05x rewrite
#      (a DELETE rewrites only the file holding the row). Best of 3 deletes (a different row
#      each time), one rewrite.
# Every clxs figure is the wall time of one `clxs sql` process minus the start-up of a
# trivial `clxs sql "SELECT 1"` on the same data directory (best of 3, measured again before
# each section and printed). The raw wall times are printed as well. Targets are reported,
# never asserted; the script fails only on errors, including a wrong query result.
#
#   bench/local-engine.sh              full size (several minutes, ~3 GB of temporary disk)
#   SECTIONS="dml" bench/local-engine.sh   only the named sections (clone shallow query dml server)
#   SCALE=0.05 bench/local-engine.sh   quick run, every size scaled by SCALE
#   CLXS_BIN=/path/to/clxs             binary under test (default: build/bin/clxs)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLXS="${CLXS_BIN:-$ROOT/build/bin/clxs}"
SCALE="${SCALE:-1}"
SECTIONS="${SECTIONS:-clone shallow query dml server}"
want() { [[ " $SECTIONS " == *" $1 "* ]]; }
DUCKDB_DIR="$ROOT/third_party/duckdb"
[[ -x "$CLXS" ]] || { echo "bench: $CLXS is missing; run make build" >&2; exit 1; }
[[ -f "$DUCKDB_DIR/include/duckdb.h" ]] || { echo "bench: DuckDB missing; run make build" >&2; exit 1; }
awk -v s="$SCALE" 'BEGIN { exit !(s > 0 && s <= 1) }' || { echo "bench: SCALE must be in (0, 1]" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data="$work/data"
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { v = a - b; if (v < 0) v = 0; printf "%.3f", v }'; }
scaled() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s); if (v < 1) v = 1; print v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.2f", a / b }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%d ms", s * 1000 + 0.5 }'; }
sql() { "$CLXS" sql --data-dir "$data" "$@" > /dev/null; }
timed_sql() {  # wall seconds of one clxs sql process
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
# Start-up of a trivial statement: prints "best spread" of 3 runs; the spread is the noise
# floor of every clxs figure below.
measure_startup() {
  local a b c
  a=$(timed_sql "SELECT 1"); b=$(timed_sql "SELECT 1"); c=$(timed_sql "SELECT 1")
  echo "$a $b $c" | awk '{ lo = $1; hi = $1; for (i = 2; i <= 3; ++i) { if ($i < lo) lo = $i; if ($i > hi) hi = $i }
                           printf "%.3f %.3f", lo, hi - lo }'
}

# A tiny DuckDB client: prints the best of 3 timings of argv[1], then the result's row count
# and first value (so the script can check both sides agree), then DuckDB's version. Each run
# gets a fresh in-memory database, as each clxs run gets a fresh process; opening it is not
# timed, as clxs's start-up is subtracted.
cat > "$work/direct.c" <<'C'
#include <stdio.h>
#include <time.h>
#include "duckdb.h"
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
      char* first = duckdb_row_count(&r) > 0 ? duckdb_value_varchar(&r, 0, 0) : NULL;
      printf("%.3f\n%llu\n%s\n", best, (unsigned long long)duckdb_row_count(&r), first ? first : "");
      duckdb_free(first);
      printf("duckdb %s\n", duckdb_library_version());
    }
    duckdb_destroy_result(&r);
    duckdb_disconnect(&c);
    duckdb_close(&db);
  }
  return 0;
}
C
gcc -O2 "$work/direct.c" -I"$DUCKDB_DIR/include" -L"$DUCKDB_DIR/lib" -lduckdb \
  -Wl,-rpath,"$DUCKDB_DIR/lib" -o "$work/direct"

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
duckdb_version="$("$work/direct" 'SELECT 1' | tail -1)"
echo "machine: $machine"
echo "clxs: $("$CLXS" version)"
echo "$duckdb_version"
echo "scale: $SCALE"

sql "SELECT 1"
sql "CREATE SCHEMA main.bench"
warehouse="$data/local/warehouse/main/bench"

# 1. Deep clone of ~1 GB vs cp -r.
clone_s=n/a cp_s=n/a clone_ratio=n/a big_mb=0 rows_big=0
if want clone; then
rows_big=$(scaled 14000000)
sql "CREATE TABLE main.bench.big AS SELECT range AS id, md5(CAST(range AS VARCHAR)) AS a, md5(CAST(range * 7 AS VARCHAR)) AS b, range * 1.5 AS x FROM range($rows_big)"
big_bytes=$(du -sb "$warehouse/big" | cut -f1)
su=$(measure_startup); read -r startup1 spread1 <<< "$su"
sync
t0=$(now); sql "CREATE TABLE main.bench.big_clone DEEP CLONE main.bench.big"; t1=$(now); sync; t2=$(now)
clone_raw=$(elapsed "$t0" "$t2")
clone_s=$(minus "$clone_raw" "$startup1")
clone_noflush=$(minus "$(elapsed "$t0" "$t1")" "$startup1")
sync
t0=$(now); cp -r "$warehouse/big" "$work/big_copy"; t1=$(now); sync; t2=$(now)
cp_s=$(elapsed "$t0" "$t2")
cp_noflush=$(elapsed "$t0" "$t1")
rm -rf "$work/big_copy"
big_mb=$((big_bytes / 1000000))
echo "clxs sql start-up: ${startup1}s (spread of 3 runs ${spread1}s)"
echo "deep clone of $big_mb MB ($rows_big rows), to the end of sync: clxs ${clone_s}s (raw ${clone_raw}s), cp -r ${cp_s}s"
echo "  without the final sync: clxs ${clone_noflush}s, cp -r ${cp_noflush}s"
clone_ratio=$(ratio "$clone_s" "$cp_s")
fi

# 2. Shallow clone of 1,000 tables.
shallow_s=n/a tables=0
if want shallow; then
tables=$(scaled 1000)
for i in $(seq 1 "$tables"); do echo "CREATE TABLE main.bench.src_$i AS SELECT $i AS id;"; done \
  > "$work/create.sql"
sql -f "$work/create.sql"
for i in $(seq 1 "$tables"); do
  echo "CREATE TABLE main.bench.shallow_$i SHALLOW CLONE main.bench.src_$i;"
done > "$work/clone.sql"
su=$(measure_startup); read -r startup2 spread2 <<< "$su"
t0=$(now); sql -f "$work/clone.sql"; t1=$(now)
shallow_raw=$(elapsed "$t0" "$t1")
shallow_s=$(minus "$shallow_raw" "$startup2")
per_clone_ms=$(awk -v s="$shallow_s" -v n="$tables" 'BEGIN { printf "%.2f", s * 1000 / n }')
echo "clxs sql start-up: ${startup2}s (spread of 3 runs ${spread2}s)"
echo "shallow clone of $tables tables: ${shallow_s}s (raw ${shallow_raw}s, ${per_clone_ms} ms each)"
fi

# A ratio with a figure of a few ms is noise from the start-up subtraction.
query_ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < 0.005 || b < 0.005) }' && { echo "n/a"; return; }
  ratio "$1" "$2"
}

# 3. Queries over 10 M rows: clxs vs DuckDB on the same Parquet files.
count_clxs=n/a count_direct=n/a group_clxs=n/a group_direct=n/a count_ratio=n/a group_ratio=n/a
rows_q=0
if want query; then
rows_q=$(scaled 10000000)
sql "CREATE TABLE main.bench.q AS SELECT range AS id, random() AS x FROM range($rows_q)"
q_files="'$warehouse/q/*.parquet'"
count_query() { echo "SELECT count(*) FROM $1"; }
group_query() { echo "SELECT id % 100 AS k, sum(x), count(*) FROM $1 GROUP BY 1"; }
count_clxs_q=$(count_query main.bench.q)
group_clxs_q=$(group_query main.bench.q)
count_direct_q=$(count_query "read_parquet($q_files)")
group_direct_q=$(group_query "read_parquet($q_files)")
groups=$((rows_q < 100 ? rows_q : 100))
# Results first (untimed): both sides must agree before their timings mean anything.
clxs_count=$("$CLXS" sql --data-dir "$data" --json "$count_clxs_q" | grep -o '[0-9][0-9]*' | tail -1)
clxs_groups=$("$CLXS" sql --data-dir "$data" --json "$group_clxs_q" | grep -o '"k":' | wc -l)
mapfile -t direct_count < <("$work/direct" "$count_direct_q")
mapfile -t direct_group < <("$work/direct" "$group_direct_q")
if [[ "$clxs_count" != "$rows_q" || "${direct_count[2]}" != "$rows_q" ]]; then
  echo "bench: count(*) gave clxs '$clxs_count', DuckDB '${direct_count[2]}', expected $rows_q" >&2
  exit 1
fi
if [[ "$clxs_groups" != "$groups" || "${direct_group[1]}" != "$groups" ]]; then
  echo "bench: GROUP BY gave clxs $clxs_groups groups, DuckDB ${direct_group[1]}, expected $groups" >&2
  exit 1
fi
su=$(measure_startup); read -r startup3 spread3 <<< "$su"
count_raw=$(best_of_3 timed_sql "$count_clxs_q")
group_raw=$(best_of_3 timed_sql "$group_clxs_q")
count_clxs=$(minus "$count_raw" "$startup3")
group_clxs=$(minus "$group_raw" "$startup3")
count_direct=${direct_count[0]}
group_direct=${direct_group[0]}
echo "clxs sql start-up: ${startup3}s (spread of 3 runs ${spread3}s)"
echo "count(*) over $rows_q rows: clxs ${count_clxs}s (raw ${count_raw}s), duckdb ${count_direct}s"
echo "grouped aggregate over $rows_q rows: clxs ${group_clxs}s (raw ${group_raw}s), duckdb ${group_direct}s"
count_ratio=$(query_ratio "$count_clxs" "$count_direct")
group_ratio=$(query_ratio "$group_clxs" "$group_direct")
fi

# 4. DELETE of one row from 100 files vs rewriting every file.
delete_s=n/a rewrite_s=n/a dml_ratio=n/a rows_d=0 files_d=0 delete_dv_s=n/a dv_ratio=n/a
if want dml; then
rows_d=$(scaled 10000000)
files_d=100
per_file=$(( (rows_d + files_d - 1) / files_d ))
sql "CREATE TABLE main.bench.d (id BIGINT, x DOUBLE)"
for f in $(seq 0 $((files_d - 1))); do
  echo "INSERT INTO main.bench.d SELECT range AS id, random() AS x FROM range($((f * per_file)), $(((f + 1) * per_file)));"
done > "$work/fill.sql"
sql -f "$work/fill.sql"
su=$(measure_startup); read -r startup4 spread4 <<< "$su"
# best_of_3 runs each in a subshell, so the next row to delete is kept in a file.
echo 0 > "$work/victim"
delete_one() {
  local victim
  victim=$(($(cat "$work/victim") + per_file + 7))
  echo "$victim" > "$work/victim"
  timed_sql "DELETE FROM main.bench.d WHERE id = $victim"
}
delete_raw=$(best_of_3 delete_one)
delete_s=$(minus "$delete_raw" "$startup4")
rewrite_raw=$(timed_sql "UPDATE main.bench.d SET x = x + 1")
rewrite_s=$(minus "$rewrite_raw" "$startup4")
remaining=$("$CLXS" sql --data-dir "$data" --json "SELECT count(*) AS n FROM main.bench.d" | grep -o '[0-9][0-9]*' | tail -1)
if [[ "$remaining" != "$((per_file * files_d - 3))" ]]; then
  echo "bench: after three deletes the table has $remaining rows, expected $((per_file * files_d - 3))" >&2
  exit 1
fi
dml_ratio=$(query_ratio "$delete_s" "$rewrite_s")
# The same DELETE on a copy of the table with deletion vectors: no file is rewritten at all.
sql "CREATE TABLE main.bench.dv (id BIGINT, x DOUBLE) TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')"
sed 's/main\.bench\.d /main.bench.dv /' "$work/fill.sql" > "$work/fill_dv.sql"
sql -f "$work/fill_dv.sql"
echo 0 > "$work/victim"
delete_dv() {
  local victim
  victim=$(($(cat "$work/victim") + per_file + 7))
  echo "$victim" > "$work/victim"
  timed_sql "DELETE FROM main.bench.dv WHERE id = $victim"
}
delete_dv_raw=$(best_of_3 delete_dv)
delete_dv_s=$(minus "$delete_dv_raw" "$startup4")
dv_ratio=$(query_ratio "$delete_dv_s" "$rewrite_s")
echo "delete of 1 row with deletion vectors: ${delete_dv_s}s (raw ${delete_dv_raw}s)"
echo "clxs sql start-up: ${startup4}s (spread of 3 runs ${spread4}s)"
echo "delete of 1 row of $rows_d in $files_d files: ${delete_s}s (raw ${delete_raw}s); rewrite of every file: ${rewrite_s}s (raw ${rewrite_raw}s)"
fi
met() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "n/a") print "n/a"; else print (v <= t ? "met" : "MISSED") }'; }

echo
printf '%-34s %10s %10s %7s %9s %s\n' measure clxs baseline ratio target result
want clone && printf '%-34s %9ss %9ss %7s %9s %s\n' "deep clone $big_mb MB vs cp -r" "$clone_s" "$cp_s" \
  "$clone_ratio" "<= 1.5" "$(met "$clone_ratio" 1.5)"
want shallow && printf '%-34s %9ss %10s %7s %9s %s\n' "shallow clone x $tables" "$shallow_s" - - "<= 2 s" \
  "$(met "$shallow_s" 2)"
want query && printf '%-34s %9ss %9ss %7s %9s %s\n' "count(*), $rows_q rows" "$count_clxs" "$count_direct" \
  "$count_ratio" "<= 1.1" "$(met "$count_ratio" 1.1)"
want query && printf '%-34s %9ss %9ss %7s %9s %s\n' "GROUP BY id % 100, $rows_q rows" "$group_clxs" \
  "$group_direct" "$group_ratio" "<= 1.1" "$(met "$group_ratio" 1.1)"
want dml && printf '%-34s %9ss %9ss %7s %9s %s\n' "DELETE 1 row of $rows_d, $files_d files" "$delete_s" \
  "$rewrite_s" "$dml_ratio" "<= 0.05" "$(met "$dml_ratio" 0.05)"
want dml && printf '%-34s %9ss %9ss %7s %9s %s\n' "  the same with deletion vectors" "$delete_dv_s" \
  "$rewrite_s" "$dv_ratio" "<= 0.05" "$(met "$dv_ratio" 0.05)"

# 5. A trivial statement through a server.
server_median=n/a server_p95=n/a
if want server; then
port_file="$work/emulate.port"
"$CLXS" emulate --port 0 --port-file "$port_file" --data-dir "$data" --token bench \
  > "$work/emulate.log" 2>&1 &
emulate_pid=$!
for _ in $(seq 1 100); do [[ -s "$port_file" ]] && break; sleep 0.1; done
[[ -s "$port_file" ]] || { echo "bench: clxs emulate did not start" >&2; cat "$work/emulate.log" >&2; exit 1; }
read -r server_median server_p95 < <(python3 - "$(cat "$port_file")" <<'PY'
import http.client, json, sys, time
conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=30)
body = json.dumps({"statement": "SELECT 1", "warehouse_id": "local", "wait_timeout": "30s"})
headers = {"Authorization": "Bearer bench", "Content-Type": "application/json"}
times = []
for i in range(220):
    t0 = time.perf_counter()
    conn.request("POST", "/api/2.0/sql/statements", body, headers)
    r = conn.getresponse()
    payload = json.loads(r.read())
    t1 = time.perf_counter()
    if r.status != 200 or payload.get("status", {}).get("state") != "SUCCEEDED":
        sys.exit("bench: SELECT 1 through the server failed: %s" % payload)
    if i >= 20:  # the first requests warm the connection and the engine
        times.append(t1 - t0)
times.sort()
print("%.4f %.4f" % (times[len(times) // 2], times[int(len(times) * 0.95)]))
PY
)
kill "$emulate_pid" 2> /dev/null || true
wait "$emulate_pid" 2> /dev/null || true
su=$(measure_startup); read -r startup5 spread5 <<< "$su"
echo "SELECT 1: clxs sql ${startup5}s (its whole process); through clxs emulate median ${server_median}s, p95 ${server_p95}s"
fi

day=$(date -u +%F)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)
echo
echo "Rows for docs/benchmarks.md ($machine, $duckdb_version, SCALE=$SCALE):"
want clone && echo "| $day | $commit | DEEP CLONE of a $big_mb MB Delta table ($rows_big rows) vs \`cp -r\` of its directory, both to the end of \`sync\` | $clone_s s | $cp_s s | $clone_ratio | ≤ 1.5 |"
want shallow && echo "| $day | $commit | SHALLOW CLONE of $tables tables, one \`clxs sql -f\` script | $shallow_s s | n/a | n/a | ≤ 2 s |"
want query && echo "| $day | $commit | \`SELECT count(*)\` over $rows_q rows vs DuckDB on the same Parquet files | $(ms "$count_clxs") | $(ms "$count_direct") | $count_ratio | ≤ 1.1 |"
want query && echo "| $day | $commit | \`GROUP BY id % 100\` with sum and count over $rows_q rows vs DuckDB on the same Parquet files | $(ms "$group_clxs") | $(ms "$group_direct") | $group_ratio | ≤ 1.1 |"
want server && echo "| $day | $commit | \`SELECT 1\`: a whole \`clxs sql\` process, and one request to \`clxs emulate\` (median, p95 of 200) | $startup5 s | $server_median s (p95 $server_p95 s) | n/a | reported |"
want dml && echo "| $day | $commit | \`DELETE\` of 1 row from $rows_d rows in $files_d files vs an \`UPDATE\` rewriting every file | $delete_s s | $rewrite_s s | $dml_ratio | ≤ 0.05 |"
want dml && echo "| $day | $commit | the same \`DELETE\` on a table with deletion vectors | $delete_dv_s s | $rewrite_s s | $dv_ratio | ≤ 0.05 |"
exit 0
