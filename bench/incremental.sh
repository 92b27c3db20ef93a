#!/usr/bin/env bash
# Incremental sync against a full clone, in one run on the local workspace through the real
# server (`clxs serve` on a free loopback port with a temporary data directory):
#   1. a source catalog of TABLES Delta tables (SCHEMAS schemas, ROWS rows each) is written
#      with `clxs sql` (not timed);
#   2. full DEEP clone src -> dst, timed from POST /api/clone to the job's end (the job's own
#      created_at and completed_at, in milliseconds);
#   3. CHANGED tables of the source get new rows (not timed);
#   4. POST /api/incremental/sync src -> dst (schema_name "*"), timed the same way; the job
#      must re-clone exactly the CHANGED tables, and a check afterwards must find nothing;
#   5. the ratio incremental / full (target <= 0.1).
# Targets are reported, never asserted; the script fails only on errors.
#
#   bench/incremental.sh                      TABLES=200 SCHEMAS=4 ROWS=20000 CHANGED=5
#   CLXS_BIN=/path/to/clxs bench/incremental.sh   (default: BUILD_DIR/bin/clxs, BUILD_DIR=build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
[[ "$BUILD_DIR" = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
CLXS="${CLXS_BIN:-$BUILD_DIR/bin/clxs}"
TABLES="${TABLES:-200}"
SCHEMAS="${SCHEMAS:-4}"
ROWS="${ROWS:-20000}"
CHANGED="${CHANGED:-5}"
TIMEOUT="${TIMEOUT:-3600}"

die() { echo "bench: error: $*" >&2; exit 1; }
for tool in curl jq; do command -v "$tool" > /dev/null || die "$tool is missing"; done
[[ -x "$CLXS" ]] || die "$CLXS is missing; run make build"
((TABLES >= SCHEMAS && SCHEMAS >= 1 && CHANGED <= TABLES)) || die "need SCHEMAS <= TABLES, CHANGED <= TABLES"

work="$(mktemp -d "${TMPDIR:-/tmp}/clxs-bench-incremental.XXXXXX")"
# shellcheck source=bench/server_lib.sh
source "$ROOT/bench/server_lib.sh"
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_identity

# 1. The source catalog.
data="$work/data"
mkdir -p "$data"
{
  echo "CREATE CATALOG src;"
  for s in $(seq 1 "$SCHEMAS"); do echo "CREATE SCHEMA src.s$s;"; done
  for t in $(seq 1 "$TABLES"); do
    s=$(((t - 1) % SCHEMAS + 1))
    echo "CREATE TABLE src.s$s.t$t AS SELECT id, id * 2 AS amount, 'row ' || id AS label FROM range(0, $ROWS) AS r(id);"
  done
} > "$work/seed.sql"
s0=$(now)
"$CLXS" sql --data-dir "$data" -f "$work/seed.sql" > "$work/seed.log" 2>&1 ||
  { tail -20 "$work/seed.log" >&2; die "seeding failed"; }
echo "source: $TABLES tables in $SCHEMAS schemas, $ROWS rows each, written in $(elapsed "$s0" "$(now)") s"

start_server "$CLXS" "$data" "$work"

# run_job PATH JSON: submits a job and waits; prints the seconds from the job's creation (the
# POST) to its end, from the server's own millisecond timestamps: the script's polling (every
# 0.1 s) would otherwise add up to 0.1 s to both figures.
run_job() {
  local code job status
  code=$(post "$1" "$2")
  [[ "$code" == 200 ]] || die "POST $1 answered $code: $(cat "$work/answer.json")"
  job=$(jq -r .job_id "$work/answer.json")
  wait_job "$job" "$TIMEOUT"
  elapsed "$(date -d "$(jq -r .created_at "$work/job.json")" +%s.%N)" \
    "$(date -d "$(jq -r .completed_at "$work/job.json")" +%s.%N)"
  status=$(jq -r .status "$work/job.json")
  [[ "$status" == completed ]] ||
    die "job $job ($1) ended $status: $(jq -c '.error, .result.errors' "$work/job.json")"
}

# 2. Full clone.
full=$(run_job /api/clone '{"source_catalog": "src", "destination_catalog": "dst", "clone_type": "DEEP"}')
cloned=$(jq .result.tables.success "$work/job.json")
[[ "$cloned" == "$TABLES" ]] || die "the full clone cloned $cloned of $TABLES tables"
echo "full DEEP clone: $full s ($cloned tables)"

# 3. Change some tables.
{
  for t in $(seq 1 "$CHANGED"); do
    s=$(((t - 1) % SCHEMAS + 1))
    echo "INSERT INTO src.s$s.t$t VALUES ($ROWS + 1, 0, 'new');"
  done
} > "$work/change.sql"
"$CLXS" sql --data-dir "$data" -f "$work/change.sql" > "$work/change.log" 2>&1 ||
  { cat "$work/change.log" >&2; die "changing the source failed"; }

# 4. Incremental sync.
body='{"source_catalog": "src", "destination_catalog": "dst", "schema_name": "*"}'
inc=$(run_job /api/incremental/sync "$body")
updated=$(jq .result.tables_updated "$work/job.json")
# The sync's own phase timings, from its job log.
jq -r '.logs[] | select(test(" in [0-9]+ ms"))' "$work/job.json" | sed 's/^/  sync log: /'
[[ "$updated" == "$CHANGED" ]] || die "the incremental sync re-cloned $updated tables, not $CHANGED"
code=$(post /api/incremental/check "$body")
[[ "$code" == 200 ]] || die "POST /api/incremental/check answered $code"
left=$(jq .tables_needing_sync "$work/answer.json")
[[ "$left" == 0 ]] || die "after the sync, $left tables still need one"
ratio=$(awk -v a="$inc" -v b="$full" 'BEGIN { printf "%.3f", a / b }')
echo "incremental sync: $inc s ($updated tables re-cloned, $((TABLES - CHANGED)) untouched)"
echo "ratio incremental / full: $ratio (target <= 0.1)"

echo
echo "Row for docs/benchmarks.md ($machine):"
echo "| $day | $commit | Incremental sync of a $TABLES-table catalog ($ROWS rows per table) with $CHANGED changed tables vs a full DEEP clone, local workspace, POST to job end | $inc s | $full s | $ratio | ≤ 0.1 |"
